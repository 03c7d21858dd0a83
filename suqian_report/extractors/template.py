"""The standard tables of 2019+ reports (二 主动公开, 三 收到和处理申请, 四 复议诉讼) in any layout.

Real pages keep these tables as HTML rows, ``|``-joined rows, one cell per line, cells separated by spaces
(or by the column gaps of a PDF dump), markdown, or glued together with no separator at all.  So the tables
are not read as grids: each table's region of the clean text is cut into *events* — item markers, column
headers, row labels (found by phrase, in any token), and cell values — and a small state machine walks them
in order.  A row takes the values that follow its label; glued digits are split by the table's identities
(:mod:`.glued`), and only when exactly one split satisfies them.

Cells keep their meaning: a number, a blank, a not-applicable mark (``-``, ``/``, ``—``) and text are four
different things, and only a number has a value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..check.validate import _num, all_numbers, all_present, balance_check, check_input
from ..core.model import Check, Figure, Status, TableCell
from ..rules.tables import (
    AFTER_TABLES,
    COLUMN_UNITS,
    SIGNED_COLUMNS,
    TABLE2_COLUMNS,
    TABLE2_DEFAULT_COLUMNS,
    TABLE2_ROWS,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_GROUPS,
    TABLE3_LEAVES_2019,
    TABLE3_LEAVES_2021,
    TABLE3_ROW_ORDER_2019,
    TABLE3_ROW_ORDER_2021,
    TABLE3_ROWS,
    TABLE4_BLOCK_LABELS,
    TABLE4_BLOCKS,
    TABLE4_COLUMN_LABELS,
    TABLE4_COLUMNS,
    TABLE_ANCHORS,
    TABLE_HEADINGS,
)
from ..segment import Segmented
from .glued import blocks_of_five, row_total, splits
from .numbers import to_number
from .provenance import Tracer
from .tabular import TemplateResult

# ---------------------------------------------------------------- cells


@dataclass
class Token:
    """A piece of a table row: a label, a value or a blank, with its place in the clean text."""

    text: str
    start: int
    end: int
    kind: str  # "label" | "value" | "blank"
    piped: bool = False  # from a row whose cells are separated (|): its columns can be trusted


_NA = re.compile(r"^(?:[-－—–/／\\]{1,2}|无|——)$")
_VALUE = re.compile(r"(?P<sign>减少?|增加?|[+＋]|-{1,2}|－)?(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|亿元|元|%|％)?")
_MARKER = re.compile(r"[1-9][.．、]\s?(?=[\u4e00-\u9fff“])")
_SEPARATORS = re.compile(r"[^\s|｜]+")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*/?\s*共\s*\d+\s*页)?)\s*$")


def _split_token(text: str, start: int) -> list[Token]:
    """Cut one token into label and value parts: 规范性文件898989 → 规范性文件 | 898989; 1.属于… stays a label.

    A token that is a whole cell value (减4, +126, 103.3879万元, -, /) stays one value."""
    if _NA.match(text) or _VALUE.fullmatch(text):
        return [Token(text, start, start + len(text), "value")]
    out: list[Token] = []
    pos = 0
    for m in re.finditer(r"(?<![A-Za-z_\d])\d+(?:\.\d+)?(?![A-Za-z_\d])", text):  # not GB2312, table_4, 5G
        a, b = m.start(), m.end()
        if _MARKER.match(text, b - 1):
            b -= 1  # a list marker (1.属于国家秘密) belongs to its label, even glued to values: 00000002.其他…
            if a == b:
                continue
        unit = re.match(r"万元|亿元|元|%|％", text[b:])
        if unit:
            b += unit.end()
        if a > pos:
            out.append(Token(text[pos:a], start + pos, start + a, "label"))
        out.append(Token(text[a:b], start + a, start + b, "value"))
        pos = b
    if pos < len(text):
        out.append(Token(text[pos:], start + pos, start + len(text), "label"))
    return out


def tokenize(text: str, start: int, end: int, grid: frozenset[int] = frozenset()) -> list[Token]:
    """The tokens of ``text[start:end]``.  ``grid``: offsets of the lines that are rows of an HTML table, where
    every ``|`` separates two cells.  In a text dump a ``|`` at either end of a row is the table's border, not an
    empty cell: at the left whenever it stands there (markdown), at the right when the block's rows end with it
    (``a | b |``) or start with one too.  Elsewhere an empty cell is a blank cell."""
    out: list[Token] = []
    pos = start
    lines = text[start:end].split("\n")
    piped = [ln for ln in lines if ("|" in ln or "｜" in ln)]
    right_edge = len(piped) >= 2 and sum(ln.rstrip().endswith(("|", "｜")) for ln in piped) >= 0.8 * len(piped)
    for line in lines:
        if _PAGE_NUMBER.match(line):  # -4- or 第 4 页 from a PDF: page furniture inside the table
            pos += len(line) + 1
            continue
        if "|" in line or "｜" in line:
            cells = re.split(r"[|｜]", line)
            cpos = pos
            html_row = pos in grid
            left = not html_row and line.lstrip().startswith(("|", "｜"))
            right = not html_row and line.rstrip().endswith(("|", "｜")) and (left or right_edge)
            for k, cell in enumerate(cells):
                stripped = cell.strip(" \t\u00a0\u3000")
                lead = len(cell) - len(cell.lstrip(" \t\u00a0\u3000"))
                if stripped:
                    # a separated cell is a value or a label whole (数据1 is a header, not 数据 + 1)
                    kind = "value" if _NA.match(stripped) or _VALUE.fullmatch(stripped) else "label"
                    out.append(Token(stripped, cpos + lead, cpos + lead + len(stripped), kind, True))
                elif not (k == 0 and left) and not (k == len(cells) - 1 and right):
                    out.append(Token("", cpos, cpos, "blank", True))
                cpos += len(cell) + 1
        else:
            for m in _SEPARATORS.finditer(line):
                out += _split_token(m.group(0), pos + m.start())
        pos += len(line) + 1
    return out


def read_value(text: str) -> tuple[int | float | None, str | None, str]:
    """(value, unit, kind) of a cell: kind is number, blank, not_applicable or text."""
    t = text.strip()
    if not t:
        return None, None, "blank"
    if _NA.match(t):
        return None, None, "not_applicable"
    m = _VALUE.fullmatch(t)
    if not m:
        return None, None, "text"
    value = to_number(m.group("num"))
    if value is None:
        return None, None, "text"  # digits too many to be a count
    if (m.group("sign") or "").startswith(("减", "-", "－")):
        value = -value
    unit = m.group("unit")
    return value, ("%" if unit == "％" else unit), "number"


def _norm(label: str) -> str:
    s = re.sub(r"[\s（）()“”\"'：:，,、。.．]", "", label)
    return s


# ---------------------------------------------------------------- regions


def _find_heading(text: str, phrases: tuple[str, ...], start: int = 0) -> int:
    """Offset of a section heading naming one of ``phrases`` (一、…/二、…), not a mention in the intro."""
    best = -1
    lost = "\ufffd" in text
    for p in phrases:
        pattern = (
            r"(?<![\u4e00-\u9fff])(?P<marker>[一二三四五六七八九])[、.．]\s*(?:[^\n。，、]{0,12}?)"
            + _phrase_pattern(p, lost).pattern
        )
        m = re.search(pattern, text[start:])
        if m:
            i = start + m.start("marker")
            if best < 0 or i < best:
                best = i
    return best


def regions(text: str) -> dict[str, tuple[int, int]]:
    """Where tables 二, 三 and 四 stand in the clean text (only those found)."""
    starts: dict[str, int] = {}
    for t in ("二", "三", "四"):
        i = _find_heading(text, TABLE_HEADINGS[t])
        if i < 0:
            lost = "\ufffd" in text
            i = min((m.start() for a in TABLE_ANCHORS[t] if (m := _phrase_pattern(a, lost).search(text))), default=-1)
        if i >= 0:
            starts[t] = i
    out: dict[str, tuple[int, int]] = {}
    order = sorted(starts.items(), key=lambda kv: kv[1])
    for k, (t, i) in enumerate(order):
        nxt = order[k + 1][1] if k + 1 < len(order) else len(text)
        after = _find_heading(text, AFTER_TABLES, i + 1)
        end = min(nxt, after) if after > i else nxt
        out[t] = (i, end)
    return out


class _Builder:
    def __init__(self, seg: Segmented, tracer: Tracer, out: TemplateResult):
        self.tracer, self.out = tracer, out
        self.text = seg.clean_text
        self.grid = seg.grid_rows

    def cell(
        self,
        key: str | None,
        table: str,
        row_label: str,
        column_label: str | None,
        tok: Token | None,
        unit: str | None,
        value=None,
        raw: str | None = None,
        kind: str | None = None,
        status: Status | None = None,
        note: str | None = None,
        sentence: tuple[int, int] | None = None,
        span: tuple[int, int] | None = None,
    ) -> Figure:
        """One table cell as a figure.  ``tok`` is the cell as written; glued cells pass their value and span."""
        if tok is not None:
            v, u, k = read_value(tok.text)
            value = v if value is None and kind is None else value
            kind = kind or k
            unit = u or unit
            raw = tok.text if raw is None else raw
            span = (tok.start, tok.end)
        else:
            span = span or sentence or (0, 0)
        if status is None:
            status = self.tracer.status(span[0], span[1], raw or "") if kind == "number" else "exact"
        s0, s1 = sentence or span
        f = Figure(
            key=key or "",
            label_zh=f"{row_label} · {column_label}" if column_label else row_label,
            value=value,
            raw_text=raw or "",
            unit=unit,
            status=status,
            sentence=self.text[s0:s1].strip()[:300],
            cell=TableCell(table, row_label, column_label, kind or "number"),
            note=note,
            **self.tracer.place(*span),
        )
        self.out.figures.append(f)
        if tok is not None and tok.end > tok.start:
            self.out.used.append((tok.start, tok.end))
        return f

    def glued(
        self,
        cells: Sequence[tuple[str | None, str, str | None, str | None]],
        table: str,
        reading: Sequence[int] | None,
        raw: str,
        span: tuple[int, int],
        sentence: tuple[int, int],
        note: str,
    ) -> list[Figure]:
        """Cells a bad save glued into one run of digits (``raw`` at ``span``), one (key, row label, column
        label, unit) each: with the one ``reading`` the table's identities leave, repaired; without (none or
        several fit), uncertain with no value.  ``note`` says which."""
        values = reading if reading is not None else [None] * len(cells)
        return [
            self.cell(
                key,
                table,
                row_label,
                column_label,
                None,
                unit,
                value=v,
                raw=raw,
                kind="number" if reading is not None else "text",
                status="repaired" if reading is not None else "uncertain",
                note=note,
                sentence=sentence,
                span=span,
            )
            for (key, row_label, column_label, unit), v in zip(cells, values)
        ]


@lru_cache(maxsize=512)
def _phrase_pattern(phrase: str, lost: bool) -> re.Pattern:
    """The phrase; in text with lost characters (U+FFFD), a phrase of three or more characters may have one
    of them lost (行政规范性文� is still 行政规范性文件)."""
    if not lost or len(phrase) < 3:
        return re.compile(re.escape(phrase))
    return re.compile("".join(f"[{re.escape(ch)}\ufffd]" for ch in phrase))


def _events(tokens: list[Token], phrases: list[tuple[str, str, str]]) -> list[tuple[int, str, str, Token]]:
    """Phrase events found in label text, plus the value tokens: (position, type, payload, token).

    Consecutive label tokens are searched as one text, so a label wrapped over two lines of a PDF dump
    (…逾期不补 / 正、行政机关…) is still found."""
    events = []
    run: list[Token] = []

    def search() -> None:
        if not run:
            return
        text = "".join(t.text for t in run)
        owners: list[Token] = []
        for t in run:
            owners += [t] * len(t.text)
        offsets = [t.start + i for t in run for i in range(len(t.text))]
        found = []
        lost = "\ufffd" in text
        for typ, payload, phrase in phrases:
            for m in _phrase_pattern(phrase, lost).finditer(text):
                fuzz = m.group().count("\ufffd")
                if fuzz <= 1:
                    found.append((m.start(), -len(phrase), fuzz, typ, payload, m.end()))
        found.sort()  # keep non-overlapping matches: longest first at each place, then exact before lost
        taken_until = -1
        for pos, _neg, _fuzz, typ, payload, end in found:
            if pos < taken_until:
                continue
            events.append((offsets[pos], typ, payload, owners[pos]))
            taken_until = end
        run.clear()

    for tok in tokens:
        if tok.kind == "label":
            run.append(tok)
            continue
        search()
        events.append((tok.start, "value", "", tok))
    search()
    events.sort(key=lambda e: e[0])
    return events


# ---------------------------------------------------------------- table 二


def _claim_labels(b: _Builder, events) -> None:
    """The label tokens that named a row, column or item are the table's; other text in the region is not."""
    b.out.labels += sorted({(tok.start, tok.end) for _pos, typ, _p, tok in events if typ != "value"})


