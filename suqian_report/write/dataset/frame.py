"""Reports as pandas DataFrames: the long form (one row per figure, as the long CSV) or the panel (one row per
report, one column per canonical key).  pandas is imported only here."""

from __future__ import annotations

from collections.abc import Iterable

from ...core.model import Report
from . import rows as R


def to_frame(reports: Iterable[Report], wide: bool = False):
    """All the reports as one DataFrame: ``wide=False`` one row per figure, ``wide=True`` the panel."""
    import pandas as pd

    if wide:
        frame = pd.DataFrame([R.wide_row(r) for r in reports], columns=list(R.wide_columns()))
        for key in R.canonical_keys():
            frame[key] = pd.to_numeric(frame[key], errors="coerce")
        frame["report_year"] = frame["report_year"].astype("Int64")
        return frame
    rows = [row for r in reports for row in R.long_rows(r)]
    frame = pd.DataFrame(rows, columns=list(R.LONG_COLUMNS))
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    for col in ("report_year", "span_start", "span_end", "raw_start", "raw_end", "byte_start", "byte_end"):
        frame[col] = frame[col].astype("Int64")
    return frame
