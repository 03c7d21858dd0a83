"""Which reporting format a page follows, told by its labels and headings (report-format.md §1).

The year is not evidence of the format (a 2020 report may still use the 2019 tables and a 2016 report may have
no 2014-style statistics), but it bounds it: the standard tables begin with data year 2019.  The year breaks a
tie when a page names the 2019+ sections but has lost its tables, and decides alone only where it allows a single
format.
"""

from __future__ import annotations

from functools import cache

from ..rules.lazy import lazy

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
# Section names only the 2019 and 2021 formats use (report-format.md §3), and the five topics the 2021 format
# puts under 一、总体情况 (read as template evidence only when the data year is 2019 or later).
_TEMPLATE_SECTIONS = ("总体情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况")
_TEMPLATE_TOPICS = ("主动公开情况", "依申请公开情况", "政府信息管理", "平台建设", "监督保障")
_TEMPLATE_TABLE_NOTE = "本列数据的勾稽关系"
# Section names of the 2008–2018 prose reports (the 2007 Regulation, art. 32).
_PROSE_2008 = (
    "概述",
    "概况",
    "基本情况",
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
FIRST_TEMPLATE_YEAR = 2019  # the standard tables begin with data year 2019 (国办公开办函〔2019〕60号)
FIRST_STATS_YEAR = 2014  # the national statistics table, 国办发〔2014〕32号
# A heading line: numbered (一、 (一) 1. #) and short up to its first stop, or short and alone on its line.
# Where paragraphs have run together into one line, a numbered heading also stands after a sentence's stop.
_NUMBERING = r"(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[、.．])"
_HEADING = lazy(rf"(?m)(?:^[ \t#*|]*{_NUMBERING}?|(?<=[。！？；;])[ \t]*{_NUMBERING})\s*([^\n。：:；;，,]{{2,30}})")


_SQUASHED = lazy(r"[\s|｜（）()]")


def _squash(text: str) -> str:
    return _SQUASHED.sub("", text)


@cache
def _squashed(names: tuple[str, ...]) -> tuple[str, ...]:
    """The rules' names squashed, once."""
    return tuple(_squash(n) for n in names)


def headings(text: str) -> list[str]:
    """The section names a page sets as headings.  A list of section names inside a sentence (本报告由总体情况、
    主动公开……共五个部分组成) is not a section structure: only what stands at the start of a line counts."""
    return [_squash(m.group(1)) for m in _HEADING.finditer(text)]


def by_year_alone(evidence: list[str]) -> bool:
    """The format was inferred from the data year, with no label or heading of the page behind it."""
    return bool(evidence) and evidence[0].startswith("only format")


def detect_format(text: str, report_year: int | None) -> tuple[str, list[str]]:
    """The format by its labels and headings, bounded by the data year: no standard table before 2019, no 2014
    table before 2014.  With no labels and no headings, a year that allows one format only decides it
    (evidence: ``only format of data year N``)."""
    flat = _squash(text)
    found = {fmt: [m for m, sm in zip(markers, _squashed(markers)) if sm in flat] for fmt, markers in _MARKERS.items()}
    may_template = report_year is None or report_year >= FIRST_TEMPLATE_YEAR
    if may_template and found["template_2021"]:
        return "template_2021", [f"label {m}" for m in found["template_2021"][:3]]
    if may_template and found["template_2019"]:
        return "template_2019", [f"label {m}" for m in found["template_2019"][:3]]
    heads = headings(text)

    def set_as_heading(names: tuple[str, ...]) -> list[str]:
        return [n for n, sn in zip(names, _squashed(names)) if any(h.endswith(sn) or h.startswith(sn) for h in heads)]

    sections = set_as_heading(_TEMPLATE_SECTIONS)
    if report_year is not None and report_year >= FIRST_TEMPLATE_YEAR:
        sections += set_as_heading(_TEMPLATE_TOPICS)
    if _squash(_TEMPLATE_TABLE_NOTE) in flat:
        sections.append(_TEMPLATE_TABLE_NOTE)
    if may_template and sections:
        fmt = "template_2021" if report_year and report_year >= 2021 else "template_2019"
        return fmt, [f"section {s}" for s in sections[:3]] + [
            f"no table labels; 2019 or 2021 layout chosen by the data year ({report_year})"
            if report_year
            else "no table labels and no year: 2019 layout assumed"
        ]
    if (report_year is None or report_year >= FIRST_STATS_YEAR) and found["stats_2014"]:
        return "stats_2014", [f"label {m}" for m in found["stats_2014"][:3]]
    prose = set_as_heading(_PROSE_2008)
    if report_year is not None and report_year < FIRST_TEMPLATE_YEAR:
        prose += [s for s in sections if s not in prose]  # 一、总体情况 was a prose heading too
    if len(prose) >= (1 if report_year is not None else 2):
        return "prose_2008", [f"section {m}" for m in prose[:3]] + ["no 2014 statistics or 2019+ labels"]
    if report_year is not None and report_year < FIRST_STATS_YEAR:
        return "prose_2008", [f"only format of data year {report_year}"]  # (see by_year_alone)
    if report_year is not None and report_year >= FIRST_TEMPLATE_YEAR:
        fmt = "template_2021" if report_year >= 2021 else "template_2019"
        return fmt, [f"only format of data year {report_year}"]
    return "unknown", []
