"""HTML to lines of text, with the position of every character in the source.

lxml's tree gives the structure: blocks, headings, table rows and cells.
lxml does not report source positions, so the source is also tokenised here
(tags and comments removed, entities decoded) into a *text stream* whose
offsets are known; each text node of the tree is found in that stream in
document order.  The result is a linear text in the same
shape a text dump has (one block per line, table cells joined by ``" | "``)
and an offset map from it to the raw HTML.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..core.document import CELL_SEP, Line, LineKind
from ..core.hanzi import is_cjk
from ..core.offsets import Alignment, Chain
from ..rules.boilerplate import CONTENT_WORDS, ROLES
from ..rules.lazy import lazy

_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "iframe",
        "object",
        "svg",
        "canvas",
        "select",
        "button",
        "input",
        "textarea",
        "map",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "form",
        "center",
        "hr",
        "figure",
        "figcaption",
        "address",
        "fieldset",
        "legend",
        "details",
        "summary",
        "caption",
        "body",
        "html",
        "font_block",
    }
)
_PRE = frozenset({"pre", "listing", "xmp", "plaintext"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_ROWS = frozenset({"tr", "td", "th", "tbody", "thead", "tfoot"})
# the elements that shape the text (a line, a row, nothing at all): any other's text just goes on
_SHAPING = _SKIP | _BLOCK | _PRE | _HEADINGS | _ROWS | {"br", "table"}

_TOKEN = lazy(
    r"<!--.*?(?:-->|$)|<!\[CDATA\[.*?\]\]>|<(script|style|noscript|template|textarea)\b[^>]*>.*?(?:</\1\s*>|$)"
    r"|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^>]*>",
    re.S | re.I,
)
_ENTITY = lazy(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_RUNS = lazy(r"([ \t\n\r\f]+)|[^ \t\n\r\f]+")  # runs of ASCII whitespace (group 1), and of the rest


def markup_spans(raw: str) -> list[tuple[int, int]]:
    """Where the source is markup, not text: its tags, comments, declarations and the contents of scripts and
    styles, in order."""
    return [m.span() for m in _TOKEN.finditer(raw)]


def text_stream(raw: str) -> tuple[str, Alignment]:
    """The text content of an HTML source (tags, comments and scripts removed, entities decoded), and its map to
    the source: each tag a newline (text on both sides must not fuse), each entity its character.  The map's
    segments are made here in one pass: a page holds thousands of tags."""
    out: list[str] = []
    segs: list[tuple[int, int, int, int, bool]] = []
    pos = dpos = 0
    for m in _TOKEN.finditer(raw):
        a, b = m.span()
        if a > pos:
            dpos = _text(raw, pos, a, dpos, out, segs)
        segs.append((dpos, dpos + 1, a, b, False))
        out.append("\n")
        dpos += 1
        pos = b
    if pos < len(raw):
        dpos = _text(raw, pos, len(raw), dpos, out, segs)
    if not segs:  # (an empty page)
        segs.append((0, 0, 0, 0, True))
    return "".join(out), Alignment(segs, dpos, len(raw))


def _text(raw: str, start: int, end: int, dpos: int, out: list[str], segs: list) -> int:
    """Copy ``raw[start:end]``, its character references decoded; the stream's length after it."""
    pos = start
    if raw.find("&", start, end) >= 0:
        for m in _ENTITY.finditer(raw, start, end):
            decoded = _html.unescape(m.group(0))
            if decoded == m.group(0):
                continue
            a, b = m.span()
            if a > pos:
                segs.append((dpos, dpos + a - pos, pos, a, True))
                out.append(raw[pos:a])
                dpos += a - pos
            segs.append((dpos, dpos + len(decoded), a, b, False))
            out.append(decoded)
            dpos += len(decoded)
            pos = b
    if end > pos:
        segs.append((dpos, dpos + end - pos, pos, end, True))
        out.append(raw[pos:end])
        dpos += end - pos
    return dpos


