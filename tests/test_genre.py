"""The genre: each regime and each table layout, on pages written for these tests (their truth is known)."""

import json

import pytest

from suqian_report import extract, extract_file

from .conftest import FIXTURES, GOLDEN, ROOT

CLEAN = FIXTURES / "clean"
LAYOUTS = FIXTURES / "layouts"


def keyed(report) -> dict:
    return {f.key: f for f in report.figures if f.key}


# ---------------------------------------------------------------- regime detection


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("prose-2012-suyu.txt", "prose_2008"),
        ("stats-2013-glued.txt", "prose_2008"),  # a local statistics table is no 2014 evidence
        ("prose-2016-numerals.txt", "stats_2014"),
        ("template-2019-bureau.html", "template_2019"),
        ("template-2021-county.txt", "template_2021"),
    ],
)
def test_format_is_told_by_labels(name, fmt):
    r = extract_file(CLEAN / name)
    assert r.metadata.format == fmt
    assert r.metadata.format_evidence


def test_period_year_wins_over_title_year_and_the_mismatch_is_said():
    page = (
        "某县人民政府2023年政府信息公开工作年度报告\n\n本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。"
        "全年主动公开政府信息1225条。"
    )
    r = extract(page)
    assert r.metadata.report_year == 2022
    assert any("2023" in w and "2022" in w for w in r.quality.warnings)


# ---------------------------------------------------------------- the 2021 tables, in every layout

COUNTY = {
    "proactive.rules.issued": 0,
    "proactive.normative_docs.issued": 12,
    "proactive.normative_docs.repealed": 3,
    "proactive.normative_docs.in_force": 57,
    "proactive.licensing.decisions": 13562,
    "proactive.penalty.decisions": 2890,
    "proactive.coercion.decisions": 47,
    "proactive.admin_fees.amount_wan_cny": 1203.5617,
    "requests.new.natural_person": 86,
    "requests.new.org_commercial": 7,
    "requests.new.org_public_interest": 1,
    "requests.new.org_legal_service": 2,
    "requests.new.total": 96,
    "requests.carried_in.total": 5,
    "requests.outcome.granted.total": 47,
    "requests.outcome.partial.total": 7,
    "requests.outcome.withheld.third_party.natural_person": 2,
    "requests.outcome.withheld.total": 8,
    "requests.outcome.unable.not_held.total": 22,
    "requests.outcome.unable.total": 25,
    "requests.outcome.not_processed.total": 6,
    "requests.outcome.other.no_correction.total": 2,
    "requests.outcome.other.misc.total": 1,
    "requests.outcome.other.total": 3,
    "requests.outcome.total.total": 96,
    "requests.carried_out.natural_person": 4,
    "requests.carried_out.total": 5,
    "review.result_upheld": 2,
    "review.result_corrected": 1,
    "review.pending": 1,
    "review.total": 4,
    "litigation.direct.total": 5,
    "litigation.after_review.total": 1,
    "litigation.total": 6,
    "proactive.total": 12456,
    "press_conferences.total": 3,
}


def test_2021_tables_from_text_rows():
    r = extract_file(CLEAN / "template-2021-county.txt")
    figs = keyed(r)
    for key, value in COUNTY.items():
        assert figs[key].value == value, key
    assert figs["requests.outcome.withheld.total"].derived
    assert figs["litigation.total"].derived
    assert figs["proactive.admin_fees.amount_wan_cny"].unit == "万元"
    assert all(c.status == "pass" for c in r.checks), [c.name for c in r.checks if c.status != "pass"]
    assert len([c for c in r.checks if c.name.startswith("表三")]) == 7 * 2 + 25
    assert r.coverage.unaccounted == 0


@pytest.mark.parametrize("layout", ["onecell", "markdown", "pdflayout", "glued", "cms", "pipes", "pipes-markdown"])
def test_every_layout_gives_the_same_cells(layout):
    reference = {f.key: f.value for f in extract_file(CLEAN / "template-2021-county.txt").figures if f.cell and f.key}
    r = extract_file(next(LAYOUTS.glob(f"template-2021-county-{layout}.*")))
    got = {f.key: f for f in r.figures if f.cell and f.key}
    uncertain = {k for k, f in got.items() if f.status == "uncertain"}
    if layout == "glued":
        # 行政规范性文件12357 is 12|3|57 or 1|23|57 or…: no identity says which, so none is taken.
        assert uncertain == {
            "proactive.normative_docs.issued",
            "proactive.normative_docs.repealed",
            "proactive.normative_docs.in_force",
        }
        assert all(got[k].value is None and got[k].raw_text == "12357" for k in uncertain)
        assert {got[k].status for k in got if k.startswith("requests.")} <= {"repaired", "derived"}
    else:
        assert not uncertain
    for key, value in reference.items():
        if key not in uncertain:
            assert got[key].value == value, (layout, key)
    assert not [c for c in r.checks if c.status == "fail"]