def _table2(b: _Builder, span: tuple[int, int], fmt: str) -> None:
    tokens = tokenize(b.text, *span, b.grid)
    phrases = (
        [("item", "", "第二十条")]
        + [("column", suffix, label) for label, suffix, _u in TABLE2_COLUMNS]
        + [("row", stem, label) for label, stem in TABLE2_ROWS]
    )
    events = _events(tokens, phrases)
    _claim_labels(b, events)
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


def _trim_blanks(values: list[Token], ncols: int) -> list[Token]:
    """Saved tables often trail empty cells (| 0 | 0 | 0 | |): beyond the row's columns they are not cells."""
    while len(values) > ncols and values[-1].kind == "blank":
        values = values[:-1]
    return values


def _emit_row(
    b: _Builder, table: str, stem: str, label: str, cols: list[tuple[str, str]], values: list[Token], pos: int
) -> None:
    values = _trim_blanks(values, len(cols))
    end = values[-1].end if values else pos + len(label)
    sentence = (pos, end)
    if len(values) == len(cols):
        for (suffix, col_label), tok in zip(cols, values):
            f = b.cell(
                f"{stem}.{suffix}",
                table,
                label,
                col_label or _column_label(suffix),
                tok,
                COLUMN_UNITS.get(suffix),
                sentence=sentence,
            )
            if f.value is not None and f.value < 0 and suffix not in SIGNED_COLUMNS:
                f.note = "a count cannot be negative"
        return
    digits = "".join(t.text for t in values if t.kind == "value")
    if len(cols) > 1 and values and digits.isdigit() and len(values) < len(cols):
        options = splits(digits, len(cols))
        cells = [
            (f"{stem}.{suffix}", label, col_label or _column_label(suffix), COLUMN_UNITS.get(suffix))
            for suffix, col_label in cols
        ]
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
    for tok in values:
        b.cell(
            None,
            table,
            label,
            None,
            tok,
            None,
            status="uncertain",
            note=f"row has {len(values)} cells for {len(cols)} columns: which column is not certain",
            sentence=sentence,
        )


