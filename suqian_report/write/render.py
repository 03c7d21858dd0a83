"""Render a report in the terminal with rich: metadata, key figures, categories, checks, repairs.

Tables fit an 80-column terminal (Chinese characters count double) and follow
``NO_COLOR`` (rich honours it).  Nothing here computes: it only shows the
:class:`~suqian_report.model.Report`.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..core.model import Figure, Report

_STATUS = {"pass": ("✓ pass", "green"), "fail": ("✗ fail", "bold red"), "not_assessable": ("? n/a", "yellow")}

# The words of the summary, in English and in Chinese (--lang).
LABELS = {
    "en": {
        "title": "title",
        "publisher": "publisher",
        "level": "level / region",
        "year": "report year",
        "period": "period",
        "published": "published",
        "index_no": "index no.",
        "format": "format",
        "contact": "contact",
        "source": "source",
        "tampered": "tampered",
        "key_figures": "Key figures",
        "categories": "Categories",
        "checks": "Checks",
        "repairs": "Repairs",
        "body": "body",
        "proactive": "proactive",
        "requests": "requests",
        "reviews": "reviews",
        "lawsuits": "lawsuits",
        "failed": "failed",
        "reports": "reports",
        "year_short": "year",
    },
    "zh": {
        "title": "标题",
        "publisher": "发布机构",
        "level": "层级 / 地区",
        "year": "报告年度",
        "period": "统计期限",
        "published": "发布日期",
        "index_no": "索引号",
        "format": "格式",
        "contact": "联系方式",
        "source": "来源",
        "tampered": "被篡改",
        "key_figures": "主要数字",
        "categories": "分类",
        "checks": "核对",
        "repairs": "修复",
        "body": "机构",
        "proactive": "主动公开",
        "requests": "新收申请",
        "reviews": "行政复议",
        "lawsuits": "行政诉讼",
        "failed": "未通过",
        "reports": "份报告",
        "year_short": "年度",
    },
}


def fmt_value(f: Figure) -> str:
    v = f.value
    if v is None:
        return f.raw_text or "—"
    if isinstance(v, float):
        s = f"{v:,.{len(f.raw_text.partition('.')[2].rstrip('万亿多余')) if '.' in f.raw_text else 2}f}"
    else:
        s = f"{v:,}"
    if f.approx and f.qualifier:
        s = (
            f"{f.qualifier} {s}"
            if f.qualifier in ("约", "近", "超过", "逾", "大约", "将近", "超")
            else f"{s}{f.qualifier}"
        )
    return s


def metadata_table(report: Report, lang: str = "en") -> Table:
    md, src = report.metadata, report.source
    w = LABELS[lang]
    t = Table(box=box.SIMPLE_HEAD, show_header=False, expand=False, padding=(0, 1))
    t.add_column(style="bold cyan", no_wrap=True)
    t.add_column(overflow="fold")
    period = f"{md.period_start} – {md.period_end}" if md.period_start else None
    rows = [
        (w["title"], md.title),
        (w["publisher"], md.publisher),
        (w["level"], " / ".join(x for x in (md.level, md.region) if x) or None),
        (w["year"], md.report_year),
        (w["period"], period),
        (w["published"], md.publish_date),
        (w["index_no"], md.index_no),
        (w["format"], md.format),
        (w["contact"], " · ".join(x for x in (md.contact_phone, md.postcode, md.email) if x) or None),
        (w["source"], f"{src.path or '<text>'} ({_kind(src)})"),
    ]
    for k, v in rows:
        if v is not None:
            t.add_row(k, str(v))
    if report.quality.tampered:
        what = ["link spam removed"] if any(b.kind == "spam_links" for b in report.boilerplate_removed) else []
        if report.quality.spam:
            what.append("spam names in the text: " + "、".join(report.quality.spam))
        t.add_row(w["tampered"], Text("; ".join(what), style="bold red"))
    return t


def figures_table(figures: list[Figure], title: str) -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, expand=False, padding=(0, 1))
    t.add_column("标签", overflow="fold", max_width=26)
    t.add_column("key", style="cyan", overflow="fold", max_width=30)
    t.add_column("value", justify="right", no_wrap=True)
    t.add_column("unit", no_wrap=True)
    for f in figures:
        style = "dim" if f.derived else ("yellow" if f.status in ("repaired", "uncertain") else None)
        t.add_row(f.label_zh, f.key, Text(fmt_value(f), style=style or ""), f.unit or "")
    return t


def _kind(src) -> str:
    """html, utf-8 · pdf, 5 pages · docx: what the input was."""
    if src.input_kind == "pdf":
        return f"pdf, {src.pages} pages"
    if src.input_kind == "docx":
        return "docx"
    return f"{src.input_kind}, {src.encoding}"


def bars(figures: list[Figure], title: str, width: int = 22) -> Table:
    t = Table(title=title, title_justify="left", box=None, show_header=False, padding=(0, 1))
    t.add_column(no_wrap=True)
    t.add_column(no_wrap=True)
    t.add_column(justify="right", no_wrap=True)
    numeric = [f for f in figures if isinstance(f.value, (int, float))]
    top = max((f.value or 0 for f in numeric), default=0) or 1
    for f in numeric:
        n = max(1 if f.value else 0, round((f.value or 0) / top * width))
        t.add_row(f.label_zh, Text("█" * n, style="magenta"), f"{f.value:,}")
    return t


def checks_table(report: Report, title: str = "Checks") -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    t.add_column("", no_wrap=True)
    t.add_column("check", overflow="fold", max_width=40)
    t.add_column("expected", justify="right", no_wrap=True)
    t.add_column("found", justify="right", no_wrap=True)
    for c in report.checks:
        label, style = _STATUS[c.status]
        t.add_row(
            Text(label, style=style),
            c.name + (f"\n[dim]{c.note}[/dim]" if c.note else ""),
            _num(c.expected),
            _num(c.actual),
        )
    return t


def _num(v) -> str:
    if v is None:
        return ""
    return f"{v:,}" if isinstance(v, int) else f"{v:,.2f}".rstrip("0").rstrip(".")


def repairs_table(report: Report, title: str = "Repairs") -> Table:
    t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
    t.add_column("kind", style="cyan", no_wrap=True)
    t.add_column("count", justify="right", no_wrap=True)
    t.add_column("what", overflow="fold", max_width=44)
    for r in report.repairs:
        t.add_row(r.kind, f"{r.count:,}", r.description)
    return t


def summary(report: Report, lang: str = "en") -> Group:
    w = LABELS[lang]
    canonical = [f for f in report.figures if f.canonical and not f.key.startswith("proactive.by_category.")]
    categories = [f for f in report.figures if f.key.startswith("proactive.by_category.")]
    cov = report.coverage
    parts: list[RenderableType] = [metadata_table(report, lang), figures_table(canonical, w["key_figures"])]
    if categories:
        parent = next((f.label_zh for f in report.figures if f.key.startswith("proactive.by_channel.")), None)
        parts.append(bars(categories, w["categories"] + (f" ({parent})" if parent else "")))
    parts += [checks_table(report, w["checks"]), repairs_table(report, w["repairs"])]
    derived = sum(f.derived for f in report.figures)
    parts.append(
        Text(
            f"{cov.numbers_in_body} numbers in the body: {cov.numbers_in_body - cov.not_figures} figures, "
            f"{cov.not_figures} not figures ({', '.join(f'{k} {v}' for k, v in sorted(cov.not_figures_by_reason.items()))})."
            f" {cov.figures} figures in all ({cov.canonical} canonical, {cov.other} other.*"
            + (f"; {derived} read from words" if derived else "")
            + ").",
            style="dim",
        )
    )
    for warning in report.quality.warnings:
        parts.append(Text(f"warning: {warning}", style="yellow"))
    return Group(*parts)


def print_summary(report: Report, console: Console | None = None, lang: str = "en") -> None:
    console = console or Console()
    console.print(summary(report, lang))


def print_where(report: Report, key: str, console: Console) -> bool:
    """Each figure whose key is ``key`` (or starts with ``key.``): its sentence with the number marked."""
    found = [f for f in report.figures if f.key == key or f.key.startswith(key.rstrip(".") + ".")]
    text = report.clean_text
    for f in found:
        line = Text()
        line.append(f"{f.key}", style="bold cyan")
        line.append(f"  {fmt_value(f)} {f.unit or ''}  ")
        line.append(f"[{f.status}] §{f.section or '—'}  span {f.span[0]}–{f.span[1]}", style="dim")
        console.print(line)
        s0 = text.rfind(f.sentence[:8], 0, f.span[0] + 1) if f.sentence else -1
        if s0 < 0 or s0 > f.span[0]:
            s0 = max(0, f.span[0] - 40)
        s1 = max(f.span[1], s0 + len(f.sentence))
        sentence = Text("  ")
        sentence.append(text[s0 : f.span[0]])
        sentence.append(text[f.span[0] : f.span[1]], style="bold reverse")
        sentence.append(text[f.span[1] : s1])
        console.print(sentence)
    return bool(found)


def explain_text(report: Report) -> str:
    """Every repair, like ftfy's explain: kind, line:column in the raw input, before → after; then counts."""
    raw = report.raw_text
    line_starts = [0] + [i + 1 for i, ch in enumerate(raw) if ch == "\n"]
    from bisect import bisect_right

    out = []
    for e in report.repair_log:
        a = e.raw_span[0]
        ln = bisect_right(line_starts, a)
        col = a - line_starts[ln - 1] + 1
        note = f"  ({e.note})" if e.note else ""
        change = f"{e.before!r} (kept, flagged)" if e.before == e.after else f"{e.before!r} → {e.after!r}"
        out.append(f"{e.kind:<26} {ln}:{col:<5} {change}{note}")
    out.append("")
    out.append("counts by kind:")
    for r in report.repairs:
        out.append(f"  {r.kind:<26} {r.count:>6}  {r.description}")
    if not report.repairs:
        out.append("  (nothing repaired)")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- many reports

