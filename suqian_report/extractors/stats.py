"""Statistics tables of pre-2019 reports: 指标名称 | 计量单位 | 2013年度 | 历年累计.

Saved pages glue their cells (``主动公开信息数条18535395`` for 1853 | 5395).  A row's two numbers are split
only where the reading is certain: the cumulative count is not below the year's, rows whose parts add up to
them (申请 by channel, 答复 by outcome) must add up in both columns, and where that still leaves a choice, the
one reading whose year value the report's prose states is taken.  Otherwise the cells stay uncertain.
"""

from __future__ import annotations

import re
from itertools import islice, product

from ..check.validate import balance_check
from ..core.model import Check, Figure
from ..rules.lazy import lazy
from ..rules.stats import STATS_GROUPS, STATS_ROWS, STATS_UNITS
from ..segment import Segmented
from .glued import splits
from .provenance import Tracer
from .tabular import STATS_REGION, TemplateResult
from .template.cells import Builder, Token, read_value, tokenize

_YEAR_COLUMN = lazy(r"^(?:(?:19|20)\d\d\s*)?年度|^本年度?|^当年|^统计数|^数量")
_CUMULATIVE = "累计"


def _cumulative_key(key: str) -> str:
    return "proactive.items_cumulative" if key == "proactive.total" else f"{key}_cumulative"


def read_stats(seg: Segmented, tracer: Tracer, prose_values: set[tuple]) -> TemplateResult:
    """``prose_values``: (value, unit) of every figure the report's text states, to choose between splits."""
    out = TemplateResult()
    text = seg.clean_text
    regions = list(STATS_REGION.finditer(text))
    if not regions:
        return out
    m = regions[-1]  # the last one: the table, after any mention of it in the text
    start = m.start()
    end = text.find("附件下载", start)
    end = len(text) if end < 0 else end
    out.regions["统计表"] = (start, end)
    tokens = tokenize(text, start, end, seg.grid_rows)
    out.labels += [(t.start, t.end) for t in tokens if t.kind == "label"]  # the whole region is the table

    # The header: 指标名称 计量单位 2013年度 历年累计 (the year may stand as a value token of its own).
    header_end = 0
    two_columns = False
    for k, t in enumerate(tokens[:12]):
        if t.kind == "label" and _CUMULATIVE in t.text:
            two_columns = True
        if t.kind == "label" and ("累计" in t.text or "年度" in t.text or "计量单位" in t.text or "单位" in t.text):
            if _row_key(t.text.split("累计")[-1]):
                break  # the first row is glued to the header: the row loop takes it from here
            header_end = k + 1
    while (
        header_end < len(tokens)
        and tokens[header_end].kind == "label"
        and re.fullmatch(r"\s*(年度|历年累计|累计)\s*", tokens[header_end].text)
    ):
        header_end += 1
    ncols = 2 if two_columns else 1

    rows: list[tuple[str | None, str, str | None, list[Token], int]] = []  # key, label, unit, values, position
    for t in tokens[header_end:]:
        if t.kind == "label":
            label, unit = _split_unit(
                t.text.split("累计")[-1]
            )  # 年度历年累计主动公开信息数条: the row after the header
            if not label and unit and rows:  # a unit standing alone after its label
                rows[-1] = (rows[-1][0], rows[-1][1], unit, rows[-1][3], rows[-1][4])
                continue
            if not label:
                continue
            rows.append((_row_key(label), label, unit, [], t.start))
        elif rows:
            rows[-1][3].append(t)

    b = Builder(seg, tracer, out)
    candidates: dict[int, list[tuple]] = {}
    for i, (_key, _label, _unit, values, _pos) in enumerate(rows):
        nums = [read_value(v.text) for v in values]
        if len(values) == ncols + 1 and re.fullmatch(r"(19|20)\d\d", values[0].text) and i == 0:
            values[:] = values[1:]  # the header's year (2013年度) glued before the first row
            nums = nums[1:]
        if len(values) == ncols:
            candidates[i] = [tuple(v for v, _u, _k in nums)]
        elif len(values) == 1 and values[0].text.isdigit() and ncols == 2:
            opts = [tuple(o) for o in splits(values[0].text, 2, lambda v: v[1] >= v[0])]
            candidates[i] = opts
        else:
            candidates[i] = []
    _resolve(rows, candidates, prose_values)

    for i, (key, label, unit, values, pos) in enumerate(rows):
        opts = candidates[i]
        sentence = (pos, values[-1].end if values else pos + len(label))
        cols = [key, _cumulative_key(key) if key else None][:ncols]
        col_labels = ["本年度", "历年累计"][:ncols]
        out.used += [(v.start, v.end) for v in values]
        if len(values) == ncols:
            b.row(cols, "统计表", label, col_labels, values, [unit] * ncols, sentence)
            continue
        if not values:
            continue
        glued = (values[0].start, values[-1].end)
        raw = "".join(v.text for v in values)
        cells = [(col_key, label, col_label, unit) for col_key, col_label in zip(cols, col_labels)]
        if len(opts) == 1:
            why = getattr(opts, "why", None) or "the only split where 历年累计 ≥ the year's value"
            b.glued(cells, "统计表", opts[0], raw, glued, sentence, f"cells glued as {raw!r}; {why}")
        else:
            note = (
                f"cells glued as {raw!r}: {len(opts)} readings fit, none is certain"
                if opts
                else f"{len(values)} cells where the table has {ncols} columns"
            )
            b.glued(cells, "统计表", None, raw, glued, sentence, note)
    out.checks += _checks(out.figures)
    return out


