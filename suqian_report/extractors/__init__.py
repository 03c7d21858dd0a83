"""Extract: metadata and typed figures from the segmented page."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from ..check.validate import check_input
from ..core.document import Document
from ..core.model import Check, CheckInput, CheckStatus, Coverage, Figure, Metadata, NonFigure
from ..core.offsets import SpanSet
from ..repair import Repaired
from ..segment import Segmented
from .metadata import build_metadata
from .numbers import classify, scan
from .prose import Stated, find_stated, loose_keys, sentence_at, sentence_ends
from .provenance import Tracer
from .regime import detect_format
from .tables import table_figures
from .tabular import TemplateResult, has_standard_tables, has_stats_table
from .zeros import Zero, zero_statements


@dataclass
class Extracted:
    """What extraction found on a page: metadata, figures, the numbers that are not figures, and checks."""

    metadata: Metadata
    figures: list[Figure]
    non_figures: list[NonFigure]
    coverage: Coverage
    # totals, their breakdowns, and whether the page promises the parts are the whole
    lists: list[tuple[Figure, list[Figure], bool]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)  # from the tables, and prose against tables
    spam: list[str] = field(default_factory=list)  # brand names in the title, the panel and the meta tags


def _own_tables(seg: Segmented, tracer: Tracer, fmt: str, prose_values: Callable[[], set[tuple]]) -> TemplateResult:
    """The report's standard tables (2019+) and statistics table (before 2019); their readers are loaded for a
    page that has one.  ``prose_values``: the (value, unit) of every figure the text states, worked out only for
    a statistics table, which needs them."""
    out = TemplateResult()
    if has_standard_tables(seg.clean_text, fmt):
        from .template import read_tables

        out = read_tables(seg, tracer, fmt)
    if has_stats_table(seg.clean_text):
        from .stats import read_stats

        out.merge(read_stats(seg, tracer, prose_values()))
    return out


def extract(doc: Document, repaired: Repaired, seg: Segmented) -> Extracted:
    text = seg.clean_text
    tracer = Tracer(doc, repaired, seg)
    warnings: list[str] = []
    spam: list[str] = []
    metadata = build_metadata(seg.panel, seg.title, text, doc.html_meta, warnings, spam)
    metadata.format, metadata.format_evidence = detect_format(text, metadata.report_year)

    spam_spans = [(a, b) for a, b, _ in seg.spam]
    nums = scan(text)
    table_lines = seg.table_spans()

    # (a number a table reader takes is a figure whatever its context says: only the others are classified)
    def prose_values() -> set[tuple]:
        return {(n.value, n.unit) for n in nums if classify(n, text, spam_spans) is None}

    template = _own_tables(seg, tracer, metadata.format, prose_values)
    used = SpanSet(template.used)
    in_template = [used.overlaps(n.start, n.stop) for n in nums]
    in_label = _within(template.labels, [(n.start, n.stop) for n in nums])
    reasons: list[str | None] = []
    for n, taken, labelled in zip(nums, in_template, in_label):
        reason = None if taken else classify(n, text, spam_spans)
        reasons.append("table_label" if reason is None and labelled and not taken else reason)
    figure_idx = {i for i, r in enumerate(reasons) if r is None and not in_template[i]}

    stated = find_stated(text, nums, figure_idx, table_lines)
    tables = table_figures(
        seg, nums, [r if i in figure_idx else "table" for i, r in enumerate(reasons)], metadata.format, tracer
    )

    figures: list[Figure] = list(template.figures)
    table_cells = {f.key: f for f in template.figures if f.key}
    by_stated: dict[int, Figure] = {}
    restates: dict[str, list[Figure]] = {}  # table key → prose figures that may restate it
    for st in stated:
        fig = _figure(st, text, tracer)
        for key in loose_keys(st, table_cells):
            restates.setdefault(key, []).append(fig)
        if fig.key in table_cells:  # the table holds this key; the prose restates it
            restates.setdefault(fig.key, []).insert(0, fig)
            cell = table_cells[fig.key].cell
            fig.note = f"restates {fig.key} from table {cell.table if cell else '?'}"
            fig.key = ""
        by_stated[id(st)] = fig
        figures.append(fig)
    figures.extend(tables.figures)
    restated: list[tuple[Figure, Figure]] = []
    for key, candidates in restates.items():
        # The prose restates the table if any figure that could be this cell has its value; if none does, the
        # figure the rules gave the key is the one that disagrees.
        table_fig = table_cells[key]
        same = next((f for f in candidates if f.value == table_fig.value and f.unit == table_fig.unit), None)
        strict = next((f for f in candidates if (f.note or "").startswith(f"restates {key} ")), None)
        prose = same or strict
        if prose is not None:
            restated.append((prose, table_fig))

    stated_keys = {f.key: f for f in figures if f.key}
    zero_checks: list[Check] = []
    ends = sentence_ends(text)
    zeroed: set[str] = set()
    for z in zero_statements(text, table_lines + spam_spans + list(template.regions.values())):
        prior = stated_keys.get(z.key)
        if prior is not None:
            if not (z.start <= prior.span[0] and prior.span[1] <= z.end):  # the statement's own 0 is the figure
                zero_checks.append(_zero_check(z, prior, text))
            continue
        if z.key in zeroed:
            continue
        zeroed.add(z.key)
        s0, s1 = sentence_at(text, z.start, ends)[0], sentence_at(text, max(z.start, z.end - 1), ends)[1]
        figures.append(
            Figure(
                z.key,
                text[z.start : z.end],
                0,
                text[z.start : z.end],
                z.unit,
                derived=True,
                status="derived",
                sentence=text[s0:s1].strip(),
                note="stated in words; read as zero",
                **tracer.place(z.start, z.end),
            )
        )
    figures.sort(key=lambda f: f.span)
    if doc.confidence is not None:
        for f in figures:  # what OCR's confidence means for a figure is weighed with the checks (stages)
            if f.raw_span is not None:
                f.confidence = tracer.confidence(f.raw_span)
    n_other = 0
    for f in figures:
        if not f.key:
            n_other += 1
            f.key = f"other.{n_other}"

    lists = [(by_stated[id(st)], [by_stated[id(c)] for c in st.children], st.complete) for st in stated if st.children]

    non_figures = [
        NonFigure(text[n.begin : n.stop], r, n.span) for n, r in zip(nums, reasons) if r not in (None, "word")
    ]
    counted = sum(1 for r in reasons if r != "word")
    # Every number is a figure (in prose, a table row or a template cell) or a non-figure with a reason.
    figure_spans = [f.span for f in figures if not f.derived]
    covered, at = SpanSet(figure_spans), {a for a, b in figure_spans if a == b}
    unaccounted = [
        n for n, r in zip(nums, reasons) if r is None and not covered.overlaps(n.start, n.stop) and n.start not in at
    ]
    by_reason: dict[str, int] = {}
    for nf in non_figures:
        by_reason[nf.reason] = by_reason.get(nf.reason, 0) + 1
    canonical = sum(1 for f in figures if f.canonical)
    coverage = Coverage(
        counted, len(figures), canonical, len(figures) - canonical, len(non_figures), by_reason, len(unaccounted)
    )
    if unaccounted:
        warnings.append(
            "numbers neither read as figures nor explained: "
            + ", ".join(text[n.begin : n.stop] for n in unaccounted[:8])
        )
    warnings.extend(tables.warnings + template.warnings)
    checks = list(template.checks) + [_restated_check(p, t) for p, t in restated] + zero_checks
    return Extracted(metadata, figures, non_figures, coverage, lists, warnings, checks, spam)


def _within(outer: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """For each span, whether one of ``outer`` holds it whole: among the spans of ``outer`` that start at or before
    it, the one reaching furthest must reach its end (a bisection each, not a pass over ``outer``)."""
    ordered = sorted(outer)
    starts = [a for a, _b in ordered]
    reach = list(accumulate((b for _a, b in ordered), max))
    out = []
    for a, b in spans:
        k = bisect_right(starts, a)
        out.append(k > 0 and reach[k - 1] >= b)
    return out


def _restated_check(prose: Figure, table: Figure) -> Check:
    same = isinstance(prose.value, (int, float)) and prose.value == table.value
    status: CheckStatus = (
        "pass" if same else ("not_assessable" if not isinstance(table.value, (int, float)) else "fail")
    )
    return Check(
        name=f"正文与表格一致: {table.key}",
        status=status,
        description=f"the prose figure {prose.label_zh} agrees with the table cell {table.label_zh}",
        expected=table.value,
        actual=prose.value,
        inputs=[check_input(table), CheckInput("(prose)", prose.value, prose.span, prose.label_zh)],
        note=None
        if same
        else (
            "the table cell holds no number"
            if status == "not_assessable"
            else "prose and table disagree: both are kept"
        ),
    )


def _zero_check(z: Zero, stated: Figure, text: str) -> Check:
    """The page says there were none, and states a number for the same key: do they agree?"""
    ok = isinstance(stated.value, (int, float))
    status: CheckStatus = ("pass" if stated.value == 0 else "fail") if ok else "not_assessable"
    return Check(
        name=f"零陈述与数字一致: {z.key}",
        status=status,
        description=f"the page says there were none ({text[z.start : z.end]}) and states {stated.label_zh}",
        expected=0,
        actual=stated.value,
        inputs=[check_input(stated), CheckInput("(stated in words)", 0, (z.start, z.end), text[z.start : z.end])],
        note=None
        if status == "pass"
        else ("the stated figure holds no number" if not ok else "the words and the number disagree: both are kept"),
    )


def _figure(st: Stated, text: str, tracer: Tracer) -> Figure:
    return Figure(
        key=st.key or "",
        label_zh=st.label,
        scope=st.scope,
        sentence=text[st.sentence[0] : st.sentence[1]].strip(),
        note=st.note,
        **tracer.number(st.num),
    )
