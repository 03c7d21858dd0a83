"""From a folder of pages to a dataset: the batch run, SQLite, the wide panel, Parquet, resuming, interruption."""

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from suqian_report import extract_file, extract_many, to_frame
from suqian_report.rules.catalog import canonical_keys

from .conftest import FIXTURES, ROOT, SEED

CLEAN = FIXTURES / "clean"


def run(*args, cwd=ROOT):
    e = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "suqian_report", *args], cwd=cwd, capture_output=True, env=e, timeout=300
    )


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """A crawl as users have them: pages in subfolders, a repeat, a picture, a broken file, a non-report."""
    root = tmp_path_factory.mktemp("crawl")
    (root / "county").mkdir()
    (root / "city").mkdir()
    for p in CLEAN.iterdir():
        (root / "county" / p.name).write_bytes(p.read_bytes())
    (root / "city" / "seed.txt").write_bytes(SEED.read_bytes())
    (root / "city" / "seed-again.html").write_bytes(SEED.read_bytes())  # the same bytes under another name
    (root / "city" / "scan.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (root / "city" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\nnot a page")
    (root / "city" / "guide.txt").write_bytes((FIXTURES / "nonreports" / "guide-2022.txt").read_bytes())
    return root


def test_sqlite_database_of_a_crawl(crawl, tmp_path):
    db = tmp_path / "reports.db"
    errors = tmp_path / "failed.jsonl"
    p = run("extract", str(crawl), "--format", "sqlite", "-o", str(db), "--errors", str(errors))
    assert p.returncode == 1  # broken.txt could not be processed
    assert (
        p.stderr.decode().splitlines()[-1]
        == "6 reports, 1 failed, 3 skipped (1 not pages by their name, 1 duplicates, 1 not reports)"
    )
    kinds = {json.loads(line)["kind"] for line in errors.read_text(encoding="utf-8").splitlines()}
    assert kinds == {"not_a_page", "duplicate", "not_a_report"}
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 6
    indexes = {name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"figures_key", "reports_publisher_year"} <= indexes
    # every figure of the seed is there, traceable to its page
    seed = extract_file(SEED)
    n = con.execute(
        "SELECT COUNT(*) FROM figures f JOIN reports r ON r.id = f.report_id WHERE r.sha256 = ?", (seed.source.sha256,)
    ).fetchone()[0]
    assert n == len(seed.figures)
    row = con.execute(
        "SELECT f.value, f.raw_start, f.raw_end, r.source_path FROM figures f JOIN reports r "
        "ON r.id = f.report_id WHERE f.key = 'proactive.total' AND r.sha256 = ?",
        (seed.source.sha256,),
    ).fetchone()
    assert row[0] == 114057 and seed.raw_text[row[1] : row[2]].startswith("114057")
    assert row[3].endswith("seed-again.html")  # the first of the two paths in walk order; seed.txt is its duplicate
    # the panel view: one row per report, a column per canonical key, missing keys NULL
    panel = con.execute(
        'SELECT publisher, report_year, "proactive.total", "requests.new.total", '
        '"requests.outcome.total.total" FROM panel ORDER BY report_year'
    ).fetchall()
    assert len(panel) == 6
    assert ("宿迁市人民政府办公室", 2013, 114057.0, 6721.0, None) in panel
    assert ("泗阳县某镇人民政府", 2021, 12456.0, 96.0, 96.0) in panel
    assert con.execute("SELECT COUNT(*) FROM checks").fetchone()[0] > 0
    assert con.execute("SELECT COUNT(*) FROM repairs").fetchone()[0] > 0
    assert con.execute("SELECT COUNT(*) FROM boilerplate").fetchone()[0] > 0
    con.close()
    # writing the same crawl again adds no report twice
    run("extract", str(crawl), "--format", "sqlite", "-o", str(db))
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 6


