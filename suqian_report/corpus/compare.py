"""Compare reports: one body across years, bodies side by side, continuity from one year to the next.

Works on reports (from pages, extracted on the fly; from JSON or JSON Lines written by ``extract``; from the
SQLite database), never on raw text.  Reports are keyed by (body, report_year): the body is the publisher's
name in its canonical form (:mod:`suqian_report.rules.bodies`), the names as written kept as aliases.  Keys line
up across formats, so a 2013 prose ``requests.new.total`` and a 2023 table 三 total are one row.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..core.bodies import body_name, canonical_name, join
from ..rules.tables import TABLE3_COLUMNS
from .reuse import reuse, table_changes, tables_of


@dataclass
class Entry:
    """What a comparison needs of one report."""

    name: str  # the body as written
    year: int | None
    level: str | None
    region: str | None
    source: str | None
    sha256: str
    values: dict[str, tuple[Any, str | None, str | None, str]]  # key → (value, unit, label_zh, status)
    assessment: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    # What an assessment of the report needs besides (:mod:`.region`): its text, its tables' cells, the checks that
    # failed with the spans of the figures they used, its title, date and format.
    text: str = ""
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)  # table (二, 三, 四) → key → value
    failed: list[dict[str, Any]] = field(default_factory=list)  # name, description, spans
    title: str | None = None
    publish_date: str | None = None
    format: str = "unknown"


def bodies_of(entries: list[Entry], aliases: dict[str, str] | None = None) -> None:
    """Set each entry's ``body`` (:func:`..core.bodies.join`)."""
    names = join((e.name for e in entries), aliases)
    for e in entries:
        e.body = names[e.name]


# ---------------------------------------------------------------- loading


def _entry_of_dict(d: dict) -> Entry | None:
    md, src = d.get("metadata", {}), d.get("source", {})
    name = body_name(md.get("publisher"), md.get("title"), src.get("path"))
    values = {
        f["key"]: (f["value"], f.get("unit"), f.get("label_zh"), f.get("status", "exact"))
        for f in d.get("figures", [])
        if not f["key"].startswith("other.")
    }
    failed = [
        {
            "name": c["name"],
            "description": c.get("description"),
            "spans": [i["span"] for i in c.get("inputs", []) if i.get("span")],
        }
        for c in d.get("checks", [])
        if c.get("status") == "fail"
    ]
    return Entry(
        name,
        md.get("report_year"),
        md.get("level"),
        md.get("region"),
        src.get("path"),
        src.get("sha256", ""),
        values,
        d.get("assessment", {}),
        text=d.get("text", ""),
        tables=tables_of((f["cell"]["table"], f["key"], f["value"]) for f in d.get("figures", []) if f.get("cell")),
        failed=failed,
        title=md.get("title"),
        publish_date=md.get("publish_date"),
        format=md.get("format") or "unknown",
    )


def entry_of_report(report) -> Entry | None:
    """Module level (it runs in worker processes): a report as a comparison entry."""
    return _entry_of_dict(report.to_dict())


def _from_sqlite(path: str) -> list[Entry]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[int, Entry] = {}
    for row in con.execute(
        "SELECT id, publisher, title, report_year, level, region, source_path, sha256, timeliness, completeness, "
        "missing, checks_failed, deadline, publish_date, format, checks, checks_not_assessable FROM reports ORDER BY id"
    ):
        rid, publisher, title, year, level, region, source, sha, timely, complete, missing, failed = row[:12]
        deadline, published, fmt, checks, unknown = row[12:]
        assessment = {
            "timeliness": timely,
            "completeness": complete,
            "checks_failed": failed,
            "checks_passed": (checks or 0) - (failed or 0) - (unknown or 0),
            "missing": missing.split("；") if missing else [],
            "deadline": deadline,
        }
        name = body_name(publisher, title, source)
        out[rid] = Entry(
            name, year, level, region, source, sha, {}, assessment, title=title, publish_date=published, format=fmt
        )
    spans: dict[tuple[int, str], list[int]] = {}
    cells = []
    for rid, key, value, unit, label, status, table, start, end in con.execute(
        'SELECT report_id, key, value, unit, label_zh, status, "table", span_start, span_end FROM figures'
    ):
        if rid not in out:
            continue
        if isinstance(value, float) and value.is_integer() and unit != "万元":
            value = int(value)
        if not key.startswith("other."):
            out[rid].values[key] = (value, unit, label, status)
        if start is not None:
            spans[(rid, key)] = [start, end]
        cells.append((rid, table, key, value))
    for rid, table, key, value in cells:
        if table and table in "二三四":
            out[rid].tables.setdefault(table, {})[key] = value
    for rid, name, description, keys in con.execute(
        "SELECT report_id, name, description, keys FROM checks WHERE status = 'fail'"
    ):
        if rid in out:
            found = [spans[(rid, k)] for k in json.loads(keys or "[]") if (rid, k) in spans]
            out[rid].failed.append({"name": name, "description": description, "spans": found})
    if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'texts'").fetchone():
        for rid, text in con.execute("SELECT report_id, text FROM texts"):
            if rid in out:
                out[rid].text = text or ""
    con.close()
    return list(out.values())


