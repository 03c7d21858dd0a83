"""Is it a report: the decision over signals for and against, on pages written for these tests in the genre's
many phrasings (notices and 通报 about the reports, news of meetings, guides, other genres, and reports that open
without a title or cite the 条例 first)."""

import json
import subprocess
import sys

import pytest

from suqian_report import extract

# ---------------------------------------------------------------- pages about reports, and other genres

NOT_REPORTS = {
    "circular on how the reports were published": (
        "江南省人民政府办公厅关于2015年度政府信息公开工作年度报告发布情况的通报\n"
        "江南政办函〔2016〕37号\n"
        "各设区市人民政府，省政府各部门：\n"
        "按照《条例》要求，省政府办公厅对各地各部门公布2015年度报告的情况进行了检查。全省共有86个单位按时公布，"
        "现将有关情况通报如下。\n一、总体情况\n大部分单位能够按时公布，内容较为完整。"
    ),
    "notice on compiling next year's reports": (
        "关于做好2020年政府信息公开工作年度报告编制和发布工作的通知\n"
        "各乡镇人民政府、街道办事处，县政府各部门：\n"
        "为做好年度报告工作，请各单位严格按照新修订的格式，于2021年1月31日前完成编制发布工作。"
    ),
    "news of a meeting deploying the work": (
        "青山县召开政府信息公开年度报告编制工作部署会\n发布时间：2019-01-08\n"
        "1月7日，县政府办公室召开会议，部署2018年度政府信息公开工作年度报告编制工作。"
        "会议要求，各部门要在规定时间内完成年度报告的编制和报送工作。共有42个单位参加会议。"
    ),
    "commentary with no kind word in its title": (
        "让年报成为政务公开的窗口\n"
        "每年3月底前，各级行政机关都应当公布本机关上一年度的政府信息公开工作年度报告。今年是公布年报的第十二年，"
        "不少地方在可读性上下了功夫，图文并茂，数据详实。"
    ),
    "a guide that calls itself one": (
        "为了更好地为公民、法人和其他组织提供政府信息公开服务，根据有关规定，特编制本指南。\n"
        "一、公开的主体和范围\n办公时间：上午8:30至12:00\n联系电话：0551-12345678"
    ),
    "another genre of report, its title spaced out": (
        "2022-01-20 09:30\n政 府 工 作 报 告\n——2022年1月12日在某市第十届人民代表大会第一次会议上\n"
        "各位代表：过去一年，全市地区生产总值增长8.1%，城镇新增就业5.2万人。"
    ),
    "a caption that names the reports but is not one": (
        "2018年度政府信息公开工作年度报告专栏正式上线\n"
        "按照条例规定，各级行政机关应当在3月31日前公布本单位年度报告。专栏已汇集全市126个单位的报告。"
    ),
}


@pytest.mark.parametrize("name", NOT_REPORTS)
def test_pages_about_reports_are_not_reports(name):
    r = extract(NOT_REPORTS[name])
    assert r.quality.is_report is False, r.quality.is_report_evidence
    assert r.metadata.format == "unknown" or not r.metadata.format_evidence[0].startswith("only format")


def test_every_piece_of_evidence_carries_its_weight():
    r = extract(NOT_REPORTS["circular on how the reports were published"])
    weights = [int(e.rsplit("(", 1)[1].rstrip(")")) for e in r.quality.is_report_evidence]
    assert any(w < 0 for w in weights) and sum(weights) <= 0
    assert any("another kind of page (通报)" in e for e in r.quality.is_report_evidence)
    assert any("addressed to subordinate bodies" in e for e in r.quality.is_report_evidence)


# ---------------------------------------------------------------- real reports, opened in every way

