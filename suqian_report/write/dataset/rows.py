"""One definition of the rows a report becomes, for every writer: the long CSV, SQLite, Parquet and the panel.

A report is one *report row* (identity, metadata, quality flags, counts), one row per figure, per check, per
repair kind and per boilerplate block, all keyed by the report's sha256; the *wide row* is the report row's
identity with one column per canonical key (:func:`~suqian_report.rules.catalog.canonical_keys`).  Rows are
plain dicts of str, int, float, bool or None, so they cross process boundaries and go into any store.
"""

from __future__ import annotations

import json
from typing import Any

from ...core.model import Report
from ...rules.catalog import canonical_keys

Row = dict[str, Any]

REPORT_COLUMNS = (
    "sha256",
    "source_path",
    "size",
    "encoding",
    "input_kind",
    "schema_version",
    "title",
    "publisher",
    "level",
    "region",
    "report_year",
    "index_no",
    "category",
    "publish_date",
    "doc_no",
    "keywords",
    "period_start",
    "period_end",
    "contact_phone",
    "postcode",
    "email",
    "address",
    "format",
    "script",
    "damage",
    "tampered",
    "spam",
    "truncated",
    "is_report",
    "warnings",
    "figures",
    "canonical",
    "other",
    "checks",
    "checks_failed",
    "checks_not_assessable",
    "timeliness",
    "deadline",
    "completeness",
    "missing",
)
FIGURE_COLUMNS = (
    "sha256",
    "key",
    "label_zh",
    "value",
    "raw_text",
    "unit",
    "approx",
    "qualifier",
    "derived",
    "status",
    "scope",
    "section",
    "table",
    "row_label",
    "column_label",
    "value_kind",
    "span_start",
    "span_end",
    "raw_start",
    "raw_end",
    "byte_start",
    "byte_end",
    "page",
    "bbox_x0",
    "bbox_top",
    "bbox_x1",
    "bbox_bottom",
    "sentence",
    "note",
)
CHECK_COLUMNS = ("sha256", "name", "status", "description", "expected", "actual", "keys", "note")
REPAIR_COLUMNS = ("sha256", "kind", "count", "description")
BOILERPLATE_COLUMNS = ("sha256", "kind", "reason", "text", "raw_start", "raw_end")
# The panel's identity columns, then one column per canonical key.
WIDE_IDENTITY = ("publisher", "level", "region", "report_year", "format", "source_path", "sha256")


def wide_columns() -> tuple[str, ...]:
    return WIDE_IDENTITY + canonical_keys()


def report_row(r: Report) -> Row:
    md, src, q = r.metadata, r.source, r.quality
    failed = sum(c.status == "fail" for c in r.checks)
    unknown = sum(c.status == "not_assessable" for c in r.checks)
    return {
        "sha256": src.sha256,
        "source_path": src.path,
        "size": src.size,
        "encoding": src.encoding,
        "input_kind": src.input_kind,
        "schema_version": r.schema_version,
        "title": md.title,
        "publisher": md.publisher,
        "level": md.level,
        "region": md.region,
        "report_year": md.report_year,
        "index_no": md.index_no,
        "category": md.category,
        "publish_date": md.publish_date,
        "doc_no": md.doc_no,
        "keywords": md.keywords,
        "period_start": md.period_start,
        "period_end": md.period_end,
        "contact_phone": md.contact_phone,
        "postcode": md.postcode,
        "email": md.email,
        "address": md.address,
        "format": md.format,
        "script": q.script,
        "damage": ",".join(q.damage),
        "tampered": q.tampered,
        "spam": "、".join(q.spam),
        "truncated": q.truncated,
        "is_report": _is_report(q.is_report),
        "warnings": "\n".join(q.warnings),
        "figures": r.coverage.figures,
        "canonical": r.coverage.canonical,
        "other": r.coverage.other,
        "checks": len(r.checks),
        "checks_failed": failed,
        "checks_not_assessable": unknown,
        "timeliness": r.assessment.timeliness,
        "deadline": r.assessment.deadline,
        "completeness": r.assessment.completeness,
        "missing": "；".join(r.assessment.missing),  # (the parts' names hold 、)
    }


def _is_report(value: bool | str) -> str:
    return value if isinstance(value, str) else ("true" if value else "false")