def _from_json(path: str) -> list[Entry]:
    text = open(path, encoding="utf-8").read()
    stripped = text.lstrip()
    docs = (
        json.loads(stripped)
        if stripped.startswith("[")
        else (
            [json.loads(stripped)]
            if not path.endswith(".jsonl") and stripped.startswith("{") and "\n{" not in stripped
            else [json.loads(line) for line in text.splitlines() if line.strip()]
        )
    )
    return [e for d in (docs if isinstance(docs, list) else [docs]) if (e := _entry_of_dict(d)) is not None]


def kind_of(path: str) -> str:
    """``sqlite``, ``json`` (written by extract) or ``page``, by content."""
    try:
        with open(path, "rb") as f:
            head = f.read(4096)
    except OSError:
        return "page"
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if head.lstrip()[:1] in (b"{", b"[") and b'"schema_version"' in head:
        return "json"
    return "page"


def load(
    paths: list[str],
    *,
    jobs: int = 1,
    encoding: str | None = None,
    errors: list | None = None,
    max_bytes: int | None = None,
) -> list[Entry]:
    """Entries from every input, pages extracted on the fly; the same report (sha256) is taken once."""
    from ..read.inputs import expand
    from .batch import run_many

    entries: list[Entry] = []
    pages = []
    for p in expand([str(x) for x in paths]):
        k = kind_of(p)
        if k == "sqlite":
            entries += _from_sqlite(p)
        elif k == "json":
            entries += _from_json(p)
        else:
            pages.append(p)
    for outcome in run_many(
        pages, entry_of_report, encoding=encoding, jobs=jobs, keep_non_reports=False, max_bytes=max_bytes
    ):
        if outcome.ok and outcome.payload is not None:
            entries.append(outcome.payload)
        elif not outcome.ok and errors is not None and outcome.kind not in ("duplicate", "not_a_report"):
            errors.append(outcome)  # (repeats and pages that are no reports are left out, as extract skips them)
    seen: set[str] = set()
    unique = []
    for e in entries:
        if e.sha256 and e.sha256 in seen:
            continue
        seen.add(e.sha256)
        unique.append(e)
    return unique


# ---------------------------------------------------------------- the comparison


