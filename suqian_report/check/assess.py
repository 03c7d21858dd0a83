"""How well a report discloses: published on time, complete, consistent.

* timeliness: the publish date against the legal deadline for the report's year and the body's level
  (:mod:`suqian_report.rules.deadlines`, citing the articles); not assessable without a date;
* completeness: the sections and tables its format requires, listing what is missing
  (:mod:`suqian_report.rules.completeness`);
* consistency: how many of the report's checks pass, fail, or cannot be assessed.
"""

from __future__ import annotations

import re

from ..core.model import Assessment, Check, Figure, Metadata
from ..rules.completeness import PROSE_TOPICS, TEMPLATE_SECTIONS, TEMPLATE_TABLES
from ..rules.deadlines import deadline


def assess(md: Metadata, text: str, figures: list[Figure], checks: list[Check]) -> Assessment:
    a = Assessment()
    due = deadline(md.report_year, md.level) if md.report_year else None
    if due is not None:
        a.deadline, a.deadline_rule = due
    if due is None or not md.publish_date:
        a.timeliness = "not_assessable"
        a.timeliness_note = (
            "no publish date"
            if due is not None
            else "no report year"
            if not md.report_year
            else "the body's level is not known"
        )
    else:
        a.timeliness = "pass" if md.publish_date <= due[0] else "fail"
        a.timeliness_note = f"published {md.publish_date}, due {due[0]}"
    squashed = re.sub(r"\s", "", text)
    if md.format.startswith("template"):
        a.required = [name for name, _ in TEMPLATE_SECTIONS] + [f"表{t}" for t in TEMPLATE_TABLES]
        tables = {f.cell.table for f in figures if f.cell is not None}
        a.missing = [name for name, phrases in TEMPLATE_SECTIONS if not any(p in squashed for p in phrases)]
        a.missing += [f"表{t}" for t in TEMPLATE_TABLES if t not in tables]
    elif md.format in ("prose_2008", "stats_2014"):
        a.required = [name for name, _ in PROSE_TOPICS]
        a.missing = [name for name, phrases in PROSE_TOPICS if not any(p in squashed for p in phrases)]
    a.completeness = "not_assessable" if not a.required else ("fail" if a.missing else "pass")
    a.checks_passed = sum(c.status == "pass" for c in checks)
    a.checks_failed = sum(c.status == "fail" for c in checks)
    a.checks_not_assessable = sum(c.status == "not_assessable" for c in checks)
    return a
