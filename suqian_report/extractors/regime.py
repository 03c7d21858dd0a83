"""Which reporting format a page follows, told by its labels (report-format.md §1).

The year is not evidence of the format: a 2020 report may still use the 2019
tables and a 2016 report may have no 2014-style statistics.  The year only
breaks a tie when a page names the 2019+ sections but has lost its tables.
"""

from __future__ import annotations

import re

_MARKERS = {
    "template_2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额",
        "申请人无正当理由逾期不补正",
        "申请人逾期未按收费通知要求缴纳费用",
    ),
    "template_2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "采购项目数量",
        "采购总金额",
    ),
    # (政府信息公开情况统计表 alone is no evidence: local tables of the 2008–2013 reports bore the same name.)
    "stats_2014": (
        "回应解读情况",
        "回应社会关切情况",
        "机构建设和保障经费",
        "会议和培训情况",
        "政策解读稿件发布数",
        "回应公众关注热点或重大舆情数",
        "主动公开政府信息数(不同渠道和方式公开相同信息计1条)",
    ),
}
# Section names only the 2019 and 2021 formats use (report-format.md §3).
_TEMPLATE_SECTIONS = ("收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况", "本列数据的勾稽关系")
_TEMPLATE_HEADING = re.compile(r"(?m)^\s*[#]*\s*[一1][、.．]\s*(?:工作)?总体情况")
# Section names of the 2008–2013 reports (the 2007 Regulation, art. 32).
_PROSE_2008 = (
    "概述",
    "依申请公开政府信息情况",
    "不予公开政府信息",
    "收费及减免",
    "咨询处理",
    "复议、诉讼",
    "行政复议和行政诉讼",
    "因政府信息公开申请行政复议",
    "政府信息公开的收费",
    "申诉",
    "主动公开政府信息情况",
)


def _squash(text: str) -> str:
    return re.sub(r"[\s|｜（）()]", "", text).replace("（", "(").replace("）", ")")


def detect_format(text: str, report_year: int | None) -> tuple[str, list[str]]:
    flat = _squash(text)
    found = {fmt: [m for m in markers if _squash(m) in flat] for fmt, markers in _MARKERS.items()}
    if found["template_2021"]:
        return "template_2021", [f"label {m}" for m in found["template_2021"][:3]]
    if found["template_2019"]:
        return "template_2019", [f"label {m}" for m in found["template_2019"][:3]]
    sections = [s for s in _TEMPLATE_SECTIONS if _squash(s) in flat]
    if _TEMPLATE_HEADING.search(text):
        sections.insert(0, "一、总体情况")
    if sections:
        fmt = "template_2021" if report_year and report_year >= 2021 else "template_2019"
        return fmt, [f"section {s}" for s in sections[:3]] + [
            f"no table labels; 2019 or 2021 layout chosen by the data year ({report_year})"
            if report_year
            else "no table labels and no year: 2019 layout assumed"
        ]
    if found["stats_2014"]:
        return "stats_2014", [f"label {m}" for m in found["stats_2014"][:3]]
    prose = [m for m in _PROSE_2008 if _squash(m) in flat]
    if len(prose) >= 2:
        return "prose_2008", [f"section {m}" for m in prose[:3]] + ["no 2014 statistics or 2019+ labels"]
    return "unknown", []
