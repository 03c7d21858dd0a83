"""The office's report of an assessment (:mod:`suqian_report.corpus.region`), as HTML and as a Word document.

The HTML is one self-contained page (no script, font or image loaded from anywhere): the weights, a ranking table,
a heat map of the bodies against the criteria, and one section per report listing its findings, each linking to
the evidence view of the report at the passage or cell it points to (pages written beside the report by the
command).  The Word document holds the same: headings, the ranking and criteria tables, the findings.
"""

from __future__ import annotations

import html
from typing import Any


def _esc(s: Any) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.0%}"


def _heat(v: float | None) -> str:
    """A cell's colour: red (0) through yellow to green (1); grey when not assessed."""
    if v is None:
        return "#eee"
    r, g = (255, int(80 + 175 * v / 0.5)) if v < 0.5 else (int(255 - 175 * (v - 0.5) / 0.5), 230)
    return f"rgb({r},{g},120)"


def _evidence_link(link: str | None, finding: dict[str, Any], tables: dict[str, str]) -> str:
    """Links from a finding to the evidence view: one per passage or figure it points to."""
    if not link:
        return ""
    ev = finding["evidence"]
    targets = [f"at-{span[0]}" for span in ev.get("spans", [])[:5]]
    if ev.get("table") and tables.get(ev["table"]):
        targets.append(tables[ev["table"]])
    return " ".join(f'<a href="{_esc(link)}#{_esc(t)}">evidence</a>' for t in targets) or (
        f'<a href="{_esc(link)}">evidence</a>'
    )


def render_html(result: dict[str, Any], evidence: dict[str, tuple[str, dict[str, str]]] | None = None) -> str:
    """``evidence``: a report's source → (the link to its evidence view, table name → the anchor of a cell)."""
    evidence = evidence or {}
    criteria = list(result["weights"])
    names = result.get("criteria", {})
    weights = "".join(
        f"<tr><td>{_esc(k)}</td><td>{_esc(names.get(k, ''))}</td><td class=num>{w}</td></tr>"
        for k, w in result["weights"].items()
    )
    rows, heat, sections = [], [], []
    for i, r in enumerate(result["reports"]):
        anchor = f"r{i}"
        group = " · ".join(str(r.get(k) or "—") for k in result["group_by"])
        reuse = r.get("reuse") or {}
        rows.append(
            f"<tr><td class=num>{_esc(r['rank'])}</td><td><a href='#{anchor}'>{_esc(r['publisher'])}</a></td>"
            f"<td>{_esc(r['report_year'])}</td><td>{_esc(group)}</td><td class=num><b>{_esc(r['score'])}</b></td>"
            f"<td class=num>{_pct(reuse.get('text'))}</td><td>{_esc('、'.join(r['tables_unchanged']))}</td>"
            f"<td class=num>{len(r['findings'])}</td></tr>"
        )
        heat.append(
            f"<tr><td>{_esc(r['publisher'])} {_esc(r['report_year'])}</td>"
            + "".join(
                f'<td style="background:{_heat(r["criteria"].get(k))}" title="{_esc(k)}">'
                f"{_pct(r['criteria'].get(k))}</td>"
                for k in criteria
            )
            + "</tr>"
        )
        link, tables = evidence.get(r["source"] or "", (None, {}))
        findings = "".join(
            f"<li><span class='kind'>{_esc(f['kind'])}</span> {_esc(f['message'])} "
            f"{_evidence_link(link, f, tables)}</li>"
            for f in r["findings"]
        )
        passages = "".join(
            f"<li><q>{_esc(p['text'][:160])}</q> "
            + (f'<a href="{_esc(link)}#at-{p["span"][0]}">evidence</a>' if link else "")
            + "</li>"
            for p in reuse.get("passages", [])
        )
        sections.append(
            f"<section id='{anchor}'><h2>{_esc(r['publisher'])} {_esc(r['report_year'])} — "
            f"score {_esc(r['score'])}, rank {_esc(r['rank'])}</h2>"
            f"<p class=meta>{_esc(r['title'])} · {_esc(r['source'])}"
            + (f" · <a href='{_esc(link)}'>evidence view</a>" if link else "")
            + (f" · not assessed: {_esc(', '.join(r['not_assessed']))}" if r["not_assessed"] else "")
            + "</p>"
            + (f"<ul class=findings>{findings}</ul>" if findings else "<p>No findings.</p>")
            + (
                f"<h3>Passages repeated from {_esc(reuse.get('previous_year'))}</h3><ul>{passages}</ul>"
                if passages
                else ""
            )
            + "</section>"
        )
    head = "".join(f"<th>{_esc(k)}</th>" for k in criteria)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>assessment — {len(result["reports"])} reports</title>
