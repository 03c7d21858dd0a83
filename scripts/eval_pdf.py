"""PDFs read from the document against the same PDFs' pdftotext dumps, per file.

    python scripts/eval_pdf.py ../shared/corpus-full/

For every ``X.pdf`` in the folder (and ``X.pdftotext-layout.txt`` / ``X.pdftotext-raw.txt`` beside it, when
there): the time to read and extract it, canonical figures from the PDF and from each dump, how many of table
三's 175 cells (2021 layout) and table 四's 15 are numbers, the cells where the PDF and the layout dump disagree,
the table identities that hold and fail, and the totals a reader checks first.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suqian_report import extract_file  # noqa: E402
from suqian_report.rules.tables import (  # noqa: E402
    TABLE3_COLUMNS,
    TABLE3_ROW_ORDER_2021,
    TABLE4_BLOCKS,
    TABLE4_COLUMNS,
)

T3 = [f"requests.{row}.{c}" for row in TABLE3_ROW_ORDER_2021 for c in TABLE3_COLUMNS]
T4 = [f"{b}.{c}" for b in TABLE4_BLOCKS for c in TABLE4_COLUMNS]
TOTALS = ("proactive.total", "requests.new.total", "requests.outcome.total.total", "requests.carried_out.total")


def _cells(report) -> dict:
    return {f.key: f.value for f in report.figures if f.cell is not None}


def _numbers(cells: dict, keys: list[str]) -> int:
    return sum(isinstance(cells.get(k), (int, float)) for k in keys)


def main(folder: Path) -> int:
    for pdf in sorted(folder.glob("*.pdf")):
        started = time.perf_counter()
        report = extract_file(str(pdf))
        ms = (time.perf_counter() - started) * 1000
        cells = _cells(report)
        print(f"{pdf.name}: {report.source.pages} pages, {ms:.0f} ms, format {report.metadata.format}")
        dumps = {}
        for kind in ("layout", "raw"):
            dump = pdf.with_name(f"{pdf.stem}.pdftotext-{kind}.txt")
            if dump.exists():
                dumps[kind] = extract_file(str(dump))
        canonical = [f"pdf {sum(f.canonical for f in report.figures)}"]
        canonical += [f"{k} dump {sum(f.canonical for f in r.figures)}" for k, r in dumps.items()]
        print(f"  canonical figures: {', '.join(canonical)}")
        for label, keys in (("table 三", T3), ("table 四", T4)):
            line = f"  {label} cells that are numbers: pdf {_numbers(cells, keys)}/{len(keys)}"
            if "layout" in dumps:
                other = _cells(dumps["layout"])
                differ = [k for k in keys if k in cells and k in other and cells[k] != other[k]]
                line += f", layout dump {_numbers(other, keys)}/{len(keys)}, differing {len(differ)}"
                line += f" {differ[:4]}" if differ else ""
            print(line)
        tables = [c for c in report.checks if c.name.startswith(("表三", "表四", "表二"))]
        failed = [c.name for c in tables if c.status != "pass"]
        print(
            f"  table identities: {len(tables) - len(failed)} pass, {len(failed)} not"
            + (f": {failed}" if failed else "")
        )
        others = [c.name for c in report.checks if c not in tables and c.status != "pass"]
        if others:
            print(f"  other checks not passing: {others}")
        values = {f.key: f.value for f in report.figures}
        print("  " + ", ".join(f"{k} {values.get(k)}" for k in TOTALS))
        print("  table 四 " + " ".join(str(cells.get(k)) for k in T4))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus-full")))
