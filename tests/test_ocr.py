"""Scanned reports, read by OCR (the extra ``[ocr]``): the county fixture printed to PDF by Chromium, its pages
rendered to pictures at 300 and 150 dpi, turned askew, grained and stamped with a red seal over the tables
(tests/fixtures/build_scans.py), then given back as an image-only PDF, a Word file of page pictures and a PNG.
Each reading is measured against the text layer of the same PDF: canonical figures identical (≥ 99 % at 300 dpi,
≥ 97 % at 150), no wrong figure marked exact, the table identities passing where the text layer passes them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from suqian_report import InputError, extract, extract_file
from suqian_report.core.model import Check, CheckInput, Figure, TableCell
from suqian_report.rules.ocr import LOW_CONFIDENCE

from .conftest import OCR, ROOT, needs_browser
from .fixtures import build_scans as S
from .test_documents import COUNTY, WITHOUT_OCR, _need_chromium, print_county
from .test_evidence import ARTIFACTS

AT_LEAST = {300: 0.99, 150: 0.97}


def _need_ocr() -> None:
    from importlib.util import find_spec

    if find_spec("rapidocr_onnxruntime") is None:
        if os.environ.get("SUQIAN_REQUIRE_OCR"):
            pytest.fail("the OCR extra is not installed")
        pytest.skip("the OCR extra is not installed (pip install -e '.[ocr]'; CI installs it)")


@pytest.fixture(scope="module")
def county_pdf(tmp_path_factory):
    _need_chromium()
    _need_ocr()
    return print_county(tmp_path_factory.mktemp("scans"))


@pytest.fixture(scope="module")
def text_layer(county_pdf):
    return extract_file(str(county_pdf))


@pytest.fixture(scope="module")
def pictures(county_pdf):
    data = county_pdf.read_bytes()
    return {dpi: S.scans(data, dpi) for dpi in (300, 150)}


@pytest.fixture(scope="module")
def scanned(pictures, tmp_path_factory):
    """The image-only PDF at each resolution, and its reading (with the seconds it took)."""
    d = tmp_path_factory.mktemp("scanned")
    out = {}
    for dpi, pages in pictures.items():
        path = d / f"scan-{dpi}.pdf"
        path.write_bytes(S.image_pdf(pages, dpi))
        t0 = time.perf_counter()
        report = extract_file(str(path))
        out[dpi] = (path, report, time.perf_counter() - t0)
    return out


def _canonical(report) -> dict:
    return {f.key: f for f in report.figures if f.canonical}


def _measure(name: str, report, reference, seconds: float) -> tuple[float, list]:
    """The share of the reference's canonical figures read identically, and the wrong ones marked exact; both
    kept for the run's summary, with the time per page."""
    want, got = _canonical(reference), _canonical(report)
    same = sum(1 for k, f in want.items() if k in got and got[k].value == f.value)
    wrong_exact = [(k, got[k].value, f.value) for k, f in want.items() if k in got and got[k].value != f.value]
    wrong_exact = [w for w in wrong_exact if got[w[0]].status == "exact"]
    share = same / len(want)
    OCR[name] = (
        f"{same}/{len(want)} identical ({share:.1%}), {len(wrong_exact)} wrong marked exact, "
        f"{seconds / report.source.pages:.1f} s per page"
    )
    return share, wrong_exact


def _passing(report) -> set[frozenset[str]]:
    """The checks that pass, each known by the figures it compares (its name holds row labels as read)."""
    return {frozenset(i.key for i in c.inputs) for c in report.checks if c.status == "pass"}


@pytest.mark.parametrize("dpi", [300, 150])
def test_a_scanned_pdf_reads_as_its_text_layer(scanned, text_layer, dpi):
    path, report, seconds = scanned[dpi]
    share, wrong_exact = _measure(f"scanned PDF, {dpi} dpi", report, text_layer, seconds)
    assert share >= AT_LEAST[dpi]
    assert wrong_exact == []
    assert _passing(text_layer) <= _passing(report)  # every identity the text layer passes
    assert report.source.input_kind == "ocr" and report.quality.ocr_pages == [1, 2, 3]
    assert "read by OCR" in report.source.encoding_evidence
    md, ref = report.metadata, text_layer.metadata
    assert (md.title, md.publisher, md.report_year, md.format) == (ref.title, ref.publisher, 2021, "template_2021")


