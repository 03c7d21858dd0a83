"""JSON text written fast is the text the standard library writes."""

import dataclasses
import json
from pathlib import Path

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


def _as_text(out: bytes | str) -> str:
    return out if isinstance(out, str) else out.decode()


def _pages():
    from pathlib import Path

    root = Path(__file__).parent
    return [root.parent / "samples" / "suqian-office-2013-mirror.txt"] + sorted(
        p for p in (root / "fixtures").rglob("*") if p.suffix in (".txt", ".html")
    )


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_a_reports_records_are_written_whole_as_their_dicts(page):
    # orjson writes each record (a dataclass) itself: the text is the one its to_dict gives
    from suqian_report import extract

    report = extract(page.read_bytes())
    d = report.to_dict()
    assert isinstance(encoded(report.parts(), records=True), bytes)
    assert _as_text(encoded(report.parts(), records=True)) == json.dumps(d, ensure_ascii=False, separators=(",", ":"))
    assert _as_text(encoded(report.parts(), records=True, indent=True)) == json.dumps(d, ensure_ascii=False, indent=2)


@given(st.lists(_SCALAR, min_size=1, max_size=6), _TEXT)
def test_records_with_any_value_are_written_as_their_dicts(values, label):
    # values orjson writes otherwise than json (1e-05, a number past 64 bits) send the whole record to json, which
    # asks each record for its to_dict
    from suqian_report import extract
    from suqian_report.core.model import Figure, TableCell

    report = extract((Path(__file__).parent / "fixtures" / "clean" / "prose-2016-numerals.txt").read_bytes())
    report.figures = [
        Figure("k", label, v, str(v), None, cell=TableCell("三", label, None), span=(1, 2), bbox=(0.5, 1e-05, 2, 3))
        for v in values
    ]
    report.metadata.title = label
    d = report.to_dict()
    assert _as_text(encoded(report.parts(), records=True)) == json.dumps(d, ensure_ascii=False, separators=(",", ":"))


def test_a_record_holding_what_json_refuses_is_refused():
    from suqian_report import extract

    report = extract("某县2021年政府信息公开工作年度报告\n主动公开12条。")
    report.metadata.keywords = {"a", "set"}  # type: ignore[assignment]
    with pytest.raises(TypeError):
        encoded(report.parts(), records=True)
