"""Text decoded with the wrong encoding and saved again (mojibake).

Three confusions are common on saved report pages:

* UTF-8 bytes read as GBK: ``鏀垮簻淇℃伅鍏紑`` for ``政府信息公开``.  ftfy declines
  these (its issue #34), so they are handled here: a suspicious run is encoded
  back to GBK and decoded as UTF-8.  Bytes that were lost in the round trip
  (an odd byte swallowed with the next character, shown as ``?``) become
  U+FFFD and are counted as lost, never guessed.
* GBK bytes read as Latin-1/cp1252: ``Õþ¸®ÐÅÏ¢`` for ``政府信息``.
* UTF-8 bytes read as Latin-1/cp1252: ``æ”¿åºœ`` for ``政府``: ftfy's own
  territory, called with its encoding fixes only, so Chinese punctuation,
  full-width forms and curly quotes are left alone.

A rewrite is accepted only when the result is clearly more plausible Chinese
than the run it replaces, so good text is never touched.  All three work run
by run, so a clean page with one damaged paragraph is repaired in place.
"""

from __future__ import annotations

import codecs
import re

from ..hanzi import CJK_PUNCT, common_chars, is_cjk, plausibility
from ..offsets import Alignment
from .base import Change, Context

# ---------------------------------------------------------------- UTF-8 read as GBK (and Big5/GBK swaps)

# Characters that UTF-8 Chinese read as GBK produces constantly (lead bytes E4–E9 paired with a continuation).
_GBK_SIGNATURE = re.compile(r"[锛銆鈥涓浜鍏鏈鐨骞鏃鍦鎴璇绋闂瑕缁澶鍙鐢鏂鍚鍛鍗鐞绠鍖閮]")
# Runs of non-ASCII characters ('?' and U+FFFD inside them stand for lost bytes).  Real Chinese punctuation
# ends a run: inside mojibake it would have been mangled too.
_RUN = re.compile(r"[^\x00-\x3e\x40-\x7f\s，。：；、（）《》！？][^\x00-\x3e\x40-\x7f\s，。：；、（）《》！？]+")


_HOLE = b"\xff"  # never valid in UTF-8: a byte the first mis-decoding lost


# Readers that follow GB18030-2000 (older Windows code page 936 and Java's GBK among them) give these byte
# pairs private-use characters that GB18030-2005, and Python, map elsewhere: take them back to their bytes.
_PUA_2000 = {
    "\ue76c": b"\xa2\xe3", "\ue7c7": b"\xa8\xbc",
    **{chr(0xE78D + i): bytes((0xA6, 0xD9 + i)) for i in range(7)},
    "\ue794": b"\xa6\xec", "\ue795": b"\xa6\xed", "\ue796": b"\xa6\xf3",
    "\ue81e": b"\xfe\x59", "\ue826": b"\xfe\x61", "\ue82b": b"\xfe\x66", "\ue82c": b"\xfe\x67",
    "\ue832": b"\xfe\x6d", "\ue843": b"\xfe\x7e", "\ue854": b"\xfe\x90", "\ue864": b"\xfe\xa0",
}


def _encode_gbk(run: str) -> bytes | None:
    """The bytes a GBK reader saw.  U+FFFD and '?' stand for bytes it could not read: they become holes."""
    out = bytearray()
    for ch in run:
        if ch in "\ufffd?":
            out += _HOLE
            continue
        if ch == "€":  # Windows code page 936 reads byte 0x80 as € (GBK proper has it at A2E3)
            out += b"\x80"
            continue
        if ch in _PUA_2000:
            out += _PUA_2000[ch]
            continue
        try:
            out += ch.encode("gbk")
        except UnicodeEncodeError:
            try:
                out += ch.encode("gb18030")
            except UnicodeEncodeError:
                return None
    return bytes(out)


_LOST_RUN = re.compile("\ufffd+")
_LONE = re.compile(r"(?<=[A-Za-z(])[^\x00-\x7f](?=[A-Za-z)])")


def _utf8_of_gbk(run: str) -> str | None:
    """Decode the bytes a GBK reader saw as UTF-8, byte by byte.

    A hole ('?', U+FFFD) costs the character it was part of, marked U+FFFD; UTF-8 resynchronises at the next
    lead byte, so the rest of the run survives.  € is 0x80 to a Windows console but A2E3 to GBK proper: the
    reading that keeps the UTF-8 valid is taken.
    """
    dec = codecs.getincrementaldecoder("utf-8")()
    out: list[str] = []

    def lose() -> None:
        dec.reset()
        if not out or out[-1] != "\ufffd":
            out.append("\ufffd")

    for i, ch in enumerate(run):
        if ch in "\ufffd?":
            lose()
            continue
        if ch == "€":
            options = [b"\x80", b"\xa2\xe3"]
            ahead = b"".join(_encode_gbk(c) or b"" for c in run[i + 1:i + 3] if c not in "\ufffd?")
        else:
            raw = _encode_gbk(ch)
            if raw is None:
                return None
            options, ahead = [raw], b""
        for opt in options:
            state = dec.getstate()
            try:
                if ahead and len(options) > 1:  # look at what follows before choosing between 0x80 and A2E3
                    dec.decode(opt + ahead)
                    dec.setstate(state)
                out.append(dec.decode(opt))
                break
            except UnicodeDecodeError:
                dec.setstate(state)
        else:
            for byte in options[0]:  # not valid here: keep what bytes can be kept
                state = dec.getstate()
                try:
                    out.append(dec.decode(bytes((byte,))))
                except UnicodeDecodeError:
                    dec.setstate(state)
                    lose()
    try:
        out.append(dec.decode(b"", final=True))
    except UnicodeDecodeError:
        lose()
    return "".join(out)