SUMMARY_SORTS = ("body", "year", "format", "failed_checks")


def sort_rows(rows: list[dict], key: str | None) -> list[dict]:
    """Rows ordered by ``key``: figures and failed checks largest first (missing last), names and years rising."""
    if not key:
        return rows
    if key in ("body", "year", "format"):
        return sorted(rows, key=lambda r: (r.get(key) is None, r.get(key) or 0 if key == "year" else r.get(key) or ""))
    return sorted(rows, key=lambda r: (not isinstance(r.get(key), (int, float)), -(r.get(key) or 0)))


def summary_totals(rows: list[dict]) -> dict:
    from .dataset.rows import SUMMARY_KEYS

    totals: dict = {"reports": len(rows)}
    for k in SUMMARY_KEYS + ("failed_checks",):
        nums = [r[k] for r in rows if isinstance(r.get(k), (int, float))]
        totals[k] = sum(nums) if nums else None
    return totals


def print_many(rows: list[dict], console: Console, lang: str = "en") -> None:
    """One row per report and a totals row, in 100 columns (Chinese characters count double)."""
    from .dataset.rows import SUMMARY_KEYS

    w = LABELS[lang]
    t = Table(box=box.SIMPLE_HEAD, padding=(0, 1), show_footer=True, pad_edge=False)
    totals = summary_totals(rows)
    t.add_column(w["body"], overflow="ellipsis", no_wrap=True, max_width=22, footer=f"{len(rows)} {w['reports']}")
    t.add_column(w["year_short"], no_wrap=True, min_width=4)
    t.add_column(w["format"], no_wrap=True, min_width=13)
    short = {
        "proactive.total": w["proactive"],
        "requests.new.total": w["requests"],
        "review.total": w["reviews"],
        "litigation.total": w["lawsuits"],
    }
    for k in SUMMARY_KEYS:
        t.add_column(
            short[k], justify="right", no_wrap=True, min_width=max(cell_len(short[k]), 7), footer=_num(totals[k])
        )
    t.add_column(w["failed"], justify="right", no_wrap=True, min_width=6, footer=_num(totals["failed_checks"]))
    for r in rows:
        t.add_row(
            r["body"] or r["path"] or "",
            str(r["year"] or ""),
            r["format"],
            *(_num(r[k]) for k in SUMMARY_KEYS),
            Text(str(r["failed_checks"]), style="bold red" if r["failed_checks"] else ""),
        )
    console.print(t)
    for line in series_lines(rows):
        console.print(line)


