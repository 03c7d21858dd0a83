"""Every figure points back into the raw input: the raw slice, repaired, is the clean slice."""

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def _traced_page(data: bytes):
    from suqian_report.extractors.provenance import Tracer
    from suqian_report.read.load import load_bytes
    from suqian_report.segment import segment

    doc = load_bytes(data)
    repaired = repair(doc)
    return Tracer(doc, repaired, segment(repaired.text, doc.lines))


def _gb18030_with_lost_text() -> bytes:
    """A clean page in GB18030 with lines damaged as saves damage them: characters lost (锟斤拷, U+FFFD) and a
    date whose 年 and 月 were dropped, so the repairs rewrite some stretches and leave others."""
    text = (FIXTURES / "clean" / "template-2021-county.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[3] += " 锟斤拷锟斤拷"
    lines[len(lines) // 2] += " 附件\ufffd\ufffd 于201311日公开"
    return "\n".join(lines).encode("gb18030")


TRACED_PAGES = {
    "seed": SEED.read_bytes(),
    "clean": (FIXTURES / "clean" / "template-2021-county.txt").read_bytes(),
    "cms": (FIXTURES / "layouts" / "template-2021-county-cms.html").read_bytes(),
    "lost-gb18030": _gb18030_with_lost_text(),
}


@pytest.mark.parametrize("name", TRACED_PAGES)
@given(data=st.data())
def test_a_rows_cells_are_traced_as_each_alone(name, data):
    # A row's cells traced together (one shift, one section, one count of bytes where they can be shared) stand
    # where each traced alone stands, with the same status: rows drawn anywhere on the page, across headings,
    # repaired and lost stretches too.
    tracer = _traced_page(TRACED_PAGES[name])
    clean = tracer.seg.clean_text
    near_lost = [max(0, a - 4) for a, _b in tracer.repaired.lost]  # (repaired offsets: near the clean ones)
    start = data.draw(st.one_of(st.integers(0, len(clean)), *(st.just(a) for a in near_lost)))
    gap = data.draw(st.sampled_from([2, 60]))  # cells side by side, or spread over a stretch
    spans, at = [], start
    for _ in range(data.draw(st.integers(1, 8))):
        a = min(len(clean), at + data.draw(st.integers(0, gap)))
        at = min(len(clean), a + data.draw(st.integers(0, 4)))
        spans.append((a, at))
    if data.draw(st.booleans()):  # (out of text order too: cells a layout moved, glued cells that share a span)
        spans = data.draw(st.permutations(spans + spans[:1]))
    written = [clean[a:b] if data.draw(st.booleans()) else None for a, b in spans]
    alone = []
    for (a, b), w in zip(spans, written):
        place = tracer.place(a, b)
        status = None if w is None else tracer.status(a, b, w)
        alone.append((status, place["raw_span"], place["byte_span"], place["section"], place["page"], place["bbox"]))
    assert tracer.cells(spans, written) == alone


def test_a_cell_at_lost_text_is_uncertain_traced_with_its_row():
    # every short span at or next to the characters a save lost, traced in a row as alone: uncertain
    tracer = _traced_page(TRACED_PAGES["lost-gb18030"])
    clean = tracer.seg.clean_text
    (lost, _end), *_more = tracer.repaired.lost
    near = [(a, b) for a in range(lost - 6, lost + 6) for b in range(a, a + 4)]
    assert any(tracer.status(a, b, clean[a:b]) == "uncertain" for a, b in near)
    for a, b in near:
        assert tracer.cells([(a, b)], [clean[a:b]])[0][0] == tracer.status(a, b, clean[a:b]), (a, b)
