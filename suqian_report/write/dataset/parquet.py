"""The dataset as Parquet (pyarrow, the optional extra ``suqian-report[parquet]``): the long form, one row per
figure, or the panel (``wide``), one row per report.  Columns are typed (integers, floats, strings, booleans)
with one fixed schema, so the files of several runs concatenate.  Rows are written in row groups as reports
arrive; the file appears whole at the end.
"""

from __future__ import annotations

from typing import Any

from ...core.model import Report
from ..files import OutputError, Writer, publish, tmp_beside
from . import rows as R

GROUP = 2000  # rows per row group

_INT = {"report_year", "span_start", "span_end", "raw_start", "raw_end", "byte_start", "byte_end", "size", "page"}
_BOOL = {"approx", "derived"}
_FLOAT = {"value", "bbox_x0", "bbox_top", "bbox_x1", "bbox_bottom"}
LONG_COLUMNS = R.LONG_COLUMNS


def _wide(report: Report) -> list[dict[str, Any]]:
    return [R.wide_row(report)]


def _schema(wide: bool):
    import pyarrow as pa

    def typ(c: str):
        if wide and c not in R.WIDE_IDENTITY:
            return pa.float64()
        if c in _INT:
            return pa.int64()
        if c in _BOOL:
            return pa.bool_()
        if c in _FLOAT:
            return pa.float64()
        return pa.string()

    cols = R.wide_columns() if wide else LONG_COLUMNS
    return pa.schema([(c, typ(c)) for c in cols])


def table(rows: list[dict[str, Any]], schema, wide: bool):
    """Rows as an Arrow table of ``schema`` (figure values and panel cells as floats)."""
    import pyarrow as pa

    cols = {c: [row.get(c) for row in rows] for c in schema.names}
    for c in schema.names[len(R.WIDE_IDENTITY) :] if wide else ("value",):
        cols[c] = [None if v is None else float(v) for v in cols[c]]
    return pa.table(cols, schema=schema)


class ParquetWriter(Writer):
    def __init__(self, path: str, *, wide: bool = False):
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise OutputError("Parquet output needs pyarrow: pip install 'suqian-report[parquet]'") from None
        self.path, self.wide = path, wide
        self.formatter = _wide if wide else R.long_rows  # (they run in the workers)
        self.schema = _schema(wide)
        self.tmp = tmp_beside(path)
        self.out = pq.ParquetWriter(self.tmp, self.schema)
        self.buffer: list[dict[str, Any]] = []

    def write(self, payload: list[dict[str, Any]]) -> None:
        self.buffer += payload
        if len(self.buffer) >= GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.out.write_table(table(self.buffer, self.schema, self.wide))
            self.buffer = []

    def finish(self) -> None:
        self._flush()
        self.out.close()
        publish(self.tmp, self.path)

    def abort(self) -> None:
        import os

        try:
            self.out.close()
        except Exception:  # (closing writes the footer, which may fail as the rows did: the file goes all the same)
            pass
        os.unlink(self.tmp)
