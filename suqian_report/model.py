"""The data model's old import path: it is :mod:`suqian_report.core.model` (``from suqian_report import Report`` is
the way to import it)."""

from .core.model import (
    SCHEMA_VERSION,
    Assessment,
    Boilerplate,
    Check,
    CheckInput,
    CheckStatus,
    Coverage,
    Figure,
    Metadata,
    NonFigure,
    Quality,
    RepairEvent,
    RepairSummary,
    Report,
    Source,
    Status,
    TableCell,
)

__all__ = [
    "SCHEMA_VERSION",
    "Assessment",
    "Boilerplate",
    "Check",
    "CheckInput",
    "CheckStatus",
    "Coverage",
    "Figure",
    "Metadata",
    "NonFigure",
    "Quality",
    "RepairEvent",
    "RepairSummary",
    "Report",
    "Source",
    "Status",
    "TableCell",
]