REPORTS = {
    "first line cites the regulation, breadcrumb names the column": (
        "您当前所在的位置：首页 > 政府信息公开 > 政府信息公开年度报告\n"
        "《中华人民共和国政府信息公开条例》施行以来，我区认真贯彻落实，现将2013年我区政府信息公开工作情况报告如下。\n"
        "一、概述\n全年主动公开政府信息2316条。\n二、依申请公开政府信息情况\n共受理申请17件。"
    ),
    "title without a year, headings of the standard format": (
        "政府信息公开工作年度报告\n某某开发区管委会\n2022年1月20日\n一、总体情况\n"
        "2021年，管委会主动公开政府信息418条。\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况"
    ),
    "opens at the body, paragraphs run together": (
        "本年度报告是根据《条例》要求编制的，全文包括概述、主动公开政府信息情况、依申请公开政府信息情况等部分。"
        "本年度报告中所列数据的统计期限自2011年1月1日起至2011年12月31日止。 一、概述 2011年，全市主动公开政府信息"
        "5120条。 二、依申请公开政府信息情况 全年共受理申请96件。"
    ),
    "a publisher whose name holds a kind word": (
        "某县文化广播电视新闻出版局2017年政府信息公开工作年度报告\n"
        "根据条例规定，特向社会公布本局2017年度政府信息公开工作年度报告。\n一、概述\n全年主动公开政府信息88条。"
    ),
    "mid-body copy of a 2019 report": (
        "（一）主动公开情况。\n2019年，编制重大行政决策事项目录，全年主动公开政府信息3125条，其中通过政府网站公开2890条。"
        "向社会发布2018年度审计工作报告。\n（二）依申请公开情况。\n全年新收政府信息公开申请210件。"
    ),
}


@pytest.mark.parametrize("name", REPORTS)
def test_reports_without_a_clean_title_are_reports(name):
    r = extract(REPORTS[name])
    assert r.quality.is_report is True, r.quality.is_report_evidence


def test_the_year_of_a_body_without_title_or_period_is_the_latest_it_speaks_of():
    r = extract(REPORTS["mid-body copy of a 2019 report"])
    assert r.metadata.report_year == 2019
    assert r.metadata.format == "template_2019"


# ---------------------------------------------------------------- the format, bounded by the data year


def test_a_sentence_listing_sections_is_not_a_structure():
    page = (
        "某市2010年政府信息公开工作年度报告\n本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议、行政诉讼情况等部分组成。\n一、概述\n2010年全市主动公开政府信息1200条。"
    )
    r = extract(page)
    assert r.metadata.format == "prose_2008"
    assert r.metadata.report_year == 2010


def test_no_standard_table_before_2019():
    page = "某县2016年政府信息公开工作年度报告\n一、总体情况\n2016年，全县主动公开政府信息960条。\n二、存在的主要问题"
    assert extract(page).metadata.format == "prose_2008"
    assert extract(page.replace("2016", "2020")).metadata.format == "template_2019"
    assert extract(page.replace("2016", "2022")).metadata.format == "template_2021"


def test_a_year_that_allows_one_format_decides_it_for_a_report_only():
    report = "某县2012年政府信息公开工作年度报告\n2012年，全县主动公开政府信息960条，受理申请12件。"
    r = extract(report)
    assert r.metadata.format == "prose_2008" and r.metadata.format_evidence == ["only format of data year 2012"]
    assert not any("format" in e for e in r.quality.is_report_evidence)  # a year is not structure


# ---------------------------------------------------------------- a batch keeps what is uncertain


def test_a_batch_writes_uncertain_pages_and_skips_only_false(tmp_path):
    uncertain = (
        "某县2018年政府信息公开工作年度报告\n各级行政机关应当按时公布本机关的政府信息公开工作年度报告。"
        "全年召开专题会议3次。"
    )
    assert extract(uncertain).quality.is_report == "uncertain"
    (tmp_path / "a.txt").write_text(uncertain, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NOT_REPORTS["news of a meeting deploying the work"], encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "suqian_report", "extract", str(tmp_path), "-f", "jsonl"],
        capture_output=True,
        timeout=120,
    )
    verdicts = [json.loads(line)["quality"]["is_report"] for line in out.stdout.decode().splitlines()]
    assert verdicts == ["uncertain"]
    assert b"1 skipped (not reports)" in out.stderr
