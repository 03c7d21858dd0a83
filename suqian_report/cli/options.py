"""What the commands share: their options (one declaration each, so that every command spells an option the same
way), the formats they offer, the terminal console, and the report for one page."""

from __future__ import annotations

import sys
from enum import Enum
from typing import IO, TYPE_CHECKING, Annotated

import typer

from ..core.limits import MAX_BYTES
from .commands import err

if TYPE_CHECKING:
    from rich.console import Console


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


def console(file: IO[str] | None = None) -> Console:
    """A rich console for the terminal views (or for a file: no colours); a closed pipe is handled as for the other
    commands (rich would exit 1)."""
    from rich.console import Console

    console = Console(file=file) if file is not None and file is not sys.stdout else Console()
    console.on_broken_pipe = pipe_closed  # type: ignore[method-assign]
    return console


def one(path: str, encoding: str | None, max_bytes: int = MAX_BYTES):
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


def pipe_closed() -> None:
    raise BrokenPipeError


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class AssessFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    html = "html"
    docx = "docx"


class AssessBy(str, Enum):
    region = "region"
    level = "level"
    year = "year"
