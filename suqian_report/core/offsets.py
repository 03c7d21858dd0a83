"""Offset maps: how positions move when text is rewritten.

Every stage that turns one text into another (HTML flattening, each repair
fixer, the boilerplate cut) describes its rewrite as an :class:`Alignment`
from the new text back to the old one.  Chaining them lets any span of the
final clean text be traced back to the raw input, which is what makes a
figure's ``raw_span`` honest.

An alignment is a list of segments covering the derived text in order.  A
*copy* segment maps character for character; a *replace* segment maps as a
whole (any position inside it maps to the whole source range).  Insertions
are replace segments with an empty source range, deletions are replace
segments with an empty derived range.  A run of one-character substitutions
(a traditional page made simplified, character by character) is one
*substituted* segment: it maps character for character, as each of its
one-character replace segments would, but was rewritten.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from sys import maxsize
from typing import ClassVar, Protocol


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` with ``text``."""

    start: int
    end: int
    text: str
    # True for a rewrite of the same length, position by position (each character of ``text`` stands where the
    # source's did): it maps character for character, as a run of one-character substitutions does
    by_position: ClassVar[bool] = False


class OffsetMap(Protocol):
    def to_src(self, start: int, end: int) -> tuple[int, int]: ...


REPLACE, COPY, SUBSTITUTED = 0, 1, 2  # a segment's kind (bool-compatible: False, True)
Segment = tuple[int, int, int, int, int]  # dst_start, dst_end, src_start, src_end, kind


def _add(segs: list[Segment], seg: Segment) -> None:
    """Append a segment; a copy that goes on where the last copy ends, in both texts, extends it instead (text
    kept line after line is one segment: fewer to search, and a text kept whole is an identity)."""
    if seg[4] is True and segs:
        d0, d1, s0, s1, kind = segs[-1]
        if kind is True and d1 == seg[0] and s1 == seg[2]:
            segs[-1] = (d0, seg[1], s0, seg[3], True)
            return
    segs.append(seg)