def _readings(run: str, swaps: bool) -> list[tuple[str, str]]:
    """Candidate repairs of one run: (text, how).  Big5/GBK swaps turn common characters into other common
    characters too often to be tried on short runs: ``swaps`` says whether to try them."""
    out = []
    fixed = _utf8_of_gbk(run)
    if fixed is not None:
        out.append((fixed, "UTF-8 read as GBK"))
    raw = _encode_gbk(run)
    if swaps and raw and _HOLE not in raw:
        try:
            out.append((raw.decode("big5hkscs"), "Big5 read as GBK"))
        except UnicodeDecodeError:
            pass
    if swaps:
        try:
            out.append((run.encode("big5hkscs").decode("gb18030"), "GBK read as Big5"))
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return out


class Utf8AsGbk:
    kind = "mojibake_gbk"
    description = "text mis-decoded between UTF-8, GBK and Big5 (鏀垮簻 → 政府), decoded again; lost bytes marked"

    def detect(self, text: str, ctx: Context) -> bool:
        """A line of mostly rare characters (plausibility below 0.6) is what mis-decoding leaves."""
        if not _GBK_SIGNATURE.search(text) and plausibility(text) > 0.97:
            return False
        return any(plausibility(m.group(0)) < 0.6 for m in _RUN.finditer(text) if len(m.group(0)) >= 4)

    def fix(self, text: str, ctx: Context) -> list[Change]:
        changes: list[Change] = []
        common = common_chars()
        deferred: list[Change] = []  # short runs that decode to lost bytes only: damage if the page has more
        for m in _RUN.finditer(text):
            run = m.group(0)
            if len(run) <= 3 and run.endswith("?") and (cand := _utf8_of_gbk(run)) is not None:
                if not cand.replace("\ufffd", ""):
                    deferred.append(Change(m.start(), m.end(), cand, "UTF-8 read as GBK; 1 character(s) lost"))
                    continue
            if plausibility(run) >= 0.95:
                continue
            best = None
            # Good characters may touch the damaged run: try leaving up to four of them out at either end.
            lead_max = next((i for i, ch in enumerate(run[:4]) if ch not in common), min(4, len(run)))
            trail_max = next((i for i, ch in enumerate(reversed(run[-4:])) if ch not in common), min(4, len(run)))
            for lead in range(lead_max + 1):
                for trail in range(trail_max + 1):
                    part = run[lead:len(run) - trail]
                    if len(part) < 2:
                        continue
                    before = plausibility(part)
                    holes = part.count("?") + part.count("\ufffd")
                    for cand, how in _readings(part, swaps=len(part) >= 6 and before < 0.5):
                        lost = cand.count("\ufffd")
                        if lost > holes:
                            continue  # bytes that are not valid where nothing was lost: not this reading
                        body = cand.replace("\ufffd", "")
                        if not any(_chinese(ch) for ch in body):
                            continue
                        score = plausibility(body)
                        # Strict UTF-8 structure is itself strong evidence; a Big5/GBK swap has none.
                        need = 0.75 if how.startswith("UTF-8") else 0.9
                        if score >= need and score > before and lost <= max(1, len(cand) // 5):
                            rank = (-lost, score, len(part))
                            if best is None or rank > best[0]:
                                best = (rank, lead, trail, cand, how, lost)
            if best:
                _rank, lead, trail, cand, how, lost = best
                note = how + (f"; {lost} character(s) lost" if lost else "")
                changes.append(Change(m.start() + lead, m.end() - trail, cand, note))
        if any(c.note and c.note.startswith("UTF-8 read as GBK") for c in changes):
            # A lone character between ASCII whose two bytes are one UTF-8 Latin letter (pinyin's à, an é).
            for m in _LONE.finditer(text):
                raw = _encode_gbk(m.group(0))
                if raw and len(raw) == 2:
                    try:
                        letter = raw.decode("utf-8")
                    except UnicodeDecodeError:
                        continue
                    if "\u00c0" <= letter <= "\u024f":
                        deferred.append(Change(m.start(), m.end(), letter, "UTF-8 read as GBK"))
            changes = sorted(changes + deferred, key=lambda c: c.start)
        return changes


# ---------------------------------------------------------------- GBK / UTF-8 read as Latin-1 or cp1252


def _chinese(ch: str) -> bool:
    """A character only Chinese text has: CJK, Chinese punctuation, a full-width form."""
    return is_cjk(ch) or ch in CJK_PUNCT or "\uff01" <= ch <= "\uff5e"


def _cjk(text: str) -> int:
    return sum(1 for ch in text if _chinese(ch))

_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_LATIN_RUN = re.compile(rf"[\u0080-\u00ff{_CP1252_EXTRA}]{{2,}}")
_LATIN_OR_LOST = re.compile(rf"[\u0080-\u00ff{_CP1252_EXTRA}\ufffd]{{2,}}")
_UTF8_LATIN = re.compile(r"[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_EXTRA + "]")  # a UTF-8 lead byte, then a continuation


def _byte(ch: str) -> int | None:
    """The byte a Latin-1/cp1252 reader turned into ``ch``."""
    o = ord(ch)
    if o < 0x100:
        return o
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


def gbk_pair_runs(line: str) -> list[tuple[int, int]]:
    """Spans of ``line`` that read as runs of double-byte GBK characters when taken back to bytes.

    Walking lead byte + trail byte keeps trail bytes in the ASCII range (0x40–0x7E) inside their character.
    """
    runs: list[tuple[int, int]] = []
    i, n, start = 0, len(line), None
    while i < n:
        b0 = _byte(line[i])
        b1 = _byte(line[i + 1]) if i + 1 < n else None
        if b0 is not None and 0x81 <= b0 <= 0xFE and b1 is not None and 0x40 <= b1 <= 0xFE and b1 != 0x7F:
            start = i if start is None else start
            i += 2
            continue
        if start is not None:
            runs.append((start, i))
            start = None
        i += 1
    if start is not None:
        runs.append((start, n))
    return runs


class LatinMojibake:
    kind = "mojibake_latin1"
    description = "GBK or UTF-8 bytes read as Latin-1/cp1252 (Õþ¸®ÐÅÏ¢ → 政府信息), decoded again"

    def detect(self, text: str, ctx: Context) -> bool:
        return _LATIN_RUN.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        changes: list[Change] = []
        offset = 0
        for line in text.split("\n"):
            if _LATIN_RUN.search(line):
                changes += self._line(line, offset)
            offset += len(line) + 1
        return changes

    def _line(self, line: str, offset: int) -> list[Change]:
        """The better of two readings of a damaged line: GBK runs decoded, or ftfy's UTF-8 repair of each run."""
        readings: list[tuple[tuple[float, int], list[Change]]] = []
        for changes in (self._gbk_runs(line, offset), self._utf8_runs(line, offset)):
            if changes:
                fixed, _ = Alignment.from_edits(line, [Change(c.start - offset, c.end - offset, c.text) for c in changes])
                readings.append(((plausibility(fixed), _cjk(fixed)), changes))
        if not readings:
            return []
        (score, cjk), changes = max(readings, key=lambda r: r[0])
        if cjk <= _cjk(line) or score < max(0.7, plausibility(line)):
            return []
        return changes

    def _utf8_runs(self, line: str, offset: int) -> list[Change]:
        """ftfy's repair of each run; where ftfy declines (short runs, lost bytes), the run's Latin-1/cp1252
        bytes decoded as UTF-8, lost bytes marked U+FFFD."""
        if not _UTF8_LATIN.search(line):
            return []
        import ftfy

        changes = []
        for m in _LATIN_OR_LOST.finditer(line):
            run = m.group(0)
            fixed = ftfy.fix_encoding(run)
            if fixed == run or not _cjk(fixed):
                raw = bytes(0xFF if ch == "\ufffd" else _byte(ch) for ch in run)
                fixed = _LOST_RUN.sub("\ufffd", raw.decode("utf-8", errors="replace"))
                if fixed.count("\ufffd") > max(1, len(fixed) // 5):
                    continue
            if fixed != run:
                changes.append(Change(offset + m.start(), offset + m.end(), fixed, "UTF-8 read as Latin-1"))
        return changes

    def _gbk_runs(self, line: str, offset: int) -> list[Change]:
        """Each double-byte run decoded as GBK (or, for long runs GBK cannot read, Big5); judged by the line."""
        changes = []
        for a, b in gbk_pair_runs(line):
            run = line[a:b]
            if not any("\u0080" <= ch <= "\u00ff" for ch in run):
                continue  # only cp1252 punctuation: real “quotes” and …, not mojibake
            raw = bytes(_byte(ch) for ch in run)
            for codec in ("gb18030", "big5hkscs"):
                if codec == "big5hkscs" and len(raw) < 16:
                    break  # a short Big5 reading is as likely an accident
                try:
                    cand = raw.decode(codec)
                except UnicodeDecodeError:
                    continue
                changes.append(Change(offset + a, offset + b, cand,
                                      f"{'GBK' if codec == 'gb18030' else 'Big5'} read as Latin-1"))
                break
        return changes
