"""The command line's parser and commands: a thin layer over the library (typer declares the options, the
help and the usage errors; :mod:`.commands` does the work, :mod:`.entry` is the installed entry point).

Data goes to stdout (or to ``-o FILE``, written atomically); messages go to
stderr as ``Error: …`` lines.  Exit codes: 0 when every input gave a
report, 1 when an input could not be processed (the others still were),
2 when the command line itself is wrong, 130 when interrupted.
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ..core import __version__
from ..core.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from ..core.limits import MAX_BYTES, TIMEOUT
from . import commands
from .commands import err, pages, writing

if TYPE_CHECKING:
    from rich.console import Console

    from ..core.model import Report


def _typer() -> typer.Typer:
    return typer.Typer(
        name="suqian-report",
        help="Repair, clean and extract typed figures from Chinese government information disclosure annual reports "
        "(政府信息公开年度报告).\n\nExit codes: 0 every input gave a report; 1 an input could not be processed; "
        "2 usage error; 130 interrupted.",
        no_args_is_help=True,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )


app = _typer()


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"
    parquet = "parquet"


Inputs = Annotated[
    list[str],
    typer.Argument(
        help="Saved pages (HTML or text, any Chinese encoding, .gz ok), "
        "folders of them (walked), @FILE (a list of paths, one per line), "
        "or - for stdin.",
        show_default=False,
    ),
]
MaxBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-bytes", min=1, help="Read at most this many bytes of an input; a larger one is an error (too_large)."
    ),
]
TimeoutOpt = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0,
        help="Seconds one page may take; a page that takes "
        "longer is an error (timeout) and the run goes on "
        "(0: no limit).",
    ),
]
GlobOpt = Annotated[
    list[str] | None,
    typer.Option("--glob", help="In folders, read only files whose name matches PATTERN (repeatable: '*.html')."),
]
OutputOpt = Annotated[str | None, typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")]
EncodingOpt = Annotated[
    str | None, typer.Option("--encoding", help="Decode inputs with this encoding instead of detecting it.")
]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=0, help="Worker processes (0: one per CPU, the default for more than one input)."),
]


def _console(file: IO[str] | None = None) -> Console:
    """A rich console for the terminal views (or for a file: no colours); a closed pipe is handled as for the other
    commands (rich would exit 1)."""
    from rich.console import Console

    console = Console(file=file) if file is not None and file is not sys.stdout else Console()
    console.on_broken_pipe = _pipe_closed  # type: ignore[method-assign]
    return console


def _version(value: bool) -> None:
    if value:
        typer.echo(f"suqian-report {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the traceback of an internal error (for a bug report) instead of one line."),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours in terminal output (as NO_COLOR=1 does).")
    ] = False,
) -> None:
    """Repair, clean and extract typed figures from 政府信息公开年度报告 pages."""
    commands.DEBUG = debug
    if no_color:
        import os

        os.environ["NO_COLOR"] = "1"  # rich honours it


@app.command()
def extract(
    inputs: Inputs,
    format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="json: one object (an array for several inputs); "
            "jsonl: one report per line; csv: one row per figure "
            "(or per report with --wide); sqlite: one database "
            "(needs -o); parquet: typed columns (needs -o and "
            "the parquet extra).",
        ),
    ] = Format.json,
    output: OutputOpt = None,
    wide: Annotated[
        bool, typer.Option("--wide", help="The panel: one row per report, one column per canonical key (csv, parquet).")
    ] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV output with a byte-order mark (for Excel).")] = False,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = None,
    glob: GlobOpt = None,
    errors: Annotated[
        str | None,
        typer.Option(
            "--errors", help="Write one JSON line per input that gave no report (path, kind, message) to FILE."
        ),
    ] = None,
    skip_existing: Annotated[
        bool,
        typer.Option(
            "--skip-existing",
            help="Resume: skip inputs whose sha256 the output (JSONL or SQLite) already holds, and add the rest.",
        ),
    ] = False,
    unordered: Annotated[
        bool, typer.Option("--unordered", help="Write reports as they finish, not in input order.")
    ] = False,
    keep_non_reports: Annotated[
        bool,
        typer.Option(
            "--keep-non-reports", help="Keep pages that are not annual reports (guides, news…) in a batch run's output."
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no error lines; only the final count.")
    ] = False,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    timeout: TimeoutOpt = TIMEOUT,
) -> None:
    """Extract metadata and every figure: one page, or a whole crawl into one dataset."""
    raise typer.Exit(
        commands.extract(
            inputs,
            format=format.value,
            output=output,
            wide=wide,
            bom=bom,
            encoding=encoding,
            jobs=jobs,
            glob=glob,
            errors=errors,
            skip_existing=skip_existing,
            unordered=unordered,
            keep_non_reports=keep_non_reports,
            quiet=quiet,
            max_bytes=max_bytes,
            timeout=timeout,
        )
    )


def _one(path: str, encoding: str | None, max_bytes: int = MAX_BYTES):
    """The report for one page, or None after printing why there is none."""
    from ..corpus.batch import run_one

    outcome = run_one(path, None, encoding, max_bytes=max_bytes)
    if outcome.error:
        err(outcome.error)
    return outcome.payload


class SummaryFormat(str, Enum):
    table = "table"
    json = "json"


class Lang(str, Enum):
    en = "en"
    zh = "zh"


@app.command()
def summary(
    inputs: Inputs,
    encoding: EncodingOpt = None,
    where: Annotated[
        str | None,
        typer.Option(
            "--where",
            help="Print the sentence each figure with this key (or key prefix) comes from, the number marked.",
        ),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort", help="Several pages: order the rows by this key (largest first), or by body, year or format."
        ),
    ] = None,
    format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="table (the terminal) or json.")
    ] = SummaryFormat.table,
    jobs: JobsOpt = None,
    glob: GlobOpt = None,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    lang: Annotated[
        Lang, typer.Option("--lang", help="The words of the summary: en (English) or zh (中文).")
    ] = Lang.en,
    output: OutputOpt = None,
) -> None:
    """Show reports in the terminal: for one page its metadata, key figures, checks and repairs; for several, one
    row per report and the totals."""
    import json as _json
    import os

    from ..write.files import TextWriter

    paths, _skipped = pages(inputs, tuple(glob or ()))
    if where or (len(paths) == 1 and format is SummaryFormat.table):
        with writing(output), TextWriter(output) as out:
            failures = _summaries(paths, encoding, where, _console(out.stream), max_bytes, lang.value)
        raise typer.Exit(EXIT_INPUT if failures else EXIT_OK)
    from ..corpus.batch import run_many
    from ..write.dataset.rows import summary_row
    from ..write.render import SUMMARY_SORTS, print_many, sort_rows, summary_totals

    if sort and sort not in SUMMARY_SORTS and not sort.count("."):
        err(f"--sort takes a key (requests.new.total) or one of: {', '.join(SUMMARY_SORTS)}")
        raise typer.Exit(EXIT_USAGE)
    jobs = jobs if jobs is not None else 0
    rows: list[dict] = []
    failures = 0
    for outcome in run_many(
        paths,
        summary_row,
        encoding=encoding,
        jobs=jobs or os.cpu_count() or 1,
        keep_non_reports=True,
        max_bytes=max_bytes,
    ):
        if outcome.ok:
            rows.append(outcome.payload)
        elif outcome.kind not in ("duplicate", "existing"):
            failures += 1
            err(outcome.error or outcome.path)
    rows = sort_rows(rows, sort)
    with writing(output), TextWriter(output) as out:
        if format is SummaryFormat.json:
            out.write(
                _json.dumps({"reports": rows, "totals": summary_totals(rows)}, ensure_ascii=False, indent=2) + "\n"
            )
        else:
            print_many(rows, _console(out.stream), lang.value)
    raise typer.Exit(EXIT_INPUT if failures else EXIT_OK)


def _pipe_closed() -> None:
    raise BrokenPipeError


def _summaries(
    paths: list[str], encoding: str | None, where: str | None, console, max_bytes: int = MAX_BYTES, lang: str = "en"
) -> int:
    from ..write.render import print_summary, print_where

    failures = 0
    for k, path in enumerate(paths):
        report = _one(path, encoding, max_bytes)
        if report is None:
            failures += 1
            continue
        if k:
            console.rule()
        if where:
            if not print_where(report, where, console):
                err(f"{path}: no figure with key {where!r}")
                failures += 1
        else:
            print_summary(report, console, lang)
    return failures


@app.command()
def clean(
    page: Annotated[str, typer.Argument(help="A saved page, or - for stdin.", show_default=False)],
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="List every repair (kind, position, before → after) and the counts by kind, instead of the text.",
        ),
    ] = False,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = MAX_BYTES,
) -> None:
    """Print the repaired report text, boilerplate removed."""
    from ..write.files import TextWriter
    from ..write.render import explain_text

    report = _one(page, encoding, max_bytes)
    if report is None:
        raise typer.Exit(EXIT_INPUT)
    with writing(output), TextWriter(output) as out:
        out.write(explain_text(report) if explain else report.clean_text + "\n")
    raise typer.Exit(EXIT_OK)


@app.command()
def show(
    inputs: Inputs,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            help="For one page: the HTML file to write "
            "(stdout if not given).  For several: a directory, which gets an "
            "index.html linking one page per report.",
        ),
    ] = None,
    encoding: EncodingOpt = None,
    max_bytes: MaxBytesOpt = MAX_BYTES,
    glob: GlobOpt = None,
) -> None:
    """Write the evidence view: the clean text with every figure highlighted, the figures, checks and repairs."""
    import os
    from pathlib import Path

    from ..write.evidence import pdf_pages, render_index, render_report
    from ..write.files import TextWriter

    paths = pages(inputs, tuple(glob or ()))[0]
    if len(paths) > 1 and not output:
        err("several pages need -o DIRECTORY for their pages and index.html")
        raise typer.Exit(EXIT_USAGE)
    failures = 0
    with writing(output):
        if len(paths) == 1 and not (output and os.path.isdir(output)):
            report = _one(paths[0], encoding, max_bytes)
            if report is None:
                raise typer.Exit(EXIT_INPUT)
            with TextWriter(output) as out:
                out.write(render_report(report, pdf_pages(report)))
            raise typer.Exit(EXIT_OK)
        assert output is not None  # several pages need -o (checked above), one page goes to a file or -o DIR
        directory = Path(output)
        directory.mkdir(parents=True, exist_ok=True)
        entries: list[tuple[str, str, Report | None, str | None]] = []
        used: set[str] = set()
        for path in paths:
            report = _one(path, encoding, max_bytes)
            stem = Path(path).stem if path != "-" else "stdin"
            name = stem
            while name in used or name == "index":
                name += "_"
            used.add(name)
            if report is None:
                failures += 1
                entries.append((path, "", None, "could not be read (see the error printed)"))
                continue
            with TextWriter(str(directory / f"{name}.html")) as out:
                out.write(render_report(report, pdf_pages(report)))
            entries.append((path, f"{name}.html", report, None))
        with TextWriter(str(directory / "index.html")) as out:
            out.write(render_index(entries))
    raise typer.Exit(EXIT_INPUT if failures else EXIT_OK)


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@app.command()
def compare(
    inputs: Inputs,
    body: Annotated[
        str | None, typer.Option("--body", help="One body's series, year by year (any of its names).")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Every body in this year, side by side.")] = None,
    key: Annotated[
        str | None, typer.Option("--key", help="Only keys equal to or under this prefix (requests, review.total).")
    ] = None,
    format: Annotated[
        CompareFormat,
        typer.Option("--format", "-f", help="table (the terminal), json (bodies, rows, continuity) or csv (the rows)."),
    ] = CompareFormat.table,
    sort: Annotated[str | None, typer.Option("--sort", help="change: the largest changes first.")] = None,
    alias: Annotated[
        str | None, typer.Option("--alias", help="A TSV file of name<TAB>body for names no rule joins.")
    ] = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = None,
    glob: GlobOpt = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = MAX_BYTES,
) -> None:
    """Compare reports across years and bodies: pages, JSON/JSONL written by extract, or a SQLite database."""
    import csv as _csv
    import io
    import json as _json
    import os

    from ..corpus.compare import compare as run_compare
    from ..corpus.compare import entries_for, read_aliases
    from ..write.files import TextWriter

    if sort not in (None, "change"):
        err("--sort takes: change")
        raise typer.Exit(EXIT_USAGE)
    paths, _skipped = pages(inputs, tuple(glob or ()))
    errors: list = []
    try:
        aliases = read_aliases(alias) if alias else None
    except OSError as e:
        err(f"cannot read {alias}: {e.strerror or e}")
        raise typer.Exit(EXIT_INPUT) from None
    entries = entries_for(
        paths,
        aliases,
        jobs=(jobs if jobs is not None else 0) or os.cpu_count() or 1,
        encoding=encoding,
        errors=errors,
        max_bytes=max_bytes,
    )
    for failure in errors:
        err(failure.error or failure.path)
    result = run_compare(entries, body=body, year=year, key=key)
    if sort == "change":
        result["rows"].sort(key=lambda r: -abs(r["change"] or 0))
    with writing(output), TextWriter(output) as out:
        if format is CompareFormat.json:
            out.write(_json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        elif format is CompareFormat.csv:
            cols = ["key", "label_zh", "body", "year", "value", "unit", "change", "change_pct", "source", "status"]
            buf = io.StringIO()
            w = _csv.DictWriter(buf, fieldnames=cols, lineterminator="\n", extrasaction="ignore")
            w.writeheader()
            w.writerows(result["rows"])
            out.write(buf.getvalue())
        else:
            from ..write.render import print_compare

            print_compare(result, _console(out.stream), by_change=sort == "change")
    if not result["bodies"]:
        err("no report matched" + (f" the body {body}" if body else "") + (f" in {year}" if year else ""))
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_INPUT if errors else EXIT_OK)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a report (the one the package ships, generated from the data model)."""
    from importlib.resources import files

    with writing(None):
        sys.stdout.write(files("suqian_report").joinpath("report.schema.json").read_text(encoding="utf-8"))
    raise typer.Exit(EXIT_OK)


