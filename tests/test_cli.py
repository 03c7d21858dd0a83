"""The command line, run as users run it: a real process, real files, real pipes."""

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from .conftest import ROOT, SEED

SEED_ARG = "samples/suqian-office-2013-mirror.txt"


def run(*args, stdin: bytes | None = None, env: dict | None = None):
    e = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "suqian_report", *args], cwd=ROOT, input=stdin, capture_output=True, env=e, timeout=120
    )


def test_extract_json_on_stdout():
    p = run("extract", SEED_ARG)
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["metadata"]["report_year"] == 2013
    assert p.stderr == b""


def test_extract_from_stdin():
    p = run("extract", "-", stdin=SEED.read_bytes())
    assert p.returncode == 0
    d = json.loads(p.stdout)
    assert d["source"]["path"] == "<stdin>"
    assert any(f["key"] == "proactive.total" and f["value"] == 114057 for f in d["figures"])


OTHER_ARG = "tests/fixtures/clean/prose-2012-suyu.txt"


def test_jsonl_one_report_per_line():
    p = run("extract", SEED_ARG, OTHER_ARG, "--format", "jsonl")
    lines = p.stdout.decode().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["figures"][0]["key"]
    assert p.stderr.decode() == "2 reports, 0 failed\n"


def test_json_array_for_several_inputs():
    p = run("extract", SEED_ARG, OTHER_ARG)
    assert [r["metadata"]["title"] for r in json.loads(p.stdout)] == [
        "宿迁市政府办公室2013年政府信息公开年度报告",
        "宿迁市宿豫区人民政府2012年政府信息公开年度报告",
    ]


def test_the_same_bytes_twice_are_one_report_and_a_duplicate(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    errors = tmp_path / "errors.jsonl"
    p = run("extract", SEED_ARG, str(copy), "-f", "jsonl", "--errors", str(errors))
    assert p.returncode == 0
    assert len(p.stdout.splitlines()) == 1
    assert p.stderr.decode() == "1 report, 0 failed, 1 skipped (duplicates)\n"
    line = json.loads(errors.read_text(encoding="utf-8"))
    assert line == {"path": str(copy), "kind": "duplicate", "message": f"the same bytes as {SEED_ARG}"}


def test_csv_one_row_per_figure_with_metadata():
    p = run("extract", SEED_ARG, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(p.stdout.decode("utf-8"))))
    total = next(r for r in rows if r["key"] == "proactive.total")
    assert total["value"] == "114057" and total["unit"] == "条" and total["report_year"] == "2013"
    assert all(r["title"] == "宿迁市政府办公室2013年政府信息公开年度报告" for r in rows)
    assert len(rows) == len(json.loads(run("extract", SEED_ARG).stdout)["figures"])


def test_csv_bom_for_excel(tmp_path):
    out = tmp_path / "figures.csv"
    p = run("extract", SEED_ARG, "--format", "csv", "--bom", "-o", str(out))
    assert p.returncode == 0 and p.stdout == b""
    assert out.read_bytes().startswith(b"\xef\xbb\xbfsource_path,")


def test_bad_file_does_not_stop_the_batch(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"%PDF-1.4 not a page")
    out = tmp_path / "out.jsonl"
    p = run("extract", str(bad), SEED_ARG, "missing.txt", "--format", "jsonl", "-o", str(out))
    assert p.returncode == 1
    err = p.stderr.decode().strip().splitlines()
    assert len(err) == 3 and all(line.startswith("Error: ") for line in err[:2])
    assert err[2] == "1 report, 2 failed"
    assert "Traceback" not in p.stderr.decode()
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_no_partial_output_file_when_nothing_could_be_processed(tmp_path):
    out = tmp_path / "out.json"
    p = run("extract", "missing.txt", "-o", str(out))
    assert p.returncode == 1
    assert not out.exists()
    assert not [x for x in tmp_path.iterdir()]


def test_usage_errors_exit_2():
    assert run("extract", SEED_ARG, "--format", "xml").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("extract").returncode == 2


def test_clean_shows_report_text_only():
    p = run("clean", SEED_ARG)
    text = p.stdout.decode()
    assert text.startswith("宿迁市政府办公室2013年政府信息公开年度报告")
    assert "请输入关键字" not in text and "蜘蛛池" not in text and "(bào)" not in text


def test_clean_explain_lists_every_repair():
    p = run("clean", "--explain", SEED_ARG)
    out = p.stdout.decode()
    assert "dropped_date_chars" in out and "'201311' → '2013年1月1'" in out
    assert "pinyin_annotation             659" in out
    assert sum(1 for line in out.splitlines() if line.startswith("pinyin_annotation ")) == 659


def test_summary_fits_80_columns_without_colour():
    p = run("summary", SEED_ARG)
    out = p.stdout.decode()
    assert p.returncode == 0
    assert "\x1b[" not in out
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= 80
    for needle in ("114,057", "proactive.total", "网上宿迁", "其他信息", "✓ pass", "pinyin_annotation"):
        assert needle in out


