"""Damage generators: do to clean text what mirrors, crawlers and consoles do to real pages.

Each function takes clean simplified text and returns it damaged the way a
real page is.  The round-trip tests repair the result and compare.
"""

from __future__ import annotations

import codecs
import random
import re
from difflib import SequenceMatcher
from functools import lru_cache


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    return _s2t().convert(text)


def pinyin_mirror(text: str, share: float = 0.2, seed: int = 7) -> str:
    """The seed page's damage: traditional characters, some followed by their pinyin in brackets."""
    from pypinyin import Style, pinyin

    trad = traditional(text)
    rng = random.Random(seed)
    out = []
    for ch in trad:
        out.append(ch)
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < share:
            py = pinyin(ch, style=Style.TONE, heteronym=False)[0][0]
            if py.isalpha() or any(c in py for c in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"):
                out.append(f"({py})")
    return "".join(out)


def _console_errors(err: UnicodeDecodeError):
    # A Windows console (code page 936) reads 0x80 as € and shows '?' for what it cannot read.
    bad = err.object[err.start : err.end]
    return ("€" if bad[:1] == b"\x80" else "?", err.start + 1)


codecs.register_error("console936", _console_errors)


def utf8_read_as_gbk(text: str) -> str:
    """UTF-8 bytes shown by a GBK console and saved again (鏀垮簻 for 政府); some bytes are lost as '?'.

    Windows code page 936 maps its user-defined areas to private-use characters (as GB18030 does) and
    shows '?' for a lead byte whose trail byte is invalid, such as the ASCII that follows an odd byte."""
    return text.encode("utf-8").decode("gb18030", errors="console936")


def gbk_read_as_latin1(text: str) -> str:
    return text.encode("gbk").decode("latin-1")


def utf8_read_as_gb18030(text: str) -> str:
    """UTF-8 bytes decoded as GB18030 with ``errors="replace"`` (Python's own lossy reading): a byte the decoder
    cannot pair becomes U+FFFD, and so does the 0x80 that ends many characters (一, 开)."""
    return text.encode("utf-8").decode("gb18030", errors="replace")


def _c1_controls(err: UnicodeDecodeError):
    # Browsers (WHATWG windows-1252) read the five bytes cp1252 leaves undefined as C1 control characters.
    return ("".join(chr(b) for b in err.object[err.start : err.end]), err.end)


codecs.register_error("c1controls", _c1_controls)


def layered(text: str, codec: str, reader: str) -> bytes:
    """A page in ``codec`` that some tool decoded as ``reader`` (latin-1 or cp1252) and saved again as UTF-8:
    the file is valid UTF-8 whose text is the first mis-decoding (``Ãû³Æ`` for ``名称``)."""
    if codec.startswith("big5"):
        text = traditional_tw(text)
    return text.encode(codec).decode(reader, errors="c1controls").encode("utf-8")


@lru_cache(maxsize=1)
def _s2tw():
    import opencc

    return opencc.OpenCC("s2tw")


def traditional_tw(text: str) -> str:
    """Traditional characters as Taiwan writes them (what a Big5 page holds: 為, not 爲)."""
    return _s2tw().convert(text)


def utf8_read_as_latin1(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(?:(\d{1,2})日)?")


def drop_date_chars(text: str) -> str:
    """年 and 月 lost between digits: 2013年1月1日 → 201311日, 2010年3月 → 20103月."""

    def cut(m: re.Match) -> str:
        y, mo, d = m.groups()
        return f"{y}{mo}{d}日" if d else f"{y}{mo}月"

    return _DATE.sub(cut, text)


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isdigit() else c for c in text)


def entities(text: str) -> str:
    """Every “ ” and every tenth CJK character written as an HTML reference."""
    out = []
    for i, ch in enumerate(text):
        if ch == "“":
            out.append("&ldquo;")
        elif ch == "”":
            out.append("&rdquo;")
        elif "\u4e00" <= ch <= "\u9fff" and i % 10 == 0:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


KINDS = {
    "pinyin_mirror": pinyin_mirror,
    "traditional": traditional,
    "utf8_read_as_gbk": utf8_read_as_gbk,
    "utf8_read_as_gb18030": utf8_read_as_gb18030,
    "gbk_read_as_latin1": gbk_read_as_latin1,
    "utf8_read_as_latin1": utf8_read_as_latin1,
    "drop_date_chars": drop_date_chars,
    "full_width": full_width,
    "entities": entities,
}


def char_error_rate(expected: str, got: str) -> float:
    """Edits (by a diff) needed to turn ``got`` into ``expected``, per character of ``expected``."""
    if not expected:
        return 0.0 if not got else 1.0
    edits = 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, expected, got, autojunk=False).get_opcodes():
        if tag != "equal":
            edits += max(i2 - i1, j2 - j1)
    return edits / len(expected)