def test_skip_existing_resumes_jsonl_and_sqlite(crawl, tmp_path):
    for fmt, out in (("jsonl", tmp_path / "all.jsonl"), ("sqlite", tmp_path / "all.db")):
        first = run("extract", str(crawl / "county"), "-f", fmt, "-o", str(out))
        assert first.returncode == 0
        again = run("extract", str(crawl), "-f", fmt, "-o", str(out), "--skip-existing")
        assert again.returncode == 1  # broken.txt
        assert "1 report, 1 failed" in again.stderr.decode() and "5 already in the output" in again.stderr.decode()
        if fmt == "jsonl":
            lines = out.read_text(encoding="utf-8").splitlines()
            assert len(lines) == 6 and len({json.loads(x)["source"]["sha256"] for x in lines}) == 6
        else:
            assert sqlite3.connect(out).execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 6


def test_wide_panel_csv_has_a_stable_column_order(crawl, tmp_path):
    out = tmp_path / "panel.csv"
    p = run("extract", str(crawl), "--wide", "--format", "csv", "-o", str(out), "--bom")
    assert p.returncode == 1
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = text.splitlines()[0].split(",")
    assert header == [
        "publisher",
        "level",
        "region",
        "report_year",
        "format",
        "source_path",
        "sha256",
        *canonical_keys(),
    ]
    assert len(rows) == 6
    seed = next(r for r in rows if r["source_path"].endswith("seed-again.html"))
    assert seed["proactive.total"] == "114057" and seed["review.total"] == "29"
    assert seed["requests.outcome.total.total"] == ""  # not stated: empty, never 0
    one = tmp_path / "one.csv"
    run("extract", str(SEED), "--wide", "-f", "csv", "-o", str(one))
    assert one.read_text(encoding="utf-8").splitlines()[0] == ",".join(header)  # whatever the pages


def test_parquet_long_and_wide_are_typed(crawl, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    long_file, wide_file = tmp_path / "figures.parquet", tmp_path / "panel.parquet"
    assert run("extract", str(crawl / "county"), "-f", "parquet", "-o", str(long_file)).returncode == 0
    assert run("extract", str(crawl / "county"), "-f", "parquet", "--wide", "-o", str(wide_file)).returncode == 0
    t = pq.read_table(long_file)
    types = {f.name: str(f.type) for f in t.schema}
    assert types["value"] == "double" and types["report_year"] == "int64" and types["derived"] == "bool"
    assert types["key"] == "string"
    assert t.num_rows == sum(len(extract_file(p).figures) for p in CLEAN.iterdir())
    w = pq.read_table(wide_file).to_pylist()
    assert len(w) == 5 and {r["report_year"] for r in w} == {2012, 2013, 2016, 2019, 2021}


def test_parquet_without_pyarrow_is_a_one_line_error(tmp_path):
    code = (
        "import sys; sys.modules['pyarrow'] = None; sys.modules['pyarrow.parquet'] = None\n"
        "from suqian_report.entry import main; sys.argv = ['suqian-report', 'extract', sys.argv[1], '-f', 'parquet',"
        " '-o', sys.argv[2]]; main()"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, str(SEED), str(tmp_path / "x.parquet")], capture_output=True, cwd=ROOT
    )
    assert p.returncode == 1
    assert p.stderr.decode() == "Error: Parquet output needs pyarrow: pip install 'suqian-report[parquet]'\n"
    assert not list(tmp_path.iterdir())


def test_lists_of_paths_globs_and_symlink_loops(crawl, tmp_path):
    listing = tmp_path / "paths.txt"
    listing.write_text(f"# pages to read\n{SEED}\n\n{crawl / 'county'}\n", encoding="utf-8")
    p = run("extract", f"@{listing}", "--glob", "*.html", "-f", "jsonl")
    paths = [json.loads(x)["source"]["path"] for x in p.stdout.decode().splitlines()]
    assert paths == [str(SEED), str(crawl / "county" / "template-2019-bureau.html")]
    loop = tmp_path / "loop"
    loop.mkdir()
    (loop / "page.txt").write_bytes(SEED.read_bytes())
    os.symlink(loop, loop / "again")
    p = run("extract", str(loop), "-f", "jsonl", "--errors", str(tmp_path / "e.jsonl"))
    assert len(p.stdout.splitlines()) == 1
    assert "loop" in (tmp_path / "e.jsonl").read_text(encoding="utf-8")


