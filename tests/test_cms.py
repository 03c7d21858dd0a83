"""Government CMS pages: the report inside a site's template (tests/fixtures/cms/, made by build_cms.py from clean/).

Each page must give what its clean report gives: the same title, the same figures (no number of the template's
menus, counters, related links or footer), and one value per contact field; and everything it cut is listed."""

from collections import Counter
from pathlib import Path

import pytest

from suqian_report import extract
from suqian_report.read.html import role_of

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {
    "column-2021-county.html": "template-2021-county.txt",
    "article-2016-district.html": "prose-2016-numerals.txt",
    "print-2012-district.html": "prose-2012-suyu.txt",
}


def figures(report) -> Counter:
    return Counter((f.key if not f.key.startswith("other.") else "other", f.value, f.unit) for f in report.figures)


@pytest.mark.parametrize("page", PAGES)
def test_a_cms_page_gives_what_its_report_gives(page):
    r = extract((FIXTURES / "cms" / page).read_bytes(), path=page)
    clean = extract((FIXTURES / "clean" / PAGES[page]).read_bytes())
    assert r.metadata.title == clean.metadata.title
    assert figures(r) == figures(clean)
    for field in ("address", "contact_phone", "postcode", "email", "publisher", "level"):
        assert getattr(r.metadata, field) == getattr(clean.metadata, field), field
    assert r.quality.is_report is True


@pytest.mark.parametrize("page", PAGES)
def test_the_template_is_cut_and_listed(page):
    """The footer's site code, filing numbers and visitor count are not figures, and not silently gone."""
    r = extract((FIXTURES / "cms" / page).read_bytes(), path=page)
    cut = "\n".join(b.text for b in r.boilerplate_removed)
    assert "ICP备" in cut and "访问" in cut
    assert {"footer"} <= {b.kind for b in r.boilerplate_removed}
    assert not any("ICP" in f.sentence or "访问" in f.sentence for f in r.figures)


def test_the_dates_line_gives_the_publish_date():
    r = extract((FIXTURES / "cms" / "article-2016-district.html").read_bytes())
    assert r.metadata.publish_date == "2017-03-20"


def test_the_title_is_the_articles_not_the_columns():
    """Without a panel or meta tags, the column's name (政府信息公开年报) above the report loses to its <h1>."""
    page = (FIXTURES / "cms" / "column-2021-county.html").read_text(encoding="utf-8")
    bare = "\n".join(
        line
        for line in page.split("\n")
        if not line.startswith(("<meta name=", "<tr><td class=", "<title>")) and "xxgk-info" not in line
    )
    r = extract(bare.encode("utf-8"))
    assert r.metadata.title == "泗阳县某镇人民政府2021年政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "tag, classes, element_id, role",
    [
        ("div", "footer", None, "footer"),
        ("div", "g-foot clearfix", None, "footer"),
        ("div", None, "bottomBox", "footer"),
        ("footer", None, None, "footer"),
        ("div", "main-nav", None, "navigation"),
        ("div", None, "crumbs", "navigation"),
        ("div", "position", None, "navigation"),
        ("div", "bdshare_t bds_tools", None, "share"),
        ("div", "prevNext", None, "pages"),
        ("ul", "xglj", None, "related"),
        ("aside", None, None, "related"),
        ("div", "article-content", "zoom", ""),
        ("div", "TRS_Editor", None, ""),
        ("div", "xxgk-right", None, None),
        ("p", None, None, None),
        ("div", "x " * 150 + "footer", None, "footer"),  # (a long class is read, not kept)
    ],
)
def test_template_parts_are_named_by_their_markup(tag, classes, element_id, role):
    assert role_of(tag, classes, element_id) == role


def _page(body: str) -> bytes:
    return f"<html><body>{body}</body></html>".encode()


def test_a_line_of_links_is_a_menu_and_a_link_in_a_sentence_is_not():
    r = extract(
        _page(
            "<p><a href=1>首页</a> <a href=2>2019年报</a> <a href=3>2018年报</a> <a href=4>2017年报</a></p>"
            "<h1>某县2021年政府信息公开工作年度报告</h1>"
            '<p>全年主动公开政府信息1225条，详见<a href="/">县政府门户网站</a>信息公开专栏。</p>'
        )
    )
    assert r.value("proactive.total") == 1225
    assert any(b.kind == "menu" and "2019年报" in b.text for b in r.boilerplate_removed)


def test_tables_that_lay_out_a_page_are_read_as_blocks_and_data_tables_as_rows():
    layout = (
        "<table><tr><td>某县2021年政府信息公开工作年度报告</td></tr>"
        "<tr><td><p>一、总体情况</p><p>全年主动公开政府信息1225条。</p><p>全年受理申请36件。</p></td></tr></table>"
    )
    r = extract(_page(layout))
    assert r.value("proactive.total") == 1225 and r.value("requests.new.total") == 36
    assert not any(f.cell for f in r.figures)
    data = (
        "<p>某县2021年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p>"
        "<table><tr><td>信息内容</td><td>本年处理决定数量</td></tr><tr><td>行政许可</td><td>135</td></tr></table>"
    )
    r = extract(_page(data))
    assert r.value("proactive.licensing.decisions") == 135


@pytest.mark.parametrize(
    "contact, address, postcode, phone",
    [
        ("地址：某县人民路18号 邮编：223700 联系电话：0527-85221234。", "某县人民路18号", "223700", "0527-85221234"),
        ("（地址：某县人民路18号　邮政编码223700，电话：0527-85221234）", "某县人民路18号", "223700", "0527-85221234"),
        ("地址：某县人民路18号  传真：0527-85221235", "某县人民路18号", None, None),
        (
            "通讯地址：某区管委会大楼东附属楼7楼邮 编：350400电 话：0591-23160000",
            "某区管委会大楼东附属楼7楼",
            "350400",
            "0591-23160000",
        ),
    ],
)
def test_each_contact_field_holds_one_value(contact, address, postcode, phone):
    md = extract(
        "某县2021年政府信息公开工作年度报告\n如对本报告有疑问，请联系："
        + contact
        + "\n一、总体情况\n全年主动公开信息1200条。"
    ).metadata
    assert (md.address, md.postcode, md.contact_phone) == (address, postcode, phone)
