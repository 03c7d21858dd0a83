"""What every fixer is: a named, documented function from text to edits.

A fixer looks at the whole text (so that it can use evidence from anywhere
on the page), decides cheaply whether its kind of damage is present, and
returns the edits that repair it.  It never adds or removes line breaks, so
the line structure the loader found survives repair.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from ..core.offsets import Edit


@dataclass(frozen=True, slots=True)
class Change(Edit):
    """An edit with the reason for it."""

    note: str | None = None


@dataclass(frozen=True, slots=True)
class Substitution(Change):
    """A stretch rewritten position by position (``text`` as long as the source's stretch): one edit that stands
    for a change at each position where the two differ.  Those are what the log records and the counts count,
    built only when asked; the stretch maps character for character."""

    by_position: ClassVar[bool] = True

    def changed(self, before: str) -> int:
        """How many positions differ from ``before``, the source's stretch."""
        return differing(before, self.text)

    def split(self, before: str) -> list[tuple[int, int, str, str]]:
        """``(start, end, before, after)`` of each changed position."""
        a = self.start
        return [(a + k, a + k + 1, x, y) for k, (x, y) in enumerate(zip(before, self.text)) if x != y]


@dataclass
class Context:
    """Page-level facts fixers may use.  Filled as repair goes along."""

    years: set[int] = field(default_factory=set)  # years the page states in full (2013年)
    traditional: bool = False  # the page is (mostly) in traditional characters
    t2s: tuple[str, str] | None = None  # (text, its t2s conversion), computed once by detection

    def note_years(self, text: str) -> None:
        """Years the page writes out: 2013年, 〔2021〕, 2014-03-04."""
        self.years.update(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?=年|〕|\]|-\d\d?-)", text))


class Fixer(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def description(self) -> str: ...

    def detect(self, text: str, ctx: Context) -> bool:
        """Cheap test: is this kind of damage (possibly) present?"""

    def fix(self, text: str, ctx: Context) -> list[Change]:
        """Edits that repair the damage, sorted by position, not overlapping, never touching ``\\n``."""


@dataclass(frozen=True)
class RegexFixer:
    """A fixer whose damage is found by one pattern and repaired match by match."""

    kind: str
    description: str
    pattern: re.Pattern[str]
    repl: Callable[[re.Match[str], str, Context], tuple[str, str | None] | None]
    gate: Callable[[str], bool] = lambda text: True

    def detect(self, text: str, ctx: Context) -> bool:
        return self.gate(text) and self.pattern.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        out: list[Change] = []
        for m in self.pattern.finditer(text):
            r = self.repl(m, text, ctx)
            if r is None:
                continue
            new, note = r
            if new != m.group(0):
                out.append(Change(m.start(), m.end(), new, note))
        return out


def differing(a: str, b: str) -> int:
    """How many positions two strings of the same length differ at, counted in C: the code points XOR-ed as
    one integer, then the zero words counted (five times faster than comparing character by character)."""
    if a == b:
        return 0
    x = int.from_bytes(a.encode("utf-32-le", "surrogatepass"), "little") ^ int.from_bytes(
        b.encode("utf-32-le", "surrogatepass"), "little"
    )  # (a lone surrogate is a code point like any other here)
    return len(a) - array(_WORD, x.to_bytes(4 * len(a), "little")).count(0)


_WORD = next(t for t in "IL" if array(t).itemsize == 4)  # a 32-bit unsigned array item


def diff_changes(old: str, new: str, offset: int = 0, note: str | None = None) -> list[Change]:
    """Character-level changes turning ``old`` into ``new`` (equal lengths: position by position, as one
    :class:`Substitution`)."""
    if len(old) == len(new):
        return [Substitution(offset, offset + len(old), new, note)] if old != new else []
    from difflib import SequenceMatcher

    changes = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            changes.append(Change(offset + i1, offset + i2, new[j1:j2], note))
    return changes
