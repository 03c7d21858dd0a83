"""docs/keys.md lists every canonical key with its label, units and formats, and agrees with what the
extractors give on the frozen golden outputs."""

import json
import subprocess
import sys

import pytest

from suqian_report.rules.catalog import canonical_keys, key_docs

from .conftest import GOLDEN, ROOT


def test_keys_doc_is_built_from_the_rules():
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_keys_doc.py"), "--check"], capture_output=True)
    assert p.returncode == 0, p.stdout.decode()


def test_every_key_has_a_chinese_label_and_a_format():
    docs = key_docs()
    assert [d.key for d in docs] == list(canonical_keys())
    for d in docs:
        assert d.label_zh and any("\u4e00" <= ch <= "\u9fff" for ch in d.label_zh), d
        assert d.formats, d


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("*.json")), ids=lambda p: p.name)
def test_keys_of_the_goldens_are_listed_for_their_format(golden):
    """A canonical figure's key is in the list, for the format of the report it came from (table keys of one
    layout only in that layout), and its unit is one the list gives when the list gives any."""
    report = json.loads(golden.read_text(encoding="utf-8"))
    fmt = report["metadata"]["format"]
    docs = {d.key: d for d in key_docs()}
    for f in report["figures"]:
        key = f["key"]
        if not key or key.startswith("other.") or (key.startswith("proactive.by_category.") and key not in docs):
            continue
        assert key in docs, f"{golden.name}: {key} is not in docs/keys.md"
        if fmt != "unknown" and f["cell"] is not None:
            assert fmt in docs[key].formats, f"{golden.name}: {key} in a {fmt} report"
