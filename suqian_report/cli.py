"""The command line: a thin layer over the library.

Data goes to stdout (or to ``-o FILE``, written atomically); messages go to
stderr as ``Error: …`` lines.  Exit codes: 0 when every input gave a
report, 1 when an input could not be processed (the others still were),
2 when the command line itself is wrong.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE

app = typer.Typer(
    name="suqian-report",
    help="Repair, clean and extract typed figures from Chinese government information disclosure annual reports "
         "(政府信息公开年度报告).\n\nExit codes: 0 every input gave a report; 1 an input could not be processed; "
         "2 usage error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


Inputs = Annotated[list[str], typer.Argument(help="Saved pages (HTML or text, any Chinese encoding, .gz ok), "
                                                  "directories of them, or - for stdin.", show_default=False)]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")]
EncodingOpt = Annotated[Optional[str], typer.Option("--encoding", help="Decode inputs with this encoding "
                                                                        "instead of detecting it.")]


def _err(message: str) -> None:
    sys.stderr.write(f"Error: {message}\n")


@contextmanager
def _writing(output: str | None):
    """Turn a failed write into a one-line error and exit 1.  A reader that closes the pipe early
    (``suqian-report extract … | head``) is no error: stop quietly with 0."""
    try:
        yield
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        raise typer.Exit(EXIT_OK)
    except OSError as e:
        _err(f"cannot write {output or 'to stdout'}: {e.strerror or e}")
        raise typer.Exit(EXIT_INPUT)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"suqian-report {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Repair, clean and extract typed figures from 政府信息公开年度报告 pages."""


# Formatters run in worker processes: module-level functions.
def _as_json(report) -> str:
    from .export import report_json

    return report_json(report, indent=2)


def _as_jsonl(report) -> str:
    from .export import report_json

    return report_json(report, indent=None)


def _as_csv(report) -> list[list[str]]:
    from .export import figure_rows

    return figure_rows(report)


def _progress(total: int):
    if total < 8 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)


@app.command()
def extract(
    inputs: Inputs,
    format: Annotated[Format, typer.Option("--format", "-f", help="json: one object (an array for several inputs); "
                                                                  "jsonl: one report per line; csv: one row per figure.")
                      ] = Format.json,
    output: OutputOpt = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV output with a byte-order mark (for Excel).")] = False,
    encoding: EncodingOpt = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for many inputs (0: one per CPU).")
                    ] = 1,
) -> None:
    """Extract metadata and every figure as JSON, JSON Lines or CSV."""
    import os

    from .batch import run_many
    from .export import Output, csv_text

    paths = _pages(inputs)
    jobs = jobs or os.cpu_count() or 1
    formatter = {Format.json: _as_json, Format.jsonl: _as_jsonl, Format.csv: _as_csv}[format]
    failures = 0
    many = len(paths) > 1 or len(inputs) > 1
    progress = _progress(len(paths))
    try:
        with _writing(output), Output(output, bom=bom and format is Format.csv) as out:
            if format is Format.csv:
                out.write(csv_text([], header=True))
            elif format is Format.json and many:
                out.write("[")
            written = 0
            task = progress.add_task("extract", total=len(paths)) if progress else None
            if progress:
                progress.start()
            for outcome in run_many(paths, formatter, encoding, jobs):
                if progress:
                    progress.advance(task)
                if outcome.error:
                    failures += 1
                    _err(outcome.error)
                    continue
                if format is Format.csv:
                    out.write(csv_text(outcome.payload))
                elif format is Format.jsonl:
                    out.write(outcome.payload + "\n")
                else:
                    out.write(("," if written else "") + ("\n" if many else "") + outcome.payload)
                written += 1
            if progress:
                progress.stop()
            if format is Format.json:
                out.write("\n]\n" if many else "\n")
            if written == 0 and output not in (None, "-"):
                raise _NothingWritten()
    except _NothingWritten:
        _err("no input could be processed; no output file written")
    raise typer.Exit(EXIT_INPUT if failures else EXIT_OK)


class _NothingWritten(Exception):
    pass


def _one(path: str, encoding: str | None):
    """The report for one page, or None after printing why there is none."""
    from .batch import run_one

    outcome = run_one((path, None, encoding))
    if outcome.error:
        _err(outcome.error)
    return outcome.payload