# ---------------------------------------------------------------- table 三


_MISC = re.compile(r"[（(]?[3３]?[)）.．、]?\s*其他")
_TABLE4_WORDS = re.compile("|".join(TABLE4_COLUMN_LABELS) + "|行政复议|行政诉讼|直接起诉|复议后起诉")


def _table3(b: _Builder, span: tuple[int, int], fmt: str) -> list[tuple[str, list[Figure]]]:
    tokens = tokenize(b.text, *span, b.grid)
    phrases = [("row", key, p) for key, ps in TABLE3_ROWS for p in ps] + [
        ("group", key, p) for key, ps in TABLE3_GROUPS for p in ps
    ]
    events = _events(tokens, phrases)
    # 2021: （六）其他处理 has no cells of its own and its third sub-row is labelled just 其他 (3.其他).
    events += [(t.start, "misc", "", t) for t in tokens if t.kind == "label" and _MISC.fullmatch(t.text.strip())]
    order = TABLE3_ROW_ORDER_2021 if fmt == "template_2021" else TABLE3_ROW_ORDER_2019
    numbered = _numbered_rows(tokens, events, order)
    events += numbered
    events.sort(key=lambda e: e[0])
    _claim_labels(b, events)
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


_NUMBERED = re.compile(r"\s*([1-9])\s*[.．、]")


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