def _split_unit(text: str) -> tuple[str, str | None]:
    t = text.strip().removeprefix("其中").lstrip("：: ")
    t = re.sub(r"^[1-9][.．、]\s*", "", t)
    for u in STATS_UNITS:
        if t.endswith(u) and len(t) > len(u) or t == u:
            return t[: -len(u)].strip(), u
    return t, None


def _row_key(label: str) -> str | None:
    for key, phrases in STATS_ROWS:
        if any(p in label for p in phrases):
            return key
    return None


class _Options(list):
    why: str | None = None


def _resolve(rows, candidates: dict[int, list[tuple]], prose_values: set) -> None:
    """Narrow each row's readings by group sums, then by the year values the prose states."""
    index = {key: i for i, (key, *_rest) in enumerate(rows) if key}
    for parent, parts in STATS_GROUPS.items():
        members = [index[p] for p in (parent, *parts) if p in index]
        if len(members) < 2 or any(not candidates[i] for i in members):
            continue
        pools = [candidates[i] for i in members]
        fits = [
            combo
            for combo in islice(product(*pools), 200000)
            if all(combo[0][c] == sum(x[c] for x in combo[1:]) for c in range(len(combo[0])))
        ]
        if fits:
            for pos, i in enumerate(members):
                choices = {combo[pos] for combo in fits}
                if len(choices) < len(candidates[i]):
                    narrowed = _Options(sorted(choices))
                    narrowed.why = "the split where the parts add up to their total in both columns"
                    candidates[i] = narrowed
    for i, opts in candidates.items():
        if len(opts) > 1:
            # Two pieces of evidence together: a running total since 2008 is not hundreds of times one year's,
            # and the report's own text states the year's value.
            unit = rows[i][2]
            stated = [o for o in opts if o[1] <= 100 * max(o[0], 1) and (o[0], unit) in prose_values]
            if len(stated) == 1:
                chosen = _Options(stated)
                chosen.why = (
                    f"the one split whose 历年累计 is within 100 × the year's value and whose year value "
                    f"({stated[0][0]}) the report's text states"
                )
                candidates[i] = chosen


def _checks(figures: list[Figure]) -> list[Check]:
    by_key = {f.key: f for f in figures if f.key}
    out = []
    for parent, parts in STATS_GROUPS.items():
        for suffix in ("", "_cumulative"):
            total = by_key.get(parent + suffix)
            present = [by_key[p + suffix] for p in parts if p + suffix in by_key]
            if total and len(present) >= 2:
                out.append(
                    balance_check(
                        f"统计表 {total.cell.row_label if total.cell else total.label_zh}{'（历年累计）' if suffix else ''} = 各项之和",
                        f"statistics table: {parent}{suffix} = the sum of its parts",
                        [total],
                        present,
                    )
                )
    return out
