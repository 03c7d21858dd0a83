"""One body under several names (宿城区人民政府, 宿城区政府, 宿迁市宿城区人民政府): the name a report's body goes by,
its canonical form, and the names of a run of reports joined into bodies.  The rewrites are
:mod:`suqian_report.rules.bodies`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..rules.bodies import PUBLISHER_IN_TITLE, REGION_PREFIX, REWRITES


def canonical_name(name: str) -> str:
    for pattern, repl in REWRITES:
        name = re.sub(pattern, repl, name)
    return name


def short_name(name: str) -> str:
    """The name without the regions above its own place (宿迁市宿城区人民政府 → 宿城区人民政府)."""
    return re.sub(REGION_PREFIX, "", name)


def body_name(publisher: str | None, title: str | None, source: str | None) -> str:
    """The name a report's body goes by: its publisher, else the body its title names, else its page (so that a
    report naming no body still shows, alone)."""
    if publisher:
        return publisher
    m = PUBLISHER_IN_TITLE.match(title or "")
    return m.group(1) if m else f"(no body named: {source or 'unknown page'})"


def join(names: Iterable[str], aliases: dict[str, str] | None = None) -> dict[str, str]:
    """Each name's body: the alias file first, then the canonical name, then a name without its region prefix
    joined to the one full name of the run that ends with it."""
    names = list(names)
    aliases = {canonical_name(k): canonical_name(v) for k, v in (aliases or {}).items()}
    full_by_short: dict[str, set[str]] = {}
    for n in {canonical_name(n) for n in names}:
        if short_name(n) != n:
            full_by_short.setdefault(short_name(n), set()).add(n)
    out: dict[str, str] = {}
    for name in names:
        n = canonical_name(name)
        if n in aliases:
            out[name] = aliases[n]
        elif n in full_by_short and len(full_by_short[n]) == 1:
            out[name] = next(iter(full_by_short[n]))
        else:
            out[name] = n
    return out
