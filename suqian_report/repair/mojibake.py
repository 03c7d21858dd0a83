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

import re

from ..hanzi import cjk_count, plausibility
from .base import Change, Context, diff_changes

# ---------------------------------------------------------------- UTF-8 read as GBK (and Big5/GBK swaps)

# Characters that UTF-8 Chinese read as GBK produces constantly (lead bytes E4–E9 paired with a continuation).
_GBK_SIGNATURE = re.compile(r"[锛銆鈥涓浜鍏鏈鐨骞鏃鍦鎴璇绋闂瑕缁澶鍙鐢鏂鍚鍛鍗鐞绠鍖閮]")
_RUN = re.compile(r"[^\x00-\x3e\x40-\x7f\s]{2,}[?]?")  # non-ASCII (and lost-byte '?') runs


def _encode_gbk(run: str) -> bytes | None:
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("gbk")
        except UnicodeEncodeError:
            try:
                out += ch.encode("gb18030")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _readings(run: str) -> list[tuple[str, str]]:
    """Candidate repairs of one run: (text, how)."""
    out = []
    core = run.rstrip("?\ufffd")
    lost_tail = len(run) - len(core)
    raw = _encode_gbk(core)
    if raw:
        fixed = raw.decode("utf-8", errors="replace")
        if lost_tail and not fixed.endswith("\ufffd"):
            fixed += "\ufffd"  # the '?' stood for a swallowed byte
        out.append((fixed, "UTF-8 read as GBK"))
        try:
            out.append((raw.decode("big5hkscs"), "Big5 read as GBK"))
        except UnicodeDecodeError:
            pass
    try:
        out.append((core.encode("big5hkscs").decode("gb18030") + "\ufffd" * lost_tail, "GBK read as Big5"))
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return out


class Utf8AsGbk:
    kind = "mojibake_gbk"
    description = "text mis-decoded between UTF-8, GBK and Big5 (鏀垮簻 → 政府), decoded again; lost bytes marked"

    def detect(self, text: str, ctx: Context) -> bool:
        if _GBK_SIGNATURE.search(text):
            return True
        return plausibility(text) < 0.85

    def fix(self, text: str, ctx: Context) -> list[Change]:
        changes: list[Change] = []
        for m in _RUN.finditer(text):
            run = m.group(0)
            before = plausibility(run)
            if before >= 0.7:
                continue
            best = None
            for cand, how in _readings(run):
                lost = cand.count("\ufffd")
                body = cand.replace("\ufffd", "")
                if not body or cjk_count(body) == 0:
                    continue
                score = plausibility(body)
                if score >= 0.9 and score - before >= 0.3 and lost <= max(1, len(cand) // 8):
                    if best is None or score > best[0]:
                        best = (score, cand, how, lost)
            if best:
                _score, cand, how, lost = best
                note = how + (f"; {lost} character(s) lost" if lost else "")
                changes.append(Change(m.start(), m.end(), cand, note))
        return changes


# ---------------------------------------------------------------- GBK / UTF-8 read as Latin-1 or cp1252

_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_LATIN_RUN = re.compile(rf"[\u0080-\u00ff{_CP1252_EXTRA}]{{2,}}")
_UTF8_LATIN = re.compile(r"[ÃÂâåæçèéä][\u0080-\u00bf" + _CP1252_EXTRA + "]")


def _latin_bytes(run: str) -> bytes:
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            out += ch.encode("latin-1")  # C1 controls cp1252 leaves undefined
    return bytes(out)


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
        if _UTF8_LATIN.search(line):
            import ftfy

            fixed = ftfy.fix_encoding(line)
            if fixed != line and cjk_count(fixed) > cjk_count(line) and plausibility(fixed) >= plausibility(line):
                return diff_changes(line, fixed, offset, "UTF-8 read as Latin-1 (ftfy)")
        changes = []
        for m in _LATIN_RUN.finditer(line):
            run = m.group(0)
            if not any("\u00a1" <= ch <= "\u00ff" for ch in run):
                continue  # only cp1252 punctuation: real “quotes” and …, not mojibake
            raw = _latin_bytes(run)
            for codec in ("gb18030", "big5hkscs"):
                try:
                    cand = raw.decode(codec)
                except UnicodeDecodeError:
                    continue
                if cjk_count(cand) and plausibility(cand) >= 0.85:
                    changes.append(Change(offset + m.start(), offset + m.end(), cand,
                                          f"{'GBK' if codec == 'gb18030' else 'Big5'} read as Latin-1"))
                    break
        return changes
