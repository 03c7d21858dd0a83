"""Trace a span of the clean text back through every stage to the raw input."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..core.document import Document
from ..core.model import Status
from ..core.offsets import Chain
from ..repair import Repaired
from ..segment import Segmented

# A table cell traced (:meth:`Tracer.cells`): status, raw span, byte span, section, page, box.
Traced = tuple[
    Status | None,
    tuple[int, int],
    tuple[int, int] | None,
    str | None,
    int | None,
    tuple[float, float, float, float] | None,
]


@dataclass
class Tracer:
    """Traces clean-text spans back to the raw input (section, raw span, byte span) for figures."""

    doc: Document
    repaired: Repaired
    seg: Segmented

    def __post_init__(self) -> None:
        # clean → repaired → document → raw
        self.to_raw = Chain([self.doc.to_raw, self.repaired.to_doc, self.seg.to_repaired])
        self._raw: dict[tuple[int, int], tuple[int, int]] = {}  # a figure's span is traced for its status and place
        self._shift = (0, 0, 0)  # the last stretch the whole chain shifts (Chain.shift_at): a row's cells share it

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        lo, hi, shift = self._shift
        if not (lo <= start <= end <= hi and start < hi):
            got = self.to_raw.shift_at(start)
            if got is None or not start <= end <= got[1]:
                raw = self._raw.get((start, end))
                if raw is None:
                    raw = self._raw[start, end] = self.to_raw.to_src(start, end)
                return raw
            self._shift = got
            shift = got[2]
        return start + shift, end + shift

    def byte_span(self, raw: tuple[int, int]) -> tuple[int, int] | None:
        if self.doc.to_byte is None:
            return None
        return self.doc.to_byte.span(*raw)

    def cells(self, spans: Sequence[tuple[int, int]], written: Sequence[str | None]) -> list[Traced]:
        """The cells of a table row at once: for each, its status (:meth:`status`, for a number, whose text is
        in ``written``; None for a cell that is not one) and where it stands (:meth:`place`), as ``(status,
        raw_span, byte_span, section, page, bbox)``.  Where the repairs moved the row's stretch of text as a
        whole, the cells share its shift; where no heading parts the row, its section; and one count of bytes."""
        if not spans:
            return []
        starts = [a for a, _b in spans]
        first, last, end = min(starts), max(starts), max(b for _a, b in spans)
        got = self.to_raw.shift_at(first)
        if got is not None and last < got[1] and end <= got[1]:
            raws = [(a + got[2], b + got[2]) for a, b in spans]
        else:  # (a repair inside the row: each cell mapped, by the stretch it stands in)
            raws = [self.raw_span(a, b) for a, b in spans]
        to_byte = self.doc.to_byte
        byte_spans = to_byte.spans(raws) if to_byte is not None else [None] * len(raws)
        section = self.seg.section_at(first)
        one_section = self.seg.section_at(last) is section
        if one_section and not self.repaired.lost and self.doc.boxes is None:  # (most rows)
            path = section.path if section else None
            return [
                (None if w is None else self._as_written(r, w), r, by, path, None, None)
                for r, by, w in zip(raws, byte_spans, written)
            ]
        statuses = [None if w is None else self.status(a, b, w) for (a, b), w in zip(spans, written)]
        if one_section:
            paths = [section.path if section else None] * len(spans)
        else:
            paths = [sec.path if (sec := self.seg.section_at(a)) else None for a in starts]
        boxes = [self.box(r) for r in raws] if self.doc.boxes is not None else [(None, None)] * len(raws)
        return [
            (status, raw, by, path, page, bbox)
            for status, raw, by, path, (page, bbox) in zip(statuses, raws, byte_spans, paths, boxes)
        ]

    def place(self, start: int, end: int) -> dict:
        """Where a figure at ``[start, end)`` of the clean text stands: its section and its raw and byte spans
        (keyword arguments for :class:`~suqian_report.model.Figure`)."""
        return self._placed(start, end, self.raw_span(start, end))

    def _placed(self, start: int, end: int, raw: tuple[int, int]) -> dict:
        sec = self.seg.section_at(start)
        page, bbox = self.box(raw) if self.doc.boxes is not None else (None, None)
        return {
            "span": (start, end),
            "raw_span": raw,
            "byte_span": self.byte_span(raw),
            "section": sec.path if sec else None,
            "page": page,
            "bbox": bbox,
        }

    def number(self, n) -> dict:
        """The fields of a Figure that a number found in the clean text gives (keyword arguments for
        :class:`~suqian_report.model.Figure`): its value as read, its status and where it stands."""
        return {
            "value": n.value,
            "raw_text": n.raw_text,
            "unit": n.unit,
            "approx": n.approx,
            "qualifier": n.qualifier,
            "status": self.status(n.start, n.end, n.raw_text),
            **self.place(*n.span),
        }

    def box(self, raw: tuple[int, int]) -> tuple[int | None, tuple[float, float, float, float] | None]:
        """A PDF's page and the box around the characters of ``raw`` on it (those of its first page)."""
        if self.doc.boxes is None:
            return None, None
        boxes = [b for b in self.doc.boxes[raw[0] : raw[1]] if b is not None]
        if not boxes:
            return self._page_before(raw[0]), None
        first = boxes[0]
        page, height = first[0], first[4] - first[2]
        # the characters on the line of the first one (a unit wrapped to the next line is not in the box)
        on_page = [b for b in boxes if b[0] == page and abs(b[2] - first[2]) < 0.5 * height]
        return page, (
            min(b[1] for b in on_page),
            min(b[2] for b in on_page),
            max(b[3] for b in on_page),
            max(b[4] for b in on_page),
        )

    def _page_before(self, pos: int) -> int | None:
        """The page of the last character before ``pos`` that has a box: an empty cell's page, which has none."""
        assert self.doc.boxes is not None
        for b in reversed(self.doc.boxes[max(0, pos - 400) : pos]):
            if b is not None:
                return b[0]
        return None

    def confidence(self, raw: tuple[int, int]) -> float | None:
        """The lowest confidence OCR gave a character of ``raw`` (None where nothing was read by OCR)."""
        if self.doc.confidence is None:
            return None
        found = [c for c in self.doc.confidence[raw[0] : raw[1]] if c is not None]
        return min(found) if found else None

    def touches_lost(self, start: int, end: int) -> bool:
        """True when the span touches text lost before the page was saved."""
        if not self.repaired.lost:
            return False
        a, b = self.seg.to_repaired.to_src(start, end)
        return any(la <= b and a <= lb for la, lb in self.repaired.lost)

    def status(self, start: int, end: int, written: str) -> Status:
        """exact when the raw input holds the number exactly as the clean text does, else repaired."""
        if self.touches_lost(start, end):
            return "uncertain"
        return self._as_written(self.raw_span(start, end), written)

    def _as_written(self, raw: tuple[int, int], written: str) -> Status:
        """exact when the raw input holds ``written`` at ``raw``, else repaired (a number no lost text touches)."""
        return "exact" if self.doc.raw_text[raw[0] : raw[1]] == written else "repaired"
