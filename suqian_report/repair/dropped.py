"""Characters lost between digits, put back only where the evidence is certain.

Crawlers drop 年 and 月 between digits (``201311日`` for ``2013年1月1日``, ``1222日`` for ``12月22日``),
the closing bracket of a document number (``〔202130号``), the 县 of
``3县7区`` and the ``@`` of an e-mail address.  Each fixer here restores one
of these when the calendar (a real month and day), the context (a year the
page talks about, an e-mail label, the same phrase written out elsewhere on
the page) and the digits allow exactly one reading.  An ambiguous case is
left as written.
"""

from __future__ import annotations

import re

from ..core.patterns import Started
from ..rules.lazy import lazy
from .base import Change, Context

# ---------------------------------------------------------------- dates

# 5–8 digits right before 日 or 月, not part of a longer number, with no 年 in them.
_DATE = Started(r"(?<![0-9.\-/年:：])((?:19|20)\d{2})(\d{1,4})(?=[日月])", start=r"[12][09]\d\d\d")
# 年 kept but 月 lost: 2013年1231日
_DATE_NO_MONTH = Started(r"(?<![0-9])((?:19|20)\d{2})年(\d{2,4})(?=日)", start=r"[12][09]\d\d年")
# A month and day with 月 lost, no year before them (于1222日召开): three or four digits right before 日, not a count
# (共, 累计, 第…) nor days of a time limit or a sum (日内, 日以内, 日元).
_MONTH_DAY = Started(
    r"(?<![0-9.\-/年月:：第共计达约近每余])(\d{3,4})(?=日(?!内|以内|之内|元|均|左右))", start=r"\d{3,4}日"
)
_START_WORDS = ("自", "从", "由")
_END_WORDS = ("至", "到", "止", "—", "-", "~")


def _plausible_year(year: int, ctx: Context) -> bool:
    if not 1990 <= year <= 2040:
        return False
    if not ctx.years:
        return True
    return min(ctx.years) - 15 <= year <= max(ctx.years) + 5


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in(year: int, month: int) -> int:
    """The days of a month of the Gregorian calendar (as ``calendar.monthrange``, whose module costs a cold start
    more than this)."""
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap


def _month_day_splits(tail: str, year: int) -> list[tuple[int, int]]:
    """Every (month, day) the digits after the year can be, by the calendar."""
    out = []
    for k in (1, 2):
        m, d = tail[:k], tail[k:]
        if not d or len(d) > 2 or m == "0" or d == "0":
            continue
        mi, di = int(m), int(d)
        if 1 <= mi <= 12 and 1 <= di <= _days_in(year, mi):
            out.append((mi, di))
    return out


def _choose(splits: list[tuple[int, int]], before: str) -> tuple[tuple[int, int] | None, str | None]:
    if len(splits) == 1:
        return splits[0], None
    if not splits:
        return None, None
    # Two readings (201311日: only 1/1; 2013111日: 1/11 or 11/1).  A reporting period starts on 1 January
    # and ends on 31 December; nothing else is certain.
    if before.endswith(_START_WORDS) and (1, 1) in splits:
        return (1, 1), "period start"
    if before.rstrip().endswith(_END_WORDS) and (12, 31) in splits:
        return (12, 31), "period end"
    return None, None


_COUNT_BEFORE = ("共计", "合计", "累计", "总计", "共", "达", "约", "近")


def _fix_date(m: re.Match[str], text: str, ctx: Context):
    year, tail = int(m.group(1)), m.group(2)
    if not _plausible_year(year, ctx) or text[max(0, m.start() - 2) : m.start()].endswith(_COUNT_BEFORE):
        return None  # 共计201399日 is a count, not a date
    if text[m.end()] == "月":  # 20103月 → 2010年3月
        return (f"{year}年{tail}", None) if len(tail) <= 2 and 1 <= int(tail) <= 12 else None
    before = text[max(0, m.start() - 3) : m.start()]
    md, note = _choose(_month_day_splits(tail, year), before)
    if md is None:
        return None
    return f"{year}年{md[0]}月{md[1]}", note


def _fix_month_day(m: re.Match[str], text: str, ctx: Context):
    """月 put back where it splits the digits into the only real month and day (with no year, 29 February is a day:
    a leap year is any of them); the page's digits are kept as written (0229日 → 02月29日)."""
    digits = m.group(1)
    readings = [k for k in (1, 2) if _split_at(digits, k)]
    if len(readings) != 1:
        return None  # 111日: 1月11日 or 11月1日
    k = readings[0]
    return f"{digits[:k]}月{digits[k:]}", "the only month and day these digits can be"


def _split_at(digits: str, k: int) -> bool:
    """``digits`` split after ``k`` is a real month and day (in a leap year)."""
    month, day = digits[:k], digits[k:]
    if not day or len(day) > 2:
        return False
    mi, di = int(month), int(day)
    return 1 <= mi <= 12 and 1 <= di <= _days_in(2000, mi)


def _fix_date_no_month(m: re.Match[str], text: str, ctx: Context):
    year, tail = int(m.group(1)), m.group(2)
    if not _plausible_year(year, ctx):
        return None
    before = text[max(0, m.start() - 3) : m.start()]
    md, note = _choose(_month_day_splits(tail, year), before)
    if md is None:
        return None
    return f"{year}年{md[0]}月{md[1]}", note


