"""How plausible text is as Chinese: the figures repair and decoding decide by."""

import sys

from hypothesis import given
from hypothesis import strategies as st

from suqian_report.core.hanzi import (
    _PINYIN_VOWELS,
    CJK_PUNCT,
    SPACES,
    cjk_count,
    common_chars,
    plausibility,
    rare_chars,
)


def test_spaces_are_the_characters_python_calls_space():
    beyond_ascii = {chr(c) for c in range(0x80, sys.maxunicode + 1) if chr(c).isspace()}
    assert set(SPACES) == beyond_ascii


def _weighed(ch: str) -> bool:
    """Not ASCII, a space or neutral (a tone-marked pinyin vowel, a full-width form): the definition."""
    return not (ch < "\x80" or ch.isspace() or ch in _PINYIN_VOWELS or "\uff01" <= ch <= "\uff5e")


def _common(ch: str) -> bool:
    return ch in common_chars() or ch in CJK_PUNCT


def _reference(text: str) -> float:
    """The definition, character by character."""
    weighed = [ch for ch in text if _weighed(ch)]
    return 1.0 if not weighed else sum(map(_common, weighed)) / len(weighed)


@given(st.text(alphabet="政府信息公开報告鏀垮簻锟斤拷，。 \u3000１２ābc12\n\xa0\u2003€", max_size=60))
def test_plausibility_and_rare_characters_follow_the_definition(text):
    assert plausibility(text) == _reference(text)
    assert all(ch not in common_chars() and not ch.isspace() and ch >= "\x80" for ch in rare_chars(text))


def _rare(ch: str) -> bool:
    return _weighed(ch) and not _common(ch)


@given(
    st.text(max_size=80)
    | st.text(alphabet="政府報告鏀垮簻锟斤拷，。：；\u3000\uff01\uff5e\uff5f\uff00ǖǘ\x85\x7f\x80𠀀", max_size=40)
)
def test_rare_characters_are_exactly_those_of_the_definition(text):
    assert rare_chars(text) == "".join(ch for ch in text if _rare(ch))


def test_plausibility_of_real_and_garbled_text():
    assert plausibility("政府信息公开年度报告，2013年。") == 1.0
    assert plausibility("鏀垮簻淇℃伅鍏紑") < 0.6  # 政府信息公开, UTF-8 read as GBK
    assert plausibility("abc 123") == 1.0


def test_cjk_count_counts_every_ideograph_block():
    assert cjk_count("政府a𠀀\u3400\uf900,1") == 5
    assert cjk_count("") == 0


@given(st.text(alphabet="政府a1𠀀\u3400 \n", max_size=40), st.integers(0, 45))
def test_cjk_at_least_agrees_with_the_count(text, n):
    from suqian_report.core.hanzi import cjk_at_least

    assert cjk_at_least(text, n) == (cjk_count(text) >= n)
