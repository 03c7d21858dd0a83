"""One page through the stages: read → repair → segment → extract → check → Report (docs/architecture.md).

``extract`` and ``extract_file`` are the library's entry points for one page (``from suqian_report import
extract``); many pages are the corpus layer's (:func:`suqian_report.corpus.batch.extract_many`)."""

from __future__ import annotations

import os
import re

from .check.assess import assess
from .check.validate import validate
from .core.document import Document
from .core.errors import InputError
from .core.hanzi import cjk_at_least, plausibility
from .core.limits import MAX_BYTES
from .core.model import Boilerplate, Quality, Report
from .extractors import Extracted
from .extractors import extract as extract_stage
from .extractors.genre import is_report
from .extractors.regime import by_year_alone
from .read.load import load_bytes, load_file, load_text
from .repair import Repaired, repair
from .rules.ocr import LOW_CONFIDENCE
from .segment import Segmented, segment

# Below this share of common characters (after repair) the "text" is bytes read as characters at random: real
# pages, damaged ones included, have more than 0.9; random bytes read as GB18030 about 0.16.
NOT_TEXT = 0.35

_DAMAGE_KINDS = {
    "pinyin_annotation": "pinyin",
    "traditional_to_simplified": "traditional",
    "mojibake_gbk": "mojibake",
    "mojibake_latin1": "mojibake",
    "html_entity": "entities",
    "width": "full_width",
    "dropped_date_chars": "dropped_chars",
    "dropped_docno_bracket": "dropped_chars",
    "dropped_division_char": "dropped_chars",
    "dropped_at_sign": "dropped_chars",
    "noise_line": "noise",
    "lost_text": "lost_text",
    "lost_text_flag": "lost_text",
    "decode_lost": "lost_text",
    "control_chars": "control_chars",
}


def run(doc: Document) -> Report:
    """One page through the stages, each a call into its layer: repair, segment, extract (the figures, then whether
    the page is a report at all), check; the Report gathers what each gave."""
    repaired = repair(doc)
    _must_be_text(repaired.text, doc.source.path)
    seg = segment(repaired.text, doc.lines)
    ex = extract_stage(doc, repaired, seg)
    verdict, evidence = is_report(ex.metadata, seg.clean_text, ex.figures, repaired.text)
    if verdict is False and by_year_alone(ex.metadata.format_evidence):
        ex.metadata.format, ex.metadata.format_evidence = "unknown", []  # a year implies a format only for a report
    checks = validate(ex.metadata, ex.figures, ex.lists, ex.checks)
    if doc.ocr_pages:
        _weigh_ocr(ex.figures, checks, set(doc.ocr_pages))
    return Report(
        source=doc.source,
        metadata=ex.metadata,
        figures=ex.figures,
        checks=checks,
        repairs=repaired.summaries(),
        boilerplate_removed=_boilerplate(doc, repaired, seg),
        coverage=ex.coverage,
        non_figures=ex.non_figures,
        quality=_quality(doc, repaired, seg, ex, verdict, evidence),
        assessment=assess(ex.metadata, seg.clean_text, ex.figures, checks),
        text=seg.clean_text,
        _raw_text=doc.raw_text,
        _repair_log=repaired.pending,
    )


def _weigh_ocr(figures: list, checks: list, ocr_pages: set[int]) -> None:
    """What reading by OCR leaves of a figure's status.  A misread digit is what OCR risks, and the table's
    identities are what can catch one: a figure that a check which fails (or cannot be made) takes part in is
    uncertain, and so is a cell read as empty (a digit the engine may have missed).  A low confidence makes a
    figure uncertain too, unless every identity it takes part in passes: then it stands, marked repaired, and its
    note says what confirmed it.  Never exact on the engine's word alone when the engine doubts.  A table's sum of
    rows is uncertain when one of its rows is."""
    passing = {i.span for c in checks if c.status == "pass" for i in c.inputs if i.span}
    unconfirmed = {i.span for c in checks if c.status != "pass" for i in c.inputs if i.span}
    for f in figures:
        if f.status not in ("exact", "repaired") or (f.confidence is None and f.page not in ocr_pages):
            continue
        doubt = None
        if f.span in unconfirmed:
            doubt = "read by OCR, and a check it takes part in does not pass"
        elif f.cell is not None and f.value is None and f.cell.value_kind == "blank":
            doubt = "read by OCR as an empty cell: a digit may have been missed"
        elif f.confidence is not None and f.confidence < LOW_CONFIDENCE:
            if f.span in passing:
                f.status = "repaired"
                f.note = _noted(
                    f.note, f"OCR confidence {f.confidence:.2f}, confirmed by the identities it takes part in"
                )
                continue
            doubt = f"OCR confidence {f.confidence:.2f}"
        if doubt:
            f.status, f.note = "uncertain", _noted(f.note, doubt)
    # a table's sum of rows read by OCR is no surer than the least sure of them
    doubted = {f.key for f in figures if f.status == "uncertain"}
    for f in figures:
        if f.status == "derived" and f.cell is not None and f.page in ocr_pages:
            head, _dot, column = f.key.rpartition(".")
            depth = f.key.count(".") + 1
            if any(k.startswith(head + ".") and k.endswith("." + column) and k.count(".") == depth for k in doubted):
                f.status, f.note = "uncertain", _noted(f.note, "a sum of figures read by OCR, one of them uncertain")