def _positional3(b: _Builder, tokens: list[Token], order: tuple[str, ...], fmt: str):
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
        figs = [
            b.cell(
                f"requests.{key}.{col}", "三", labels.get(key, key), col_label, tok, "件", sentence=sentence, note=note
            )
            for (col, col_label), tok in zip(zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS), row)
        ]
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


_ROW_MARK = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|[1-9][.．、](?=[\u4e00-\u9fff“])")


def _clean_label(text: str, at: int | None = None) -> str:
    """The row's own label inside a token that may hold more (a heading, a group label, glued rows)."""
    if at is not None:
        marks = [m.start() for m in _ROW_MARK.finditer(text) if m.start() <= at]
        if marks:
            text = text[marks[-1] :]
    return text.strip(" |")[:60]


def _read_row3(
    b: _Builder, key: str, label: str, pos: int, values: list[Token]
) -> tuple[list[Figure], list[list[int]] | None]:
    """The row's seven cells, and, for glued cells, every split that fits the row total."""
    cols = list(zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS))
    values = _trim_blanks(values, 7)
    end = values[-1].end if values else pos + len(label)
    sentence = (pos, end)
    figs = []
    if len(values) == 7:
        for (col, col_label), tok in zip(cols, values):
            figs.append(b.cell(f"requests.{key}.{col}", "三", label, col_label, tok, "件", sentence=sentence))
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
        cells = [(f"requests.{key}.{col}", label, col_label, "件") for col, col_label in cols]
        if len(options) == 1:
            note = f"cells glued as {digits!r}; the only split where 总计 is the sum"
            return b.glued(cells, "三", options[0], digits, glued, sentence, note), options
        note = (
            f"cells glued as {digits!r}: {len(options)} splits fit the row total, none is certain"
            if options
            else f"cells glued as {digits!r}: no split fits the row total"
        )
        return b.glued(cells, "三", None, digits, glued, sentence, note), options
    for tok in values:
        figs.append(
            b.cell(
                None,
                "三",
                label,
                None,
                tok,
                "件",
                status="uncertain",
                sentence=sentence,
                note=f"row has {len(values)} cells for 7 columns: which column is not certain",
            )
        )
    return figs, None


