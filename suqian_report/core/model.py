"""The data model: what a report page turns into.

These classes are the contract with users: their ``to_dict`` output is the
JSON the command line prints and ``schema/report.schema.json`` describes.
Field names are snake_case English; Chinese text is kept verbatim beside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

SCHEMA_VERSION = "1.5"

Status = Literal["exact", "repaired", "derived", "uncertain"]
CheckStatus = Literal["pass", "fail", "not_assessable"]


_SCALARS = frozenset((str, int, float, bool, type(None)))


def _plain(obj: Any) -> Any:
    """A value as JSON takes it.  Most values are scalars: they are tested for first, here and by the callers
    (a report has some 10,000 values; the call is most of what each costs)."""
    if type(obj) in _SCALARS:
        return obj
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    if isinstance(obj, (tuple, list)):
        return [x if type(x) in _SCALARS else _plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: v if type(v) in _SCALARS else _plain(v) for k, v in obj.items()}
    return obj


_PUBLIC: dict[type, tuple[str, ...]] = {}  # a record class → its public field names, in order


def _public(cls: type) -> tuple[str, ...]:
    names = _PUBLIC.get(cls)
    if names is None:
        names = _PUBLIC[cls] = tuple(f.name for f in fields(cls) if not f.name.startswith("_"))
    return names


class _Record:
    """Dataclass mixin: ``to_dict`` in field order, dropping private fields.  That is also how orjson writes a
    dataclass, and the JSON writers hand it the records themselves (``write/jsontext.py``): a record's ``to_dict``
    may be written out for speed, but must give exactly this."""

    def to_dict(self) -> dict[str, Any]:
        d = {}
        for name in _public(type(self)):
            value = getattr(self, name)
            d[name] = value if type(value) in _SCALARS else _plain(value)
        return d


@dataclass(slots=True)
class Source(_Record):
    """The input: its path, size, sha256, how it was decoded, and what kind of file it was."""

    path: str | None
    size: int
    sha256: str
    encoding: str
    encoding_evidence: str
    input_kind: Literal["text", "html", "pdf", "docx", "ocr"]  # ocr: pages that are pictures, read by OCR
    compressed: bool = False
    pages: int | None = None  # a PDF's number of pages


@dataclass(slots=True)
class Metadata(_Record):
    """The report's metadata (title, publisher, year, dates, contacts…) and the format it follows."""

    title: str | None = None
    publisher: str | None = None
    level: str | None = None
    region: str | None = None
    report_year: int | None = None
    index_no: str | None = None
    category: str | None = None
    publish_date: str | None = None
    doc_no: str | None = None
    keywords: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    contact_phone: str | None = None
    postcode: str | None = None
    email: str | None = None
    address: str | None = None
    format: str = "unknown"
    format_evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TableCell(_Record):
    """Where a table figure sits: the table, its row and column labels, and what the cell holds
    (``number``, ``blank``, ``not_applicable`` for - / — and the like, or ``text``)."""

    table: str
    row_label: str
    column_label: str | None = None
    value_kind: str = "number"

    def to_dict(self) -> dict[str, Any]:  # (written out, as Figure's is)
        return {
            "table": self.table,
            "row_label": self.row_label,
            "column_label": self.column_label,
            "value_kind": self.value_kind,
        }


@dataclass(slots=True)
class Figure(_Record):
    """One numeric disclosure: its canonical key, value and unit, and where it was found."""

    key: str
    label_zh: str
    value: int | float | None
    raw_text: str
    unit: str | None
    approx: bool = False
    qualifier: str | None = None
    derived: bool = False
    status: Status = "exact"
    scope: str | None = None
    section: str | None = None
    sentence: str = ""
    span: tuple[int, int] = (0, 0)
    raw_span: tuple[int, int] | None = None
    byte_span: tuple[int, int] | None = None
    cell: TableCell | None = None
    note: str | None = None
    # In a PDF: the page (from 1) and the box of the number on it, (x0, top, x1, bottom) in points from the
    # page's top left corner (a figure with no characters of its own, a sum or an empty cell: its page alone).
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    # Read by OCR: the lowest confidence the engine gave the characters of the number (0..1).
    confidence: float | None = None

    @property
    def canonical(self) -> bool:
        return not self.key.startswith("other.")

    def to_dict(self) -> dict[str, Any]:
        """:meth:`_Record.to_dict`, written out: a report has hundreds of figures, and the generic one is most of
        what writing them costs (a test holds the two equal)."""
        cell, raw_span, byte_span, bbox = self.cell, self.raw_span, self.byte_span, self.bbox
        return {
            "key": self.key,
            "label_zh": self.label_zh,
            "value": self.value,
            "raw_text": self.raw_text,
            "unit": self.unit,
            "approx": self.approx,
            "qualifier": self.qualifier,
            "derived": self.derived,
            "status": self.status,
            "scope": self.scope,
            "section": self.section,
            "sentence": self.sentence,
            "span": list(self.span),
            "raw_span": None if raw_span is None else list(raw_span),
            "byte_span": None if byte_span is None else list(byte_span),
            "cell": None if cell is None else cell.to_dict(),
            "note": self.note,
            "page": self.page,
            "bbox": None if bbox is None else list(bbox),
            "confidence": self.confidence,
        }


