"""Score the tool against hand-written labels: per label, how often it is right.

    python scripts/eval_labels.py ../shared/corpus/                 # summary and the misses
    python scripts/eval_labels.py ../shared/corpus/ --all           # every page, right or wrong

The labels file (``LABELS.tsv`` in the folder) holds one row per page slug: ``is_report`` (yes/no), ``title``,
``publisher``, ``level``, ``report_year``, ``era`` (prose/table) and ``figures`` (``label 267条; …``).  An empty
field means the page does not show it, and is not scored.  For ``is_report``, precision counts every page the
tool would keep (``true`` and ``uncertain``: a batch writes both) and recall only pages it calls ``true``; a real
report called ``false`` is listed apart, as the worst miss.

Names are compared as a reader would: script (traditional/simplified), full/half-width brackets and spaces do not
count.  Two label values are the labels' own vocabulary: ``town`` (镇/乡/街道) is the tool's ``township`` or
``subdistrict``, and ``office`` (a government's 办公室/办公厅, "its level is the government's") is the level of the
government that the publisher's name begins with.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval_corpus import cut_gap  # noqa: E402

from suqian_report import InputError, extract  # noqa: E402

_WIDTH = str.maketrans("（）【】，：　", "()[],: ")
_GOVERNMENT_LEVEL = [("省", "province"), ("自治区", "province"), ("市", "city"), ("区", "district"), ("县", "county")]


def simplified(text: str) -> str:
    import opencc

    return str(opencc.OpenCC("t2s").convert(text))


def same_name(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\s+", "", simplified(s).translate(_WIDTH))

    return norm(a) == norm(b)


def level_matches(label: str, publisher: str, got: str) -> bool:
    if label == "town":
        return got in ("township", "subdistrict")
    if label == "office":
        head = simplified(publisher).split("人民政府")[0]
        want = next((lv for suffix, lv in _GOVERNMENT_LEVEL if head.endswith(suffix)), None)
        return got == want
    return got == label


def figures_found(label: str, values: set[float]) -> tuple[int, int]:
    """How many of the figures a label lists (``重大行政决策事项 8項; 行政执法信息 40萬條``) the tool found, a
    figure written with 万 or 亿 counted at its value (40万 is 400000)."""
    scale = {"": 1, "万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
    wanted = [
        round(float(n.replace(",", "")) * scale[mult], 6)
        for n, mult in re.findall(r"(\d[\d,]*(?:\.\d+)?)\s*([万萬亿億]?)\S*(?:;|$)", label)
    ]
    return sum(v in values for v in wanted), len(wanted)


def score(page: Path, lab: dict[str, str]) -> dict[str, tuple[str, str, bool]]:
    """Per label: (expected, got, right)."""
    try:
        r = extract(cut_gap(page.read_bytes()), path=page.name)
    except InputError as e:
        return {"is_report": (lab["is_report"], f"error: {e.message}", False)}
    md = r.metadata
    verdict = str(r.quality.is_report).lower()
    out: dict[str, tuple[str, str, bool]] = {}
    want = lab["is_report"]
    out["is_report"] = (want, verdict, verdict == "true" if want == "yes" else verdict == "false")
    if want != "yes":
        return out
    if lab["title"]:
        out["title"] = (lab["title"], md.title or "", same_name(lab["title"], md.title or ""))
    if lab["publisher"]:
        out["publisher"] = (lab["publisher"], md.publisher or "", same_name(lab["publisher"], md.publisher or ""))
    if lab["level"]:
        got = md.level or ""
        out["level"] = (lab["level"], got, level_matches(lab["level"], lab["publisher"], got))
    if lab["report_year"]:
        got = str(md.report_year or "")
        out["report_year"] = (lab["report_year"], got, got == lab["report_year"])
    if lab["era"]:
        got = {"unknown": ""}.get(md.format, "table" if md.format.startswith("template") else "prose")
        out["era"] = (lab["era"], f"{got} ({md.format})", got == lab["era"])
    if lab["figures"]:
        found, total = figures_found(lab["figures"], {f.value for f in r.figures})
        out["figures"] = (f"{total} listed", f"{found} found", found == total)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a folder holding LABELS.tsv and the pages it names")
    ap.add_argument("--all", action="store_true", help="print every page, not only the misses")
    args = ap.parse_args()
    with open(args.folder / "LABELS.tsv", encoding="utf-8", newline="") as f:
        labels = list(csv.DictReader(f, delimiter="\t"))
    rows = {}
    for lab in labels:
        page = next(args.folder.glob(lab["slug"] + ".*"), None)
        if page is None:
            print(f"{lab['slug']}: page not found", file=sys.stderr)
            continue
        rows[lab["slug"]] = score(page, lab)

    for slug, got in rows.items():
        for name, (want, value, right) in got.items():
            if args.all or not right:
                print(f"{'ok  ' if right else 'MISS'} {slug:30} {name:12} want {want!r:40} got {value!r}")
    print()
    names = ["is_report", "title", "publisher", "level", "report_year", "era", "figures"]
    for name in names:
        scored = [g[name][2] for g in rows.values() if name in g]
        if scored:
            print(f"{name:12} {sum(scored):3}/{len(scored):<3} {sum(scored) / len(scored):6.1%}")
    verdicts = [(g["is_report"][0], g["is_report"][1]) for g in rows.values()]
    kept = [w for w, v in verdicts if v in ("true", "uncertain")]
    reports = [v for w, v in verdicts if w == "yes"]
    precision = kept.count("yes") / len(kept) if kept else 0.0
    recall = reports.count("true") / len(reports) if reports else 0.0
    print(f"is_report    precision {precision:.2f} (kept {len(kept)}), recall {recall:.2f} (of {len(reports)})")
    print(f"             real reports false: {reports.count('false')}, uncertain: {reports.count('uncertain')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
