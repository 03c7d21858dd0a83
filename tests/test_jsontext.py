"""JSON text written fast is the text the standard library writes."""

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from suqian_report.write.jsontext import encoded

# plain data as reports hold it: text of any script (quotes, backslashes, control characters, CJK, U+2028), counts,
# money and shares of any size and precision, and the nesting of a report's dict
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=20)
_SCALAR = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e-05, 1.5e-05, 1e-06, 0.0001, 1e15, 1e16, 1e21, -0.0, 5e-324, 99.96, 103.3879])
    | _TEXT
)


def dumps(obj, *, indent=False) -> str:
    """The text written, as text."""
    out = encoded(obj, indent=indent)
    return out if isinstance(out, str) else out.decode()


_DATA = st.recursive(
    _SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400)
@given(_DATA)
def test_the_text_is_the_standard_librarys(data):
    assert dumps(data) == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    assert dumps(data, indent=True) == json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.parametrize(
    "value",
    [
        {1: "a key that is a number"},
        {"big": 2**70},
        {"text": "a lone surrogate \ud800"},
        [True, False, None, (1, 2)],
        {"written": "1e5 0.00001 as text"},
    ],
)
def test_what_orjson_does_not_write_as_json_does_is_written_by_json(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclasses.dataclass
class _Record:
    a: int


@pytest.mark.parametrize("value", [_Record(1), {1, 2}, object()])
def test_what_json_refuses_is_refused(value):
    with pytest.raises(TypeError):
        json.dumps(value)
    with pytest.raises(TypeError):
        dumps({"x": value})


def test_a_report_is_written_as_json_writes_it():
    from pathlib import Path

    import orjson  # noqa: F401  (a dependency: the fast encoder is the one under test)

    from suqian_report import extract

    root = Path(__file__).parent
    for page in [
        root.parent / "samples" / "suqian-office-2013-mirror.txt",
        *sorted((root / "fixtures").rglob("*.html")),
    ]:
        d = extract(page.read_bytes()).to_dict()
        assert isinstance(encoded(d), bytes)  # (orjson wrote it)
        assert dumps(d) == json.dumps(d, ensure_ascii=False, separators=(",", ":"))
        assert dumps(d, indent=True) == json.dumps(d, ensure_ascii=False, indent=2)
