"""Every figure points back into the raw input: the raw slice, repaired, is the clean slice."""

import html
import re

import pytest

from suqian_report import extract
from suqian_report.read.load import load_text
from suqian_report.repair import repair

from .conftest import FIXTURES, SEED

PAGES = [SEED] + sorted(
    p for d in ("clean", "layouts") for p in (FIXTURES / d).iterdir() if p.suffix in (".txt", ".html")
)


def _repaired(fragment: str, script: str) -> str:
    """Repair a raw fragment the way its page was repaired.  Page-level evidence (is the page in traditional
    characters?) is given by a line of the same script after the fragment."""
    context = "政府信息公開年度報告，統計數據，聯繫電話" if script == "traditional" else "政府信息公开年度报告"
    doc = load_text(fragment + "\n" + context)
    return repair(doc).text.split("\n")[0]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_raw_slice_repairs_to_clean_slice(page):
    report = extract(page.read_bytes(), path=page.name)
    raw, clean = report.raw_text, report.clean_text
    assert report.figures
    for f in report.figures:
        a, b = f.span
        ra, rb = f.raw_span
        clean_slice = clean[a:b]
        if f.cell is not None and f.cell.value_kind in ("blank", "not_applicable", "text"):
            assert clean_slice == f.raw_text or f.status == "uncertain", (f.key, clean_slice, f.raw_text)
        elif not f.derived:
            written = f.raw_text
            assert written in clean_slice, (f.key, written, clean_slice)
            assert re.search(r"[0-9零〇○一二两三四五六七八九十百千万亿]", clean_slice)
        raw_slice = raw[ra:rb]
        if f.derived and a == b:
            assert ra == rb  # a derived cell (a subtotal the table does not print) points at a place, not text
            continue
        if page.suffix == ".txt":
            assert _repaired(raw_slice, report.quality.script) == clean_slice, (f.key, raw_slice, clean_slice)
        else:  # HTML: the source slice, its tags dropped and entities decoded, is the clean slice
            text = html.unescape(re.sub(r"<[^>]*>", "", raw_slice)).replace("\u00a0", " ")
            assert " ".join(text.split()) == " ".join(clean_slice.split()), (f.key, raw_slice, clean_slice)
        if f.byte_span:
            data = page.read_bytes()
            assert data[f.byte_span[0] : f.byte_span[1]].decode(report.source.encoding) == raw_slice


def test_status_tells_repaired_figures(seed_report):
    wan = next(f for f in seed_report.figures if f.raw_text == "136万")
    assert wan.status == "repaired"  # written 136萬 on the page
    total = next(f for f in seed_report.figures if f.key == "proactive.total")
    assert total.status == "exact"
