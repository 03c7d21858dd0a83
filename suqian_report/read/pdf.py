"""PDF to lines of text, with the page and the box of every character, read from the document itself.

pdfplumber (over pdfminer.six) gives every character with its box, and the ruling lines and rectangles from
which it finds each table's grid of cells, merged cells included.  From those this module rebuilds what
``htmlpage`` makes of an HTML page, so that every layout shares one set of table rules downstream:

- reading order by position: text lines and table rows sorted top to bottom on each page;
- a table row becomes one line of ``" | "``-joined cells; a merged cell is written once, in its first row (as
  HTML's rowspan and colspan are); a cell's text is all the characters whose centre lies in it, line by line,
  so a label wrapped over several lines, or written one character per line (``三、本年度办理结果``
  vertically), reads as one label;
- a table continued on the next page simply goes on with its rows; the page's number (``-3-``, ``第3页``) and
  running headers or footers repeated on several pages are furniture, left out and listed;
- a row that is one cell across the whole table (a frame drawn around the prose) is text, not a row;
- prose lines wrapped by the page width are joined into their paragraph; an indented line starts a new one;
- a character drawn twice at the same place (a simulated bold heading) is read once.

Every character of the result keeps its page (1-based) and box ``(x0, top, x1, bottom)`` in PDF points, origin
at the top left of the page, for the figures' provenance and the evidence view.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from ..core import logs
from ..core.document import CELL_SEP, Line
from ..core.errors import InputError
from ..core.limits import page_turned
from ..rules.lazy import lazy

Box = tuple[int, float, float, float, float]  # page, x0, top, x1, bottom

_PAGE_NUMBER = lazy(r"[-—–－]?\s*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d{1,4})?\s*(?:共\s*\d{1,4}\s*页)?\s*[-—–－]?")
_NUMBER = lazy(r"[\d.,，%-]+")
_SENTENCE_END = tuple("。！？；：!?;:")
_HEADING = lazy(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、]")


@dataclass
class PdfText:
    text: str
    lines: list[Line]
    boxes: list[Box | None]  # one per character of ``text`` (None for separators and joins)
    pages: int
    page_sizes: list[tuple[float, float]] = field(default_factory=list)  # (width, height) in points
    furniture: list[str] = field(default_factory=list)  # page numbers, running headers and footers left out
    scanned: list[int] = field(default_factory=list)  # pages that are images with no text layer, unread (from 1)
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR (from 1)
    confidence: list[float | None] | None = None  # per character of ``text``, for pages read by OCR
    ocr_seconds: float = 0.0


@dataclass
class _Piece:
    """A line of text or a table row on one page, before the pages are joined."""

    top: float
    x0: float
    x1: float
    cells: list[list[dict]] | None  # a row: the characters of each cell; None for a text line
    chars: list[dict]  # a text line's characters, left to right
    table: int = 0


def read_pdf(data: bytes, path: str | None = None, ocr: bool | None = None) -> PdfText:
    """The text of a PDF with a box for every character.  A page with no text layer (a scan) is read by OCR
    when the extra is installed (``ocr``: None, when it is; False, never); without it, a PDF of scans is refused
    (``needs_ocr``, the message naming the extra)."""
    import pdfplumber

    from . import ocr as engine

    logs.libraries_loaded()

    use_ocr = engine.available() if ocr is None else ocr

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        page_list = pdf.pages
    except Exception as e:  # pdfminer's errors come wrapped, or as whatever a broken file makes it raise
        cause = e.__cause__ or e.__context__ or e
        if "password" in str(e).lower() or "encrypt" in type(cause).__name__.lower():
            raise InputError("an encrypted PDF: it cannot be read without its password", path) from None
        raise InputError(f"a damaged PDF ({_one_line(e)}): it cannot be read", path) from None
    with pdf:
        pieces: list[list[_Piece]] = []
        sizes: list[tuple[float, float]] = []
        images = chars = 0
        scanned: list[int] = []
        read_by_ocr: dict[int, engine.OcrPage] = {}
        table_no = 0
        for page in page_list:
            try:
                page_pieces, tables = _page_pieces(page, table_no)
                if page.images and _count(page_pieces) < 20 and use_ocr:
                    page_turned()  # (--timeout bounds each page read by OCR)
                    read = read_by_ocr[page.page_number] = _ocr_page(data, page.page_number - 1, engine)
                    page_pieces, tables = _page_pieces(page, table_no, read)
            except InputError as e:  # the OCR engine that cannot load
                raise InputError(e.message, path, kind=e.kind) from None
            except Exception as e:  # pdfminer raises many kinds of errors on broken content streams
                raise InputError(f"a damaged PDF (page {page.page_number}: {_one_line(e)})", path) from None
            table_no += tables
            pieces.append(page_pieces)
            sizes.append((float(page.width), float(page.height)))
            images += len(page.images)
            on_page = _count(page_pieces)
            if page.images and on_page < 20 and page.page_number not in read_by_ocr:
                scanned.append(page.page_number)
            chars += on_page
        if chars < 20:
            if read_by_ocr:
                raise InputError(
                    f"a scanned PDF ({len(page_list)} page(s) of images): OCR found no text on them", path, kind="empty"
                )
            if images:
                raise InputError(
                    f"a scanned PDF ({len(page_list)} page(s) of images, no text layer): it needs OCR first "
                    f"({engine.EXTRA})",
                    path,
                    kind="needs_ocr",
                )
            raise InputError("a PDF with no text", path, kind="empty")
    furniture = _furniture(pieces, sizes)
    out = _Writer()
    for (number, page_pieces), (_width, height) in zip(enumerate(pieces, 1), sizes):
        text = [p for p in page_pieces if p.cells is None and id(p) not in furniture]
        # the text block's edges, from the lines inside the page's top and bottom margins (a running header or
        # footer not recognised as one, on a page alone, often stands further out)
        body = [p for p in text if not _in_margin(p, height)] or text
        if body:
            out.margins[number] = (min(p.x0 for p in body), max(p.x1 for p in body))
        for piece in page_pieces:
            if id(piece) not in furniture:
                out.piece(piece, number)
    left_out = [_line_text(p.chars) for page_pieces in pieces for p in page_pieces if id(p) in furniture]
    return PdfText(
        out.text(),
        out.lines,
        out.boxes,
        len(pieces),
        sizes,
        left_out,
        scanned,
        sorted(read_by_ocr),
        out.confidence if read_by_ocr else None,
        sum(r.seconds for r in read_by_ocr.values()),
    )


def _count(pieces: list[_Piece]) -> int:
    return sum(len(p.chars) + sum(len(c) for c in p.cells or ()) for p in pieces)


def _ocr_page(data: bytes, index: int, engine) -> Any:
    """A page with no text layer, rendered at the OCR resolution and read (:mod:`.ocr`)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        image = page.render(scale=engine.DPI / 72).to_pil()
        page.close()
    finally:
        document.close()
    return engine.read_image(image, engine.DPI / 72)


