"""Who publishes the report: the body's name as the page writes it, its level and its region.

A reader finds the body in several places, and so does this module, most telling first:

1. the title, when it names a body (宿迁市人民政府办公室2013年…);
2. the sentence that announces the report (现将西安市人民政府2021年…年度报告予以公开, 现公布…);
3. a line under the title holding a name alone (a signature);
4. the metadata panel's 发布机构 (and the page's ContentSource meta tag);
5. the title, when it names a place only (杭州市2025年…): that place's government;
6. the body's own sentences: the compiler (由…编制), the body at work (2019年，海珠区人民政府认真贯彻…), the contact
   (请与…联系).

A place from the title gives way to a body of that place the text names in (6); an internal office gives way to its
body (苍溪县农业农村局办公室 → 苍溪县农业农村局); a name written without its place (市政府办公厅) takes the place the
page names; and the name kept is the fullest form the page writes of that body (崇礼镇人民政府 → 眉山市东坡区崇礼镇
人民政府).  Asides (以下简称…) and injected spam are cut.

The level and the region follow from the name's grammar (:mod:`suqian_report.rules.places`), so that places no
rule lists work: a government has its place's level, and so do its general office and the office that compiles its
report; every other body is a ``department``.  With no name, the way the text speaks of itself (我局, 我县) tells
the level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.hanzi import is_cjk
from ..rules import places as words
from ..rules.lazy import lazy
from ..rules.spam import BRANDS

_CJK = r"[\u4e00-\u9fff]"
_YEAR = r"(?:19|20)\d\d\s*年度?"
_GENRE = r"(?:政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)"


def _alt(items) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def _grammar() -> re.Pattern[str]:
    """A place at the start of a name: its units, each a stem and a suffix, going down the levels.

    It is matched on the name's leading run of Chinese characters only (:func:`_places`), so a stem is any character
    but the words it may not hold: a class of a few words, where "a Chinese character but…" would cost a class
    of 21,000 characters at each of the twelve places a stem stands (about 15 ms of compiling, most of a cold
    start's time in this module).  Every word of the grammar is Chinese, so a match never reaches past that run."""
    stem = rf"[^{words.UNIT_CHARS}{words.NOT_IN_STEMS}]"
    one = rf"(?![{words.NOT_STEMS}]){stem}"

    def unit(longest: int, suffixes) -> str:
        # 州 ends a unit only where no 市 or 县 follows (杭州市 is one unit, not 杭州 + 市)
        tail = "|".join("州(?![市县])" if s == "州" else re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
        return rf"(?:{one}|{stem}{{2,{longest}}}?)(?:{tail})"

    zone = unit(10, words.ZONE)
    return re.compile(
        rf"(?P<province>{_alt(words.MUNICIPALITIES)}|{unit(8, words.PROVINCE)})?"
        rf"(?P<prefecture>{unit(9, words.PREFECTURE)})?"
        rf"(?P<county>{zone}|{unit(8, words.COUNTY)})?"
        rf"(?P<township>{unit(6, words.TOWNSHIP)})?"
        rf"(?P<zone>{zone})?"
    )


_RELATIVE = lazy(r"^([省市县区旗镇乡])(?!场|政(?!府)|容|民|域|城|村|镇|级|直|属|县|区|乡)")
_ORG_END = lazy(rf"(?:{_alt(words.ORG_SUFFIXES)})(?:{words.ALIAS})?$")
_HEAD = lazy(rf"{_CJK}*?(?:{_alt(words.ORG_SUFFIXES)})(?:{words.ALIAS})?")
_GOV_HEAD = lazy(rf"^(?:{_alt(words.GOVERNMENT)})$")
_OFFICE_HEAD = lazy(rf"^(?:{_alt(words.GOVERNMENT_OFFICE)})$")
_DISCLOSURE = lazy(words.DISCLOSURE_OFFICE)
_INTERNAL = lazy(rf"^(.+?(?:{_alt(words.ORG_SUFFIXES)}))(?:{_alt(words.INTERNAL_OFFICE)})$")


@dataclass(frozen=True, slots=True)
class Body:
    """A body's name read by its grammar: the place units it opens with, and the rest (its head)."""

    name: str
    units: tuple[str, ...]  # 宿迁市, 宿城区
    suffixes: tuple[str, ...]  # the level word of each unit: 市, 区
    head: str  # 人民政府, 发改局; empty for a place alone
    relative: str = ""  # 市 of 市政府办公厅: a level word standing for the page's own place

    @property
    def place(self) -> str:
        return "".join(self.units)

    @property
    def is_place(self) -> bool:
        return bool(self.units) and not self.head

    @property
    def is_zone(self) -> bool:
        return bool(self.suffixes) and self.suffixes[-1] in words.ZONE

    def government_level(self) -> str | None:
        """The level of the government of this body's place."""
        if self.units:
            if self.is_zone:
                return None
            if len(self.units) == 1 and self.units[0] in words.MUNICIPALITIES:
                return "province"
            suffix = self.suffixes[-1]
            if suffix == "市" and len(self.units) >= 2 and self.suffixes[-2] in ("市", "自治州", "州", "盟", "地区"):
                return "county"  # a county-level city under a city
            return "city" if suffix == "市" else words.LEVEL_OF_SUFFIX.get(suffix)
        if self.relative:
            return words.SELF_PLACE.get(self.relative)
        return None

    def speaks_for_government(self) -> bool:
        """The government itself, its general office, or the office that compiles its report."""
        head = _base(self.head)
        return bool(
            _GOV_HEAD.match(head) or _OFFICE_HEAD.match(head) or (_DISCLOSURE.search(head) and not self.is_zone)
        )

    def level(self) -> str:
        if self.is_place:
            return "department" if self.is_zone else (self.government_level() or "department")
        if self.speaks_for_government():
            return self.government_level() or "department"
        return "department"


def _base(head: str) -> str:
    """A head without its bracketed second name."""
    return re.sub(words.ALIAS + "$", "", head)


def parse(name: str) -> Body | None:
    """A name read as a place and a head; None when it is neither a place nor a body's name."""
    if not name:
        return None
    m = _places(name)
    units, suffixes = [], []
    if m:
        for group in ("province", "prefecture", "county", "township", "zone"):
            u = m.group(group)
            if u:
                units.append(u)
                suffixes.append(_suffix_of(u))
    head = name[m.end() if m else 0 :]
    relative = ""
    if not units and (r := _RELATIVE.match(head)) and _ORG_END.search(head[1:]):
        relative, head = r.group(1), head[1:]
    if head and not _HEAD.fullmatch(head):
        return None
    if not units and not relative and len(_ORG_END.sub("", head)) < 2:
        return None  # 政府, 人民政府: a word, not a name
    if not units and not head:
        return None
    return Body(name, tuple(units), tuple(suffixes), head, relative)


def _places(name: str) -> re.Match[str] | None:
    """The grammar's match at the start of ``name``, within its leading run of Chinese characters."""
    end = 0
    for ch in name:
        if not "\u4e00" <= ch <= "\u9fff":
            break
        end += 1
    return _grammar().match(name, 0, end)


def _suffix_of(unit: str) -> str:
    if unit in words.MUNICIPALITIES:
        return "市"
    for group in (words.ZONE, words.PROVINCE, words.PREFECTURE, words.COUNTY, words.TOWNSHIP):
        for s in sorted(group, key=len, reverse=True):
            if unit.endswith(s) and len(unit) > len(s):
                return s
    return unit[-1]


# ---------------------------------------------------------------- names in running text


def _boundary(text: str, i: int) -> bool:
    """A name may start at ``i``: at the start, after a character that is not a Chinese one, or after a word that
    stands before a name (在, 由, 向…); never on such a word itself."""
    if i > 0 and text[i] in _BEFORE_NAME:
        return False
    return i == 0 or not is_cjk(text[i - 1]) or text[i - 1] in _BEFORE_NAME


_BEFORE_NAME = frozenset("在由向与和及经对将为是从据按即于给把被请")
_STOPS = lazy(rf"(?:{_alt(words.NAME_STOPS)})")


def name_at(text: str, start: int, end: int | None = None) -> Body | None:
    """The body named at ``text[start:]`` (ending before ``end``): the first name there that ends in a body's
    word and is followed by a stop (a verb, a connective, punctuation or the end)."""
    end = len(text) if end is None else end
    for m in _org_ends().finditer(text, start, min(end, start + 40)):
        stop = m.end()
        if stop < end and is_cjk(text[stop]) and not _STOPS.match(text, stop):
            continue
        name = clean_name(text[start:stop])
        if _NOT_A_NAME.search(name):
            return None
        body = parse(name)
        return body if body is not None and not body.is_place else None
    return None


# Words no body's name holds (我局在…门户网站, 主要问题和改进措施我局 are clauses, not names).
_NOT_A_NAME = lazy(r"^[本该]|[我在的对将于从]|情况|问题|措施|工作|网站$")


@lru_cache(maxsize=1)
def _org_ends() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alt(words.ORG_SUFFIXES)})(?:{words.ALIAS})?")


