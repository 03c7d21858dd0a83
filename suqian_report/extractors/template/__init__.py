"""The standard tables of 2019+ reports (二 主动公开, 三 收到和处理申请, 四 复议诉讼) in any layout.

Real pages keep these tables as HTML rows, ``|``-joined rows, one cell per line, cells separated by spaces
(or by the column gaps of a PDF dump), markdown, or glued together with no separator at all.  So the tables
are not read as grids: each table's region of the clean text is cut into *events* — item markers, column
headers, row labels (found by phrase, in any token), and cell values — and a small state machine walks them
in order.  A row takes the values that follow its label; glued digits are split by the table's identities
(:mod:`..glued`), and only when exactly one split satisfies them.

Cells keep their meaning: a number, a blank, a not-applicable mark (``-``, ``/``, ``—``) and text are four
different things, and only a number has a value.
"""

from __future__ import annotations

from ...check.validate import all_numbers, all_present, balance_check, check_input
from ...core.model import Check, Figure
from ...rules.tables import (
    SIGNED_COLUMNS,
    TABLE3_COLUMN_LABELS,
    TABLE3_COLUMNS,
    TABLE3_LEAVES_2019,
    TABLE3_LEAVES_2021,
    TABLE4_BLOCK_LABELS,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
)
from ...segment import Segmented
from ..provenance import Tracer
from ..tabular import TemplateResult
from .cells import Builder, regions
from .settle import settle
from .table2 import read_table2
from .table3 import read_table3
from .table4 import read_table4


def read_tables(seg: Segmented, tracer: Tracer, fmt: str) -> TemplateResult:
    """The standard tables of a page that has them (:func:`.tabular.has_standard_tables`: the caller asks, before
    loading this module)."""
    out = TemplateResult()
    out.regions = regions(seg.clean_text)
    b = Builder(seg, tracer, out)
    if "二" in out.regions:
        read_table2(b, out.regions["二"], fmt)
    rows3 = read_table3(b, out.regions["三"], fmt) if "三" in out.regions else []
    t4 = read_table4(b, out.regions["四"]) if "四" in out.regions else []
    identities = _identities(rows3, t4, fmt)
    if tracer.doc.ocr_pages:
        settled = settle([(name, left, right) for name, _d, left, right in identities], set(tracer.doc.ocr_pages))
        out.warnings += [f"settled by the table's identities: {line}" for line in settled]
    _derive(b, rows3, t4, fmt)
    out.checks += [balance_check(*identity) for identity in identities] + _table2_checks(out.figures)
    return out


def _by_key(figs: list[Figure]) -> dict[str, Figure]:
    return {f.key: f for f in figs if f.key}


def _derive(b: Builder, rows3, t4, fmt: str) -> None:
    """Group subtotals the tables do not print (不予公开, 无法提供, 不予处理, 2021's 其他处理) and litigation.total."""
    cells = _by_key([f for _k, figs in rows3 for f in figs])
    groups = {
        "outcome.withheld": [k for k in TABLE3_LEAVES_2019 if k.startswith("outcome.withheld.")],
        "outcome.unable": [k for k in TABLE3_LEAVES_2019 if k.startswith("outcome.unable.")],
        "outcome.not_processed": [k for k in TABLE3_LEAVES_2019 if k.startswith("outcome.not_processed.")],
    }
    if fmt == "template_2021":
        groups["outcome.other"] = ["outcome.other.no_correction", "outcome.other.fee_unpaid", "outcome.other.misc"]
    for group, leaves in groups.items():
        sums = []  # the group's row: a sum in each column where every row under it has a number
        for col, col_label in zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS):
            parts = [cells.get(f"requests.{leaf}.{col}") for leaf in leaves]
            if not all_present(parts) or not all_numbers(values := [p.value for p in parts]):
                continue
            first = parts[0]
            at = (first.span[0], first.span[0])
            sums.append(
                (
                    f"requests.{group}.{col}",
                    _GROUP_LABELS[group],
                    col_label,
                    "件",
                    sum(values),
                    (first.span[0], parts[-1].span[1]),
                    at,
                )
            )
        note = f"sum of the {len(leaves)} rows under {_GROUP_LABELS[group]}"
        b.unwritten("三", "", "number", "derived", note, sums)
    t4k = _by_key(t4)
    direct, after = t4k.get("litigation.direct.total"), t4k.get("litigation.after_review.total")
    if direct and after and isinstance(direct.value, (int, float)) and isinstance(after.value, (int, float)):
        total = direct.value + after.value
        at = (direct.span[0], direct.span[0])
        litigation = [("litigation.total", "行政诉讼", "总计", "件", total, (direct.span[0], after.span[1]), at)]
        b.unwritten("四", "", "number", "derived", "未经复议直接起诉 总计 + 复议后起诉 总计", litigation)


