import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from suqian_report.read.load import load_text
from suqian_report.repair import repair
from suqian_report.rules import boilerplate
from suqian_report.segment import parse_panel_line, segment


def seg(text: str):
    doc = load_text(text)
    return segment(repair(doc).text, doc.lines)


def test_panel_line_parsing():
    assert parse_panel_line("索引号 014320144/2014-00083 分类 信息公开年报 ??其他 ?? 报告") == {
        "索引号": "014320144/2014-00083",
        "分类": "信息公开年报 ??其他 ?? 报告",
    }
    assert parse_panel_line("文号 关键词") == {"文号": "", "关键词": ""}
    assert parse_panel_line("| 发布机构 | 宿城区政府 | 发文日期 | |") == {"发布机构": "宿城区政府", "发文日期": ""}
    assert parse_panel_line("全市主动公开政府信息114057条") is None
    assert parse_panel_line("名称：") is not None


PAGE = """请输入关键字
确定
您当前所在位置：首页 > 信息公开年报
索引号 321302/2016-00051 分类 政府信息公开年报
发布机构 某县人民政府 发文日期 2016-03-01
某县人民政府2015年政府信息公开年度报告
根据《条例》规定，特向社会公布本年度报告。
一、主动公开政府信息情况
全年主动公开政府信息1234条。
野外做受视频| 国产精品一区二区| 亚洲无码在线观看| 久久精品视频
（一）公开形式
1.政府网站。网站公开信息1000条。(2)查阅点。接待群众300人次。
相关信息
某县人民政府2014年政府信息公开年度报告
某县人民政府2013年政府信息公开年度报告
版权所有：某县人民政府 苏ICP备12345678号
"""


def test_boilerplate_is_cut_and_listed():
    s = seg(PAGE)
    kinds = [c.kind for c in s.cuts]
    assert kinds == ["navigation", "metadata_panel", "spam_links", "related", "footer"]
    assert s.clean_text.startswith("某县人民政府2015年政府信息公开年度报告")
    assert "国产" not in s.clean_text and "相关信息" not in s.clean_text and "ICP" not in s.clean_text
    assert "（一）公开形式" in s.clean_text
    assert s.panel["发布机构"] == "某县人民政府"


def test_section_paths_follow_headings_and_inline_items():
    s = seg(PAGE)
    text = s.clean_text
    assert s.section_at(text.index("1234")).path == "一"
    assert s.section_at(text.index("1000")).path == "一/(一)/1"
    assert s.section_at(text.index("300")).path == "一/(一)/1/(2)"


def test_injected_brand_is_found_and_header_line_cut():
    page = (
        "中国体彩网,体彩网\n\n某园区2020年政府信息公开工作年度报告\n\n"
        "如有疑问请联系（地址：中国体彩网,体彩网淮海南路699号，邮编：223008）。全年主动公开政府信息1225条。"
    )
    s = seg(page)
    assert s.cuts[0].kind == "spam_injection"
    assert [p for _, _, p in s.spam] == ["中国体彩网,体彩网"]


def test_markdown_rules_are_not_body():
    s = seg("某县2025年政府信息公开工作年度报告\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n")
    assert "---" not in s.clean_text
    assert "| 规章 | 0 |" in s.clean_text


def test_spam_brand_never_becomes_title_or_publisher_and_its_numbers_are_not_figures():
    from suqian_report import extract

    page = (
        "中国体彩网2020年政府信息公开工作年度报告\n\n"
        "本报告由中国体彩网编制。统计期限自2020年1月1日至2020年12月31日。"
        "我局高度重视57365线路检测中心工作，全年主动公开政府信息1225条，受理申请3件。"
    )
    r = extract(page)
    assert r.quality.tampered
    assert "体彩" not in (r.metadata.title or "") and "体彩" not in (r.metadata.publisher or "")
    assert r.metadata.report_year == 2020
    assert {f.value for f in r.figures} >= {1225, 3}
    assert 57365 not in {f.value for f in r.figures}
    assert any(n.reason == "spam" and n.text.startswith("57365") for n in r.non_figures)


def test_figures_touching_lost_text_are_uncertain():
    from suqian_report import extract

    r = extract("某县2020年政府信息公开工作年度报告\n\n全年主动公开政府信息1??5条，受理申请36件。")
    by_value = {f.raw_text: f for f in r.figures}
    assert by_value["5"].status == "uncertain" and by_value["1"].status == "uncertain"
    assert by_value["36"].status == "exact"


