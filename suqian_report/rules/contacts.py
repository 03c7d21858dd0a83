"""How pages write phone numbers and postcodes: every dash a keyboard or a font offers, spaces, brackets.

``0527-84000000``, ``0527—84000000``, ``0527－8400 0000``, ``0527 84000000``, ``（0527）8400-0000``, ``138 0527 0000``:
one shape each, shared by the number scanner (they are not figures) and the metadata (normalised to
``0527-84000000``).
"""

from __future__ import annotations

DASHES = "-－—–‐‑―"
_DASH = f"[{DASHES}]"
_LOCAL = rf"(?:\d{{7,8}}|\d{{3,4}}(?:{_DASH}|[ \u00a0])\d{{4}})"  # 84000000, 8400 0000, 8400-0000
# An area code (0 and two or three digits) before a local number, joined by a dash or a space, or in brackets;
# a mobile number, whole or in groups; a 400 number.
PHONE = (
    rf"(?:[(（]\s*0\d{{2,3}}\s*[)）]\s*|0\d{{2,3}}\s*{_DASH}\s*|0\d{{2,3}}[ \u00a0]+){_LOCAL}(?:{_DASH}\d{{1,5}}(?!\d))?"
    rf"|1[3-9]\d(?:[ \u00a0{DASHES}]?\d{{4}}){{2}}"
    rf"|400{_DASH}?\d{{3}}{_DASH}?\d{{4}}"
)
POSTCODE = r"\d{3}[ \u00a0]?\d{3}"
