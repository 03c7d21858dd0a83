"""The published JSON Schema is the model's, and every golden output validates against it."""

import json
import subprocess
import sys

import jsonschema
import pytest

from .conftest import FIXTURES, GOLDEN, ROOT, SEED

SCHEMA = json.loads((ROOT / "suqian_report" / "report.schema.json").read_text(encoding="utf-8"))


def test_schema_is_built_from_the_model():
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_schema.py"), "--check"], capture_output=True)
    assert p.returncode == 0, p.stdout.decode()


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_outputs_validate(golden):
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(golden.read_text(encoding="utf-8")))


def test_schema_rejects_an_unknown_field():
    report = json.loads((GOLDEN / "suqian-office-2013-mirror.json").read_text(encoding="utf-8"))
    report["figures"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(report)


def test_the_records_written_out_give_what_the_generic_one_gives():
    """Figure, CheckInput and TableCell write their dicts field by field (for speed): the same dict as the
    generic, field for field, in order, on every figure of the sample and the fixtures, and on figures made up."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from suqian_report import extract_file
    from suqian_report.core.model import CheckInput, Figure, TableCell, _Record

    def same(record) -> None:
        fast, generic = record.to_dict(), _Record.to_dict(record)
        assert fast == generic and list(fast) == list(generic)

    pages = [SEED, *sorted((FIXTURES / "clean").iterdir()), FIXTURES / "layouts" / "template-2021-county-cms.html"]
    for page in pages:
        report = extract_file(page)
        for f in report.figures:
            same(f)
            if f.cell is not None:
                same(f.cell)
        for c in report.checks:
            for i in c.inputs:
                same(i)

    spans = st.none() | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))
    numbers = st.none() | st.integers() | st.floats(allow_nan=False)
    cells = st.none() | st.builds(TableCell, st.text(max_size=3), st.text(max_size=5), st.none() | st.text(max_size=5))

    @settings(max_examples=60, deadline=None)
    @given(
        st.builds(
            Figure,
            key=st.text(max_size=8),
            label_zh=st.text(max_size=8),
            value=numbers,
            raw_text=st.text(max_size=5),
            unit=st.none() | st.text(max_size=2),
            approx=st.booleans(),
            span=st.tuples(st.integers(0, 99), st.integers(0, 99)),
            raw_span=spans,
            byte_span=spans,
            cell=cells,
            page=st.none() | st.integers(1, 9),
            bbox=st.none() | st.tuples(*[st.floats(0, 600)] * 4),
            confidence=st.none() | st.floats(0, 1),
        ),
        st.builds(CheckInput, st.text(max_size=5), numbers, spans, st.none() | st.text(max_size=5)),
    )
    def check(figure, check_input):
        same(figure)
        same(check_input)

    check()
