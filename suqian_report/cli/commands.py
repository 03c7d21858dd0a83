"""The work behind the commands, free of the command-line parser: messages, exit codes and outputs.

:mod:`.cli` declares the options with typer and calls these; :mod:`.entry` calls :func:`extract` directly for a
plain ``extract`` command line, so that the most common run does not pay for building the parser.  Messages go to
stderr as ``Error: …`` lines; a command that must end early raises :class:`Stop` with its exit code.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager

from ..core.errors import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from ..core.limits import MAX_BYTES, TIMEOUT

DEBUG = False  # --debug (set by the parser): an internal error shows its traceback


class Stop(Exception):
    """End the command now with this exit code (what went wrong has been said)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


def err(message: str) -> None:
    sys.stderr.write(f"Error: {message}\n")


@contextmanager
def writing(output: str | None):
    """Turn a failed write into a one-line error and exit 1.  A reader that closes the pipe early
    (``suqian-report extract … | head``) is no error: stop quietly with 0."""
    try:
        yield
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        raise Stop(EXIT_OK) from None
    except OSError as e:
        err(f"cannot write {output or 'to stdout'}: {e.strerror or e}")
        raise Stop(EXIT_INPUT) from None


def pages(inputs: list[str], globs: tuple[str, ...] = (), quiet: bool = False):
    """The page files the inputs name (exit 1 if none), and what the walk left out; files left out of folders are
    said, not dropped silently."""
    from ..read.inputs import expand

    skipped: list = []
    paths = expand(inputs, globs, skipped)
    by_name = [s for s in skipped if s.kind == "not_a_page"]
    if by_name and not quiet:
        names = ", ".join(s.path for s in by_name[:5]) + (f" and {len(by_name) - 5} more" if len(by_name) > 5 else "")
        pictures = (
            " (pictures are read by OCR when named, or matched by --glob '*.png')"
            if any(s.message.startswith("a picture") for s in by_name)
            else ""
        )
        sys.stderr.write(f"Note: skipped {len(by_name)} file(s) that are not pages by their name: {names}{pictures}\n")
    for s in skipped:
        if s.kind != "not_a_page" and not quiet:
            err(f"{s.path}: {s.message}")
    if not paths:
        err("no input pages found")
        raise Stop(EXIT_INPUT)
    return paths, skipped


