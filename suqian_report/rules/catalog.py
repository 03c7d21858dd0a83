"""Every canonical key the rules can give, in one stable order: the columns of the wide panel.

Built from the rules tables themselves (prose rules, statistics rows, the three standard tables, channels,
known categories, zero statements), so that a key added to a rule table is a panel column at once and the
order never depends on which pages were in a run.  Category keys made from a label's pinyin (for categories
no table knows) are not columns: they stay in the long form.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

PROSE = ("prose_2008", "stats_2014")
TEMPLATES = ("template_2019", "template_2021")

# The Chinese label of each key the prose rules give (their patterns match many phrasings; this is the usual one).
# Keys of the tables and the statistics rows take their label from the table's own row and column labels.
PROSE_LABELS = {
    "proactive.total": "主动公开政府信息",
    "proactive.items_cumulative": "累计主动公开政府信息",
    "proactive.by_channel.website": "政府网站公开",
    "proactive.by_channel.gazette": "政府公报公开",
    "proactive.by_channel.weibo": "政务微博公开",
    "proactive.by_channel.wechat": "政务微信公开",
    "proactive.by_channel.other": "其他渠道公开",
    "proactive.normative_docs.published": "主动公开规范性文件",
    "proactive.fulltext_rate": "全文电子化率",
    "info_attribute.total": "制作、获取的政府信息总数",
    "info_attribute.on_request": "依申请公开属性的信息",
    "info_attribute.withheld": "不予公开属性的信息",
    "requests.new.total": "收到政府信息公开申请",
    "requests.new.by_channel.in_person": "当面申请",
    "requests.new.by_channel.online": "网上申请",
    "requests.new.by_channel.letter": "信函申请",
    "requests.new.by_channel.fax": "传真申请",
    "requests.new.by_channel.email": "电子邮件申请",
    "requests.replies.total": "答复申请",
    "requests.outcome.granted.total": "同意公开",
    "requests.outcome.partial.total": "同意部分公开",
    "requests.outcome.withheld.total": "不予公开",
    "requests.outcome.not_exist": "信息不存在",
    "requests.outcome.not_this_agency": "不属于本机关公开范围",
    "requests.outcome.already_public": "已主动公开",
    "requests.outcome.correction_requested": "告知更改补充申请内容",
    "requests.outcome.other_channel": "告知通过其他途径办理",
    "review.total": "行政复议",
    "review.result_upheld": "行政复议·结果维持",
    "review.result_corrected": "行政复议·结果纠正",
    "review.result_other": "行政复议·其他结果",
    "review.pending": "行政复议·尚未审结",
    "litigation.total": "行政诉讼",
    "litigation.result_upheld": "行政诉讼·结果维持",
    "litigation.result_corrected": "行政诉讼·结果纠正",
    "litigation.result_other": "行政诉讼·其他结果",
    "litigation.pending": "行政诉讼·尚未审结",
    "complaints": "举报、投诉",
    "appeals": "申诉",
    "fees.collected": "收取费用",
    "fees.info_processing.amount_collected": "收取信息处理费",
    "consultations.phone": "电话咨询",
    "consultations.online": "网上咨询",
    "consultations.in_person": "现场咨询",
    "consultations.total": "咨询",
    "press_conferences.total": "新闻发布会",
    "response.interpretations": "政策解读",
    "response.hot_issues": "回应社会关切",
    "funding.special_wan_cny": "专项经费",
    "gazette.issues": "政府公报期数",
    "staff.total": "专兼职工作人员",
    "staff.full_time": "专职工作人员",
    "staff.part_time": "兼职工作人员",
    "org.reading_points": "政府信息查阅点",
}


@dataclass(frozen=True)
class KeyDoc:
    """One canonical key: its Chinese label, the units its figures come in, and the formats that state it."""

    key: str
    label_zh: str
    units: tuple[str, ...]
    formats: tuple[str, ...]


def _entries() -> Iterator[tuple[str, str | None, tuple[str, ...], tuple[str, ...]]]:
    """(key, label or None, units, formats) from every rule table, in the panel's column order."""
    from .keys import CATEGORY_SLUGS, CHANNELS, PROSE_RULES
    from .stats import STATS_ROWS
    from .tables import (
        COLUMN_UNITS,
        TABLE2_COLUMNS,
        TABLE2_DEFAULT_COLUMNS,
        TABLE2_ROWS,
        TABLE3_COLUMN_LABELS,
        TABLE3_COLUMNS,
        TABLE3_GROUPS,
        TABLE3_ROW_ORDER_2019,
        TABLE3_ROW_ORDER_2021,
        TABLE3_ROWS,
        TABLE4_BLOCK_LABELS,
        TABLE4_BLOCKS,
        TABLE4_COLUMN_LABELS,
        TABLE4_COLUMNS,
    )
    from .zeros import FIXED, THINGS

    # the figures every report states, whatever its year, first
    for key in (
        "proactive.total",
        "requests.new.total",
        "requests.outcome.granted.total",
        "requests.outcome.partial.total",
        "requests.outcome.withheld.total",
        "review.total",
        "litigation.total",
        "fees.collected",
    ):
        yield key, None, (), ()
    for rule in PROSE_RULES:
        yield rule.key, None, tuple(sorted(rule.units)), PROSE
    for name in CHANNELS:
        yield f"proactive.by_channel.{name}", None, (), PROSE
    categories: dict[str, str] = {}
    for phrase, slug in CATEGORY_SLUGS.items():
        categories.setdefault(slug, phrase)
    for slug, phrase in categories.items():
        yield f"proactive.by_category.{slug}", phrase, ("条",), PROSE
    # the statistics table (统计表) of 2014–2018, which prose reports of those years carry too
    for key, phrases in STATS_ROWS:
        yield key, phrases[0], (), PROSE
    for key, phrases in STATS_ROWS:
        cumulative = "proactive.items_cumulative" if key == "proactive.total" else f"{key}_cumulative"
        yield cumulative, f"{phrases[0]}（历年累计）", (), PROSE
    for key, unit, _phrases in (*THINGS, *FIXED):
        yield key, None, (unit,), PROSE
    row_labels = {stem: label for label, stem in reversed(TABLE2_ROWS)}
    column_labels = {suffix: label for label, suffix, _unit in reversed(TABLE2_COLUMNS)}
    for layout in ("template_2021", "template_2019"):
        for stem, columns in TABLE2_DEFAULT_COLUMNS[layout].items():
            for column in columns:
                column_unit = COLUMN_UNITS.get(column)
                yield (
                    f"{stem}.{column}",
                    f"{row_labels[stem]} · {column_labels[column]}",
                    (column_unit,) if column_unit else (),
                    (layout,),
                )
    groups = ("outcome.withheld", "outcome.unable", "outcome.not_processed", "outcome.other")
    rows = {row: phrases[0] for row, phrases in (*reversed(TABLE3_ROWS), *TABLE3_GROUPS)}
    rows["outcome.other.misc"] = "其他"
    for row in dict.fromkeys(TABLE3_ROW_ORDER_2021 + TABLE3_ROW_ORDER_2019 + groups):
        layouts = tuple(
            layout
            for layout, order in (("template_2019", TABLE3_ROW_ORDER_2019), ("template_2021", TABLE3_ROW_ORDER_2021))
            if row in order or row in groups
        )
        for column, column_label in zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS):
            yield f"requests.{row}.{column}", f"表三 {rows[row]} · {column_label}", ("件",), layouts
    for block, block_label in zip(TABLE4_BLOCKS, TABLE4_BLOCK_LABELS):
        for column, column_label in zip(TABLE4_COLUMNS, TABLE4_COLUMN_LABELS):
            yield f"{block}.{column}", f"表四 {block_label} · {column_label}", ("件",), TEMPLATES
    yield "litigation.total", None, ("件",), TEMPLATES  # table 四: the two litigation blocks' totals added


@lru_cache(maxsize=1)
def canonical_keys() -> tuple[str, ...]:
    return tuple(dict.fromkeys(key for key, *_rest in _entries()))


@lru_cache(maxsize=1)
def key_docs() -> tuple[KeyDoc, ...]:
    """Every canonical key, in the panel's order, with what the rules know of it (docs/keys.md)."""
    labels: dict[str, str] = {}
    units: dict[str, dict[str, None]] = {}
    formats: dict[str, set[str]] = {}
    for key, label, unit, found_in in _entries():
        if label and key not in labels:
            labels[key] = label
        units.setdefault(key, {}).update(dict.fromkeys(unit))
        formats.setdefault(key, set()).update(found_in)
    order = ("prose_2008", "stats_2014", "template_2019", "template_2021")
    return tuple(
        KeyDoc(
            key,
            PROSE_LABELS.get(key) or labels.get(key, ""),
            tuple(units[key]),
            tuple(f for f in order if f in formats[key]),
        )
        for key in canonical_keys()
    )
