"""Speed and memory, measured against baselines in the same run.

    python scripts/bench.py                       # sample + fixtures, 400-page batch
    python scripts/bench.py --pages ../shared/corpus-full --batch 1000
    python scripts/bench.py --smoke               # a few seconds of each section (the tests run it)
    python scripts/bench.py --against main        # section 1 also times another commit's start (before/after)

Prints, each with a ratio to its baseline:
  1. start-up, in a new environment holding the package as its wheel installs it: `python -c pass` (baseline),
     importing the package, `suqian-report --help`, a cold extract to JSON, importing pandas;
  2. one page, warm, the best of repeated runs (as timeit reports; CPU time): the whole pipeline, each stage, and the generic tools a user
     would otherwise chain (baselines): ftfy.fix_text on the same text, and trafilatura.extract on the same
     page as HTML (when installed: the `bench` extra);
  3. gating: repair with every fixer forced to run against repair as shipped (fixers run when detected);
  4. a batch through the command line, 1 and 2 worker processes: pages/s and peak memory;
  5. scaling: one long page made of the sample repeated 1, 10 and 100 times (baseline: the sample), time
     per copy, so that a page ten times longer costing more than twelve times as much shows;
  6. the dataset: pages/s of a crawl into JSONL with 1 and 2 workers (--dataset N distinct pages), what each
     writer costs per page on top of the extraction (SQLite, Parquet, the wide CSV, against JSONL), and the
     peak memory of the whole process tree for --rss N pages with 2 workers;
  7. documents: PDF and Word files read from the document, the whole extraction, against an HTML report
     (and against the same report's pdftotext dump where one lies beside the PDF); the printed fixture scanned
     at 300 and 150 dpi and read by OCR (the extra), time per page against its text layer's.
(SAMPLE is the seed page, damaged; CLEAN an undamaged 2021 report as text.)
Targets (checked at the end, exit 1 if missed): the seed under 60 ms and within 1 × trafilatura.extract, a clean
2021 report as text within 2 × ftfy.fix_text, the same report in a CMS page within 0.5 × trafilatura.extract,
`--help` under 0.35 s, a cold extract of the seed to JSON within 8 × `python -c pass`, no heavy library on the
JSON path, 2 workers at least 1.5 × one and 400 pages/s, peak memory under 250 MB for the batch (200 MB for --rss
pages), a page ten times the sample within 1.2 × per copy (linear in the page's length), a text PDF under 150 ms a
page and a scanned page under 20 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def best(fn, repeat: int) -> float:
    """The fastest of ``repeat`` runs, as timeit reports: what the code costs, the least disturbed by the rest of
    the machine (on a shared 2-core machine the median of the same run swings by a half)."""
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


SAMPLE = ROOT / "samples" / "suqian-office-2013-mirror.txt"
CLEAN = ROOT / "tests" / "fixtures" / "clean" / "template-2021-county.txt"  # an undamaged page, as most are
HEAVY = ("pandas", "pyarrow", "rich", "bs4", "lxml", "pdfplumber", "pdfminer", "pypdfium2", "docx", "pydantic", "typer")


def installed(where: Path, root: Path = ROOT) -> str:
    """A Python that has the package as an install from its wheel has it: the package's files copied into a new
    virtual environment and compiled (what installing the pure-Python wheel does, without building one); its
    dependencies are this environment's, on its path through a ``.pth`` line, so that no ``.pth`` file of this
    environment runs.  A development install is no place to time a start: its ``.pth`` files import pathlib, re
    and more into every ``python -c pass``, which makes the baseline slower and the package's start look
    cheaper."""
    import shutil
    import sysconfig

    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where / "venv")], check=True)
    py = str(where / "venv" / "bin" / "python")
    site = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True
    ).stdout.strip()
    shutil.copytree(root / "suqian_report", Path(site, "suqian_report"), ignore=shutil.ignore_patterns("__pycache__"))
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run([py, "-m", "compileall", "-q", site], check=True, env=_writing_bytecode())
    return py


def _writing_bytecode() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def console_script(root: Path) -> str:
    """What the tree's console script runs: its entry point, as its pyproject.toml declares it."""
    import tomllib

    with open(root / "pyproject.toml", "rb") as f:
        module, _, function = tomllib.load(f)["project"]["scripts"]["suqian-report"].partition(":")
    return f"from {module} import {function}; {function}()"


