"""Statements of zero written in words: 未收到政府信息公开申请, 未发生行政复议、行政诉讼和申诉案件, 复议、诉讼均为零.

Each clause (text between ，；。) is read once: a negation, then every thing it names (一 per key), or the
things, then a word saying they were all zero.  The phrasing is :mod:`suqian_report.rules.zeros`; whether a
statement becomes a figure (or, where the page states a number for the key, a check) is decided by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.offsets import SpanSet
from ..rules.lazy import lazy
from ..rules.zeros import (
    ALL_ZERO,
    COLON_NONE,
    FIXED,
    NEGATIONS,
    NEGATIONS_BEFORE_VERB,
    NOT_ZERO,
    REQUEST_AS_CAUSE,
    REQUEST_AS_PART_AFTER,
    REQUEST_AS_PERSON,
    REQUEST_AS_VERB,
    THINGS,
    TOPIC_OPENERS,
    VERBS,
    ZERO_NUMERALS,
)

_CLAUSE = lazy(r"[^，,；;。！？!?\n]+")


@dataclass(frozen=True, slots=True)
class Zero:
    """Words that say a count was zero (未收到…申请), for one key."""

    key: str
    unit: str
    start: int  # the words that say there were none, in the clean text
    end: int
    clause: tuple[int, int]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns():
    thing_key = {p: (key, unit) for key, unit, phrases in THINGS for p in phrases}
    things = re.compile(_alt(thing_key))
    negation = re.compile(
        rf"(?:{_alt(NEGATIONS_BEFORE_VERB)})(?=(?:{_alt(VERBS)})|(?:{_alt(thing_key)}))"
        rf"|{_alt(NEGATIONS)}"
    )
    all_zero = re.compile(rf"(?:{_alt(ALL_ZERO)})\s*(?:{_alt(ZERO_NUMERALS)})(?![0-9.])|(?:{_alt(COLON_NONE)})$")
    fixed = [(key, unit, re.compile(_alt(phrases))) for key, unit, phrases in FIXED]
    # What every statement of zero holds: a negation's words, all_zero's own match, or a fixed phrase.  A clause
    # without any is passed over with this one search.
    may_state = re.compile(
        "|".join([_alt(NEGATIONS_BEFORE_VERB + NEGATIONS), all_zero.pattern, *(f.pattern for _k, _u, f in fixed)])
    )
    topic = re.compile(rf"(?:{_alt(TOPIC_OPENERS)})[^，,；;。]{{1,30}}?的")
    return thing_key, things, negation, all_zero, re.compile(_alt(NOT_ZERO)), fixed, may_state, topic


def _things(text: str, a: int, b: int) -> list[tuple[str, str, int, int]]:
    """(key, unit, start, end) of each thing named in ``text[a:b]``; a thing that only qualifies the next (X的Y), and
    a request that is only a review's or a lawsuit's cause, subject or verb (申请行政复议), left out."""
    thing_key, things, *_ = _patterns()
    found = [(*thing_key[m.group(0)], m.start(), m.end()) for m in things.finditer(text, a, b)]
    cases = [(s, e) for key, _u, s, e in found if key in ("review.total", "litigation.total")]
    starts = {s for _k, _u, s, _e in found}
    out = []
    for key, unit, s, e in found:
        if text[e : e + 1] == "的" and e + 1 in starts:
            continue  # 依申请公开的收费: the first thing only says which of the second
        if key == "requests.new.total" and text.startswith(REQUEST_AS_PERSON, e):
            continue  # 申请人: who asks, not a request
        if key == "requests.new.total" and any(
            (ce <= s and text[ce:s] in REQUEST_AS_PART_AFTER)
            or (e <= cs and (text[e:cs] in REQUEST_AS_VERB or any(w in text[e:cs] for w in REQUEST_AS_CAUSE)))
            for cs, ce in cases
        ):
            continue
        out.append((key, unit, s, e))
    return out


def _outside(spans: list[tuple[int, int]], found: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    return [t for t in found if not any(a <= t[2] and t[3] <= b for a, b in spans)]


def _negated(
    text: str, neg: re.Match[str], a: int, b: int, topics: list[tuple[int, int]], prev: tuple[int, int] | None
):
    """The things a negation covers: after it (the head after a topic first, the topic's own things when the head
    names none), else before it in its clause, else in the topic clause just before."""
    after = _things(text, neg.end(), b)
    if (heads := _outside(topics, after)) or after:
        return heads or after
    before = _things(text, a, neg.start())
    if before:
        return _outside(topics, before) or before
    if prev is not None and not re.search(r"\d", text[prev[0] : prev[1]]):
        return _things(text, *prev)
    return []


def zero_statements(text: str, skip: list[tuple[int, int]]) -> list[Zero]:
    """Every statement of zero outside ``skip`` (tables, spam), in page order; one per key and clause."""
    _tk, _things_re, negation, all_zero, not_zero, fixed, may_state, topic = _patterns()
    skipped = SpanSet(skip)
    out: list[Zero] = []
    last: tuple[int, int] | None = None
    for m in _CLAUSE.finditer(text):
        a, b = m.span()
        # the clause before, when only a comma parts them (关于…的申请，本年度未收到)
        topic_clause = last if last is not None and last[1] == a - 1 and text[a - 1] in "，," else None
        last = (a, b)
        if may_state.search(text, a, b) is None or skipped.overlaps(a, b):
            continue
        topics = [t.span() for t in topic.finditer(text, a, b)]
        if any(not any(s <= n.start() < e for s, e in topics) for n in not_zero.finditer(text, a, b)):
            continue  # (a result, a time limit…: outside a topic, such a word says the clause is about something else)
        found: list[tuple[str, str, int, int]] = []  # key, unit, statement start, statement end
        neg = negation.search(text, a, b)
        if neg is not None:
            found = [
                (key, unit, min(s, neg.start()), max(e, neg.end()))
                for key, unit, s, e in _negated(text, neg, a, b, topics, topic_clause)
            ]
        if not found and (z := all_zero.search(text, a, b)) is not None:
            named = _things(text, a, z.start())
            if named:
                found = [(key, unit, named[0][2], z.end()) for key, unit, _s, _e in named]
        for key, unit, pattern in fixed:
            if not found and (f := pattern.search(text, a, b)) is not None:
                found = [(key, unit, f.start(), f.end())]
        seen: set[str] = set()
        for key, unit, s, e in found:
            if key not in seen:
                seen.add(key)
                out.append(Zero(key, unit, s, e, (a, b)))
    return out