def _progress(total: int, quiet: bool):
    if quiet or total < 8 or not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("{task.fields[failed]}"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def extract(
    inputs: list[str],
    format: str = "json",
    output: str | None = None,
    wide: bool = False,
    bom: bool = False,
    encoding: str | None = None,
    jobs: int | None = None,
    glob: list[str] | None = None,
    errors: str | None = None,
    skip_existing: bool = False,
    unordered: bool = False,
    keep_non_reports: bool = False,
    quiet: bool = False,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
) -> int:
    """Extract metadata and every figure: one page, or a whole crawl into one dataset; the exit code.  The
    parameters are ``suqian-report extract``'s options, with the same defaults."""
    import os
    import time

    from ..corpus.batch import run_many
    from ..write import OutputError, writer_for

    paths, skipped = pages(inputs, tuple(glob or ()), quiet)
    many = len(paths) > 1 or len(inputs) > 1 or any(i.startswith("@") for i in inputs)
    jobs = (0 if many else 1) if jobs is None else jobs
    jobs = jobs or os.cpu_count() or 1
    if skip_existing and format not in ("jsonl", "sqlite"):
        err("--skip-existing reads a JSONL or SQLite output: use --format jsonl or sqlite with -o FILE")
        raise Stop(EXIT_USAGE)
    try:
        writer = writer_for(format, output, wide=wide, many=many, bom=bom, resume=skip_existing)
    except OutputError as e:
        err(str(e))
        raise Stop(EXIT_USAGE if "needs an output file" in str(e) or "--wide" in str(e) else EXIT_INPUT) from None
    except OSError as e:
        err(f"cannot write {output}: {e.strerror or e}")
        raise Stop(EXIT_INPUT) from None
    counts = _Counts()
    log = _ErrorLog(errors) if errors else None
    for entry in skipped:
        counts.note("by_name" if entry.kind == "not_a_page" else entry.kind)
        if log:
            log.write({"path": entry.path, "kind": entry.kind, "message": entry.message})
    progress = _progress(len(paths), quiet)
    task = progress.add_task("extract", total=len(paths), rate="", failed="") if progress else None
    started = time.perf_counter()
    closed = False  # the writer finished or aborted: nothing left to clean up
    try:
        with writing(output):
            if progress:
                progress.start()
            skip = writer.existing() if skip_existing else set()
            outcomes = run_many(
                paths,
                writer.formatter,
                encoding=encoding,
                jobs=jobs,
                ordered=not unordered,
                skip=skip,
                keep_non_reports=keep_non_reports or not many,
                max_bytes=max_bytes,
                timeout=timeout or None,
            )
            for outcome in outcomes:
                if outcome.ok:
                    writer.write(outcome.payload)
                    counts.reports += 1
                else:
                    counts.note(outcome.kind)
                    if log and outcome.kind != "existing":
                        log.write(outcome.to_dict())
                    elif not quiet and outcome.kind not in _Counts.SKIPPED:
                        err(outcome.error or outcome.path)  # (skipped inputs are counted in the final line)
                if progress:
                    elapsed = time.perf_counter() - started
                    progress.update(
                        task,
                        advance=1,
                        rate=f"{counts.done / max(elapsed, 1e-9):.0f} pages/s",
                        failed=f"{counts.failed} failed" if counts.failed else "",
                    )
            if progress:
                progress.stop()
            if counts.reports == 0 and not skip_existing and output not in (None, "-"):
                closed = True
                writer.abort()
                if log:
                    log.finish()
                err("no input could be processed; no output file written")
                raise Stop(EXIT_INPUT)
            closed = True
            writer.finish()
    except KeyboardInterrupt:
        if progress:
            progress.stop()
        closed = True
        writer.interrupted()
        if log:
            log.finish()
        where = f" in {output}" if output not in (None, "-") else ""
        sys.stderr.write(
            f"Interrupted: {counts.line()}; the {counts.reports} finished are kept{where}. "
            + (
                "Run the same command with --skip-existing to go on.\n"
                if format in ("jsonl", "sqlite") and output
                else "\n"
            )
        )
        raise Stop(EXIT_INTERRUPTED) from None
    except BaseException:  # a failed write (a Stop from writing) or anything else: no partial file
        if not closed:
            writer.abort()
            if log:
                log.abort()
        raise
    if log:
        log.finish()
    if many:
        sys.stderr.write(counts.line() + "\n")
    return EXIT_INPUT if counts.failed else EXIT_OK


class _Counts:
    """What became of the inputs, for the final line."""

    SKIPPED = {
        "by_name": "not pages by their name",
        "duplicate": "duplicates",
        "not_a_report": "not reports",
        "existing": "already in the output",
    }

    def __init__(self) -> None:
        self.reports = self.failed = 0
        self.skipped: dict[str, int] = {}

    def note(self, kind: str | None) -> None:
        if kind in self.SKIPPED:
            self.skipped[kind] = self.skipped.get(kind, 0) + 1
        else:
            self.failed += 1

    @property
    def done(self) -> int:
        return self.reports + self.failed + sum(self.skipped.values())

    def line(self) -> str:
        n = sum(self.skipped.values())
        why = ", ".join(
            f"{self.skipped[k]} {label}" if len(self.skipped) > 1 else label
            for k, label in self.SKIPPED.items()
            if k in self.skipped
        )
        return f"{self.reports} report{'s' if self.reports != 1 else ''}, {self.failed} failed" + (
            f", {n} skipped ({why})" if n else ""
        )


class _ErrorLog:
    """``--errors FILE``: one JSON line per input that gave no report, written whole at the end."""

    def __init__(self, path: str):
        from ..write.files import TextWriter

        self.out = TextWriter(path)

    def write(self, entry: dict) -> None:
        import json

        self.out.stream.write(
            json.dumps({k: entry.get(k) for k in ("path", "kind", "message")}, ensure_ascii=False) + "\n"
        )

    def finish(self) -> None:
        self.out.finish()

    def abort(self) -> None:
        self.out.abort()
