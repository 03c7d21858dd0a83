"""Export: JSON, JSON Lines, CSV and pandas frames, and output files that appear whole or not at all.

CSV has one row per figure, with the report's identifying metadata repeated
on every row so that a folder of reports concatenates into one table.
pandas is imported only by :func:`figures_frame`.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from typing import IO, Iterable

from .model import Report

CSV_COLUMNS = (
    "source_path", "source_sha256", "title", "publisher", "report_year", "format",
    "key", "label_zh", "value", "raw_text", "unit", "approx", "qualifier", "derived", "status", "scope", "section",
    "table", "row_label", "column_label", "span_start", "span_end", "raw_start", "raw_end", "sentence", "note",
)


def report_json(report: Report, indent: int | None = 2) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=indent)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def figure_rows(report: Report) -> list[list[str]]:
    md, src = report.metadata, report.source
    head = [src.path, src.sha256, md.title, md.publisher, md.report_year, md.format]
    rows = []
    for f in report.figures:
        cell = f.cell
        raw = f.raw_span or (None, None)
        rows.append([_cell(v) for v in (
            *head, f.key, f.label_zh, f.value, f.raw_text, f.unit, f.approx, f.qualifier, f.derived, f.status,
            f.scope, f.section, cell.table if cell else None, cell.row_label if cell else None,
            cell.column_label if cell else None, f.span[0], f.span[1], raw[0], raw[1], f.sentence, f.note,
        )])
    return rows


def csv_text(rows: Iterable[list[str]], header: bool = False) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if header:
        w.writerow(CSV_COLUMNS)
    w.writerows(rows)
    return buf.getvalue()


def figures_frame(reports: Iterable[Report]):
    """All figures of the reports as one pandas DataFrame (one row per figure, as in the CSV)."""
    import pandas as pd

    rows = [r for rep in reports for r in figure_rows(rep)]
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    for col in ("value", "span_start", "span_end", "raw_start", "raw_end", "report_year"):
        frame[col] = pd.to_numeric(frame[col].replace("", None), errors="coerce")
    for col in ("approx", "derived"):
        frame[col] = frame[col] == "true"
    return frame


class Output:
    """Where data goes: stdout, or a file written atomically (a temporary file renamed at the end).

    If the run fails or is interrupted, the temporary file is removed and no partial output is left.
    """

    def __init__(self, path: str | None, bom: bool = False):
        self.path = path
        self.bom = bom
        self._tmp: str | None = None
        self.stream: IO[str]

    def __enter__(self) -> "Output":
        if self.path in (None, "-"):
            self.stream = sys.stdout
        else:
            directory = os.path.dirname(os.path.abspath(self.path))
            fd, self._tmp = tempfile.mkstemp(prefix=".suqian-report-", suffix=".tmp", dir=directory)
            self.stream = os.fdopen(fd, "w", encoding="utf-8", newline="")
        if self.bom:
            self.stream.write("\ufeff")
        return self

    def write(self, s: str) -> None:
        self.stream.write(s)

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._tmp is None:
            self.stream.flush()
            return
        self.stream.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
            try:
                os.chmod(self.path, 0o644 & ~_umask())
            except OSError:
                pass
        else:
            os.unlink(self._tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