_ASIDE = lazy(words.ASIDE)


def clean_name(name: str) -> str:
    """A name as a user wants it: asides (以下简称…), spam brand names, page furniture and spaces cut."""
    name = _ASIDE.sub("", name)
    name = BRANDS.sub("", name)
    name = re.sub(r"\s+", "", name)
    # Anything before the last character that no name holds (BET3365手机下载…林业服务中心): not the name.
    tail = re.split(r"[^\u4e00-\u9fff()（）]+", name)[-1]
    if tail != name:
        name = re.sub(r"^(?:手机|下载|官网|官方|平台|网站|客户端|入口|注册|登录|版)+", "", tail)
    return name.strip("()（）") if name.count("(") + name.count("（") != name.count(")") + name.count("）") else name


# ---------------------------------------------------------------- where the page names its body

# 现公布…年度报告, 现将…年度报告予以公开: the report named by the sentence that publishes it.
_REPORT_NAME = rf"(?:{_YEAR})?[^，。；,;《》“”\s]{{2,40}}?(?:{_YEAR})?(?:{_GENRE}|(?:政府)?(?:信息公开|政务公开)工作)"
_ANNOUNCED = lazy(
    rf"(?:现|特|并|予以)(?:向社会)?(?:公布|公开|发布|印发)《?(?P<what>{_REPORT_NAME})"
    rf"|现将《?(?P<what2>{_REPORT_NAME})》?(?:予以公开|予以公布|向社会公开|向社会公布|公布如下|公开如下)"
)
_COMPILER = lazy(r"由([^，。；,;]{2,40}?)(?:综合|根据|依据|按照|负责|牵头|会同|组织|结合)?[^，。；]{0,40}?编制")
_SUBJECT = lazy(rf"(?:^|[。\n])\s*{_YEAR}(?:以来|全年|上半年)?\s*[,，]?\s*")
_CONTACT = lazy(r"(?:请(?:与|联系)|可致电|请致电|联系单位[:：]|请联系[:：]?)\s*")
_SELF_GOVERNMENT = lazy(r"(?:我|本)(省|自治区|市|州|盟|县|旗|区|镇|乡|街道)(?:人民)?政府")


