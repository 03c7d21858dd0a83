"""Pinyin annotations spam mirrors insert after characters: ``報(bào)告`` → ``報告``.

Only a bracketed Mandarin syllable directly after a CJK character is an
annotation (its tone letter may have been read as GBK: ``報(b脿o)``).  Tone-marked syllables are unambiguous; plain ones (``們(men)``,
the neutral tone) are removed only on pages that carry tone-marked
annotations too, so ``方案(an)`` on a clean page is left alone.  A page saved
in an encoding without tone letters (Big5) has ``?`` where the toned vowel
stood (``報(b?o)``); a ``?`` that a vowel turns into a syllable counts as one.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..core.patterns import Started
from ..rules.lazy import lazy
from ..rules.pinyin import SYLLABLES, TONED
from .base import Change, Context

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LETTERS = "a-zü?" + "".join(TONED) + "\u0304\u0301\u030c\u0300\u0308"
# After a CJK character, or after U+FFFD or ? where that character was lost.  A page read as GBK shows a tone letter's
# two UTF-8 bytes as one CJK character (報(b脿o) for 報(bào)): one such character may stand among the letters.
_PATTERN = Started(
    rf"(?<=[{_CJK}\ufffd?])[(（]([{_LETTERS}]{{0,6}}(?:[\u4e00-\u9fff][a-z]{{0,5}})?)[)）]", start="[(（]"
)
_MISREAD = lazy(r"[\u4e00-\u9fff]")


def _tone_letter(m: re.Match[str]) -> str:
    """The tone letter whose UTF-8 bytes a GBK reader shows as this character (霉 → ù), or the character."""
    try:
        return m.group(0).encode("gb18030").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group(0)


@lru_cache(maxsize=4096)
def _syllable(s: str) -> tuple[str, int] | None:
    """(plain syllable, number of tone marks) if ``s`` is pinyin, else None (a pure function of ``s``: a page
    repeats a few hundred syllables, so each is worked out once)."""
    s = unicodedata.normalize("NFC", _MISREAD.sub(_tone_letter, s))
    if "?" in s:  # a toned vowel the page's encoding could not hold
        if len(s) < 2 or s.count("?") > 1 or any(ch in TONED for ch in s):
            return None
        for vowel in "aeiouü":
            found = _syllable(s.replace("?", vowel))
            if found is not None:
                return found[0], 1
        return None
    marks = sum(1 for ch in s if ch in TONED)
    plain = "".join(TONED.get(ch, ch) for ch in s).replace("v", "ü")
    if marks > 1:
        return None
    if plain in SYLLABLES:
        return plain, marks
    # ü is written u after j, q, x, y
    if plain.replace("ü", "u") in SYLLABLES:
        return plain, marks
    return None


class Pinyin:
    kind = "pinyin_annotation"
    description = "pinyin annotation after a character removed (報(bào) → 報)"

    def detect(self, text: str, ctx: Context) -> bool:
        return ("(" in text or "（" in text) and _PATTERN.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        found = []
        toned = 0
        for m in _PATTERN.finditer(text):
            syl = _syllable(m.group(1))
            if syl is None:
                continue
            found.append((m, syl))
            toned += syl[1] > 0
        if toned < 2:
            return []  # a page with fewer than two tone-marked annotations has no annotation damage
        return [Change(m.start(), m.end(), "", None) for m, _syl in found]
