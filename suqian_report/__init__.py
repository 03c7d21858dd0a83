"""suqian-report: repair, clean and extract typed figures from Chinese government
information disclosure annual reports (政府信息公开年度报告).

>>> from suqian_report import extract_file
>>> report = extract_file("samples/suqian-office-2013-mirror.txt")
>>> report.value("proactive.total")
114057

Names are imported on first use, so that ``suqian-report --help`` does not pay for the pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .core import __version__

_LAZY = {
    "extract": "stages",
    "extract_file": "stages",
    "extract_many": "corpus.batch",
    "to_frame": "write.dataset.frame",
    "Report": "core.model",
    "Figure": "core.model",
    "Metadata": "core.model",
    "Check": "core.model",
    "SCHEMA_VERSION": "core.model",
    "InputError": "core.errors",
}

__all__ = [*_LAZY, "__version__"]

if TYPE_CHECKING:  # what the lazy names are, for type checkers and editors
    from .core.errors import InputError  # noqa: F401
    from .core.model import SCHEMA_VERSION, Check, Figure, Metadata, Report  # noqa: F401
    from .corpus.batch import extract_many  # noqa: F401
    from .stages import extract, extract_file  # noqa: F401
    from .write.dataset.frame import to_frame  # noqa: F401


def __getattr__(name: str):
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
