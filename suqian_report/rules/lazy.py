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


class _Compiled:
    """An attribute of the compiled pattern, which compiles it when first looked up.  Compiling puts each such
    attribute on the instance, where later lookups find it before this descriptor (which defines no ``__set__``):
    from then on a call costs what it costs on the pattern itself."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, lazy: Lazy | None, owner: type | None = None) -> Any:
        if lazy is None:
            return self
        return getattr(lazy.compile(), self.name)


class Lazy:
    """A pattern compiled on its first use.  ``pattern`` is its source, as :attr:`re.Pattern.pattern`."""

    search = _Compiled()
    match = _Compiled()
    fullmatch = _Compiled()
    finditer = _Compiled()
    findall = _Compiled()
    sub = _Compiled()
    subn = _Compiled()
    split = _Compiled()
    groupindex = _Compiled()
    groups = _Compiled()
    flags = _Compiled()

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self.pattern, self._flags = pattern, flags

    def compile(self) -> re.Pattern[Any]:
        compiled = re.compile(self.pattern, self._flags)
        for name in _ATTRIBUTES:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


_ATTRIBUTES = tuple(name for name, value in vars(Lazy).items() if isinstance(value, _Compiled))


def lazy(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done where the pattern is first used."""
    return cast("re.Pattern[AnyStr]", Lazy(pattern, flags))
