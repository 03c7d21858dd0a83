"""The evidence view as a file, and in a real headless Chromium (Debian's, driven by Playwright)."""

import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from suqian_report import extract_file
from suqian_report.write.evidence import render_report

from .conftest import FIXTURES, ROOT, SEED, needs_browser

PAGES = [
    SEED,
    FIXTURES / "clean" / "template-2019-bureau.html",
    FIXTURES / "layouts" / "template-2021-county-glued.txt",
]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_one_mark_per_figure_in_both_views(page):
    report = extract_file(page)
    soup = BeautifulSoup(render_report(report), "lxml")
    clean = soup.select("#clean mark.fig")
    raw = soup.select("#raw mark.fig")
    assert len(clean) == len(report.figures) == len(soup.select("#figures tbody tr"))
    assert len(raw) == sum(1 for f in report.figures if f.raw_span)
    # every non-derived mark holds its figure as written
    for mark in clean:
        f = report.figures[int(mark["data-fig"])]
        if not f.derived and f.value is not None and f.status != "uncertain":
            assert f.raw_text in mark.get_text()
        assert mark["data-key"] == f.key and f.key in mark["title"]


def test_self_contained_no_network():
    page = render_report(extract_file(SEED))
    soup = BeautifulSoup(page, "lxml")
    assert not soup.select("link, img, iframe, script[src], style[src]")
    outside_text = re.sub(r'(?s)<div id="(clean|raw)".*?</section>', "", page)
    assert "http://" not in outside_text and "https://" not in outside_text


def test_show_writes_one_page_or_an_index(tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    one = tmp_path / "seed.html"
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", "show", str(SEED), "-o", str(one)], env=env, capture_output=True
    )
    assert p.returncode == 0 and one.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    out = tmp_path / "site"
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "suqian_report",
            "show",
            str(SEED),
            str(FIXTURES / "clean"),
            "missing.txt",
            "-o",
            str(out),
        ],
        env=env,
        capture_output=True,
    )
    assert p.returncode == 1  # missing.txt: listed in the index as an error, the rest written
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "suqian-office-2013-mirror.html" in index and "missing.txt" in index
    assert (out / "template-2019-bureau.html").exists()
    assert (
        subprocess.run(
            [sys.executable, "-m", "suqian_report", "show", str(SEED), str(SEED)], capture_output=True
        ).returncode
        == 2
    )  # several pages need -o DIR


# ---------------------------------------------------------------- in the browser


@pytest.mark.browser
@needs_browser
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_evidence_page_in_chromium(browser, page, tmp_path):
    report = extract_file(page)
    html_file = tmp_path / f"{page.stem}.html"
    html_file.write_text(render_report(report), encoding="utf-8")
    tab = browser.new_page(viewport={"width": 1200, "height": 480})  # short: the text pane must scroll
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    requests = []
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    tab.goto(html_file.as_uri())
    assert tab.locator("#clean mark.fig").count() == len(report.figures)

    # clicking the row of the figure furthest down the text scrolls its highlight into the text pane's view
    last = max(range(len(report.figures)), key=lambda i: report.figures[i].span[0])
    target = f"#fig-{last}"
    assert not _in_view(tab, target)  # far down the page before the click
    tab.click(f'#figures tbody tr[data-fig="{last}"]')
    tab.wait_for_timeout(200)
    assert _in_view(tab, target)

    # the raw input, with the same highlights
    tab.click("#toggle-raw")
    assert tab.locator("#raw").is_visible() and not tab.locator("#clean").is_visible()
    assert tab.locator("#raw mark.fig").count() == sum(1 for f in report.figures if f.raw_span)
    tab.click('#figures tbody tr[data-fig="0"]')
    tab.wait_for_timeout(200)
    assert _in_view(tab, "#raw-fig-0")
    tab.click("#toggle-raw")

    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"evidence-{page.stem}.png"))
    assert errors == [] and requests == []
    tab.close()


