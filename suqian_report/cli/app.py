"""The command line's parser and commands: a thin layer over the library (typer declares the options, the
help and the usage errors; :mod:`.commands` does the work, :mod:`.entry` is the installed entry point).  The
commands that show reports to people are :mod:`.views`, the options every command shares :mod:`.options`.

Data goes to stdout (or to ``-o FILE``, written atomically); messages go to
stderr as ``Error: …`` lines.  Exit codes: 0 when every input gave a
report, 1 when an input could not be processed (the others still were),
2 when the command line itself is wrong, 130 when interrupted.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ..core import __version__, logs
from ..core.errors import EXIT_INPUT, EXIT_OK
from ..core.limits import MAX_BYTES, TIMEOUT
from . import commands, views
from .commands import writing
from .options import (
    EncodingOpt,
    Format,
    GlobOpt,
    Inputs,
    JobsOpt,
    MaxBytesOpt,
    OutputOpt,
    TimeoutOpt,
    console,
    one,
)

if TYPE_CHECKING:
    pass


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
        typer.Option(
            "--debug",
            help="Show the traceback of an internal error (for a bug report) instead of one line, and the "
            "libraries' own log lines.",
        ),
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours in terminal output (as NO_COLOR=1 does).")
    ] = False,
) -> None:
    """Repair, clean and extract typed figures from 政府信息公开年度报告 pages."""
    commands.DEBUG = debug
    if debug:
        logs.direct("stderr")
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


app.command()(views.summary)


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

    report = one(page, encoding, max_bytes)
    if report is None:
        raise typer.Exit(EXIT_INPUT)
    with writing(output), TextWriter(output) as out:
        out.write(explain_text(report) if explain else report.clean_text + "\n")
    raise typer.Exit(EXIT_OK)


app.command()(views.show)
app.command()(views.compare)
app.command()(views.assess)


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
        report = one(str(path), None)
    if report is None:
        raise typer.Exit(EXIT_INPUT)
    terminal = console()
    with writing(None):
        print_summary(report, terminal)
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
