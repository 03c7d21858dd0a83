"""UTF-8 bytes read as GBK and saved again: ``鏀垮簻淇℃伅鍏紑`` for ``政府信息公开`` (and Big5/GBK swaps).

ftfy declines these (its issue #34), so they are handled here: the characters are taken back to the bytes the GBK
reader saw and those bytes decoded as UTF-8, byte by byte.  A byte the reader could not read (U+FFFD, or ``?``
from a console) costs only the character it was part of, and UTF-8 resynchronises after it, so ``涓�2023骞�``
gives ``�2023�`` (为 and 年 lost, marked, never guessed).  Where the reader's own behaviour leaves one possible
byte (a GB18030 reader refuses only 0x80 and 0xFF before a byte it could pair with), the byte is restored.  A
character's bytes are split across the ASCII that follows it, so runs are read together with the ASCII between
them.  (Readings as Latin-1 or cp1252, often the layer above this one, are :mod:`.latin`.)

A rewrite is accepted only when the result is more plausible Chinese than the run it replaces, so good text is
never touched.  All of it works run by run, so a clean page with one damaged paragraph is repaired in place.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.hanzi import CJK_PUNCT, common_chars, is_cjk, plausibility, rare_chars
from ..rules.lazy import lazy
from .base import Change, Context

# ---------------------------------------------------------------- UTF-8 read as GBK (and Big5/GBK swaps)

# Characters that UTF-8 Chinese read as GBK produces constantly (lead bytes E4–E9 paired with a continuation).
_GBK_SIGNATURE = lazy(r"[锛銆鈥涓浜鍏鏈鐨骞鏃鍦鎴璇绋闂瑕缁澶鍙鐢鏂鍚鍛鍗鐞绠鍖閮]")
# Runs of non-ASCII characters ('?' and U+FFFD inside them stand for lost bytes).  Real Chinese punctuation
# ends a run: inside mojibake it would have been mangled too.
_RUN = lazy(r"[^\x00-\x3e\x40-\x7f\s，。：；、（）《》！？]+")
_GAP = lazy(r"[\x00-\x09\x0b-\x7f]*")  # ASCII within a line: valid UTF-8 as it stands

# Readers that follow GB18030-2000 (older Windows code page 936 and Java's GBK among them) give these byte
# pairs private-use characters that GB18030-2005, and Python, map elsewhere: take them back to their bytes.
_PUA_2000 = {
    "\ue76c": b"\xa2\xe3",
    "\ue7c7": b"\xa8\xbc",
    **{chr(0xE78D + i): bytes((0xA6, 0xD9 + i)) for i in range(7)},
    "\ue794": b"\xa6\xec",
    "\ue795": b"\xa6\xed",
    "\ue796": b"\xa6\xf3",
    "\ue81e": b"\xfe\x59",
    "\ue826": b"\xfe\x61",
    "\ue82b": b"\xfe\x66",
    "\ue82c": b"\xfe\x67",
    "\ue832": b"\xfe\x6d",
    "\ue843": b"\xfe\x7e",
    "\ue854": b"\xfe\x90",
    "\ue864": b"\xfe\xa0",
}
# GB18030 gives the user-defined GBK areas private-use characters: their presence shows which reader it was.
_UDA = lazy("[\ue000-\ue765]")

_HOLE, _QMARK, _EURO = -1, -2, -3  # a lost byte; a '?' (a lost byte, or a question mark); € (0x80 or A2E3)
_TRAIL = frozenset(range(0x40, 0x7F)) | frozenset(range(0x80, 0xFF))  # what a GBK reader pairs with a lead byte
_LOST = "\ufffd"


def _atoms(run: str) -> list[int] | None:
    """The bytes a GBK reader saw, one per item; the markers above where a byte is not known."""
    out: list[int] = []
    for ch in run:
        if ch < "\x80":
            out.append(_QMARK if ch == "?" else ord(ch))
        elif ch == _LOST:
            out.append(_HOLE)
        elif ch == "€":  # Windows code page 936 reads byte 0x80 as € (GBK proper has it at A2E3)
            out.append(_EURO)
        elif ch in _PUA_2000:
            out += _PUA_2000[ch]
        else:
            try:
                raw = ch.encode("gbk")
            except UnicodeEncodeError:
                try:
                    raw = ch.encode("gb18030")
                except UnicodeEncodeError:
                    return None
                if len(raw) != 2:
                    return None  # a four-byte GB18030 character: no UTF-8 byte sequence reads as one
            out += raw
    return out


def _gbk_unpairable(lead: int, trail: int) -> bool:
    try:
        bytes((lead, trail)).decode("gbk")
        return False
    except UnicodeDecodeError:
        return True


def _lost_byte(atoms: list[int], i: int, gb18030: bool) -> int | None:
    """What the byte lost at ``atoms[i]`` was, when the reader's own behaviour leaves one answer.

    A GB18030 reader pairs every lead byte 81–FE with a trail byte 40–7E or 80–FE, so a byte it could not read
    before such a trail byte was 0x80 (the only other unreadable byte, FF, is not UTF-8).  A GBK reader also
    refuses the pairs of its user-defined areas: then 0x80 is certain only where no such pair was possible.
    Before ASCII punctuation, digits or a line end the byte could have been any continuation byte: lost."""
    nxt = atoms[i + 1] if i + 1 < len(atoms) else None
    if nxt is None or nxt < 0 or nxt not in _TRAIL:
        return None
    if gb18030 or not _gbk_refuses_a_lead_before(nxt):
        return 0x80
    return None


@lru_cache(maxsize=256)
def _gbk_refuses_a_lead_before(trail: int) -> bool:
    """Whether a GBK reader refuses some continuation byte 81–BF as a lead before ``trail`` (its user-defined
    areas): then a lost byte before ``trail`` need not have been 0x80."""
    return any(_gbk_unpairable(b, trail) for b in range(0x81, 0xC0))


def utf8_of_gbk(run: str, gb18030: bool = False) -> tuple[str, int, int] | None:
    """Decode the bytes a GBK reader saw as the UTF-8 they were: (text, characters lost, bytes restored).

    A lost byte costs the one character it was part of, marked U+FFFD; UTF-8 resynchronises at the next lead
    byte, so the rest of the text survives.  A '?' is a lost byte only where a character is incomplete (a
    console writes '?' for what it cannot show); elsewhere it is a question mark.  None when the bytes are
    not UTF-8 (the run was not this kind of mojibake)."""
    atoms = _atoms(run)
    if atoms is None:
        return None
    out: list[str] = []
    lost = restored = 0
    need = 0  # continuation bytes the current character still needs
    cur = bytearray()
    skipping = False  # continuation bytes of a character already lost
    for i, a in enumerate(atoms):
        if a == _QMARK:
            a = _HOLE if need else 0x3F
        elif a == _EURO:
            a = 0x80 if need else _HOLE  # A2E3 is never valid where a character starts either
        if a == _HOLE:
            b = _lost_byte(atoms, i, gb18030) if need else None
            if b is None:
                out.append(_LOST)
                lost += 1
                need, skipping = 0, True
                cur.clear()
                continue
            a = b
            restored += 1
        if skipping and 0x80 <= a <= 0xBF:
            continue
        skipping = False
        if need:
            if not 0x80 <= a <= 0xBF:
                return None
            cur.append(a)
            need -= 1
            if not need:
                try:
                    out.append(cur.decode("utf-8"))
                except UnicodeDecodeError:
                    return None
                cur.clear()
        elif a < 0x80:
            out.append(chr(a))
        elif 0xC2 <= a <= 0xF4:
            need = 1 if a <= 0xDF else (2 if a <= 0xEF else 3)
            cur.append(a)
        else:
            return None
    if need:
        out.append(_LOST)
        lost += 1
    return "".join(out), lost, restored


def _holes(text: str) -> int:
    return text.count(_LOST) + text.count("?") + text.count("€")


def _swaps(run: str) -> list[tuple[str, str]]:
    """Big5/GBK swaps: they turn common characters into other common characters too often to be tried on
    short runs."""
    out = []
    try:
        out.append((run.encode("gbk").decode("big5hkscs"), "Big5 read as GBK"))
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    try:
        out.append((run.encode("big5hkscs").decode("gb18030"), "GBK read as Big5"))
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return out


class Utf8AsGbk:
    kind = "mojibake_gbk"
    description = (
        "text mis-decoded between UTF-8, GBK and Big5 (鏀垮簻 → 政府), decoded again byte by byte; "
        "characters that held a lost byte marked U+FFFD"
    )

    def detect(self, text: str, ctx: Context) -> bool:
        """A line of mostly rare characters (plausibility below 0.6) is what mis-decoding leaves."""
        rare = rare_chars(text)
        if not rare or (not _GBK_SIGNATURE.search(text) and plausibility(text) > 0.97):
            return False
        # Only a run holding a rare character can score below 1.0: only those are weighed, each found from its
        # first rare character (its end by matching forwards, its start by matching the reversed text forwards).
        marker = re.compile("[" + "".join(re.escape(ch) for ch in set(rare)) + "]")
        reverse = text[::-1]
        n = len(text)
        end = 0
        for m in marker.finditer(text):
            if m.start() < end:
                continue  # in the run just weighed
            forward, back = _RUN.match(text, m.start()), _RUN.match(reverse, n - 1 - m.start())
            if forward is None or back is None:
                continue
            end = forward.end()
            run = text[n - back.end() : end]
            if len(run) >= 4 and plausibility(run) < 0.6:
                return True
        return False

    def fix(self, text: str, ctx: Context) -> list[Change]:
        gb18030 = _UDA.search(text) is not None
        strong: list[Change] = []
        weak: list[Change] = []  # readings that are consistent but say too little alone: taken when the page
        # shows this damage elsewhere
        for a, b in _regions(text):
            whole = self._region(text, a, b, gb18030)
            if whole is not None:
                (strong if whole[1] else weak).append(whole[0])
                continue
            # Not uniformly damaged (good text touches the damage): run by run.
            for m in _RUN.finditer(text, a, b):
                c = self._run(m.group(0), m.start(), gb18030)
                if c is not None:
                    strong.append(c)
                elif (one := self._region(text, m.start(), m.end(), gb18030)) is not None:
                    (strong if one[1] else weak).append(one[0])
        if not strong:
            return []
        return sorted(strong + weak, key=lambda c: c.start)

    def _region(self, text: str, a: int, b: int, gb18030: bool) -> tuple[Change, bool] | None:
        """``text[a:b]`` read as UTF-8 whole, leaving out up to four good characters at either end (they may
        touch the damage): the change, and whether it is evidence by itself."""
        region = text[a:b]
        best = None
        for lead, trail, part in _trims(region):
            got = utf8_of_gbk(part, gb18030) if part else None
            if got is None:
                continue
            cand, lost, restored = got
            if cand == part or lost > _holes(part):
                continue
            body = cand.replace(_LOST, "")
            n_chinese = sum(1 for ch in body if chinese(ch))
            score = plausibility(body)
            if n_chinese and score < 0.75:
                continue
            rank = (score, -lost, len(part))
            if best is None or rank > best[0]:
                change = Change(a + lead, b - trail, cand, _note("UTF-8 read as GBK", lost, restored))
                best = rank, change, n_chinese >= 2 and score > plausibility(part)
        if best is not None:
            return best[1], best[2]
        return None

    def _run(self, run: str, offset: int, gb18030: bool) -> Change | None:
        """One run inside text that is not uniformly damaged: good characters may touch it, so leaving up to
        four of them out at either end is tried; long runs may also be Big5/GBK swaps."""
        if plausibility(run) >= 0.95 and _LOST not in run:
            return None
        best = None
        for lead, trail, part in _trims(run):
            if len(part) < 2:
                continue
            before = plausibility(part)
            holes = _holes(part)
            readings = []
            got = utf8_of_gbk(part, gb18030)
            if got is not None:
                readings.append((got[0], "UTF-8 read as GBK", got[2]))
            if len(part) >= 6 and before < 0.5 and not holes:
                readings += [(c, how, 0) for c, how in _swaps(part)]
            for cand, how, restored in readings:
                lost = cand.count(_LOST)
                if lost > holes:
                    continue  # bytes that are not valid where nothing was lost: not this reading
                body = cand.replace(_LOST, "")
                if not any(chinese(ch) for ch in body):
                    continue
                score = plausibility(body)
                # Strict UTF-8 structure is itself strong evidence; a Big5/GBK swap has none.
                need = 0.75 if how.startswith("UTF-8") else 0.9
                if score >= need and score > before and lost <= max(1, len(cand) // 5):
                    rank = (-lost, score, len(part))
                    if best is None or rank > best[0]:
                        best = (rank, lead, trail, cand, how, lost, restored)
        if best is None:
            return None
        _rank, lead, trail, cand, how, lost, restored = best
        return Change(offset + lead, offset + len(run) - trail, cand, _note(how, lost, restored))


def _trims(run: str):
    """(lead, trail, part) for each way of leaving out up to four good (common) characters at either end of a
    run: good text may touch the damage it stands beside."""
    common = common_chars()
    lead_max = next((i for i, ch in enumerate(run[:4]) if ch not in common), min(4, len(run)))
    trail_max = next((i for i, ch in enumerate(reversed(run[-4:])) if ch not in common), min(4, len(run)))
    for lead in range(lead_max + 1):
        for trail in range(trail_max + 1):
            yield lead, trail, run[lead : len(run) - trail]


def _regions(text: str) -> list[tuple[int, int]]:
    """Spans of damaged runs, each joined to the next across the ASCII between them on the same line: UTF-8
    read as GBK splits a character's bytes across the ASCII that follows it (涓�2023骞� for 为2023年)."""
    out: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        run = m.group(0)
        if plausibility(run) >= 0.95 and not any(ch in run for ch in "\ufffd?€"):
            continue
        a, b = m.span()
        if out and _GAP.fullmatch(text, out[-1][1], a):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _note(how: str, lost: int, restored: int) -> str:
    return (
        how
        + (f"; {lost} character(s) lost" if lost else "")
        + (f"; {restored} lost byte(s) restored (the only byte the reader could not have paired)" if restored else "")
    )


def chinese(ch: str) -> bool:
    """A character only Chinese text has: CJK, Chinese punctuation, a full-width form."""
    return is_cjk(ch) or ch in CJK_PUNCT or "\uff01" <= ch <= "\uff5e"
