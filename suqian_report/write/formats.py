"""The formats of one report as text: JSON (one object, or an array of several), JSON Lines, the long CSV.

The dataset formats (SQLite, Parquet, the wide panel) are :mod:`.dataset`, sharing one definition of the rows
(:mod:`.dataset.rows`); the writer interface and its output files are :mod:`.files`.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..core.model import Report
from .files import TextWriter, csv_line
from .jsontext import encoded


def _json(report: Report) -> bytes | str:
    return encoded(report.parts(), indent=True, records=True)


def _jsonl(report: Report) -> bytes | str:
    """The report's line, its newline included."""
    out = encoded(report.parts(), records=True)
    return out + b"\n" if isinstance(out, bytes) else out + "\n"


class JsonWriter(TextWriter):
    """One JSON object for one input, an array for several."""

    formatter = staticmethod(_json)

    def __init__(self, path: str | None, *, many: bool, **kw: Any):
        self.many = many
        super().__init__(path, **kw)

    def start(self) -> None:
        if self.many:
            self.put("[")

    def write(self, payload: bytes | str) -> None:
        if self.written or self.many:
            self.put(("," if self.written else "") + ("\n" if self.many else ""))
        self.put(payload)
        self.written += 1

    def end(self) -> None:
        self.put("\n]\n" if self.many else ("\n" if self.written else ""))


class JsonlWriter(TextWriter):
    """One report per line."""

    formatter = staticmethod(_jsonl)

    def existing(self) -> set[str]:
        return _jsonl_shas(self.path) if self.path else set()


def _jsonl_shas(path: str) -> set[str]:
    out: set[str] = set()
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            try:
                out.add(json.loads(line)["source"]["sha256"])
            except (ValueError, KeyError, TypeError):
                continue  # a line cut off by a crash, or not a report
    return out


def _long_rows(report: Report) -> str:
    from .dataset import rows as R

    return "".join(csv_line([row.get(c) for c in R.LONG_COLUMNS]) for row in R.long_rows(report))


class CsvWriter(TextWriter):
    formatter = staticmethod(_long_rows)

    def start(self) -> None:
        if not self.append_from:
            from .dataset import rows as R

            self.put(csv_line(R.LONG_COLUMNS))