_GROUP_LABELS = {
    "outcome.withheld": "（三）不予公开",
    "outcome.unable": "（四）无法提供",
    "outcome.not_processed": "（五）不予处理",
    "outcome.other": "（六）其他处理",
}


def _identities(rows3, t4: list[Figure], fmt: str) -> list[tuple[str, str, list[Figure], list[Figure]]]:
    """The tables' identities over the cells read: (name, description, left, right), the left side's sum equal to
    the right's.  Checked for every page; on a page read by OCR, they settle cells first (:mod:`.settle`)."""
    out: list[tuple[str, str, list[Figure], list[Figure]]] = []
    cells = _by_key([f for _k, figs in rows3 for f in figs])
    leaves = TABLE3_LEAVES_2021 if fmt == "template_2021" else TABLE3_LEAVES_2019
    if rows3:
        for col, col_label in zip(TABLE3_COLUMNS, TABLE3_COLUMN_LABELS):

            def get(row: str, col: str = col) -> Figure | None:
                return cells.get(f"requests.{row}.{col}")

            a = [get("new"), get("carried_in")]
            c = [get("outcome.total"), get("carried_out")]
            if all_present(a) and all_present(c):
                out.append(
                    (
                        f"表三 {col_label}: 新收 + 上年结转 = 办理结果总计 + 结转下年度",
                        f"table 三, column {col_label}: new + carried_in = outcome.total + carried_out",
                        a,
                        c,
                    )
                )
            total = get("outcome.total")
            parts = [get(leaf) for leaf in leaves]
            if total and all_present(parts):
                out.append(
                    (
                        f"表三 {col_label}: 办理结果总计 = 各项结果之和",
                        f"table 三, column {col_label}: outcome.total = the sum of the outcome rows",
                        [total],
                        parts,
                    )
                )
        for key, figs in rows3:
            if len(figs) == 7 and all(f.key for f in figs):
                out.append(
                    (
                        f"表三 {figs[0].cell.row_label[:16]}: 总计 = 各类申请人之和",
                        f"table 三, row {key}: total = the six applicant columns",
                        [figs[-1]],
                        figs[:-1],
                    )
                )
    t4k = _by_key(t4)
    for block, label in zip(TABLE4_BLOCKS, TABLE4_BLOCK_LABELS):
        parts = [t4k.get(f"{block}.{c}") for c in TABLE4_COLUMNS[:4]]
        total = t4k.get(f"{block}.total")
        if total and all_present(parts):
            out.append(
                (
                    f"表四 {label}: 总计 = 维持 + 纠正 + 其他 + 尚未审结",
                    f"table 四, {block}: total = upheld + corrected + other + pending",
                    [total],
                    parts,
                )
            )
    return out


def _table2_checks(figures: list[Figure]) -> list[Check]:
    out: list[Check] = []
    t2 = [f for f in figures if f.cell and f.cell.table == "二" and f.key]
    counts = [f for f in t2 if not f.key.endswith(tuple(SIGNED_COLUMNS))]
    if counts:
        negative = [f for f in counts if isinstance(f.value, (int, float)) and f.value < 0]
        out.append(
            Check(
                name="表二 数量非负",
                status="fail" if negative else "pass",
                description="table 二: counts and amounts are not negative (本年增/减 may be)",
                inputs=[check_input(f) for f in (negative or counts)],
                note=f"{len(negative)} negative" if negative else None,
            )
        )
    return out
