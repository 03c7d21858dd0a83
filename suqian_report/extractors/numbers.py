"""Numbers in report text: find them, read them, and say which are not figures.

:func:`scan` finds every number expression: Arabic (``114057``, ``6,721``,
``82.64%``), Chinese numerals before a counter (``二十九件``, ``五次``), with
their multipliers (``136万名`` = 1,360,000), approximations (``2300多份``,
``约703.73万``) and units.  :func:`classify` then says why a number is *not*
a figure (a year, a date, a phone number, a postcode, an index or document
number, an ordinal, a list marker, an address, a name) or returns ``None``:
it is a figure.  Nothing is dropped: every number found is one or the other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.patterns import Started
from ..rules.contacts import PHONE
from ..rules.lazy import lazy
from ..rules.units import APPROX_AFTER, APPROX_BEFORE, CN_COUNTERS, MONEY_UNITS, UNITS

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def chinese_to_int(s: str) -> int | None:
    """Read a Chinese numeral: 二十九 → 29, 一百零五 → 105, 两千三百 → 2300, 一万二千 → 12000, 二〇一三 → 2013."""
    if not s:
        return None
    if all(ch in _CN_DIGITS for ch in s) and len(s) > 1:
        if s[0] in "两" or (len(s) == 2 and s[0] in "一二三四五六七八九" and s[1] in "一二三四五六七八九"):
            return None  # 两三 is a range, 一二 a list: not one number
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))  # digit by digit (二〇一三)
    total = section = digit = 0
    seen = False
    for ch in s:
        if ch in _CN_DIGITS:
            if seen and digit:
                return None  # two digits in a row (三四): a range
            digit = _CN_DIGITS[ch]
            seen = True
        elif ch in _CN_UNITS:
            section += (digit or 1) * _CN_UNITS[ch]
            digit, seen = 0, False
        elif ch in _CN_BIG:
            total += (section + digit) * _CN_BIG[ch]
            section = digit = 0
            seen = False
        else:
            return None
    return total + section + digit


_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_CN_UNIT_RE = "|".join(re.escape(u) for u in sorted(CN_COUNTERS, key=len, reverse=True))
_PRE = "|".join(APPROX_BEFORE)
_POST = "|".join(APPROX_AFTER)

_PRE_FIRST = "".join(sorted({w[0] for w in APPROX_BEFORE}))
_CN_NUMERALS = "零〇○一二两三四五六七八九十百千万亿"
# Each starts with an approximation word or a digit (numeral) that no digit (numeral) stands before.
_ARABIC = Started(
    rf"(?P<pre>{_PRE})?"
    r"(?P<num>(?<![0-9.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![0-9])|(?<![0-9,])\d+(?:\.\d+)?)"
    rf"(?P<post1>余|多)?(?P<mult>万|亿)?(?P<post2>{_POST})?"
    rf"(?:\s?(?P<unit>{_UNIT_RE}))?",
    start=rf"[{_PRE_FIRST}\d](?<![0-9]\d)",
)
_CHINESE = Started(
    rf"(?P<pre>{_PRE})?"
    # Only where a run of numerals starts (and a run of more than 12 is no number): otherwise every position of
    # a long run would be retried and the scan would be quadratic.
    rf"(?<![{_CN_NUMERALS}])(?P<num>[{_CN_NUMERALS}]{{1,12}})(?![{_CN_NUMERALS}])"
    rf"(?P<post1>余|多)?(?P<unit>{_CN_UNIT_RE})",
    start=rf"[{_PRE_FIRST}{_CN_NUMERALS}](?<![{_CN_NUMERALS}][{_CN_NUMERALS}])",
)
_PERCENT_CN = lazy(r"百分之(?P<num>[零一二两三四五六七八九十百]+(?:点[零一二三四五六七八九]+)?)")


# Numbers written as one compound that are never figures: found first, so they count once.  (A ``start`` says
# where a match can begin; see :mod:`suqian_report.patterns`.)
_COMPOSITES: tuple[tuple[str, re.Pattern[str] | Started], ...] = (
    (
        "date",
        Started(
            r"(?<![0-9])(?:19|20)\d\d\s?年\s?\d{1,2}\s?月(?:\s?\d{1,2}\s?[日号])?"
            r"|(?<![0-9])(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}(?![0-9])"
            r"|(?<![0-9])\d{1,2}\s?月\s?\d{1,2}\s?[日号]",
            start=r"(?:19|20)\d\d|\d\d?\s?月",  # (a year, or a month: not every number)
        ),
    ),
    (
        "year",
        Started(
            r"(?<![0-9])(?:19|20)\d\d\s?[-—–~至到]\s?(?:(?:19|20)\d\d|\d\d)\s?年?(?![0-9])",
            start=r"[12][09]\d\d",
        ),
    ),
    ("time", Started(r"(?<![0-9])\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?![0-9])", start=r"\d\d?:")),
    ("phone", Started(rf"(?<![0-9])(?:{PHONE})(?![0-9])", start=r"[(（014](?<![0-9].)")),
    ("postcode", lazy(r"(?:邮政编码|邮编)[:：\s]{0,3}(?P<n>\d{3}[ \u00a0]\d{3})(?![0-9])")),
    (
        "index_number",
        Started(r"(?<![0-9A-Za-z])[0-9A-Za-z]{4,}[/-](?:19|20)\d\d-\d+", start=r"[0-9A-Za-z](?<![0-9A-Za-z].)"),
    ),
    (
        "doc_number",
        Started(
            r"[〔\[［(（]\s?(?:19|20)\d\d\s?[〕\]］)）]\s?第?\d+\s?号|令第\s?\d+\s?号|第\s?\d+\s?号",
            start=r"[〔\[［(（令第]",
        ),
    ),
)
# Addresses on the web: digits inside them are not numbers at all.
# ASCII classes, and a match may only start where a run of them starts: otherwise every position of a long run
# (a one-line page, 10,000 digits) would be tried and the scan would be quadratic.
_NOT_NUMBERS = lazy(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?:https?://|www\.)[A-Za-z0-9./?=&%#:_~-]+"
    r"|(?<![A-Za-z0-9.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|gov)(?![A-Za-z0-9])"
)
# What each of its matches holds: a text with none of them has no address (most pages), and is not searched.
_ADDRESS_MARKS = ("@", "://", "www.", ".com", ".cn", ".net", ".org", ".gov")


@dataclass(slots=True)
class Num:
    """A number found in the text: its value, unit and qualifiers, and where it and its expression sit."""

    start: int  # start of the number as written (raw_text)
    end: int  # end of raw_text (number, 余/多, 万/亿)
    stop: int  # end of the whole expression, unit included
    begin: int  # start of the whole expression, a leading 约/近 included
    raw_text: str
    value: int | float | None
    unit: str | None
    approx: bool
    qualifier: str | None
    chinese: bool = False
    reason: str | None = None  # set for compounds that are never figures (dates, phone numbers…)

    @property
    def span(self) -> tuple[int, int]:
        return self.begin, self.stop


MAX_DIGITS = 15  # longer runs of digits are identifiers or damage, not counts: a float cannot even hold them


def to_number(digits: str) -> int | float | None:
    """``6,721`` → 6721, ``99.96`` → 99.96; None for a run of more than :data:`MAX_DIGITS` digits."""
    digits = digits.replace(",", "")
    if len(digits.partition(".")[0]) > MAX_DIGITS:
        return None
    return float(digits) if "." in digits else int(digits)


def _scale(value: int | float, mult: str | None, unit: str | None) -> tuple[int | float, str | None]:
    if not mult:
        return value, unit
    if unit in MONEY_UNITS:
        return value, unit
    factor = 10_000 if mult == "万" else 100_000_000
    scaled = value * factor
    if isinstance(scaled, float):
        scaled = round(scaled, 6)
        if scaled.is_integer():
            scaled = int(scaled)
    if unit is None:
        return scaled, None
    return scaled, unit


def scan(text: str) -> list[Num]:
    out: list[Num] = []
    taken = bytearray(len(text))
    if any(mark in text for mark in _ADDRESS_MARKS):
        for m in _NOT_NUMBERS.finditer(text):
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for reason, pattern in _COMPOSITES:
        for m in pattern.finditer(text):
            a, b = m.span("n") if "n" in pattern.groupindex else m.span()  # n: the number after its label
            if any(taken[a:b]):
                continue
            out.append(Num(a, b, b, a, text[a:b], None, None, False, None, False, reason))
            taken[a:b] = b"\x01" * (b - a)
    for m in _PERCENT_CN.finditer(text):
        whole, _, frac = m.group("num").partition("点")
        v = chinese_to_int(whole)
        if v is None:
            continue
        value: int | float = v + (float("0." + "".join(str(_CN_DIGITS[c]) for c in frac)) if frac else 0)
        out.append(Num(m.start(), m.end(), m.end(), m.start(), m.group(0), value, "%", False, None, True))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _ARABIC.finditer(text):
        raw_start, end = m.span("num")
        if any(taken[raw_start:end]):
            continue
        pre, digits, post1, mult_written, post2, unit_written = m.group("pre", "num", "post1", "mult", "post2", "unit")
        mult, unit = mult_written, unit_written
        if unit == "万" and not mult:  # 136万 without a following unit
            mult, unit = "万", None
        if unit in ("余",):
            unit = None
        if unit == "％":
            unit = "%"
        post = post1 or post2
        if mult and unit == "元":  # 103.3879万元: money keeps its unit as written
            unit, mult = mult + "元", None
        number = to_number(digits)
        if number is None:  # a run of digits too long to be a count
            out.append(Num(raw_start, end, end, raw_start, digits, None, None, False, None, False, "long_number"))
            continue
        value, unit = _scale(number, mult, unit)
        for g, written in (("post1", post1), ("mult", mult_written), ("post2", post2)):
            if written:
                end = max(end, m.end(g))
        stop = m.end("unit") if unit_written else end
        qualifier = pre or post
        out.append(
            Num(raw_start, end, stop, m.start(), text[raw_start:end], value, unit, qualifier is not None, qualifier)
        )
    for m in _CHINESE.finditer(text):
        if any(taken[m.start("num") : m.end("num")]):
            continue
        v = chinese_to_int(m.group("num"))
        if v is None or v == 0:
            continue
        post = m.group("post1")
        pre = m.group("pre")
        end = m.end("post1") if post else m.end("num")
        qualifier = pre or post
        out.append(
            Num(
                m.start("num"),
                end,
                m.end("unit"),
                m.start(),
                text[m.start("num") : end],
                v,
                m.group("unit"),
                qualifier is not None,
                qualifier,
                True,
            )
        )
    out.sort(key=lambda n: n.start)
    return out


# ---------------------------------------------------------------- what is not a figure

_YEAR_AFTER = lazy(r"^\s?(年|届|版|[-/.]\d)")
_PHONE_LABEL = lazy(r"(电话|热线|传真|手机|联系方式|Tel|TEL|tel)[^，。；\n]{0,12}$")
_HOTLINE_AFTER = lazy(r"^(等?(政务|市民|服务|便民)?热线|便民|服务平台|平台)")
_POSTCODE_LABEL = lazy(r"(邮编|邮政编码)[:：\s]{0,3}$")
_ADDRESS_BEFORE = lazy(r"(路|街|道|巷|大道|大街|村|组|弄|院|广场|大厦|中心|号楼|楼)$")
_ADDRESS_AFTER = lazy(r"^(号楼|号院|楼|层|室|单元|号)")
_MARKER_BEFORE = lazy(r"(^|[。；;:：\n]|\s)\s*[(（]?$")
_MARKER_AFTER = lazy(r"^[)）.．、﹒](?![0-9])")
_RATE_BEFORE = lazy(r"(每[年季月周天日次期人件]?度?|一事|一月|一季|一年)[\u4e00-\u9fff]{0,6}$")
_VAGUE_ONE = lazy(r"^一(个|项|批|种|套|些|次性|站式|体化|系列|起|支|部分|本|类|部|家|名)")
_WORD_BEFORE = ("统", "唯", "单", "同", "万", "之", "逐", "进", "专", "均", "划", "归", "合", "不", "初", "星期")
_NOT_COUNTER_AFTER = lazy(r"^[是来方则者]")

# Reasons a number is not a figure.  "word" marks a numeral inside an ordinary word (统一部署): not a number.
REASONS = (
    "date",
    "year",
    "time",
    "phone",
    "postcode",
    "index_number",
    "doc_number",
    "ordinal",
    "list_marker",
    "address",
    "place_name",
    "name",
    "title_reference",
    "code",
    "rate",
    "phrase",
    "spam",
    "table_label",
    "long_number",
)

# The tests classify makes that the patterns above do not name, compiled once.
_PLUS_NAME_AFTER = lazy(r"^\s?\+\s?[A-Za-zＸ]")
_YEAR_DIGITS = lazy(r"(19|20)\d\d")
_DOC_BRACKET_BEFORE = lazy(r"[〔\[［]\s?$")
_YEAR_MONTH_BEFORE = lazy(r"(年|月)\s?$")
_HAO_AFTER = lazy(r"^\s?号")
_SIX_DIGITS = lazy(r"\d{6}")
_INDEX_LABEL = lazy(r"(索引号|索引)[:：\s]{0,3}$")
_PHONE_DIGITS = lazy(r"\d{7,8}|0\d{9,11}|1[3-9]\d{9}")
_CLOSE_AFTER = lazy(r"^[)）]")
_OPEN_BEFORE = lazy(r"[(（]$")
_DIVISION_DIGIT_AFTER = lazy(r"^(县|区|市)\d")
_DIGIT_DIVISION_BEFORE = lazy(r"\d(县|区|市)$")
_DIVISION_AFTER = lazy(r"^(县|区|市|镇|乡|街道)")


def _inside(text: str, pos: int, open_ch: str, close_ch: str, limit: int) -> bool:
    left = text.rfind(open_ch, max(0, pos - limit), pos)
    if left < 0 or text.rfind(close_ch, left, pos) >= 0:
        return False
    right = text.find(close_ch, pos, pos + limit)
    return right >= 0 and text.find(open_ch, pos, right) < 0


def classify(num: Num, text: str, protected: Sequence[tuple[int, int]] = ()) -> str | None:
    """Why this number is not a figure, or None when it is one."""
    if num.reason:
        return num.reason
    s, e = num.start, num.end
    before = text[max(0, s - 16) : s]
    after = text[e : e + 12]
    digits = text[s:e]
    plain = not num.chinese

    if any(a <= s < b for a, b in protected):
        return "spam"
    if num.chinese:
        if before.endswith(_WORD_BEFORE) or _NOT_COUNTER_AFTER.match(text[num.stop - len(num.unit or "") :]):
            return "word"
        if before.endswith("第"):
            return "ordinal"
        if num.value == 1 and (before.endswith(("每", "算")) or _RATE_BEFORE.search(before)):
            return "rate"
        if num.value == 1 and _VAGUE_ONE.match(text[s : s + 6]):
            return "word"
    if _inside(text, s, "《", "》", 60):
        return "title_reference"
    if _inside(text, s, "“", "”", 12) or _inside(text, s, '"', '"', 10) or _PLUS_NAME_AFTER.match(after):
        return "name"  # “三有”, “1+X”
    if plain and (
        (s and text[s - 1].isascii() and text[s - 1].isalpha())
        or (e < len(text) and text[e].isascii() and text[e].isalpha())
    ):
        return "code"  # H5, A4, 5G
    if (
        plain
        and _YEAR_DIGITS.fullmatch(digits)
        and (_YEAR_AFTER.match(text[e : e + 4]) or num.unit == "年" or _DOC_BRACKET_BEFORE.search(before))
    ):
        return "year"
    if num.unit in ("年", "月", "日") and plain and len(digits) <= 2 and _YEAR_MONTH_BEFORE.search(before):
        return "date"
    if num.unit == "号" or (plain and _HAO_AFTER.match(after)):
        if _ADDRESS_BEFORE.search(before) or _ADDRESS_AFTER.match(after[1:] if after.startswith("号") else after):
            return "address"
        return "doc_number"
    if plain and _ADDRESS_BEFORE.search(before) and _ADDRESS_AFTER.match(after):
        return "address"
    if before.endswith("第"):
        return "ordinal"
    if plain and before.rstrip().endswith(("附件", "附表", "附录")):
        return "list_marker"  # 附件1
    if plain and _SIX_DIGITS.fullmatch(digits) and _POSTCODE_LABEL.search(before):
        return "postcode"
    if plain and _INDEX_LABEL.search(before):
        return "index_number"
    if plain and not num.unit and (_PHONE_DIGITS.fullmatch(digits)) and _PHONE_LABEL.search(before):
        return "phone"
    if plain and not num.unit and len(digits) in (5, 6) and _HOTLINE_AFTER.match(after):
        return "name"  # 12345 热线
    if (
        plain
        and not num.unit
        and len(digits) <= 2
        and (
            (_MARKER_AFTER.match(after) and _MARKER_BEFORE.search(before))
            or (_CLOSE_AFTER.match(after) and _OPEN_BEFORE.search(before))
        )
    ):
        return "list_marker"
    if plain and (
        _DIVISION_DIGIT_AFTER.match(after) or (_DIGIT_DIVISION_BEFORE.search(before) and _DIVISION_AFTER.match(after))
    ):
        return "place_name"  # 3县7区
    if num.value == 1 and _RATE_BEFORE.search(before):
        return "rate"
    return None
