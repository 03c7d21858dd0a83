"""Full-width digits and Latin letters to ASCII, and odd spaces to plain spaces.

``２０１３年`` and ``１１４０５７条`` must parse as numbers; ``＠`` and ``．`` are
turned to ASCII where they sit in an address or between digits.  Chinese
punctuation (，。：（）) is not touched.
"""

from __future__ import annotations

from ..core.patterns import Started
from .base import Change, Context

_FULL_ALNUM = r"\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"  # full-width digits and Latin letters
_ODD_SPACES = r"\u3000\u00a0\u2002-\u200a\u202f\u205f"
_WIDE = Started(rf"[{_FULL_ALNUM}]+|[{_ODD_SPACES}]", start=rf"[{_FULL_ALNUM}{_ODD_SPACES}]")
_D = r"[0-9\uff10-\uff19]"
_ALNUM = rf"[0-9A-Za-z{_FULL_ALNUM}]"
_CONTEXTUAL = Started(
    rf"(?<={_D})－(?={_D})|(?<={_ALNUM})．(?={_ALNUM})|(?<={_D})％|(?<={_ALNUM})＠", start="[－．％＠]"
)


def _ascii(s: str) -> str:
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else " " for c in s)  # spaces → " "


class Width:
    kind = "width"
    description = "full-width digit or letter, or ideographic/no-break space, made ASCII"

    def detect(self, text: str, ctx: Context) -> bool:
        return _WIDE.search(text) is not None or _CONTEXTUAL.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        changes = [Change(m.start(), m.end(), _ascii(m.group(0))) for m in _WIDE.finditer(text)]
        changes += [Change(m.start(), m.end(), _ascii(m.group(0))) for m in _CONTEXTUAL.finditer(text)]
        changes.sort(key=lambda c: c.start)
        return _merge(changes)


def _merge(changes: list[Change]) -> list[Change]:
    out: list[Change] = []
    for c in changes:
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out