Command = tuple[tuple[str, ...], dict[str, str], Path]  # argv, environment, working directory


def commands(py: str, root: Path, workdir: Path, suffix: str = "") -> dict[str, Command]:
    """The start-up commands of one installed tree, run as its console script runs it (nothing is kept between
    runs but Python's bytecode, written by the first)."""
    env = _writing_bytecode()
    script = console_script(root)
    extract = (py, "-c", script, "extract", str(SAMPLE), "-f", "json")
    clean = (py, "-c", script, "extract", str(CLEAN), "-f", "json")
    if suffix:  # another commit: what it is compared on
        return {
            f"extract SAMPLE --format json (cold), {suffix}": (extract, env, workdir),
            f"extract CLEAN --format json (cold), {suffix}": (clean, env, workdir),
            f"import suqian_report.pipeline, {suffix}": ((py, "-c", "import suqian_report.pipeline"), env, workdir),
            f"suqian-report --help, {suffix}": ((py, "-c", script, "--help"), env, workdir),
        }
    return {
        "python -c pass (baseline)": ((py, "-c", "pass"), env, workdir),
        "import suqian_report": ((py, "-c", "import suqian_report"), env, workdir),
        "suqian-report --help": ((py, "-c", script, "--help"), env, workdir),
        "import suqian_report.pipeline": ((py, "-c", "import suqian_report.pipeline"), env, workdir),
        "extract SAMPLE --format json (cold)": (extract, env, workdir),
        "extract CLEAN --format json (cold)": (clean, env, workdir),
        "import pandas (for reference)": ((py, "-c", "import pandas"), env, workdir),
        "python -c pass here (a development install)": ((sys.executable, "-c", "pass"), env, workdir),
    }


def startup(table: dict[str, Command], repeat: int = 9) -> dict[str, float]:
    """The median wall time of each command.  They are timed in turn, round after round, so that a slow spell of
    the machine falls on all of them alike (timed one after the other, a ratio could compare a quiet minute with a
    busy one)."""
    runs: dict[str, list[float]] = {name: [] for name in table}
    for args, env, cwd in table.values():
        subprocess.run(args, capture_output=True, check=True, env=env, cwd=cwd)
    for _ in range(repeat):
        for name, (args, env, cwd) in table.items():
            t = time.perf_counter()
            subprocess.run(args, capture_output=True, check=True, env=env, cwd=cwd)
            runs[name].append(time.perf_counter() - t)
    return {name: statistics.median(times) for name, times in runs.items()}


