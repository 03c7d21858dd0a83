"""Cells glued together with no separator: ``801000081`` for 80 | 1 | 0 | 0 | 0 | 0 | 81.

Only the table's own identities can split them.  :func:`splits` lists every way to cut a digit string into
``k`` numbers (no leading zeros, at most ``max_len`` digits each) that satisfy a constraint; a caller takes a
reading only when exactly one survives, and otherwise leaves the cells uncertain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

Constraint = Callable[[list[int]], bool]


def _cuts(digits: str, k: int, max_len: int) -> Iterator[list[str]]:
    n = len(digits)
    if k == 1:
        if 0 < n <= max_len and (n == 1 or digits[0] != "0"):
            yield [digits]
        return
    for i in range(1, min(max_len, n - k + 1) + 1):
        head = digits[:i]
        if i > 1 and head[0] == "0":
            break
        for rest in _cuts(digits[i:], k - 1, max_len):
            yield [head, *rest]


def splits(
    digits: str, k: int, constraint: Constraint | None = None, max_len: int = 7, limit: int = 20000
) -> list[list[int]]:
    """Every reading of ``digits`` as ``k`` numbers that meets ``constraint`` (at most ``limit`` tried)."""
    out = []
    for tried, parts in enumerate(_cuts(digits, k, max_len)):
        if tried >= limit:
            break
        values = [int(p) for p in parts]
        if constraint is None or constraint(values):
            out.append(values)
    return out


def row_total(values: Sequence[int | float]) -> bool:
    """The last cell is the sum of the others (table 三: 总计 = the six applicant columns)."""
    return sum(values[:-1]) == values[-1]


def blocks_of_five(values: Sequence[int | float]) -> bool:
    """Table 四: in each block of five, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结."""
    return all(sum(values[i : i + 4]) == values[i + 4] for i in range(0, len(values), 5))
