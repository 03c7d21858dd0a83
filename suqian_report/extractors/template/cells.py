"""The pieces every table reader shares: tokens, values, where each table stands, and the builder that places
and traces cells (the events of a region: item markers, column headers, row labels, values)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...core.model import Figure, Status, TableCell
from ...rules.lazy import lazy
from ...rules.tables import (
    AFTER_TABLES,
    TABLE_ANCHORS,
    TABLE_HEADINGS,
)
from ...segment import Segmented
from ..numbers import MAX_DIGITS, to_number
from ..provenance import Traced, Tracer
from ..tabular import TemplateResult


@dataclass(slots=True)
class Token:
    """A piece of a table row: a label, a value or a blank, with its place in the clean text."""

    text: str
    start: int
    end: int
    kind: str  # "label" | "value" | "blank"
    piped: bool = False  # from a row whose cells are separated (|): its columns can be trusted


_NA = lazy(r"^(?:[-－—–/／\\]{1,2}|无|——)$")
_VALUE = lazy(r"(?P<sign>减少?|增加?|[+＋]|-{1,2}|－)?(?P<num>\d+(?:\.\d+)?)(?P<unit>万元|亿元|元|%|％)?")
_MARKER = lazy(r"[1-9][.．、]\s?(?=[\u4e00-\u9fff“])")
_SEPARATORS = lazy(r"[^\s|｜]+")
_PAGE_NUMBER = lazy(r"^\s*(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*/?\s*共\s*\d+\s*页)?)\s*$")


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
            cells = line.split("|") if "｜" not in line else re.split(r"[|｜]", line)
            cpos = pos
            html_row = pos in grid
            left = not html_row and line.lstrip().startswith(("|", "｜"))
            right = not html_row and line.rstrip().endswith(("|", "｜")) and (left or right_edge)
            valued = False  # a value cell came before, in this row
            for k, cell in enumerate(cells):
                unled = cell.lstrip(" \t\u00a0\u3000")
                stripped = unled.rstrip(" \t\u00a0\u3000")
                lead = len(cell) - len(unled)
                if stripped:
                    # a separated cell is a value or a label whole (数据1 is a header, not 数据 + 1); in a grid
                    # row, a few characters among the values are a value cell that does not read as a number
                    # (a digit misread, T for 1): its place is kept, its value is none
                    value = _plain_digits(stripped) or bool(_NA.match(stripped) or _VALUE.fullmatch(stripped))
                    kind = "value" if value or (html_row and valued and len(stripped) <= 3) else "label"
                    valued = valued or value
                    out.append(Token(stripped, cpos + lead, cpos + lead + len(stripped), kind, True))
                elif not (k == 0 and left) and not (k == len(cells) - 1 and right):
                    out.append(Token("", cpos, cpos, "blank", True))
                cpos += len(cell) + 1
        else:
            for m in _SEPARATORS.finditer(line):
                out += _split_token(m.group(0), pos + m.start())
        pos += len(line) + 1
    return out


def _plain_digits(text: str) -> bool:
    """ASCII digits alone (what :data:`_VALUE` reads as a bare count)."""
    return text.isdigit() and text.isascii()


def read_value(text: str) -> tuple[int | float | None, str | None, str]:
    """(value, unit, kind) of a cell: kind is number, blank, not_applicable or text."""
    t = text.strip()
    if _plain_digits(t):  # most cells: read without a pattern
        return (int(t), None, "number") if len(t) <= MAX_DIGITS else (None, None, "text")
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


def _find_heading(text: str, phrases: tuple[str, ...], start: int = 0) -> int:
    """Offset of a section heading naming one of ``phrases`` (一、…/二、…), not a mention in the intro."""
    m = _heading_pattern(phrases, "\ufffd" in text).search(text[start:] if start else text)
    return start + m.start("marker") if m else -1


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


class Builder:
    def __init__(self, seg: Segmented, tracer: Tracer, out: TemplateResult):
        self.tracer, self.out = tracer, out
        self.text = seg.clean_text
        self.grid = seg.grid_rows
        self._last_sentence: tuple[tuple[int, int], str] = ((-1, -1), "")

    def row(
        self,
        keys: Sequence[str | None],
        table: str,
        row_label: str,
        column_labels: Sequence[str | None],
        toks: Sequence[Token],
        units: Sequence[str | None],
        sentence: tuple[int, int],
        status: Status | None = None,
        note: str | None = None,
    ) -> list[Figure]:
        """A row's cells as figures, one for each token as written (its key, column label and unit beside it),
        read, traced and placed together.  ``status``: what every cell is, when the row says it (uncertain,
        for cells whose columns are not known); otherwise a number is exact or repaired as it was traced."""
        reads = [read_value(t.text) for t in toks]
        written = [t.text if status is None and kind == "number" else None for t, (_v, _u, kind) in zip(toks, reads)]
        spans = [(t.start, t.end) for t in toks]
        traced = self.tracer.cells(spans, written)
        text = self._sentence(sentence)
        made = [
            (key, row_label, column, value, tok.text, unit or default_unit, got or status or "exact", text, span, kind)
            for key, column, default_unit, tok, span, (value, unit, kind), got in zip(
                keys, column_labels, units, toks, spans, reads, (s for s, *_where in traced)
            )
        ]
        figs = self._figures(table, note, made, traced)
        self.out.used += [(a, b) for a, b in spans if b > a]
        return figs

    def unplaced(
        self, table: str, row_label: str, toks: Sequence[Token], unit: str | None, sentence: tuple[int, int], note: str
    ) -> list[Figure]:
        """A row whose cells do not match its columns: every cell kept as written, uncertain, with no key or column
        (``note`` says why)."""
        n = len(toks)
        return self.row([None] * n, table, row_label, [None] * n, toks, [unit] * n, sentence, "uncertain", note)

    def unwritten(
        self,
        table: str,
        raw: str,
        kind: str,
        status: Status,
        note: str,
        cells: Sequence[
            tuple[str | None, str, str | None, str | None, int | float | None, tuple[int, int], tuple[int, int]]
        ],
    ) -> list[Figure]:
        """Cells with no text of their own, placed together: a sum the table does not print, or cells glued
        together (``raw`` the run of digits at ``span``); (key, row label, column label, unit, value, sentence,
        span) each.  A cell whose status is derived is a derived figure."""
        traced = self.tracer.cells([span for *_rest, span in cells], [None] * len(cells))
        made = [
            (key, row_label, column, value, raw, unit, status, self._sentence(sentence), span, kind)
            for key, row_label, column, unit, value, sentence, span in cells
        ]
        return self._figures(table, note, made, traced)

    def _figures(self, table: str, note: str | None, made: list[tuple], traced: list[Traced]) -> list[Figure]:
        """The figures of cells (key, row label, column label, value, text, unit, status, sentence, span, kind)
        where :meth:`Tracer.cells` traced them.  Made with Figure's fields in their order, not by
        keyword: a table has hundreds of cells, and keywords cost twice as much."""
        figs = [
            Figure(
                key or "",
                f"{row_label} · {column}" if column else row_label,
                value,
                raw,
                unit,
                False,
                None,
                status == "derived",
                status,
                None,
                section,
                sentence,
                span,
                raw_span,
                byte_span,
                TableCell(table, row_label, column, kind),
                note,
                page,
                bbox,
            )
            for (key, row_label, column, value, raw, unit, status, sentence, span, kind), (
                _status,
                raw_span,
                byte_span,
                section,
                page,
                bbox,
            ) in zip(made, traced)
        ]
        self.out.figures += figs
        return figs

    def _sentence(self, span: tuple[int, int]) -> str:
        """The text of a row (its cells share it), cut to 300 characters."""
        if span != self._last_sentence[0]:
            self._last_sentence = (span, self.text[span[0] : span[1]].strip()[:300])
        return self._last_sentence[1]

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
        status: Status = "repaired" if reading is not None else "uncertain"
        kind = "number" if reading is not None else "text"
        placed = [
            (key, row_label, column, unit, v, sentence, span)
            for (key, row_label, column, unit), v in zip(cells, values)
        ]
        return self.unwritten(table, raw, kind, status, note, placed)


@lru_cache(maxsize=64)
def _heading_pattern(phrases: tuple[str, ...], lost: bool) -> re.Pattern:
    """A section heading (一、…) naming one of the phrases within its first words: one search finds the first
    heading that names any of them."""
    return re.compile(
        r"(?<![\u4e00-\u9fff])(?P<marker>[一二三四五六七八九])[、.．]\s*(?:[^\n。，、]{0,12}?)(?:"
        + "|".join(_phrase_pattern(p, lost).pattern for p in phrases)
        + ")"
    )


@lru_cache(maxsize=512)
def _phrase_pattern(phrase: str, lost: bool) -> re.Pattern:
    """The phrase; in text with lost characters (U+FFFD), a phrase of three or more characters may have one
    of them lost (行政规范性文� is still 行政规范性文件)."""
    if not lost or len(phrase) < 3:
        return re.compile(re.escape(phrase))
    return re.compile("".join(f"[{re.escape(ch)}\ufffd]" for ch in phrase))


def find_events(tokens: list[Token], phrases: list[tuple[str, str, str]]) -> list[tuple[int, str, str, Token]]:
    """Phrase events found in label text, plus the value tokens: (position, type, payload, token).

    Consecutive label tokens are searched as one text, so a label wrapped over two lines of a PDF dump
    (…逾期不补 / 正、行政机关…) is still found.  The region's runs of labels are searched together, a line break
    between two (no phrase holds one): each phrase is looked for once in the region, not once in every run."""
    labels: list[Token] = []
    starts: list[int] = []  # where each label token starts in ``text``
    runs: list[int] = []  # the run each label token is in
    pieces: list[str] = []
    at, after = 0, -1  # (``after``: the index of the label token before, to tell where a run ends)
    for i, tok in enumerate(tokens):
        if tok.kind != "label":
            continue
        new_run = bool(labels) and i != after + 1
        if new_run:
            pieces.append("\n")
            at += 1
        runs.append(runs[-1] + new_run if runs else 0)
        labels.append(tok)
        starts.append(at)
        pieces.append(tok.text)
        at += len(tok.text)
        after = i
    text = "".join(pieces)
    found = []
    if "\ufffd" in text:  # a character may be lost in a phrase: patterns
        for typ, payload, phrase in phrases:
            for m in _phrase_pattern(phrase, True).finditer(text):
                fuzz = m.group().count("\ufffd")
                if fuzz <= 1:
                    found.append((m.start(), -len(phrase), fuzz, typ, payload, m.end()))
    else:  # the phrases as written: each found left to right, without overlaps (as a pattern would be)
        for typ, payload, phrase in phrases:
            i = text.find(phrase)
            while i >= 0:
                found.append((i, -len(phrase), 0, typ, payload, i + len(phrase)))
                i = text.find(phrase, i + max(len(phrase), 1))
    found.sort()  # keep non-overlapping matches: longest first at each place, then exact before lost
    in_run: list[list[tuple[int, str, str, Token]]] = [[] for _ in range(runs[-1] + 1 if runs else 0)]
    taken_until = -1
    for pos, _neg, _fuzz, typ, payload, end in found:
        if pos < taken_until:
            continue
        k = bisect_right(starts, pos) - 1  # the token the match starts in
        owner = labels[k]
        in_run[runs[k]].append((owner.start + pos - starts[k], typ, payload, owner))
        taken_until = end
    # in the tokens' order, a run's phrases where the run ends (where two events share a place, the sort keeps it)
    events = []
    run = 0
    for i, tok in enumerate(tokens):
        if tok.kind == "label":
            if i + 1 == len(tokens) or tokens[i + 1].kind != "label":
                events += in_run[run]
                run += 1
        else:
            events.append((tok.start, "value", "", tok))
    events.sort(key=lambda e: e[0])
    return events


def claim_labels(b: Builder, events) -> None:
    """The label tokens that named a row, column or item are the table's; other text in the region is not."""
    b.out.labels += sorted({(tok.start, tok.end) for _pos, typ, _p, tok in events if typ != "value"})


def trim_blanks(values: list[Token], ncols: int) -> list[Token]:
    """Saved tables often trail empty cells (| 0 | 0 | 0 | |): beyond the row's columns they are not cells."""
    while len(values) > ncols and values[-1].kind == "blank":
        values = values[:-1]
    return values
