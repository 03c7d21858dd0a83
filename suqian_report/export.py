"""Export: reports in, one format out, one report at a time; the CLI only picks the writer.

This module holds the writer interface, the formats of one report as text (JSON, JSON Lines, the long CSV) and
the atomic output files every writer uses; the dataset formats (SQLite, Parquet, the wide panel) are
:mod:`suqian_report.dataset`, sharing one definition of the rows (:mod:`suqian_report.dataset.rows`).

Each writer has a module-level ``formatter`` that runs in the worker processes (a report → plain data), and a
``write`` that stores that data as it arrives, so no writer holds the corpus.  A new output file is written
under a temporary name and appears whole at the end; after Ctrl-C what was finished is kept in a valid file (a
closed JSON array, whole JSON lines, a committed database); after any other failure a new file is removed and
an existing one is left as it was.  ``existing()`` gives the sha256 of the reports an output already holds, for
``--skip-existing``.
"""

from __future__ import annotations

import io
import json
import os
import sys
from typing import IO, Any

from .model import Report


class OutputError(Exception):
    """An output that cannot be written as asked (a missing extra, a format that needs a file)."""


def _tmp_beside(path: str) -> str:
    import tempfile  # (only for an output file: printing to stdout does not import it)

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".suqian-report-", suffix=".tmp", dir=directory)
    os.close(fd)
    return tmp


def _ends_with_newline(path: str) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def _publish(tmp: str, path: str) -> None:
    os.replace(tmp, path)
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(path, 0o644 & ~mask)
    except OSError:
        pass


class Writer:
    formatter: Any = staticmethod(lambda report: report)

    def existing(self) -> set[str]:
        return set()

    def write(self, payload: Any) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """The run is over: make the output whole."""

    def interrupted(self) -> None:
        """Ctrl-C: keep what is finished, valid."""
        self.finish()

    def abort(self) -> None:
        """The run failed: leave no partial new file."""


class TextWriter(Writer):
    """A text stream: stdout, a new file (temporary name, renamed at the end), or an existing file appended to.
    Also a context manager for the single-page commands: the file appears whole on success, never in part."""

    def __init__(self, path: str | None, *, bom: bool = False, append: bool = False):
        self.path = None if path in (None, "-") else path
        self.tmp: str | None = None
        self.append_from: int | None = None
        self.written = 0
        if self.path is None:
            self.stream: IO[str] = sys.stdout
        elif append and os.path.exists(self.path):
            self.append_from = os.path.getsize(self.path)
            self.stream = open(self.path, "a", encoding="utf-8", newline="")
            if self.append_from and not _ends_with_newline(self.path):
                self.stream.write("\n")  # a line cut off by a crash stays apart from what comes next
        else:
            self.tmp = _tmp_beside(self.path)
            self.stream = open(self.tmp, "w", encoding="utf-8", newline="")
        if bom and not self.append_from:
            self.stream.write("\ufeff")
        self.start()

    def start(self) -> None:
        """What the output begins with (a CSV header, a JSON bracket)."""

    def write(self, payload: str) -> None:
        self.stream.write(payload)
        self.written += 1

    def end(self) -> None:
        """What the output ends with."""

    def finish(self) -> None:
        self.end()
        if self.path is None:
            self.stream.flush()
            return
        self.stream.close()
        if self.tmp:
            _publish(self.tmp, self.path)

    def abort(self) -> None:
        if self.path is None:
            return
        try:
            self.stream.close()  # (flushing may fail again, as the write did: the file goes all the same)
        except OSError:
            pass
        if self.tmp:
            os.unlink(self.tmp)
        elif self.append_from is not None:
            os.truncate(self.path, self.append_from)

    def __enter__(self) -> TextWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.abort()


def _json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def _jsonl(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, separators=(",", ":"))


class JsonWriter(TextWriter):
    """One JSON object for one input, an array for several."""

    formatter = staticmethod(_json)

    def __init__(self, path: str | None, *, many: bool, **kw: Any):
        self.many = many
        super().__init__(path, **kw)

    def start(self) -> None:
        if self.many:
            self.stream.write("[")

    def write(self, payload: str) -> None:
        self.stream.write(("," if self.written else "") + ("\n" if self.many else "") + payload)
        self.written += 1

    def end(self) -> None:
        self.stream.write("\n]\n" if self.many else ("\n" if self.written else ""))


class JsonlWriter(TextWriter):
    """One report per line."""

    formatter = staticmethod(_jsonl)

    def existing(self) -> set[str]:
        return _jsonl_shas(self.path) if self.path else set()

    def write(self, payload: str) -> None:
        self.stream.write(payload + "\n")
        self.written += 1


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


def _csv_line(values) -> str:
    import csv  # (only for CSV)

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        ["" if v is None else ("true" if v is True else "false" if v is False else v) for v in values]
    )
    return buf.getvalue()


def _long_rows(report: Report) -> str:
    from .dataset import rows as R

    return "".join(_csv_line([row.get(c) for c in R.LONG_COLUMNS]) for row in R.long_rows(report))


class CsvWriter(TextWriter):
    formatter = staticmethod(_long_rows)

    def start(self) -> None:
        if not self.append_from:
            from .dataset import rows as R

            self.stream.write(_csv_line(R.LONG_COLUMNS))

    def write(self, payload: str) -> None:
        self.stream.write(payload)
        self.written += 1


def writer_for(
    fmt: str, path: str | None, *, wide: bool = False, many: bool = False, bom: bool = False, resume: bool = False
) -> Writer:
    """The writer for a format (json, jsonl, csv, sqlite, parquet); ``wide``: the panel instead of the long form."""
    if fmt in ("sqlite", "parquet") and path in (None, "-"):
        raise OutputError(f"--format {fmt} needs an output file: -o FILE")
    if fmt == "sqlite":
        if wide:
            raise OutputError("--wide is for csv and parquet; a database has the panel as its view `panel`")
        from .dataset.sqlite import SqliteWriter

        return SqliteWriter(path)  # type: ignore[arg-type]
    if fmt == "parquet":
        from .dataset.parquet import ParquetWriter

        return ParquetWriter(path, wide=wide)  # type: ignore[arg-type]
    if wide and fmt != "csv":
        raise OutputError("--wide is for csv and parquet")
    if fmt == "json":
        return JsonWriter(path, many=many)
    if fmt == "jsonl":
        return JsonlWriter(path, append=resume)
    if wide:
        from .dataset.panel import WideCsvWriter

        return WideCsvWriter(path, bom=bom, append=resume)
    return CsvWriter(path, bom=bom, append=resume)
