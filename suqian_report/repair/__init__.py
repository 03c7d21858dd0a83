"""Repair: the ordered chain of small fixers.

Each fixer documents what it fixes, runs only when its damage is detected,
and returns edits.  Applying the edits gives the next text and an
:class:`~suqian_report.offsets.Alignment` back to the previous one, so the
chain of alignments leads from the repaired text to the loaded document (and
from there to the raw input).  Every edit is logged with its position in the
raw input.

Order matters: entities and mojibake come first (they are byte-level), then
noise lines, pinyin annotations (they need the characters they follow),
traditional → simplified, width (so digits are ASCII), and last the lost
characters between digits, which need ASCII digits and simplified context.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..document import Document
from ..model import RepairEvent, RepairSummary
from ..offsets import Alignment, Chain
from .base import Context, Fixer
from .dropped import DroppedAt, DroppedDate, DroppedDivision, DroppedDocNoBracket
from .entities import Entities
from .mojibake import LatinMojibake, Utf8AsGbk
from .noise import LostMarkers, NoiseLines, lost_spans
from .pinyin import Pinyin
from .script import Script
from .width import Width

FIXERS: tuple[Fixer, ...] = (
    Entities(),
    LatinMojibake(),
    Utf8AsGbk(),
    LostMarkers(),
    NoiseLines(),
    Pinyin(),
    Script(),
    Width(),
    DroppedDate(),
    DroppedDocNoBracket(),
    DroppedDivision(),
    DroppedAt(),
)

DESCRIPTIONS = {f.kind: f.description for f in FIXERS}
DESCRIPTIONS["decode_lost"] = "bytes no encoding could decode, replaced by U+FFFD while loading"
DESCRIPTIONS["lost_text_flag"] = "text lost before the page was saved (U+FFFD or ? standing for characters), flagged"


@dataclass
class Repaired:
    text: str  # repaired text, same lines as the document
    to_doc: Chain  # text → document text
    events: list[RepairEvent]
    counts: Counter
    lost: list[tuple[int, int]]  # spans of text known to be lost, in ``text``
    traditional: bool = False
    kinds_detected: list[str] = field(default_factory=list)

    def summaries(self, examples: int = 3) -> list[RepairSummary]:
        by_kind: dict[str, list[RepairEvent]] = {}
        for e in self.events:
            by_kind.setdefault(e.kind, []).append(e)
        return [RepairSummary(kind, self.counts[kind], DESCRIPTIONS.get(kind, kind), evs[:examples])
                for kind, evs in by_kind.items()]


def repair(doc: Document, fixers: tuple[Fixer, ...] = FIXERS) -> Repaired:
    text = doc.text
    chain = Chain()
    ctx = Context()
    ctx.note_years(text)
    events: list[RepairEvent] = []
    counts: Counter = Counter()
    detected: list[str] = []
    to_raw = doc.to_raw

    def raw_span(a: int, b: int) -> tuple[int, int]:
        return to_raw.to_src(*chain.to_src(a, b))

    if doc.lost_in_decoding:
        counts["decode_lost"] = doc.lost_in_decoding
        for i, ch in enumerate(text):
            if ch == "\ufffd":
                events.append(RepairEvent("decode_lost", raw_span(i, i + 1), "", "\ufffd"))

    for fixer in fixers:
        if not fixer.detect(text, ctx):
            continue
        changes = fixer.fix(text, ctx)
        if not changes:
            continue
        detected.append(fixer.kind)
        for c in changes:
            events.append(RepairEvent(fixer.kind, raw_span(c.start, c.end), text[c.start:c.end], c.text, c.note))
        counts[fixer.kind] += len(changes)
        text, step = Alignment.from_edits(text, changes)
        assert text.count("\n") == doc.text.count("\n"), f"{fixer.kind} changed the line structure"
        chain = chain.then(step)
        if fixer.kind in ("mojibake_gbk", "mojibake_latin1", "traditional_to_simplified"):
            ctx.note_years(text)

    lost = lost_spans(text)
    for a, b in lost:
        events.append(RepairEvent("lost_text_flag", raw_span(a, b), text[a:b], text[a:b]))
    if lost:
        counts["lost_text_flag"] = len(lost)
    return Repaired(text, chain, events, counts, lost, ctx.traditional, detected)
