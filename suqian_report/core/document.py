"""The loaded page: one line per block, whatever the input looked like.

Text dumps and HTML both become a :class:`Document`: a linear text with one
block per line (paragraphs, headings, table rows with cells joined by
``" | "``), the kind of each line, and an offset map back to the decoded
input.  Every later stage works on this shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Source
from .offsets import ByteOffsets, OffsetMap

LineKind = Literal["text", "row", "heading", "title"]
CELL_SEP = " | "


@dataclass(slots=True)
class Line:
    """What one line of the linear text is (text, table row, heading, title), and a row's HTML table; for an HTML
    page, the part of the site's template it stands in (``role``: footer, navigation…, from the elements around it)
    and how many of its characters are link text."""

    kind: LineKind = "text"
    table: int | None = None  # HTML table number, for rows
    role: str | None = None  # furniture the page's markup says the line is in (rules/boilerplate.ROLES)
    links: int = 0  # characters of the line inside <a>


@dataclass(slots=True)
class Document:
    """A page read into linear text, with the map back to what was read (and to its bytes)."""

    source: Source
    raw_text: str  # the decoded input (HTML source for HTML pages)
    text: str  # linear text, one block per line
    lines: list[Line]  # one entry per line of ``text``
    to_raw: OffsetMap  # ``text`` → ``raw_text``
    html_meta: dict[str, str] = field(default_factory=dict)
    lost_in_decoding: int = 0
    to_byte: ByteOffsets | None = None  # raw_text offset → input byte offset (exact decodings only)
    # A PDF: the page and box of each character of raw_text (None between them), and what was left out of it
    # as page furniture (page numbers, running headers and footers).
    boxes: list[tuple[int, float, float, float, float] | None] | None = None
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the reader could not read (a PDF's scanned pages)
    # Pages read by OCR: their numbers, and the engine's confidence in each character of raw_text (None elsewhere).
    ocr_pages: list[int] = field(default_factory=list)
    confidence: list[float | None] | None = None
