"""Every canonical key the rules can give, in one stable order: the columns of the wide panel.

Built from the rules tables themselves (prose rules, statistics rows, the three standard tables, channels,
known categories, zero statements), so that a key added to a rule table is a panel column at once and the
order never depends on which pages were in a run.  Category keys made from a label's pinyin (for categories
no table knows) are not columns: they stay in the long form.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def canonical_keys() -> tuple[str, ...]:
    from .keys import CATEGORY_SLUGS, CHANNELS, PROSE_RULES
    from .stats import STATS_ROWS
    from .tables import (
        TABLE2_DEFAULT_COLUMNS, TABLE3_COLUMNS, TABLE3_ROW_ORDER_2019, TABLE3_ROW_ORDER_2021, TABLE4_BLOCKS,
        TABLE4_COLUMNS,
    )
    from .zeros import FIXED, THINGS

    keys: list[str] = []

    def add(key: str) -> None:
        if key not in keys:
            keys.append(key)

    # the figures every report states, whatever its year, first
    for key in ("proactive.total", "requests.new.total", "requests.outcome.granted.total",
                "requests.outcome.partial.total", "requests.outcome.withheld.total", "review.total",
                "litigation.total", "fees.collected"):
        add(key)
    for rule in PROSE_RULES:
        add(rule.key)
    for name in CHANNELS:
        add(f"proactive.by_channel.{name}")
    for slug in dict.fromkeys(CATEGORY_SLUGS.values()):
        add(f"proactive.by_category.{slug}")
    for key, _phrases in STATS_ROWS:
        add(key)
    for key, _phrases in STATS_ROWS:
        add("proactive.items_cumulative" if key == "proactive.total" else f"{key}_cumulative")
    for key, _unit, _phrases in THINGS + FIXED:
        add(key)
    for layout in ("template_2021", "template_2019"):
        for stem, columns in TABLE2_DEFAULT_COLUMNS[layout].items():
            for column in columns:
                add(f"{stem}.{column}")
    groups = ("outcome.withheld", "outcome.unable", "outcome.not_processed", "outcome.other")
    for row in dict.fromkeys(TABLE3_ROW_ORDER_2021 + TABLE3_ROW_ORDER_2019 + groups):
        for column in TABLE3_COLUMNS:
            add(f"requests.{row}.{column}")
    for block in TABLE4_BLOCKS:
        for column in TABLE4_COLUMNS:
            add(f"{block}.{column}")
    return tuple(keys)
