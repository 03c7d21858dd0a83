"""Bytes to text: find the encoding a saved page really uses.

Order of evidence: a byte-order mark; then strict UTF-8 (bytes that are valid
UTF-8 are UTF-8: a page of GBK or Big5 text is never valid UTF-8 by accident,
and a page whose UTF-8 text is itself mojibake is repaired layer by layer
later); then the other strict decodings that are possible (the declared
charset, GB18030, Big5), compared by how plausible the text they give is as
Chinese; then charset-normalizer; then a
lossy GB18030/UTF-8 decoding whose lost characters are counted.  A declared
charset that does not decode, or decodes to less plausible text than another
reading, is overruled and the evidence says so.  Nothing is decoded with
``errors="ignore"``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..core.hanzi import plausibility
from ..rules.lazy import lazy

# Declared names → the codec we decode with (supersets: pages declared GB2312 routinely hold GBK characters).
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "cp950": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "unicode": "utf-16",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "windows-1252": "cp1252",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
}

_META_CHARSET = lazy(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_PROLOG = lazy(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes: the encoding used, why, and what the bytes declared."""

    text: str
    encoding: str
    evidence: str
    declared: str | None
    bom_length: int = 0
    lost: int = 0  # characters replaced by U+FFFD because the bytes could not be decoded

    @property
    def exact(self) -> bool:
        """True when re-encoding the text gives the input bytes back (byte spans can be computed)."""
        return self.lost == 0


def normalise_codec(name: str | None) -> str | None:
    if not name:
        return None
    key = name.strip().lower().replace("_", "-")
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    head = data[:8192]
    m = _META_CHARSET.search(head) or _XML_PROLOG.search(head)
    return m.group(1).decode("ascii").lower() if m else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) / 2
    if odd_nuls > 0.2 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.2 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    # CJK in UTF-16 has few NULs: decode and judge.
    for codec in ("utf-16-le", "utf-16-be"):
        if len(data) % 2 == 0:
            text = _strict(data, codec)
            if text and plausibility(text) > 0.9 and sum(ch < "\x80" for ch in text[:2000]) > 0.02 * len(text[:2000]):
                if text.count("\n") or text.count("<"):
                    return codec
    return None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a saved page.  ``declared`` overrides what the page itself declares (e.g. an HTTP header)."""
    declared = declared or declared_charset(data)
    declared_codec = normalise_codec(declared)

    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            body = data[len(bom) :]
            text = _strict(body, codec)
            if text is not None:
                return Decoded(text, codec, f"byte-order mark ({codec})", declared, len(bom))
            text = body.decode(codec, errors="replace")
            return Decoded(
                text,
                codec,
                f"byte-order mark ({codec}); undecodable bytes replaced",
                declared,
                len(bom),
                text.count("\ufffd"),
            )

    if b"\x00" in data[:4000] and len(data) % 4 == 0:
        sample = data[:4000]
        for codec, zero in (("utf-32-le", sample[3::4]), ("utf-32-be", sample[0::4])):
            if not zero.strip(b"\x00"):  # every fourth byte is 0: UTF-32 without a byte-order mark
                text = _strict(data, codec)
                if text is not None:
                    return Decoded(text, codec, "UTF-32 without byte-order mark", declared)

    if b"\x00" in data[:4000] or (declared_codec or "").startswith("utf-16"):
        utf16 = _looks_utf16(data) or (declared_codec if (declared_codec or "").startswith("utf-16") else None)
        if utf16:
            text = _strict(data, utf16)
            if text is not None:
                return Decoded(text, utf16, "UTF-16 without byte-order mark", declared)

    if data.isascii():
        return Decoded(data.decode("ascii"), "ascii", "all bytes are ASCII", declared)

    # Bytes that are valid UTF-8 (and not ASCII) are UTF-8: GBK or Big5 text long enough to be a page is never
    # valid UTF-8 by accident.  A page whose UTF-8 text is mojibake (GBK read as Latin-1, then saved as UTF-8)
    # is decoded here as what its file is, and repair undoes the earlier layers one by one.
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:
        if declared_codec in (None, "utf-8"):
            evidence = (
                "declared utf-8; confirmed by strict decoding"
                if declared_codec
                else "no charset declared; strict utf-8"
            )
        elif _strict(data, declared_codec) is not None:
            evidence = f"declared {declared} overruled: the bytes are valid UTF-8 (also valid {declared})"
        else:
            evidence = f"declared {declared} overruled: not valid {declared}; strict utf-8"
        return Decoded(utf8, "utf-8", evidence, declared)

    # Every other strict reading that works, judged by plausibility.
    candidates: list[tuple[str, str]] = []
    order = [declared_codec] if declared_codec and declared_codec != "utf-8" else []
    for codec in ("gb18030", "big5hkscs"):
        if codec not in order:
            order.append(codec)
    for codec in order:
        text = _strict(data, codec)
        if text is not None:
            candidates.append((codec, text))

    if candidates:
        _score, _rank, codec, text = max(
            (plausibility(text), -i, codec, text) for i, (codec, text) in enumerate(candidates)
        )
        return Decoded(text, codec, _evidence(codec, declared, declared_codec, candidates), declared)

    return _lossy(data, declared, declared_codec)


def _evidence(codec: str, declared: str | None, declared_codec: str | None, candidates: list[tuple[str, str]]) -> str:
    valid = [c for c, _ in candidates]
    if declared_codec is None:
        head = f"no charset declared; strict {codec}"
    elif declared_codec == codec:
        return f"declared {declared}; confirmed by strict decoding"
    elif declared_codec in valid:
        head = f"declared {declared} overruled: {codec} reads as more plausible Chinese"
    else:
        head = f"declared {declared} overruled: not valid {declared}; strict {codec}"
    if len(valid) > 1:
        head += f" (also valid: {', '.join(c for c in valid if c != codec)}; chosen by plausibility)"
    return head


def _lossy(data: bytes, declared: str | None, declared_codec: str | None) -> Decoded:
    """No strict reading works: every candidate reading with undecodable bytes replaced, the one whose text is
    most plausible Chinese taken (each lost character counts against it)."""
    codecs_tried = ([declared_codec] if declared_codec else []) + ["utf-8", "gb18030", "big5hkscs"]
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
        if guess is not None and guess.encoding:
            codecs_tried.insert(0, normalise_codec(guess.encoding) or guess.encoding)
    except Exception:  # a detector failure is not the page's fault; the others are still tried
        pass
    options: list[tuple[float, str, str]] = []
    for codec in dict.fromkeys(codecs_tried):
        try:
            text = data.decode(codec, errors="replace")
        except LookupError:
            continue
        wide = sum(1 for ch in text if ch >= "\x80") or 1
        options.append((plausibility(text) - text.count("\ufffd") / wide, codec, text))
    _score, codec, text = max(options, key=lambda o: o[0])
    lost = text.count("\ufffd")
    note = f"no strict decoding works; {codec} with {lost} undecodable byte sequence(s) replaced by U+FFFD"
    if declared:
        note = f"declared {declared}; " + note
    return Decoded(text, codec, note, declared, 0, lost)
