"""Traditional characters to simplified (OpenCC ``t2s``), output in simplified Chinese.

Mirrors republish reports in traditional characters; the tool's output is
simplified so that labels match and keys line up across pages.  The page, and
each line, is converted only when it is really traditional: a simplified page
with a stray traditional character is left as it is.  Terms OpenCC gets wrong
(乾安县 → 干安县) are kept from ``rules.protected``.  A block that is not
plausible Chinese (mojibake no fixer could undo) is left alone: converting it
would only hide the damage.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.hanzi import cjk_count, plausibility
from ..rules.lazy import lazy
from ..rules.protected import PROTECTED
from .base import Change, Context, diff_changes, differing


@lru_cache(maxsize=1)
def converter():
    import opencc

    return opencc.OpenCC("t2s")


_MOJIBAKE = 0.6  # below this share of common characters a block is mis-decoded bytes, not traditional text


def _diffs(a: str, b: str) -> int:
    if len(a) != len(b):
        return max(len(a), len(b))
    return differing(a, b)


class Script:
    kind = "traditional_to_simplified"
    description = "traditional character converted to simplified (OpenCC t2s)"

    def detect(self, text: str, ctx: Context) -> bool:
        conv = converter().convert(text)
        changed = _diffs(text, conv)
        cjk = cjk_count(text) or 1
        ctx.traditional = changed >= 5 and changed / cjk >= 0.03
        ctx.t2s = (text, conv)
        return changed > 0

    def fix(self, text: str, ctx: Context) -> list[Change]:
        conv = ctx.t2s[1] if ctx.t2s and ctx.t2s[0] == text else converter().convert(text)
        lines_old = text.split("\n")
        lines_new = (
            conv.split("\n") if conv.count("\n") == text.count("\n") else [converter().convert(x) for x in lines_old]
        )
        changes: list[Change] = []
        # Decide block by block (lines between blank lines): a traditional table inside a simplified page is
        # converted even though each of its short rows has only one or two traditional characters.
        starts = [0]
        for ln in lines_old:
            starts.append(starts[-1] + len(ln) + 1)
        i = 0
        while i < len(lines_old):
            j = i
            while j < len(lines_old) and lines_old[j].strip():
                j += 1
            block = range(i, max(j, i + 1))
            d = sum(_diffs(lines_old[k], lines_new[k]) for k in block)
            if (
                d
                and (ctx.traditional or (d >= 3 and d / (sum(cjk_count(lines_old[k]) for k in block) or 1) >= 0.1))
                and plausibility("\n".join(lines_old[k] for k in block)) >= _MOJIBAKE
            ):
                for k in block:
                    if lines_new[k] != lines_old[k]:
                        changes += diff_changes(lines_old[k], _protect(lines_old[k], lines_new[k]), starts[k])
            i = max(j, i + 1)
            while i < len(lines_old) and not lines_old[i].strip():
                i += 1
        return changes


_ANY_PROTECTED = lazy("|".join(re.escape(term) for term in PROTECTED))  # (most lines hold none)


def _protect(old: str, new: str) -> str:
    if len(old) != len(new) or _ANY_PROTECTED.search(old) is None:
        return new
    chars = list(new)
    for term, keep in PROTECTED.items():
        start = old.find(term)
        while start >= 0:
            if len(keep) == len(term):
                chars[start : start + len(term)] = keep
            start = old.find(term, start + len(term))
    return "".join(chars)