# ---------------------------------------------------------------- table 四


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _table4(b: _Builder, span: tuple[int, int]) -> list[Figure]:
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
        figs = [b.cell(k, "四", bl, cl, tok, "件", sentence=sentence) for (k, bl, cl), tok in zip(keys, tokens)]
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
    return [
        b.cell(
            None,
            "四",
            "行政复议、行政诉讼",
            None,
            tok,
            "件",
            status="uncertain",
            sentence=sentence,
            note=f"{len(tokens)} cells where the table has 15: which column is not certain",
        )
        for tok in tokens
    ]


# ---------------------------------------------------------------- all three, derived cells, checks


def read_tables(seg: Segmented, tracer: Tracer, fmt: str) -> TemplateResult:
    """The standard tables of a page that has them (:func:`.tabular.has_standard_tables`: the caller asks, before
    loading this module)."""
    out = TemplateResult()
    out.regions = regions(seg.clean_text)
    b = _Builder(seg, tracer, out)
    if "二" in out.regions:
        _table2(b, out.regions["二"], fmt)
    rows3 = _table3(b, out.regions["三"], fmt) if "三" in out.regions else []
    t4 = _table4(b, out.regions["四"]) if "四" in out.regions else []
    _derive(b, rows3, t4, fmt)
    out.checks += _checks(rows3, t4, out.figures, fmt)
    return out


def _by_key(figs: list[Figure]) -> dict[str, Figure]:
    return {f.key: f for f in figs if f.key}


