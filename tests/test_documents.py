"""PDF and Word files, read from the document itself: the 2021 county fixture printed to PDF by Chromium (merged
cells, a vertical row label, table 三 across a page break, Chromium's header and footer on every page) and
written to .docx by python-docx (gridSpan, vMerge, a header and a footer) gives the figures the text fixture
gives, with the page and box of each number in the PDF."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from suqian_report import InputError, extract, extract_file

from .conftest import FIXTURES, ROOT, needs_browser
from .fixtures import build_documents as B
from .test_evidence import ARTIFACTS, _in_view

COUNTY = FIXTURES / "clean" / "template-2021-county.txt"
TITLE = "泗阳县某镇人民政府2021年政府信息公开工作年度报告"
HEADER, FOOTER = "某镇人民政府（页眉）", "第 1 页（页脚）"


def _canonical(report) -> dict:
    return {f.key: f.value for f in report.figures if f.canonical}


@pytest.fixture(scope="module")
def text_report():
    return extract_file(str(COUNTY))


def _need_chromium() -> None:
    if B.chromium() is None:
        if os.environ.get("SUQIAN_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed")
        pytest.skip("no chromium on this machine (CI installs Debian's)")


def print_county(folder: Path) -> Path:
    """The county fixture as Chromium prints it to PDF (its header and footer on every page), in ``folder``."""
    page = folder / "county.html"
    page.write_text(B.to_html(COUNTY.read_text(encoding="utf-8"), TITLE), encoding="utf-8")
    B.print_pdf(page, folder / "county.pdf")
    return folder / "county.pdf"


@pytest.fixture(scope="module")
def county_pdf(tmp_path_factory):
    _need_chromium()
    return print_county(tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def county_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "county.docx"
    B.to_docx(COUNTY.read_text(encoding="utf-8"), path, header=HEADER, footer=FOOTER)
    return path


def test_a_pdf_gives_the_figures_of_the_text(county_pdf, text_report):
    report = extract_file(str(county_pdf))
    assert report.source.input_kind == "pdf" and report.source.pages >= 2
    assert report.metadata.format == "template_2021" and report.metadata.report_year == 2021
    assert _canonical(report) == _canonical(text_report)
    assert [c.status for c in report.checks] == ["pass"] * len(report.checks)
    assert len(report.checks) == len(text_report.checks)


def test_a_vertical_label_is_read_whole(county_pdf):
    report = extract_file(str(county_pdf))
    assert "三、本年度办理结果" in report.clean_text  # written one character per line on the page


def test_the_pdf_tables_cross_pages(tmp_path, text_report):
    """Table 三 broken across pages, its header not repeated: its rows go on on the next page."""
    _need_chromium()
    page = tmp_path / "county.html"
    page.write_text(
        B.to_html(COUNTY.read_text(encoding="utf-8"), TITLE, break_before="（四）无法提供", repeat_head=False), "utf-8"
    )
    B.print_pdf(page, tmp_path / "county.pdf")
    report = extract_file(str(tmp_path / "county.pdf"))
    pages = {f.page for f in report.figures if f.cell and f.cell.table == "三"}
    assert len(pages) >= 2, "the fixture is printed so that table 三 continues on the next page"
    assert _canonical(report) == _canonical(text_report)


def test_a_table_continued_under_its_repeated_header(tmp_path, text_report):
    """Table 三 broken across pages with its header rows repeated at the top of the next page."""
    _need_chromium()
    page = tmp_path / "county.html"
    page.write_text(B.to_html(COUNTY.read_text(encoding="utf-8"), TITLE, break_before="（四）无法提供"), "utf-8")
    B.print_pdf(page, tmp_path / "county.pdf")
    import pdfplumber

    with pdfplumber.open(str(tmp_path / "county.pdf")) as pdf:
        headers = sum("申请人情况" in (p.extract_text() or "") for p in pdf.pages)
    assert headers == 2  # the header is there twice: where the table starts and on the next page
    report = extract_file(str(tmp_path / "county.pdf"))
    assert _canonical(report) == _canonical(text_report)
    assert [c.status for c in report.checks] == ["pass"] * len(text_report.checks)


def test_tables_without_ruling_lines_read_from_the_positions(tmp_path, text_report):
    """No grid to find: the rows are lines of characters, and the text reader splits their cells."""
    _need_chromium()
    page = tmp_path / "county.html"
    page.write_text(B.to_html(COUNTY.read_text(encoding="utf-8"), TITLE, borders=False), encoding="utf-8")
    B.print_pdf(page, tmp_path / "county.pdf")
    report = extract_file(str(tmp_path / "county.pdf"))
    assert _canonical(report) == _canonical(text_report)


def test_page_furniture_is_left_out_and_listed(county_pdf):
    report = extract_file(str(county_pdf))
    furniture = [b for b in report.boilerplate_removed if b.kind == "page_furniture"]
    assert furniture and "county.html" in furniture[0].text and furniture[0].raw_span is None
    assert "file://" not in report.clean_text and "county.html" not in report.clean_text


def test_every_pdf_figure_points_at_its_number_on_the_page(county_pdf):
    import pdfplumber

    report = extract_file(str(county_pdf))
    numbers = [f for f in report.figures if f.raw_text and not f.derived and f.status != "derived"]
    assert numbers and all(f.page and f.bbox for f in numbers)
    with pdfplumber.open(str(county_pdf)) as pdf:
        for f in numbers:
            page = pdf.pages[f.page - 1]
            x0, top, x1, bottom = f.bbox
            assert 0 <= x0 < x1 <= page.width and 0 <= top < bottom <= page.height
            inside = page.within_bbox((x0 - 0.5, top - 0.5, x1 + 0.5, bottom + 0.5)).extract_text()
            # the number as written, with its unit (the part on the number's line, when the unit is wrapped)
            written = report.raw_text[f.raw_span[0] : f.raw_span[1]].replace(" ", "")
            inside = inside.replace(" ", "")
            assert inside and written.startswith(inside) and f.raw_text.replace(",", "") in inside, f.key


def test_a_pdf_rows_cells_are_traced_together_as_each_alone(county_pdf):
    # each table row's cells traced at once stand on the page (its box) where each traced alone stands
    from suqian_report.extractors.provenance import Tracer
    from suqian_report.read.load import load_file
    from suqian_report.repair import repair
    from suqian_report.segment import segment

    report = extract_file(str(county_pdf))
    doc = load_file(str(county_pdf))
    repaired = repair(doc)
    tracer = Tracer(doc, repaired, segment(repaired.text, doc.lines))
    rows: dict[tuple, list] = {}
    for f in report.figures:
        if f.cell and not f.derived:
            rows.setdefault((f.cell.table, f.cell.row_label), []).append(f)
    assert len(rows) > 20
    for figs in rows.values():
        spans = [f.span for f in figs]
        written = [f.raw_text if f.cell.value_kind == "number" else None for f in figs]
        alone = []
        for (a, b), w in zip(spans, written):
            p = tracer.place(a, b)
            alone.append(
                (None if w is None else tracer.status(a, b, w), p["raw_span"], None, p["section"], p["page"], p["bbox"])
            )
        together = tracer.cells(spans, written)
        assert together == alone
        assert [(page, bbox) for *_rest, page, bbox in together] == [(f.page, f.bbox) for f in figs]


def test_a_word_file_gives_the_figures_of_the_text(county_docx, text_report):
    report = extract_file(str(county_docx))
    assert report.source.input_kind == "docx"
    assert _canonical(report) == _canonical(text_report)
    assert HEADER not in report.clean_text and FOOTER not in report.clean_text  # not body text
    assert all(f.page is None and f.bbox is None for f in report.figures)


def test_word_merged_cells_are_written_once_where_they_start(tmp_path):
    from suqian_report.read.word import read_docx

    table = [
        [B.Cell("三、本年度办理结果", rowspan=2), B.Cell("（一）予以公开", colspan=2), B.Cell("5")],
        [B.Cell("（二）部分公开"), B.Cell("二级"), B.Cell("6")],
    ]
    document = __import__("docx").Document()
    document.add_paragraph("前言")
    grid = document.add_table(rows=2, cols=4)
    grid.cell(0, 0).merge(grid.cell(1, 0)).text = table[0][0].text
    grid.cell(0, 1).merge(grid.cell(0, 2)).text = table[0][1].text
    grid.cell(0, 3).text = "5"
    grid.cell(1, 1).text, grid.cell(1, 2).text, grid.cell(1, 3).text = "（二）部分公开", "二级", "6"
    document.add_paragraph("后记")
    buf = io.BytesIO()
    document.save(buf)
    text, lines, _pictures = read_docx(buf.getvalue())
    assert text.split("\n") == ["前言", "三、本年度办理结果 | （一）予以公开 | 5", "（二）部分公开 | 二级 | 6", "后记"]
    assert [ln.kind for ln in lines] == ["text", "row", "row", "text"]


def test_documents_are_known_by_their_bytes_not_their_name(county_docx, tmp_path):
    renamed = tmp_path / "report.html"
    shutil.copy(county_docx, renamed)
    assert extract_file(str(renamed)).source.input_kind == "docx"


def _image_pdf(path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), outline="black", width=3)
    image.save(path, "PDF", resolution=72)


# Python with the OCR extra out of reach, as on a default install: the import system finds no such module.
WITHOUT_OCR = "import sys; sys.modules['rapidocr_onnxruntime'] = None; from suqian_report.cli.entry import main; main()"


def test_a_scanned_pdf_needs_the_ocr_extra(tmp_path, monkeypatch):
    scan = tmp_path / "scan.pdf"
    _image_pdf(scan)
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    with pytest.raises(InputError) as e:
        extract_file(str(scan))
    assert e.value.kind == "needs_ocr" and "pip install 'suqian-report[ocr]'" in e.value.message
    p = subprocess.run(
        [sys.executable, "-c", WITHOUT_OCR, "extract", str(scan)], capture_output=True, text=True, cwd=ROOT
    )
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.count("\n") == 1 and "needs OCR" in p.stderr and "suqian-report[ocr]" in p.stderr
    assert "Traceback" not in p.stderr


def test_a_scan_with_no_text_on_it_says_so(tmp_path):
    """Read by OCR (the extra installed), a page of a box and no words is no report: one line, kind empty."""
    pytest.importorskip("rapidocr_onnxruntime")
    scan = tmp_path / "scan.pdf"
    _image_pdf(scan)
    with pytest.raises(InputError) as e:
        extract_file(str(scan))
    assert e.value.kind == "empty" and "OCR found no text" in e.value.message


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", b"%PDF-1.7\n" + bytes(range(256)) * 40],
    ids=["no pages", "garbage"],
)
def test_a_damaged_pdf_is_one_line_not_a_traceback(data):
    with pytest.raises(InputError) as e:
        extract(data)
    assert "\n" not in e.value.message and "PDF" in e.value.message


def test_a_damaged_word_file_is_one_line():
    with pytest.raises(InputError) as e:
        extract(b"PK\x03\x04" + b"word/document.xml" + bytes(200))
    assert "\n" not in e.value.message and "Word" in e.value.message


@pytest.mark.skipif(shutil.which("soffice") is not None, reason="LibreOffice is installed here")
def test_an_old_doc_file_says_what_it_needs():
    with pytest.raises(InputError) as e:
        extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert "LibreOffice" in e.value.message and ".docx" in e.value.message


def test_a_batch_of_documents_survives_a_bad_one(county_docx, tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    shutil.copy(county_docx, crawl / "a.docx")
    _image_pdf(crawl / "b.pdf")
    shutil.copy(COUNTY, crawl / "c.txt")
    out = tmp_path / "all.jsonl"
    errors = tmp_path / "errors.jsonl"
    p = subprocess.run(
        [
            sys.executable,
            "-c",
            WITHOUT_OCR,  # (b.pdf, a scan, needs OCR: the batch goes on)
            "extract",
            str(crawl),
            "-f",
            "jsonl",
            "-o",
            str(out),
            "--errors",
            str(errors),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert p.returncode == 1
    kinds = [json.loads(line)["source"]["input_kind"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(kinds) == ["docx", "text"]
    assert [json.loads(line)["kind"] for line in errors.read_text(encoding="utf-8").splitlines()] == ["needs_ocr"]


@pytest.mark.browser
@needs_browser
def test_the_pdf_evidence_view_boxes_every_figure_on_its_page(browser, county_pdf, tmp_path):
    out = tmp_path / "county.html"
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", "show", str(county_pdf), "-o", str(out)], capture_output=True, cwd=ROOT
    )
    assert p.returncode == 0, p.stderr
    report = extract_file(str(county_pdf))
    boxed = [i for i, f in enumerate(report.figures) if f.page and f.bbox]
    tab = browser.new_page(viewport={"width": 1200, "height": 600})
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(out.as_uri())
    assert tab.locator(".page img").count() == report.source.pages
    assert tab.locator("a.box").count() == len(boxed)
    tab.click("#toggle-pages")
    assert tab.locator("#pages").is_visible() and not tab.locator("#clean").is_visible()

    # a row of the figure table scrolls to its box on the page image ...
    last = max(boxed, key=lambda i: (report.figures[i].page, report.figures[i].bbox[1]))
    assert not _in_view(tab, f"#box-{last}")
    tab.click(f'#figures tbody tr[data-fig="{last}"]')
    tab.wait_for_timeout(200)
    assert _in_view(tab, f"#box-{last}")
    # ... drawn where the number is: the box's share of the image is the bbox's share of the page
    f = report.figures[last]
    geometry = tab.evaluate(
        """(i) => { const b = document.getElementById('box-' + i).getBoundingClientRect();
                    const p = document.getElementById('box-' + i).parentElement.getBoundingClientRect();
                    return [(b.left - p.left) / p.width, (b.top - p.top) / p.height]; }""",
        last,
    )
    width, height = _page_size(county_pdf, f.page)
    assert abs(geometry[0] - f.bbox[0] / width) < 0.01 and abs(geometry[1] - f.bbox[1] / height) < 0.01

    # ... and a box scrolls the figure table to its row
    first = boxed[0]
    tab.evaluate("document.getElementById('side').scrollTop = 1e6")
    tab.click(f"#box-{first}")
    tab.wait_for_timeout(200)
    assert _in_view(tab, f'#figures tbody tr[data-fig="{first}"]', pane="side")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "evidence-county-pdf.png"))
    assert errors == []
    tab.close()


def _page_size(pdf_path, number: int) -> tuple[float, float]:
    import pdfplumber

    with pdfplumber.open(str(pdf_path)) as pdf:
        page = pdf.pages[number - 1]
        return float(page.width), float(page.height)


@pytest.mark.parametrize(
    "command", [("summary",), ("clean",), ("show",), ("compare", "--format", "csv"), ("extract", "-f", "csv")]
)
def test_every_command_reads_a_word_file(county_docx, command):
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", command[0], str(county_docx), *command[1:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert p.returncode == 0, p.stderr
    assert "96" in p.stdout  # requests.new.total of the county fixture, in every view


def test_a_pdf_with_some_scanned_pages_says_which(county_pdf, tmp_path, text_report, monkeypatch):
    import pypdfium2 as pdfium

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # (as without the OCR extra)

    scan = tmp_path / "scan.pdf"
    _image_pdf(scan)
    merged = pdfium.PdfDocument.new()
    merged.import_pages(pdfium.PdfDocument(str(county_pdf)))
    merged.import_pages(pdfium.PdfDocument(str(scan)))
    merged.save(str(tmp_path / "mixed.pdf"))
    report = extract_file(str(tmp_path / "mixed.pdf"))
    last = report.source.pages
    assert [w for w in report.quality.warnings if "OCR" in w] == [
        f"page(s) {last} of the PDF are images with no text layer (OCR needed: pip install 'suqian-report[ocr]'): "
        "their figures are missing"
    ]
    assert _canonical(report) == _canonical(text_report)


def test_word_paragraphs_inside_content_controls_are_read():
    """Text a .docx keeps inside a content control (w:sdt: a cover block, a form field) is body text too."""
    import copy

    import docx

    from suqian_report.read.word import read_docx

    document = docx.Document()
    document.add_paragraph("前言")
    inner = document.add_paragraph("受理政府信息公开申请96件")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    sdt = inner._p.makeelement(f"{w}sdt", {})
    content = sdt.makeelement(f"{w}sdtContent", {})
    content.append(copy.deepcopy(inner._p))
    sdt.append(content)
    inner._p.addprevious(sdt)
    inner._p.getparent().remove(inner._p)
    buf = io.BytesIO()
    document.save(buf)
    text, _lines, _pictures = read_docx(buf.getvalue())
    assert text.split("\n") == ["前言", "受理政府信息公开申请96件"]


def _pdf_with_text(path, lines: list[tuple[str, float, float]]) -> None:
    """A one-page PDF drawing each (text, x, y) with a standard font (pypdfium2's own text objects)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(300, 200)
    for s, x, y in lines:
        obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(12))
        buf = ctypes.create_string_buffer((s + "\0").encode("utf-16-le"))
        raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page.raw, obj)
    raw.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(path))


def test_a_character_drawn_twice_for_bold_is_read_once(tmp_path):
    from suqian_report.read.pdf import read_pdf

    _pdf_with_text(tmp_path / "bold.pdf", [("Total 2021 bold", 20, 150)] * 2 + [("plain line of text here", 20, 120)])
    text = read_pdf((tmp_path / "bold.pdf").read_bytes()).text
    assert text.split("\n") == ["Total 2021 bold", "plain line of text here"]


def test_a_converted_doc_keeps_the_identity_of_the_doc(county_docx):
    """A .doc is read through the .docx LibreOffice makes of it; the report's size and sha256 are the .doc's
    own, so that repeats and --skip-existing know the file."""
    import hashlib

    from suqian_report.read.load import _from_docx

    original = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)  # what the user gave (its conversion is below)
    doc = _from_docx(original, "old.doc", False, converted=county_docx.read_bytes())
    assert doc.source.sha256 == hashlib.sha256(original).hexdigest() and doc.source.size == len(original)
    assert "LibreOffice" in doc.source.encoding_evidence and "三、本年度办理结果" in doc.raw_text
