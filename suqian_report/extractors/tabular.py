"""What the readers of the report's own tables give, and whether a page has such tables at all.

The readers (:mod:`.template` for the standard tables of 2019+ reports, :mod:`.stats` for the statistics table
of earlier ones) are most of the extraction code; a page with neither table does not load them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import Check, Figure
from ..rules.lazy import lazy
from ..rules.tables import TABLE_ANCHORS

STATS_REGION = lazy(r"统计表[\s：:]*指标名称")  # where the statistics table starts


def has_standard_tables(text: str, fmt: str) -> bool:
    """A page in the 2019+ format, or one that quotes its tables' own words: not a 2014 report whose
    行政复议、行政诉讼情况 section is prose."""
    return fmt.startswith("template") or any(a in text for anchors in TABLE_ANCHORS.values() for a in anchors)


def has_stats_table(text: str) -> bool:
    return STATS_REGION.search(text) is not None


@dataclass
class TemplateResult:
    """What the standard tables gave: figures, their checks, and the clean-text spans they used."""

    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    used: list[tuple[int, int]] = field(default_factory=list)  # clean-text spans of the cells read
    labels: list[tuple[int, int]] = field(default_factory=list)  # spans of row and column labels (三类, 第二十条…)
    regions: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def merge(self, other: TemplateResult) -> None:
        self.figures += other.figures
        self.checks += other.checks
        self.used += other.used
        self.labels += other.labels
        self.regions.update(other.regions)
        self.warnings += other.warnings