def _in_view(tab, selector: str, pane: str = "text") -> bool:
    """The element is wholly inside the visible part of its scrolling pane (#text, or #side)."""
    return tab.evaluate(
        """([sel, paneId]) => {
        const el = document.querySelector(sel), pane = document.getElementById(paneId);
        const r = el.getBoundingClientRect(), p = pane.getBoundingClientRect();
        return r.top >= p.top && r.bottom <= p.bottom;
    }""",
        [selector, pane],
    )


@pytest.mark.browser
@needs_browser
def test_series_chart_in_chromium(browser, tmp_path):
    """show on several reports of one body: the index draws each key figure per year, no external assets."""
    from .test_compare import CARRIED, page

    pages = tmp_path / "pages"
    pages.mkdir()
    for year, total in ((2021, 12456), (2022, 13000), (2023, 12000)):
        (pages / f"{year}.txt").write_text(
            page(year, "泗阳县某镇人民政府", total, CARRIED, CARRIED, "12 | 3 | 57"), encoding="utf-8"
        )
    site = tmp_path / "site"
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", "show", str(pages), "-o", str(site)], capture_output=True, cwd=ROOT
    )
    assert p.returncode == 0, p.stderr
    tab = browser.new_page(viewport={"width": 1200, "height": 700})
    errors, requests = [], []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    tab.goto((site / "index.html").as_uri())
    chart = tab.locator("svg.series").first
    assert chart.is_visible()
    assert tab.locator("svg.series").count() == 4
    assert tab.locator("svg.series").first.locator("circle.point").count() == 3
    box = chart.bounding_box()
    assert box["width"] > 200 and box["height"] > 100
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "series-index.png"))
    assert errors == [] and requests == []
    tab.close()


@pytest.mark.browser
@needs_browser
def test_page_text_never_runs_in_the_evidence_view(browser, tmp_path):
    """A page holding <script> and onerror= as text: in the view they stay text, no dialog, no request."""
    from suqian_report import extract

    hostile = (
        "<html><body><p>某县2021年政府信息公开工作年度报告</p><p>全年主动公开政府信息12条。"
        "&lt;script&gt;alert('text')&lt;/script&gt;&lt;img src=x onerror=alert('attr')&gt;"
        "\"><svg onload=alert('svg')></p><script>alert('page')</script>"
        '<img src="http://127.0.0.1:9/pixel.png" onerror="alert(\'img\')"></body></html>'
    )
    view = tmp_path / "hostile.html"
    view.write_text(render_report(extract(hostile)), encoding="utf-8")
    tab = browser.new_page()
    dialogs, requests, errors = [], [], []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(view.as_uri())
    tab.click("#toggle-raw")  # the raw input, with its tags, shown as text too
    tab.wait_for_timeout(300)
    assert dialogs == [] and requests == [] and errors == []
    assert "<script>alert('page')</script>" in tab.locator("#raw").inner_text()
    assert tab.locator("#raw script, #raw img, #clean img, #clean svg").count() == 0
    tab.close()


ORIGINALS = [FIXTURES / "clean" / "template-2019-bureau.html", FIXTURES / "cms" / "column-2021-county.html"]


@pytest.mark.parametrize("page", ORIGINALS, ids=lambda p: p.name)
def test_the_original_page_marks_every_written_figure_where_the_page_wrote_it(page):
    import html as html_lib

    report = extract_file(page)
    soup = BeautifulSoup(render_report(report), "lxml")
    marks = soup.select("#original mark.fig")
    written = [i for i, f in enumerate(report.figures) if f.status != "derived" and not f.derived]
    assert sorted(int(m["data-fig"]) for m in marks) == written  # derived sums are not on the page
    for m in marks:
        f = report.figures[int(m["data-fig"])]
        a, b = f.raw_span
        assert m.get_text() == html_lib.unescape(report.raw_text[a:b])
        assert m["id"] == f"orig-fig-{m['data-fig']}"
        if f.cell is not None and f.cell.table in ("二", "三", "四"):
            assert m.find_parent("td") is not None  # a table's cell, inside the page's own table
    original = soup.select_one("#original")
    assert not original.select("script, style, img, iframe, link, meta, form input")
    for el in original.find_all(True):
        allowed = {"colspan", "rowspan", "align", "valign"} | (set(el.attrs) if el.name == "mark" else set())
        assert set(el.attrs) <= allowed, (el.name, el.attrs)