# ---------------------------------------------------------------- the 2019 tables, from HTML


def test_2019_tables_from_html_with_rowspan_colspan():
    r = extract_file(CLEAN / "template-2019-bureau.html")
    figs = keyed(r)
    assert figs["proactive.normative_docs.published_total"].value == 37
    assert figs["proactive.licensing.items_change"].value == -4  # written 减4
    assert figs["proactive.penalty.items_change"].value == 2  # written +2
    assert (
        figs["proactive.procurement.amount"].value == 103.3879 and figs["proactive.procurement.amount"].unit == "万元"
    )
    # a not-applicable mark, a blank and a zero are different things
    na = figs["proactive.other_admin_services.decisions"]
    assert na.value is None and na.cell.value_kind == "not_applicable" and na.raw_text == "-"
    assert figs["proactive.admin_fees.items_change"].cell.value_kind == "not_applicable"
    blank = figs["litigation.after_review.total"]
    assert blank.value is None and blank.cell.value_kind == "blank"
    assert figs["litigation.direct.total"].value == 2 and figs["review.total"].value == 3
    assert figs["requests.outcome.other.total"].value == 0  # 2019: （六）其他处理 is one row
    assert figs["requests.outcome.total.total"].value == 45
    after = next(c for c in r.checks if c.name.startswith("表四 行政诉讼·复议后起诉"))
    assert after.status == "not_assessable" and "read as 0 it would pass" in after.note
    assert "litigation.total" not in {f.key for f in r.figures if f.derived}  # not derived from blanks
    assert r.metadata.title == "某市交通运输局2019年政府信息公开工作年度报告"
    assert r.metadata.publish_date == "2020-01-20"
    assert (r.metadata.level, r.metadata.region) == ("department", "某市")
    restated = next(c for c in r.checks if c.name == "正文与表格一致: requests.new.total")
    assert restated.status == "pass"


def test_table_4_with_only_its_fifteen_numbers():
    page = (
        "某县2021年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n"
        "3 1 0 1 5 2 0 0 0 2 0 0 1 0 1\n\n五、存在的主要问题及改进情况\n\n无。"
    )
    figs = keyed(extract(page))
    assert [
        figs[f"review.{c}"].value for c in ("result_upheld", "result_corrected", "result_other", "pending", "total")
    ] == [3, 1, 0, 1, 5]
    assert figs["litigation.after_review.total"].value == 1 and figs["litigation.total"].value == 3


def test_glued_rows_are_split_by_the_identities_or_left_uncertain():
    page = (
        "某县2021年政府信息公开工作年度报告 三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，"
        "等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        "一、本年新收政府信息公开申请数量801000081二、上年结转政府信息公开申请数量0000000"
        " 四、政府信息公开行政复议、行政诉讼情况110024001510102 五、存在的主要问题及改进情况无。"
    )
    figs = keyed(extract(page))
    assert [figs[f"requests.new.{c}"].value for c in ("natural_person", "org_commercial", "total")] == [80, 1, 81]
    assert figs["requests.new.total"].status == "repaired" and figs["requests.new.total"].raw_text == "801000081"
    assert [figs[f"review.{c}"].value for c in ("result_upheld", "result_corrected", "pending", "total")] == [
        1,
        1,
        0,
        2,
    ]


# ---------------------------------------------------------------- prose of any year


def test_prose_2012_old_sections():
    figs = keyed(extract_file(CLEAN / "prose-2012-suyu.txt"))
    expect = {
        "proactive.total": 8732,
        "proactive.by_channel.website": 6518,
        "proactive.by_channel.gazette": 214,
        "proactive.by_channel.weibo": 2000,
        "proactive.fulltext_rate": 100,
        "requests.new.total": 157,
        "requests.outcome.granted.total": 121,
        "requests.outcome.partial.total": 9,
        "requests.outcome.withheld.total": 6,
        "requests.outcome.not_exist": 12,
        "requests.outcome.not_this_agency": 9,
        "review.total": 2,
        "litigation.total": 1,
        "consultations.total": 2360,
        "consultations.phone": 1422,
        "consultations.online": 703,
        "consultations.in_person": 235,
        "staff.full_time": 2,
        "staff.part_time": 5,
        "org.reading_points": 14,
        "press_conferences.total": 12,
        "fees.collected": 0,
    }
    for key, value in expect.items():
        assert figs[key].value == value, key
    assert figs["fees.collected"].derived
    cats = {k: f.value for k, f in figs.items() if k.startswith("proactive.by_category.")}
    assert cats == {
        "proactive.by_category.work_updates": 3120,
        "proactive.by_category.notices": 1206,
        "proactive.by_category.plans": 88,
        "proactive.by_category.personnel": 203,
        "proactive.by_category.finance": 96,
        "proactive.by_category.other": 1805,
    }


