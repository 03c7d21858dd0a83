"""Rewrite the golden JSON files the tests compare against, and show what changed.

Goldens are frozen only after their figures have been checked against the page by hand: read the diff this
prints before committing the new files.

    python scripts/update_goldens.py            # rewrite all, print a diff summary
    python scripts/update_goldens.py NAME...    # only these (e.g. suqian-office-2013-mirror.json)
    python scripts/update_goldens.py --check    # exit 1 if any golden differs
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suqian_report import extract  # noqa: E402

# golden name → page (relative to the repository root, as the tests pass it)
GOLDENS = {
    "suqian-office-2013-mirror.json": "samples/suqian-office-2013-mirror.txt",
}
for page in sorted((ROOT / "tests" / "fixtures").rglob("*")):
    # (the pages tests/test_genre.py compares with their goldens; cms/ pages are compared with their clean pages)
    if page.is_file() and page.suffix in (".txt", ".html") and page.parent.name in ("clean", "layouts"):
        GOLDENS[page.stem + ".json"] = str(page.relative_to(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", metavar="NAME", help="golden files to rewrite (default: all)")
    ap.add_argument("--check", action="store_true", help="only compare; exit 1 if any golden differs")
    args = ap.parse_args()
    unknown = set(args.names) - set(GOLDENS)
    if unknown:
        ap.error(f"no such golden: {', '.join(sorted(unknown))} (known: {', '.join(GOLDENS)})")
    check, only = args.check, set(args.names)
    changed = 0
    for name, page in GOLDENS.items():
        if only and name not in only:
            continue
        path = ROOT / "tests" / "golden" / name
        report = extract((ROOT / page).read_bytes(), path=page)
        new = json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n"
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if new == old:
            continue
        changed += 1
        diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), name, name, n=1, lineterm=""))
        print(f"{name}: {sum(1 for d in diff if d.startswith(('+', '-')))} changed lines")
        print("\n".join(diff[:80]))
        if not check:
            path.write_text(new, encoding="utf-8")
    print(f"{changed} golden file(s) {'differ' if check else 'rewritten'}")
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
