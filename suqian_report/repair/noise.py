"""Noise lines, control characters, and the marks of lost text.

A line holding nothing but ``?`` or U+FFFD is what a mirror leaves where a
character (often an icon or a no-break space) could not be encoded: the line
is emptied.  ``锟斤拷`` is the UTF-8 replacement character read as GBK; it is
turned back into the replacement characters it stands for, so that all lost
text looks the same to later stages.  Lost text inside a line is never
guessed at: :func:`lost_spans` finds it so figures touching it can be marked
uncertain.
"""

from __future__ import annotations

import re

from ..core.patterns import Started
from ..rules.lazy import lazy
from .base import Change, Context, RegexFixer

_NOISE_LINE = lazy(r"^[?？\ufffd \t]+$", re.M)
_KUNJINKAO = lazy(r"(?:锟斤拷)+")
# Runs of ? standing where characters were lost: two or more, or one wedged between CJK characters or digits.
_LOST = Started(r"\ufffd+|\?{2,}|(?<=[\u4e00-\u9fff0-9])\?(?=[\u4e00-\u9fff0-9])(?<![吗呢么吧啊]\?)", start="[\ufffd?]")


CONTROL_CHARS = RegexFixer(
    "control_chars",
    "control characters (NUL and the like) inside the text removed",
    lazy(r"[\x00-\x08\x0b\x0e-\x1f\x7f]+"),
    lambda m, text, ctx: ("", None),
)


class NoiseLines:
    kind = "noise_line"
    description = "line holding only ? or U+FFFD (an unencodable character) emptied"

    def detect(self, text: str, ctx: Context) -> bool:
        return _NOISE_LINE.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        return [Change(m.start(), m.end(), "") for m in _NOISE_LINE.finditer(text) if m.group(0).strip()]


class LostMarkers:
    kind = "lost_text"
    description = "锟斤拷 (replacement characters read as GBK) turned back into U+FFFD; the text there is lost"

    def detect(self, text: str, ctx: Context) -> bool:
        return "锟斤拷" in text

    def fix(self, text: str, ctx: Context) -> list[Change]:
        return [Change(m.start(), m.end(), "\ufffd\ufffd" * (len(m.group(0)) // 3)) for m in _KUNJINKAO.finditer(text)]


def lost_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text known to be lost (U+FFFD runs, ? runs standing for characters)."""
    return [(m.start(), m.end()) for m in _LOST.finditer(text)]
