"""``suqian_report.dask`` (extra ``[dask]``): the corpus layer's :mod:`suqian_report.corpus.dask`, under the path
the README gives."""

from .corpus.dask import extract_bag, to_parquet

__all__ = ["extract_bag", "to_parquet"]
