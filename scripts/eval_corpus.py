"""Run clean and extract over a folder of pages and print one row per page.

    python scripts/eval_corpus.py ../shared/corpus/            # a table for people
    python scripts/eval_corpus.py DIR --tsv > results.tsv      # the same, tab-separated
    python scripts/eval_corpus.py DIR --keys                   # also list the canonical keys found

Columns: detected encoding and input kind, damage kinds found, repairs made (events), numbers in the body,
figures (canonical / other), checks passed / run, format detected, report year, and the title.  A line
``[[GAP]]`` in a page marks where a stored copy ends: the page is cut there, as the corpus README asks.
Errors are rows too: a page that cannot be read says why.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suqian_report import InputError, extract  # noqa: E402

PAGE_SUFFIXES = {".txt", ".html", ".htm", ".json", ".md"}


def cut_gap(data: bytes) -> bytes:
    i = data.find(b"[[GAP]]")
    return data if i < 0 else data[:i]


def row(path: Path) -> dict:
    data = cut_gap(path.read_bytes())
    t0 = time.perf_counter()
    try:
        r = extract(data, path=path.name)
    except InputError as e:
        return {"page": path.stem, "error": e.message}
    ms = (time.perf_counter() - t0) * 1000
    passed = sum(c.status == "pass" for c in r.checks)
    return {
        "page": path.stem,
        "encoding": f"{r.source.encoding}/{r.source.input_kind}",
        "damage": ",".join([*r.quality.damage, *(["spam"] if r.quality.tampered else [])]) or "-",
        "repairs": sum(x.count for x in r.repairs),
        "numbers": r.coverage.numbers_in_body,
        "canonical": r.coverage.canonical,
        "other": r.coverage.other,
        "checks": f"{passed}/{len(r.checks)}",
        "failed": ",".join(c.name for c in r.checks if c.status == "fail") or "",
        "format": r.metadata.format,
        "year": r.metadata.report_year or "",
        "title": (r.metadata.title or "")[:40],
        "publisher": r.metadata.publisher or "",
        "ms": f"{ms:.0f}",
        "keys": " ".join(sorted(f.key for f in r.figures if f.canonical)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--tsv", action="store_true", help="tab-separated output")
    ap.add_argument("--keys", action="store_true", help="list the canonical keys found per page")
    args = ap.parse_args()
    pages = sorted(
        p
        for d in args.dirs
        for p in (d.iterdir() if d.is_dir() else [d])
        if p.suffix in PAGE_SUFFIXES and p.name != "README.md"
    )
    rows = [row(p) for p in pages]
    cols = [
        "page",
        "encoding",
        "damage",
        "repairs",
        "numbers",
        "canonical",
        "other",
        "checks",
        "format",
        "year",
        "publisher",
        "title",
    ]
    if args.keys:
        cols.append("keys")
    if args.tsv:
        print("\t".join(cols + ["error"]))
        for r in rows:
            print("\t".join(str(r.get(c, "")) for c in cols + ["error"]))
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table(show_lines=False, pad_edge=False)
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in rows:
        if "error" in r:
            t.add_row(r["page"], f"[red]{r['error']}[/red]", *[""] * (len(cols) - 2))
        else:
            t.add_row(*(str(r[c]) for c in cols))
    Console(width=240).print(t)
    ok = [r for r in rows if "error" not in r]
    print(
        f"{len(rows)} pages, {len(rows) - len(ok)} errors; "
        f"{sum(r['numbers'] for r in ok)} numbers, {sum(r['canonical'] for r in ok)} canonical figures, "
        f"{sum(r['other'] for r in ok)} other; formats: "
        + ", ".join(f"{f} {sum(r['format'] == f for r in ok)}" for f in sorted({r["format"] for r in ok}))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
