"""The dataset as one SQLite database: reports, figures, checks, repairs, boilerplate, texts (each report's clean
text, which the figures' spans point into), and the view ``panel``.

The standard library's ``sqlite3``: always there, and the schema, the transactions and the view are ours to
control (sqlite-utils would add a dependency for little here).  Reports are committed in batches; a report
whose sha256 the database already holds is not added again, so a crawl can be written into one database run
after run.  A new database is built under a temporary name and appears whole at the end (or, after Ctrl-C,
with every report finished so far).
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

from ..files import Writer, publish, tmp_beside
from . import rows as R

BATCH = 200  # reports per transaction

_TYPES = {
    "size": "INTEGER",
    "report_year": "INTEGER",
    "tampered": "INTEGER",
    "truncated": "INTEGER",
    "figures": "INTEGER",
    "canonical": "INTEGER",
    "other": "INTEGER",
    "checks": "INTEGER",
    "checks_failed": "INTEGER",
    "checks_not_assessable": "INTEGER",
    "value": "REAL",
    "approx": "INTEGER",
    "derived": "INTEGER",
    "span_start": "INTEGER",
    "span_end": "INTEGER",
    "raw_start": "INTEGER",
    "raw_end": "INTEGER",
    "byte_start": "INTEGER",
    "byte_end": "INTEGER",
    "page": "INTEGER",
    "bbox_x0": "REAL",
    "bbox_top": "REAL",
    "bbox_x1": "REAL",
    "bbox_bottom": "REAL",
    "expected": "REAL",
    "actual": "REAL",
    "count": "INTEGER",
}


def _table(name: str, columns: tuple[str, ...], extra: str = "") -> str:
    cols = ", ".join(f'"{c}" {_TYPES.get(c, "TEXT")}' for c in columns if c != "sha256")
    return f"CREATE TABLE IF NOT EXISTS {name} (report_id INTEGER NOT NULL REFERENCES reports(id), {cols}{extra})"


def schema() -> list[str]:
    report_cols = ", ".join(f'"{c}" {_TYPES.get(c, "TEXT")}' for c in R.REPORT_COLUMNS if c != "sha256")
    panel_cols = ", ".join(f"MAX(CASE WHEN f.key = '{k}' THEN f.value END) AS \"{k}\"" for k in R.canonical_keys())
    identity = ", ".join(f'r."{c}"' for c in R.WIDE_IDENTITY)
    return [
        f"CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, {report_cols})",
        _table("figures", R.FIGURE_COLUMNS),
        _table("checks", R.CHECK_COLUMNS),
        _table("repairs", R.REPAIR_COLUMNS),
        _table("boilerplate", R.BOILERPLATE_COLUMNS),
        _table("texts", R.TEXT_COLUMNS),
        "CREATE INDEX IF NOT EXISTS figures_key ON figures(key)",
        "CREATE INDEX IF NOT EXISTS figures_report ON figures(report_id)",
        "CREATE INDEX IF NOT EXISTS reports_publisher_year ON reports(publisher, report_year)",
        "DROP VIEW IF EXISTS panel",
        f"CREATE VIEW panel AS SELECT r.id AS report_id, {identity}, {panel_cols} "
        "FROM reports r LEFT JOIN figures f ON f.report_id = r.id GROUP BY r.id",
    ]


def _add_new_columns(db: sqlite3.Connection) -> None:
    """A database written by an earlier version gets the columns added since (empty for its reports)."""
    for table, columns in (
        ("reports", R.REPORT_COLUMNS),
        ("figures", R.FIGURE_COLUMNS),
        ("checks", R.CHECK_COLUMNS),
        ("repairs", R.REPAIR_COLUMNS),
        ("boilerplate", R.BOILERPLATE_COLUMNS),
    ):
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for c in columns:
            if c != "sha256" and c not in have:
                db.execute(f'ALTER TABLE {table} ADD COLUMN "{c}" {_TYPES.get(c, "TEXT")}')


def _sql(v: Any) -> Any:
    return int(v) if isinstance(v, bool) else v


class SqliteWriter(Writer):
    formatter = staticmethod(R.all_rows)  # (it runs in the workers)

    def __init__(self, path: str):
        self.path = path
        self.new = not os.path.exists(path)
        self.target = tmp_beside(path) if self.new else path
        if self.new:
            os.unlink(self.target)  # sqlite makes the file itself
        self.db = sqlite3.connect(self.target)
        self.db.execute("PRAGMA journal_mode=WAL" if not self.new else "PRAGMA journal_mode=DELETE")
        for stmt in schema():
            self.db.execute(stmt)
        _add_new_columns(self.db)
        self.db.commit()
        self.pending = 0

    def existing(self) -> set[str]:
        return {sha for (sha,) in self.db.execute("SELECT sha256 FROM reports")}

    def write(self, payload: dict[str, Any]) -> None:
        rep = payload["report"]
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO reports (sha256, {', '.join(chr(34) + c + chr(34) for c in R.REPORT_COLUMNS if c != 'sha256')}) "
            f"VALUES ({', '.join('?' for _ in R.REPORT_COLUMNS)})",
            [rep["sha256"]] + [_sql(rep[c]) for c in R.REPORT_COLUMNS if c != "sha256"],
        )
        if cur.rowcount == 0:
            return  # the database already holds these bytes
        rid = cur.lastrowid
        for table, columns in (
            ("figures", R.FIGURE_COLUMNS),
            ("checks", R.CHECK_COLUMNS),
            ("repairs", R.REPAIR_COLUMNS),
            ("boilerplate", R.BOILERPLATE_COLUMNS),
            ("texts", R.TEXT_COLUMNS),
        ):
            cols = [c for c in columns if c != "sha256"]
            self.db.executemany(
                f"INSERT INTO {table} (report_id, {', '.join(chr(34) + c + chr(34) for c in cols)}) "
                f"VALUES (?, {', '.join('?' for _ in cols)})",
                [[rid] + [_sql(row[c]) for c in cols] for row in payload[table]],
            )
        self.pending += 1
        if self.pending >= BATCH:
            self.db.commit()
            self.pending = 0

    def finish(self) -> None:
        self.db.commit()
        self.db.close()
        if self.new:
            publish(self.target, self.path)

    def abort(self) -> None:
        try:
            self.db.rollback()
            self.db.close()
        except sqlite3.Error:
            pass
        if self.new:
            for suffix in ("", "-journal", "-wal", "-shm"):
                if os.path.exists(self.target + suffix):
                    os.unlink(self.target + suffix)