_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | int | None]) -> str:
    """One character per value, its height by the value (a gap where there is none)."""
    nums = [v for v in values if isinstance(v, (int, float))]
    if not nums:
        return ""
    lo, hi = min(nums), max(nums)
    return "".join(
        " "
        if not isinstance(v, (int, float))
        else _SPARKS[0 if hi == lo else round((v - lo) / (hi - lo) * (len(_SPARKS) - 1))]
        for v in values
    )


def series_lines(rows: list[dict]) -> list[Text]:
    """For each body with reports of two or more years: its key figures as sparklines, first → last."""
    from ..core.bodies import canonical_name
    from .dataset.rows import SUMMARY_KEYS

    bodies: dict[str, dict[int, dict]] = {}
    for r in rows:
        if r["body"] and r["year"]:
            bodies.setdefault(canonical_name(r["body"]), {}).setdefault(r["year"], r)
    out = []
    short = {
        "proactive.total": "proactive",
        "requests.new.total": "requests",
        "review.total": "reviews",
        "litigation.total": "lawsuits",
    }
    for body, by_year in sorted(bodies.items()):
        if len(by_year) < 2:
            continue
        years = sorted(by_year)
        line = Text(f"{body} {years[0]}–{years[-1]}  ", style="bold")
        for k in SUMMARY_KEYS:
            values = [by_year[y][k] for y in years]
            nums = [v for v in values if isinstance(v, (int, float))]
            if nums:
                line.append(f"{short[k]} ")
                line.append(sparkline(values), style="magenta")
                line.append(f" {_num(nums[0])}→{_num(nums[-1])}  ")
        out.append(line)
    return out


# ---------------------------------------------------------------- comparisons


