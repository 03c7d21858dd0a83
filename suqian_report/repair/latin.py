"""GBK, Big5 or UTF-8 bytes read as Latin-1 or cp1252 and saved again.

* GBK or Big5 bytes read as Latin-1/cp1252: ``Õþ¸®ÐÅÏ¢`` for ``政府信息``.  Which of the two the bytes were is
  decided for the page by the plausibility of each reading.
* UTF-8 bytes read as Latin-1/cp1252: ``æ”¿åºœ`` for ``政府``: ftfy's own territory, called with its encoding
  fixes only, so Chinese punctuation, full-width forms and curly quotes are left alone.

Layers are undone outermost first (Latin-1 here, then GBK in :mod:`.mojibake`), each logged as its own repair: a
Latin-1 reading is accepted when it is more plausible Chinese than the text it replaces, or when it is lossless and
the next layer's repair turns it into plausible Chinese.
"""

from __future__ import annotations

from ..core.hanzi import plausibility
from ..core.offsets import Alignment
from ..rules.lazy import lazy
from .base import Change, Context
from .mojibake import chinese, utf8_of_gbk


def _cjk(text: str) -> int:
    return sum(1 for ch in text if chinese(ch))


_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_LOST_RUN = lazy("\ufffd+")
_LATIN_RUN = lazy(rf"[\u0080-\u00ff{_CP1252_EXTRA}]{{2,}}")
# Double-byte characters whose trail byte is ASCII (Big5 and GBK put many there: ¡]¤C¡^ for （七）).
_LATIN_PAIRS = lazy(rf"(?:[\u0081-\u00fe{_CP1252_EXTRA}][\x40-\x7e\u0080-\u00fe{_CP1252_EXTRA}]){{2,}}")
_LATIN_PAIR = lazy(rf"[\u0081-\u00fe{_CP1252_EXTRA}][\x40-\x7e\u0080-\u00fe{_CP1252_EXTRA}]")
_LATIN_OR_LOST = lazy(rf"[\u0080-\u00ff{_CP1252_EXTRA}\ufffd]{{2,}}")
_UTF8_LATIN = lazy(r"[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_EXTRA + "]")  # a UTF-8 lead byte, then a continuation


def _byte(ch: str) -> int | None:
    """The byte a Latin-1/cp1252 reader turned into ``ch``."""
    o = ord(ch)
    if o < 0x100:
        return o
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None


def _latin_bytes(run: str) -> bytes:
    """The bytes behind a run that a Latin-1/cp1252 reader made, every character of it (a lost one, U+FFFD, as 0xFF)."""
    return bytes(0xFF if ch == "\ufffd" else (_byte(ch) or 0) for ch in run)


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
    description = "GBK, Big5 or UTF-8 bytes read as Latin-1/cp1252 (Õþ¸®ÐÅÏ¢ → 政府信息), decoded again"

    def detect(self, text: str, ctx: Context) -> bool:
        return _LATIN_RUN.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        lines = text.split("\n")
        damaged = [bool(_LATIN_RUN.search(line) or _LATIN_PAIRS.search(line)) for line in lines]
        codec = _double_byte_codec([line for line, d in zip(lines, damaged) if d])
        changes: list[Change] = []
        weak: list[Change] = []  # lines holding one double-byte character (a PDF's vertical text): too short
        # to judge alone, repaired when the page shows this damage elsewhere
        repaired_lines = 0
        offset = 0
        for line, d in zip(lines, damaged):
            if d:
                got = self._line(line, offset, codec)
                changes += got
                repaired_lines += bool(got)
            elif _LATIN_PAIR.search(line):
                weak += self._line(line, offset, codec)
            offset += len(line) + 1
        if repaired_lines >= 3:
            changes = sorted(changes + weak, key=lambda c: c.start)
        return changes

    def _line(self, line: str, offset: int, codec: str) -> list[Change]:
        """The best reading of a damaged line: its double-byte runs decoded as the page's codec, or each run's
        UTF-8 repair.  Accepted when it is more plausible Chinese than the line, or when it is a lossless
        reading that the next layer's repair (UTF-8 read as GBK) turns into plausible Chinese."""
        readings: list[tuple[tuple[float, float, int], float, float, list[Change]]] = []
        for changes in (self._pair_runs(line, offset, codec), self._utf8_runs(line, offset)):
            if changes:
                fixed, _ = Alignment.from_edits(
                    line, [Change(c.start - offset, c.end - offset, c.text) for c in changes]
                )
                direct = plausibility(fixed)
                layered = _next_layer(fixed) if "\ufffd" not in fixed else 0.0
                # a reading that is Chinese itself beats one that is Chinese after another layer's repair
                readings.append(((max(direct, layered), direct, _cjk(fixed)), direct, layered, changes))
        if not readings:
            return []
        (_best, _direct, cjk), direct, layered, changes = max(readings, key=lambda r: r[0])
        if cjk <= _cjk(line):
            return []
        before = plausibility(line)
        if direct >= max(0.7, before):
            return changes
        if layered >= max(0.75, before + 0.2):
            return [
                Change(c.start, c.end, c.text, (c.note or "") + "; the text it gives is mojibake of another layer")
                for c in changes
            ]
        return []

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
                raw = _latin_bytes(run)
                fixed = _LOST_RUN.sub("\ufffd", raw.decode("utf-8", errors="replace"))
                if fixed.count("\ufffd") > max(1, len(fixed) // 5):
                    continue
            if fixed != run:
                changes.append(Change(offset + m.start(), offset + m.end(), fixed, "UTF-8 read as Latin-1"))
        return changes

    def _pair_runs(self, line: str, offset: int, codec: str) -> list[Change]:
        """Each double-byte run decoded as the page's codec (the other one where that cannot read it)."""
        changes = []
        for a, b, raw in _latin_pair_runs(line):
            for c in (codec, "big5hkscs" if codec == "gb18030" else "gb18030"):
                try:
                    cand = raw.decode(c)
                except UnicodeDecodeError:
                    continue
                changes.append(
                    Change(offset + a, offset + b, cand, f"{'GBK' if c == 'gb18030' else 'Big5'} read as Latin-1")
                )
                break
        return changes


def _latin_pair_runs(line: str):
    """(start, end, bytes) of each double-byte run of a line that holds a Latin-1 letter; runs of cp1252
    punctuation alone are real “quotes” and …, not mojibake."""
    for a, b in gbk_pair_runs(line):
        run = line[a:b]
        if any("\u0080" <= ch <= "\u00ff" for ch in run):
            yield a, b, _latin_bytes(run)


def _double_byte_codec(lines: list[str]) -> str:
    """GBK or Big5: whichever reads the page's double-byte runs as more plausible Chinese.  Both codecs accept
    most byte pairs, so only the text they give tells them apart; short evidence stays with GBK."""
    raw = b"".join(run for line in lines for _a, _b, run in _latin_pair_runs(line))
    if len(raw) < 16:
        return "gb18030"
    scores = {}
    for codec in ("gb18030", "big5hkscs"):
        scores[codec] = plausibility(raw.decode(codec, errors="replace").replace("\ufffd", ""))
    return "big5hkscs" if scores["big5hkscs"] > scores["gb18030"] + 0.1 else "gb18030"


def _next_layer(text: str) -> float:
    """How plausible ``text`` becomes once read back from GBK as UTF-8 (0 when it is not that mojibake)."""
    got = utf8_of_gbk(text, gb18030=True)
    if got is None or not got[0]:
        return 0.0
    body = got[0].replace("\ufffd", "")
    return plausibility(body) if any(chinese(ch) for ch in body) else 0.0
