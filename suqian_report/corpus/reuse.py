"""How much of a report repeats the one before it: text reused sentence by sentence, and tables left unchanged.

Sentences are compared with their numbers and whitespace taken out (a paragraph copied with this year's numbers
put in is still copied), by character shingles: the runs of ``SHINGLE`` characters a sentence is made of.  A
sentence of the later report counts as repeated when ``REPEATED`` or more of its shingles are found in one sentence
of the earlier report; the share repeated is counted in characters, per section and for the whole text.  Shingles
and not edit distance: a sentence is looked up through an index of the earlier report's shingles, so two reports
compare in time linear in their length (an edit distance against every earlier sentence is quadratic), and words
moved within a sentence still count as the same words.

Tables are compared cell by cell (a cell is a key of table 二, 三 or 四): unchanged, changed, added (in the later
report only); a table whose every cell is unchanged is a finding of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..rules.lazy import lazy

SHINGLE = 4  # characters a shingle holds
REPEATED = 0.8  # share of a sentence's shingles found in one earlier sentence that makes it a repeat
SHORTEST = 8  # a sentence shorter than this (normalised) is not weighed: headings, 一是, table labels

_SENTENCE = lazy(r"[^。！？!?；;\n]+[。！？!?；;]?")
_NOT_WORDS = lazy(r"[\d\s,，.．、:：%％()（）\[\]【】\-—–/|“”\"'《》〈〉]+")
# Level-one headings of a report: 一、总体情况 …; the sections reuse is counted in.
_HEADING = lazy(r"(?m)^[ \t#*]*([一二三四五六七八九十]{1,3})\s*[、.．]\s*([^\n。]{0,30})")
# The report's title standing on its line (…2022年政府信息公开工作年度报告).
_TITLE_LINE = lazy(r"(?:信息公开|政务公开).{0,12}(?:年度报告|年报|报告)\s*$")
# A line that is a heading of any level (一、 （一） 1.), short and with no full stop.
_HEADING_LINE = lazy(
    r"^[#*\s]*(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])[^。]{0,30}$"
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: str  # the sentence without numbers, whitespace or punctuation
    section: str


@dataclass
class Reuse:
    """The later report against the earlier: the share of its text repeated (0..1), per section, the passages."""

    text: float | None
    sections: dict[str, float] = field(default_factory=dict)
    passages: list[dict[str, Any]] = field(default_factory=list)  # text, span, previous_span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sections": self.sections, "passages": self.passages}


def sections(text: str) -> list[tuple[int, str]]:
    """(start, name) of each level-one section: 一、总体情况 → 总体情况."""
    out = []
    for m in _HEADING.finditer(text):
        name = re.split(r"[（(：:，,]", m.group(2).strip(), maxsplit=1)[0].strip() or m.group(1)
        out.append((m.start(), f"{m.group(1)}、{name}"))
    return out


def sentences(text: str) -> list[Sentence]:
    """The sentences worth weighing: prose, not table rows nor headings, each with the section it stands in."""
    heads = sections(text)
    out = []
    k = -1
    for m in _SENTENCE.finditer(text):
        while k + 1 < len(heads) and heads[k + 1][0] <= m.start():
            k += 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.start())
        if " | " in text[line_start : line_end if line_end >= 0 else len(text)]:
            continue  # a table row: its cells are compared as cells
        line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
        if m.group(0).strip() == line and (_HEADING_LINE.match(line) or _TITLE_LINE.search(line)):
            continue  # a heading or the title: the format sets them, every year's report has them
        words = _NOT_WORDS.sub("", m.group(0))
        if len(words) >= SHORTEST:
            out.append(Sentence(m.start(), m.end(), words, heads[k][1] if k >= 0 else "(opening)"))
    return out


def _shingles(words: str) -> set[str]:
    return {words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))}


def reuse(later: str, earlier: str) -> Reuse:
    """How much of ``later`` repeats ``earlier`` (both clean texts)."""
    before = sentences(earlier)
    index: dict[str, list[int]] = {}
    for k, s in enumerate(before):
        for sh in _shingles(s.words):
            index.setdefault(sh, []).append(k)
    now = sentences(later)
    if not now:
        return Reuse(None)
    totals: dict[str, int] = {}
    repeated: dict[str, int] = {}
    matches: list[tuple[Sentence, Sentence]] = []
    for s in now:
        shingles = _shingles(s.words)
        hits: dict[int, int] = {}
        for sh in shingles:
            for k in index.get(sh, ()):
                hits[k] = hits.get(k, 0) + 1
        totals[s.section] = totals.get(s.section, 0) + len(s.words)
        best = max(hits, key=lambda k: hits[k], default=None)
        if best is not None and hits[best] >= REPEATED * len(shingles):
            repeated[s.section] = repeated.get(s.section, 0) + len(s.words)
            matches.append((s, before[best]))
    share = round(sum(repeated.values()) / sum(totals.values()), 4)
    by_section = {name: round(repeated.get(name, 0) / n, 4) for name, n in totals.items()}
    return Reuse(share, by_section, _passages(later, matches))


def _passages(later: str, matches: list[tuple[Sentence, Sentence]]) -> list[dict[str, Any]]:
    """Runs of repeated sentences that follow each other in both reports, as passages with both spans."""
    out: list[dict[str, Any]] = []
    for s, p in matches:
        last = out[-1] if out else None
        if last is not None and _adjacent(later, last["span"][1], s.start) and p.start >= last["previous_span"][1]:
            last["span"][1], last["previous_span"][1] = s.end, p.end
        else:
            out.append({"span": [s.start, s.end], "previous_span": [p.start, p.end]})
    for passage in out:
        passage["text"] = later[passage["span"][0] : passage["span"][1]].strip()
    return [{"text": p["text"], "span": p["span"], "previous_span": p["previous_span"]} for p in out]


def _adjacent(text: str, end: int, start: int) -> bool:
    """Nothing but whitespace, punctuation or short skipped sentences between the two."""
    between = text[end:start]
    return len(_NOT_WORDS.sub("", between)) < SHORTEST


# ---------------------------------------------------------------- tables


def table_changes(later: Mapping[str, Mapping[str, Any]], earlier: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Per table (二, 三, 四): how many cells are unchanged, changed and added; and the tables whose every cell is
    as it was (``unchanged``, named as the reports name them: 表二)."""
    out: dict[str, Any] = {}
    identical = []
    for table in sorted(set(later) | set(earlier), key=_table_order):
        now, then = later.get(table, {}), earlier.get(table, {})
        same = sum(1 for k, v in now.items() if k in then and then[k] == v)
        changed = sum(1 for k, v in now.items() if k in then and then[k] != v)
        added = sum(1 for k in now if k not in then)
        removed = sum(1 for k in then if k not in now)
        out[f"表{table}"] = {"unchanged": same, "changed": changed, "added": added, "removed": removed}
        if now and same == len(now) and not removed:
            identical.append(f"表{table}")
    return {"tables": out, "unchanged": identical}


def _table_order(table: str) -> int:
    return "一二三四五六七八九十".find(table) if table in "一二三四五六七八九十" else 99


def tables_of(cells: Iterable[tuple[str | None, str, Any]]) -> dict[str, dict[str, Any]]:
    """(table, key, value) of each table cell → {table: {key: value}} (cells of the report's standard tables)."""
    out: dict[str, dict[str, Any]] = {}
    for table, key, value in cells:
        if table and table in "二三四":
            out.setdefault(table, {})[key] = value
    return out


def against_previous(report: Any, previous: Any) -> dict[str, Any]:
    """One report against its body's report of the year before (both :class:`~suqian_report.core.model.Report`):
    the text repeated and the tables unchanged, kept in ``report.assessment.reuse`` and returned."""
    tables = table_changes(_cells(report), _cells(previous))
    found = reuse(report.text, previous.text)
    report.assessment.reuse = {
        "previous_year": previous.metadata.report_year,
        **found.to_dict(),
        "tables_unchanged": tables["unchanged"],
    }
    return report.assessment.reuse


def _cells(report: Any) -> dict[str, dict[str, Any]]:
    return tables_of((f.cell.table, f.key, f.value) for f in report.figures if f.cell is not None)