def _signed(v) -> str:
    if v is None:
        return ""
    return ("+" if v > 0 else "") + (f"{v:,}" if isinstance(v, int) else f"{v:,.2f}".rstrip("0").rstrip("."))


def print_compare(result: dict, console: Console, by_change: bool = False) -> None:
    """Keys down the side; years across for one body, bodies across for one year (a table per body otherwise);
    the change from the body's previous report beside each value; then continuity and the assessment."""
    rows = result["rows"]
    bodies = [b["body"] for b in result["bodies"]]
    years = sorted({r["year"] for r in rows})
    if len(bodies) > 1 and len(years) == 1:
        groups = [(f"{years[0]}", "body", bodies, lambda r: r["body"], rows)]
    else:
        groups = [
            (
                b,
                "year",
                sorted({r["year"] for r in rows if r["body"] == b}),
                lambda r: r["year"],
                [r for r in rows if r["body"] == b],
            )
            for b in bodies
        ]
    for title, _across, columns, col_of, group in groups:
        keys = list(dict.fromkeys(r["key"] for r in group))
        cells = {(r["key"], col_of(r)): r for r in group}
        if by_change:
            keys.sort(key=lambda k: -max(abs(cells[(k, c)]["change"] or 0) for c in columns if (k, c) in cells))
        t = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
        t.add_column("key", style="cyan", overflow="fold", max_width=36)
        for c in columns:
            t.add_column(str(c), justify="right", no_wrap=True)
        for k in keys:
            line = [k]
            for c in columns:
                r = cells.get((k, c))
                if r is None:
                    line.append("")
                    continue
                v = r["value"]
                shown = "—" if v is None else (f"{v:,}" if isinstance(v, int) else f"{v:,.4f}".rstrip("0").rstrip("."))
                line.append(shown + (f" ({_signed(r['change'])})" if r["change"] not in (None, 0) else ""))
            t.add_row(*line)
        console.print(t)
    breaks = [c for c in result["continuity"] if c["status"] != "pass"]
    if result["continuity"]:
        t = Table(title="Continuity", title_justify="left", box=box.SIMPLE_HEAD, padding=(0, 1))
        for col in ("", "body", "key", "years", "expected", "found"):
            t.add_column(col, no_wrap=col in ("", "years"))
        passed = len(result["continuity"]) - len(breaks)
        for c in breaks:
            label, style = _STATUS[c["status"]]
            t.add_row(
                Text(label, style=style),
                c["body"],
                c["key"],
                f"{c['from_year']}→{c['to_year']}",
                _num(c["expected"]),
                _num(c["found"]),
            )
        console.print(t)
        console.print(Text(f"{passed} of {len(result['continuity'])} continuity checks pass", style="dim"))
    for b in result["bodies"]:
        a = b["assessment"]
        console.print(
            Text(
                f"{b['body']}: on time {a['timeliness'].get('pass', 0)}/{len(b['years'])}, complete "
                f"{a['completeness'].get('pass', 0)}/{len(b['years'])}, failed checks {a['checks_failed']}",
                style="dim",
            )
        )


_CRITERION_HEADS = {
    "timeliness": "time",
    "completeness": "parts",
    "consistency": "checks",
    "continuity": "contin",
    "originality": "orig",
    "tables_updated": "tables",
}


def print_assessment(result: dict, console: Console) -> None:
    """The ranking, one row per report: its rank, score and the criteria's scores (in %), and its findings; then
    the weights the score is made of."""
    # every criterion's column where the terminal has room; the text repeated from last year where it has not
    criteria = list(result["weights"]) if console.width >= 100 else ["originality"]
    t = Table(box=box.SIMPLE_HEAD, padding=(0, 1), title="assessment", title_justify="left")
    t.add_column("rank", justify="right", no_wrap=True)
    t.add_column("body", overflow="fold", min_width=10)
    t.add_column("year", justify="right", no_wrap=True)
    t.add_column("score", justify="right", no_wrap=True)
    for k in criteria:
        t.add_column(_CRITERION_HEADS.get(k, k), justify="right", no_wrap=True)
    t.add_column("find", justify="right", no_wrap=True)
    for r in result["reports"]:
        t.add_row(
            str(r["rank"]),
            str(r["publisher"]),
            str(r["report_year"] or "—"),
            "—" if r["score"] is None else f"{r['score']:.1f}",
            *("—" if (v := r["criteria"].get(k)) is None else f"{100 * v:.0f}" for k in criteria),
            str(len(r["findings"])),
        )
    console.print(t)
    console.print(
        "score = 100 × the weighted mean of the criteria assessed (each in %): "
        + ", ".join(f"{_CRITERION_HEADS.get(k, k)} ({k}) {w}" for k, w in result["weights"].items())
        + f"; ranked within {', '.join(result['group_by'])}"
    )
