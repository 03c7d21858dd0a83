"""How plausible a string is as Chinese text.

Decoding and mojibake repair both have to choose between readings of the
same bytes.  The readings differ in which characters they produce: real text
is made mostly of common characters, mis-decoded bytes of rare ones.  The
common set is taken from the character sets themselves: GB2312 level 1 (the
3,755 most frequent simplified characters) and Big5's frequent range (5,401
traditional characters), so no word list has to be shipped.
"""

from __future__ import annotations

from functools import lru_cache


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F


@lru_cache(maxsize=1)
def common_chars() -> frozenset[str]:
    gb = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo))
    big5_lows = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    big5 = bytes(b for hi in range(0xA4, 0xC7) for lo in big5_lows for b in (hi, lo))
    text = gb.decode("gb2312", errors="replace") + big5.decode("big5", errors="replace")
    return frozenset(ch for ch in text if is_cjk(ch))


# Punctuation and symbols real Chinese pages use; mis-decodings rarely produce them in the right places.
_GOOD_PUNCT = frozenset("，。、；：？！“”‘’（）《》〈〉【】—…·〔〕％＋－")


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation (0..1).

    Text with no non-ASCII characters scores 1.0: there is nothing to doubt.
    """
    common = common_chars()
    n = good = 0
    for ch in text:
        if ch < "\x80":
            continue
        if ch.isspace():
            continue
        n += 1
        if ch in common or ch in _GOOD_PUNCT:
            good += 1
    return 1.0 if n == 0 else good / n


def cjk_count(text: str) -> int:
    return sum(1 for ch in text if is_cjk(ch))