@app.command()
def demo() -> None:
    """Summarise the sample page shipped inside the package (the Suqian city government office's 2013 report, as
    a spam mirror re-published it): works in any folder right after installing."""
    from importlib.resources import as_file, files

    from ..write.render import print_summary

    sample = files("suqian_report").joinpath("data", "suqian-office-2013-mirror.txt")
    with as_file(sample) as path:
        report = _one(str(path), None)
    if report is None:
        raise typer.Exit(EXIT_INPUT)
    console = _console()
    with writing(None):
        print_summary(report, console)
    raise typer.Exit(EXIT_OK)


def _app_for(args: list[str]) -> typer.Typer:
    """The application with only the command being run: typer builds every command's options at start-up, and
    one command's are all a run needs.  Without a known command (``--help``, completion, a typo) it is the whole
    application, which lists them all."""
    name = next((a for a in args if not a.startswith("-")), None)
    chosen = [c for c in app.registered_commands if c.callback and _command_name(c) == name]
    if not chosen or len(app.registered_commands) == 1:
        return app
    one = _typer()
    one.registered_callback = app.registered_callback
    one.registered_commands = chosen
    return one


def _command_name(info) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


def invoke(args: list[str]) -> int:
    """Parse a command line and run its command: the exit code.  A usage error is worded by the parser (exit 2);
    Ctrl-C is raised as KeyboardInterrupt, and other errors propagate (:mod:`.entry` turns them into exit codes)."""
    try:
        code = _app_for(args)(args=args, standalone_mode=False)
    except typer.Exit as e:
        return e.exit_code
    except typer.Abort:
        raise KeyboardInterrupt from None
    except Exception as e:
        if hasattr(e, "show") and hasattr(e, "exit_code"):  # a usage error, as the command line parser words it
            e.show()
            return e.exit_code
        raise
    return code if isinstance(code, int) else EXIT_OK
