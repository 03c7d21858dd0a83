"""The evidence view: one self-contained HTML page to check a report at a glance.

The clean report text with every figure highlighted (canonical and ``other.*`` in different colours; hovering
shows key, value, unit and status), a table of the figures that scrolls to a figure when its row is clicked,
the checks, and the repair log; a toggle shows the raw input with the same highlights, placed by ``raw_span``;
for an HTML page, another shows the page as its site laid it out, sanitised, the figures marked in it
(:mod:`.original`).
No network, no external assets: styles and script are inline.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable

from ..core.model import Figure, Report
from .original import original_page

_CSS = """
:root { --canon: #ffe08a; --other: #cfe3ff; --derived: #e6e6e6; --uncertain: #ffb3b3; --ink: #222; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: var(--ink); background: #fafafa; }
header { padding: 12px 20px; background: #24364b; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 18px; }
header .meta { font-size: 13px; opacity: .85; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 0; height: calc(100vh - 76px); }
#text { overflow: auto; padding: 16px 24px; background: #fff; border-right: 1px solid #ddd; }
.doc { white-space: pre-wrap; word-break: break-all; }
.doc[hidden] { display: none; }
#side { overflow: auto; padding: 12px 16px; }
mark.fig { padding: 0 1px; border-radius: 3px; cursor: help; background: var(--other); }
mark.fig.canonical { background: var(--canon); }
mark.fig.status-derived { background: var(--derived); }
mark.fig.status-uncertain { outline: 2px dashed #c00; }
mark.fig.point::after { content: "◆"; color: #888; font-size: 10px; }
mark.fig.flash { animation: flash 1.2s ease-out 2; }
mark.passage { background: #ffd6d6; }
mark.passage:target { outline: 2px solid #c00; }
@keyframes flash { 50% { background: #ff7a00; color: #fff; } }
.toolbar { display: flex; gap: 8px; align-items: center; margin-bottom: 10px; flex-wrap: wrap; }
.toolbar button { font: inherit; padding: 3px 10px; border: 1px solid #aaa; border-radius: 4px; background: #fff; cursor: pointer; }
.legend span { padding: 0 6px; border-radius: 3px; margin-right: 6px; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 6px; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #f0f0f0; }
#figures tbody tr { cursor: pointer; }
#figures tbody tr:hover { background: #fff4d6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
#figures td:first-child { word-break: break-all; max-width: 16em; }
#figures td:nth-child(2) { min-width: 7em; }
.pass { color: #157f1f; } .fail { color: #c00; font-weight: bold; } .not_assessable { color: #a66b00; }
h2 { font-size: 15px; margin: 18px 0 6px; }
details summary { cursor: pointer; }
code { font-size: 12px; }
#pages[hidden], #original[hidden] { display: none; }
#original { font-size: 14px; }
#original table { width: auto; border-collapse: collapse; margin: 8px 0; }
#original td, #original th { border: 1px solid #bbb; position: static; background: none; }
.page { position: relative; margin: 0 auto 14px; box-shadow: 0 1px 4px rgba(0,0,0,.25); background: #fff; }
.page img { display: block; width: 100%; }
.page .no { position: absolute; right: 4px; top: 2px; font-size: 11px; color: #888; }
a.box { position: absolute; display: block; border: 1.5px solid #e07b00; background: rgba(255, 224, 138, .35); }
a.box.other { border-color: #3b7bd6; background: rgba(207, 227, 255, .35); }
a.box.flash, #figures tr.flash { animation: flash 1.2s ease-out 2; }
"""

_JS = """
(function () {
  var views = {clean: document.getElementById('clean'), raw: document.getElementById('raw'),
               pages: document.getElementById('pages'), original: document.getElementById('original')};
  var prefix = {clean: 'fig-', raw: 'raw-fig-', pages: 'box-', original: 'orig-fig-'};
  var current = 'clean';
  function view(name) {
    current = name;
    Object.keys(views).forEach(function (k) { if (views[k]) views[k].hidden = k !== name; });
    if (toggle) toggle.textContent = name === 'raw' ? '显示清理后文本 (clean text)' : '显示原始页面 (raw input)';
  }
  var toggle = document.getElementById('toggle-raw');
  if (toggle) toggle.addEventListener('click', function () { view(current === 'raw' ? 'clean' : 'raw'); });
  var pagesButton = document.getElementById('toggle-pages');
  if (pagesButton) pagesButton.addEventListener('click', function () { view(current === 'pages' ? 'clean' : 'pages'); });
  var originalButton = document.getElementById('toggle-original');
  if (originalButton) originalButton.addEventListener('click', function () {
    view(current === 'original' ? 'clean' : 'original');
  });
  function flash(el) { el.classList.remove('flash'); void el.offsetWidth; el.classList.add('flash'); }
  function show(i) {
    var el = document.getElementById(prefix[current] + i);
    if (!el) return;
    el.scrollIntoView({block: 'center'});
    flash(el);
  }
  document.querySelectorAll('#figures tbody tr').forEach(function (tr) {
    tr.addEventListener('click', function () { show(tr.dataset.fig); });
  });
  document.querySelectorAll('a.box').forEach(function (box) {
    box.addEventListener('click', function (ev) {
      ev.preventDefault();
      var tr = document.querySelector('#figures tbody tr[data-fig="' + box.dataset.fig + '"]');
      if (!tr) return;
      tr.scrollIntoView({block: 'center'});
      flash(tr);
    });
  });
  window.suqianShow = show;
})();
"""


def _esc(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _value(f: Figure) -> str:
    if f.value is None:
        return f.raw_text or "—"
    if isinstance(f.value, float):
        return f"{f.value:,.6f}".rstrip("0").rstrip(".")
    return f"{f.value:,}"


def _empty(span: tuple[int, int] | None) -> bool:
    return span is not None and span[0] == span[1]


def _mark_open(i: int, f: Figure, prefix: str, point: bool) -> str:
    cls = ["fig", "canonical" if f.canonical else "other", f"status-{f.status}"]
    if point:
        cls.append("point")
    tip = f"{f.key} = {_value(f)} {f.unit or ''} ({f.status})" + (f" — {f.note}" if f.note else "")
    return (
        f'<mark class="{" ".join(cls)}" id="{prefix}{i}" data-fig="{i}" data-key="{_esc(f.key)}" '
        f'data-value="{_esc(f.value)}" data-unit="{_esc(f.unit)}" data-status="{f.status}" title="{_esc(tip)}">'
    )


def marked(text: str, spans: Iterable[tuple[int, int, int, Figure | None]], prefix: str) -> str:
    """``text`` as HTML with one ``<mark>`` per figure, and one per passage a finding points to (figure None: a mark
    with the id ``at-START``).  Marks on the same text nest; one reaching past the end of one it starts inside is
    cut to fit in it; a figure with no text is an empty mark."""
    out: list[str] = []
    pos = 0
    stack: list[int] = []  # end offsets of the open marks, innermost last

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1] <= limit:
            end = stack.pop()
            out.append(_esc(text[pos:end]))
            out.append("</mark>")
            pos = end

    for start, end, i, f in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        start = max(start, pos)
        close_until(start)
        end = max(start, min(end, stack[-1]) if stack else end)
        out.append(_esc(text[pos:start]))
        pos = start
        out.append(
            _mark_open(i, f, prefix, point=end == start) if f is not None else f'<mark class="passage" id="at-{start}">'
        )
        if end == start:
            out.append("</mark>")
        else:
            stack.append(end)
    close_until(len(text))
    out.append(_esc(text[pos:]))
    return "".join(out)


def _figures_table(report: Report) -> str:
    rows = []
    for i, f in enumerate(report.figures):
        rows.append(
            f'<tr data-fig="{i}" class="{"canonical" if f.canonical else "other"}">'
            f"<td><code>{_esc(f.key)}</code></td><td>{_esc(f.label_zh)}</td>"
            f'<td class="num">{_esc(_value(f))}</td><td>{_esc(f.unit)}</td><td>{_esc(f.status)}</td></tr>'
        )
    return (
        '<table id="figures"><thead><tr><th>key</th><th>标签</th><th>value</th><th>unit</th><th>status</th>'
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _checks_table(report: Report) -> str:
    rows = []
    for c in report.checks:
        rows.append(
            f'<tr><td class="{c.status}">{_esc(c.status)}</td><td>{_esc(c.name)}'
            + (f"<br><small>{_esc(c.note)}</small>" if c.note else "")
            + f'</td><td class="num">{_esc(c.expected)}</td><td class="num">{_esc(c.actual)}</td></tr>'
        )
    return (
        '<table id="checks"><thead><tr><th></th><th>check</th><th>expected</th><th>found</th></tr></thead>'
        "<tbody>" + "".join(rows) + "</tbody></table>"
    )


def _repairs(report: Report) -> str:
    summary = "".join(
        f"<tr><td><code>{_esc(r.kind)}</code></td><td class='num'>{r.count:,}</td><td>{_esc(r.description)}</td></tr>"
        for r in report.repairs
    )
    events = "".join(
        f"<tr><td><code>{_esc(e.kind)}</code></td><td class='num'>{e.raw_span[0]}</td>"
        f"<td>{_esc(e.before)}</td><td>{_esc(e.after)}</td><td>{_esc(e.note)}</td></tr>"
        for e in report.repair_log
    )
    return (
        f'<table id="repairs"><thead><tr><th>kind</th><th>count</th><th>what</th></tr></thead>'
        f"<tbody>{summary or '<tr><td colspan=3>nothing repaired</td></tr>'}</tbody></table>"
        f"<details><summary>every repair ({len(report.repair_log):,})</summary>"
        f"<table><thead><tr><th>kind</th><th>raw offset</th><th>before</th><th>after</th><th>note</th></tr>"
        f"</thead><tbody>{events}</tbody></table></details>"
    )


def _pages(report: Report, pages: list[tuple[bytes, float, float]]) -> str:
    """A PDF's pages as images, a box over every figure's number, linked to its row of the figure table."""
    import base64

    boxes: dict[int, list[str]] = {}
    for i, f in enumerate(report.figures):
        if f.page is None or f.bbox is None or not 0 < f.page <= len(pages):
            continue
        _png, width, height = pages[f.page - 1]
        x0, top, x1, bottom = f.bbox
        style = (
            f"left:{x0 / width:.3%};top:{top / height:.3%};"
            f"width:{(x1 - x0) / width:.3%};height:{(bottom - top) / height:.3%}"
        )
        read = f", read by OCR with confidence {f.confidence:.2f}" if f.confidence is not None else ""
        tip = f"{f.key} = {_value(f)} {f.unit or ''} ({f.status}{read})"
        boxes.setdefault(f.page, []).append(
            f'<a class="box {"canonical" if f.canonical else "other"}" id="box-{i}" data-fig="{i}" href="#" '
            f'style="{style}" title="{_esc(tip)}"></a>'
        )
    out = []
    for n, (png, width, _height) in enumerate(pages, 1):
        src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        out.append(
            f'<div class="page" id="page-{n}" style="max-width:{width * 1.5:.0f}px">'
            f'<img alt="page {n}" src="{src}"><span class="no">{n}</span>{"".join(boxes.get(n, []))}</div>'
        )
    return "".join(out)


def pdf_pages(report: Report) -> list[tuple[bytes, float, float]] | None:
    """A PDF report's pages as images (or a scanned report's, read by OCR), read again from its file (when it
    still holds the same bytes)."""
    import hashlib

    path = report.source.path
    if report.source.input_kind not in ("pdf", "ocr") or not path or path == "<stdin>":
        return None
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != report.source.sha256:
        return None
    from ..read.images import pdf_of
    from ..read.pdf import render_pages

    pdf = pdf_of(data)
    return render_pages(pdf) if pdf else None


def render_report(
    report: Report, pages: list[tuple[bytes, float, float]] | None = None, passages: Iterable[tuple[int, int]] = ()
) -> str:
    """The evidence view of a report; ``pages`` (a PDF's pages as PNG images with their size in points, from
    :func:`suqian_report.read.pdf.render_pages`) adds a view of the pages with a box over every figure;
    ``passages`` (clean-text spans a finding points to) are marked, each reachable as ``#at-START``."""
    md = report.metadata
    figures = list(enumerate(report.figures))
    clean = marked(
        report.clean_text,
        [(f.span[0], f.span[1], i, f) for i, f in figures] + [(a, b, -1, None) for a, b in passages],
        "fig-",
    )
    raw = marked(report.raw_text, ((f.raw_span[0], f.raw_span[1], i, f) for i, f in figures if f.raw_span), "raw-fig-")
    title = md.title or report.source.path or "report"
    meta = " · ".join(
        _esc(x) for x in (md.publisher, md.report_year, md.format, report.source.path, report.source.encoding) if x
    )
    cov = report.coverage
    pages_button = '<button id="toggle-pages" type="button">显示 PDF 页面 (pages)</button>' if pages else ""
    pages_view = f'<div id="pages" hidden>{_pages(report, pages)}</div>' if pages else ""
    site = original_page(report, lambda i, f: _mark_open(i, f, "orig-fig-", point=_empty(f.raw_span)))
    if site is not None:
        pages_button += '<button id="toggle-original" type="button">显示网页原貌 (original page)</button>'
        pages_view += f'<div id="original" hidden>{site}</div>'

    data = json.dumps({"figures": len(report.figures), "canonical": cov.canonical}, ensure_ascii=False)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_esc(title)} — evidence</title><style>{_CSS}</style></head>
<body data-summary='{_esc(data)}'>
<header><h1>{_esc(title)}</h1><div class="meta">{meta}</div></header>
<main>
<section id="text">
<div class="toolbar"><button id="toggle-raw" type="button">显示原始页面 (raw input)</button>{pages_button}
<span class="legend"><span style="background:var(--canon)">canonical</span><span style="background:var(--other)">other.*</span>
<span style="background:var(--derived)">derived</span><span style="outline:2px dashed #c00">uncertain</span></span>
<small>{cov.figures} figures ({cov.canonical} canonical, {cov.other} other) · {cov.numbers_in_body} numbers in the body,
{cov.not_figures} not figures</small></div>
<div id="clean" class="doc">{clean}</div>
<div id="raw" class="doc" hidden>{raw}</div>{pages_view}
</section>
<aside id="side">
<h2>Figures</h2>{_figures_table(report)}
<h2>Checks</h2>{_checks_table(report)}
<h2>Repairs</h2>{_repairs(report)}
</aside>
</main>
<script>{_JS}</script>
</body></html>
"""


# The figures the series charts show, one small chart each (their scales differ by orders of magnitude).
SERIES_KEYS = (
    ("proactive.total", "主动公开 proactive"),
    ("requests.new.total", "新收申请 requests"),
    ("review.total", "行政复议 reviews"),
    ("litigation.total", "行政诉讼 lawsuits"),
)


def series_svg(points: list[tuple[int, float | int | None]], label: str, width: int = 260, height: int = 120) -> str:
    """One key over the years as an inline SVG line chart: a point and its value per year, gaps left open."""
    known = [(y, v) for y, v in points if isinstance(v, (int, float))]
    if not known:
        return ""
    years = [y for y, _ in points]
    lo, hi = min(years), max(years)
    top = max(v for _, v in known) or 1
    x = lambda y: 30 + (y - lo) / max(hi - lo, 1) * (width - 50)  # noqa: E731
    yy = lambda v: height - 22 - v / top * (height - 60)  # noqa: E731  (room above for the title and values)
    segments, current = [], []
    for y, v in points:
        if isinstance(v, (int, float)):
            current.append(f"{x(y):.1f},{yy(v):.1f}")
        elif current:
            segments.append(current)
            current = []
    if current:
        segments.append(current)
    lines = "".join(
        f'<polyline fill="none" stroke="#24364b" stroke-width="2" points="{" ".join(seg)}"/>' for seg in segments
    )
    dots = "".join(
        f'<circle class="point" cx="{x(y):.1f}" cy="{yy(v):.1f}" r="3.5" fill="#ff7a00" data-year="{y}" '
        f'data-value="{v}"><title>{y}: {v:,}</title></circle>'
        f'<text x="{x(y):.1f}" y="{yy(v) - 8:.1f}" font-size="10" text-anchor="middle">{v:,}</text>'
        for y, v in known
    )
    axis = "".join(
        f'<text x="{x(y):.1f}" y="{height - 6}" font-size="10" text-anchor="middle">{y}</text>'
        for y in sorted(set(years))
    )
    return (
        f'<svg class="series" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{_esc(label)}"><text x="4" y="14" font-size="12" font-weight="bold">'
        f"{_esc(label)}</text>{lines}{dots}{axis}</svg>"
    )


def _series_section(reports: list[Report]) -> str:
    """For each body with reports of two or more years: its key figures per year, one chart each."""
    from ..core.bodies import body_name, join

    named = [
        (body_name(r.metadata.publisher, r.metadata.title, r.source.path), r)
        for r in reports
        if r.metadata.report_year is not None
    ]
    bodies = join(name for name, _r in named)
    out = []
    for body in sorted(set(bodies.values())):
        by_year = {r.metadata.report_year: r for name, r in named if bodies[name] == body}
        if len(by_year) < 2:
            continue
        years = sorted(y for y in by_year if y is not None)
        charts = "".join(
            series_svg([(y, _number(by_year[y].value(k))) for y in years], label) for k, label in SERIES_KEYS
        )
        out.append(
            f'<section class="body-series" data-body="{_esc(body)}"><h2>{_esc(body)} '
            f'{years[0]}–{years[-1]}</h2><div class="charts">{charts}</div></section>'
        )
    return "".join(out)


def _number(value) -> float | int | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def render_index(entries: list[tuple[str, str, Report | None, str | None]]) -> str:
    """``entries``: (page name, link, report or None, error or None)."""
    rows = []
    for name, link, report, error in entries:
        if report is None:
            rows.append(f"<tr><td>{_esc(name)}</td><td colspan=5 class='fail'>{_esc(error)}</td></tr>")
            continue
        md = report.metadata
        failed = sum(c.status == "fail" for c in report.checks)
        rows.append(
            f"<tr><td><a href='{_esc(link)}'>{_esc(name)}</a></td><td>{_esc(md.title)}</td>"
            f"<td>{_esc(md.report_year)}</td><td>{_esc(md.format)}</td>"
            f"<td class='num'>{len(report.figures)}</td>"
            f"<td class='{'fail' if failed else 'pass'}'>{failed} failed</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>reports — evidence</title><style>{_CSS}
body {{ padding: 0 0 20px; }} table {{ margin: 16px 20px; width: auto; }}
section.body-series {{ margin: 12px 20px; }} .charts {{ display: flex; flex-wrap: wrap; gap: 12px; }}
svg.series {{ background: #fff; border: 1px solid #ddd; border-radius: 4px; }}</style></head>
<body><header><h1>{len(entries)} reports</h1></header>
{_series_section([r for _n, _l, r, _e in entries if r is not None])}
<table><thead><tr><th>page</th><th>title</th><th>year</th><th>format</th><th>figures</th><th>checks</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table></body></html>
"""