def figure_rows(r: Report) -> list[Row]:
    sha = r.source.sha256
    out = []
    for f in r.figures:
        cell = f.cell
        raw = f.raw_span or (None, None)
        byte = f.byte_span or (None, None)
        box = f.bbox or (None, None, None, None)
        out.append(
            {
                "sha256": sha,
                "key": f.key,
                "label_zh": f.label_zh,
                "value": f.value,
                "raw_text": f.raw_text,
                "unit": f.unit,
                "approx": f.approx,
                "qualifier": f.qualifier,
                "derived": f.derived,
                "status": f.status,
                "scope": f.scope,
                "section": f.section,
                "table": cell.table if cell else None,
                "row_label": cell.row_label if cell else None,
                "column_label": cell.column_label if cell else None,
                "value_kind": cell.value_kind if cell else None,
                "span_start": f.span[0],
                "span_end": f.span[1],
                "raw_start": raw[0],
                "raw_end": raw[1],
                "byte_start": byte[0],
                "byte_end": byte[1],
                "page": f.page,
                "bbox_x0": box[0],
                "bbox_top": box[1],
                "bbox_x1": box[2],
                "bbox_bottom": box[3],
                "sentence": f.sentence,
                "note": f.note,
            }
        )
    return out


def check_rows(r: Report) -> list[Row]:
    sha = r.source.sha256
    return [
        {
            "sha256": sha,
            "name": c.name,
            "status": c.status,
            "description": c.description,
            "expected": c.expected,
            "actual": c.actual,
            "keys": json.dumps([i.key for i in c.inputs], ensure_ascii=False),
            "note": c.note,
        }
        for c in r.checks
    ]


def repair_rows(r: Report) -> list[Row]:
    return [
        {"sha256": r.source.sha256, "kind": x.kind, "count": x.count, "description": x.description} for x in r.repairs
    ]


def boilerplate_rows(r: Report) -> list[Row]:
    return [
        {
            "sha256": r.source.sha256,
            "kind": b.kind,
            "reason": b.reason,
            "text": b.text,
            "raw_start": b.raw_span[0] if b.raw_span else None,
            "raw_end": b.raw_span[1] if b.raw_span else None,
        }
        for b in r.boilerplate_removed
    ]


# The long form (CSV, Parquet, DataFrame): one row per figure, the report's identity repeated on each.
LONG_COLUMNS = ("source_path", "sha256", "title", "publisher", "report_year", "format") + FIGURE_COLUMNS[1:]


def long_rows(r: Report) -> list[Row]:
    head = {
        "source_path": r.source.path,
        "title": r.metadata.title,
        "publisher": r.metadata.publisher,
        "report_year": r.metadata.report_year,
        "format": r.metadata.format,
    }
    return [{**head, **row} for row in figure_rows(r)]


def wide_row(r: Report) -> Row:
    """The report's identity and one value per canonical key; a key the report does not state is None, never 0."""
    row: Row = {
        "publisher": r.metadata.publisher,
        "level": r.metadata.level,
        "region": r.metadata.region,
        "report_year": r.metadata.report_year,
        "format": r.metadata.format,
        "source_path": r.source.path,
        "sha256": r.source.sha256,
    }
    values = {f.key: f.value for f in r.figures if f.canonical}
    for key in canonical_keys():
        row[key] = values.get(key)
    return row


TEXT_COLUMNS = ("sha256", "text")


def all_rows(r: Report) -> dict[str, Any]:
    """Everything a database holds for one report, by table (its clean text in a table of its own)."""
    return {
        "report": report_row(r),
        "figures": figure_rows(r),
        "checks": check_rows(r),
        "repairs": repair_rows(r),
        "boilerplate": boilerplate_rows(r),
        "texts": [{"sha256": r.source.sha256, "text": r.text}],
    }


# The figures a summary of many reports shows, one column each.
SUMMARY_KEYS = ("proactive.total", "requests.new.total", "review.total", "litigation.total")


def summary_row(r: Report) -> Row:
    values = {f.key: f.value for f in r.figures if f.canonical}
    return {
        "path": r.source.path,
        "body": r.metadata.publisher,
        "year": r.metadata.report_year,
        "format": r.metadata.format,
        **{k: values.get(k) for k in SUMMARY_KEYS},
        "failed_checks": sum(c.status == "fail" for c in r.checks),
    }