def test_every_ocr_figure_keeps_its_page_box_and_confidence(scanned, text_layer):
    """Boxes are in the page's own frame, as scanned (askew): near where the text layer has the same number
    (the seal and the turn move a box by a few points, not more)."""
    _path, report, _s = scanned[300]
    read = [f for f in report.figures if f.raw_text and f.value is not None and f.status != "derived"]
    assert read and all(f.page and f.bbox and f.confidence is not None for f in read)
    assert all(0 < f.confidence <= 1 for f in read)
    doubted = [f for f in read if f.confidence < LOW_CONFIDENCE]
    assert all(f.status != "exact" for f in doubted)
    assert all("confidence" in (f.note or "") for f in doubted)
    ref = _canonical(text_layer)
    near = [
        max(abs(a - b) for a, b in zip(f.bbox, ref[f.key].bbox)) <= 8
        for f in read
        if f.canonical and f.key in ref and ref[f.key].bbox and ref[f.key].page == f.page
    ]
    assert len(near) > 150 and sum(near) / len(near) >= 0.95


def test_a_word_file_of_page_pictures(pictures, text_layer, tmp_path):
    path = tmp_path / "scans.docx"
    path.write_bytes(S.image_docx(pictures[150]))
    t0 = time.perf_counter()
    report = extract_file(str(path))
    share, wrong_exact = _measure("Word file of scans, 150 dpi", report, text_layer, time.perf_counter() - t0)
    assert report.source.input_kind == "ocr" and report.quality.ocr_pages == [1, 2, 3]
    assert report.source.encoding_evidence.startswith("a Word document of 3 picture(s)")
    assert share >= AT_LEAST[150] and wrong_exact == []


def test_a_picture_of_a_page(pictures, text_layer, tmp_path):
    """A PNG of the first page: the figures the text layer finds on that page."""
    path = tmp_path / "page-1.png"
    path.write_bytes(S.png(pictures[150][0]))
    report = extract_file(str(path))
    assert report.source.input_kind == "ocr" and report.source.pages == 1 and report.quality.ocr_pages == [1]
    want = {k: f.value for k, f in _canonical(text_layer).items() if f.page == 1}
    got = {k: f.value for k, f in _canonical(report).items()}
    assert len(want) > 10
    assert sum(got.get(k) == v for k, v in want.items()) / len(want) >= AT_LEAST[150]


def test_a_multi_page_tiff(pictures, text_layer, tmp_path):
    """A scanner's multi-page TIFF: a page of the report each."""
    path = tmp_path / "scan.tiff"
    first, *rest = (page.copy() for page in pictures[150])
    first.save(path, "TIFF", save_all=True, append_images=rest)
    t0 = time.perf_counter()
    report = extract_file(str(path))
    share, wrong_exact = _measure("multi-page TIFF, 150 dpi", report, text_layer, time.perf_counter() - t0)
    assert report.source.input_kind == "ocr" and report.quality.ocr_pages == [1, 2, 3]
    assert share >= AT_LEAST[150] and wrong_exact == []


def test_a_smudged_digit_is_settled_by_the_identities(county_pdf, text_layer, tmp_path):
    """An ink smudge over a cell of table 三 before the scan: what OCR makes of it is not the digit, and the
    cell's row and column identities, which agree, settle it, saying so."""
    from PIL import ImageDraw

    key = "requests.outcome.granted.org_commercial"
    truth = _canonical(text_layer)[key]
    clean = S.pictures(county_pdf.read_bytes(), 300)
    x0, top, x1, bottom = (v * 300 / 72 for v in truth.bbox)
    ImageDraw.Draw(clean[truth.page - 1]).rectangle((x0 - 5, top - 5, x1 + 5, bottom + 5), fill=(60, 60, 60))
    path = tmp_path / "smudged.pdf"
    path.write_bytes(S.image_pdf([S.scanned(p, seed=n) for n, p in enumerate(clean, 1)], 300))
    report = extract_file(str(path))
    f = _canonical(report)[key]
    assert f.value == truth.value and f.status == "repaired"
    assert f"settled as {truth.value} by 「" in f.note and "」 and 「" in f.note
    assert [w for w in report.quality.warnings if key in w] == [
        f"settled by the table's identities: {key} = {truth.value}: " + f.note.split(";")[0] + ", settled by the "
        "table's identities"
    ]
    assert _passing(text_layer) <= _passing(report)