def test_prose_2016_numerals_multipliers_and_approximations():
    figs = keyed(extract_file(CLEAN / "prose-2016-numerals.txt"))
    assert (figs["requests.new.total"].value, figs["requests.new.total"].raw_text) == (105, "一百零五")
    assert (figs["response.interpretations"].value, figs["response.interpretations"].raw_text) == (29, "二十九")
    assert (figs["staff.full_time"].value, figs["staff.part_time"].value) == (3, 12)
    total = figs["proactive.total"]
    assert (total.value, total.approx, total.qualifier, total.raw_text) == (12000, True, "约", "1.2万")
    assert figs["proactive.by_channel.website"].qualifier == "余"
    assert figs["proactive.items_cumulative"].value == 56000  # 截至2016年底…累计: not this year's
    assert figs["response.hot_issues"].qualifier == "近"
    assert (figs["review.total"].value, figs["review.result_upheld"].value, figs["review.result_corrected"].value) == (
        2,
        1,
        1,
    )
    assert figs["litigation.total"].value == 0 and figs["litigation.total"].derived
    assert figs["funding.special_wan_cny"].value == 3.5


def test_stats_table_glued_cells():
    r = extract_file(CLEAN / "stats-2013-glued.txt")
    figs = keyed(r)
    assert (figs["proactive.total"].value, figs["proactive.items_cumulative"].value) == (2406, 6172)
    assert (figs["proactive.by_channel.website"].value, figs["proactive.by_channel.website_cumulative"].value) == (
        2283,
        5986,
    )
    # 1239 is 12 | 39 or 1 | 239: nothing on the page says which
    assert (
        figs["proactive.by_channel.gazette"].status == "uncertain"
        and figs["proactive.by_channel.gazette"].value is None
    )
    assert (figs["requests.new.total"].value, figs["requests.new.total_cumulative"].value) == (9, 31)
    assert figs["requests.new.by_channel.online"].value == 7
    assert (figs["requests.outcome.granted.total"].value, figs["requests.outcome.granted.total_cumulative"].value) == (
        7,
        22,
    )
    assert figs["info_attribute.on_request"].value == 86  # 作为依申请公开信息数: documents, not requests
    assert figs["info_attribute.withheld"].value == 1628
    assert all(c.status == "pass" for c in r.checks)
    assert r.metadata.title == "某县人民政府2013年政府信息公开工作年度报告"
    assert not r.quality.truncated


# ---------------------------------------------------------------- goldens and coverage

PAGES = sorted(
    p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".html") and p.parent.name in ("clean", "layouts")
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_golden(page):
    """Whole JSON per fixture, frozen after the figures above were checked (scripts/update_goldens.py)."""
    rel = str(page.relative_to(ROOT))
    report = extract(page.read_bytes(), path=rel)
    expected = json.loads((GOLDEN / f"{page.stem}.json").read_text(encoding="utf-8"))
    assert report.to_dict() == expected


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_number_is_accounted_for(page):
    r = extract_file(page)
    assert r.coverage.unaccounted == 0
    assert r.coverage.figures == r.coverage.canonical + r.coverage.other


def test_table_labels_with_a_lost_character_still_name_their_rows():
    # A UTF-8 page read as GBK loses the last character of many labels (行政规范性文�, （四）无法提�).
    from .damage import utf8_read_as_gbk

    text = (CLEAN / "template-2021-county.txt").read_text(encoding="utf-8")
    damaged = extract(utf8_read_as_gbk(text))
    assert "行政规范性文\ufffd" in damaged.clean_text  # the damage this test is about
    reference = {f.key: f.value for f in extract(text).figures if f.cell}
    got = {f.key: f.value for f in damaged.figures if f.cell}
    assert got == reference
    assert not [c for c in damaged.checks if c.status == "fail"]


