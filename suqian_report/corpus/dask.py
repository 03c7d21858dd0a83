"""Beyond one machine: the same extraction mapped by Dask (the optional extra ``suqian-report[dask]``).

``extract`` is a pure function of a page's bytes and a report turns into plain rows, so an existing engine can
map it: :func:`extract_bag` is a Dask bag of one record per page (its long rows and its panel row, or why it
gave no report), and :func:`to_parquet` writes a Parquet dataset, one file per partition, with the schema the
command line's ``--format parquet`` uses.  Run it on the local scheduler or on a cluster:

    from suqian_report.dask import to_parquet
    to_parquet(["crawl/"], "figures.parquet/", scheduler="processes", num_workers=8)   # or a distributed Client

Unlike a command-line run, a bag does not drop repeated bytes (each page is mapped alone): deduplicate on the
``sha256`` column afterwards if the crawl holds copies.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any


def _page(path: str) -> dict[str, Any]:
    from ..write.dataset import rows as R
    from .batch import run_one

    outcome = run_one(path, None, keep_non_reports=True)
    if not outcome.ok:
        return {"path": path, "kind": outcome.kind, "message": outcome.message}
    report = outcome.payload
    return {"path": path, "sha256": report.source.sha256, "long": R.long_rows(report), "wide": R.wide_row(report)}


def extract_bag(paths: Iterable[str | os.PathLike], npartitions: int | None = None):
    """A Dask bag with one record per page: ``{"path", "sha256", "long": [rows], "wide": row}``, or
    ``{"path", "kind", "message"}`` for a page that gave no report.  ``paths`` as the command line takes them."""
    import dask.bag as db

    from ..read.inputs import expand

    files = expand([str(p) for p in paths])
    return db.from_sequence(files, npartitions=npartitions or max(1, min(len(files), 64))).map(_page)


def _write(records: list[dict[str, Any]], directory: str, index: int, wide: bool) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ..write.dataset.parquet import _schema, table

    schema = _schema(wide)
    rows = [r["wide"] for r in records if "wide" in r] if wide else [row for r in records for row in r.get("long", [])]
    path = os.path.join(directory, f"part-{index:05d}.parquet")
    pq.write_table(table(rows, schema, wide) if rows else pa.table({c: [] for c in schema.names}, schema=schema), path)
    return path


def to_parquet(
    paths: Iterable[str | os.PathLike],
    directory: str | os.PathLike,
    *,
    wide: bool = False,
    npartitions: int | None = None,
    **compute: Any,
) -> list[str]:
    """Write the pages' rows as a Parquet dataset in ``directory`` (one file per partition); ``compute`` goes to
    ``dask.compute`` (``scheduler="processes", num_workers=2``, or a cluster's client).  Returns the files."""
    import dask

    os.makedirs(directory, exist_ok=True)
    parts = extract_bag(paths, npartitions).to_delayed()
    tasks = [dask.delayed(_write)(part, str(directory), i, wide) for i, part in enumerate(parts)]
    return list(dask.compute(*tasks, **compute))