@dataclass(slots=True)
class Publisher:
    name: str | None = None
    level: str | None = None
    region: str | None = None
    source: str | None = None  # where the name was found


def announced(head: str) -> tuple[str, str | None] | None:
    """(the report's name as the announcing sentence gives it, the body it names first) or None."""
    m = _ANNOUNCED.search(head)
    if m is None:
        return None
    what = m.group("what") or m.group("what2")
    if re.search(r"本(?:级|机关|单位)|我(?:局|委|办)", what):
        return what, None
    name = re.sub(rf"^{_YEAR}", "", what)
    name = re.split(rf"{_YEAR}|(?:政府)?(?:信息公开|政务公开)", name, maxsplit=1)[0]
    if name.endswith("人民") and what.find(name + "政府") >= 0:
        name += "政府"
    return what, name or None


def find(panel_name: str | None, title: str | None, head: str, signature: list[str]) -> Publisher:
    """The publisher from the panel's name, the title, the opening text and the lines under the title."""
    sources: list[tuple[str, Body]] = []

    def add(source: str, name: str | None) -> None:
        if name and (body := parse(clean_name(name))) is not None:
            sources.append((source, body))

    add("title", _title_name(title or ""))
    if (a := announced(head)) is not None:
        add("announced", a[1])
    for line in signature:
        add("signature", line if _ORG_LINE.fullmatch(line) else None)
    add("panel", panel_name)
    text_bodies = _text_bodies(head)
    place = next((b for _s, b in sources if b.is_place), None)
    chosen = next(((s, b) for s, b in sources if not b.is_place), None)
    if chosen is None and place is not None:
        # a place alone: the body of that place the text names as its own, else the place's government
        of_place = [
            (s, b) for s, b in text_bodies if s != "contact" and _same_place(b, place) and b.speaks_for_government()
        ]
        chosen = of_place[0] if of_place else ("title", _government_of(place))
    if chosen is None and text_bodies:
        chosen = next(((s, b) for s, b in text_bodies if b.units), text_bodies[0])
    level = _self_level(head)
    if chosen is None and (government := _named_government(head, level)) is not None:
        chosen = ("named", government)
    if chosen is None:
        if level is not None:
            return Publisher(level=level, source="the way the text speaks of itself (我局, 我县…)")
        level = _government_spoken_of(head)
        return Publisher(level=level, source="the government the text speaks of (市政府, 县政府…)" if level else None)
    source, body = chosen
    body = _qualified(body, ([place] if place else []) + [b for _s, b in sources + text_bodies])
    if source in _TEXT_SOURCES:
        body = _clerk_of(body)
    body = _fullest(body, head, [b for _s, b in sources + text_bodies])
    return Publisher(body.name, body.level(), body.place or None, source)