def _continuity_pairs() -> list[tuple[str, list[str], list[str], list[str]]]:
    """(name, key of year Y+1, keys of year Y added, keys of year Y+1 added and subtracted) rules: table 三's
    carried-over requests, and table 二's documents in force (2021 layout)."""
    rules: list[tuple[str, list[str], list[str], list[str]]] = []
    for col in TABLE3_COLUMNS:
        rules.append((f"requests.carried_in.{col}", [f"requests.carried_out.{col}"], [], []))
    for stem in ("proactive.rules", "proactive.normative_docs"):
        rules.append((f"{stem}.in_force", [f"{stem}.in_force"], [f"{stem}.issued"], [f"{stem}.repealed"]))
    return rules


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def compare(
    entries: list[Entry], *, body: str | None = None, year: int | None = None, key: str | None = None
) -> dict[str, Any]:
    """The comparison as one object: ``bodies``, ``rows`` (key, body, year, value, change…), ``continuity``,
    ``reuse`` (each report against the year before: the share of its text repeated, the passages, the tables'
    cells unchanged), and ``undated``: the sources of reports with no report year (no place in a series)."""
    if body:
        wanted = canonical_name(body)
        entries = [e for e in entries if e.body == wanted or canonical_name(e.name) == wanted]
    by_body: dict[str, dict[int, Entry]] = {}
    undated = [e.source for e in entries if e.year is None]  # no report year: no place in a series, listed
    for e in entries:
        if e.year is None:
            continue
        by_body.setdefault(e.body, {}).setdefault(e.year, e)  # two reports of one body and year: the first
    keys = sorted(
        {k for e in entries for k in e.values if not key or k == key or k.startswith(key.rstrip(".") + ".")},
        key=_key_order,
    )
    bodies, rows, continuity, reused = [], [], [], []
    for b in sorted(by_body):
        series = by_body[b]
        years = sorted(series)
        members = [series[y] for y in years]
        bodies.append(
            {
                "body": b,
                "aliases": sorted({e.name for e in members}),
                "level": members[-1].level,
                "region": members[-1].region,
                "years": years,
                "sources": [e.source for e in members],
                "assessment": _assessment_summary(members),
            }
        )
        for k in keys:
            prev: Any = None
            for y in years:
                e = series[y]
                if k not in e.values:
                    continue
                value, unit, label, status = e.values[k]
                change = value - prev if _num(value) and _num(prev) else None
                pct = round(change / prev * 100, 2) if change is not None and prev else None
                if year is None or y == year:
                    rows.append(
                        {
                            "key": k,
                            "label_zh": label,
                            "body": b,
                            "year": y,
                            "value": value,
                            "unit": unit,
                            "change": _tidy(change),
                            "change_pct": pct,
                            "source": e.source,
                            "status": status,
                        }
                    )
                prev = value if _num(value) else None
        for a, b_year in zip(years, years[1:]):
            if year is not None and year not in (a, b_year):
                continue
            if b_year - a == 1:
                reused.append(reuse_between(series[b_year], series[a]) | {"body": b})
            for target, same, plus, minus in _continuity_pairs():
                if key and not (target.startswith(key.rstrip(".")) or any(k.startswith(key.rstrip(".")) for k in same)):
                    continue
                ea, eb = series[a], series[b_year]
                inputs = [ea.values.get(k) for k in same] + [eb.values.get(k) for k in plus + minus]
                found = eb.values.get(target)
                if found is None and all(x is None for x in inputs):
                    continue  # neither report has this table
                item = {
                    "key": target,
                    "body": b,
                    "from_year": a,
                    "to_year": b_year,
                    "expected": None,
                    "found": found[0] if found else None,
                    "sources": [ea.source, eb.source],
                }
                if b_year - a != 1:
                    item["status"] = "not_assessable"
                    item["note"] = f"no report for {', '.join(str(y) for y in range(a + 1, b_year))}"
                elif found is None or any(x is None or not _num(x[0]) for x in inputs) or not _num(found[0]):
                    item["status"] = "not_assessable"
                    item["note"] = "a cell is missing or holds no number"
                else:
                    vals = [x[0] for x in inputs]  # type: ignore[index]
                    expected = sum(vals[: len(same) + len(plus)]) - sum(vals[len(same) + len(plus) :])
                    item["expected"] = _tidy(expected)
                    item["status"] = "pass" if abs(expected - found[0]) < 1e-6 else "fail"
                continuity.append(item)
    return {"bodies": bodies, "rows": rows, "continuity": continuity, "reuse": reused, "undated": undated}


def reuse_between(later: Entry, earlier: Entry) -> dict[str, Any]:
    """One body's report against the year before (:mod:`.reuse`): the text repeated, and the tables' cells."""
    text = reuse(later.text, earlier.text).to_dict() if later.text and earlier.text else None
    tables = table_changes(later.tables, earlier.tables)
    return {
        "year": later.year,
        "previous_year": earlier.year,
        "text": text["text"] if text else None,
        "sections": text["sections"] if text else {},
        "passages": text["passages"] if text else [],
        "tables": tables["tables"],
        "tables_unchanged": tables["unchanged"],
        "sources": [earlier.source, later.source],
    }


def _tidy(v: Any) -> Any:
    if isinstance(v, float):
        v = round(v, 6)
        return int(v) if v.is_integer() else v
    return v


def _assessment_summary(members: list[Entry]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for part in ("timeliness", "completeness"):
        counts: dict[str, int] = {}
        for e in members:
            s = e.assessment.get(part)
            if s:
                counts[s] = counts.get(s, 0) + 1
        out[part] = counts
    out["checks_failed"] = sum(e.assessment.get("checks_failed", 0) for e in members)
    out["missing"] = {str(e.year): e.assessment.get("missing") for e in members if e.assessment.get("missing")}
    return out


def _key_order(k: str) -> tuple[int, str]:
    order = _catalog_order()
    return order.get(k, len(order)), k


@lru_cache(maxsize=1)
def _catalog_order() -> dict[str, int]:
    from ..rules.catalog import canonical_keys

    return {key: i for i, key in enumerate(canonical_keys())}


def read_aliases(path: str) -> dict[str, str]:
    """An alias file: one ``name<TAB>body`` per line, # comments."""
    out = {}
    for line in open(path, encoding="utf-8-sig").read().splitlines():
        if line.strip() and not line.lstrip().startswith("#") and "\t" in line:
            name, body = line.split("\t", 1)
            out[name.strip()] = body.strip()
    return out


def entries_for(paths: Iterable[str], aliases: dict[str, str] | None = None, **kw: Any) -> list[Entry]:
    entries = load(list(paths), **kw)
    bodies_of(entries, aliases)
    return entries
