"""Table 二 主动公开政府信息情况: items of 第二十条, their rows and columns (2019 and 2021 layouts)."""

from __future__ import annotations

from ...rules.tables import (
    COLUMN_UNITS,
    SIGNED_COLUMNS,
    TABLE2_COLUMNS,
    TABLE2_DEFAULT_COLUMNS,
    TABLE2_ROWS,
)
from ..glued import splits
from .cells import Builder, Token, claim_labels, find_events, tokenize, trim_blanks


def read_table2(b: Builder, span: tuple[int, int], fmt: str) -> None:
    tokens = tokenize(b.text, *span, b.grid)
    phrases = (
        [("item", "", "第二十条")]
        + [("column", suffix, label) for label, suffix, _u in TABLE2_COLUMNS]
        + [("row", stem, label) for label, stem in TABLE2_ROWS]
    )
    events = find_events(tokens, phrases)
    claim_labels(b, events)
    defaults = TABLE2_DEFAULT_COLUMNS.get(fmt, TABLE2_DEFAULT_COLUMNS["template_2021"])
    header: list[tuple[str, str]] = []  # (suffix, label as written) since the last 第二十条
    row: tuple[str, Token, int] | None = None  # (stem, label token, event position)
    values: list[Token] = []
    in_header = False

    def flush() -> None:
        nonlocal row, values
        if row is None:
            return
        stem, label_tok, pos = row
        cols = [h for h in header] if header else [(c, "") for c in defaults.get(stem, ())]
        if header and len(values) != len(cols) and stem in defaults and len(defaults[stem]) == len(values):
            cols = [(c, "") for c in defaults[stem]]  # a cut or partial header: use the layout's own columns
        label = _row_label(label_tok.text, stem)
        _emit_row(b, "二", stem, label, cols, values, pos)
        row, values = None, []

    for pos, typ, payload, tok in events:
        if typ == "item":
            flush()
            header, in_header = [], True
        elif typ == "column":
            if row is not None and values:
                flush()
            if in_header or row is None:
                header.append((payload, _column_label(payload)))
        elif typ == "row":
            flush()
            in_header = False
            row = (payload, tok, pos)
        elif typ == "value" and row is not None:
            values.append(tok)
    flush()


def _column_label(suffix: str) -> str:
    return next(label for label, s, _u in TABLE2_COLUMNS if s == suffix)


def _row_label(text: str, stem: str) -> str:
    phrase = next((label for label, s in TABLE2_ROWS if s == stem and label in text), None)
    return phrase or text.strip()


def _emit_row(
    b: Builder, table: str, stem: str, label: str, cols: list[tuple[str, str]], values: list[Token], pos: int
) -> None:
    values = trim_blanks(values, len(cols))
    end = values[-1].end if values else pos + len(label)
    sentence = (pos, end)
    keys = [f"{stem}.{suffix}" for suffix, _l in cols]
    labels = [col_label or _column_label(suffix) for suffix, col_label in cols]
    units = [COLUMN_UNITS.get(suffix) for suffix, _l in cols]
    if len(values) == len(cols):
        for f, (suffix, _l) in zip(b.row(keys, table, label, labels, values, units, sentence), cols):
            if f.value is not None and f.value < 0 and suffix not in SIGNED_COLUMNS:
                f.note = "a count cannot be negative"
        return
    digits = "".join(t.text for t in values if t.kind == "value")
    if len(cols) > 1 and values and digits.isdigit() and len(values) < len(cols):
        options = splits(digits, len(cols))
        cells = [(k, label, column, unit) for k, column, unit in zip(keys, labels, units)]
        glued = (values[0].start, values[-1].end)
        if len(options) == 1:
            note = f"cells glued as {digits!r}; split as the only reading"
            b.glued(cells, table, options[0], digits, glued, sentence, note)
        else:
            note = (
                f"cells glued as {digits!r}: {len(options)} readings fit, none is certain"
                if options
                else f"cells glued as {digits!r}: no reading fits"
            )
            b.glued(cells, table, None, digits, glued, sentence, note)
        b.out.used += [(t.start, t.end) for t in values]
        return
    # A row with another number of cells than its columns: keep every cell, say the columns are not known.
    note = f"row has {len(values)} cells for {len(cols)} columns: which column is not certain"
    b.unplaced(table, label, values, None, sentence, note)