def test_truncated_page_is_flagged():
    from suqian_report import extract

    r = extract(
        "某县2020年政府信息公开工作年度报告\n\n一、总体情况\n\n2020年，全县主动公开政府信息1225条，其中县政府门户网站公开"
    )
    assert r.quality.truncated
    assert not extract(
        "某县2020年政府信息公开工作年度报告\n\n一、总体情况\n\n全县主动公开政府信息1225条。"
    ).quality.truncated


def test_html_title_and_meta_give_metadata_when_there_is_no_panel():
    from suqian_report import extract

    html = """<html><head><title>某县人民政府2021年政府信息公开工作年度报告_某县人民政府</title>
    <meta name="ContentSource" content="某县人民政府办公室"><meta name="PubDate" content="2022-01-28 10:00">
    </head><body><p>本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。</p>
    <p>全年主动公开政府信息1225条。</p></body></html>"""
    r = extract(html.encode("utf-8"))
    assert r.metadata.title == "某县人民政府2021年政府信息公开工作年度报告"
    assert r.metadata.publisher == "某县人民政府"  # the title names whose report it is; the tag, who posted it
    assert r.metadata.level == "county"
    assert r.metadata.publish_date == "2022-01-28"
    # a title that names no body: the ContentSource tag does
    untitled = html.replace("某县人民政府2021年政府信息公开工作年度报告_某县人民政府", "2021年政府信息公开工作年度报告")
    r = extract(untitled.encode("utf-8"))
    assert (r.metadata.title, r.metadata.publisher) == ("2021年政府信息公开工作年度报告", "某县人民政府办公室")


_ONE_LINE_REPORT = (
    "某县2014年政府信息公开工作年度报告 根据《中华人民共和国政府信息公开条例》规定，特向社会公布本报告。"
    "全年主动公开政府信息3120条。{middle}全年受理政府信息公开申请46件，均按时答复。"
    "因政府信息公开申请行政复议2件。 相关信息 {spam}"
)
_SPAM = "国产精品一区二区久久| 在线观看视频免费| 日本高清黄色片| 永久免费在线观看视频| 欧美日韩亚洲一区"


def test_link_spam_inside_a_one_line_page_is_cut_and_the_report_kept():
    from suqian_report import extract

    for middle in ("", _SPAM + " "):  # at the foot, and also in the middle of the text
        r = extract(_ONE_LINE_REPORT.format(middle=middle, spam=_SPAM))
        assert r.metadata.title == "某县2014年政府信息公开工作年度报告"
        assert {f.key: f.value for f in r.figures} == {
            "proactive.total": 3120,
            "requests.new.total": 46,
            "review.total": 2,
        }
        assert "一区二区" not in r.clean_text
        cut = [b for b in r.boilerplate_removed if b.kind == "spam_links"]
        assert len(cut) == (2 if middle else 1)
        assert r.quality.tampered


def test_a_long_prose_line_is_never_cut_whole_as_link_spam():
    # 亚洲 and 欧美 are spam words, but this is a report's sentence about study visits.
    line = "本年度共接待亚洲和欧美考察团12批，" + "主动公开政府信息312条，涉及财政预算、重大项目等内容。" * 12
    r = extract_text("某县2014年政府信息公开工作年度报告\n" + line)
    assert r.value("proactive.total") == 312
    assert not any(b.kind == "spam_links" for b in r.boilerplate_removed)


def extract_text(page: str):
    from suqian_report import extract

    return extract(page)


BODY = "\n\n本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。全年主动公开政府信息1225条。"


@pytest.mark.parametrize(
    "title,clean,spam",
    [
        # the brand glued before the title, in place of the body's name
        (
            "某某体育(中国)官方网站2022年政府信息公开工作年度报告",
            "2022年政府信息公开工作年度报告",
            "某某体育(中国)官方网站",
        ),
        # before the body's name, kept
        (
            "开云体育（中国）官方网站宿城区人民政府2022年政府信息公开工作年度报告",
            "宿城区人民政府2022年政府信息公开工作年度报告",
            "开云体育（中国）官方网站",
        ),
        # after the title, with the download blurb spam pages add
        (
            "宿城区人民政府2022年政府信息公开工作年度报告-kaiyun体育(中国)官方网站-IOS/安卓通用版/手机APP下载",
            "宿城区人民政府2022年政府信息公开工作年度报告",
            "kaiyun体育(中国)官方网站-IOS/安卓通用版/手机APP下载",
        ),
        # inside the title, after the body's name
        ("宿城区开云体育官网2022年政府信息公开工作年度报告", "宿城区2022年政府信息公开工作年度报告", "开云体育官网"),
    ],
)
def test_spam_in_the_title_line_is_cut_and_listed(title, clean, spam):
    from suqian_report import extract

    r = extract(title + BODY)
    assert r.metadata.title == clean
    assert "体育" not in (r.metadata.publisher or "") and "官网" not in (r.metadata.publisher or "")
    assert r.quality.tampered and spam in r.quality.spam
    assert r.metadata.report_year == 2022


