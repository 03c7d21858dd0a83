"""Damage whole pages the ways real pages are damaged, extract them, and compare with the undamaged page.

    python scripts/eval_damage.py ../shared/corpus-full/          # every kind, every page
    python scripts/eval_damage.py DIR --kinds utf8_read_as_gb18030 layered_gbk_latin1

For each page and damage kind: the character error rate of the repaired clean text against what the undamaged
page gives (the clean text of ``extract``), and, for the lossy readings (UTF-8 read as GB18030 or as GBK), what an
oracle that knew exactly which bytes were lost would lose: the page with those characters lost, read by the tool.  Pages are read as UTF-8 text; ``[[GAP]]`` cuts a page as in eval_corpus.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from suqian_report import InputError, extract  # noqa: E402
from tests import damage  # noqa: E402
from tests.test_roundtrip import _oracle  # noqa: E402


def _bytes(kind: str, text: str) -> bytes:
    if kind.startswith("layered_"):
        _, codec, reader = kind.split("_")
        return damage.layered(text, codec, {"latin1": "latin-1"}.get(reader, reader))
    return damage.KINDS[kind](text).encode("utf-8")


LOSSY = ("utf8_read_as_gb18030", "utf8_read_as_gbk")  # readings that lose bytes: compared with the oracle
KINDS = [
    "utf8_read_as_gb18030",
    "utf8_read_as_gbk",
    "gbk_read_as_latin1",
    "utf8_read_as_latin1",
    "traditional",
    "pinyin_mirror",
    "layered_gbk_latin1",
    "layered_gbk_cp1252",
    "layered_big5_latin1",
    "layered_big5_cp1252",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--kinds", nargs="*", default=KINDS, choices=KINDS)
    args = ap.parse_args()
    pages = sorted(
        p
        for d in args.dirs
        for p in (d.iterdir() if d.is_dir() else [d])
        if p.suffix in (".txt", ".html", ".md", ".json") and p.name != "README.md"
    )
    rates: dict[str, list[float]] = {k: [] for k in args.kinds}
    oracle: list[float] = []
    oracle_read: list[float] = []
    print(f"{'page':44}" + "".join(f"{k[:22]:>24}" for k in args.kinds) + f"{'oracle':>10}{'read':>8}")
    above: dict[str, list[str]] = {k: [] for k in args.kinds if k in LOSSY}
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace").split("[[GAP]]")[0]
        try:
            undamaged = extract(text)
        except InputError:
            continue
        if "mojibake" in undamaged.quality.damage:
            print(f"{page.name[:44]:44}  (skipped: already mis-decoded)")
            continue
        clean = undamaged.clean_text
        row = []
        for kind in args.kinds:
            source = damage.traditional_tw(text) if kind.startswith("layered_big5") else text
            expected = extract(source).clean_text if source is not text else clean
            try:
                got = extract(_bytes(kind, text)).clean_text
            except (InputError, UnicodeEncodeError):
                row.append("—")
                continue
            cer = damage.char_error_rate(expected, got)
            rates[kind].append(cer)
            row.append(f"{cer:.2%}")
        # The oracle: the characters that held a lost byte, as a share of the raw page; and the page with exactly
        # those characters lost (U+FFFD), read by the tool itself, so that losses in segmentation count for it too.
        marked = _oracle(text)
        oracle.append(damage.char_error_rate(text, marked))
        oracle_read.append(damage.char_error_rate(clean, extract(marked).clean_text))
        for kind in above:
            if rates[kind] and len(rates[kind]) == len(oracle) and rates[kind][-1] > oracle[-1]:
                above[kind].append(page.name)
        print(f"{page.name[:44]:44}" + "".join(f"{c:>24}" for c in row) + f"{oracle[-1]:>10.2%}{oracle_read[-1]:>8.2%}")
    print(f"{'mean':44}" + "".join(f"{statistics.mean(v):>24.2%}" if v else f"{'—':>24}" for v in rates.values()))
    print(
        f"\nbyte-placeholder oracle for the lossy readings: the characters that held a byte GB18030 cannot read, "
        f"mean {statistics.mean(oracle):.2%} of the raw page's characters; the page with them lost, read by the "
        f"tool: mean {statistics.mean(oracle_read):.2%}"
    )
    for kind, pages in above.items():
        if kind in rates and rates[kind]:
            print(f"{kind}: {len(pages)} of {len(rates[kind])} pages above their oracle: {', '.join(pages) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
