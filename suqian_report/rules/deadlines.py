"""When an annual report is due (report-format.md §1), by the rule in force when it was due.

The 2007 Regulation (国务院令第492号), art. 31: every body publishes its report by 31 March of the next year.  The
revised Regulation (国务院令第711号, in force 15 May 2019), art. 49: departments of governments at county level
and above by 31 January; the governments themselves (their competent office publishes it) by 31 March.  A report
on data year Y is due in Y+1, so the revised rule first applies to the reports on 2019, due in 2020.
"""

from __future__ import annotations

# (first data year the rule applies to, level → (month, day) of the deadline in the next year, the rule's name)
DEADLINES = (
    (2019, {"department": (1, 31), "*": (3, 31)}, "《政府信息公开条例》(2019) 第四十九条"),
    (2007, {"*": (3, 31)}, "《政府信息公开条例》(2007) 第三十一条"),
)


def deadline(report_year: int, level: str | None) -> tuple[str, str] | None:
    """(the ISO date the report on ``report_year`` was due, the rule), or None when it cannot be told."""
    for first, by_level, rule in DEADLINES:
        if report_year >= first:
            if first >= 2019 and level is None:
                return None  # a department and a government have different deadlines
            month, day = by_level.get(level or "*", by_level["*"])
            return f"{report_year + 1:04d}-{month:02d}-{day:02d}", rule
    return None