@dataclass
class _Builder:
    """Accumulates output text with, for each piece, where it came from in the stream."""

    segs: list[tuple[int, int, int, int, bool]] = field(default_factory=list)
    out: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    pos: int = 0  # output length
    line_start: int = 0
    kind: LineKind = "text"
    table: int | None = None
    cell_start: int = 0
    pending_space: int | None = None  # stream offset of a collapsed whitespace run
    pending_break: bool = False  # the run held a line break (or a block boundary inside a cell)
    last_char: str = ""
    role: str | None = None  # the template part the walk is in (set by the walker)
    line_role: str | None = None  # the role where the current line's text began
    line_links: int = 0  # characters of the current line inside <a>

    def _emit(self, text: str, s0: int, s1: int, copy: bool) -> None:
        if self.pos == self.line_start:
            self.line_role = self.role
        self.segs.append((self.pos, self.pos + len(text), s0, s1, copy))
        self.out.append(text)
        self.pos += len(text)
        if text:
            self.last_char = text[-1]

    def unplaced(self, text: str, at: int) -> None:
        """Text whose place in the stream is not known, its whitespace collapsed: mapped to the point ``at``."""
        self.pending_space = None
        self._emit(" ".join(text.split()), at, at, False)

    def add_text(self, text: str, at: int) -> None:
        """Add a text node found at stream offset ``at``, collapsing ASCII whitespace runs."""
        if not text:
            return
        if not (" " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text):
            # no ASCII whitespace, as most nodes of a Chinese page: one run, read without a pattern
            self._run(text, at, at + len(text))
            return
        for m in _RUNS.finditer(text):
            i, j = m.span()
            if m.lastindex:  # a run of ASCII whitespace
                if self.pos > max(self.line_start, self.cell_start):
                    if self.pending_space is None:
                        self.pending_space, self.pending_break = at + i, False
                    self.pending_break = self.pending_break or "\n" in m.group() or "\r" in m.group()
                continue
            self._run(m.group(), at + i, at + j)

    def _run(self, run: str, s0: int, s1: int) -> None:
        """A run of text holding no ASCII whitespace, at ``[s0, s1)`` of the stream, after any space pending."""
        if self.pending_space is not None:
            # Segment breaks between CJK characters render as nothing (CSS Text 3); elsewhere as one space.
            if not (self.pending_break and is_cjk(self.last_char) and is_cjk(run[0])):
                self._emit(" ", self.pending_space, self.pending_space + 1, False)
            self.pending_space = None
        self._emit(run, s0, s1, True)

    def soft_break(self, at: int) -> None:
        """A block boundary inside a table cell: behaves like whitespace."""
        if self.pos > max(self.line_start, self.cell_start) and self.pending_space is None:
            self.pending_space, self.pending_break = at, True

    def separator(self, sep: str, at: int) -> None:
        self.pending_space = None
        self._emit(sep, at, at, False)
        self.cell_start = self.pos

    def newline(self, at: int, next_kind: LineKind = "text", table: int | None = None) -> None:
        self.pending_space = None
        if self.pos > self.line_start:
            self.lines.append(Line(self.kind, self.table, self.line_role, self.line_links))
            self._emit("\n", at, at, False)
            self.line_start = self.pos
            self.last_char = ""
        self.cell_start = self.pos
        self.kind = next_kind
        self.table = table
        self.line_links = 0

    def finish(self, stream_len: int) -> tuple[str, Alignment]:
        self.newline(stream_len)
        if self.out and self.out[-1] == "\n":  # no trailing newline
            self.out.pop()
            self.segs.pop()
            self.pos -= 1
        if not self.segs:
            self.segs.append((0, 0, 0, 0, False))
        return "".join(self.out), Alignment(self.segs, self.pos, stream_len)


