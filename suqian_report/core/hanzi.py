"""How plausible a string is as Chinese text.

Decoding and mojibake repair both have to choose between readings of the
same bytes.  The readings differ in which characters they produce: real text
is made mostly of common characters, mis-decoded bytes of rare ones.  The
common set is taken from the character set itself: GB2312 level 1 (the 3,755
most frequent simplified characters), with their traditional and variant forms
from OpenCC (``rules/common_hanzi.py``, generated), so no word list has to be
shipped.  (Big5's own "frequent" range is too large to tell a real reading
from a random one.)
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..rules.lazy import lazy


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F


def common_chars() -> frozenset[str]:
    """GB2312 level 1 (the 3,755 most frequent simplified characters) and their traditional and variant forms."""
    from ..rules.common_hanzi import COMMON

    return COMMON


# Punctuation and symbols real Chinese pages use; mis-decodings rarely produce them in the right places.
_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】—…·〔〕％＋－"
CJK_PUNCT = frozenset(_PUNCT)


# Neither evidence for nor against: full-width forms (１２３％) and the tone-marked vowels of pinyin.
_PINYIN_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_FULL_WIDTH = r"\uff01-\uff5e"  # as a range of a character class


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation (0..1).

    Text with no non-ASCII characters scores 1.0: there is nothing to doubt.  C-level passes (a regular
    expression's character class, a bitmap per block of code points): the rare characters, and when there are
    any, the characters weighed.
    """
    rare = len(rare_chars(text))
    if rare == 0:
        return 1.0
    n = len(_not_weighed().sub("", text))
    return (n - rare) / n


def rare_chars(text: str) -> str:
    """The characters of ``text`` that lower its plausibility (not ASCII, space, neutral, common or punctuation),
    in order: one C-level pass.  Text without any scores 1.0, and so does every part of it."""
    return _not_rare().sub("", text)


# The characters beyond ASCII that str.isspace() holds (a test checks the list against it).
SPACES = (
    "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)

# ASCII, spaces and the neutral characters, as the body of a character class.
_WEIGHLESS = r"\x00-\x7f" + SPACES + _PINYIN_VOWELS + _FULL_WIDTH


@lru_cache(maxsize=1)
def _not_weighed() -> re.Pattern[str]:
    """Runs of ASCII, spaces and the neutral characters: deleted, they leave the characters plausibility weighs."""
    return re.compile(f"[{_WEIGHLESS}]+")


@lru_cache(maxsize=1)
def _not_rare() -> re.Pattern[str]:
    """Runs of what is not rare: the characters weighed for nothing, common characters and punctuation."""
    from ..rules.common_hanzi import CHARS

    return re.compile(f"[{_WEIGHLESS}{_PUNCT}{CHARS}]+")


_CJK_RUN = lazy("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")


def cjk_count(text: str) -> int:
    return len(text) - len(_CJK_RUN.sub("", text))


def cjk_at_least(text: str, n: int) -> bool:
    """Whether ``text`` holds ``n`` CJK characters or more (counting stops there: a page's first line or two)."""
    seen = 0
    for m in _CJK_RUN.finditer(text):
        seen += m.end() - m.start()
        if seen >= n:
            return True
    return n <= 0