def heavy_imports(py: str) -> list[str]:
    """The libraries a cold extract to JSON imports that only other paths need (it should be none)."""
    p = subprocess.run(
        [py, "-X", "importtime", "-c", console_script(ROOT), "extract", str(SAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    )
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in p.stderr.splitlines() if "|" in line}
    return sorted(names & set(HEAVY))


def _as_html(page: Path, data: bytes) -> str:
    """The page as the HTML a generic extractor takes: itself when it is HTML, else its lines as paragraphs."""
    from html import escape

    text = data.decode("utf-8", errors="replace")
    if page.suffix in (".html", ".htm"):
        return text
    body = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def _trafilatura():
    """trafilatura.extract, when installed (the `bench` extra): the generic main-text extractor a user would
    otherwise run, the issue's baseline."""
    try:
        import trafilatura
    except ImportError:
        return None
    return trafilatura.extract


def per_page(pages: list[Path], repeat: int) -> list[tuple[str, dict[str, float]]]:
    import ftfy

    from suqian_report.check.validate import validate
    from suqian_report.extractors import extract as extract_stage
    from suqian_report.pipeline import extract
    from suqian_report.read.load import load_bytes
    from suqian_report.repair import FIXERS, repair
    from suqian_report.repair.base import Context
    from suqian_report.segment import segment

    class Always:
        """A fixer forced to run whatever the page looks like."""

        def __init__(self, fixer):
            self.fixer, self.kind, self.description = fixer, fixer.kind, fixer.description

        def detect(self, text: str, ctx: Context) -> bool:
            self.fixer.detect(text, ctx)  # keep the context it fills
            return True

        def fix(self, text: str, ctx: Context):
            return self.fixer.fix(text, ctx)

    forced = tuple(Always(f) for f in FIXERS)

    def stage_times(page: Path, data: bytes) -> dict[str, float]:
        extract(data)  # warm: converters built, modules imported
        doc = load_bytes(data)
        rep = repair(doc)
        seg = segment(rep.text, doc.lines)
        ex = extract_stage(doc, rep, seg)
        text = data.decode("utf-8", errors="replace")
        generic = _trafilatura()
        html = _as_html(page, data)
        if generic is not None:
            generic(html)  # warm
        return {
            "pipeline": best(lambda: extract(data), repeat),
            "load": best(lambda: load_bytes(data), repeat),
            "repair": best(lambda: repair(doc), repeat),
            "repair, every fixer forced": best(lambda: repair(doc, forced), repeat),
            "segment": best(lambda: segment(rep.text, doc.lines), repeat),
            "extract": best(lambda: extract_stage(doc, rep, seg), repeat),
            "validate": best(lambda: validate(ex.metadata, ex.figures, ex.lists, ex.checks), repeat),
            "ftfy.fix_text (baseline)": best(lambda: ftfy.fix_text(text), repeat),
            "trafilatura.extract (baseline)": best(lambda: generic(html), repeat) if generic else float("nan"),
        }

    rows = [(page.name, stage_times(page, page.read_bytes())) for page in pages]
    return rows


def batch(pages: list[Path], n: int, jobs: int, workdir: Path) -> tuple[float, float]:
    src = workdir / "pages"
    if not src.exists():
        distinct_pages(pages, n, src)
    out = workdir / f"out-{jobs}.jsonl"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "suqian_report", "extract", str(src), "-f", "jsonl", "-o", str(out), "-j", str(jobs)],
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - t
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert sum(1 for _ in out.open(encoding="utf-8")) == n
    return n / elapsed, peak


