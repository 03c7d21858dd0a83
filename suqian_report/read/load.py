"""Load a saved page (path, stdin, bytes or str) into a :class:`Document`.

This is the only stage that reads input.  It undoes transport (gzip), finds
the encoding, flattens HTML, and normalises line structure: ``\\r\\n`` to
``\\n``, whitespace trimmed at both ends of each line, runs of blank lines
kept as one.  Nothing inside a line is changed here; that is repair's job.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import zlib

from ..core.document import Document, Line
from ..core.errors import InputError
from ..core.hanzi import cjk_at_least
from ..core.limits import MAX_BYTES
from ..core.model import Source
from ..core.offsets import Alignment, ByteOffsets, Edit, OffsetMap
from ..rules.lazy import lazy
from .decode import Decoded, decode
from .images import picture_format

_TRIM = " \t\f\v\u3000\u00a0\ufeff"

_MAGIC = (
    (b"%PDF", "a damaged PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document): unpack it or save the page as HTML or text"),
    (b"GIF8", "a GIF image, not a page"),
)


def read_source(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """Read a path (``-`` for stdin) and return its bytes and a display name.  At most ``max_bytes`` are read:
    an input that goes on (a device, a pipe that never ends) costs no more than that."""
    name = "<stdin>" if str(path) == "-" else str(path)

    def limited(stream) -> bytes:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"larger than {max_bytes:,} bytes (--max-bytes); not read further", name, kind="too_large")
        return data

    if str(path) == "-":
        return limited(sys.stdin.buffer), name
    try:
        if os.path.isdir(path):
            raise InputError("is a directory, not a page", name, kind="unreadable")
        with open(path, "rb") as f:
            return limited(f), name
    except FileNotFoundError:
        raise InputError("no such file", name, kind="unreadable") from None
    except PermissionError:
        raise InputError("permission denied", name, kind="unreadable") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a page", name, kind="unreadable") from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", name, kind="unreadable") from None


_HTML_SNIFF = lazy(r"<(?:!doctype\s+html|html|head|body|meta|title|p|div|table|br|span|td|tr)\b", re.I)


def looks_like_html(text: str) -> bool:
    head = text[:5000]
    hits = len(_HTML_SNIFF.findall(head))
    return hits >= 2 or head.lstrip().lower().startswith(("<!doctype html", "<html"))


def load_file(path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    data, name = read_source(path, max_bytes)
    return load_bytes(data, path=name, encoding=encoding, max_bytes=max_bytes)


def load_bytes(
    data: bytes, *, path: str | None = None, encoding: str | None = None, max_bytes: int = MAX_BYTES
) -> Document:
    if len(data) > max_bytes:
        raise InputError(f"larger than {max_bytes:,} bytes (max_bytes)", path, kind="too_large")
    compressed = False
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, path, max_bytes)
        compressed = True
    if not data.strip():
        raise InputError("empty input", path, kind="empty")
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return _from_pdf(data, path, compressed)
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return _from_docx(data, path, compressed)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _from_docx(data, path, compressed, converted=_doc_to_docx(data, path))
    picture = picture_format(data)
    if picture:
        return _from_pictures(data, [data], path, compressed, f"a {picture} picture of a page")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this is {what}", path)
    decoded = decode(data, encoding)
    if decoded.lost and decoded.lost > max(50, len(decoded.text) // 4):
        raise InputError(f"not text in any Chinese or Unicode encoding ({decoded.lost} undecodable sequences)", path)
    return _build(decoded.text, data, decoded, path, compressed)


def load_text(text: str, *, path: str | None = None) -> Document:
    data = text.encode("utf-8")
    decoded = Decoded(text, "utf-8", "given as text (str)", None)
    if not text.strip():
        raise InputError("empty input", path, kind="empty")
    return _build(text, data, decoded, path, False, from_str=True)


def _gunzip(data: bytes, path: str | None, max_bytes: int) -> bytes:
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, max_bytes + 1)
        if len(out) > max_bytes:
            raise InputError(f"decompressed page exceeds {max_bytes:,} bytes", path, kind="too_large")
        if not d.eof and not out.strip():
            raise InputError("damaged or truncated gzip data", path)
        return out
    except (zlib.error, EOFError) as e:  # (zlib reads the gzip framing itself: the gzip module is not needed)
        raise InputError(f"damaged gzip data ({e})", path) from None


def _build(
    text: str, data: bytes, decoded: Decoded, path: str | None, compressed: bool, from_str: bool = False
) -> Document:
    if text.count("\x00") > max(4, len(text) // 100):  # a few NULs in a text are damage (repair removes them)
        raise InputError("binary data, not a text or HTML page", path)
    is_html = looks_like_html(text)
    if is_html:
        from .html import flatten  # (lxml and the HTML rules, for HTML pages only)

        flat, lines, flat_to_raw, meta = flatten(text)
        linear, trim = _normalise_lines(flat)
        to_raw: OffsetMap = flat_to_raw.then(trim)
        lines = _carry_kinds(flat, linear, lines)
    else:
        meta = {}
        linear, trim = _normalise_lines(text)
        to_raw = trim
        lines = [Line() for _ in range(linear.count("\n") + 1)]
    if not linear.strip():
        raise InputError("empty input (only whitespace)", path, kind="empty")
    if not cjk_at_least(linear, 10) and sum(1 for ch in linear if ch >= "\x80") < 20:
        raise InputError("no Chinese text found: not a report page", path)  # (mojibake has non-ASCII to repair)
    source = Source(
        path=path,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        encoding_evidence=decoded.evidence,
        input_kind="html" if is_html else "text",
        compressed=compressed,
    )
    to_byte = None
    if decoded.exact and not from_str:
        to_byte = ByteOffsets(text, decoded.encoding, decoded.bom_length)
    return Document(source, text, linear, lines, to_raw, meta, decoded.lost, to_byte)


_LINE_BREAK = lazy(r"\r\n|\r|\n")


def _trim_widths(line: str) -> tuple[int, int]:
    """How much whitespace to trim at each end of a line.  A no-break space next to a Latin-1 letter is kept: in
    mis-decoded text it is the byte 0xA0 of a character (规 read as Latin-1 ends è§\u0084ç«\u00a0)."""
    lead = len(line) - len(line.lstrip(_TRIM))
    tail = len(line) - len(line.rstrip(_TRIM))
    end = len(line) - tail
    if tail and 0 < end < len(line) and line[end] == "\u00a0" and "\u0080" <= line[end - 1] <= "\u00ff":
        tail -= 1
    if lead and lead < len(line) and line[lead - 1] == "\u00a0" and "\u0080" <= line[lead] <= "\u00ff":
        lead -= 1
    return lead, tail


def _strip(line: str) -> str:
    lead, tail = _trim_widths(line)
    return line[lead : len(line) - tail]


def _normalise_lines(text: str) -> tuple[str, Alignment]:
    """Trim each line, make every line break ``\\n``, keep at most one blank line in a row."""
    lines: list[tuple[int, int, int]] = []  # (start, end, end of the line break)
    pos = 0
    for m in _LINE_BREAK.finditer(text):
        lines.append((pos, m.start(), m.end()))
        pos = m.end()
    lines.append((pos, len(text), len(text)))
    cores = [_strip(text[a:b]) for a, b, _ in lines]
    last = max((i for i, c in enumerate(cores) if c), default=-1)
    edits: list[Edit] = []
    prev_blank = True  # blank lines before the first text go too
    for i, (start, end, brk) in enumerate(lines):
        if i > last or (not cores[i] and prev_blank):
            if brk > start:
                edits.append(Edit(start, brk, ""))
            continue
        if not cores[i]:
            if end > start:
                edits.append(Edit(start, end, ""))
            prev_blank = True
        else:
            prev_blank = False
            line = text[start:end]
            lead, tail = _trim_widths(line)
            if lead:
                edits.append(Edit(start, start + lead, ""))
            if tail:
                edits.append(Edit(end - tail, end, ""))
        if i == last:
            if brk > end:
                edits.append(Edit(end, brk, ""))
        elif brk - end != 1 or text[end] != "\n":
            edits.append(Edit(end, brk, "\n"))
    return Alignment.from_edits(text, edits)


def _carry_kinds(flat: str, linear: str, lines: list[Line]) -> list[Line]:
    """Line kinds survive normalisation: HTML flattening emits no blank lines, so lines match one to one."""
    flat_lines = flat.split("\n")
    kinds = [ln for ln, t in zip(lines, flat_lines) if t.strip(_TRIM)]
    want = linear.count("\n") + 1
    kinds += [Line() for _ in range(want - len(kinds))]
    return kinds[:want]


def _document(
    text: str, lines: list[Line], data: bytes, path: str | None, kind: str, evidence: str, compressed: bool, **extra
) -> Document:
    """A Document for text read out of a PDF or a Word file (``text`` is its raw text; rows are marked)."""
    linear, trim = _normalise_lines(text)
    if not linear.strip():
        raise InputError(f"a {kind.upper()} file with no text", path, kind="empty")
    if not cjk_at_least(linear, 10):
        raise InputError(f"no Chinese text found in the {kind.upper()} file: not a report", path)
    source = Source(
        path=path,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=kind,
        encoding_evidence=evidence,
        input_kind=kind,  # type: ignore[arg-type]
        compressed=compressed,
        pages=extra.pop("pages", None),
    )
    return Document(source, text, linear, _carry_kinds(text, linear, lines), trim, {}, 0, None, **extra)


def _from_pdf(
    data: bytes, path: str | None, compressed: bool, pdf_data: bytes | None = None, what: str | None = None
) -> Document:
    """``pdf_data``: the PDF made of ``data`` when it is pictures of pages (``what`` they are); the report keeps
    the size and sha256 of ``data``, the file as it was given."""
    from .ocr import EXTRA as OCR_EXTRA
    from .pdf import read_pdf

    pdf = read_pdf(pdf_data or data, path)
    evidence = f"the text layer of a PDF ({pdf.pages} page(s)), read with pdfplumber"
    if pdf.ocr_pages:
        read = ", ".join(map(str, pdf.ocr_pages))
        evidence = f"{what or 'a PDF'} ({pdf.pages} page(s)); page(s) {read} are images, read by OCR (RapidOCR)"
    warnings = []
    if pdf.scanned:
        pages = ", ".join(map(str, pdf.scanned))
        warnings.append(
            f"page(s) {pages} of the PDF are images with no text layer (OCR needed: {OCR_EXTRA}): their figures "
            "are missing"
        )
    return _document(
        pdf.text,
        pdf.lines,
        data,
        path,
        "ocr" if pdf.ocr_pages else "pdf",
        evidence,
        compressed,
        pages=pdf.pages,
        boxes=pdf.boxes,
        furniture=pdf.furniture,
        warnings=warnings,
        ocr_pages=pdf.ocr_pages,
        confidence=pdf.confidence,
    )


def _from_pictures(data: bytes, pictures: list[bytes], path: str | None, compressed: bool, what: str) -> Document:
    """Pictures of pages (a picture file, or the pictures of a Word file with no text): read by OCR, through the
    PDF reader (:mod:`.images`); without the OCR extra, refused with ``needs_ocr``."""
    from . import ocr
    from .images import as_pdf

    if not ocr.available():
        raise InputError(f"{what}: it needs OCR ({ocr.EXTRA})", path, kind="needs_ocr")
    return _from_pdf(data, path, compressed, as_pdf(pictures, path), what)


def _from_docx(data: bytes, path: str | None, compressed: bool, converted: bytes | None = None) -> Document:
    """``converted``: the .docx LibreOffice made of a .doc (``data``, whose size and sha256 the report keeps)."""
    from .word import read_docx

    text, lines, pictures = read_docx(converted if converted is not None else data, path)
    if pictures and not cjk_at_least(text, 10):
        return _from_pictures(data, pictures, path, compressed, f"a Word document of {len(pictures)} picture(s)")
    evidence = "a Word document, read with python-docx" + (" (a .doc converted by LibreOffice)" if converted else "")
    warnings = []
    if pictures:
        warnings.append(
            f"{len(pictures)} picture(s) in the Word document are not read (only a document with no text is read "
            "by OCR)"
        )
    return _document(text, lines, data, path, "docx", evidence, compressed, warnings=warnings)


def _doc_to_docx(data: bytes, path: str | None) -> bytes:
    """A Word 97–2003 .doc, converted to .docx by LibreOffice when it is installed."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(
            "a Word 97–2003 .doc file: install LibreOffice (soffice) to read it, or save it as .docx", path
        )
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "page.doc")
        with open(src, "wb") as f:
            f.write(data)
        try:
            subprocess.run(
                [soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, src],
                capture_output=True,
                timeout=120,
                check=True,
            )
            with open(os.path.join(tmp, "page.docx"), "rb") as f:
                return f.read()
        except (subprocess.SubprocessError, OSError):
            raise InputError("a .doc file LibreOffice could not convert", path) from None
