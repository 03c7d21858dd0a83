"""Is the page an annual report at all?  A crawl of a 政府信息公开 section also holds guides (公开指南),
catalogues, the 条例 itself, news about the report and attachment stubs.

Evidence for: a title naming an annual report of a year, the sections or tables of a known format, canonical
figures, a text that speaks of itself as the report.  Evidence against: a title naming another kind of document
or an event, a short page that only points to an attachment, a page with no figures.  The verdict is ``True``
(enough evidence for), ``False`` (evidence against, not outweighed) or ``"uncertain"``, with the evidence that
decided it; the words are in :mod:`suqian_report.rules.genre`.
"""

from __future__ import annotations

import re
from typing import Literal

from ..hanzi import cjk_at_least
from ..model import Figure, Metadata
from ..rules.genre import ATTACHMENT_WORDS, NOT_A_REPORT_TITLE, REPORT_TITLE, SELF_REFERENCE, TITLE_YEAR

Verdict = bool | Literal["uncertain"]


def is_report(md: Metadata, text: str, figures: list[Figure], page: str) -> tuple[Verdict, list[str]]:
    """``text``: the report's clean text; ``page``: the whole page (boilerplate included), whose first line
    stands for the title when the page has none."""
    score = 0
    evidence: list[str] = []
    first = next((line.strip() for line in page.split("\n") if line.strip()), "")
    title = md.title or (first if len(first) <= 60 else "")
    if re.search(REPORT_TITLE, title) and re.search(TITLE_YEAR, title):
        score += 2
        evidence.append(f"the title names an annual report: {title[:40]}")
    if (m := re.search(NOT_A_REPORT_TITLE, title)) is not None:
        score -= 3
        evidence.append(f"the title names another kind of page ({m.group(0)}): {title[:40]}")
    if (m := re.search(SELF_REFERENCE, text[:1500])) is not None:
        score += 1
        evidence.append(f"the text speaks of itself as the report: {m.group(0)[:30]}")
    if md.format != "unknown":
        score += 2
        evidence.append(f"the sections or tables of the {md.format} format")
    canonical = sum(1 for f in figures if f.canonical)
    if canonical >= 3:
        score += 1
        evidence.append(f"{canonical} canonical figures")
    elif not figures:
        score -= 1
        evidence.append("no figures at all")
    if not cjk_at_least(page, 300) and re.search(ATTACHMENT_WORDS, page):
        score -= 2
        evidence.append("a short page pointing to an attachment")
    against = any(e.startswith(("the title names another", "a short page", "no figures")) for e in evidence)
    verdict: Verdict = True if score >= 3 else (False if score <= 0 and against else "uncertain")
    return verdict, evidence
