"""Segment: tell the report from the page around it.

Input: the repaired lines (and the kind of each, from loading).  Output: the
metadata panel (parsed), the title line, the body lines with their section
paths, and every boilerplate block with the reason it was cut.  The body,
joined, is the *clean text* every figure's ``span`` points into; an offset
map leads from it back to the repaired text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from .core.document import CELL_SEP, Line
from .core.offsets import Alignment
from .core.patterns import Started
from .rules.boilerplate import (
    ARTICLE_INFO,
    FOOTER,
    LINK_SHARE,
    LOST_LABEL_PANEL,
    PANEL_LABELS,
    PANEL_STRONG,
    RELATED_START,
    ROLE_CUTS,
    is_navigation,
)
from .rules.lazy import lazy
from .rules.spam import BRANDS, is_link_spam, spam_runs

# (A lossy decoding loses the character before an ASCII byte, so the last character of a line: 报告 may end in
# U+FFFD, 年 and 中心 too.)
_TITLE = lazy(
    r"((?:19|20)\d\d)\s*年?度?.{0,30}(信息公开|政务公开).{0,12}(年度报告|年报|工作报告|报[告\ufffd])|"
    r"(信息公开|政务公开).{0,12}(年度报[告\ufffd]|年报)"
)
# A title that says for which year or whose report it is, not only the genre's name.
_NAMES_WHOSE = lazy(r"(?:19|20)\d\d|[\u4e00-\u9fff]{2,}(?:省|市|县|区|旗|镇|乡|街道|政府|局|委|办|厅|中心|管委会)")
# Labels may be spaced out to line up (索 引 号, 标 题).
_TITLE_HEAD = lazy(r"^.{2,30}(19|20)\d\d\s*(?:年度?|\ufffd)$")
_BODY_NAME = lazy(
    r"[\u4e00-\u9fff]{2,24}(?:政府|办公室|办公厅|局|委员会|委|中心|管委会|街道办事处|[\u4e00-\u9fff]\ufffd)"
)
# How the text of a report opens, after any page furniture.
_OPENING = lazy(
    r"本(?:年度)?报告|根据《|依据《|按照《|依照《|为(?:贯彻|落实|进一步)|特向社会公布|现将|[一1][、.．]\s*(?:概述|总体情况|基本情况)"
)
# Labels may be spaced out to line up (索 引 号), and a lossy decoding may have lost a character of one (索引�, the
# character before an ASCII byte): in a label of three or more characters, up to half may stand as U+FFFD.
_LABELS = sorted(PANEL_LABELS, key=len, reverse=True)


def _label_pattern(label: str, lost: bool) -> str:
    if not lost or len(label) < 3:
        return r"\s?".join(re.escape(c) for c in label)
    return r"\s?".join(f"[{re.escape(c)}\ufffd]" for c in label)


def _panel_label(lost: bool) -> Started:
    """A panel label; with ``lost``, one that may have lost characters (a line holding U+FFFD: only there can
    one stand, and the classes that allow for it are most of what the pattern costs to compile)."""
    return Started(
        r"(?:^|(?<=[\s|：:•·]))(?:"
        + "|".join(f"(?P<l{i}>{_label_pattern(label, lost)})" for i, label in enumerate(_LABELS))
        + r")\s*(?:[:：]|\s|\||$)",
        # a label's first character, where the label may begin: first in the text, or after a space or a separator
        start="["
        + "".join(sorted({re.escape(label[0]) for label in _LABELS}))
        + ("\ufffd]" if lost else "]")
        + r"(?<![^\s|：:•·].)",
    )


_PANEL_LABEL = {lost: _panel_label(lost) for lost in (False, True)}
_BULLET = lazy(r"^[•·●○◆■□▪\-*]+\s*")
_MD_HEADING = lazy(r"^#{1,6}\s*")

# Section markers at the start of a line, by level.
_HEADINGS = (
    (1, lazy(r"^([一二三四五六七八九十]{1,3})\s*[、.．﹒]")),
    (2, lazy(r"^[(（]\s*([一二三四五六七八九十]{1,3})\s*[)）]")),
    (3, lazy(r"^(\d{1,2})\s*[.．、﹒](?![0-9])")),
    (4, lazy(r"^[(（](\d{1,2})[)）]|^(\d{1,2})[)）]")),
)
# Numbered items inside a paragraph: ``…。(2)公共查阅点。`` (level 4).
_INLINE_ITEM = lazy(r"(?:(?<=[。；;:：])|^)\s*(?:[(（](\d{1,2})[)）]|(\d{1,2})[)）])(?=[\u4e00-\u9fff])")


@dataclass(slots=True)
class Cut:
    """Lines cut from the body as boilerplate (which, and why)."""

    kind: str
    reason: str
    first: int  # line index
    last: int  # line index, inclusive
    end_col: int | None = None  # the cut stops at this column of line ``last`` (the rest of it is body)


@dataclass(slots=True)
class Section:
    """A numbered section heading of the body, by its clean-text offset."""

    offset: int  # in the clean text
    path: str
    title: str


@dataclass
class Segmented:
    """The page cut into body and boilerplate: the clean text, its sections, and its map to the repaired text."""

    lines: list[str]  # the repaired text's lines (a long line with link spam inside is split around it)
    offsets: list[int]  # where each line starts in the repaired text
    kinds: list[Line]
    body: list[int]  # line indices of the body, in order
    cuts: list[Cut]
    panel: dict[str, str]
    title_line: int | None
    clean_text: str
    to_repaired: Alignment  # clean text → repaired text
    line_starts: list[int]  # clean-text offset of each body line
    title: str | None = None  # the report's own title line(s), as written
    heads: dict[int, int] = field(default_factory=dict)  # line → column where its body part starts
    sections: list[Section] = field(default_factory=list)
    spam: list[tuple[int, int, str]] = field(default_factory=list)  # injected brand names: clean spans

    @cached_property
    def _section_offsets(self) -> list[int]:
        return [s.offset for s in self.sections]

    def section_at(self, offset: int) -> Section | None:
        i = bisect_right(self._section_offsets, offset) - 1
        return self.sections[i] if i >= 0 else None

    def body_line(self, k: int) -> str:
        """The text of body line ``k`` (without page furniture cut from its start)."""
        i = self.body[k]
        return self.lines[i][self.heads.get(i, 0) :]

    def is_row(self, k: int) -> bool:
        """Whether body line ``k`` is a table row (HTML row, or cells joined by ``|``)."""
        return self.kinds[self.body[k]].kind == "row" or is_row_text(self.body_line(k))

    @cached_property
    def grid_rows(self) -> frozenset[int]:
        """Clean-text offsets of the body lines that are rows of an HTML table (cells known, no borders)."""
        return frozenset(self.line_starts[k] for k, i in enumerate(self.body) if self.kinds[i].kind == "row")

    def table_spans(self) -> list[tuple[int, int]]:
        """Clean-text spans of the body lines that are table rows."""
        return [
            (self.line_starts[k], self.line_starts[k] + len(self.body_line(k)))
            for k in range(len(self.body))
            if self.is_row(k)
        ]

    def line_of(self, offset: int) -> int:
        """Index into ``body`` of the line holding a clean-text offset."""
        return max(0, bisect_right(self.line_starts, offset) - 1)


def is_row_text(line: str) -> bool:
    return CELL_SEP in line or line.lstrip().startswith("|") or line.count("|") >= 2


def _strip_furniture(line: str) -> str:
    # asked of each line several times as the page is segmented: short lines (most) are remembered, so that the
    # memory held stays small whatever the pages are
    return _strip_short(line) if len(line) <= 512 else _strip(line)


def _strip(line: str) -> str:
    return _MD_HEADING.sub("", _BULLET.sub("", line.strip()))


_strip_short = lru_cache(maxsize=8192)(_strip)


def _label_of(m: re.Match[str]) -> str:
    return _LABELS[int((m.lastgroup or "l0")[1:])]


def parse_panel_line(line: str) -> dict[str, str] | None:
    """``索引号 014320144/2014-00083 分类 信息公开年报`` → {label: value}; None if not a panel line."""
    text = line.strip().strip("|").strip()
    found = _PANEL_LABEL["\ufffd" in text].finditer(text)
    ms = [m for m in found if 2 * m.group(0).count("\ufffd") <= len(_label_of(m))]
    if not ms or ms[0].start() > 2:
        return None
    labels = [_label_of(m) for m in ms]
    if (
        not (set(labels) & PANEL_STRONG)
        and not (len(ms) >= 2)
        and labels[0] not in ("名称", "标题", "发布日期", "发布时间")
    ):
        return None
    out: dict[str, str] = {}
    for k, m in enumerate(ms):
        end = ms[k + 1].start() if k + 1 < len(ms) else len(text)
        value = text[m.end() : end].strip().strip("|:：").strip()
        out.setdefault(labels[k], value)
    return out


def _is_title(text: str) -> bool:
    if re.match(r"^[\u4e00-\u9fff\s]{1,6}[:：]", text):
        return False  # 栏目：政府信息公开年报 is a label and its value
    return bool(_TITLE.search(text)) and len(text) <= 80 and "。" not in text and "，" not in text[:-1]


def _contentful(text: str, kind: Line) -> bool:
    if kind.kind == "row" or CELL_SEP in text:
        return True
    t = _strip_furniture(text)
    if any(p.match(t) for _, p in _HEADINGS):
        return True
    return "。" in t or "；" in t or len(t) >= 40 or ("，" in t and len(t) >= 12)


def _is_prose(line: str) -> bool:
    """Several sentences: a line that is never cut whole as link spam."""
    return len(line) > 80 and line.count("。") >= 2


def _units(text: str, kinds: list[Line]) -> tuple[list[str], list[int], list[Line], set[int]]:
    """The lines of the repaired text, their offsets and kinds, and which are link spam.

    A page saved on one line holds its link spam inside that line: such a line is split around the spam, so
    that the spam is cut and the report around it stays."""
    lines: list[str] = []
    offsets: list[int] = []
    out_kinds: list[Line] = []
    spam: set[int] = set()
    pos = 0
    for i, line in enumerate(text.split("\n")):
        runs = spam_runs(line) if _is_prose(line) and is_link_spam(line) else []
        rest = "".join(line[b:a] for b, a in zip([0] + [e for _, e in runs], [s for s, _ in runs] + [len(line)]))
        if runs and rest.count("。") >= 2:
            cols = [0] + [c for run in runs for c in run] + [len(line)]
            for k in range(len(cols) - 1):
                if cols[k + 1] > cols[k]:
                    if k % 2:
                        spam.add(len(lines))
                    lines.append(line[cols[k] : cols[k + 1]])
                    offsets.append(pos + cols[k])
                    out_kinds.append(kinds[i])
        else:
            lines.append(line)
            offsets.append(pos)
            out_kinds.append(kinds[i])
        pos += len(line) + 1
    return lines, offsets, out_kinds, spam


def segment(text: str, kinds: list[Line]) -> Segmented:
    lines, offsets, kinds, spam_units = _units(text, kinds)
    n = len(lines)
    label: list[str | None] = [None] * n  # boilerplate kind per line, None for body
    reason: dict[str, str] = {
        "navigation": "search box, breadcrumb or toolbar",
        "metadata_panel": "metadata panel, parsed into metadata",
        "header": "page header before the report title",
        "related": "related-links list after the report",
        "spam_links": "link spam added by a mirror site",
        "spam_injection": "spam brand name standing where page text was",
        "footer": "site footer",
        "table_rule": "markdown table rule",
        "menu": "a line of links: a menu or a list of other pages",
        "toolbar": "share, print, font-size or previous/next links",
    }
    panel: dict[str, str] = {}

    for i, raw in enumerate(lines):
        t = _strip_furniture(raw)
        if not t:
            continue
        if i in spam_units or (is_link_spam(t) and not _is_prose(t)):
            label[i] = "spam_links"
        elif (info := ARTICLE_INFO.match(t)) is not None:
            label[i] = "metadata_panel"
            panel.setdefault("发布日期", info.group(1))
        elif is_navigation(t):
            label[i] = "table_rule" if t.startswith(("|", ":-", "-")) and "---" in t else "navigation"
        elif (fields := parse_panel_line(t)) is not None and "。" not in t and len(t) <= 120:
            label[i] = "metadata_panel"
            for k, v in fields.items():
                panel.setdefault(k, v)
        elif LOST_LABEL_PANEL.match(t.lstrip("|").lstrip()) and "。" not in t and len(t) <= 120:
            label[i] = "metadata_panel"

    # What the page's markup says is its template (a footer, a menu…), and lines that are mostly links.  A heading
    # that reads as the report's title stays, wherever the template put it, unless it is a link.
    for i, (raw, markup) in enumerate(zip(lines, kinds)):
        if label[i] is not None or not (markup.role or markup.links) or not (t := _strip_furniture(raw)):
            continue
        linked = markup.links >= LINK_SHARE * len(t.replace(" ", ""))
        if markup.kind == "heading" and not linked and _is_title(t):
            continue
        if markup.role is not None:
            label[i] = ROLE_CUTS[markup.role]
        elif linked and not _is_prose(t):
            label[i] = "menu"

    # A whole report saved on one line behind its page furniture (当前位置：… 文字版 文件下载 --> 本报告…):
    # the furniture goes, the line stays.
    heads: dict[int, int] = {}
    for i, raw in enumerate(lines):
        if label[i] in ("navigation", "header", "metadata_panel") and len(raw) > 300:
            m = _OPENING.search(raw, 0, 800)
            if m and m.start() > 0:
                heads[i] = m.start()
                label[i] = None

    # The title, and where the report starts.  A title broken over two lines (宿州市人民政府2016年 /
    # 政府信息公开工作年度报告) starts on the first.
    def title_like(i: int) -> bool:
        return (
            label[i] is None
            and kinds[i].kind != "row"
            and not is_row_text(lines[i])
            and _is_title(_strip_furniture(lines[i]))
        )

    title_line = next((i for i in range(n) if title_like(i)), None)
    if title_line is not None and not _NAMES_WHOSE.search(lines[title_line]):
        # a column's name (政府信息公开年报) above the report's own title: the title is the one that names a year
        # or a body, a few lines below
        title_line = next(
            (
                i
                for i in range(title_line + 1, min(n, title_line + 10))
                if title_like(i) and _NAMES_WHOSE.search(lines[i])
            ),
            title_line,
        )
    if (
        title_line
        and label[title_line - 1] is None
        and _TITLE_HEAD.search(lines[title_line - 1].strip())
        and not re.search(r"(19|20)\d\d", lines[title_line])
    ):
        title_line -= 1
    elif (
        title_line
        and label[title_line - 1] is None
        and _BODY_NAME.fullmatch(lines[title_line - 1].strip())
        and re.match(r"\s*(19|20)\d\d\s*年", lines[title_line])
    ):
        title_line -= 1  # 淮安市人民政府 / 2024 年政府信息公开工作年度报告: the body's name stands above
    one_line_title = None
    if title_line is None:
        # A page saved on one line: the title runs straight into the report's opening words.
        first = next((i for i in range(n) if label[i] is None and lines[i].strip()), None)
        if first is not None and first not in heads and (m := _OPENING.search(lines[first], 0, 200)):
            head = _strip_furniture(lines[first][: m.start()])
            if _is_title(head):
                title_line, one_line_title = first, head
    start = title_line
    if start is None:
        start = next((i for i in range(n) if label[i] is None and _contentful(lines[i], kinds[i])), 0)
    for i in range(start):
        t = _strip_furniture(lines[i])
        if label[i] is None and t:
            label[i] = "spam_injection" if _mostly_brand(t) else "header"

    # Related-link blocks and footers after the report.
    i = start
    while i < n:
        t = _strip_furniture(lines[i])
        if label[i] is None and RELATED_START.match(t):
            j = i
            while j < n and (label[j] is not None or not _contentful(lines[j], kinds[j])):
                if label[j] is None:
                    label[j] = "footer" if FOOTER.search(_strip_furniture(lines[j])) else "related"
                j += 1
            i = j
            continue
        if label[i] is None and t and _mostly_brand(t):
            label[i] = "spam_injection"
        i += 1
    last_content = max(
        (
            i
            for i in range(start, n)
            if label[i] is None and _contentful(lines[i], kinds[i]) and not FOOTER.search(_strip_furniture(lines[i]))
        ),
        default=start,
    )
    for i in range(last_content + 1, n):
        t = _strip_furniture(lines[i])
        if label[i] is None and t and (FOOTER.search(t) or len(t) < 40):
            label[i] = "footer" if FOOTER.search(t) else "related"

    body = [i for i in range(n) if label[i] is None and (lines[i].strip() or (i > start))]
    body = _trim_blanks(body, lines)
    cuts = _group(label, lines) + [Cut("navigation", "", i, i, col) for i, col in heads.items()]
    cuts.sort(key=lambda c: (c.first, c.end_col is None))
    for c in cuts:
        c.reason = reason[c.kind]

    # The clean text: body lines joined.
    pieces = [(offsets[i] + heads.get(i, 0), offsets[i] + len(lines[i])) for i in body]
    clean, to_repaired = Alignment.from_pieces(pieces, text)
    line_starts = []
    pos = 0
    for a, b in pieces:
        line_starts.append(pos)
        pos += b - a + 1

    title = None
    if one_line_title is not None:
        title = one_line_title
    elif title_line is not None:
        title = _strip_furniture(lines[title_line])
        if (_TITLE_HEAD.search(title) or _BODY_NAME.fullmatch(title)) and title_line + 1 < n:
            title += _strip_furniture(lines[title_line + 1])
    seg = Segmented(
        lines, offsets, kinds, body, cuts, panel, title_line, clean, to_repaired, line_starts, title=title, heads=heads
    )
    seg.sections = _sections(seg)
    seg.spam = [(m.start(), m.end(), m.group(0)) for m in BRANDS.finditer(clean)]
    return seg


def _mostly_brand(t: str) -> bool:
    covered = sum(m.end() - m.start() for m in BRANDS.finditer(t))
    return covered > 0 and covered >= 0.6 * len(re.sub(r"[\s,，、|]", "", t))


def _trim_blanks(body: list[int], lines: list[str]) -> list[int]:
    out: list[int] = []
    for i in body:
        if not lines[i].strip() and (not out or not lines[out[-1]].strip()):
            continue
        out.append(i)
    while out and not lines[out[-1]].strip():
        out.pop()
    return out


def _group(label: list[str | None], lines: list[str]) -> list[Cut]:
    """Runs of lines cut for the same reason, bridging a blank line."""
    cuts: list[Cut] = []
    for i, kind in enumerate(label):
        if kind is None:
            continue
        if (
            cuts
            and cuts[-1].kind == kind
            and cuts[-1].last >= i - 2
            and all(
                label[k] == kind or (label[k] is None and not lines[k].strip()) for k in range(cuts[-1].last + 1, i)
            )
        ):
            cuts[-1].last = i
        else:
            cuts.append(Cut(kind, "", i, i))
    return cuts


def _sections(seg: Segmented) -> list[Section]:
    out: list[Section] = []
    stack: list[tuple[int, str, str]] = []  # (level, marker, title)

    def push(level: int, marker: str, title: str, offset: int) -> None:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, marker, title))
        out.append(Section(offset, "/".join(m for _, m, _ in stack), title))

    for k in range(len(seg.body)):
        line = seg.body_line(k)
        start = seg.line_starts[k]
        if seg.is_row(k):
            continue
        t = _strip_furniture(line)
        lead = len(line) - len(line.lstrip()) + (len(line.strip()) - len(t))
        for level, pattern in _HEADINGS:
            m = pattern.match(t)
            if m:
                num = m.group(1) or (m.group(2) if m.lastindex and m.lastindex >= 2 else None)
                marker = f"({num})" if level in (2, 4) else (num or "")
                title = re.split(r"[。；;:：]", t[m.end() :], maxsplit=1)[0].strip()[:40]
                push(level, marker, title, start + lead)
                break
        for m in _INLINE_ITEM.finditer(t):
            if m.start() == 0:
                continue  # already a line heading
            num = m.group(1) or m.group(2)
            title = re.split(r"[。；;:：]", t[m.end() :], maxsplit=1)[0].strip()[:40]
            push(4, f"({num})", title, start + lead + m.start())
    return out
