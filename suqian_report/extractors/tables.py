"""Figures in table rows.

Every numeric cell of a row becomes a figure labelled by its row (and its
column, when a header row names it).  The standard 2019/2021 tables get
their own keys in :mod:`.template`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import Figure, TableCell
from ..segment import Segmented
from .numbers import Num
from .provenance import Tracer


@dataclass
class TableResult:
    """The figures read from generic table rows, and what could not be read."""

    figures: list[Figure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unread: int = 0  # numbers in rows that became neither a figure nor a non-figure


def split_cells(line: str) -> list[tuple[int, int]]:
    """Spans of the cells of a row line (``a | b | c`` or markdown ``| a | b |``)."""
    spans = []
    start = 0
    for i, ch in enumerate(line + "|"):
        if ch in "|｜":
            a, b = start, i
            while a < b and line[a] in " \t\u00a0\u3000":
                a += 1
            while b > a and line[b - 1] in " \t\u00a0\u3000":
                b -= 1
            spans.append((a, b))
            start = i + 1
    if line.lstrip().startswith("|") and spans and spans[0][0] == spans[0][1]:
        spans = spans[1:]
    if line.rstrip().endswith("|") and spans and spans[-1][0] == spans[-1][1]:
        spans = spans[:-1]
    return spans


def table_figures(seg: Segmented, nums: list[Num], reasons: list[str | None], fmt: str, tracer: Tracer) -> TableResult:
    text = seg.clean_text
    out = TableResult()
    header: int | None = None  # the body line of the last row with no figure, cut into cells when one follows
    columns: list[str] | None = None  # its cells, once cut
    starts = [n.start for n in nums]
    from bisect import bisect_left

    for k in range(len(seg.body)):
        if not seg.is_row(k):
            if not seg.body_line(k).strip():
                header = columns = None
            continue
        line = seg.body_line(k)
        base = seg.line_starts[k]
        lo = bisect_left(starts, base)
        hi = bisect_left(starts, base + len(line))
        row_nums = [j for j in range(lo, hi) if reasons[j] is None]
        if not row_nums:
            if line.replace("|", "").replace("｜", "").strip():  # a cell that holds something: a header
                header, columns = k, None
            continue
        cells = split_cells(line)
        texts = [line[a:b] for a, b in cells]
        if header is not None and columns is None:
            above = seg.body_line(header)
            columns = [above[a:b] for a, b in split_cells(above)]
        label = next((t for t in texts if t and not any(ch.isdigit() for ch in t)), "")
        for j in row_nums:
            n = nums[j]
            col = next((c for c, (a, b) in enumerate(cells) if a <= n.start - base < b or a < n.stop - base <= b), None)
            column = columns[col] if columns and col is not None and col < len(columns) else None
            out.figures.append(
                Figure(
                    key="",
                    label_zh=label if not column else f"{label} · {column}",
                    sentence=text[base : base + len(line)],
                    cell=TableCell("", label, column, "number"),
                    **tracer.number(n),
                )
            )
    return out
