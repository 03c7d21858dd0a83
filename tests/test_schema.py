"""The published JSON Schema is the model's, and every golden output validates against it."""

import json
import subprocess
import sys

import jsonschema
import pytest

from .conftest import GOLDEN, ROOT

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