class _Walker:
    def __init__(self, stream: str):
        self.stream = stream
        self.cursor = 0
        self.b = _Builder()
        self.tables = 0
        self.pre = 0  # depth of <pre> elements around the current node
        self.in_link = 0  # depth of <a> elements around the current node

    def locate(self, s: str) -> int:
        """Stream offset of the text node ``s``, searching forward from the last match."""
        i = self.stream.find(s, self.cursor)
        if i < 0:
            stripped = s.strip()
            i = self.stream.find(stripped, self.cursor) if stripped else -1
            if i >= 0:
                i -= s.index(stripped[0]) if stripped else 0
        if i < 0:
            return -1
        self.cursor = i + len(s)
        return i

    def text(self, s: str) -> None:
        if self.in_link:
            before = self.b.pos
            self._text(s)
            self.b.line_links += self.b.pos - before
        else:
            self._text(s)

    def _text(self, s: str) -> None:
        at = self.locate(s)
        if self.pre and at >= 0 and "\n" in s:
            # Preformatted text keeps its line breaks.
            col = 0
            for k, piece in enumerate(s.split("\n")):
                if k:
                    self.b.newline(at + col - 1)
                if piece:
                    self.b.add_text(piece, at + col)
                col += len(piece) + 1
            return
        if at < 0:
            # The parser changed this text (rare malformed HTML): keep it, mapped to where we are.
            self.b.unplaced(s, self.cursor)
            return
        self.b.add_text(s, at)

    def walk(self, node, in_cell: bool = False) -> None:
        if node.text:
            self.text(node.text)
        for child in node:
            name = child.tag
            if isinstance(name, str):  # (not a comment, a processing instruction or an entity)
                attrib = child.attrib
                role = role_of(name, attrib.get("class"), attrib.get("id")) if attrib else _TAG_ROLES.get(name)
                if role is None and name != "a":
                    self.element(child, name, in_cell)
                else:
                    outer = self.b.role, self.in_link
                    if role is not None:
                        self.b.role = role or None  # ("": the page's content, whatever holds it)
                    self.in_link += name == "a"
                    self.element(child, name, in_cell)
                    self.b.role, self.in_link = outer
            if child.tail:
                self.text(child.tail)

    def element(self, child, name: str, in_cell: bool) -> None:
        if name not in _SHAPING:  # an inline element (span, font, b…): its text goes on (most elements of a page)
            self.walk(child, in_cell)
        elif name in _SKIP:
            for s in child.itertext(with_tail=False):  # keep the stream cursor in step with the document
                if s.strip():
                    self.locate(s)
        elif name == "br":
            if in_cell:
                self.b.soft_break(self.cursor)
            else:
                self.b.newline(self.cursor)
        elif name == "table":
            self.table(child, in_cell)
        elif name in _PRE and not in_cell:
            self.b.newline(self.cursor)
            self.pre += 1
            self.walk(child)
            self.pre -= 1
            self.b.newline(self.cursor)
        elif name in _HEADINGS and not in_cell:
            self.b.newline(self.cursor, "heading")
            self.walk(child)
            self.b.newline(self.cursor)
        elif name in _BLOCK or name in _ROWS:
            if in_cell:
                self.b.soft_break(self.cursor)
                self.walk(child, True)
                self.b.soft_break(self.cursor)
            else:
                self.b.newline(self.cursor)
                self.walk(child)
                self.b.newline(self.cursor)
        else:
            self.walk(child, in_cell)

    def table(self, table, in_cell: bool) -> None:
        nested = in_cell or next(table.iterdescendants("table"), None) is not None
        # (the rows of this table, not of one inside it, and the cells of each: looked for only in a table that
        # holds no other, so that tables nested deep are not searched again at every level)
        cells_of = [] if nested else _grid(table)
        if nested or _holds_pages(cells_of):
            # A layout table (it holds other tables, or a cell holds paragraphs of text): its cells are just blocks.
            self.b.newline(self.cursor)
            self.walk(table)
            self.b.newline(self.cursor)
            return
        self.tables += 1
        tid = self.tables
        rows = [cells for cells in cells_of if cells]
        place = {cell: (k == 0, k == len(cells) - 1) for cells in rows for k, cell in enumerate(cells)}
        parts = list(_parts(table, place))
        if [p for kind, p in parts if kind == "cell"] != [c for cells in rows for c in cells]:
            # cells out of the rows' order (a row inside a row, a cell inside a cell, in broken markup): each row
            # whole, in turn, and nothing outside the cells
            for cells in rows:
                self.b.newline(self.cursor, "row", tid)
                for k, cell in enumerate(cells):
                    self.cell(cell, k == 0)
                self.b.newline(self.cursor)
            return
        # In document order: the cells, row by row, and what stands outside a cell (a browser shows it before the
        # table), kept as lines of its own: where it stands between rows, after the row when it stands inside one.
        # It is not looked for in the source, but mapped to where the walk stands: malformed markup puts such text
        # out of the source's order, and a short text (0) found too far on would put every text after it out of
        # step.
        held: list[str | None] = []  # between the cells of the row being read (None: a line ends)
        loose: list[str | None] = []  # since the last row
        self.b.newline(self.cursor)
        for kind, part in parts:
            if kind == "cell":
                first, last = place[part]
                if first:
                    self.stray(loose)
                    self.b.newline(self.cursor, "row", tid)
                self.cell(part, first)
                if last:
                    self.b.newline(self.cursor)
                    self.stray(held)
                continue
            buf = held if self.b.kind == "row" else loose
            if kind == "text":
                buf.append(part)
            elif part.tag in _BLOCK or part.tag in _HEADINGS or part.tag in _PRE:  # a line of its own
                buf += [None, _plain_text(part), None]
            else:
                buf.append(_plain_text(part))
        self.stray(loose)
        self.b.newline(self.cursor)

    def cell(self, cell, first: bool) -> None:
        if not first:
            self.b.separator(CELL_SEP, self.cursor)
        self.walk(cell, True)
        self.b.pending_space = None

    def stray(self, pieces: list[str | None]) -> None:
        """Text found outside a data table's cells, as lines of its own (None ends one), unplaced."""
        line: list[str] = []
        for piece in [*pieces, None]:
            if piece is not None:
                line.append(piece)
            elif line:
                text = "".join(line)
                line.clear()
                if text.strip():
                    self.b.newline(self.cursor)
                    self.b.unplaced(text, self.cursor)
                    self.b.newline(self.cursor)
        pieces.clear()


