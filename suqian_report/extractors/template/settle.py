"""Cells of a table read by OCR that the table's own identities settle.

OCR's errors in a table are a digit it could not read (a cell left empty under a seal's stroke) or a digit read as
another.  The tables of 2019+ hold every cell in two identities at least: its row (总计 = the applicant columns)
and its column (办理结果总计 = the outcome rows; 新收 + 上年结转 = 办理结果总计 + 结转下年度), table 四's blocks
(总计 = the four results).  A cell is settled only where two identities, each missing that cell alone, give it the
same whole number: an empty or unreadable cell takes that number; a number both of its identities contradict
takes it only when the two differ by a single digit.  Either way the figure is ``repaired`` and its note says what
was read and which identities settled it.  Pages not read by OCR are never touched: a blank there is the author's.
"""

from __future__ import annotations

from typing import TypeGuard

from ...core.model import Figure

# An identity: its name, and the figures on each side of the equals sign.
Identity = tuple[str, list[Figure], list[Figure]]


def settle(identities: list[Identity], ocr_pages: set[int]) -> list[str]:
    """Settle what the identities can among the cells read by OCR (in place); a line for each cell settled."""
    done: list[str] = []
    while True:  # one settled cell may leave another alone in an identity
        settled = _unread(identities, ocr_pages) or _misread(identities, ocr_pages)
        if not settled:
            return done
        done += settled


def _solve(cell: Figure, left: list[Figure], right: list[Figure]) -> int | float | None:
    """The value that balances the identity, every other figure of it taken as read."""
    others = [f for f in left + right if f is not cell]
    if not all(_num(f.value) for f in others):
        return None
    a = sum(f.value for f in left if f is not cell)  # type: ignore[misc]
    c = sum(f.value for f in right if f is not cell)  # type: ignore[misc]
    return c - a if any(f is cell for f in left) else a - c


def _agreed(cell: Figure, found: list[tuple[str, int | float]]) -> int | None:
    """The whole number two identities or more agree on, or None."""
    values = {v for _name, v in found}
    if len(found) < 2 or len(values) != 1:
        return None
    value = values.pop()
    return int(value) if float(value).is_integer() and value >= 0 else None


def _unread(identities: list[Identity], ocr_pages: set[int]) -> list[str]:
    found: dict[int, tuple[Figure, list[tuple[str, int | float]]]] = {}
    for name, left, right in identities:
        unknown = [f for f in left + right if not _num(f.value)]
        if len(unknown) != 1 or not _read_by_ocr(unknown[0], ocr_pages):
            continue
        value = _solve(unknown[0], left, right)
        if value is not None:
            found.setdefault(id(unknown[0]), (unknown[0], []))[1].append((name, value))
    out = []
    for cell, answers in found.values():
        value = _agreed(cell, answers)
        if value is None:
            continue
        was = f"read by OCR as {cell.raw_text!r}" if cell.raw_text else "read by OCR as an empty cell"
        _settle(cell, value, f"{was}; settled as {value} by {_names(answers)}")
        out.append(f"{cell.key} = {value}: {was}, settled by the table's identities")
    return out


def _misread(identities: list[Identity], ocr_pages: set[int]) -> list[str]:
    failing = []
    for name, left, right in identities:
        figures = left + right
        if all(_num(f.value) for f in figures) and abs(sum(_values(left)) - sum(_values(right))) > 1e-6:
            failing.append((name, left, right))
    found: dict[int, tuple[Figure, list[tuple[str, int | float]]]] = {}
    for name, left, right in failing:
        for cell in left + right:
            if _read_by_ocr(cell, ocr_pages):
                value = _solve(cell, left, right)
                if value is not None:
                    found.setdefault(id(cell), (cell, []))[1].append((name, value))
    out = []
    for cell, answers in found.values():
        value = _agreed(cell, answers)
        if value is None or not _one_digit_apart(cell.value, value):
            continue
        was = f"read by OCR as {cell.raw_text or cell.value}"
        _settle(cell, value, f"{was}; settled as {value} by {_names(answers)}, which both fail as read")
        out.append(f"{cell.key} = {value}: {was}, settled by the table's identities")
    return out


def _num(v: object) -> TypeGuard[int | float]:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _values(figures: list[Figure]) -> list[int | float]:
    return [f.value for f in figures if _num(f.value)]


def _read_by_ocr(f: Figure, ocr_pages: set[int]) -> bool:
    return f.cell is not None and f.page in ocr_pages and f.status != "derived"


def _one_digit_apart(a: object, b: int) -> bool:
    if not isinstance(a, int) or isinstance(a, bool):
        return False
    x, y = str(a), str(b)
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y)) == 1


def _names(answers: list[tuple[str, int | float]]) -> str:
    return " and ".join(f"「{name}」" for name, _v in answers)


def _settle(cell: Figure, value: int, note: str) -> None:
    cell.value = value
    cell.status = "repaired"
    cell.note = f"{cell.note}; {note}" if cell.note else note
    if cell.cell is not None:
        cell.cell.value_kind = "number"
