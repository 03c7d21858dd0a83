"""HTML entities and numeric character references left in text (``&ldquo;``, ``&#25919;``, ``&amp;nbsp;``)."""

from __future__ import annotations

from ..rules.lazy import lazy
from .base import Change, Context

# Named entities that broken pages write without the semicolon.
_BARE = "nbsp|amp|lt|gt|quot|ldquo|rdquo|lsquo|rsquo|middot|mdash|ndash|hellip|times|divide|deg|yen|copy|reg"
_PATTERN = lazy(
    r"&(?:amp;)*(?:#[0-9]{2,7};?|#[xX][0-9a-fA-F]{2,6};?|[A-Za-z][A-Za-z0-9]{1,31};|(?:" + _BARE + r")(?![A-Za-z0-9;]))"
)


class Entities:
    kind = "html_entity"
    description = "HTML entity or numeric character reference left in the text, decoded"

    def detect(self, text: str, ctx: Context) -> bool:
        return "&" in text and _PATTERN.search(text) is not None

    def fix(self, text: str, ctx: Context) -> list[Change]:
        import html  # (only pages with entities left in them need its table)

        out: list[Change] = []
        for m in _PATTERN.finditer(text):
            raw = m.group(0)
            decoded = raw
            for _ in range(4):  # double-escaped: &amp;ldquo; → &ldquo; → “
                nxt = html.unescape(decoded if decoded.endswith(";") or decoded.startswith("&#") else decoded + ";")
                if nxt == decoded or (nxt.endswith(";") and nxt == decoded + ";"):
                    break
                decoded = nxt
                if not decoded.startswith("&"):
                    break
            if decoded == raw or _PATTERN.fullmatch(decoded) or "\n" in decoded:
                continue
            decoded = decoded.replace("\u00a0", " ")  # the width fixer would do the same; keep one step
            out.append(Change(m.start(), m.end(), decoded))
        return out