def _derive(b: _Builder, rows3, t4, fmt: str) -> None:
    """Group subtotals the tables do not print (不予公开, 无法提供, 不予处理, 2021's 其他处理) and litigation.total."""
    cells = _by_key([f for _k, figs in rows3 for f in figs])
    groups = {
        "outcome.withheld": [k for k in TABLE3_LEAVES_2019 if k.startswith("outcome.withheld.")],
        "outcome.unable": [k for k in TABLE3_LEAVES_2019 if k.startswith("outcome.unable.")],
        "outcome.not_processed": [k for k in TABLE3_LEAVES_2019 if k.startswith("outcome.not_processed.")],
    }
    if fmt == "template_2021":
        groups["outcome.other"] = ["outcome.other.no_correction", "outcome.other.fee_unpaid", "outcome.other.misc"]
    for group, leaves in groups.items():
        for col, col_label in zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS):
            parts = [cells.get(f"requests.{leaf}.{col}") for leaf in leaves]
            if not all_present(parts) or not all_numbers(values := [p.value for p in parts]):
                continue
            first = parts[0]
            f = b.cell(
                f"requests.{group}.{col}",
                "三",
                _GROUP_LABELS[group],
                col_label,
                None,
                "件",
                value=sum(values),
                raw="",
                kind="number",
                status="derived",
                note=f"sum of the {len(parts)} rows under {_GROUP_LABELS[group]}",
                sentence=(first.span[0], parts[-1].span[1]),
                span=(first.span[0], first.span[0]),
            )
            f.derived = True
    t4k = _by_key(t4)
    direct, after = t4k.get("litigation.direct.total"), t4k.get("litigation.after_review.total")
    if direct and after and isinstance(direct.value, (int, float)) and isinstance(after.value, (int, float)):
        f = b.cell(
            "litigation.total",
            "四",
            "行政诉讼",
            "总计",
            None,
            "件",
            value=direct.value + after.value,
            raw="",
            kind="number",
            status="derived",
            note="未经复议直接起诉 总计 + 复议后起诉 总计",
            sentence=(direct.span[0], after.span[1]),
            span=(direct.span[0], direct.span[0]),
        )
        f.derived = True


_GROUP_LABELS = {
    "outcome.withheld": "（三）不予公开",
    "outcome.unable": "（四）无法提供",
    "outcome.not_processed": "（五）不予处理",
    "outcome.other": "（六）其他处理",
}


def _checks(rows3, t4: list[Figure], figures: list[Figure], fmt: str) -> list[Check]:
    out: list[Check] = []
    cells = _by_key([f for _k, figs in rows3 for f in figs])
    leaves = TABLE3_LEAVES_2021 if fmt == "template_2021" else TABLE3_LEAVES_2019
    if rows3:
        for col, col_label in zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS):

            def get(row: str, col: str = col) -> Figure | None:
                return cells.get(f"requests.{row}.{col}")

            a = [get("new"), get("carried_in")]
            c = [get("outcome.total"), get("carried_out")]
            if all_present(a) and all_present(c):
                out.append(
                    balance_check(
                        f"表三 {col_label}: 新收 + 上年结转 = 办理结果总计 + 结转下年度",
                        f"table 三, column {col_label}: new + carried_in = outcome.total + carried_out",
                        a,
                        c,
                    )
                )
            total = get("outcome.total")
            parts = [get(leaf) for leaf in leaves]
            if total and all_present(parts):
                out.append(
                    balance_check(
                        f"表三 {col_label}: 办理结果总计 = 各项结果之和",
                        f"table 三, column {col_label}: outcome.total = the sum of the outcome rows",
                        [total],
                        parts,
                    )
                )
        for key, figs in rows3:
            if len(figs) == 7 and all(f.key for f in figs):
                out.append(
                    balance_check(
                        f"表三 {figs[0].cell.row_label[:16]}: 总计 = 各类申请人之和",
                        f"table 三, row {key}: total = the six applicant columns",
                        [figs[-1]],
                        figs[:-1],
                    )
                )
    t4k = _by_key(t4)
    for block, label in zip(TABLE4_BLOCKS, TABLE4_BLOCK_LABELS):
        parts = [t4k.get(f"{block}.{c}") for c in TABLE4_COLUMNS[:4]]
        total = t4k.get(f"{block}.total")
        if total and all_present(parts):
            out.append(
                balance_check(
                    f"表四 {label}: 总计 = 维持 + 纠正 + 其他 + 尚未审结",
                    f"table 四, {block}: total = upheld + corrected + other + pending",
                    [total],
                    parts,
                )
            )
    t2 = [f for f in figures if f.cell and f.cell.table == "二" and f.key]
    counts = [f for f in t2 if not f.key.endswith(tuple(SIGNED_COLUMNS))]
    if counts:
        negative = [f for f in counts if isinstance(f.value, (int, float)) and f.value < 0]
        out.append(
            Check(
                name="表二 数量非负",
                status="fail" if negative else "pass",
                description="table 二: counts and amounts are not negative (本年增/减 may be)",
                inputs=[check_input(f) for f in (negative or counts)],
                note=f"{len(negative)} negative" if negative else None,
            )
        )
    return out