@pytest.mark.parametrize(
    "label,typo",
    [("2.其他法律行政法规禁止公开", "2.其他法律行政止公开"), ("2.没有现成信息需要另行制作", "2.现成信息需另外制作")],
)
def test_a_numbered_row_whose_label_has_a_typo_is_read_by_its_number(label, typo):
    """A report's own typo in a table 三 label (a PDF of a real report drops 法规禁): the numbered sub-row is the
    row its number gives in its group, said in the note, and the rows around it keep their cells."""
    text = (CLEAN / "template-2021-county.txt").read_text(encoding="utf-8")
    assert label in text
    reference = {f.key: f.value for f in extract(text).figures if f.cell}
    report = extract(text.replace(label, typo))
    got = {f.key: f.value for f in report.figures if f.cell}
    assert got == reference
    key = "prohibited_by_law" if "禁止" in label else "needs_creation"
    row = [f for f in report.figures if f.cell and f".{key}." in f.key]
    assert len(row) == 7 and all("names no row" in (f.note or "") for f in row)
    assert not [c for c in report.checks if c.status == "fail"]


def test_digits_inside_identifiers_are_not_table_values():
    from suqian_report.extractors.template.cells import tokenize

    text = "GB2312编码 table_4 5G基站 行政规范性文件12357 1.属于国家秘密00000002.其他 103.3879万元"
    values = [t.text for t in tokenize(text, 0, len(text)) if t.kind == "value"]
    assert values == ["12357", "0000000", "103.3879万元"]


@pytest.mark.parametrize("name", ["template-2021-county.txt", "prose-2012-suyu.txt", "prose-2016-numerals.txt"])
def test_figures_of_a_lossy_page_are_right_or_uncertain(name):
    """UTF-8 read as GB18030 with replacement: a figure touching a lost character is uncertain; every other figure
    has the value the undamaged page gives it."""
    from .damage import utf8_read_as_gb18030

    text = (CLEAN / name).read_text(encoding="utf-8")
    reference = {f.key: f.value for f in extract(text).figures if f.canonical}
    damaged = extract(utf8_read_as_gb18030(text))
    sure = {f.key: f.value for f in damaged.figures if f.canonical and f.status != "uncertain"}
    assert sure, "no figure survived"
    wrong = {k: (v, reference.get(k)) for k, v in sure.items() if reference.get(k) != v}
    assert not wrong
    assert len(sure) >= 0.6 * len(reference)


NON_REPORTS = sorted((FIXTURES / "nonreports").iterdir())


@pytest.mark.parametrize("page", NON_REPORTS, ids=lambda p: p.name)
def test_pages_that_are_not_reports_are_told(page):
    r = extract_file(page)
    assert r.quality.is_report is False
    assert r.quality.is_report_evidence


@pytest.mark.parametrize("page", PAGES + [ROOT / "samples" / "suqian-office-2013-mirror.txt"], ids=lambda p: p.name)
def test_reports_are_told(page):
    r = extract_file(page)
    assert r.quality.is_report is True
    assert any(e.startswith("the title names an annual report") for e in r.quality.is_report_evidence)


@pytest.mark.parametrize(
    "sentence, key",
    [
        ("通过政务微信发布信息199条。", "proactive.by_channel.wechat"),
        ("微信公众号全年更新推文320篇。", "proactive.by_channel.wechat"),
        ("政务微博推送各类信息560条。", "proactive.by_channel.weibo"),
        ("通过其他方式公开政府信息3.19万余条。", "proactive.by_channel.other"),
        ("利用其他渠道发布政务信息86条。", "proactive.by_channel.other"),
        ("在《某县人民政府公报》刊登规范性文件12件。", "proactive.by_channel.gazette"),
        ("县政府门户网站报送并发布信息1200条。", "proactive.by_channel.website"),
        ("在政府网站上传政策文件41件。", "proactive.by_channel.website"),
    ],
)
def test_a_channel_is_keyed_whatever_the_verb(sentence, key):
    """The channel's count, whichever verb says the disclosure (公开, 发布, 推送, 更新, 报送, 刊登, 上传)."""
    r = extract("某县2018年政府信息公开工作年度报告\n一、主动公开政府信息情况\n2018年，" + sentence)
    assert [f.key for f in r.figures if f.key.startswith("proactive.by_channel.")] == [key]


def test_a_figure_naming_two_channels_is_neither():
    r = extract("某县2018年政府信息公开工作年度报告\n一、主动公开政府信息情况\n通过门户网站和政务微博发布信息880条。")
    assert not [f for f in r.figures if f.key.startswith("proactive.by_channel.")]
