"""The wide panel as CSV: one row per report, one column per canonical key (the Parquet panel is
:mod:`.parquet` with ``wide``)."""

from __future__ import annotations

from ...core.model import Report
from ..files import TextWriter, csv_line
from . import rows as R


def _wide_line(report: Report) -> str:
    row = R.wide_row(report)
    return csv_line([row.get(c) for c in R.wide_columns()])


class WideCsvWriter(TextWriter):
    """The panel: one row per report, one column per canonical key."""

    formatter = staticmethod(_wide_line)

    def start(self) -> None:
        if not self.append_from:
            self.put(csv_line(R.wide_columns()))
