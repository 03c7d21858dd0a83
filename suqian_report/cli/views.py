"""The commands that show reports to people: ``summary`` (the terminal), ``show`` (the evidence view in a browser),
``compare`` (one body over the years, bodies side by side) and ``assess`` (a region's reports ranked, with their
findings: the report an office sends)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer

from ..core.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from ..core.limits import MAX_BYTES
from .commands import err, pages, writing
from .options import (
    AssessBy,
    AssessFormat,
    CompareFormat,
    EncodingOpt,
    GlobOpt,
    Inputs,
    JobsOpt,
    Lang,
    MaxBytesOpt,
    OutputOpt,
    SummaryFormat,
    console,
    one,
)

if TYPE_CHECKING:
    from ..core.model import Report


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

    from ..write.files import TextWriter

    paths, _skipped = pages(inputs, tuple(glob or ()))
    if where or (len(paths) == 1 and format is SummaryFormat.table):
        with writing(output), TextWriter(output) as out:
            failures = _summaries(paths, encoding, where, console(out.stream), max_bytes, lang.value)
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
            print_many(rows, console(out.stream), lang.value)
    raise typer.Exit(EXIT_INPUT if failures else EXIT_OK)


def _summaries(
    paths: list[str], encoding: str | None, where: str | None, console, max_bytes: int = MAX_BYTES, lang: str = "en"
) -> int:
    from ..write.render import print_summary, print_where

    failures = 0
    for k, path in enumerate(paths):
        report = one(path, encoding, max_bytes)
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
            report = one(paths[0], encoding, max_bytes)
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
            report = one(path, encoding, max_bytes)
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

    from ..corpus.compare import compare as run_compare
    from ..write.files import TextWriter

    if sort not in (None, "change"):
        err("--sort takes: change")
        raise typer.Exit(EXIT_USAGE)
    paths, _skipped = pages(inputs, tuple(glob or ()))
    entries, errors = _entries(paths, alias, encoding, jobs, max_bytes)
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

            print_compare(result, console(out.stream), by_change=sort == "change")
    if not result["bodies"]:
        err("no report matched" + (f" the body {body}" if body else "") + (f" in {year}" if year else ""))
        raise typer.Exit(EXIT_INPUT)
    raise typer.Exit(EXIT_INPUT if errors else EXIT_OK)


def _entries(paths: list[str], alias: str | None, encoding, jobs, max_bytes):
    """Comparison entries of every input (pages extracted on the fly, JSON Lines, databases), joined into bodies;
    each input that gives none is reported."""

    from ..corpus.compare import entries_for, read_aliases

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
    return entries, errors


def assess(
    inputs: Inputs,
    by: Annotated[
        AssessBy | None,
        typer.Option("--by", help="Rank within each region, level or year (default: within region and level)."),
    ] = None,
    format: Annotated[
        AssessFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table (the terminal), json, csv (one row per report), html (the office's report, with the "
            "evidence views beside it) or docx (the same as a Word document); -o FILE.html or FILE.docx picks "
            "html or docx.",
        ),
    ] = None,
    alias: Annotated[
        str | None, typer.Option("--alias", help="A TSV file of name<TAB>body for names no rule joins.")
    ] = None,
    encoding: EncodingOpt = None,
    jobs: JobsOpt = None,
    glob: GlobOpt = None,
    output: OutputOpt = None,
    max_bytes: MaxBytesOpt = MAX_BYTES,
) -> None:
    """Assess reports as an office reviewing a region does: on time, complete, consistent, continuing last year's
    figures, not copied from last year (text reuse, tables unchanged); a score from the weights printed with it,
    a rank within each group, and every finding pointing to its text.  Pages, JSON/JSONL written by extract, or a
    SQLite database."""
    import csv as _csv
    import io
    import json as _json

    from ..corpus.region import assess as run_assess
    from ..write.files import TextWriter

    fmt = format or (
        AssessFormat.html
        if output and output.endswith((".html", ".htm"))
        else AssessFormat.docx
        if output and output.endswith(".docx")
        else AssessFormat.table
    )
    if fmt in (AssessFormat.html, AssessFormat.docx) and not output:
        err(f"--format {fmt.value} needs an output file: -o FILE")
        raise typer.Exit(EXIT_USAGE)
    paths, _skipped = pages(inputs, tuple(glob or ()))
    entries, errors = _entries(paths, alias, encoding, jobs, max_bytes)
    if not entries:
        err("no report to assess")
        raise typer.Exit(EXIT_INPUT)
    result = run_assess(entries, by.value if by else None)
    with writing(output):
        if fmt is AssessFormat.docx:
            from ..write.office import write_docx

            assert output is not None
            tmp = output + ".part"
            try:
                write_docx(result, tmp)
                os.replace(tmp, output)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        elif fmt is AssessFormat.html:
            assert output is not None
            evidence = _evidence_pages(result, output, encoding, max_bytes)
            from ..write.office import render_html

            with TextWriter(output) as out:
                out.write(render_html(result, evidence))
        else:
            with TextWriter(output) as out:
                if fmt is AssessFormat.json:
                    out.write(_json.dumps(result, ensure_ascii=False, indent=2) + "\n")
                elif fmt is AssessFormat.csv:
                    cols = [*result["group_by"], "rank", "publisher", "report_year", "score", *result["weights"]]
                    cols += ["text_reused", "tables_unchanged", "findings", "source"]
                    buf = io.StringIO()
                    w = _csv.writer(buf, lineterminator="\n")
                    w.writerow(cols)
                    for r in result["reports"]:
                        reuse = r.get("reuse") or {}
                        w.writerow(
                            [r.get(k) for k in result["group_by"]]
                            + [r["rank"], r["publisher"], r["report_year"], r["score"]]
                            + [r["criteria"].get(k) for k in result["weights"]]
                            + [reuse.get("text"), "、".join(r["tables_unchanged"]), len(r["findings"]), r["source"]]
                        )
                    out.write(buf.getvalue())
                else:
                    from ..write.render import print_assessment

                    print_assessment(result, console(out.stream))
    raise typer.Exit(EXIT_INPUT if errors else EXIT_OK)


def _evidence_pages(result: dict, output: str, encoding, max_bytes) -> dict:
    """The evidence view of every report read from a page, written in a folder beside the office's report, each
    with the passages its findings point to marked: source → (link, table → the anchor of one of its cells)."""
    from pathlib import Path

    from ..read.inputs import expand
    from ..write.evidence import pdf_pages, render_report
    from ..write.files import TextWriter

    folder = Path(output).with_suffix("")
    folder = folder.with_name(folder.name + "_evidence")
    out: dict = {}
    used: set[str] = set()
    for r in result["reports"]:
        source = r["source"]
        if not source or not os.path.isfile(source) or source in out or not expand([source]):
            continue
        report = one(source, encoding, max_bytes)
        if report is None or report.source.sha256 is None:
            continue
        spans = [tuple(s) for f in r["findings"] for s in f["evidence"].get("spans", [])]
        spans += [tuple(p["span"]) for p in (r.get("reuse") or {}).get("passages", [])]
        name = Path(source).stem
        while name in used:
            name += "_"
        used.add(name)
        folder.mkdir(parents=True, exist_ok=True)
        with TextWriter(str(folder / f"{name}.html")) as page:
            page.write(render_report(report, pdf_pages(report), sorted(set(spans))))
        tables = {}
        for i, f in enumerate(report.figures):
            if f.cell is not None and f"表{f.cell.table}" not in tables:
                tables[f"表{f.cell.table}"] = f"fig-{i}"
        out[source] = (f"{folder.name}/{name}.html", tables)
    return out
