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
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from ..core.document import Document
from ..core.model import RepairEvent, RepairSummary
from ..core.offsets import Alignment, Chain
from .base import Context, Fixer, Substitution
from .dropped import DroppedAt, DroppedDate, DroppedDivision, DroppedDocNoBracket
from .entities import Entities
from .latin import LatinMojibake
from .mojibake import Utf8AsGbk
from .noise import CONTROL_CHARS, LostMarkers, NoiseLines, lost_spans
from .pinyin import Pinyin
from .script import Script
from .width import Width

FIXERS: tuple[Fixer, ...] = (
    CONTROL_CHARS,
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


class _Pending:
    """Repair events whose raw positions are worked out only when someone asks (explain, the evidence view):
    a traditional page has thousands of them and most runs only need the counts.  A
    :class:`~suqian_report.repair.base.Substitution` is kept whole and split into its changed positions only
    then too."""

    def __init__(self, to_raw, maps: list):
        self._to_raw = to_raw
        self._maps = maps  # maps[k]: text_{k+1} → text_k
        self._raw: list[tuple] = []  # (step, kind, start, end, before, after, note, substitution)
        self._resolved: list[RepairEvent] | None = None

    def add(
        self,
        step: int,
        kind: str,
        start: int,
        end: int,
        before: str,
        after: str,
        note: str | None,
        substitution: Substitution | None = None,
    ) -> None:
        self._raw.append((step, kind, start, end, before, after, note, substitution))
        self._resolved = None

    def _events(self, items) -> Iterator[RepairEvent]:
        for step, kind, a, b, before, after, note, substitution in items:
            parts = substitution.split(before) if substitution is not None else ((a, b, before, after),)
            for a, b, x, y in parts:
                for m in reversed(self._maps[:step]):
                    a, b = m.to_src(a, b)
                yield RepairEvent(kind, self._to_raw.to_src(a, b), x, y, note)

    def all(self) -> list[RepairEvent]:
        if self._resolved is None:
            self._resolved = list(self._events(self._raw))
        return self._resolved

    def first(self, kind: str, n: int) -> list[RepairEvent]:
        return list(islice(self._events(x for x in self._raw if x[1] == kind), n))

    def kinds(self) -> list[str]:
        return list(dict.fromkeys(x[1] for x in self._raw))


@dataclass
class Repaired:
    """The repaired text, its map back to the document text, and the (lazy) log of what changed."""

    text: str  # repaired text, same lines as the document
    to_doc: Chain  # text → document text
    pending: _Pending
    counts: Counter
    lost: list[tuple[int, int]]  # spans of text known to be lost, in ``text``
    traditional: bool = False
    kinds_detected: list[str] = field(default_factory=list)

    @property
    def events(self) -> list[RepairEvent]:
        """Every repair, with its position in the raw input."""
        return self.pending.all()

    def summaries(self, examples: int = 3) -> list[RepairSummary]:
        return [
            RepairSummary(kind, self.counts[kind], DESCRIPTIONS.get(kind, kind), self.pending.first(kind, examples))
            for kind in self.pending.kinds()
        ]


def repair(doc: Document, fixers: tuple[Fixer, ...] = FIXERS) -> Repaired:
    text = doc.text
    maps: list[Alignment] = []
    ctx = Context()
    ctx.note_years(text)
    pending = _Pending(doc.to_raw, maps)
    counts: Counter = Counter()
    detected: list[str] = []

    if doc.lost_in_decoding:
        counts["decode_lost"] = doc.lost_in_decoding
        for i, ch in enumerate(text):
            if ch == "\ufffd":
                pending.add(0, "decode_lost", i, i + 1, "", "\ufffd", None)

    for fixer in fixers:
        if not fixer.detect(text, ctx):
            continue
        changes = fixer.fix(text, ctx)
        if not changes:
            continue
        detected.append(fixer.kind)
        step = len(maps)
        for c in changes:
            before = text[c.start : c.end]
            if isinstance(c, Substitution):
                pending.add(step, fixer.kind, c.start, c.end, before, c.text, c.note, c)
                counts[fixer.kind] += c.changed(before)
            else:
                pending.add(step, fixer.kind, c.start, c.end, before, c.text, c.note)
                counts[fixer.kind] += 1
        text, alignment = Alignment.from_edits(text, changes)
        assert text.count("\n") == doc.text.count("\n"), f"{fixer.kind} changed the line structure"
        maps.append(alignment)
        if fixer.kind in ("mojibake_gbk", "mojibake_latin1", "traditional_to_simplified"):
            ctx.note_years(text)

    lost = lost_spans(text)
    for a, b in lost:
        pending.add(len(maps), "lost_text_flag", a, b, text[a:b], text[a:b], None)
    if lost:
        counts["lost_text_flag"] = len(lost)
    return Repaired(text, Chain(maps), pending, counts, lost, ctx.traditional, detected)
