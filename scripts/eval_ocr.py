"""Real PDFs scanned and read by OCR, against their own text layer.

    python scripts/eval_ocr.py ../shared/corpus-full/*.pdf
    python scripts/eval_ocr.py --dpi 300 --clean report.pdf     # no grain, turn or seal

Each PDF's pages are rendered to pictures (at 300 and 150 dpi by default), scanned as the tests scan their own
fixture (tests/fixtures/build_scans.py: grain, a 0.8° turn, a red seal over the lower tables), wrapped as an
image-only PDF and extracted.  Printed per file and resolution: the canonical figures read as the text layer
reads them, the wrong ones marked exact (there should be none), the table identities passing against the text
layer's, and the seconds per page.  Needs the OCR extra.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import build_scans as S  # noqa: E402

from suqian_report import extract_file  # noqa: E402


def _passing(report) -> set[frozenset[str]]:
    """The checks that pass, each known by the figures it compares (its name holds row labels as read)."""
    return {frozenset(i.key for i in c.inputs) for c in report.checks if c.status == "pass"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--dpi", type=int, action="append", help="resolutions to scan at (default 300 and 150)")
    ap.add_argument("--clean", action="store_true", help="render only: no grain, turn or seal")
    args = ap.parse_args()
    totals = {"same": 0, "of": 0, "wrong_exact": 0, "pages": 0, "seconds": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in args.pdfs:
            ref = extract_file(str(pdf))
            want = {f.key: f.value for f in ref.figures if f.canonical}
            passing = _passing(ref)
            for dpi in args.dpi or [300, 150]:
                pages = S.pictures(pdf.read_bytes(), dpi)
                if not args.clean:
                    pages = [S.scanned(p, seed=n) for n, p in enumerate(pages, 1)]
                scan = Path(tmp) / f"{pdf.stem}-{dpi}.pdf"
                scan.write_bytes(S.image_pdf(pages, dpi))
                t0 = time.perf_counter()
                report = extract_file(str(scan))
                secs = time.perf_counter() - t0
                got = {f.key: f for f in report.figures if f.canonical}
                same = sum(1 for k, v in want.items() if k in got and got[k].value == v)
                wrong = [(k, got[k].value, v) for k, v in want.items() if k in got and got[k].value != v]
                wrong_exact = [w for w in wrong if got[w[0]].status == "exact"]
                held = _passing(report)
                n = report.source.pages or 1
                print(
                    f"{pdf.name[:36]:36} {dpi:4d} dpi  {same:4d}/{len(want):<4d} identical ({same / max(1, len(want)):6.1%})"
                    f"  wrong exact {len(wrong_exact)}  identities {len(held & passing)}/{len(passing)}"
                    f"  {secs / n:5.1f} s/page"
                )
                for k, value, truth in wrong_exact:
                    print(f"      wrong, marked exact: {k} = {value} (the text layer: {truth})")
                totals["same"] += same
                totals["of"] += len(want)
                totals["wrong_exact"] += len(wrong_exact)
                totals["pages"] += n
                totals["seconds"] += secs
    print(
        f"\nall: {totals['same']}/{totals['of']} identical ({totals['same'] / max(1, totals['of']):.1%}), "
        f"{totals['wrong_exact']} wrong marked exact, {totals['seconds'] / max(1, totals['pages']):.1f} s/page"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
