"""Plain data (dicts, lists, strings, numbers) as JSON text: the bytes the standard library writes, written fast.

``json.dumps`` with ``ensure_ascii=False`` is the reference, compact or indented by two.  orjson (a dependency,
in Rust) writes the same text four to five times as fast, but for a few floats: ``1e-06`` it writes ``1e-6``, and
``1e-05`` as ``0.00001``.  So a text orjson writes is kept only when no number in it has a negative exponent or
starts ``0.0000`` (a float below 0.0001; from 1e16 up both write ``1e+16``), and whatever orjson does not take
as plain data (a dataclass, a date, a subclass, an integer past 64 bits, a key that is not a string, a lone
surrogate) goes to ``json``, which writes it, or refuses it, as it always has.  (A float that is not a number, which
no report holds, would be ``null`` instead of ``NaN``.)  A report's record costs half what it did, decoding to
``str`` included (1.1 against 2.2 ms on the bench's pages), and the writers take orjson's bytes as they are.

A report itself is written from its records (``records=True``): orjson writes each dataclass as its public fields
in order, the dict its ``to_dict`` would build, and ``json`` is handed each record's ``to_dict`` where it writes.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # (a platform with no wheel for it: the standard library alone)
    orjson = None  # type: ignore[assignment]

# Where orjson and json may write a float differently: a negative exponent (1e-6, where json writes 1e-06; a
# positive one both write alike, 1e+16), or a number under 0.0001 written out (0.00001 for 1e-05).  Found by
# bytes.find, then kept only where they make a number, not inside a string (a hash's hex digits hold 7e9): a string
# that looks like one only costs the slower encoder.  An exponent is found by its sign, one byte, which find looks
# for as fast as memory is read ("e-" it looks for a byte at a time, and a report's text holds thousands of e).
_WRITTEN_OUT = b"0.0000"
_DIGITS = frozenset(b"0123456789")
_IN_NUMBER = frozenset(b"0123456789.-")
_BEFORE_NUMBER = frozenset(b":,[ \n")


def _may_differ(text: bytes) -> bool:
    """Whether orjson's ``text`` may hold a number that ``json`` writes otherwise."""
    i = text.find(b"-")
    while i >= 0:  # an exponent: a digit, e, the sign, a digit
        if i > 1 and text[i - 1] == 0x65 and text[i - 2] in _DIGITS and text[i + 1 : i + 2].isdigit():
            if _in_number(text, i - 1):
                return True
        i = text.find(b"-", i + 1)
    i = text.find(_WRITTEN_OUT)
    while i >= 0:
        if _in_number(text, i):
            return True
        i = text.find(_WRITTEN_OUT, i + 1)
    return False


def _in_number(text: bytes, i: int) -> bool:
    """Whether the characters of a number run back from ``i`` to where a JSON value starts (not inside a string)."""
    while i > 0 and text[i - 1] in _IN_NUMBER:
        i -= 1
    return i == 0 or text[i - 1] in _BEFORE_NUMBER


_OPTIONS = _RECORD_OPTIONS = 0
if orjson is not None:
    # what orjson writes by itself and json refuses is handed back, so that json refuses it as before
    _RECORD_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS
    _OPTIONS = _RECORD_OPTIONS | orjson.OPT_PASSTHROUGH_DATACLASS


def _refuse(obj: Any) -> Any:
    raise TypeError


def _as_dict(obj: Any) -> Any:
    """A record that is not plain data, as its ``to_dict`` gives it."""
    to_dict = getattr(obj, "to_dict", None)
    if to_dict is None:
        raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")
    return to_dict()


def encoded(obj: Any, *, indent: bool = False, records: bool = False) -> bytes | str:
    """``json.dumps(obj, ensure_ascii=False)``, compact (``,`` and ``:``) or ``indent=2``: as the UTF-8 bytes orjson
    wrote, when it wrote it (a writer stores them as they are: a report's record is not decoded to be encoded
    again, nor sent between processes as text), else as the ``str`` that ``json`` wrote.

    ``records``: ``obj`` holds the report's records (:meth:`~suqian_report.model.Report.parts`), each written as
    its ``to_dict`` would give it: orjson writes a dataclass as its public fields in order, as ``to_dict`` does,
    without building the dicts; where ``json`` writes the text, it asks each record for its ``to_dict``."""
    if orjson is not None:
        option = (_RECORD_OPTIONS if records else _OPTIONS) | (orjson.OPT_INDENT_2 if indent else 0)
        try:
            out = orjson.dumps(obj, default=_as_dict if records else _refuse, option=option)
        except (TypeError, orjson.JSONEncodeError):
            pass
        else:
            if not _may_differ(out):
                return out
    return _standard(obj, indent, _as_dict if records else None)


def _standard(obj: Any, indent: bool, default: Any = None) -> str:
    if indent:
        return json.dumps(obj, ensure_ascii=False, indent=2, default=default)
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=default)
