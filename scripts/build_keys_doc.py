"""Write docs/keys.md, the list of every canonical key, from the rules (suqian_report.rules.catalog).

python scripts/build_keys_doc.py           # rewrite
python scripts/build_keys_doc.py --check   # exit 1 if the committed list is not what the rules give
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suqian_report.rules.catalog import key_docs  # noqa: E402

OUT = ROOT / "docs" / "keys.md"

HEAD = """# Canonical keys

Every key the rules can give a figure, in the order of the wide panel's columns (`--wide`,
`suqian_report.rules.catalog.canonical_keys()`).  Generated from the rules by `scripts/build_keys_doc.py`; a
test keeps it in sync.  The label is the usual Chinese wording (a table's own row and column labels; for prose,
the phrase the rules' patterns are built around); units are those the rules accept; formats are the values of
`metadata.format` whose rules state the key.  Keys outside this list are `proactive.by_category.<pinyin>` for a
category no rule names, and `other.<n>` for a number no rule names: kept in the long form, not panel columns.

| key | 中文 | units | formats |
|---|---|---|---|
"""


def render() -> str:
    rows = [f"| `{d.key}` | {d.label_zh} | {' '.join(d.units) or '—'} | {', '.join(d.formats)} |" for d in key_docs()]
    return HEAD + "\n".join(rows) + f"\n\n{len(rows)} keys.\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT.relative_to(ROOT)} is not what the rules give: run python scripts/build_keys_doc.py")
            return 1
        print(f"{OUT.relative_to(ROOT)} is current ({len(key_docs())} keys)")
        return 0
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(key_docs())} keys)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