class _Flat:
    """The parser's events for a page nested too deeply for a walk of its tree (100,000 ``<div>``s): the text in
    document order, a line break at every block element, tables read as blocks.  An lxml parser target: the tree
    itself stops at the parser's depth limit, its events do not."""

    def __init__(self, walker: _Walker):
        self.w = walker
        self.open: list[str] = []  # the elements around the text, outermost first
        self._pending: list[str] = []

    def _flush(self) -> None:
        if not self._pending:
            return
        s, self._pending = "".join(self._pending), []
        if any(name in _SKIP for name in self.open[-64:]):
            if s.strip():
                self.w.locate(s)
        else:
            self.w.text(s)

    def start(self, tag, attrib) -> None:
        self._flush()
        name = tag.lower() if isinstance(tag, str) else ""
        if name in _BLOCK or name in _HEADINGS or name in ("br", "tr", "td", "th", "table"):
            self.w.b.newline(self.w.cursor)
        self.open.append(name)

    def end(self, tag) -> None:
        self._flush()
        if self.open:
            self.open.pop()

    def data(self, data: str) -> None:
        self._pending.append(data)

    def comment(self, text) -> None:
        self._flush()

    def pi(self, target, data=None) -> None:
        self._flush()

    def doctype(self, *args) -> None:
        self._flush()

    def close(self) -> None:
        self._flush()


@lru_cache(maxsize=1)
def _cells_path() -> Any:
    """The cells of a row that holds another (broken markup), as XPath finds them (in lxml's C code): the
    ``td``/``th`` below the row with no other row between."""
    from lxml import etree

    return etree.XPath(".//*[self::td or self::th][count(ancestor::tr) = $depth]")


_SECTIONS = frozenset({"tbody", "thead", "tfoot"})
_STRUCTURE = _SECTIONS | {"table", "tr", "colgroup", "col"}  # a table's own elements, around its cells


def _grid(table) -> list[list]:
    """The rows of a table that holds no other (the walker asks only of those), each the list of its cells, in
    document order.  Cells that stand in the table with no row around them (a ``<tr>`` lost from the markup; a
    browser gives them a row of their own) make a row, those side by side one row: their figures are not lost."""
    rows: list[list] = []
    stray: list | None = None
    for el in table.iterdescendants("tr", "td", "th"):
        if el.tag == "tr":
            rows.append(_cells(el))
            stray = None
        elif (parent := el.getparent()) is table or (parent.tag in _SECTIONS and parent.getparent() is table):
            if stray is None:
                stray = []
                rows.append(stray)
            stray.append(el)
    return rows


def _parts(node, cells: dict) -> Iterator[tuple[str, Any]]:
    """What a data table holds below ``node``, in document order, its cells not entered: ``("cell", element)``;
    ``("element", element)`` for an element outside the cells that holds none (a caption); ``("text", str)`` for
    bare text outside the cells."""
    if node.text:
        yield "text", node.text
    for child in node:
        if child in cells:
            yield "cell", child
        elif isinstance(child.tag, str):
            if child.tag in _STRUCTURE or any(c in cells for c in child.iterdescendants("td", "th")):
                yield from _parts(child, cells)
            else:
                yield "element", child
        if child.tail:
            yield "text", child.tail


def _plain_text(node) -> str:
    """The text an element shows, in one run: its comments, and elements that show no text (scripts, a
    ``<select>``…), aside."""
    out: list[str] = []

    def visit(el) -> None:
        if el.text:
            out.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                visit(child)
            if child.tail:
                out.append(child.tail)

    if node.tag not in _SKIP:
        visit(node)
    return "".join(out)