def _noted(note: str | None, more: str) -> str:
    return f"{note}; {more}" if note else more


def _must_be_text(text: str, path: str | None) -> None:
    if not cjk_at_least(text, 10):
        raise InputError("no Chinese text found, even after repair: not a report page", path)
    if (share := plausibility(text)) < NOT_TEXT:
        raise InputError(
            f"the bytes read as no language in any encoding ({share:.0%} common characters, where "
            "Chinese text has over 90%): not a text page",
            path,
        )


def _boilerplate(doc: Document, repaired: Repaired, seg: Segmented) -> list[Boilerplate]:
    """What segmentation cut, each with its text and its span in the raw input; a PDF's page furniture."""
    to_raw_line = _line_raw_spans(doc, repaired, seg)
    boilerplate = []
    for cut in seg.cuts:
        a = to_raw_line(cut.first)[0]
        b = to_raw_line(cut.last, cut.end_col)[1]
        lines = seg.lines[cut.first : cut.last + 1]
        if cut.end_col is not None:
            lines[-1] = lines[-1][: cut.end_col]
        boilerplate.append(Boilerplate(cut.kind, cut.reason, "\n".join(lines).strip(), (a, b)))
    if doc.furniture:
        reason = "page numbers and running headers or footers of the PDF's pages, left out of its text"
        boilerplate.append(Boilerplate("page_furniture", reason, "\n".join(doc.furniture), None))
    return boilerplate


def _quality(doc: Document, repaired: Repaired, seg: Segmented, ex: Extracted, verdict, evidence) -> Quality:
    truncated = _cut_off(seg)
    return Quality(
        script="traditional"
        if repaired.traditional
        else ("mixed" if "traditional_to_simplified" in repaired.counts else "simplified"),
        damage=sorted({_DAMAGE_KINDS.get(k, k) for k in repaired.counts if k != "width"} - {"noise"}),
        tampered=bool(seg.spam or ex.spam) or any(c.kind in ("spam_injection", "spam_links") for c in seg.cuts),
        spam=sorted(
            {p for _, _, p in seg.spam}
            | set(ex.spam)
            | {seg.lines[c.first].strip() for c in seg.cuts if c.kind == "spam_injection"}
        ),
        truncated=truncated,
        is_report=verdict,
        is_report_evidence=evidence,
        warnings=doc.warnings
        + ex.warnings
        + (["the page seems cut off mid-sentence: figures after the cut are missing"] if truncated else []),
        ocr_pages=doc.ocr_pages,
    )


def _cut_off(seg) -> bool:
    """The page ends mid-sentence: its last body line is prose that stops without closing punctuation."""
    if not seg.body:
        return False
    k = len(seg.body) - 1
    last = seg.body_line(k).strip()
    if seg.is_row(k) or len(last) <= 20 or re.search(r"(\d|附件下载|附件|下载|打印|关闭)\s*$", last):
        return False  # a table row, a short line, or page furniture at the end of a one-line page
    return not last.endswith(tuple("。！？!?；;…”’）)》】."))


def _line_raw_spans(doc, repaired, seg):
    def raw(i: int, end_col: int | None = None) -> tuple[int, int]:
        a = seg.offsets[i]
        b = a + (len(seg.lines[i]) if end_col is None else end_col)
        return doc.to_raw.to_src(*repaired.to_doc.to_src(a, b))

    return raw


def extract(
    content: str | bytes, *, path: str | None = None, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> Report:
    """Extract a report from a page given as ``str`` (already decoded) or ``bytes`` (any common encoding).

    A page that cannot become a report raises :class:`InputError` (its ``kind`` says why); nothing else is raised
    for bad input."""
    if isinstance(content, bytes):
        return run(load_bytes(content, path=path, encoding=encoding, max_bytes=max_bytes))
    if isinstance(content, str):
        return run(load_text(content, path=path))
    raise TypeError(f"extract() takes str or bytes, not {type(content).__name__}; use extract_file() for a path")


def extract_file(path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Report:
    """Extract a report from a saved page: a file path (HTML or text, possibly gzip), or ``-`` for stdin; at most
    ``max_bytes`` are read.  Bad input raises :class:`InputError`."""
    return run(load_file(path, encoding=encoding, max_bytes=max_bytes))


__all__ = ["extract", "extract_file", "run", "InputError"]
