"""Assess a region's reports: one row per report with what an office checks (published on time, complete,
consistent, continuing last year's figures, not copied from last year), its findings each pointing to its text,
a score whose weights are :mod:`suqian_report.rules.assessment`, and its rank in its group.

Reports come as comparison entries (:mod:`.compare`: from pages, JSON Lines or the database), joined into bodies;
each is assessed against its own body's report of the year before, when there is one.
"""

from __future__ import annotations

from typing import Any

from ..extractors.publisher import parse
from ..rules.assessment import CRITERIA, PASSAGES, REUSE_FINDING, WEIGHTS
from ..rules.completeness import PROSE_TOPICS, TEMPLATE_SECTIONS, TEMPLATE_TABLES
from .compare import Entry, compare, reuse_between

# What a report is ranked among: by default the reports of the same region, level and year.
GROUPS = {
    "region": ("region", "year"),
    "level": ("level", "year"),
    "year": ("year",),
    None: ("region", "level", "year"),
}


def assess(entries: list[Entry], by: str | None = None) -> dict[str, Any]:
    """``{"weights", "criteria", "group_by", "reports": [...]}``, the reports ranked within their group."""
    series: dict[str, dict[int, Entry]] = {}
    for e in entries:
        if e.year is not None:
            series.setdefault(e.body, {}).setdefault(e.year, e)
    continuity = _continuity(entries)
    reports = []
    for e in entries:
        previous = series.get(e.body, {}).get(e.year - 1) if e.year is not None else None
        reports.append(_row(e, previous, continuity.get((e.body, e.year), []) if e.year is not None else []))
    _rank(reports, GROUPS[by])
    reports.sort(key=lambda r: (tuple(str(r.get(k) or "") for k in GROUPS[by]), r["rank"], r["publisher"] or ""))
    return {
        "weights": dict(WEIGHTS),
        "criteria": dict(CRITERIA),
        "group_by": list(GROUPS[by]),
        "reports": reports,
    }


def _continuity(entries: list[Entry]) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """The continuity rules each report was checked by against its body's report of the year before."""
    out: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for item in compare(entries)["continuity"]:
        if item["status"] != "not_assessable":
            out.setdefault((item["body"], item["to_year"]), []).append(item)
    return out