@app.command()
def summary(
    inputs: Inputs,
    encoding: EncodingOpt = None,
    where: Annotated[Optional[str], typer.Option("--where", help="Print the sentence each figure with this key "
                                                                   "(or key prefix) comes from, the number marked.")
                     ] = None,
) -> None:
    """Show a report in the terminal: metadata, key figures, categories, checks, repairs."""
    from rich.console import Console


    console = Console()
    console.on_broken_pipe = _pipe_closed  # rich would exit 1; a closed pipe is handled as for the other commands
    with _writing(None):
        failures = _summaries(_pages(inputs), encoding, where, console)
    raise typer.Exit(EXIT_INPUT if failures else EXIT_OK)


def _pages(inputs: list[str]) -> list[str]:
    """The page files the inputs name (exit 1 if none); files skipped in directories are said, not dropped
    silently."""
    from .batch import expand

    skipped: list[str] = []
    paths = expand(inputs, skipped)
    if skipped:
        names = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
        sys.stderr.write(f"Note: skipped {len(skipped)} file(s) that are not pages by their name: {names}\n")
    if not paths:
        _err("no input pages found")
        raise typer.Exit(EXIT_INPUT)
    return paths


def _pipe_closed() -> None:
    raise BrokenPipeError


def _summaries(paths: list[str], encoding: str | None, where: str | None, console) -> int:
    from .render import print_summary, print_where

    failures = 0
    for k, path in enumerate(paths):
        report = _one(path, encoding)
        if report is None:
            failures += 1
            continue
        if k:
            console.rule()
        if where:
            if not print_where(report, where, console):
                _err(f"{path}: no figure with key {where!r}")
                failures += 1
        else:
            print_summary(report, console)
    return failures


@app.command()
def clean(
    page: Annotated[str, typer.Argument(help="A saved page, or - for stdin.", show_default=False)],
    explain: Annotated[bool, typer.Option("--explain", help="List every repair (kind, position, before → after) "
                                                            "and the counts by kind, instead of the text.")] = False,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
) -> None:
    """Print the repaired report text, boilerplate removed."""
    from .export import Output
    from .render import explain_text

    report = _one(page, encoding)
    if report is None:
        raise typer.Exit(EXIT_INPUT)
    with _writing(output), Output(output) as out:
        out.write(explain_text(report) if explain else report.clean_text + "\n")
    raise typer.Exit(EXIT_OK)


@app.command()
def show(
    inputs: Inputs,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="For one page: the HTML file to write "
                                                  "(stdout if not given).  For several: a directory, which gets an "
                                                  "index.html linking one page per report.")] = None,
    encoding: EncodingOpt = None,
) -> None:
    """Write the evidence view: the clean text with every figure highlighted, the figures, checks and repairs."""
    import os
    from pathlib import Path

    from .evidence import render_index, render_report
    from .export import Output

    paths = _pages(inputs)
    if len(paths) > 1 and not output:
        _err("several pages need -o DIRECTORY for their pages and index.html")
        raise typer.Exit(EXIT_USAGE)
    failures = 0
    with _writing(output):
        if len(paths) == 1 and not (output and os.path.isdir(output)):
            report = _one(paths[0], encoding)
            if report is None:
                raise typer.Exit(EXIT_INPUT)
            with Output(output) as out:
                out.write(render_report(report))
            raise typer.Exit(EXIT_OK)
        directory = Path(output)
        directory.mkdir(parents=True, exist_ok=True)
        entries = []
        used: set[str] = set()
        for path in paths:
            report = _one(path, encoding)
            stem = Path(path).stem if path != "-" else "stdin"
            name = stem
            while name in used or name == "index":
                name += "_"
            used.add(name)
            if report is None:
                failures += 1
                entries.append((path, "", None, "could not be read (see the error printed)"))
                continue
            with Output(str(directory / f"{name}.html")) as out:
                out.write(render_report(report))
            entries.append((path, f"{name}.html", report, None))
        with Output(str(directory / "index.html")) as out:
            out.write(render_index(entries))
    raise typer.Exit(EXIT_INPUT if failures else EXIT_OK)


def main() -> None:
    """Entry point: typer turns usage errors into exit 2 and ``typer.Exit`` into its code."""
    app()