def test_spam_in_the_html_title_and_the_panel_is_cut_and_listed():
    from suqian_report import extract

    page = (
        "<html><head><title>宿城区2022年政府信息公开工作年度报告_爱游戏(中国)官方网站</title></head><body>"
        "<div>名称：九游会体育(中国)官方网站宿城区2022年政府信息公开工作年度报告</div>"
        "<p>本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。</p>"
        "<p>全年主动公开政府信息1225条，受理政府信息公开申请12件。</p></body></html>"
    )
    r = extract(page)
    assert r.metadata.title == "宿城区2022年政府信息公开工作年度报告"
    assert r.quality.tampered
    assert "九游会体育(中国)官方网站" in r.quality.spam


def test_an_official_website_in_the_text_is_not_spam():
    from suqian_report import extract

    r = extract("宿城区人民政府2022年政府信息公开工作年度报告" + BODY + "通过区政府官方网站和政务新媒体发布信息。")
    assert not r.quality.tampered and r.quality.spam == []


def test_a_lossy_reading_leaves_labels_titles_and_breadcrumbs_recognisable():
    """UTF-8 read as GBK loses the character before each ASCII byte: the last of a line, of a label before a space,
    every character of a spaced-out label.  The page's structure is still read."""
    from suqian_report import extract

    page = (
        "您当前所在位\ufffd:首页 > 信息公开年报\n"
        "索引\ufffd 014320144/2014-00083 分类 信息公开年报\n"
        "\ufffd布机\ufffd 某县人民政府办公室 \ufffd文日\ufffd 2014-03-04\n"
        "\ufffd \ufffd \ufffd | 014416330/2018-04736 | \ufffd \ufffd | 政府信息公开年报\n"
        "某县人民政府2013年政府信息公开工作年度报\ufffd\n"
        "一、概\ufffd\n全县主动公开政府信息1140条。\n"
    )
    r = extract(page)
    assert r.clean_text.startswith("某县人民政府2013年政府信息公开工作年度报\ufffd\n")
    assert (r.metadata.index_no, r.metadata.publish_date) == ("014320144/2014-00083", "2014-03-04")
    assert r.quality.is_report is True
    kinds = [b.kind for b in r.boilerplate_removed]
    assert kinds.count("navigation") == 1 and kinds.count("metadata_panel") >= 1


_NAV_PIECES = (
    "首页",
    " > ",
    "»",
    "打印",
    "本页",
    "当前位置",
    "您的位",
    "置",
    "\ufffd",
    "：",
    ":",
    "字号",
    "【",
    "大",
    "】",
    "---",
    "-",
    "|",
    "扫一扫",
    "Top",
    "aTop",
    "微信",
    " ",
    "微博",
    "QQ空间",
    "本报告",
    "来源",
    "浏览",
    "次数",
    "上一篇",
    "全文",
    "文字版",
    "English",
    "2013年",
    "请输入",
    "关键字",
    "原文链接",
    "x" * 31,
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NAV_PIECES), max_size=7).map("".join))
def test_navigation_lines_are_found_in_one_match_and_one_search(line):
    # what each navigation pattern alone finds, anchored at the line's start or anywhere in it
    alone = any(re.search(f"^(?:{p})", line) for p in boilerplate._NAVIGATION_AT_START) or any(
        re.search(p, line) for p in boilerplate._NAVIGATION_ANYWHERE
    )
    assert boilerplate.is_navigation(line) == alone


@pytest.mark.parametrize(
    "line, navigation",
    [
        ("当前位置：首页 > 政务公开 > 年报", True),
        ("您的位\ufffd：首页", True),
        ("网站首页 > 信息公开", True),
        ("打印本页", True),
        ("| --- | --- |", True),
        ("分享到：微信", True),
        ("本报告由县政府办公室编制，首页见网站。", False),
        ("2013年共受理申请29件", False),
    ],
)
def test_navigation_lines(line, navigation):
    assert boilerplate.is_navigation(line) == navigation