def scaling(page: Path, copies: tuple[int, ...]) -> dict[int, float]:
    """Seconds per copy for a page made of ``page`` repeated ``n`` times, the best of as many runs as take about
    the time of three of the longest (a short page is timed often enough that a slow spell of the machine does
    not decide its figure)."""
    from suqian_report import extract

    data = page.read_bytes()
    longest = max(copies)
    return {n: best(lambda n=n: extract(data * n), max(3, 3 * longest // n)) / n for n in copies}


def distinct_pages(pages: list[Path], n: int, folder: Path) -> None:
    """``n`` different files made from ``pages``: each copy ends in its own run of spaces and tabs (trimmed when
    read), so no two have the same bytes and none is skipped as a duplicate."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        p = pages[i % len(pages)]
        tail = format(i, "b").replace("0", " ").replace("1", "\t").encode()
        (folder / f"{i:06d}{p.suffix}").write_bytes(p.read_bytes() + b"\n" + tail)


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (from /proc), in MB."""
    total, todo = 0, [pid]
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            rss = next(line for line in Path(f"/proc/{p}/status").read_text().splitlines() if line.startswith("VmRSS"))
            total += int(rss.split()[1])
        except (OSError, StopIteration):
            pass
    return total / 1024


def crawl(folder: Path, out: Path, jobs: int, fmt: str = "jsonl", sample: bool = False) -> tuple[float, float]:
    """Seconds for `extract FOLDER`, and the peak memory of its process tree (sampled every 0.1 s) if asked."""
    import threading

    if out.exists():
        out.unlink()
    t = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "suqian_report",
            "extract",
            str(folder),
            "-f",
            fmt,
            "-o",
            str(out),
            "-j",
            str(jobs),
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = [0.0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True) if sample else None
    if watcher:
        watcher.start()
    _, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"extract failed: {err.decode()[-300:]}")
    return time.perf_counter() - t, peak[0]


def writer_costs(pages: list[Path], n: int) -> dict[str, float]:
    """Milliseconds per report each writer spends storing what the workers made (the extraction excluded)."""
    from suqian_report import extract
    from suqian_report.write import writer_for

    reports = [extract(pages[i % len(pages)].read_bytes() + b" " * (i + 1)) for i in range(n)]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, wide in (("jsonl", False), ("sqlite", False), ("parquet", False), ("csv", True)):
            path = str(Path(tmp) / f"out.{fmt}")
            w = writer_for(fmt, path, wide=wide)
            payloads = [w.formatter(r) for r in reports]  # what the workers send
            t = time.perf_counter()
            for p in payloads:
                w.write(p)
            w.finish()
            out[f"{fmt}{' --wide' if wide else ''}"] = (time.perf_counter() - t) / n * 1000
    return out


def documents(pdfs: list[Path], repeat: int) -> list[tuple[str, int, float, float | None]]:
    """(name, pages, seconds for the whole extraction, seconds for the same report's pdftotext layout dump when
    one lies beside it), median of ``repeat``."""
    from suqian_report import extract_file

    out = []
    for pdf in pdfs:
        report = extract_file(str(pdf))
        secs = timed(lambda pdf=pdf: extract_file(str(pdf)), repeat)
        dump = pdf.with_name(f"{pdf.stem}.pdftotext-layout.txt")
        dump_secs = timed(lambda dump=dump: extract_file(str(dump)), repeat) if dump.exists() else None
        out.append((pdf.name, report.source.pages or 0, secs, dump_secs))
    return out


def printed_fixture(workdir: Path) -> list[Path]:
    """The 2021 county fixture printed to PDF and written to .docx, as the tests make them."""
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import build_documents as B

    text = (ROOT / "tests" / "fixtures" / "clean" / "template-2021-county.txt").read_text(encoding="utf-8")
    out = []
    if B.chromium():
        page = workdir / "county.html"
        page.write_text(B.to_html(text, "county"), encoding="utf-8")
        B.print_pdf(page, workdir / "county.pdf")
        out.append(workdir / "county.pdf")
    B.to_docx(text, workdir / "county.docx")
    return out + [workdir / "county.docx"]


def scanned(pdf: Path, workdir: Path, dpis: tuple[int, ...], pages: int | None = None) -> list[tuple]:
    """The printed fixture scanned (tests/fixtures/build_scans.py: grain, a turn, a seal) at each resolution and
    read by OCR: (dpi, pages, seconds, canonical figures read as the text layer reads them, of how many).  Empty
    without the OCR extra."""
    from importlib.util import find_spec

    from suqian_report import extract_file

    if find_spec("rapidocr_onnxruntime") is None:
        return []
    sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
    import build_scans as S

    from suqian_report.read import ocr

    want = {f.key: f.value for f in extract_file(str(pdf)).figures if f.canonical}
    ocr._engine()  # (the models load once per process, outside the timing)
    out = []
    for dpi in dpis:
        path = workdir / f"scan-{dpi}.pdf"
        path.write_bytes(S.image_pdf(S.scans(pdf.read_bytes(), dpi)[:pages], dpi))
        t = time.perf_counter()
        report = extract_file(str(path))
        secs = time.perf_counter() - t
        got = {f.key: f.value for f in report.figures if f.canonical}
        same = sum(got.get(k) == v for k, v in want.items())
        out.append((dpi, report.source.pages or 1, secs, same, len(want)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, nargs="*", default=[], help="more pages or folders to time")
    ap.add_argument("--batch", type=int, default=400, help="pages in the batch run")
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--dataset", type=int, default=2000, help="distinct pages in the crawl runs (0: skip section 6)")
    ap.add_argument("--rss", type=int, default=10000, help="pages in the memory run (0: skip it)")
    ap.add_argument(
        "--against",
        metavar="COMMIT",
        help="also time the start-up of this commit, installed the same way (before/after)",
    )
    ap.add_argument(
        "--smoke",
        action="store_true",
        help="a few seconds of each section, to check the script runs (figures not meant)",
    )
    ap.add_argument(
        "--pdf",
        type=Path,
        nargs="*",
        default=sorted((ROOT.parent / "shared" / "corpus-full").glob("*.pdf")),
        help="PDFs to time in section 7 (default: the corpus's, when it is there), beside the fixture printed to PDF",
    )
    args = ap.parse_args()
    if args.smoke:
        args.batch, args.repeat, args.dataset, args.rss, args.pdf = 4, 1, 0, 0, []
    copies = (1, 2) if args.smoke else (1, 10, 100)

    pages = [ROOT / "samples" / "suqian-office-2013-mirror.txt"]
    pages += sorted(
        p
        for p in (ROOT / "tests" / "fixtures").rglob("*")
        if p.suffix in (".txt", ".html") and p.parent.name != "nonreports"
    )
    for extra in args.pages:
        pages += sorted(
            p
            for p in (extra.iterdir() if extra.is_dir() else [extra])
            if p.suffix in (".txt", ".html") and "[[GAP]]" not in p.read_text(errors="ignore")
        )

    print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}\n")
    print(f"1. start-up of the wheel in a new environment (median of {1 if args.smoke else 9}, seconds)")
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp) / "here"
        py = installed(here)
        table = commands(py, ROOT, here)
        if args.against:  # (--against: another commit, installed the same way and timed in the same rounds)
            from same_outputs import checkout  # (a script beside this one)

            with checkout(args.against, Path(tmp) / "tree") as tree:
                there = Path(tmp) / "there"
                table |= commands(installed(there, tree), tree, there, args.against)
        s = startup(table, 1 if args.smoke else 9)
        heavy = heavy_imports(py)
    base = s["python -c pass (baseline)"]
    for k, v in s.items():
        print(f"   {k:44} {v:7.3f} s   {v / base:5.1f} × baseline")
    print(f"   heavy libraries on the JSON path (-X importtime): {', '.join(heavy) or 'none'}")

    print(f"\n2. one page, warm (best of {args.repeat}, CPU milliseconds)")
    rows = per_page(pages, args.repeat)
    stages = list(rows[0][1])
    short = ["pipeline", "load", "repair", "forced", "segment", "extract", "validate", "ftfy", "trafilat."]
    print("   " + f"{'page':38}" + "".join(f"{k:>10}" for k in short) + "  pipeline/ftfy  pipeline/trafilatura")
    for name, r in rows:
        print(
            "   "
            + f"{name[:38]:38}"
            + "".join(f"{r[k] * 1000:10.1f}" for k in stages)
            + f"  {r['pipeline'] / r['ftfy.fix_text (baseline)']:11.1f} ×"
            + f"  {r['pipeline'] / r['trafilatura.extract (baseline)']:17.2f} ×"
        )
    if _trafilatura() is None:
        print("   (trafilatura is not installed: pip install -e '.[bench]' adds that baseline)")

    print("\n3. gating: repair as shipped against every fixer forced")
    for name, r in rows:
        print(
            f"   {name[:38]:38} {r['repair'] * 1000:7.1f} ms vs {r['repair, every fixer forced'] * 1000:7.1f} ms"
            f"   ({r['repair, every fixer forced'] / r['repair']:.1f} × saved)"
        )

    print(f"\n4. batch of {args.batch} pages through the command line")
    with tempfile.TemporaryDirectory() as tmp:
        one, mem1 = batch(pages, args.batch, 1, Path(tmp))
        two, mem2 = batch(pages, args.batch, 2, Path(tmp))
    print(f"   1 worker : {one:7.1f} pages/s   peak {mem1:6.1f} MB")
    print(f"   2 workers: {two:7.1f} pages/s   peak {mem2:6.1f} MB   ({two / one:.2f} × one worker)")

    print(
        "\n5. one long page: the sample repeated 1, 10 and 100 times (CPU milliseconds per copy, the best of runs "
        "as long in all as three of the longest)"
    )
    per_copy = scaling(pages[0], copies)
    for n, t in per_copy.items():
        print(
            f"   {n:3d} copies ({n * pages[0].stat().st_size / 1e6:4.2f} MB)   {t * 1000:7.1f} ms per copy"
            f"   {t / per_copy[copies[0]]:5.2f} × the {copies[0]}-copy page"
        )

    dataset = {}
    if args.dataset:
        print(f"\n6. the dataset: {args.dataset} distinct pages (copies of the sample and fixtures)")
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "crawl"
            distinct_pages(pages, max(args.dataset, args.rss), folder)
            sub = Path(tmp) / "sub"
            sub.mkdir()
            for f in sorted(folder.iterdir())[: args.dataset]:
                os.link(f, sub / f.name)
            for jobs in (1, 2):
                secs, _ = crawl(sub, Path(tmp) / "all.jsonl", jobs)
                dataset[jobs] = args.dataset / secs
                print(f"   --jobs {jobs}: {dataset[jobs]:7.1f} pages/s")
            print(f"   2 workers: {dataset[2] / dataset[1]:.2f} × one")
            costs = writer_costs(pages, 300)
            for fmt, ms in costs.items():
                print(f"   writing {fmt:12} {ms:7.3f} ms per report   {ms / costs['jsonl']:5.1f} × JSONL")
            if args.rss:
                secs, peak = crawl(folder, Path(tmp) / "big.jsonl", 2, sample=True)
                dataset["rss"] = peak
                print(
                    f"   {args.rss} pages, --jobs 2: {args.rss / secs:.1f} pages/s, peak memory of the process tree "
                    f"{peak:.0f} MB"
                )

    print(f"\n7. documents: PDF and Word files read from the document (median of {min(args.repeat, 5)}, ms)")
    html_ms = next(r["pipeline"] for name, r in rows if name == "template-2019-bureau.html") * 1000
    print(f"   {'template-2019-bureau.html (baseline: an HTML report)':52} {html_ms:8.1f} ms")
    slowest_per_page = 0.0
    text_layer_per_page, ocr_per_page = 1.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        made = printed_fixture(Path(tmp))
        for name, n, secs, dump in documents(made + list(args.pdf), min(args.repeat, 5)):
            ms = secs * 1000
            per = f"{ms / n:6.1f} ms/page" if n else " " * 14
            if n:
                slowest_per_page = max(slowest_per_page, ms / n)
            line = f"   {name[:52]:52} {ms:8.1f} ms {per}  {ms / html_ms:5.1f} × the HTML report"
            if dump:
                line += f", {secs / dump:4.1f} × its pdftotext dump"
            print(line)
            if name == "county.pdf":
                text_layer_per_page = secs / n
        if made and made[0].suffix == ".pdf":
            scans = scanned(made[0], Path(tmp), (150,) if args.smoke else (300, 150), 1 if args.smoke else None)
            for dpi, n, secs, same, of in scans:
                ocr_per_page = max(ocr_per_page, secs / n)
                print(
                    f"   {f'county.pdf scanned at {dpi} dpi, read by OCR':52} {secs * 1000:8.0f} ms "
                    f"{secs / n:6.2f} s/page  {secs / n / text_layer_per_page:5.0f} × its text layer"
                    + ("" if args.smoke else f"; {same}/{of} canonical figures as the text layer reads them")
                )
            if not scans:
                print("   (scans: the OCR extra is not installed: pip install -e '.[ocr]')")

    seed = rows[0][1]
    by_name = dict(rows)
    clean = by_name["template-2021-county.txt"]
    cms = by_name["template-2021-county-cms.html"]
    generic = _trafilatura() is not None
    checks = {
        "seed page under 60 ms": seed["pipeline"] < 0.060,
        "the seed within 1 × trafilatura.extract on it (not checked without it)": not generic
        or seed["pipeline"] <= seed["trafilatura.extract (baseline)"],
        "a clean 2021 report as text within 2 × ftfy.fix_text on it": clean["pipeline"]
        <= 2 * clean["ftfy.fix_text (baseline)"],
        "the same report in a CMS page within 0.5 × trafilatura.extract on it (not checked without it)": not generic
        or cms["pipeline"] <= 0.5 * cms["trafilatura.extract (baseline)"],
        "--help under 0.35 s": s["suqian-report --help"] < 0.35,
        "cold extract to JSON within 8 × python -c pass (nothing kept from an earlier run)": s[
            "extract SAMPLE --format json (cold)"
        ]
        <= 8 * base,
        "no pandas, pyarrow, rich, PDF or Word library, nor the parser, on the JSON path": not heavy,
        "2 workers ≥ 1.5 × one (on 2+ CPUs)": (os.cpu_count() or 1) < 2 or two / one >= 1.5,
        "2 workers ≥ 400 pages/s": two >= 400,
        "peak memory under 250 MB": max(mem1, mem2) < 250,
        f"linear in page length ({copies[1]} × the sample within 1.2 × per copy of one)": per_copy[copies[1]]
        / per_copy[copies[0]]
        <= 1.2,
        "a five-page text PDF well under a second (under 150 ms a page)": slowest_per_page < 150,
        "a scanned page read by OCR within 20 s on two cores (not checked without the extra)": ocr_per_page < 20,
    }
    if "rss" in dataset:
        checks[f"peak memory under 200 MB for {args.rss} pages with 2 workers"] = dataset["rss"] < 200
    print("\ntargets")
    for k, ok in checks.items():
        print(f"   {'met   ' if ok else 'MISSED'} {k}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
