"""Patterns compiled where they are first used, not where a module defines them.

Compiling is most of a cold start.  Python's compiler builds a 65,536-entry map for each character class that
holds a character past U+00FF, one entry at a time for a range (about 1 ms for ``[\\u4e00-\\u9fff]``), and the
rules hold a few hundred such classes.  A rule's pattern is written with :func:`lazy` instead of
``re.compile``: a run then compiles only the rules its pages reach (a clean page never compiles the repairs of
damage it does not have, a text page never the HTML reader's).
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

# What a compiled pattern offers; after the first use each is the compiled pattern's own, held on the instance.
_COMPILED = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "groupindex",
    "groups",
    "flags",
)


class Lazy:
    """A pattern compiled on its first use.  ``pattern`` is its source, as :attr:`re.Pattern.pattern`."""

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self.pattern, self._flags = pattern, flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "pattern":  # not an attribute of a pattern (copy and pickle probe these)
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for attr in _COMPILED:
            setattr(self, attr, getattr(compiled, attr))  # looked up from now on as fast as the pattern's own
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done where the pattern is first used."""
    return cast("re.Pattern[AnyStr]", Lazy(pattern, flags))