def _cells(tr) -> list:
    if next(tr.iterdescendants("tr"), None) is None:  # (a row holding no other, as rows are: every cell below it)
        return list(tr.iterdescendants("td", "th"))
    return _cells_path()(tr, depth=sum(1 for _ in tr.iterancestors("tr")) + 1)


def _text_longer(node, n: int) -> bool:
    """Whether the text an element holds (its comments aside) is longer than ``n`` characters."""
    total = 0
    for s in node.itertext(with_tail=False):
        total += len(s)
        if total > n:
            return True
    return False


_CELL_TEXT = 300  # a table cell holding more text than this, or several paragraphs, is a page's layout, not data
_PARAGRAPHS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "ul", "ol"})


def _holds_pages(cells: list[list]) -> bool:
    """Whether these rows lay out a page rather than hold data: one cell a row (no columns to read), or a cell
    holding several paragraphs or a long text."""
    if all(len(row) <= 1 for row in cells):
        return True
    for row in cells:
        for cell in row:
            blocks = sum(1 for c in cell if c.tag in _PARAGRAPHS)
            if blocks >= 3 or (blocks and _text_longer(cell, _CELL_TEXT)):
                return True
    return False


_TAG_ROLES = {tag: role for role, (tags, _words) in ROLES.items() for tag in tags}
_WORD_ROLES = {word: role for role, (_tags, words) in ROLES.items() for word in words}
_CONTENT = frozenset(CONTENT_WORDS)
_WORD = lazy(r"[A-Za-z][a-z0-9]*|[0-9]+")


def role_of(tag: str, classes: str | None, element_id: str | None) -> str | None:
    """The part of a site's template an element is, by its tag and the words of its class and id (``footer``,
    ``navigation``…), ``""`` for the page's content, None when they say nothing.  A template repeats its classes
    on element after element: each short tag, class and id is read once (a long one is not kept, so that the
    memory held stays small whatever the pages are)."""
    if len(classes or "") + len(element_id or "") <= 200:
        return _role_short(tag, classes, element_id)
    return _role(tag, classes, element_id)


def _role(tag: str, classes: str | None, element_id: str | None) -> str | None:
    words = [w.lower() for n in (classes, element_id) if n for w in _WORD.findall(n)]
    for w in words:
        if w in _WORD_ROLES:
            return _WORD_ROLES[w]
    if any(w in _CONTENT for w in words):
        return ""
    return _TAG_ROLES.get(tag)


_role_short = lru_cache(maxsize=4096)(_role)

META_CHARS = 500  # a <title> or meta value longer than this is not metadata (and would cost every pattern)


def html_meta(root) -> dict[str, str]:
    """``<title>`` and the meta tags report pages use for their metadata, each cut to :data:`META_CHARS`."""
    meta: dict[str, str] = {}
    title = next(root.iter("title"), None)
    if title is not None and title.text and not len(title):
        meta["title"] = " ".join(title.text[: 4 * META_CHARS].split())[:META_CHARS]
    for tag in root.iter("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip()
        content = tag.get("content")
        if name and content:
            meta[name.lower()[:META_CHARS]] = " ".join(str(content)[: 4 * META_CHARS].split())[:META_CHARS]
    return meta


def flatten(raw: str) -> tuple[str, list[Line], Chain, dict[str, str]]:
    """Parse an HTML page into (text, line kinds, map text → raw, meta tags)."""
    from lxml import etree

    stream, stream_map = text_stream(raw)
    parser = etree.HTMLParser(huge_tree=True)
    parser.feed(raw)
    root = parser.close()
    walker = _Walker(stream)
    meta: dict[str, str] = {}
    if root is not None:
        meta = html_meta(root)
        body = next(root.iter("body"), None)  # (the first anywhere: a broken head may hold it)
        try:
            walker.walk(root if body is None else body)
        except RecursionError:  # nested deeper than a walk can go: the parser's events, block by block
            walker = _Walker(stream)
            flat = etree.HTMLParser(target=_Flat(walker), huge_tree=True)
            flat.feed(raw)
            flat.close()
    text, to_stream = walker.b.finish(len(stream))
    lines = walker.b.lines
    want = text.count("\n") + 1 if text else 0
    while len(lines) < want:
        lines.append(Line())
    return text, lines[:want] if want else [], Chain([stream_map, to_stream]), meta