@dataclass(slots=True)
class CheckInput(_Record):
    """A figure a check used: its key, value and clean-text span."""

    key: str
    value: int | float | None
    span: tuple[int, int] | None = None
    label_zh: str | None = None

    def to_dict(self) -> dict[str, Any]:  # (written out, as Figure's is)
        span = self.span
        return {
            "key": self.key,
            "value": self.value,
            "span": None if span is None else list(span),
            "label_zh": self.label_zh,
        }


@dataclass(slots=True)
class Check(_Record):
    """A consistency check on the figures (parts against their total, a figure stated twice…) and its result."""

    name: str
    status: Literal["pass", "fail", "not_assessable"]
    description: str
    expected: int | float | None = None
    actual: int | float | None = None
    inputs: list[CheckInput] = field(default_factory=list)
    note: str | None = None


@dataclass(slots=True)
class RepairEvent(_Record):
    """One change the repair stage made (or one spot it flagged without changing)."""

    kind: str
    raw_span: tuple[int, int]
    before: str
    after: str
    note: str | None = None


@dataclass(slots=True)
class RepairSummary(_Record):
    """One kind of repair: how many times it was made, and a few examples."""

    kind: str
    count: int
    description: str
    examples: list[RepairEvent] = field(default_factory=list)


@dataclass(slots=True)
class Boilerplate(_Record):
    """Text removed as boilerplate (navigation, link spam, page furniture…), and why."""

    kind: str
    reason: str
    text: str
    raw_span: tuple[int, int] | None  # None for what is not in the text at all (a PDF's page numbers)


@dataclass(slots=True)
class NonFigure(_Record):
    """A number in the body that is not a figure (a year, a date, a phone number…), with the reason."""

    text: str
    reason: str
    span: tuple[int, int]


@dataclass(slots=True)
class Coverage(_Record):
    """How the numbers in the body were accounted for: figures and the non-figures, by reason."""

    numbers_in_body: int
    figures: int
    canonical: int
    other: int
    not_figures: int
    not_figures_by_reason: dict[str, int]
    unaccounted: int = 0  # numbers that are neither: should be 0, and are listed in the warnings when not


@dataclass(slots=True)
class Quality(_Record):
    """The state of the page: its script, the damage found, spam, truncation, and whether it is a report."""

    script: Literal["simplified", "traditional", "mixed"] = "simplified"
    damage: list[str] = field(default_factory=list)
    tampered: bool = False  # spam was added to the page: link spam, or brand names put into its text
    spam: list[str] = field(default_factory=list)  # the brand names put into the text
    truncated: bool = False
    # Is the page an annual report at all (true, false, or "uncertain"), and the evidence that decided it.
    is_report: bool | Literal["uncertain"] = True
    is_report_evidence: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)  # the pages read by OCR (from 1)


@dataclass(slots=True)
class Assessment(_Record):
    """How well the report discloses: published by the legal deadline (timeliness), with the sections and
    tables its format requires (completeness), and how its checks came out (consistency)."""

    timeliness: CheckStatus = "not_assessable"
    timeliness_note: str | None = None
    deadline: str | None = None
    deadline_rule: str | None = None
    completeness: CheckStatus = "not_assessable"
    required: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    checks_passed: int = 0
    checks_failed: int = 0
    checks_not_assessable: int = 0
    # Against the body's report of the year before, when it is given (corpus.reuse.against_previous): the share of
    # the text repeated, per section, the passages, and the tables identical to last year's.
    reuse: dict[str, Any] | None = None


@dataclass(slots=True)
class Report(_Record):
    """Everything read from one page: the record the exports write."""

    source: Source
    metadata: Metadata
    figures: list[Figure]
    checks: list[Check]
    repairs: list[RepairSummary]
    boilerplate_removed: list[Boilerplate]
    coverage: Coverage
    non_figures: list[NonFigure]
    quality: Quality
    assessment: Assessment = field(default_factory=Assessment)
    # The clean text: the report's body, repaired, every figure's ``span`` points into it.
    text: str = ""
    schema_version: str = SCHEMA_VERSION
    # Kept in memory for `show` and the API; not part of the JSON record.
    _raw_text: str = ""
    _repair_log: Any = None  # resolves raw positions on first use (see repair._Pending)

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(value) for name, value in self.parts().items()}

    def parts(self) -> dict[str, Any]:
        """The record's fields in the order :meth:`to_dict` writes them (``schema_version`` first), as they are: a
        writer that knows records (orjson writes a dataclass as its public fields in order) takes them whole."""
        d: dict[str, Any] = {"schema_version": self.schema_version}
        for name in _public(type(self)):
            if name != "schema_version":
                d[name] = getattr(self, name)
        return d

    # -- conveniences for library users --------------------------------
    @property
    def clean_text(self) -> str:
        return self.text

    @property
    def raw_text(self) -> str:
        return self._raw_text

    @property
    def repair_log(self) -> list[RepairEvent]:
        """Every repair made to the page, with its position in the raw input."""
        log = self._repair_log
        return log.all() if hasattr(log, "all") else list(log or [])

    def figure(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)

    def value(self, key: str) -> int | float | None:
        f = self.figure(key)
        return f.value if f else None
