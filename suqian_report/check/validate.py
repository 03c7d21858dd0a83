"""Validate: the checks a careful reader would make, with their numbers.

Every check says pass, fail, or not_assessable (an input is missing or is not
a number), what was expected and what was found, and which figures (keys and
spans) it used, so a reader can look them up on the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeGuard

from ..core.model import Check, CheckInput, CheckStatus, Figure, Metadata


def check_input(f: Figure) -> CheckInput:
    return CheckInput(f.key, f.value, f.span, f.label_zh)


def _num(v: object) -> TypeGuard[int | float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def all_numbers(values: Sequence[object]) -> TypeGuard[Sequence[int | float]]:
    """Every value is a number (a blank or a text cell is not)."""
    return all(isinstance(v, (int, float)) for v in values)


def all_present(figs: Sequence[Figure | None]) -> TypeGuard[list[Figure]]:
    """Every figure was found."""
    return all(f is not None for f in figs)


def _numbers(figs: Sequence[Figure]) -> list[int | float] | None:
    """The figures' values, or None when one of them is not a number."""
    values = [f.value for f in figs]
    return values if all(_num(v) for v in values) else None  # type: ignore[return-value]


def balance_check(name: str, description: str, left: list[Figure], right: list[Figure]) -> Check:
    """The figures on the left add up to those on the right (``expected`` is the left sum, ``actual`` the right)."""
    both = left + right
    inputs = [check_input(f) for f in both]
    missing = [f for f in both if not _num(f.value)]
    if missing:
        note = "not a number: " + "、".join(f.label_zh for f in missing[:3]) + ("…" if len(missing) > 3 else "")
        if all(f.cell and f.cell.value_kind == "blank" for f in missing):
            # Blank cells are not zeros, but a reader wants to know whether reading them as 0 would balance.
            a = sum(f.value or 0 for f in left)
            c = sum(f.value or 0 for f in right)
            note += (
                f"; with the {len(missing)} blank cell(s) read as 0 it would {'pass' if abs(a - c) < 1e-6 else 'fail'}"
            )
        return Check(name=name, status="not_assessable", description=description, inputs=inputs, note=note)
    # (every value a number: none is missing)
    a, c = sum(f.value for f in left), sum(f.value for f in right)  # type: ignore[misc]
    if isinstance(a, float) or isinstance(c, float):
        a, c = round(a, 6), round(c, 6)
    return Check(
        name=name,
        status="pass" if abs(a - c) < 1e-6 else "fail",
        description=description,
        expected=a,
        actual=c,
        inputs=inputs,
    )


def sum_check(name: str, description: str, total: Figure, parts: list[Figure]) -> Check:
    return balance_check(name, description, [total], parts)


def list_checks(lists: list[tuple[Figure, list[Figure], bool]]) -> list[Check]:
    """A total and the parts listed after it.  Parts introduced by 其中 may be only some of the whole: their sum
    falling short is no error, but exceeding the total is."""
    out = []
    for total, parts, complete in lists:
        if any(p.approx for p in parts) or total.approx:
            continue  # 余/多 figures are not meant to add up
        units = {p.unit for p in parts}
        if units != {total.unit}:
            continue
        check = sum_check(
            f"{total.key} = sum of {len(parts)} parts",
            f"the {len(parts)} parts listed after {total.label_zh} add up to it",
            total,
            parts,
        )
        shortfall = _num(check.actual) and _num(check.expected) and check.actual < check.expected
        if check.status == "fail" and not complete and shortfall:
            continue  # 其中… lists some parts: a shortfall says nothing
        out.append(check)
    return out


def _rounded(value: float, places: int) -> tuple[float, float]:
    """``value`` to ``places`` decimals as written, rounded half up and truncated."""
    from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal  # (only pages that state a rate need it)

    q, exact = Decimal(1).scaleb(-places), Decimal(repr(value))
    return float(exact.quantize(q, rounding=ROUND_HALF_UP)), float(exact.quantize(q, rounding=ROUND_DOWN))