def test_only_an_html_page_has_an_original_view():
    soup = BeautifulSoup(render_report(extract_file(SEED)), "lxml")
    assert soup.select_one("#original") is None and soup.select_one("#toggle-original") is None


@pytest.mark.browser
@needs_browser
def test_the_original_page_runs_and_loads_nothing_in_chromium(browser, tmp_path):
    """A page that tries every way to run or load something: in the original view, none does; its text and
    tables are there, the figures marked and reachable from the figure table."""
    from suqian_report import extract

    hostile = (
        '<html><head><base href="http://127.0.0.1:9/"><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/a.css"><style>body{background:url(http://127.0.0.1:9/b.png)}'
        "</style><script>alert('head')</script></head>"
        "<body onload=\"alert('body')\"><h1>某县2021年政府信息公开工作年度报告</h1>"
        "<p style=\"background:url('http://127.0.0.1:9/c.png')\">全年主动公开政府信息1,234条，"
        '<a href="javascript:alert(1)" onclick="alert(2)">受理申请56件</a>。</p>'
        '<iframe src="http://127.0.0.1:9/f.html"></iframe><object data="http://127.0.0.1:9/o.swf"></object>'
        '<svg><image href="http://127.0.0.1:9/s.png"/></svg><video poster="http://127.0.0.1:9/v.png"></video>'
        '<img src="http://127.0.0.1:9/i.png" srcset="http://127.0.0.1:9/j.png 2x" alt="县政府大楼" onerror="alert(3)">'
        '<form action="http://127.0.0.1:9/"><input type="image" src="http://127.0.0.1:9/k.png"></form>'
        '<table background="http://127.0.0.1:9/t.png"><tr><td onmouseover="alert(4)">行政复议</td>'
        "<td>7</td></tr></table><script>alert('body script')</script></body></html>"
    )
    report = extract(hostile)
    view = tmp_path / "hostile-original.html"
    view.write_text(render_report(report), encoding="utf-8")
    tab = browser.new_page(viewport={"width": 1200, "height": 700})
    dialogs, requests, errors = [], [], []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(view.as_uri())
    tab.click("#toggle-original")
    tab.wait_for_timeout(300)
    original = tab.locator("#original")
    assert original.is_visible() and not tab.locator("#clean").is_visible()
    text = original.inner_text()
    assert "全年主动公开政府信息1,234条" in text and "[县政府大楼]" in text and "行政复议" in text
    assert (
        tab.locator("#original script, #original img, #original iframe, #original object, #original svg").count() == 0
    )
    assert tab.locator("#original [style], #original [href], #original [onclick], #original [background]").count() == 0
    proactive = next(i for i, f in enumerate(report.figures) if f.key == "proactive.total")
    assert tab.locator(f"#orig-fig-{proactive}").inner_text() == "1,234条"  # (its span holds its unit)
    tab.click(f'#figures tbody tr[data-fig="{proactive}"]')
    tab.wait_for_timeout(200)
    assert _in_view(tab, f"#orig-fig-{proactive}")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "evidence-original-hostile.png"))
    assert dialogs == [] and requests == [] and errors == []
    tab.close()


@pytest.mark.parametrize("tag", ["div", "font", "xyz"])
def test_the_original_view_of_a_page_nested_deep(tag):
    """20,000 nested elements (known, kept, or of no known meaning, made spans): the view is written, every figure
    marked in it, nothing recursing."""
    from suqian_report import extract

    body = "<p>某县2021年政府信息公开工作年度报告</p><p>全年主动公开政府信息12条，受理申请5件。</p>"
    page = f"<html><body>{f'<{tag}>' * 20_000}{body}{f'</{tag}>' * 20_000}</body></html>"
    report = extract(page)
    soup = BeautifulSoup(render_report(report), "lxml")
    assert len(soup.select("#original mark.fig")) == len(report.figures) >= 2
    if tag == "xyz":
        assert not soup.select("#original xyz")  # (a span now)
