"""Table 三 收到和处理政府信息公开申请情况: the rows of requests and outcomes by applicant column, in any layout."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ...check.validate import _num, all_numbers
from ...core.model import Figure
from ...rules.lazy import lazy
from ...rules.tables import (
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_GROUPS,
    TABLE3_LEAVES_2019,
    TABLE3_LEAVES_2021,
    TABLE3_ROW_ORDER_2019,
    TABLE3_ROW_ORDER_2021,
    TABLE3_ROWS,
)
from ..glued import row_total, splits
from .cells import Builder, Token, claim_labels, find_events, read_value, tokenize, trim_blanks

_UNITS = ("件",) * 7  # every cell of the table counts requests


def _keys(row: str) -> list[str]:
    """The keys of a row's seven cells, one for each applicant column."""
    return [f"requests.{row}.{col}" for col in TABLE3_COLUMNS]


_MISC = lazy(r"[（(]?[3３]?[)）.．、]?\s*其他")


def read_table3(b: Builder, span: tuple[int, int], fmt: str) -> list[tuple[str, list[Figure]]]:
    tokens = tokenize(b.text, *span, b.grid)
    phrases = [("row", key, p) for key, ps in TABLE3_ROWS for p in ps] + [
        ("group", key, p) for key, ps in TABLE3_GROUPS for p in ps
    ]
    events = find_events(tokens, phrases)
    # 2021: （六）其他处理 has no cells of its own and its third sub-row is labelled just 其他 (3.其他).
    events += [(t.start, "misc", "", t) for t in tokens if t.kind == "label" and _MISC.fullmatch(t.text.strip())]
    order = TABLE3_ROW_ORDER_2021 if fmt == "template_2021" else TABLE3_ROW_ORDER_2019
    numbered = _numbered_rows(tokens, events, order)
    events += numbered
    events.sort(key=lambda e: e[0])
    claim_labels(b, events)
    rows: list[tuple[str, str, int, list[Token]]] = []  # (row key, label as written, position, values)
    for pos, typ, payload, tok in events:
        if typ == "row":
            if payload == "outcome.total" and not rows:
                continue  # 总计 in the column header
            rows.append((payload, _clean_label(tok.text, pos - tok.start), pos, []))
        elif typ == "misc":
            if (
                rows
                and any(r[0] in ("outcome.other", "outcome.other.fee_unpaid") for r in rows)
                and not any(r[0] == "outcome.other.misc" for r in rows)
            ):
                rows.append(("outcome.other.misc", _clean_label(tok.text), pos, []))
        elif typ == "value" and rows:
            rows[-1][3].append(tok)
    # A row label with no cells before the next label is a header (an OCR'd table repeats them): drop it,
    # except 2021's （六）其他处理, whose sub-rows carry its cells.
    rows = [r for r in rows if r[3] or r[0] == "outcome.other"]
    complete = [r[0] for r in rows if len(r[3]) == 7] == [
        k for k in order if k != "outcome.other" or fmt != "template_2021"
    ]
    if not complete:
        positional = _positional3(b, tokens, order, fmt)
        if positional is not None:
            return positional
    results: list[tuple[str, list[Figure]]] = []
    ambiguous: dict[str, list[list[int]]] = {}
    for key, label, pos, values in rows:
        if key == "outcome.other" and not values and fmt == "template_2021":
            continue  # the group row of 2021: its sub-rows carry the cells
        figs, options = _read_row3(b, key, label, pos, values)
        if any(p == pos for p, *_rest in numbered):
            for f in figs:
                note = f"the label {label!r} names no row: read as the row its number gives under its group"
                f.note = f"{f.note}; {note}" if f.note else note
        results.append((key, figs))
        if options and len(options) > 1:
            ambiguous[key] = options
    if ambiguous:
        _resolve_by_columns(results, ambiguous, fmt)
    return results


_NUMBERED = lazy(r"\s*([1-9])\s*[.．、]")


def _numbered_rows(tokens: list[Token], events, order: tuple[str, ...]) -> list[tuple[int, str, str, Token]]:
    """A numbered sub-row whose label names no row (a typo such as 2.其他法律行政止公开) is the row its number
    gives in the group it follows: the 2nd under 不予公开 is outcome.withheld.prohibited_by_law."""
    named = {id(tok) for _p, typ, _k, tok in events if typ in ("row", "misc")}
    keys = {k for _p, typ, k, _t in events if typ == "row"}
    marks = sorted((p, typ, k) for p, typ, k, _t in events if typ in ("group", "row"))
    out: list[tuple[int, str, str, Token]] = []
    last: tuple[str, str] | None = None  # the group or row named last before the token (one walk over both)
    i = 0
    for tok in tokens:
        while i < len(marks) and marks[i][0] < tok.start:
            last = marks[i][1:]
            i += 1
        m = _NUMBERED.match(tok.text) if tok.kind == "label" and id(tok) not in named else None
        if m is None or last is None:
            continue
        typ, k = last
        group = k if typ == "group" else (k.rsplit(".", 1)[0] if k.count(".") >= 2 else None)
        leaves = [leaf for leaf in order if group and leaf.startswith(group + ".")]
        n = int(m.group(1))
        if 0 < n <= len(leaves) and leaves[n - 1] not in keys:
            out.append((tok.start, "row", leaves[n - 1], tok))
            keys.add(leaves[n - 1])
            last = ("row", leaves[n - 1])
    return out