def _one_line(e: Exception) -> str:
    text = " ".join(str(e).split())[:120]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


# ---------------------------------------------------------------- one page


def _page_pieces(page, table_no: int, ocr=None) -> tuple[list[_Piece], int]:
    """A page's text lines and table rows, from its text layer, or from what OCR read of it (``ocr``: its
    characters, and its ruling lines, from which pdfplumber finds the grid as it does from drawn ones)."""
    every = ocr.chars if ocr is not None else _distinct(page.chars)
    chars = [c for c in every if c["text"].strip()]
    rows: list[tuple[tuple[float, float, float, float], list, int]] = []  # (row box, cell boxes, table number)
    tables = 0
    for table in _tables(page, ocr):
        table_rows = [(r.bbox, r.cells) for r in table.rows if _is_row(r.cells, table.bbox)]
        if table_rows:
            tables += 1
            rows += [(bbox, cells, table_no + tables) for bbox, cells in table_rows]
    rows.sort(key=lambda r: r[0][1])
    # Each character goes to the cell its centre lies in; a merged cell (a label over several rows) holds the
    # characters of its whole area, in the row it starts.  Cells are found through 4-point bands of height.
    in_cells: list[list[list[dict]]] = [[[] for _ in cells] for _b, cells, _t in rows]
    bands: dict[int, list[tuple[int, int, tuple[float, float, float, float]]]] = {}
    for i, (_box, cells, _t) in enumerate(rows):
        for j, cell in enumerate(cells):
            if cell is not None:
                for band in range(int(cell[1]) // 4, int(cell[3]) // 4 + 1):
                    bands.setdefault(band, []).append((i, j, cell))
    text_chars = []
    for ch in chars:
        where = _cell_of(ch, bands)
        if where is None:
            text_chars.append(ch)
        else:
            in_cells[where[0]][where[1]].append(ch)
    if ocr is not None:  # a cell the page's reading left empty, or read as a dash, is read again alone; a lone o is a 0
        from ..rules.ocr import GUESSED
        from .ocr import as_value

        for (_box, cells, _t), cells_chars in zip(rows, in_cells):
            for j, cell in enumerate(cells):
                if cell is None:
                    continue
                if not cells_chars[j]:
                    cells_chars[j] = ocr.read_cell(cell)
                elif len(cells_chars[j]) == 1 and cells_chars[j][0]["text"] in _DASHES:
                    again = ocr.read_cell(cell)  # (a thin 1 read as a dash; a dash read again stays one)
                    if again and again[0]["text"] not in _DASHES:
                        cells_chars[j] = again
                elif len(cells_chars[j]) == 1 and (ch := cells_chars[j][0])["text"] != as_value(ch["text"]):
                    cells_chars[j] = [dict(ch, text=as_value(ch["text"]), confidence=min(ch["confidence"], GUESSED))]
    # the spaces the PDF writes between words of the text (in cells they would only make empty cells look full)
    text_chars += [c for c in every if c["text"] == " " and _cell_of(c, bands) is None]
    # Where each table's numbers start: an empty cell left of that is a piece of a label cut by a ruling line
    # (or the rest of a label merged from the page before), not a blank value.
    values_from: dict[int, float] = {}
    for (_box, cells, t), cells_chars in zip(rows, in_cells):
        for cell, cell_chars in zip(cells, cells_chars):
            if cell is not None and cell_chars and _NUMBER.fullmatch(_line_text(cell_chars)):
                values_from[t] = min(values_from.get(t, cell[0]), cell[0])
    pieces = [
        _Piece(
            top,
            x0,
            x1,
            [
                _in_reading_order(c)
                for c, box in zip(cells_chars, cells)
                if box is not None and (c or box[2] > values_from.get(t, 0.0) + 1)
            ],
            [],
            t,
        )
        for ((x0, top, x1, _bottom), cells, t), cells_chars in zip(rows, in_cells)
    ]
    pieces += [_Piece(line[0]["top"], line[0]["x0"], line[-1]["x1"], None, line) for line in _text_lines(text_chars)]
    pieces.sort(key=lambda p: p.top)
    return pieces, tables


def _tables(page, ocr) -> list:
    if ocr is None:
        return page.find_tables()
    vertical = [line for line in ocr.lines if line["x0"] == line["x1"]]
    horizontal = [line for line in ocr.lines if line["top"] == line["bottom"]]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    return page.find_tables(
        {
            "vertical_strategy": "explicit",
            "horizontal_strategy": "explicit",
            "explicit_vertical_lines": vertical,
            "explicit_horizontal_lines": horizontal,
        }
    )


def _distinct(chars: list[dict]) -> list[dict]:
    """A character drawn again within a point of itself (a simulated bold heading) is one character."""
    seen: set[tuple[str, int, int]] = set()
    out = []
    for ch in chars:
        x, y = int(ch["x0"]), int(ch["top"])
        if any((ch["text"], x + dx, y + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            continue
        seen.add((ch["text"], x, y))
        out.append(ch)
    return out


def _cell_of(ch: dict, bands: dict) -> tuple[int, int] | None:
    """(row, cell) of the cell the character's centre lies in, or None outside every cell."""
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    for i, j, (x0, top, x1, bottom) in bands.get(int(cy) // 4, ()):
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return i, j
    return None


def _is_row(cells: list, table_box: tuple[float, float, float, float]) -> bool:
    """A row of a data table: two cells or more (a merged one counts where it starts).  One cell across the
    whole table is a frame drawn around text."""
    present = [c for c in cells if c is not None]
    if len(cells) < 2:
        return False
    if len(present) == 1:
        x0, _t, x1, _b = present[0]
        return (x1 - x0) < 0.9 * (table_box[2] - table_box[0])
    return bool(present)


def _text_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters outside the tables, as lines: grouped by their vertical position, left to right."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(ch["top"] - lines[-1][0]["top"]) <= 0.5 * (ch["bottom"] - ch["top"]):
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


def _in_reading_order(chars: list[dict]) -> list[dict]:
    """A cell's characters line by line, left to right.  A label written one character per line (a single
    column of characters) reads top to bottom; where the PDF gives such a column's characters overlapping
    positions (some writers do for vertical text), the order they were written in is the order."""
    if len(chars) > 1 and max(c["x0"] for c in chars) - min(c["x0"] for c in chars) < 0.5 * _size(chars[0]):
        by_top = sorted(chars, key=lambda c: c["top"])
        apart = all(b["top"] - a["top"] >= 0.5 * _size(a) for a, b in zip(by_top, by_top[1:]))
        return by_top if apart else list(chars)
    return [ch for line in _text_lines(chars) for ch in line]


def _size(ch: dict) -> float:
    return max(ch["bottom"] - ch["top"], ch["x1"] - ch["x0"], 1.0)


def _line_text(chars: list[dict]) -> str:
    return "".join(ch["text"] for ch in chars)


_DASHES = frozenset("-－—–一")


def _in_margin(p: _Piece, height: float) -> bool:
    """In the top or bottom margin of its page, where running headers, footers and page numbers stand."""
    return p.top < 0.1 * height or p.top > 0.88 * height


_NOT_LETTER = lazy(r"[\d\W_]+")


def _furniture(pieces: list[list[_Piece]], sizes: list[tuple[float, float]]) -> set[int]:
    """Page numbers, and text lines repeated at the top or the bottom of several pages (running headers and
    footers), digits, punctuation and spaces aside; at the same height, nearly the same letters will do (OCR
    loses a small letter here and there)."""
    out: set[int] = set()
    groups: list[tuple[str, float, list[_Piece]]] = []  # the letters of a line, its height, its repeats
    for page_pieces, (_w, height) in zip(pieces, sizes):
        for p in page_pieces:
            if p.cells is not None:
                continue
            text = _line_text(p.chars).strip()
            in_margin = _in_margin(p, height)
            # a number alone is a page number in the margins; elsewhere only when marked as one (-3-, 第3页)
            if _PAGE_NUMBER.fullmatch(text) and (in_margin or not text.isdigit()):
                out.add(id(p))
            elif in_margin:
                key = _NOT_LETTER.sub("", text)
                same = next(
                    (
                        g
                        for g in groups
                        if g[0] == key
                        or (abs(g[1] - p.top) < 12 and min(len(key), len(g[0])) >= 2 and _alike(key, g[0]))
                    ),
                    None,
                )
                if same is None:
                    groups.append((key, p.top, [p]))
                else:
                    same[2].append(p)
    for _key, _top, repeats in groups:
        if len(repeats) >= 2 and len(repeats) >= len(pieces) // 2:
            out.update(id(p) for p in repeats)
    return out


def _alike(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.75


# ---------------------------------------------------------------- the pages as one text


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.boxes: list[Box | None] = []
        self.confidence: list[float | None] = []
        self.lines: list[Line] = []
        self.open: _Piece | None = None  # the paragraph being written, to join a wrapped line to
        self.open_page = 0
        self.margins: dict[int, tuple[float, float]] = {}  # left and right edges of the text on each page

    def text(self) -> str:
        return "".join(self.parts)

    def _add(self, s: str, box: Box | None, confidence: float | None = None) -> None:
        self.parts.append(s)
        self.boxes.extend([box] * len(s))
        self.confidence.extend([confidence] * len(s))

    def _chars(self, chars: list[dict], page: int) -> None:
        """A line's characters; a space where the PDF writes one, or where a gap between letters or digits
        stands for one.  A line's leading and trailing spaces are left out."""
        prev = None
        pending = False  # a space to write before the next character
        for ch in chars:
            if ch["text"] == " ":
                pending = prev is not None
                continue
            gap = prev is not None and ch["x0"] - prev["x1"] > 0.6 * (ch["x1"] - ch["x0"]) and _spaced(prev, ch)
            if pending or gap:
                self._add(" ", None)
            pending = False
            x0, top, x1, bottom = ch.get("box") or (ch["x0"], ch["top"], ch["x1"], ch["bottom"])  # (a page turned
            # straight for OCR: the box on the page as it is)
            box = (page, round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))
            self._add(ch["text"], box, ch.get("confidence"))
            prev = ch

    def _newline(self, kind: str = "text", table: int | None = None) -> None:
        if self.parts:
            self._add("\n", None)
        self.lines.append(Line(kind, table))  # type: ignore[arg-type]

    def piece(self, p: _Piece, page: int) -> None:
        if p.cells is not None:
            self.open = None
            self._newline("row", p.table)
            for k, cell in enumerate(p.cells):
                if k:
                    self._add(CELL_SEP, None)
                self._chars(cell, page)
            return
        if self._continues(p, page):
            self._chars(p.chars, page)
        else:
            self._newline()
            self._chars(p.chars, page)
        self.open, self.open_page = p, page

    def _continues(self, p: _Piece, page: int) -> bool:
        """A prose line wrapped by the page width goes on in the next line: the line before it reaches the right
        edge and does not end a sentence, and this one is not indented and starts no heading."""
        prev = self.open
        if prev is None or not prev.chars or not p.chars:
            return False
        width = p.chars[0]["x1"] - p.chars[0]["x0"] or 10.0
        left, _right = self.margins[page]
        if p.x0 > left + 1.5 * width or _HEADING.match(_line_text(p.chars)):
            return False
        if _line_text(prev.chars).endswith(_SENTENCE_END):
            return False
        left, right = self.margins[self.open_page]
        return prev.x1 >= right - max(4 * width, 0.15 * (right - left))


def _spaced(a: dict, b: dict) -> bool:
    """A gap between two characters is a space unless both are Chinese (text set with letter-spacing)."""
    return not ("\u3000" <= a["text"] <= "\u9fff" and "\u3000" <= b["text"] <= "\u9fff")


# ---------------------------------------------------------------- pages as images, for the evidence view


def render_pages(data: bytes, scale: float = 1.5) -> list[tuple[bytes, float, float]]:
    """Each page of a PDF as a PNG image, with the page's width and height in points (pypdfium2, which
    pdfplumber itself uses to render)."""
    import pypdfium2 as pdfium

    out = []
    document = pdfium.PdfDocument(data)
    try:
        for page in document:
            width, height = page.get_size()
            buf = io.BytesIO()
            page.render(scale=scale).to_pil().save(buf, "PNG")
            out.append((buf.getvalue(), float(width), float(height)))
            page.close()
    finally:
        document.close()
    return out
