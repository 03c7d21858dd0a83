"""Figures stated in prose: label, scope, section and key for every number.

For each number in a body paragraph this module finds its sentence, the
words before it in its clause (the label as written), whose figure it is (the
scope: 全市, 市本级, the portal…), the section it sits in, and its key.  Runs
of figures that break a total down (``包括概况信息91条、行政公文4405条…``) are
recognised as lists, so categories get ``proactive.by_category.*`` keys and a
sum check.  (Statements of zero written in words are :mod:`.zeros`.)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

from ..core.offsets import SpanSet
from ..rules.keys import (
    CATEGORY_SLUGS,
    CHANNELS,
    LABEL_LEAD,
    LABEL_TAIL,
    LABEL_VERB,
    MEASURE_WORDS,
    NOUN_STOP,
    PORTAL,
    PROSE_RULES,
    SCOPES,
    VERBS_BEFORE_NOUN,
)
from ..rules.lazy import lazy
from .numbers import Num

_SENTENCE_END = "。！？!?\n"
_STRONG = "，,；;：:"
_CLAUSE_END = "，,；;。：:、！？!?\n(（)）"
# Words that introduce a breakdown (其中…, 包括：…, an opening bracket).
_INTRO = lazy(r"(包括|其中|分别为|分别是|含|主要有|主要包括|具体为|涵盖|[（(](?!\d))[：:]?")
_LIST_INTRO = lazy(_INTRO.pattern + "$")
# What may stand between two parts of a breakdown: a separator and a short label, no number.
_ITEM_GAP = lazy(r"[、，,；;]?[^，,；;。0-9]{1,20}")
# Words between two parts that end a breakdown: a new total (共办理…), an addition (另有…), a new clause.
_LIST_STOP = lazy(r"另有|另外|此外|还有|同时|共|合计|总计|累计|[（）()]")
# Introducers that promise the whole: the parts must add up.  (其中, 含 may list only some.)
_COMPLETE = lazy(r"包括|分别为|分别是|具体为|[（(]")
_PAREN = lazy(r"[(（][^)）]*[)）]")


@dataclass
class Stated:
    """A figure found in prose, before it becomes a :class:`~suqian_report.model.Figure`."""

    num: Num
    sentence: tuple[int, int]
    prefix: str  # the clause before the number, as written
    suffix: str  # the clause after the unit, as written
    label: str
    scope: str | None
    key: str | None = None
    note: str | None = None
    parent: Stated | None = None
    children: list[Stated] = field(default_factory=list)
    complete: bool = False  # the breakdown promises the whole (包括…, 分别为…), not just some parts (其中…)
    parent_channel: str | None = None  # 在网站公开的信息中，包括…: the parts of an earlier channel's figure
    derived: bool = False


_SENTENCE_ENDS = lazy("[" + re.escape(_SENTENCE_END) + "]")


def sentence_ends(text: str) -> list[int]:
    """Positions of the characters that end a sentence, for :func:`sentence_at`."""
    return [m.start() for m in _SENTENCE_ENDS.finditer(text)]


def sentence_at(text: str, pos: int, ends: list[int]) -> tuple[int, int]:
    """The sentence holding ``pos``: from after the previous sentence end to its own (``ends``: sentence_ends)."""
    k = bisect_left(ends, pos)
    a = ends[k - 1] + 1 if k else 0
    b = ends[k] + 1 if k < len(ends) else len(text)
    if text[b - 1 : b] == "\n":
        b -= 1
    return a, b


_INLINE_HEADING = lazy(r"^[一二三四五六七八九十]+[、.．][^，。；]{0,24}?(情况|概述|做法|措施|事项)")


def clean_label(prefix: str) -> str:
    prefix = _INLINE_HEADING.sub("", prefix)  # …依申请公开工作情况2013年共受理: a heading saved on the same line
    label = _PAREN.sub("", prefix) if len(_PAREN.sub("", prefix)) >= 2 else prefix
    label = label.strip(" \t、，,；;：:")
    for _ in range(3):
        label = LABEL_LEAD.sub("", label)
        label = LABEL_TAIL.sub("", label).strip(" 、，,")
    return label


def _noun_after(suffix: str) -> str:
    m = NOUN_STOP.search(suffix)
    if m and m.start() <= 1 and m.group(0) == "的":  # 三项新的重大任务: 新 alone says nothing
        m = NOUN_STOP.search(suffix, m.end())
    return (suffix[: m.start()] if m else suffix)[:12]


def make_label(num: Num, prefix: str, suffix: str) -> str:
    label = clean_label(prefix)
    if len(label) > 14:
        # …门户网站、《…公报》等平台主动公开规章: after an enumeration of channels, the verb and its object
        verbs = [m for m in LABEL_VERB.finditer(label) if re.search(r"[、等]", label[: m.start()])]
        if verbs and len(label) - verbs[-1].start() >= 3 and label[verbs[-1].end() : verbs[-1].end() + 1] != "的":
            label = label[verbs[-1].start() :]
    noun = _noun_after(suffix) if suffix and "\u4e00" <= suffix[0] <= "\u9fff" else ""
    # A label is weak when empty, when a verb ends it (召开 | 3场新闻发布会), or when it breaks off at 和/及/与/、.
    weak = (
        not label
        or VERBS_BEFORE_NOUN.search(prefix.rstrip()) is not None
        or prefix.rstrip().endswith(("和", "及", "与", "、"))
    )
    if num.unit in MEASURE_WORDS and noun:
        if weak:
            return noun
        return label + noun if len(label) <= 10 else noun
    if weak and suffix and "\u4e00" <= suffix[0] <= "\u9fff":
        phrase = _noun_after(suffix.lstrip("的")) or re.split(r"[，,；;。：:、]", suffix, maxsplit=1)[0][:12]
        if phrase:
            return phrase
    return label or (suffix[:12] if suffix else "")


_SUBJECT = lazy(r"^(?:(?:19|20)\d\d年(?:度|以来|全年)?[，,]?)?")


def _scope(text: str, sent_start: int, pos: int, prefix: str) -> str | None:
    """Whose figure: a scope word in the clause, else one in subject position at the sentence start."""
    portal = PORTAL.search(prefix)
    if portal:
        return portal.group(1) or portal.group(2)
    found = None
    for m in SCOPES.finditer(prefix):
        found = m.group(0)
    if found:
        return found
    head = text[sent_start:pos]
    subject = _SUBJECT.match(head)  # it matches any text, at least the empty string
    scope = SCOPES.match(head, subject.end() if subject else 0)
    return scope.group(0) if scope else None


def find_stated(text: str, nums: list[Num], figure_nums: set[int], skip: list[tuple[int, int]]) -> list[Stated]:
    """``nums``: every number of the clean text; ``figure_nums``: indexes of those that are figures."""
    out: list[Stated] = []
    prev_stop = 0
    ends = sentence_ends(text)
    tables = SpanSet(skip)
    for i, num in enumerate(nums):
        if i not in figure_nums or tables.covers(num.start):
            continue
        s0, s1 = sentence_at(text, num.begin, ends)
        strong = max((text.rfind(ch, s0, num.begin) for ch in _STRONG), default=-1)
        start = max(s0, strong + 1)
        if s0 <= prev_stop <= num.begin and prev_stop > strong:
            # another figure earlier in this clause: this one's label starts after the last 、
            start = max(prev_stop, text.rfind("、", prev_stop, num.begin) + 1)
        prefix = text[start : num.begin]
        end = num.stop
        while end < s1 and end - num.stop < 24 and text[end] not in _CLAUSE_END:
            end += 1
        suffix = text[num.stop : end]
        label = make_label(num, prefix, suffix)
        out.append(Stated(num, (s0, s1), prefix, suffix, label, _scope(text, s0, num.begin, prefix)))
        prev_stop = num.stop
    _link_lists(text, out)
    _assign_keys(text, out)
    return out


_OF_CHANNEL = lazy(r"在?([^，。；]{0,8}?)(?:公开|发布)的[^，。；]{0,6}中[，,]?\s*(?:包括|其中|分别为|主要有)")


def _link_lists(text: str, stated: list[Stated]) -> None:
    """Mark runs of short same-unit items after an introducer as the breakdown of the figure before them.

    A breakdown may also name what it breaks down without repeating its number (在网站公开的信息中，包括…):
    it is then the parts of the earlier figure for that channel."""
    _lists_by_reference(text, stated)
    i = 0
    while i < len(stated):
        head = stated[i]
        j = i + 1
        run: list[Stated] = []
        while j < len(stated):
            st = stated[j]
            if st.num.unit != head.num.unit:
                break
            # The first part may open the next sentence (…46条。其中工作动态类36条；…); the parts share one.
            if st.sentence != (run[0].sentence if run else head.sentence) and (
                run or not re.match(r"^\s*。\s*(其中|包括|分别为|具体为)", text[head.num.stop : st.num.begin])
            ):
                break
            gap = text[(run[-1] if run else head).num.stop : st.num.begin]
            if run and (not _ITEM_GAP.fullmatch(gap) or _LIST_INTRO.search(clean_intro(gap)) or _LIST_STOP.search(gap)):
                break
            if not run and (not _LIST_INTRO.search(clean_intro(gap)) or _LIST_STOP.search(clean_intro(gap)[:-1])):
                break
            run.append(st)
            j += 1
        if len(run) >= 2:
            intro = clean_intro(text[head.num.stop : run[0].num.begin])
            head.complete = bool(_COMPLETE.search(intro)) and "其中" not in text[head.num.stop : run[0].num.begin]
            for st in run:
                st.parent = head
                if head.scope and not SCOPES.search(st.prefix) and not PORTAL.search(st.prefix):
                    st.scope = head.scope
            head.children = run
            i = j
        else:
            i += 1


def _lists_by_reference(text: str, stated: list[Stated]) -> None:
    first_in_sentence: dict[tuple[int, int], int] = {}
    for st in stated:
        first_in_sentence[st.sentence] = min(first_in_sentence.get(st.sentence, st.num.begin), st.num.begin)
    i = 0
    while i < len(stated):
        st = stated[i]
        s0 = st.sentence[0]
        if first_in_sentence[st.sentence] < st.num.begin:
            i += 1
            continue
        m = _OF_CHANNEL.search(text, s0, st.num.begin)
        named = channels_named(m.group(1)) if m else []
        if len(named) != 1:
            i += 1
            continue
        run = [st]
        j = i + 1
        while (
            j < len(stated)
            and stated[j].sentence == st.sentence
            and stated[j].num.unit == st.num.unit
            and _ITEM_GAP.fullmatch(text[run[-1].num.stop : stated[j].num.begin])
        ):
            run.append(stated[j])
            j += 1
        if len(run) >= 2:
            for part in run:
                part.parent_channel = named[0]
        i = j


def clean_intro(gap: str) -> str:
    """The words between a total and its first item, minus the item's own label."""
    m = _INTRO.search(gap)
    return gap[: m.end()] if m else gap