def _positional3(b: Builder, tokens: list[Token], order: tuple[str, ...], fmt: str):
    """PDF dumps can move row labels away from their cells.  When the region holds exactly the cells of the
    standard rows, read them in the standard order, and keep that reading only if every row total and every
    column identity holds."""
    values = [t for t in tokens if t.kind != "label"]
    if len(values) != 7 * len(order):
        return None
    rows = [values[i * 7 : (i + 1) * 7] for i in range(len(order))]
    table = {key: [read_value(t.text)[0] for t in row] for key, row in zip(order, rows)}
    if any(not all_numbers(vals) or not row_total(vals) for vals in table.values()):
        return None
    leaves = TABLE3_LEAVES_2021 if fmt == "template_2021" else TABLE3_LEAVES_2019
    if not _columns_balance(table, leaves):
        return None
    labels = {key: phrases[0] for key, phrases in TABLE3_ROWS}
    labels["outcome.other.misc"] = "其他"
    note = (
        "row labels stand apart from their cells in this layout: cells read in the standard row order, "
        "and every row and column total holds"
    )
    results = []
    for key, row in zip(order, rows):
        sentence = (row[0].start, row[-1].end)
        figs = b.row(_keys(key), "三", labels.get(key, key), TABLE3_COLUMN_LABELS, row, _UNITS, sentence, note=note)
        results.append((key, figs))
    return results


def _resolve_by_columns(
    results: list[tuple[str, list[Figure]]], ambiguous: dict[str, list[list[int]]], fmt: str, limit: int = 50000
) -> None:
    """Rows whose glued cells split more than one way: keep the one combination the column identities allow."""
    from itertools import islice, product

    leaves = TABLE3_LEAVES_2021 if fmt == "template_2021" else TABLE3_LEAVES_2019
    known = {key: [f.value for f in figs] for key, figs in results if len(figs) == 7 and key not in ambiguous}
    keys = list(ambiguous)
    fits = []
    for combo in islice(product(*(ambiguous[k] for k in keys)), limit):
        table: dict[str, Sequence[object]] = {**known, **dict(zip(keys, combo))}
        if _columns_balance(table, leaves):
            fits.append(combo)
            if len(fits) > 1:
                return
    if len(fits) != 1:
        return
    for key, values in zip(keys, fits[0]):
        figs = next(f for k, f in results if k == key)
        for f, v in zip(figs, values):
            f.value, f.status = v, "repaired"
            if f.cell is not None:
                f.cell.value_kind = "number"
            f.note = f"cells glued as {f.raw_text!r}; the only split where the row and the column totals hold"


def _columns_balance(table: Mapping[str, Sequence[object]], leaves: tuple[str, ...]) -> bool:
    for c in range(7):
        column = {row: vals[c] for row, vals in table.items()}
        parts = [column.get(leaf) for leaf in leaves]
        total = column.get("outcome.total")
        if _num(total) and all_numbers(parts) and sum(parts) != total:
            return False
        a = [column.get("new"), column.get("carried_in")]
        z = [total, column.get("carried_out")]
        if all_numbers(a) and all_numbers(z) and sum(a) != sum(z):
            return False
    return True


_ROW_MARK = lazy(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[1-9][.．、](?=[\u4e00-\u9fff“])")


def _clean_label(text: str, at: int | None = None) -> str:
    """The row's own label inside a token that may hold more (a heading, a group label, glued rows)."""
    if at is not None:
        marks = [m.start() for m in _ROW_MARK.finditer(text) if m.start() <= at]
        if marks:
            text = text[marks[-1] :]
    return text.strip(" |")[:60]


def _read_row3(
    b: Builder, key: str, label: str, pos: int, values: list[Token]
) -> tuple[list[Figure], list[list[int]] | None]:
    """The row's seven cells, and, for glued cells, every split that fits the row total."""
    keys = _keys(key)
    values = trim_blanks(values, 7)
    end = values[-1].end if values else pos + len(label)
    sentence = (pos, end)
    if len(values) == 7:
        figs = b.row(keys, "三", label, TABLE3_COLUMN_LABELS, values, _UNITS, sentence)
        nums = [f.value for f in figs]
        if not all(t.piped for t in values) and all_numbers(nums) and not row_total(nums):
            for f in figs:
                f.status = "uncertain"
                f.note = "cells read in layout order do not add up to the row's 总计: the layout may have moved them"
        return figs, None
    digit_toks = [t for t in values if t.kind == "value" and t.text.isdigit()]
    if values and len(digit_toks) == len(values) and len(values) < 7:
        digits = "".join(t.text for t in values)
        options = splits(digits, 7, row_total)
        b.out.used += [(t.start, t.end) for t in values]
        glued = (values[0].start, values[-1].end)
        cells = [(k, label, col_label, "件") for k, col_label in zip(keys, TABLE3_COLUMN_LABELS)]
        if len(options) == 1:
            note = f"cells glued as {digits!r}; the only split where 总计 is the sum"
            return b.glued(cells, "三", options[0], digits, glued, sentence, note), options
        note = (
            f"cells glued as {digits!r}: {len(options)} splits fit the row total, none is certain"
            if options
            else f"cells glued as {digits!r}: no split fits the row total"
        )
        return b.glued(cells, "三", None, digits, glued, sentence, note), options
    note = f"row has {len(values)} cells for 7 columns: which column is not certain"
    return b.unplaced("三", label, values, "件", sentence, note), None