class Alignment:
    """Piecewise map from a derived text back to the text it was made from."""

    __slots__ = ("_dst", "_segs", "dst_len", "src_len")

    def __init__(self, segments: Sequence[Segment], dst_len: int, src_len: int):
        # segments: (dst_start, dst_end, src_start, src_end, kind), contiguous over dst; kind is REPLACE or
        # COPY (False or True) or SUBSTITUTED, which maps character for character like COPY
        self._segs = list(segments)
        self._dst = [s[0] for s in self._segs]
        self.dst_len = dst_len
        self.src_len = src_len

    # -- construction -------------------------------------------------
    @classmethod
    def identity(cls, n: int) -> Alignment:
        return cls([(0, n, 0, n, True)], n, n)

    @classmethod
    def from_edits(cls, source: str, edits: Iterable[Edit]) -> tuple[str, Alignment]:
        """Apply non-overlapping edits (sorted by start) and return the new text and its map."""
        out: list[str] = []
        segs: list[Segment] = []
        pos = 0  # in source
        dpos = 0  # in derived text
        for e in edits:
            if e.start < pos or e.end < e.start:
                raise ValueError(f"overlapping or inverted edit {e!r} at source position {pos}")
            if e.start > pos:
                n = e.start - pos
                segs.append((dpos, dpos + n, pos, e.start, True))
                out.append(source[pos : e.start])
                dpos += n
            n = e.end - e.start
            if (n == 1 and len(e.text) == 1) or (e.by_position and n == len(e.text)):
                last = segs[-1] if segs else None
                if last is not None and last[4] == SUBSTITUTED and last[3] == e.start:
                    segs[-1] = (last[0], dpos + n, last[2], e.end, SUBSTITUTED)
                else:
                    segs.append((dpos, dpos + n, e.start, e.end, SUBSTITUTED))
            else:
                segs.append((dpos, dpos + len(e.text), e.start, e.end, False))
            out.append(e.text)
            dpos += len(e.text)
            pos = e.end
        if pos < len(source) or not segs:
            n = len(source) - pos
            segs.append((dpos, dpos + n, pos, len(source), True))
            out.append(source[pos:])
            dpos += n
        return "".join(out), cls(segs, dpos, len(source))

    @classmethod
    def from_pieces(cls, pieces: Sequence[tuple[int, int]], source: str, sep: str = "\n") -> tuple[str, Alignment]:
        """Join ``source[a:b]`` for each piece with ``sep``; separators map to the point after the previous piece."""
        out: list[str] = []
        segs: list[Segment] = []
        dpos = 0
        for i, (a, b) in enumerate(pieces):
            if i:
                prev_end = pieces[i - 1][1]
                # a separator that sits right after the previous piece in the source is a copy of it
                is_copy = source[prev_end : prev_end + len(sep)] == sep and prev_end + len(sep) <= a
                src_end = prev_end + len(sep) if is_copy else prev_end
                _add(segs, (dpos, dpos + len(sep), prev_end, src_end, is_copy))
                out.append(sep)
                dpos += len(sep)
            _add(segs, (dpos, dpos + (b - a), a, b, True))
            out.append(source[a:b])
            dpos += b - a
        if not segs:
            segs.append((0, 0, 0, 0, False))
        return "".join(out), cls(segs, dpos, len(source))

    @property
    def is_identity(self) -> bool:
        """Whether every position maps to itself (a text kept whole): a chain passes over such a map."""
        return self.dst_len == self.src_len and self._segs == [(0, self.dst_len, 0, self.src_len, True)]

    # -- mapping ------------------------------------------------------
    def to_src(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the derived text → the source's.  A start maps to where its character came from (past
        any deletion), an end to where the character before it ended; an empty span maps to its start.  (One
        method, not one per end: every figure's span is mapped through every stage.)"""
        segs = self._segs
        if start >= self.dst_len:
            a = segs[-1][3] if start == self.dst_len else self.src_len
        else:
            i = bisect_right(self._dst, start) - 1
            d0, d1, s0, s1, copy = segs[i]
            while d1 == d0 and i + 1 < len(segs):  # skip empty (deleted) segments
                i += 1
                d0, d1, s0, s1, copy = segs[i]
            a = s0 + (start - d0) if copy else s0
        if end <= start:
            return a, a
        if end <= 0:
            return a, segs[0][2]
        i = bisect_left(self._dst, end) - 1
        d0, d1, s0, s1, copy = segs[i]
        return a, (s0 + (end - d0) if copy else s1)

    def shift_at(self, pos: int) -> tuple[int, int, int] | None:
        """The segment holding ``pos`` when it maps character for character: its ``(start, end)`` in the derived
        text and how far it moves a position (None at a rewrite, or past the end)."""
        if not 0 <= pos < self.dst_len:
            return None
        d0, d1, s0, _s1, copy = self._segs[bisect_right(self._dst, pos) - 1]
        return (d0, d1, s0 - d0) if copy and d0 <= pos < d1 else None

    def is_copy(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` lies wholly inside copy segments (no rewrite touched it)."""
        if end <= start:
            return True
        i = max(bisect_right(self._dst, start) - 1, 0)
        while i < len(self._segs):
            d0, d1, _s0, _s1, copy = self._segs[i]
            if d0 >= end:
                break
            if d1 > start and copy != COPY:
                return False
            if d1 == d0 and start < d0 < end and not copy:
                return False  # a deletion inside the span
            i += 1
        return True

    def __repr__(self) -> str:
        return f"Alignment({len(self._segs)} segments, {self.dst_len}→{self.src_len})"


class Chain:
    """Maps through several alignments, newest first: ``text_n → … → text_0``."""

    __slots__ = ("maps",)

    def __init__(self, maps: Sequence[OffsetMap] = ()):
        # maps[0]: text_1 → text_0, maps[-1]: text_n → text_{n-1}; a chain among them is spliced in (the same
        # map, one call less per step); an identity is passed over (a page nothing rewrote pays nothing for it),
        # unless all are: one is kept, which maps a span past the end, or backwards, as any alignment does
        flat = [m for x in maps for m in (x.maps if isinstance(x, Chain) else (x,))]
        self.maps: list[OffsetMap] = [m for m in flat if not (isinstance(m, Alignment) and m.is_identity)] or flat[:1]

    def then(self, newer: OffsetMap) -> Chain:
        return Chain([*self.maps, newer])

    def to_src(self, start: int, end: int) -> tuple[int, int]:
        for m in reversed(self.maps):
            start, end = m.to_src(start, end)
        return start, end

    def shift_at(self, pos: int) -> tuple[int, int, int] | None:
        """The stretch ``[lo, hi)`` around ``pos`` that every map moves character for character, and how far the
        chain moves it: a span inside it maps to itself shifted, as :meth:`to_src` would map it, without a search
        (the cells of a table row, on a page no repair touched there).  None where a map rewrote ``pos``."""
        lo, hi, shift = 0, maxsize, 0
        for m in reversed(self.maps):
            got = m.shift_at(pos + shift) if isinstance(m, Alignment) else None
            if got is None:
                return None
            d0, d1, by = got
            lo, hi, shift = max(lo, d0 - shift), min(hi, d1 - shift), shift + by
        return lo, hi, shift

    def is_copy(self, start: int, end: int) -> bool:
        """True when no map in the chain rewrote anything inside the span."""
        for m in reversed(self.maps):
            if isinstance(m, (Alignment, Chain)) and not m.is_copy(start, end):
                return False
            start, end = m.to_src(start, end)
        return True


class SpanSet:
    """The positions a set of half-open spans covers, queried by bisection (pages can hold thousands)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for a, b in sorted(s for s in spans if s[1] > s[0]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self._starts = [a for a, _b in merged]
        self._ends = [b for _a, b in merged]

    def overlaps(self, a: int, b: int) -> bool:
        """Whether ``[a, b)`` shares a position with any span."""
        k = bisect_right(self._ends, a)  # the first span that ends after a
        return k < len(self._starts) and self._starts[k] < b

    def covers(self, pos: int) -> bool:
        return self.overlaps(pos, pos + 1)


# Encodings whose bytes for a text are the bytes of its parts one after the other (no shift state).
_ADDITIVE = frozenset({"utf-8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp936", "cp950", "utf-16-le"})


class ByteOffsets:
    """Character offsets of a decoded text → byte offsets in the input it was decoded from.  Byte offsets are
    worked out on first use, at every ``step`` characters; a lookup encodes at most ``step`` characters more."""

    __slots__ = ("text", "encoding", "bom_length", "step", "_marks")

    def __init__(self, text: str, encoding: str, bom_length: int = 0, step: int = 128):
        enc = "utf-8" if encoding == "ascii" else encoding
        self.encoding = enc + "-le" if enc in ("utf-16", "utf-32") else enc
        self.text, self.bom_length, self.step = text, bom_length, step
        self._marks: list[int] | None = None

    def __call__(self, i: int) -> int:
        marks = self._marks
        if marks is None:
            marks = self._marks = [self.bom_length]
            text, step, enc = self.text, self.step, self.encoding
            for k in range(0, len(text), step):
                marks.append(marks[-1] + len(text[k : k + step].encode(enc, errors="replace")))
        i = max(0, min(i, len(self.text)))
        k = i // self.step
        return marks[k] + len(self.text[k * self.step : i].encode(self.encoding, errors="replace"))

    def span(self, a: int, b: int) -> tuple[int, int]:
        """The bytes of ``text[a:b]``: a short span's counted from its start (one lookup, not two)."""
        start = self(a)
        if 0 <= a <= b <= len(self.text) and b - a <= 64 and self.encoding in _ADDITIVE:
            return start, start + len(self.text[a:b].encode(self.encoding, errors="replace"))
        return start, self(b)

    def spans(self, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """The bytes of several spans (a table row's cells) from one lookup: where the text from the first to the
        last is ASCII, each is that lookup plus its distance from the first; elsewhere, for spans in text order,
        each is counted on from the one before, its gap and its own characters encoded."""
        text, enc = self.text, self.encoding
        if not spans or enc not in _ADDITIVE:
            return [self.span(a, b) for a, b in spans]
        first, end = min(a for a, _b in spans), max(b for _a, b in spans)
        if not 0 <= first <= end <= len(text):
            return [self.span(a, b) for a, b in spans]
        at = self(first)
        if enc != "utf-16-le" and text[first:end].isascii():  # an ASCII character is one byte there
            return [(at + a - first, at + b - first) for a, b in spans]
        if not all(a <= b <= c for (a, b), (c, _d) in zip(spans, spans[1:])) or spans[-1][0] > spans[-1][1]:
            return [self.span(a, b) for a, b in spans]
        out = []
        prev = first
        for a, b in spans:
            at += len(text[prev:a].encode(enc, errors="replace"))
            n = len(text[a:b].encode(enc, errors="replace"))
            out.append((at, at + n))
            at, prev = at + n, b
        return out
