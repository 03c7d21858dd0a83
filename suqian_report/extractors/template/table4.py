"""Table 四 政府信息公开行政复议、行政诉讼情况: one data row of fifteen numbers in three blocks."""

from __future__ import annotations

from ...check.validate import all_numbers
from ...core.model import Figure
from ...rules.lazy import lazy
from ...rules.tables import (
    TABLE4_BLOCK_LABELS,
    TABLE4_BLOCKS,
    TABLE4_COLUMN_LABELS,
    TABLE4_COLUMNS,
)
from ..glued import blocks_of_five, splits
from .cells import Builder, tokenize

_UNITS = ("件",) * 5  # every cell counts cases

_TABLE4_WORDS = lazy("|".join(TABLE4_COLUMN_LABELS) + "|行政复议|行政诉讼|直接起诉|复议后起诉")


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def read_table4(b: Builder, span: tuple[int, int]) -> list[Figure]:
    tokens = tokenize(b.text, *span, b.grid)
    b.out.labels += [(t.start, t.end) for t in tokens if t.kind == "label" and _TABLE4_WORDS.search(t.text)]
    # The header rows (行政复议 | 行政诉讼 |, the column labels) hold labels and gaps: their gaps are not cells.
    header_lines = {_line_start(b.text, t.start) for t in tokens if t.kind == "label"} - {
        _line_start(b.text, t.start) for t in tokens if t.kind == "value"
    }
    tokens = [
        t
        for t in tokens
        if t.kind != "label" and not (t.kind == "blank" and _line_start(b.text, t.start) in header_lines)
    ]
    # values before the first label of the region belong to nothing: table 四 starts at its heading
    if len(tokens) > 15:
        tokens = tokens[:15]
    keys = [
        (f"{block}.{col}", block_label, col_label)
        for block, block_label in zip(TABLE4_BLOCKS, TABLE4_BLOCK_LABELS)
        for col, col_label in zip(TABLE4_COLUMNS, TABLE4_COLUMN_LABELS)
    ]
    sentence = (tokens[0].start, tokens[-1].end) if tokens else span
    if len(tokens) == 15:
        figs: list[Figure] = []
        for k in range(0, 15, 5):  # one row, three blocks of five, each under its own label
            block = keys[k : k + 5]
            block_keys = [key for key, _bl, _cl in block]
            figs += b.row(block_keys, "四", block[0][1], TABLE4_COLUMN_LABELS, tokens[k : k + 5], _UNITS, sentence)
        values = [f.value for f in figs]
        if not all(t.piped for t in tokens) and all_numbers(values) and not blocks_of_five(values):
            for f in figs:  # without separators, a layout that moved cells looks just like this
                f.status = "uncertain"
                f.note = (
                    "cells read in layout order do not balance (总计 ≠ the sum of its block): the PDF "
                    "layout may have moved them"
                )
        return figs
    if tokens and all(t.text.isdigit() for t in tokens):
        digits = "".join(t.text for t in tokens)
        options = splits(digits, 15, blocks_of_five, max_len=5, limit=200000)
        b.out.used += [(t.start, t.end) for t in tokens]
        glued = (tokens[0].start, tokens[-1].end)
        cells = [(k, bl, cl, "件") for k, bl, cl in keys]
        if len(options) == 1:
            note = f"15 cells glued as {digits!r}; the only split where each 总计 is the sum of its block"
            return b.glued(cells, "四", options[0], digits, glued, sentence, note)
        note = (
            f"cells glued as {digits!r}: {len(options)} splits fit, none is certain"
            if options
            else f"cells glued as {digits!r}: no split fits"
        )
        return b.glued(cells, "四", None, digits, glued, sentence, note)
    note = f"{len(tokens)} cells where the table has 15: which column is not certain"
    return b.unplaced("四", "行政复议、行政诉讼", tokens, "件", sentence, note)