def test_without_the_extra_pictures_say_what_to_install(pictures, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    page = S.png(pictures[150][0])
    with pytest.raises(InputError) as e:
        extract(page, path="page.png")
    assert e.value.kind == "needs_ocr" and "a PNG picture of a page" in e.value.message
    assert "pip install 'suqian-report[ocr]'" in e.value.message
    with pytest.raises(InputError) as e:
        extract(S.image_docx(pictures[150][:1]), path="scan.docx")
    assert e.value.kind == "needs_ocr" and "a Word document of 1 picture(s)" in e.value.message
    p = subprocess.run([sys.executable, "-c", WITHOUT_OCR, "extract", "-"], input=page, capture_output=True, cwd=ROOT)
    assert p.returncode == 1 and p.stdout == b""
    assert p.stderr.decode().count("\n") == 1 and b"suqian-report[ocr]" in p.stderr


def test_a_folder_s_pictures_are_left_out_unless_named(pictures, tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "logo.png").write_bytes(S.png(pictures[150][1].resize((64, 64))))
    (crawl / "county.txt").write_bytes(COUNTY.read_bytes())
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", "extract", str(crawl), "-f", "jsonl"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert p.returncode == 0 and len(p.stdout.splitlines()) == 1
    assert "logo.png" in p.stderr and "--glob" in p.stderr


def test_the_command_line_reads_scans_in_its_workers_quietly(pictures, tmp_path):
    """A crawl with --jobs 2: the scan is read by OCR in a worker; no library writes a line on stderr."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "page-2.png").write_bytes(S.png(pictures[150][1]))
    (crawl / "county.txt").write_bytes(COUNTY.read_bytes())
    out = tmp_path / "all.jsonl"
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", "extract", str(crawl), "--jobs", "2", "-f", "jsonl", "-o", str(out)]
        + ["--glob", "*.png", "--glob", "*.txt"],  # (a folder's pictures are read when a glob names them)
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert p.returncode == 0 and p.stderr == "2 reports, 0 failed\n"
    reports = {r["source"]["path"].rsplit("/", 1)[-1]: r for r in map(json.loads, out.read_text().splitlines())}
    assert reports["page-2.png"]["source"]["input_kind"] == "ocr"
    assert reports["page-2.png"]["quality"]["ocr_pages"] == [1]
    assert reports["county.txt"]["source"]["input_kind"] == "text"


def test_timeout_bounds_each_page_read_by_ocr():
    """--timeout's clock starts again at each page a reader turns by OCR: many pages each within the limit pass,
    one page past it stops."""
    from suqian_report.core.limits import page_turned
    from suqian_report.corpus.batch import PageTimeout, _Limit

    with _Limit(0.4):
        for _ in range(8):  # 0.8 s in all, 0.1 s a page
            page_turned()
            time.sleep(0.1)
    with pytest.raises(PageTimeout), _Limit(0.4):
        for _ in range(8):
            time.sleep(0.1)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def _figure(confidence: float | None, span: tuple[int, int], value=3, blank: bool = False) -> Figure:
    cell = TableCell("三", "row", "col", "blank") if blank else None
    return Figure("k", "", None if blank else value, "" if blank else str(value), "件", span=span, page=1,
                  confidence=confidence, cell=cell)  # fmt: skip


def _check(status: str, *spans: tuple[int, int]) -> Check:
    return Check("identity", status, "", inputs=[CheckInput("k", 3, s) for s in spans])  # type: ignore[arg-type]


def test_what_ocr_leaves_of_a_figure_status():
    """Doubted by the engine, a figure stands only when every identity it takes part in passes (and says so);
    any check that does not pass, or a cell read as empty, leaves it uncertain."""
    from suqian_report.stages import _weigh_ocr

    confirmed, alone, failing, sure, blank = (
        _figure(0.6, (0, 1)),
        _figure(0.6, (5, 6)),
        _figure(0.99, (10, 11)),
        _figure(0.99, (20, 21)),
        _figure(None, (30, 30), blank=True),
    )
    checks = [_check("pass", (0, 1), (20, 21)), _check("fail", (10, 11)), _check("not_assessable", (30, 30))]
    _weigh_ocr([confirmed, alone, failing, sure, blank], checks, {1})
    assert confirmed.status == "repaired" and "confirmed by the identities" in confirmed.note
    assert alone.status == "uncertain" and alone.note == "OCR confidence 0.60"
    assert failing.status == "uncertain" and "does not pass" in failing.note
    assert sure.status == "exact" and sure.note is None
    assert blank.status == "uncertain"


def test_a_sum_of_rows_read_by_ocr_is_no_surer_than_its_rows():
    from suqian_report.stages import _weigh_ocr

    def cell(key: str, value: int, status: str = "exact", confidence: float | None = 0.99) -> Figure:
        return Figure(key, "", value, str(value), "件", status=status, page=2, confidence=confidence,
                      cell=TableCell("三", key, "自然人"), derived=status == "derived")  # fmt: skip

    rows = [cell("requests.outcome.unable.not_held.natural_person", 6, confidence=0.5), cell(
        "requests.outcome.unable.needs_creation.natural_person", 2)]  # fmt: skip
    total = cell("requests.outcome.unable.natural_person", 8, "derived", None)
    other = cell("requests.outcome.withheld.natural_person", 3, "derived", None)
    _weigh_ocr([*rows, total, other], [], {2})
    assert rows[0].status == "uncertain" and rows[1].status == "exact"
    assert total.status == "uncertain" and "one of them uncertain" in total.note
    assert other.status == "derived"


@needs_browser
def test_the_evidence_view_draws_the_scan_with_its_boxes(browser, pictures, tmp_path):
    path = tmp_path / "page-2.png"
    path.write_bytes(S.png(pictures[150][1]))
    out = tmp_path / "page-2.html"
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", "show", str(path), "-o", str(out)], capture_output=True, cwd=ROOT
    )
    assert p.returncode == 0 and p.stderr == b""
    report = extract_file(str(path))
    boxed = [f for f in report.figures if f.page and f.bbox]
    tab = browser.new_page(viewport={"width": 1200, "height": 800})
    tab.goto(out.as_uri())
    assert tab.locator(".page img").count() == 1
    assert tab.locator("a.box").count() == len(boxed) > 150
    assert "read by OCR with confidence" in (tab.locator("a.box").first.get_attribute("title") or "")
    tab.click("#toggle-pages")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "evidence-scan.png"))
    tab.close()


def _grid(values: list[list[int | None]], page: int = 2) -> list[list[Figure]]:
    """A table's cells as figures read on ``page`` (None: a cell read as empty), its last column the row total."""
    return [
        [
            Figure(
                f"r{i}.c{j}",
                "",
                v,
                "" if v is None else str(v),
                "件",
                page=page,
                cell=TableCell("三", f"r{i}", f"c{j}", "blank" if v is None else "number"),
            )  # fmt: skip
            for j, v in enumerate(row)
        ]
        for i, row in enumerate(values)
    ]


def _sums(grid: list[list[Figure]]) -> list:
    """Each row's total = its cells; each column's last row = the rows above (names as the identities' own)."""
    rows = [(f"row {i}", [row[-1]], row[:-1]) for i, row in enumerate(grid)]
    cols = [(f"column {j}", [grid[-1][j]], [row[j] for row in grid[:-1]]) for j in range(len(grid[0]))]
    return rows + cols


def test_identities_settle_a_cell_read_as_empty_only_where_two_agree():
    from suqian_report.extractors.template.settle import settle

    grid = _grid([[2, None, 5], [1, 1, 2], [3, 4, 7]])  # the empty cell is 3 by its row and by its column
    lines = settle(_sums(grid), {2})
    cell = grid[0][1]
    assert cell.value == 3 and cell.status == "repaired" and cell.cell.value_kind == "number"
    assert "read by OCR as an empty cell; settled as 3 by 「row 0」 and 「column 1」" == cell.note
    assert lines == ["r0.c1 = 3: read by OCR as an empty cell, settled by the table's identities"]

    disagree = _grid([[2, None, 5], [1, 1, 2], [3, 5, 7]])  # its row says 3, its column 4: left alone
    assert settle(_sums(disagree), {2}) == [] and disagree[0][1].value is None
    alone = _grid([[2, None, 5], [1, 1, 2]])  # in one identity only (no column totals)
    assert settle([(f"row {i}", [r[-1]], r[:-1]) for i, r in enumerate(alone)], {2}) == []
    typed = _grid([[2, None, 5], [1, 1, 2], [3, 4, 7]], page=1)  # a page with a text layer: the author's blank
    assert settle(_sums(typed), {2}) == [] and typed[0][1].value is None


def test_identities_settle_a_digit_misread_by_one_digit_only():
    from suqian_report.extractors.template.settle import settle

    grid = _grid([[2, 6, 5], [1, 1, 2], [3, 4, 7]])  # a 3 read as 6: its row and its column both fail, give 3
    settle(_sums(grid), {2})
    assert grid[0][1].value == 3 and grid[0][1].status == "repaired"
    assert "read by OCR as 6; settled as 3 by 「row 0」 and 「column 1」, which both fail as read" in grid[0][1].note
    far = _grid([[2, 16, 5], [1, 1, 2], [3, 4, 7]])  # 16 against 3: not a single digit misread
    assert settle(_sums(far), {2}) == [] and far[0][1].value == 16 and far[0][1].status == "exact"
