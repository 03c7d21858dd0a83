"""Is the page an annual report at all?  A crawl of a 政府信息公开 section also holds guides (公开指南),
catalogues, the 条例 itself, notices and 通报 about compiling the reports, news of meetings and attachment stubs.

The verdict is a decision over independent signals, each with a weight.  For: a title naming an annual report,
a text that speaks of itself as the report, a statistics period, the sections or tables of a known format,
canonical figures, a breadcrumb filing the page under the reports.  Against: a title naming another kind of page,
a text that calls itself another kind of document, talk *about* compiling or publishing reports, a line addressed
to subordinate bodies, a document number under the title, a short page pointing to an attachment, no figures.
``True`` when the weight for outruns the weight against by two or more, ``False`` when nothing speaks for a
report or the weight against is at least as great, ``"uncertain"`` only between, where the two truly conflict.
Each piece of evidence is listed with its weight; the words are in :mod:`suqian_report.rules.genre`.
"""

from __future__ import annotations

import re
from typing import Literal

from ..core.hanzi import cjk_at_least
from ..core.model import Figure, Metadata
from ..rules import genre as words
from .regime import by_year_alone

Verdict = bool | Literal["uncertain"]

_TITLE_LINES = 6  # a page without a title line: its title is among its first lines, if anywhere


def title_of(md: Metadata, page: str) -> str:
    """The page's title: the one metadata found, else the first of its opening lines that reads as a title (short,
    not a sentence, not a date, not a breadcrumb)."""
    if md.title:
        return re.sub(r"\s+", "", md.title)
    lines = [line.strip() for line in page.split("\n") if line.strip()][:_TITLE_LINES]
    for line in lines:
        squashed = re.sub(r"\s+", "", line)
        if _reads_as_title(squashed):
            return squashed
    return ""


def _reads_as_title(line: str) -> bool:
    if not 4 <= len(line) <= 60 or not cjk_at_least(line, 4):
        return False
    if re.search(r"[。；;，,:：]\s*$|。", line) or line.startswith(("《", "根据", "依据", "按照", "为")):
        return False
    if re.search(r">|»|＞|位置", line):
        return False
    return not re.fullmatch(r"[\d\s:：\-/.年月日时分]+", line)


def is_report(md: Metadata, text: str, figures: list[Figure], page: str) -> tuple[Verdict, list[str]]:
    """``text``: the report's clean text; ``page``: the whole page (boilerplate included), whose opening lines
    stand for the title when the page has none."""
    signals: list[tuple[int, str]] = []
    title = title_of(md, page)
    head = text[:1500]
    # A title ending in the report's name is a report's title, whatever the publisher's name holds (新闻出版局);
    # any other title naming a kind of page or an event is that page.
    if re.search(words.REPORT_TITLE, title):
        weight = 3 if re.search(words.TITLE_YEAR, title) else 2
        signals.append((weight, f"the title names an annual report: {title[:40]}"))
    elif (other := re.search(words.NOT_A_REPORT_TITLE, title)) is not None:
        signals.append((-5, f"the title names another kind of page ({other.group(0)}): {title[:40]}"))
    if (m := re.search(words.SELF_REFERENCE, head)) is not None:
        signals.append((2, f"the text speaks of itself as the report: {m.group(0)[:30]}"))
    if (m := re.search(words.OTHER_SELF_REFERENCE, head)) is not None:
        signals.append((-3, f"the text calls itself another kind of document: {m.group(0)}"))
    if md.period_start:
        signals.append((2, f"a statistics period from {md.period_start} to {md.period_end}"))
    if md.format != "unknown" and not by_year_alone(md.format_evidence):
        signals.append((2, f"the sections or tables of the {md.format} format"))
    canonical = sum(1 for f in figures if f.canonical)
    if canonical:
        signals.append((1, f"{canonical} canonical figure{'s' if canonical > 1 else ''}"))
    elif not figures:
        signals.append((-1, "no figures at all"))
    if (m := re.search(words.FILED_UNDER_REPORTS, page[:2000])) is not None:
        signals.append((1, f"filed under the annual reports: {m.group(0)[:30]}"))
    if (m := re.search(words.ABOUT_REPORTS, head)) is not None:
        signals.append((-2, f"talk about compiling or publishing reports: {m.group(0)[:30]}"))
    if (m := re.search(words.ADDRESSEE, page[:2000])) is not None:
        signals.append((-3, f"addressed to subordinate bodies, as a document sent down: {m.group(0).strip()[:30]}"))
    doc_no = md.doc_no if md.doc_no and re.search(r"[〔\[［【]\s*(?:19|20)\d\d", md.doc_no) else None
    if doc_no is None and (m := re.search(words.DOC_NUMBER_LINE, page[:2000])) is not None:
        doc_no = m.group(0).strip()
    if doc_no:
        signals.append((-2, f"a document number under the title: {doc_no}"))
    if not cjk_at_least(page, 300) and re.search(words.ATTACHMENT_WORDS, page):
        signals.append((-3, "a short page pointing to an attachment: the report is in the file, not here"))

    weight_for = sum(w for w, _ in signals if w > 0)
    score = sum(w for w, _ in signals)
    evidence = [f"{reason} ({weight:+d})" for weight, reason in signals]
    if weight_for == 0:
        return False, [*evidence, "nothing on the page says it is an annual report"]
    verdict: Verdict = True if score >= 2 else (False if score <= 0 else "uncertain")
    return verdict, evidence
