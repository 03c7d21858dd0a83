"""Word (.docx) to lines of text, as ``htmlpage`` makes of an HTML page.

python-docx opens the package; the body is then read in document order straight from its WordprocessingML, so
that paragraphs and tables keep their order: a paragraph is a line, a table row is one line of
``" | "``-joined cells.  A merged cell is written once, where it starts, as HTML's rowspan and colspan are: a
cell spanning columns (``gridSpan``) is one cell, and a cell continuing a vertical merge (``vMerge`` without
``restart``) is left out of its row.  Headers and footers live in their own parts of the package and are not
body text.  A table inside a cell is read as lines of that cell's text.  The body's pictures come out too, in
order: a document of scanned pages (pictures and no text) is read by OCR (:mod:`.images`).
"""

from __future__ import annotations

import io

from ..core import logs
from ..core.document import CELL_SEP, Line
from ..core.errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def read_docx(data: bytes, path: str | None = None) -> tuple[str, list[Line], list[bytes]]:
    """The body's text and lines, and the pictures it holds, in order (a document of scanned pages is one
    picture a page)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    logs.libraries_loaded()

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        pictures = _pictures(document)
    except (PackageNotFoundError, KeyError, ValueError) as e:
        raise InputError(f"not a readable Word document ({type(e).__name__})", path) from None
    except Exception as e:  # a damaged ZIP or XML part: lxml and zipfile raise their own errors
        raise InputError(f"a damaged Word document ({type(e).__name__})", path) from None
    out: list[str] = []
    lines: list[Line] = []
    tables = 0
    for child in _blocks(body):
        if child.tag == f"{_W}p":
            out.append(_text(child))
            lines.append(Line())
        elif child.tag == f"{_W}tbl":
            tables += 1
            for tr in child.iterchildren(f"{_W}tr"):
                cells = [_cell_text(tc) for tc in tr.iterchildren(f"{_W}tc") if not _continues_merge(tc)]
                if cells:
                    out.append(CELL_SEP.join(cells))
                    lines.append(Line("row", tables))
    return "\n".join(out), lines, pictures


def _pictures(document) -> list[bytes]:
    """The pictures of the body in document order (each drawing's ``a:blip``, by its relationship id)."""
    parts = document.part.related_parts
    out = []
    for blip in document.element.body.iter(f"{_A}blip"):
        part = parts.get(blip.get(f"{_R}embed"))
        if part is not None:
            out.append(part.blob)
    return out


def _blocks(element):
    """The paragraphs and tables of the body in order, those inside content controls (``w:sdt``, a table of
    contents, a form field) and custom XML included."""
    for child in element.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _blocks(child)


def _text(element) -> str:
    """The text of a paragraph (or any element): runs, tabs and breaks, in order."""
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return "".join(parts)


def _cell_text(tc) -> str:
    """A cell's paragraphs joined: a label wrapped over several paragraphs reads as one."""
    return "".join(_text(p) for p in tc.iter(f"{_W}p")).strip()


def _continues_merge(tc) -> bool:
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val") in (None, "continue")
