"""The seed page (Suqian city government office, 2013 report, as a spam mirror saved it).

Every expectation here was read off the page by hand: the numbers, their units and where they stand.
"""

import json

import pytest

from suqian_report.read.load import load_bytes
from suqian_report.repair import repair

from .conftest import GOLDEN, SEED


def by_key(report):
    return {f.key: f for f in report.figures}


def test_metadata(seed_report):
    md = seed_report.metadata
    assert md.title == "宿迁市政府办公室2013年政府信息公开年度报告"
    assert md.publisher == "宿迁市人民政府办公室"
    assert md.index_no == "014320144/2014-00083"
    assert md.category == "信息公开年报 / 其他 / 报告"
    assert md.publish_date == "2014-03-04"
    assert md.doc_no is None and md.keywords is None
    assert md.report_year == 2013
    assert (md.period_start, md.period_end) == ("2013-01-01", "2013-12-31")
    assert md.contact_phone == "0527-84368216"
    assert md.postcode == "223800"
    assert md.email == "sqzfxxgk@163.com"
    assert md.format == "prose_2008"
    assert md.region == "宿迁市"


CANONICAL = {
    "proactive.total": (114057, "条"),
    "proactive.by_channel.website": (26798, "条"),
    "proactive.by_category.overview": (91, "条"),
    "proactive.by_category.official_documents": (4405, "条"),
    "proactive.by_category.work_plans": (115, "条"),
    "proactive.by_category.personnel": (151, "条"),
    "proactive.by_category.finance": (72, "条"),
    "proactive.by_category.civil_affairs": (508, "条"),
    "proactive.by_category.emergency_management": (29, "条"),
    "proactive.by_category.government_meetings": (620, "条"),
    "proactive.by_category.notices": (211, "条"),
    "proactive.by_category.informatization": (99, "条"),
    "proactive.by_category.other": (20497, "条"),
    "requests.new.total": (6721, "件"),
    "fees.collected": (0, "元"),
    "consultations.phone": (38659, "人次"),
    "review.total": (29, "件"),
    "review.result_upheld": (17, "件"),
    "review.result_corrected": (3, "件"),
    "litigation.total": (9, "件"),
    "press_conferences.total": (79, "场"),
    "gazette.issues": (12, "期"),
}


@pytest.mark.parametrize("key", CANONICAL)
def test_canonical_figures(seed_report, key):
    f = by_key(seed_report)[key]
    assert (f.value, f.unit) == CANONICAL[key]


def test_scopes_and_derived_fee(seed_report):
    figs = by_key(seed_report)
    assert figs["proactive.total"].scope == "全市"
    assert figs["proactive.by_channel.website"].scope == "网上宿迁"
    assert figs["proactive.by_category.other"].scope == "网上宿迁"
    fee = figs["fees.collected"]
    assert fee.derived and fee.status == "derived" and fee.raw_text == "暂未收费"


# Every other number the body states, as (value, unit), in page order.
OTHER = [
    (53, "名"),
    (5, "次"),
    (10, "个"),
    (54, "个"),
    (32, "个"),
    (23, "个"),
    (124, "家"),
    (50308, "条"),
    (50287, "条"),
    (99.96, "%"),
    (85.68, "%"),
    (57375, "条"),
    (78222, "条"),
    (1360000, "名"),
    (9577, "条"),
    (64, "个"),
    (53, "名"),
    (2, "次"),
    (30, "个"),
    (19, "人"),
    (11, "篇"),
    (12, "篇"),
    (24, "场"),
    (2300, "份"),
    (82.64, "%"),
    (50, "期"),
    (81.26, "%"),
]


def test_other_figures(seed_report):
    others = [(f.value, f.unit) for f in seed_report.figures if f.key.startswith("other.")]
    assert others == OTHER
    approx = [f for f in seed_report.figures if f.approx]
    assert [(f.value, f.qualifier) for f in approx] == [(2300, "多")]
    wan = next(f for f in seed_report.figures if f.value == 1360000)
    assert wan.raw_text == "136万"


def test_never_figures(seed_report):
    values = {f.value for f in seed_report.figures}
    # years, dates, phone, postcode, index number, the damaged 37 of 3县7区, the 12345 hotline
    assert not values & {2013, 2010, 2011, 2014, 2015, 84368216, 527, 223800, 37, 12345, 163}
    reasons = {nf.reason for nf in seed_report.non_figures}
    assert {"year", "date", "phone", "postcode", "place_name", "name", "list_marker"} <= reasons


def test_checks(seed_report):
    checks = {c.name: c for c in seed_report.checks}
    total = checks["proactive.by_channel.website = sum of 11 parts"]
    assert (total.status, total.expected, total.actual) == ("pass", 26798, 26798)
    rate = next(c for c in seed_report.checks if c.name.startswith("回复率"))
    assert rate.status == "pass" and rate.expected == 99.96 and rate.actual == 99.96
    assert all(c.status == "pass" for c in seed_report.checks)


def test_repair_counts(seed_report):
    counts = {r.kind: r.count for r in seed_report.repairs}
    assert counts["pinyin_annotation"] == 659
    assert counts["dropped_date_chars"] == 5
    assert counts["dropped_at_sign"] == 1
    assert counts["dropped_division_char"] == 1
    assert counts["noise_line"] == 2
    assert counts["traditional_to_simplified"] > 1000


def test_repaired_text():
    doc = load_bytes(SEED.read_bytes())
    text = repair(doc).text
    assert "自2013年1月1日起至2013年12月31日止" in text
    assert "在2010年3月的政府机构改革中" in text
    assert "2011年12月24日新浪宿迁官方微博" in text
    assert "从2013年12月开始" in text
    assert "3县7区10个政府网站" in text
    assert "sqzfxxgk@163.com" in text
    assert "(bào)" not in text and "報" not in text
    # Chinese punctuation and curly quotes stay as they are
    assert "“加强领导、健全机制" in text and "《条例》" in text


def test_boilerplate(seed_report):
    kinds = [b.kind for b in seed_report.boilerplate_removed]
    assert kinds == ["navigation", "metadata_panel", "related", "spam_links"]
    clean = seed_report.clean_text
    for gone in ("请输入关键字", "您当前所在位置", "索引号", "蜘蛛池", "国产精品"):
        assert gone not in clean
    assert "相关信息" not in clean.splitlines()  # the heading of the link list (the words also occur in the body)
    assert clean.startswith("宿迁市政府办公室2013年政府信息公开年度报告")
    assert clean.rstrip().endswith("为全市经济社会又好又快发展做出更大贡献。")


def test_coverage_accounts_for_every_number(seed_report):
    cov = seed_report.coverage
    stated = sum(1 for f in seed_report.figures if not f.derived)
    assert cov.numbers_in_body == stated + cov.not_figures
    assert cov.canonical == len(CANONICAL)


def test_golden_json(seed_report):
    """The whole JSON output, frozen after checking it against the page (regenerate: scripts/update_goldens.py)."""
    expected = json.loads((GOLDEN / "suqian-office-2013-mirror.json").read_text(encoding="utf-8"))
    assert seed_report.to_dict() == expected