def _row(e: Entry, previous: Entry | None, continuity: list[dict[str, Any]]) -> dict[str, Any]:
    a = e.assessment
    findings: list[dict[str, Any]] = []
    scores: dict[str, float] = {}
    # timeliness
    if a.get("timeliness") in ("pass", "fail"):
        scores["timeliness"] = 1.0 if a["timeliness"] == "pass" else 0.0
        if a["timeliness"] == "fail":
            findings.append(
                _finding(
                    "late",
                    f"published {e.publish_date}, after the deadline {a.get('deadline')}",
                    {"publish_date": e.publish_date, "deadline": a.get("deadline"), "rule": a.get("deadline_rule")},
                )
            )
    # completeness
    required = a.get("required") or _required(e.format)
    missing = a.get("missing") or []
    if required:
        scores["completeness"] = 1 - len(missing) / len(required)
        for part in missing:
            findings.append(_finding("missing_part", f"the report has no {part}", {"part": part}))
    # consistency
    assessable = (a.get("checks_passed") or 0) + (a.get("checks_failed") or 0)
    if assessable:
        scores["consistency"] = (a.get("checks_passed") or 0) / assessable
    for c in e.failed:
        findings.append(
            _finding(
                "check_failed",
                c["name"] + (f": {c['description']}" if c.get("description") else ""),
                {"spans": c["spans"]},
            )
        )
    # continuity
    if continuity:
        scores["continuity"] = sum(c["status"] == "pass" for c in continuity) / len(continuity)
        for c in continuity:
            if c["status"] == "fail":
                findings.append(
                    _finding(
                        "continuity_break",
                        f"{c['key']}: {c['found']} in {c['to_year']}, where {c['from_year']}'s report gives "
                        f"{c['expected']}",
                        {"key": c["key"], "expected": c["expected"], "found": c["found"], "sources": c["sources"]},
                    )
                )
    # text reused, tables unchanged
    reuse: dict[str, Any] | None = None
    unchanged: list[str] = []
    if previous is not None:
        pair = reuse_between(e, previous)
        unchanged = pair["tables_unchanged"]
        reuse = {
            "previous_year": previous.year,
            "text": pair["text"],
            "sections": pair["sections"],
            "passages": sorted(pair["passages"], key=lambda p: p["span"][0] - p["span"][1])[:PASSAGES],
            "previous_source": previous.source,
        }
        if pair["text"] is not None:
            scores["originality"] = 1 - pair["text"]
            if pair["text"] >= REUSE_FINDING:
                findings.append(
                    _finding(
                        "text_reused",
                        f"{pair['text']:.0%} of the text repeats the {previous.year} report",
                        {"spans": [p["span"] for p in reuse["passages"]], "previous_source": previous.source},
                    )
                )
        if pair["tables"]:
            scores["tables_updated"] = 1 - len(unchanged) / len(pair["tables"])
        for t in unchanged:
            findings.append(
                _finding("table_unchanged", f"{t} is identical to the {previous.year} report's", {"table": t})
            )
    weight = sum(WEIGHTS[k] for k in scores)
    score = round(100 * sum(WEIGHTS[k] * v for k, v in scores.items()) / weight, 1) if weight else None
    return {
        "publisher": e.body or e.name,
        "name": e.name,
        "title": e.title,
        "region": region_of(e.region, e.level),
        "level": e.level,
        "report_year": e.year,
        "year": e.year,
        "source": e.source,
        "score": score,
        "rank": None,
        "criteria": {k: round(v, 4) for k, v in scores.items()},
        "not_assessed": [k for k in WEIGHTS if k not in scores],
        "timeliness": a.get("timeliness"),
        "completeness": a.get("completeness"),
        "missing": missing,
        "checks_failed": len(e.failed) if e.failed else a.get("checks_failed") or 0,
        "continuity_breaks": sum(c["status"] == "fail" for c in continuity),
        "reuse": reuse,
        "tables_unchanged": unchanged,
        "findings": findings,
    }


def region_of(place: str | None, level: str | None) -> str | None:
    """The region a body is assessed in: a department's is its place (泗阳县交通运输局: 泗阳县); a government's, the
    place above its own (泗阳县某镇人民政府: 泗阳县), so that a county's townships are ranked together."""
    if not place or level in (None, "department"):
        return place
    body = parse(place)
    return "".join(body.units[:-1]) or place if body is not None and len(body.units) > 1 else place


def _finding(kind: str, message: str, evidence: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "message": message, "evidence": evidence}


def _required(fmt: str) -> list[str]:
    if fmt.startswith("template"):
        return [name for name, _ in TEMPLATE_SECTIONS] + [f"表{t}" for t in TEMPLATE_TABLES]
    if fmt in ("prose_2008", "stats_2014"):
        return [name for name, _ in PROSE_TOPICS]
    return []


def _rank(reports: list[dict[str, Any]], group: tuple[str, ...]) -> None:
    """Rank 1 for the highest score in each group; equal scores share a rank (1, 2, 2, 4); reports nothing could
    be assessed for share the last rank."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for r in reports:
        groups.setdefault(tuple(r.get(k) for k in group), []).append(r)
    for members in groups.values():
        scored = sorted((r for r in members if r["score"] is not None), key=lambda r: -r["score"])
        for i, r in enumerate(scored):
            r["rank"] = scored[i - 1]["rank"] if i and r["score"] == scored[i - 1]["score"] else i + 1
        for r in members:
            if r["score"] is None:
                r["rank"] = len(scored) + 1
