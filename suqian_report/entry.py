"""The installed command's old path: the console script of an install made before it moved to
:mod:`suqian_report.cli.entry` imports ``suqian_report.entry:main``."""

from .cli.entry import main, run

__all__ = ["main", "run"]