_CATEGORY_TAIL = lazy(r"(类信息|类|信息|更新量|数量|量|方面)+$")


def category_slug(label: str) -> str:
    """A stable key part for a category label: from the table, else its pinyin (工作动态类 → work_updates)."""
    core = label.strip().split("等")[-1]  # 公开指南、公开制度等制度类信息: the category is 制度类
    core = _CATEGORY_TAIL.sub("", core) or core
    for cand in (label.strip(), core, core + "信息"):
        if cand in CATEGORY_SLUGS:
            return CATEGORY_SLUGS[cand]
    return _pinyin_slug(core) if len(core) <= 64 else _pinyin_slug.__wrapped__(core)


@lru_cache(maxsize=4096)
def _pinyin_slug(core: str) -> str:
    """A category the table does not know, named by its pinyin (a pure function of the label, and pypinyin takes
    0.15 ms a label: each is worked out once)."""
    from pypinyin import lazy_pinyin

    slug = "_".join(p for p in lazy_pinyin(core) if p.isascii() and p.isalnum())
    return re.sub(r"[^a-z0-9_]", "", slug.lower())[:40].rstrip("_") or "unnamed"


def channels_named(text: str) -> list[str]:
    return [name for name, pattern in CHANNELS.items() if pattern.search(text)]