def test_unordered_gives_the_same_reports(crawl):
    ordered = run("extract", str(crawl / "county"), "-f", "jsonl", "-j", "2")
    unordered = run("extract", str(crawl / "county"), "-f", "jsonl", "-j", "2", "--unordered")
    key = lambda out: sorted(json.loads(x)["source"]["sha256"] for x in out.stdout.decode().splitlines())  # noqa: E731
    assert key(ordered) == key(unordered) and len(key(ordered)) == 5
    assert [json.loads(x)["source"]["path"] for x in ordered.stdout.decode().splitlines()] == sorted(
        str(p) for p in (crawl / "county").iterdir()
    )


def test_non_reports_are_listed_and_can_be_kept(crawl, tmp_path):
    kept = run("extract", str(crawl / "city"), "-f", "jsonl", "--keep-non-reports")
    verdicts = [json.loads(x)["quality"]["is_report"] for x in kept.stdout.decode().splitlines()]
    assert sorted(verdicts, key=str) == [False, True]


def test_ctrl_c_keeps_what_is_finished(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for i in range(300):
        (pages / f"{i:04d}.txt").write_text(seed.replace("114057", str(100000 + i)), encoding="utf-8")
    out = tmp_path / "all.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "suqian_report", "extract", str(pages), "-f", "jsonl", "-o", str(out), "-j", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 120
    while time.time() < deadline and not any(p.stat().st_size > 50_000 for p in tmp_path.glob(".suqian-report-*")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    lines = out.read_text(encoding="utf-8").splitlines()
    assert 0 < len(lines) < 300
    assert all(json.loads(x)["source"]["sha256"] for x in lines)  # whole lines only
    message = err.decode().strip().splitlines()[-1]
    assert message.startswith("Interrupted: ") and "--skip-existing" in message
    resumed = subprocess.run(
        [
            sys.executable,
            "-m",
            "suqian_report",
            "extract",
            str(pages),
            "-f",
            "jsonl",
            "-o",
            str(out),
            "--skip-existing",
            "-j",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    assert resumed.returncode == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 300


def test_extract_many_and_to_frame():
    errors = []
    reports = list(extract_many([CLEAN, SEED, "missing.txt"], jobs=2, errors=errors))
    assert [r.source.path for r in reports] == [str(p) for p in sorted(CLEAN.iterdir())] + [str(SEED)]
    assert [(e.path, e.kind) for e in errors] == [("missing.txt", "unreadable")]
    long = to_frame(reports)
    assert len(long) == sum(len(r.figures) for r in reports)
    wide = to_frame(reports, wide=True)
    assert list(wide.columns[:7]) == ["publisher", "level", "region", "report_year", "format", "source_path", "sha256"]
    seed = wide[wide["source_path"] == str(SEED)].iloc[0]
    assert seed["proactive.total"] == 114057 and str(seed["requests.outcome.total.total"]) == "nan"


def test_dask_gives_the_rows_the_command_line_gives(tmp_path):
    pytest.importorskip("dask.bag")
    pq = pytest.importorskip("pyarrow.parquet")
    from suqian_report.corpus.dask import extract_bag, to_parquet

    cli_file = tmp_path / "cli.parquet"
    assert run("extract", str(CLEAN), "-f", "parquet", "-o", str(cli_file)).returncode == 0
    files = to_parquet([CLEAN], tmp_path / "dask", scheduler="processes", num_workers=2)
    assert len(files) == len(list(CLEAN.iterdir()))
    key = lambda t: sorted(map(str, t.to_pylist()))  # noqa: E731
    assert key(pq.read_table(tmp_path / "dask")) == key(pq.read_table(cli_file))
    records = extract_bag([CLEAN, "missing.txt"]).compute(scheduler="sync")
    assert records[-1] == {"path": "missing.txt", "kind": "unreadable", "message": "no such file"}


def test_the_readme_queries_run_on_a_database_of_the_fixtures(tmp_path):
    import re

    conflict = tmp_path / "conflict.txt"  # a page whose words and numbers disagree: one failed check
    conflict.write_text(
        "某县人民政府2016年政府信息公开工作年度报告\n\n一、依申请公开情况\n\n全年共受理政府信息公开申请12件。"
        "\n\n二、其他\n\n本年度未收到政府信息公开申请。",
        encoding="utf-8",
    )
    db = tmp_path / "reports.db"
    assert run("extract", str(CLEAN), str(conflict), "-f", "sqlite", "-o", str(db)).returncode == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sql\n(.*?)```", readme, re.S).group(1)
    queries = [q.strip() for q in block.split(";") if q.strip()]
    assert len(queries) == 3
    con = sqlite3.connect(db)
    results = [con.execute(q).fetchall() for q in queries]
    assert ("宿迁市宿豫区人民政府", 2012, 157.0) in results[0]
    assert len(results[1]) == 6 and results[1][0][:3] == ("宿迁市宿豫区人民政府", 2012, 8732.0)
    assert [r[1] for r in results[2]] == ["零陈述与数字一致: requests.new.total"]


def _unpicklable(report):
    return lambda: report  # what a buggy formatter might return: it cannot cross back from the worker


@pytest.mark.parametrize("ordered", [True, False])
def test_a_result_that_cannot_come_back_is_an_internal_error_not_a_hang(ordered):
    from suqian_report.corpus.batch import run_many

    pages = [str(p) for p in sorted(CLEAN.iterdir())]
    outcomes = list(run_many(pages, _unpicklable, jobs=2, ordered=ordered))
    assert len(outcomes) == len(pages)
    assert {o.kind for o in outcomes} == {"internal"} and all("worker" in o.message for o in outcomes)


def test_resuming_after_a_crash_mid_line_loses_no_report(tmp_path):
    out = tmp_path / "all.jsonl"
    assert run("extract", str(CLEAN), "-f", "jsonl", "-o", str(out)).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    out.write_text("\n".join(lines[:2]) + "\n" + lines[2][:100], encoding="utf-8")  # the third line cut off
    assert run("extract", str(CLEAN), "-f", "jsonl", "-o", str(out), "--skip-existing").returncode == 0
    good = []
    for line in out.read_text(encoding="utf-8").splitlines():
        try:
            good.append(json.loads(line)["source"]["sha256"])
        except ValueError:
            pass
    assert len(set(good)) == len(lines) == 5


def _dies_on_one_page(report):
    """A formatter that kills its worker process on one page (as a crash in a C library would), and gives the
    path of every other."""
    import os

    if report.source.path.endswith("deadly.html"):
        os._exit(3)
    return report.source.path


@pytest.mark.parametrize("ordered", [True, False])
def test_a_page_that_kills_its_worker_is_lost_alone(ordered, tmp_path):
    # A worker that dies takes the pages in flight with it: they are read again, and only the page that kills
    # its worker is lost, reported as such; the run goes on to the end.
    from suqian_report.corpus.batch import run_many

    sources = sorted(CLEAN.iterdir())
    pages = []
    for i in range(12):
        page = tmp_path / (f"{i:02d}-deadly.html" if i == 3 else f"{i:02d}{sources[i % len(sources)].suffix}")
        page.write_bytes(sources[i % len(sources)].read_bytes() + b"\n" + b" " * i)  # (no two the same bytes)
        pages.append(str(page))
    outcomes = list(run_many(pages, _dies_on_one_page, jobs=2, ordered=ordered))
    assert sorted(o.path for o in outcomes) == pages
    lost = [o for o in outcomes if not o.ok]
    assert [o.path for o in lost] == [pages[3]]
    assert lost[0].kind == "internal" and "died" in (lost[0].message or "")
    assert all(o.payload == o.path for o in outcomes if o.ok)
    if ordered:
        assert [o.path for o in outcomes] == pages


def test_a_run_stopped_early_leaves_no_worker_behind():
    import multiprocessing

    from suqian_report.corpus.batch import run_many

    pages = [str(p) for p in sorted(CLEAN.iterdir())]
    run = run_many(pages, None, jobs=2)
    first = next(run)
    assert first.ok
    run.close()  # (what Ctrl-C does to the loop that reads the outcomes)
    assert multiprocessing.active_children() == []