_TEXT_SOURCES = ("subject", "compiler", "contact")
_ORG_LINE = lazy(rf"{_CJK}{{2,30}}(?:{words.ALIAS})?")


def _title_name(title: str) -> str | None:
    """The body a title names: before its year (宿迁市人民政府办公室2013年…), after it (2019年上海市人民政府办公厅…),
    or before the genre's name (来凤县人民政府信息公开年度报告)."""
    t = re.sub(r"\s+", "", title)
    for pattern in (
        rf"^(.{{2,40}}?)(?:关于)?{_YEAR}",
        rf"^{_YEAR}(.{{2,30}}?){_GENRE}",
        rf"^(.{{2,30}}?){_GENRE}",
    ):
        m = re.match(pattern, t)
        if m:
            name = m.group(1)
            if name.endswith("人民") and t[m.end(1) : m.end(1) + 2] == "政府":
                name += "政府"
            return name
    return None


def _text_bodies(head: str) -> list[tuple[str, Body]]:
    """Bodies the opening text names as its own: the body at work in a sentence opening with the year, the
    compiler, the contact; in that order."""
    out: list[tuple[str, Body]] = []
    for source, pattern in (("subject", _SUBJECT), ("compiler", _COMPILER), ("contact", _CONTACT)):
        for m in pattern.finditer(head):
            at = m.start(1) if source == "compiler" else m.end()
            if source == "subject" and (g := _SELF_GOVERNMENT.match(head, at)):
                out.append((source, Body(g.group(0), (), (), "人民政府", relative=g.group(1))))
                continue
            body = name_at(head, at, m.end() if source == "compiler" else None)
            if body is not None:
                out.append((source, body))
    return out


def _same_place(body: Body, place: Body) -> bool:
    """``body`` is of ``place`` (江岸区人民政府 of 武汉市江岸区), or names it by its level word (市政府办公厅 of 昆明市)."""
    if body.units:
        return place.place.endswith(body.place) or body.place.endswith(place.place)
    return bool(body.relative) and place.suffixes[-1].endswith(body.relative)


def _government_of(place: Body) -> Body:
    if place.is_zone:
        return place
    return Body(place.name + "人民政府", place.units, place.suffixes, "人民政府")


def _qualified(body: Body, others: list[Body]) -> Body:
    """A name written without its place (市政府办公厅, 区集体经济发展服务署) with the page's place put back: the units
    of another name on the page, down to the one the level word stands for."""
    if body.units or not body.relative:
        return body
    for other in others:
        for k in range(len(other.units) - 1, -1, -1):
            if other.suffixes[k].endswith(body.relative):
                units, suffixes = other.units[: k + 1], other.suffixes[: k + 1]
                return Body("".join(units) + body.head, units, suffixes, body.head)
    return body


def _clerk_of(body: Body) -> Body:
    """The internal office of a department or a township stands for it (苍溪县农业农村局办公室 → 苍溪县农业农村局;
    两城镇人民政府党政办公室 → 两城镇人民政府); a government's general office (人民政府办公室) is a body of its own."""
    m = _INTERNAL.match(body.head)
    if m is None or _OFFICE_HEAD.match(body.head):
        return body
    parent = Body(body.place + m.group(1), body.units, body.suffixes, m.group(1))
    if parent.speaks_for_government() and parent.government_level() not in ("township", "subdistrict"):
        return body
    return parent


