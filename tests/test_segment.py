from suqian_report.load import load_text
from suqian_report.repair import repair
from suqian_report.segment import parse_panel_line, segment


def seg(text: str):
    doc = load_text(text)
    return segment(repair(doc).text, doc.lines)


def test_panel_line_parsing():
    assert parse_panel_line("索引号 014320144/2014-00083 分类 信息公开年报 ??其他 ?? 报告") == {
        "索引号": "014320144/2014-00083", "分类": "信息公开年报 ??其他 ?? 报告"}
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
    page = ("中国体彩网,体彩网\n\n某园区2020年政府信息公开工作年度报告\n\n"
            "如有疑问请联系（地址：中国体彩网,体彩网淮海南路699号，邮编：223008）。全年主动公开政府信息1225条。")
    s = seg(page)
    assert s.cuts[0].kind == "spam_injection"
    assert [p for _, _, p in s.spam] == ["中国体彩网,体彩网"]


def test_markdown_rules_are_not_body():
    s = seg("某县2025年政府信息公开工作年度报告\n\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n")
    assert "---" not in s.clean_text
    assert "| 规章 | 0 |" in s.clean_text