class DroppedDate:
    kind = "dropped_date_chars"
    description = "年/月 lost between the digits of a date, restored (201311日 → 2013年1月1日, 1222日 → 12月22日)"

    def detect(self, text: str, ctx: Context) -> bool:
        return any(p.search(text) is not None for p in (_DATE, _DATE_NO_MONTH, _MONTH_DAY))

    def fix(self, text: str, ctx: Context) -> list[Change]:
        changes: list[Change] = []
        for pattern, fn in ((_DATE, _fix_date), (_DATE_NO_MONTH, _fix_date_no_month), (_MONTH_DAY, _fix_month_day)):
            for m in pattern.finditer(text):
                r = fn(m, text, ctx)
                if r:
                    new, note = r
                    if new != m.group(0):
                        changes.append(Change(m.start(), m.end(), new, note))
        changes.sort(key=lambda c: c.start)
        return changes


# ---------------------------------------------------------------- document numbers: 〔202130号 → 〔2021〕30号

_DOCNO = lazy(r"([〔\[［【(（])((?:19|20)\d{2})(\d{1,4})(?=号)")
_CLOSE = {"〔": "〕", "[": "]", "［": "］", "【": "】", "(": ")", "（": "）"}


class DroppedDocNoBracket:
    kind = "dropped_docno_bracket"
    description = "closing bracket lost in a document number, restored (〔202130号 → 〔2021〕30号)"

    def detect(self, text: str, ctx: Context) -> bool:
        return _DOCNO.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        out = []
        for m in _DOCNO.finditer(text):
            if not _plausible_year(int(m.group(2)), ctx):
                continue
            out.append(Change(m.start(), m.end(), f"{m.group(1)}{m.group(2)}{_CLOSE[m.group(1)]}{m.group(3)}"))
        return out


# ---------------------------------------------------------------- 37区 → 3县7区 when the page says 三县七区

_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DIVISION_PHRASE = lazy(r"([一二两三四五六七八九1-9])(县|市|区)([一二两三四五六七八九1-9])(区|县|镇|乡|街道|市)")
_DIVISION_DAMAGED = Started(
    r"(?<![0-9])([1-9])([1-9])(区|县|镇|乡|街道|市)(?=[0-9一二三四五六七八九十两]|个|的|和|、|共|各|政府|人民)",
    start=r"[1-9][1-9][区县镇乡街市]",
)


def _digit(ch: str) -> int:
    return _CN_DIGIT.get(ch) or int(ch)


class DroppedDivision:
    kind = "dropped_division_char"
    description = "administrative unit lost between two counts, restored from the page's own phrase (37区 → 3县7区)"

    def detect(self, text: str, ctx: Context) -> bool:
        return _DIVISION_DAMAGED.search(text) is not None and _DIVISION_PHRASE.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        evidence: dict[tuple[int, int, str], str] = {}
        for m in _DIVISION_PHRASE.finditer(text):
            evidence[(_digit(m.group(1)), _digit(m.group(3)), m.group(4))] = m.group(2)
        out = []
        for m in _DIVISION_DAMAGED.finditer(text):
            key = (int(m.group(1)), int(m.group(2)), m.group(3))
            lost = evidence.get(key)
            if lost:
                phrase = next(
                    p.group(0)
                    for p in _DIVISION_PHRASE.finditer(text)
                    if (_digit(p.group(1)), _digit(p.group(3)), p.group(4)) == key
                )
                out.append(
                    Change(
                        m.start(), m.end(), f"{m.group(1)}{lost}{m.group(2)}{m.group(3)}", f"the page writes {phrase}"
                    )
                )
        return out


# ---------------------------------------------------------------- e-mail addresses that lost their @

_MAIL_DOMAINS = (
    r"(?:vip\.163|vip\.qq|163|126|139|189|qq|sina|sohu|yeah|foxmail|gmail|hotmail|outlook|aliyun|yahoo|21cn|tom)"
)
_MAIL = Started(
    rf"(?<![@\w.\-])([A-Za-z][A-Za-z0-9._\-]*?|[0-9]{{5,12}})({_MAIL_DOMAINS}\.(?:com\.cn|com|net|cn))(?![\w.])",
    start=r"[A-Za-z0-9](?<![@\w.\-].)",
)
_MAIL_LABEL = lazy(r"(邮箱|信箱|邮件|电邮|[Ee]-?mail|EMAIL|Email)[^，。；;\n]{0,12}$")


class DroppedAt:
    kind = "dropped_at_sign"
    description = "@ lost in an e-mail address, restored before a known mail domain (name163.com → name@163.com)"

    def detect(self, text: str, ctx: Context) -> bool:
        # an address ends in .com, .net or .cn: a page that writes none of them holds none (most pages), found
        # without trying the pattern at every run of Latin letters and digits
        if ".com" not in text and ".net" not in text and ".cn" not in text:
            return False
        return _MAIL.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        out = []
        for m in _MAIL.finditer(text):
            if "@" in m.group(0) or not m.group(1):
                continue
            if not _MAIL_LABEL.search(text[max(0, m.start() - 16) : m.start()]):
                continue
            out.append(Change(m.start(), m.end(), f"{m.group(1)}@{m.group(2)}"))
        return out