def _fullest(body: Body, text: str, named: list[Body]) -> Body:
    """The fullest form the page writes of the body's name (眉山市东坡区崇礼镇人民政府 for 崇礼镇人民政府; the panel's
    宿迁市人民政府办公室 for the title's 宿迁市政府办公室): a name in the text or among ``named`` that ends in the same
    last unit and head, with 人民政府 for 政府 or more units before it."""
    if not body.units:
        return body
    last = body.units[-1]
    heads = {body.head, re.sub(r"^人民政府", "政府", body.head), re.sub(r"^政府", "人民政府", body.head)}

    def fuller(other: Body | None, best: Body) -> bool:
        return (
            other is not None
            and other.units[-1:] == (last,)
            and other.head in heads
            and other.place.endswith(body.place)
            and (other.head.startswith("人民"), len(other.units)) > (best.head.startswith("人民"), len(best.units))
        )

    best = body
    for named_body in named:
        if fuller(named_body, best):
            best = named_body
    for h in heads:
        for m in re.finditer(re.escape(last + h), text):
            if h.startswith("政府") and text.startswith("信息公开", m.end()):
                continue  # (安乡县政府信息公开…: 政府 of 政府信息公开, not a name)
            if _ADDRESS.search(text, max(0, m.start() - 12), m.start()):
                continue  # an address names a place to go, not the body (地址:微山县两城镇人民政府驻地…)
            if _runs_on(text, m.end(), h):
                continue  # (…人民政府办 of …人民政府办公室: another name)
            for q in range(max(0, m.start() - 16), m.start() + 1):
                written = parse(text[q : m.end()]) if _boundary(text, q) else None
                if written is not None and written.units:
                    if fuller(written, best):
                        best = written
                    break
    return best


def _runs_on(text: str, end: int, head: str) -> bool:
    """The name ending at ``end`` with ``head`` goes on into a longer name's last word (…政府办 of …政府办公室)."""
    last = _ORG_END.search(head)
    if last is None:
        return False
    longer = _org_ends().match(text, end - (len(head) - last.start()))
    return longer is not None and longer.end() > end


_ADDRESS = lazy(r"地址[:：]?[^，。；,;]*$")
_SELF_DEPARTMENT = lazy(words.SELF_DEPARTMENT)
_SELF_PLACE = lazy(r"(?:我|本)(" + _alt(words.SELF_PLACE) + r")(?!级|内|外)")


def _named_government(head: str, level: str | None) -> Body | None:
    """The government of the level the text speaks as (我镇 → a 镇's government) that the text names."""
    suffixes = [s for s, lv in words.LEVEL_OF_SUFFIX.items() if lv == level]
    if level in (None, "department") or not suffixes:
        return None
    for m in re.finditer(rf"(?:{_alt(suffixes)})(?:人民)?政府(?!信息公开)", head):
        for q in range(max(0, m.start() - 16), m.start()):
            if _boundary(head, q) and (body := parse(head[q : m.end()])) is not None and body.units:
                return body
    return None


_GOVERNMENT_WORD = lazy(r"(省|自治区|市|州|县|旗|区|镇|乡)(?:人民)?政府(?!信息公开)")


def _government_spoken_of(head: str) -> str | None:
    """A text that names no body and never says 我…: the level of the government it speaks of, when one is spoken
    of three times or more and twice as often as any other (市政府常务会议, 市政府门户网站…: a city's report)."""
    counts: dict[str, int] = {}
    for m in _GOVERNMENT_WORD.finditer(head):
        level = words.SELF_PLACE[m.group(1)]
        counts[level] = counts.get(level, 0) + 1
    ranked = sorted(counts.values(), reverse=True) + [0]
    if ranked[0] >= 3 and ranked[0] >= 2 * ranked[1]:
        return max(counts, key=lambda k: counts[k])
    return None


def _self_level(head: str) -> str | None:
    """The level of a body the text names only by the way it speaks of itself: 我局 (a department), 我县…"""
    if _SELF_DEPARTMENT.search(head):
        return "department"
    counts: dict[str, int] = {}
    for m in _SELF_PLACE.finditer(head):
        level = words.SELF_PLACE[m.group(1)]
        counts[level] = counts.get(level, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else None