def _assign_keys(text: str, stated: list[Stated]) -> None:
    used: dict[str, Stated] = {}
    # The figure before each one in its sentence, by unit and not a percentage: looked up, not searched for (a
    # sentence may hold thousands of figures).
    last_of_unit: dict[tuple[tuple[int, int], str | None], Stated] = {}
    last_count: dict[tuple[int, int], Stated] = {}
    for st in stated:
        key = None
        if st.parent_channel and st.parent is None:
            parent = used.get(f"proactive.by_channel.{st.parent_channel}")
            if parent is not None and parent.num.unit == st.num.unit:
                st.parent = parent
                if st not in parent.children:
                    parent.children.append(st)
                    parent.complete = True
        if st.parent is not None and (st.parent.key or "").startswith("proactive.") and st.num.unit in ("条", "件"):
            named = channels_named(st.label)
            if len(named) == 1 and not (st.parent.key or "").startswith("proactive.by_channel"):
                key = f"proactive.by_channel.{named[0]}"  # the parts of a total are channels, not categories
            else:
                key = f"proactive.by_category.{category_slug(st.label)}"
        if key is None:
            key = _rule_key(text, st)
        if key and key.startswith("proactive.by_channel.") and len(channels_named(st.prefix)) > 1:
            # several channels named: their total, if it is a count of disclosed information at all
            key = "proactive.total" if _TOTAL_RULE.label.search(st.prefix) else None
        if key and key in used:
            st.note = f"also reads as {key}; the first such figure holds the key"
            key = None
        if key:
            used[key] = st
        st.key = key
        if st.parent is not None and st.key is None and st.parent.key:
            st.note = f"part of {st.parent.key}"
        if not st.label and st.parent is not None:
            st.label = st.parent.label
        if st.num.unit == "%" and re.search(r"(占|占比|比例为|比重为)$", st.prefix.strip()):
            prev = last_count.get(st.sentence)
            if prev is not None:
                st.label = f"{prev.label}占比"  # 予以公开258件，占33.9%: the share of the figure before it
        if st.label in ("", None) or (st.scope and clean_label(st.prefix) == ""):
            prev = last_of_unit.get((st.sentence, st.num.unit))
            if prev is not None and st.scope and not clean_label(st.prefix):
                st.label = f"{prev.label}（{st.scope}）"
        last_of_unit[(st.sentence, st.num.unit)] = st
        if st.num.unit != "%":
            last_count[st.sentence] = st


_TOTAL_RULE = next(r for r in PROSE_RULES if r.key == "proactive.total")


def _rule_key(text: str, st: Stated) -> str | None:
    before = text[st.sentence[0] : st.num.begin]
    # 七个部分组成: a count with its noun after it counts that noun; the words before it do not name it.
    counted_after = st.num.unit in MEASURE_WORDS and st.suffix[:1] and "\u4e00" <= st.suffix[:1] <= "\u9fff"
    where = (st.label,) if counted_after else (st.prefix, st.label)
    for rule in PROSE_RULES:
        if st.num.unit not in rule.units:
            continue
        if not any(rule.label.search(w) for w in where):
            continue
        if rule.unless and any(rule.unless.search(w) for w in where):
            continue
        if rule.context and not rule.context.search(before):
            continue
        return rule.key
    return None


def loose_keys(st: Stated, among: Collection[str]) -> set[str]:
    """Every key of ``among`` whose label pattern fits this figure, whatever the rule's other conditions say."""
    return {
        rule.key
        for rule in PROSE_RULES
        if rule.key in among
        and st.num.unit in rule.units
        and (rule.label.search(st.prefix) or rule.label.search(st.label))
    }
