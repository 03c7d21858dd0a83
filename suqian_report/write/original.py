"""The original page in the evidence view: an HTML report's own body, rendered as its site laid it out, every
figure marked where the page wrote it.

A figure's ``raw_span`` points into the page's source; a mark is put there (only where the span is text: never
inside a tag, a comment or a script), with an element name the page cannot hold (it is made from the page's own
hash).  BeautifulSoup then parses and sanitises the whole: nothing runs and nothing loads.  Scripts, styles,
frames, objects, forms' controls and images go (an image leaves its ``alt`` text); elements outside a list of
text and table elements become plain spans, their text kept; every attribute goes but a table cell's span and
alignment, so no handler, link target, style or source is left.  The marks become the view's own ``<mark>``s.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable

from ..core.model import Figure, Report
from ..rules.lazy import lazy

# Elements whose content is not text to show, or that could run or load something: gone with their content.
_DROP = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "template", "svg",
        "math", "link", "meta", "base", "title", "head", "input", "select", "option", "optgroup", "textarea",
        "button", "audio", "video", "source", "track", "canvas", "map", "area", "param", "portal", "dialog",
    }
)  # fmt: skip
# Elements kept as they are (their attributes aside): text, lists and tables.
_KEEP = frozenset(
    {
        "p", "div", "span", "section", "article", "header", "footer", "nav", "aside", "main", "h1", "h2", "h3", "h4",
        "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "caption", "colgroup", "col", "br", "hr", "b", "strong", "i", "em", "u", "s", "strike", "sub", "sup", "small",
        "big", "font", "center", "pre", "blockquote", "a", "abbr", "cite", "code", "q", "address", "figure",
        "figcaption", "label", "mark", "tt", "var", "kbd", "samp", "del", "ins",
    }
)  # fmt: skip
_ATTRIBUTES = frozenset({"colspan", "rowspan", "align", "valign"})


def original_page(report: Report, mark_open: Callable[[int, Figure], str]) -> str | None:
    """The body of an HTML report's page, sanitised, with ``mark_open(i, figure)`` opening a ``</mark>``-closed
    mark around each figure the page wrote as text (an empty one where a cell is empty); None for a page that was
    not HTML."""
    raw = report.raw_text
    if report.source.input_kind != "html" or not raw:
        return None
    from bs4 import BeautifulSoup, Comment, Tag
    from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

    from ..read.html import markup_spans

    name = "sqfig" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    pieces: list[str] = []
    pos = 0
    for i, (a, b) in _text_spans(report.figures, raw, markup_spans(raw)):
        pieces += [raw[pos:a], f'<{name} data-i="{i}">', raw[a:b], f"</{name}>"]
        pos = b
    pieces.append(raw[pos:])
    soup = BeautifulSoup("".join(pieces), "lxml")
    root = soup.body or soup
    stack = [root]  # (top down, with a stack: a page may nest deeper than recursion goes)
    while stack:
        for child in list(stack.pop().contents):
            if isinstance(child, (Comment, CData, Declaration, Doctype, ProcessingInstruction)):
                child.extract()
                continue
            if not isinstance(child, Tag):
                continue
            tag = (child.name or "").lower()
            if tag == "img":
                alt = str(child.get("alt") or "").strip()
                if alt:
                    child.replace_with(f"[{alt}]")
                else:
                    child.decompose()
                continue
            if tag in _DROP:
                child.decompose()
                continue
            if tag == name:
                child.attrs = {"data-i": str(child.get("data-i") or "")}
            elif tag in _KEEP:
                child.attrs = {k: v for k, v in child.attrs.items() if k in _ATTRIBUTES}
            else:  # an element of no known meaning (o:p, st1:chsdate, a site's own): a plain span
                child.name, child.attrs = "span", {}
            stack.append(child)
    if root is not soup:
        root.name = "div"
        root.attrs = {}
    figures = report.figures
    opened = re.sub(
        f'<{name} data-i="(\\d+)">', lambda m: mark_open(int(m[1]), figures[int(m[1])]), root.decode_contents()
    )
    return opened.replace(f"</{name}>", "</mark>")


def _text_spans(figures: list[Figure], raw: str, markup: list[tuple[int, int]]) -> list[tuple[int, tuple[int, int]]]:
    """The figures' spans in the source that are text alone (no tag, comment or script inside or around them), in
    order, none overlapping another (the first kept); an empty cell's, a point between two pieces of markup."""
    starts = [a for a, _b in markup]
    out: list[tuple[int, tuple[int, int]]] = []
    end = 0
    for i, f in sorted(enumerate(figures), key=lambda x: (x[1].raw_span or (0, 0))[0]):
        if (
            f.derived or f.status == "derived" or not f.raw_span or f.raw_span[1] < f.raw_span[0] or f.raw_span[0] < end
        ):  # (a sum: unwritten)
            continue
        a, b = f.raw_span
        k = bisect_right(starts, a) - 1  # the last markup starting at or before a
        inside = k >= 0 and markup[k][0] < a < markup[k][1] if a == b else k >= 0 and markup[k][1] > a
        if inside or (k + 1 < len(markup) and markup[k + 1][0] < b) or b > len(raw):
            continue
        if _in_entity(raw, a) or _in_entity(raw, b):
            continue
        out.append((i, (a, b)))
        end = b
    return out


_ENTITY_START = lazy(r"&#?[0-9A-Za-z]*")


def _in_entity(raw: str, pos: int) -> bool:
    """Whether ``pos`` falls inside a character reference (``&nbsp;``, ``&#21016;``)."""
    j = raw.rfind("&", max(0, pos - 12), pos)
    return j >= 0 and _ENTITY_START.fullmatch(raw, j, pos) is not None
