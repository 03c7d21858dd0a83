"""An old import path: one page's stages are :mod:`suqian_report.stages`, many pages :mod:`suqian_report.corpus`
(``from suqian_report import extract, extract_file, extract_many`` is the way to import them)."""

from __future__ import annotations

from .core.errors import InputError
from .stages import extract, extract_file, run


def __getattr__(name: str):
    if name == "extract_many":  # (loaded when asked for: the corpus layer is not needed for one page)
        from .corpus.batch import extract_many

        return extract_many
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["extract", "extract_file", "run", "InputError"]  # (and extract_many, on first use)