<style>
body {{ margin: 0 auto; max-width: 1200px; padding: 16px 24px; font: 14px/1.6 "Noto Sans CJK SC", "WenQuanYi Zen Hei",
       "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; }}
table {{ border-collapse: collapse; margin: 8px 0 20px; }} th, td {{ border: 1px solid #ccc; padding: 3px 8px; }}
th {{ background: #24364b; color: #fff; }} td.num {{ text-align: right; }}
.heat td {{ text-align: center; min-width: 70px; }} .kind {{ font-family: monospace; background: #eee; padding: 0 4px; }}
section {{ border-top: 1px solid #ddd; margin-top: 12px; }} .meta {{ color: #666; font-size: 12px; }}
</style></head><body>
<h1>政府信息公开年度报告评估 — assessment of {len(result["reports"])} reports</h1>
<h2>Ranking (within {_esc(", ".join(result["group_by"]))})</h2>
<table id=ranking><thead><tr><th>rank</th><th>body</th><th>year</th><th>group</th><th>score</th><th>text reused</th>
<th>tables unchanged</th><th>findings</th></tr></thead><tbody>{"".join(rows)}</tbody></table>
<h2>Criteria</h2>
<table class=heat id=heatmap><thead><tr><th>report</th>{head}</tr></thead><tbody>{"".join(heat)}</tbody></table>
<h2>Weights</h2>
<p>The score is 100 × the weighted mean of the criteria that could be assessed for a report (each from 0 to 1).</p>
<table id=weights><thead><tr><th>criterion</th><th>what</th><th>weight</th></tr></thead><tbody>{weights}</tbody></table>
{"".join(sections)}
</body></html>
"""


def write_docx(result: dict[str, Any], path: str) -> None:
    """The same as a Word document: headings, the ranking and criteria tables, each report's findings."""
    from docx import Document

    doc = Document()
    doc.add_heading(f"政府信息公开年度报告评估 — assessment of {len(result['reports'])} reports", 0)
    doc.add_heading("Ranking", 1)
    criteria = list(result["weights"])
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("rank", "body", "year", "score", "text reused", "findings")):
        cell.text = text
    for r in result["reports"]:
        reuse = r.get("reuse") or {}
        cells = table.add_row().cells
        values = (r["rank"], r["publisher"], r["report_year"], r["score"], _pct(reuse.get("text")), len(r["findings"]))
        for cell, value in zip(cells, values):
            cell.text = "" if value is None else str(value)
    doc.add_heading("Criteria", 1)
    grid = doc.add_table(rows=1, cols=len(criteria) + 1)
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, ["report", *criteria]):
        cell.text = text
    for r in result["reports"]:
        cells = grid.add_row().cells
        cells[0].text = f"{r['publisher']} {r['report_year']}"
        for cell, k in zip(cells[1:], criteria):
            cell.text = _pct(r["criteria"].get(k))
    doc.add_heading("Weights", 1)
    doc.add_paragraph(
        "The score is 100 × the weighted mean of the criteria that could be assessed for a report (each from 0 to 1): "
        + "; ".join(f"{k} {w}" for k, w in result["weights"].items())
        + "."
    )
    for r in result["reports"]:
        doc.add_heading(f"{r['publisher']} {r['report_year']} — score {r['score']}, rank {r['rank']}", 2)
        doc.add_paragraph(f"{r['title'] or ''} · {r['source'] or ''}")
        if not r["findings"]:
            doc.add_paragraph("No findings.")
        for f in r["findings"]:
            doc.add_paragraph(f"[{f['kind']}] {f['message']}", style="List Bullet")
        for p in (r.get("reuse") or {}).get("passages", []):
            doc.add_paragraph(
                f"“{p['text'][:160]}” (repeated from {r['reuse']['previous_year']})", style="List Bullet 2"
            )
    doc.save(path)
