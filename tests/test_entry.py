"""The entry point: a plain ``extract`` command line runs without the parser, and means what the parser says."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from suqian_report.cli import app, commands, entry
from suqian_report.cli.entry import plain_extract

SAMPLE = str(Path(__file__).parent.parent / "samples" / "suqian-office-2013-mirror.txt")


@pytest.mark.parametrize(
    "args, expected",
    [
        (["extract", "a.txt"], {"inputs": ["a.txt"]}),
        (["extract", "a.txt", "b.html", "-"], {"inputs": ["a.txt", "b.html", "-"]}),
        (["extract", "-f", "jsonl", "a.txt"], {"inputs": ["a.txt"], "format": "jsonl"}),
        (
            ["extract", "a.txt", "--format=csv", "-o", "out.csv"],
            {"inputs": ["a.txt"], "format": "csv", "output": "out.csv"},
        ),
        (["extract", "--output", "-", "@list"], {"inputs": ["@list"], "output": "-"}),
    ],
)
def test_plain_command_lines_are_read_without_the_parser(args, expected):
    assert plain_extract(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["a.txt"],  # no command
        ["summary", "a.txt"],
        ["--debug", "extract", "a.txt"],  # an option of the application
        ["extract"],  # no input: the parser says so
        ["extract", "a.txt", "--help"],
        ["extract", "a.txt", "-h"],
        ["extract", "a.txt", "--jobs", "2"],  # any other option
        ["extract", "a.txt", "-f", "sqlite", "-o", "x.db"],  # a format with its own rules
        ["extract", "a.txt", "-f", "JSON"],  # not a choice: the parser words the error
        ["extract", "a.txt", "-f"],  # a value missing
        ["extract", "a.txt", "-f", "json", "-f", "csv"],  # given twice
        ["extract", "a.txt", "-o", "--quiet"],  # a value that looks like an option
        ["extract", "a.txt", "--output="],
        ["extract", "a.txt", "-fjson"],  # short options joined to their value
        ["extract", "a.txt", "-f=json"],
        ["extract", "--", "-a.txt"],
        ["extract", "a.txt", "--form", "json"],  # the parser does not take abbreviations either
    ],
)
def test_other_command_lines_go_to_the_parser(args):
    assert plain_extract(args) is None


def test_shell_completion_goes_to_the_parser(monkeypatch):
    monkeypatch.setenv("_SUQIAN_REPORT_COMPLETE", "bash_source")
    assert plain_extract(["extract", "a.txt"]) is None


def test_the_commands_defaults_are_the_options_defaults():
    """The plain path leaves every other option at the job's default: it must be the parser's default."""
    declared = inspect.signature(app.extract).parameters
    job = inspect.signature(commands.extract).parameters
    assert list(declared) == list(job)
    for name, param in declared.items():
        default = param.default.value if hasattr(param.default, "value") else param.default
        assert default == job[name].default, name


def _run(capfd, args: list[str], quick: bool) -> tuple[int, str, str]:
    code = entry.run(args, quick=quick)
    out, err = capfd.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "args",
    [
        ["extract", SAMPLE],
        ["extract", "-f", "jsonl", SAMPLE, SAMPLE],  # the second is a duplicate
        ["extract", "--format=csv", SAMPLE],
        ["extract", SAMPLE, "missing.txt"],
        ["extract", "missing.txt"],
        ["extract", str(Path(SAMPLE).parent)],  # a folder
    ],
)
def test_the_plain_path_and_the_parser_agree(capfd, args):
    assert plain_extract(args) is not None
    assert _run(capfd, args, quick=True) == _run(capfd, args, quick=False)


def test_the_plain_path_writes_files_as_the_parser_does(capfd, tmp_path):
    outputs = []
    for quick in (True, False):
        target = tmp_path / f"{quick}.jsonl"
        assert _run(capfd, ["extract", SAMPLE, "-f", "jsonl", "-o", str(target)], quick) == (0, "", "")
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 1


def test_a_plain_extract_does_not_load_the_parser():
    code = (
        "import sys\nfrom suqian_report.cli import entry\n"
        f"code = entry.run(['extract', {SAMPLE!r}])\n"
        "print(code, 'typer' in sys.modules, file=sys.stderr)"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert p.stderr.split() == ["0", "False"]
    assert '"figures"' in p.stdout


def test_an_internal_error_is_one_line_and_debug_shows_its_traceback(capfd, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(commands, "extract", broken)
    monkeypatch.setattr(commands, "DEBUG", False)
    code, out, err = _run(capfd, ["extract", SAMPLE], quick=True)
    assert (code, out) == (1, "") and err.startswith("Error: internal error (RuntimeError: a bug); run the same")
    assert err.count("\n") == 1
    with pytest.raises(RuntimeError, match="a bug"):
        entry.run(["--debug", "extract", SAMPLE])


def test_the_console_script_of_an_earlier_install_still_runs():
    """Installs made before the entry point moved have ``suqian_report.cli:main`` in their console script."""
    p = subprocess.run(
        [sys.executable, "-c", "from suqian_report.cli import main; main()", "extract", SAMPLE],
        capture_output=True,
        text=True,
    )
    assert p.returncode == 0 and '"proactive.total"' in p.stdout


def test_an_interrupt_outside_a_jobs_own_handling_exits_130(capfd, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(commands, "extract", interrupted)
    assert _run(capfd, ["extract", SAMPLE], quick=True) == (130, "", "Interrupted.\n")
    assert _run(capfd, ["extract", SAMPLE], quick=False)[0] == 130  # (typer ends it without a word)