def test_summary_where_marks_the_number():
    p = run("summary", SEED_ARG, "--where", "review")
    out = p.stdout.decode()
    assert "review.total" in out and "行政复议案件29件" in out


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["--version"]])
def test_help_and_version(args):
    p = run(*args)
    assert p.returncode == 0 and p.stdout


def test_library_names_survive_importing_the_pipeline_first():
    code = (
        "import suqian_report.pipeline, suqian_report\n"
        "from suqian_report import extract, extract_file\n"
        "assert callable(extract) and callable(extract_file)\n"
        f"print(extract_file({str(SEED)!r}).value('proactive.total'))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "114057"


@pytest.mark.parametrize(
    "args",
    [
        ("extract", SEED_ARG, OTHER_ARG, "tests/fixtures/clean", "-f", "jsonl"),
        ("summary", SEED_ARG, SEED_ARG),
        ("clean", SEED_ARG),
    ],
)
def test_a_reader_closing_the_pipe_is_not_an_error(args):
    e = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    p = subprocess.Popen(
        [sys.executable, "-m", "suqian_report", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=e
    )
    p.stdout.read(20)  # like `| head -c 20`
    p.stdout.close()
    assert p.wait(timeout=120) == 0
    assert p.stderr.read() == b""


def test_a_full_disk_is_a_one_line_error():
    with open("/dev/full", "wb") as full:
        p = subprocess.run(
            [sys.executable, "-m", "suqian_report", "extract", SEED_ARG],
            cwd=ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    assert p.returncode == 1
    assert p.stderr.decode().strip() == "Error: cannot write to stdout: No space left on device"


def test_directories_say_what_they_skip_and_an_empty_one_is_an_error(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "report.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "pages" / "scan.jpg").write_bytes(b"\xff\xd8\xff")
    p = run("extract", str(tmp_path / "pages"), "-f", "jsonl")
    assert p.returncode == 0
    assert len(p.stdout.splitlines()) == 1
    assert b"skipped 1 file(s)" in p.stderr and b"scan.jpg" in p.stderr
    (tmp_path / "empty").mkdir()
    for command in ("extract", "summary", "show"):
        p = run(command, str(tmp_path / "empty"))
        assert p.returncode == 1
        assert p.stderr == b"Error: no input pages found\n"


def test_summary_of_many_reports_is_one_table_with_totals_in_100_columns():
    p = run("summary", "tests/fixtures/clean", SEED_ARG, "--sort", "requests.new.total", env={"COLUMNS": "100"})
    assert p.returncode == 0
    out = p.stdout.decode()
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= 100
    rows = [
        line
        for line in out.splitlines()
        if line.strip() and ("prose_" in line or "template_" in line or "stats_" in line)
    ]
    assert len(rows) == 6
    assert "114,057" in rows[0] and "6,721" in rows[0]  # the most requests first
    assert (
        "某县人民政府" in rows[-1] and "办公室" not in rows[-1]
    )  # the title names the government, the panel its office
    assert "6 reports" in out and "7,132" in out  # the totals row


def test_summary_as_json():
    p = run("summary", "tests/fixtures/clean", SEED_ARG, "--format", "json")
    d = json.loads(p.stdout)
    assert d["totals"]["reports"] == 6 and d["totals"]["requests.new.total"] == 7132
    seed = next(r for r in d["reports"] if r["path"] == SEED_ARG)
    assert seed == {
        "path": SEED_ARG,
        "body": "宿迁市人民政府办公室",
        "year": 2013,
        "format": "prose_2008",
        "proactive.total": 114057,
        "requests.new.total": 6721,
        "review.total": 29,
        "litigation.total": 9,
        "failed_checks": 0,
    }


def test_schema_command_prints_the_shipped_schema():
    p = run("schema")
    assert p.returncode == 0
    assert p.stdout.decode("utf-8") == (ROOT / "suqian_report" / "report.schema.json").read_text(encoding="utf-8")
    schema = json.loads(p.stdout)
    assert (
        schema["properties"]["schema_version"]["const"] == json.loads(run("extract", SEED_ARG).stdout)["schema_version"]
    )


def test_demo_works_in_any_folder(tmp_path):
    p = subprocess.run(
        [sys.executable, "-m", "suqian_report", "demo"],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode()
    assert "宿迁市人民政府办公室" in out and "114,057" in out and "proactive.total" in out


def test_the_shipped_sample_is_the_seed_page():
    assert (ROOT / "suqian_report" / "data" / "suqian-office-2013-mirror.txt").read_bytes() == SEED.read_bytes()


def test_short_help_and_no_color():
    assert run("-h").stdout == run("--help").stdout and run("extract", "-h").returncode == 0
    coloured = run("summary", SEED_ARG, env={"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    plain = run("--no-color", "summary", SEED_ARG, env={"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"})
    import re

    colour = re.compile(rb"\x1b\[[0-9;]*?(?:3[0-8]|9[0-7])[;m]")  # SGR colour codes (bold and dim are no colour)
    assert colour.search(coloured.stdout) and not colour.search(plain.stdout)


def test_a_write_that_fails_midway_leaves_no_partial_file(tmp_path):
    # the file system refuses to grow the output past 20 kB (as a full disk would)
    code = (
        "import resource, signal, sys\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000)); signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "from suqian_report.entry import main\n"
        "sys.argv = ['suqian-report', 'extract', 'tests/fixtures/clean', 'samples', '-f', 'jsonl', '-o', sys.argv[1],"
        " '-j', '1']\nmain()"
    )
    p = subprocess.run([sys.executable, "-c", code, str(tmp_path / "out.jsonl")], capture_output=True, cwd=ROOT)
    assert p.returncode == 1
    assert p.stderr.decode() == f"Error: cannot write {tmp_path / 'out.jsonl'}: File too large\n"
    assert list(tmp_path.iterdir()) == []


def test_summary_in_chinese():
    one = run("summary", SEED_ARG, "--lang", "zh").stdout.decode()
    assert "发布机构" in one and "报告年度" in one and "publisher" not in one
    many = run("summary", "tests/fixtures/clean", "--lang", "zh", env={"COLUMNS": "100"}).stdout.decode()
    assert "主动公开" in many and "新收申请" in many and "份报告" in many


def _commands():
    from typer.main import get_command

    from suqian_report.cli.app import app

    group = get_command(app)
    yield "suqian-report", group
    yield from ((name, cmd) for name, cmd in group.commands.items())


def test_every_command_and_option_has_help_text():
    missing = []
    for name, cmd in _commands():
        if not (cmd.help or "").strip():
            missing.append(name)
        for param in cmd.params:
            if (
                getattr(param, "param_type_name", "") == "option"
                and not (param.help or "").strip()
                and param.name not in ("help", "install_completion", "show_completion")
            ):
                missing.append(f"{name} {param.opts[0]}")
    assert missing == []


def test_an_option_name_means_one_thing_across_commands():
    """The shared options (output, format, encoding, limits, workers, globs) have one spelling everywhere: a short
    flag always stands for the same long one, and the commands that read many inputs all take them."""
    flags: dict[str, set[str]] = {}
    options: dict[str, set[str]] = {}
    for name, cmd in _commands():
        for param in cmd.params:
            if getattr(param, "param_type_name", "") != "option":
                continue
            long = next(o for o in param.opts if o.startswith("--"))
            options.setdefault(name, set()).add(long)
            for short in (o for o in param.opts if not o.startswith("--")):
                flags.setdefault(short, set()).add(long)
    assert {short: sorted(longs) for short, longs in flags.items() if len(longs) > 1} == {}
    for name in ("extract", "summary", "show", "compare"):
        assert {"--output", "--encoding", "--max-bytes", "--glob"} <= options[name], name
    for name in ("extract", "summary", "compare"):
        assert {"--format", "--jobs"} <= options[name], name


def test_summary_and_compare_write_to_a_file(tmp_path):
    out = tmp_path / "summary.json"
    assert run("summary", SEED_ARG, OTHER_ARG, "-f", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["totals"]
    table = tmp_path / "summary.txt"
    assert run("summary", SEED_ARG, "-o", str(table)).returncode == 0
    text = table.read_text(encoding="utf-8")
    assert "114,057" in text and "\x1b[" not in text  # a file gets no colour codes
    rows = tmp_path / "rows.csv"
    assert run("compare", "tests/fixtures/clean", "-f", "csv", "-o", str(rows), "--glob", "*.txt").returncode == 0
    assert rows.read_text(encoding="utf-8").startswith("key,label_zh,body,year")


def test_the_json_path_imports_no_heavy_library():
    """A plain extract to JSON loads none of the libraries only other paths need (they cost start-up time)."""
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "suqian_report", "extract", SEED_ARG, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert p.returncode == 0
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in p.stderr.splitlines() if "|" in line}
    assert "suqian_report" in imported
    heavy = {"pandas", "pyarrow", "rich", "bs4", "lxml", "pdfplumber", "pdfminer", "pypdfium2", "docx", "pydantic"}
    assert imported & heavy == set()


def test_a_command_runs_alone_and_the_whole_application_still_answers(tmp_path):
    """The command line builds only the command being run; without one, it is the whole application."""
    from suqian_report.cli.app import _app_for, app

    assert _app_for(["extract", "x.txt"]) is not app
    assert [c.callback.__name__ for c in _app_for(["--debug", "summary", "x"]).registered_commands] == ["summary"]
    assert _app_for(["--help"]) is app and _app_for(["extrct"]) is app and _app_for([]) is app
    help_text = run("-h").stdout.decode()
    assert all(name in help_text for name in ("extract", "summary", "clean", "show", "compare", "schema", "demo"))
    typo = run("extrct", SEED_ARG)
    assert typo.returncode == 2 and b"extract" in typo.stderr
