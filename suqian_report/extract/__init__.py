"""Extract: metadata and typed figures from the segmented page."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Document
from ..model import Check, Coverage, Figure, Metadata, NonFigure
from ..numbers import classify, scan
from ..provenance import Tracer
from ..repair import Repaired
from ..segment import Segmented
from .metadata import build_metadata
from .prose import Stated, find_stated, zero_statements
from .regime import detect_format
from .tables import table_figures


@dataclass
class Extracted:
    metadata: Metadata
    figures: list[Figure]
    non_figures: list[NonFigure]
    coverage: Coverage
    lists: list[tuple[Figure, list[Figure]]] = field(default_factory=list)  # totals and their breakdowns
    warnings: list[str] = field(default_factory=list)
    table_checks: list[Check] = field(default_factory=list)


def extract(doc: Document, repaired: Repaired, seg: Segmented) -> Extracted:
    text = seg.clean_text
    tracer = Tracer(doc, repaired, seg)
    warnings: list[str] = []
    metadata = build_metadata(seg.panel, seg.title, text, doc.html_meta, warnings)
    metadata.format, metadata.format_evidence = detect_format(text, metadata.report_year)

    spam_spans = [(a, b) for a, b, _ in seg.spam]
    nums = scan(text)
    reasons = [classify(n, text, spam_spans) for n in nums]
    table_lines = seg.table_spans()
    figure_idx = {i for i, r in enumerate(reasons) if r is None}

    stated = find_stated(text, nums, figure_idx, table_lines)
    tables = table_figures(seg, nums, reasons, metadata.format, tracer)

    figures: list[Figure] = []
    by_stated: dict[int, Figure] = {}
    for st in stated:
        fig = _figure(st, text, seg, tracer)
        by_stated[id(st)] = fig
        figures.append(fig)
    figures.extend(tables.figures)

    have = {f.key for f in figures if f.key}
    for key, a, b, unit in zero_statements(text, have, table_lines + spam_spans):
        s0 = max(text.rfind(ch, 0, a) for ch in "。！？!?\n") + 1
        ends = [i for i in (text.find(ch, b) for ch in "。！？!?\n") if i >= 0]
        s1 = min(ends) + 1 if ends else len(text)
        raw = tracer.raw_span(a, b)
        sec = seg.section_at(a)
        figures.append(Figure(key, text[a:b], 0, text[a:b], unit, derived=True, status="derived",
                              section=sec.path if sec else None, sentence=text[s0:s1].strip(), span=(a, b),
                              raw_span=raw, byte_span=tracer.byte_span(raw),
                              note="stated in words; read as zero"))
    figures.sort(key=lambda f: f.span)
    n_other = 0
    for f in figures:
        if not f.key:
            n_other += 1
            f.key = f"other.{n_other}"

    lists = [(by_stated[id(st)], [by_stated[id(c)] for c in st.children]) for st in stated if st.children]
    lists += tables.lists

    non_figures = [NonFigure(text[n.begin:n.stop], r, n.span) for n, r in zip(nums, reasons) if r not in (None, "word")]
    counted = sum(1 for r in reasons if r != "word")
    stated_figs = sum(1 for f in figures if not f.derived)
    by_reason: dict[str, int] = {}
    for nf in non_figures:
        by_reason[nf.reason] = by_reason.get(nf.reason, 0) + 1
    canonical = sum(1 for f in figures if f.canonical)
    coverage = Coverage(counted, len(figures), canonical, len(figures) - canonical, len(non_figures), by_reason)
    if counted != stated_figs + len(non_figures) + tables.unread:
        warnings.append(f"coverage: {counted} numbers found, {stated_figs} figures and {len(non_figures)} non-figures")
    warnings.extend(tables.warnings)
    return Extracted(metadata, figures, non_figures, coverage, lists, warnings)


def _figure(st: Stated, text: str, seg: Segmented, tracer: Tracer) -> Figure:
    n = st.num
    raw = tracer.raw_span(*n.span)
    sec = seg.section_at(n.begin)
    return Figure(
        key=st.key or "",
        label_zh=st.label,
        value=n.value,
        raw_text=n.raw_text,
        unit=n.unit,
        approx=n.approx,
        qualifier=n.qualifier,
        status=tracer.status(n.start, n.end, n.raw_text),
        scope=st.scope,
        section=sec.path if sec else None,
        sentence=text[st.sentence[0]:st.sentence[1]].strip(),
        span=n.span,
        raw_span=raw,
        byte_span=tracer.byte_span(raw),
        note=st.note,
    )
