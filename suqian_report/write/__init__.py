"""Write: reports in, one format out, one report at a time (:mod:`.files` the interface and its output files,
:mod:`.formats` JSON, JSON Lines and CSV, :mod:`.dataset` SQLite, Parquet and the wide panel), and the views of
reports for people (:mod:`.render` the terminal, :mod:`.evidence` the HTML evidence view).  The command line only
picks the writer: :func:`writer_for`.
"""

from __future__ import annotations

from .files import OutputError, Writer


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
    from .formats import CsvWriter, JsonlWriter, JsonWriter

    if fmt == "json":
        return JsonWriter(path, many=many)
    if fmt == "jsonl":
        return JsonlWriter(path, append=resume)
    if wide:
        from .dataset.panel import WideCsvWriter

        return WideCsvWriter(path, bom=bom, append=resume)
    return CsvWriter(path, bom=bom, append=resume)


__all__ = ["OutputError", "Writer", "writer_for"]
