"""Patterns the regex engine would try at every position, found by starting it only where a match can start.

Python's engine skips ahead by itself (in C) only when a pattern begins with a literal or a character class.
One that begins with a lookbehind or an optional word, as most of the tool's rules do (``(?<![0-9])\\d``,
``(约|近)?\\d``, ``(?<=[汉字])[(（]``), is tried at every character of the page.  :class:`Started` pairs such a
pattern with a small one that finds, quickly, the places where a match can start; the pattern is matched there
only.  ``pattern.match`` at a position sees the text before it as ``finditer`` does (lookbehinds, ``\\b``), and
a match ends where the next search starts, so the matches are exactly ``pattern.finditer``'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from ..rules.lazy import lazy


class Started:
    """``pattern``, whose every match is non-empty and begins where ``start`` matches.

    ``start`` must begin with a literal or a character class (so that the engine skips to it) and must match
    wherever a match of ``pattern`` can begin; it may look further (``(?:19|20)\\d\\d``) to leave fewer places
    to try."""

    __slots__ = ("pattern", "start")

    def __init__(self, pattern: str | re.Pattern[str], start: str):
        self.pattern = lazy(pattern) if isinstance(pattern, str) else pattern
        self.start = lazy(start)

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.pattern.groupindex

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        find, match = self.start.search, self.pattern.match
        while (c := find(text, pos, end)) is not None:
            m = match(text, c.start(), end)
            if m is None:
                pos = c.start() + 1
            else:
                yield m
                pos = m.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)