def rate_checks(figures: list[Figure]) -> list[Check]:
    """A stated rate (回复率达99.96%) against the counts its sentence gives (受理50308条, 回复50287条)."""
    out: list[Check] = []
    by_sentence: dict[str, list[Figure]] = {}
    for f in figures:
        if f.sentence and f.cell is None:
            by_sentence.setdefault(f.sentence, []).append(f)
    for group in by_sentence.values():
        for f in group:
            if f.unit != "%" or not f.label_zh.endswith("率") or not _num(f.value):
                continue
            stem = f.label_zh[:-1]
            counts = [g for g in group if g.unit not in ("%", None) and g.span < f.span and _num(g.value)]
            num = next(
                (g for g in reversed(counts) if stem and (g.label_zh.endswith(stem) or stem.endswith(g.label_zh))), None
            )
            if num is None:
                continue
            den = next((g for g in counts if g is not num and g.unit == num.unit and g.span < num.span), None)
            if den is None or not _num(den.value) or not den.value or not _num(num.value):
                continue
            ratio = num.value / den.value * 100
            places = len(f.raw_text.partition(".")[2]) if "." in f.raw_text else 0
            rounded, truncated = _rounded(ratio, places)
            status: CheckStatus = "pass" if f.value in (rounded, truncated) else "fail"
            note = None if f.value == rounded else ("matches when truncated, not rounded" if status == "pass" else None)
            out.append(
                Check(
                    name=f"{f.label_zh} = {num.label_zh} / {den.label_zh}",
                    status=status,
                    description=f"the stated {f.label_zh} against {num.value}/{den.value}",
                    expected=f.value,
                    actual=rounded,
                    inputs=[check_input(f), check_input(num), check_input(den)],
                    note=note,
                )
            )
    return out


def canonical_checks(figures: list[Figure]) -> list[Check]:
    by_key = {f.key: f for f in figures}
    out: list[Check] = []
    total = by_key.get("review.total")
    if total is not None and total.cell is not None:
        return out  # table 四 holds these cells and is checked with the table
    parts = [
        by_key[k]
        for k in ("review.result_upheld", "review.result_corrected", "review.result_other", "review.pending")
        if k in by_key
    ]
    if total and parts:
        if len(parts) == 4:
            out.append(
                sum_check(
                    "review.total = sum of results",
                    "reviews: upheld + corrected + other + pending = total",
                    total,
                    parts,
                )
            )
        elif (values := _numbers(parts)) is not None and _num(total.value):
            got = sum(values)
            out.append(
                Check(
                    name="review results within review.total",
                    status="pass" if got <= total.value else "fail",
                    description="reviews: the results the page states do not exceed the total",
                    expected=total.value,
                    actual=got,
                    inputs=[check_input(total)] + [check_input(p) for p in parts],
                    note="not every result is stated, so only an upper bound can be checked",
                )
            )
    return out


def metadata_checks(md: Metadata) -> list[Check]:
    out = []
    if md.period_start and md.period_end:
        ok = md.period_start <= md.period_end and md.period_start[:4] == md.period_end[:4]
        out.append(
            Check(
                name="reporting period",
                status="pass" if ok else "fail",
                description="the reporting period starts before it ends, within one year",
                note=f"{md.period_start} to {md.period_end}",
            )
        )
    if md.period_end and md.publish_date:
        ok = md.publish_date > md.period_end
        out.append(
            Check(
                name="published after the period",
                status="pass" if ok else "fail",
                description="the report is published after its reporting period ends",
                note=f"period ends {md.period_end}, published {md.publish_date}",
            )
        )
    return out


def validate(
    md: Metadata,
    figures: list[Figure],
    lists: list[tuple[Figure, list[Figure], bool]],
    table_checks: Sequence[Check] = (),
) -> list[Check]:
    return [*list_checks(lists), *rate_checks(figures), *canonical_checks(figures), *table_checks, *metadata_checks(md)]
