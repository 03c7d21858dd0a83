"""Many pages at once: expand inputs, run the pipeline (in parallel when asked), keep going past bad files.

Workers format their own output (JSON text, CSV rows) so that only strings
cross process boundaries.  Results come back in input order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .errors import InputError

PAGE_SUFFIXES = frozenset({".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".gz", ".jsp", ".asp", ".aspx",
                           ".php", ".md", ""})
_SKIP_NAMES = frozenset({"readme.md", "manifest.tsv", "license", "license.md", "changelog.md"})


def expand(inputs: list[str], skipped: list[str] | None = None) -> list[str]:
    """Files as given; directories walked for page files (sorted, hidden files skipped).  Files in a directory
    that are not pages by their suffix (images, Office documents) are added to ``skipped``, if given."""
    out: list[str] = []
    for item in inputs:
        p = Path(item)
        if item != "-" and p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    fp = Path(root, name)
                    if name.startswith(".") or name.lower() in _SKIP_NAMES:
                        continue
                    if fp.suffix.lower() in PAGE_SUFFIXES:
                        out.append(str(fp))
                    elif skipped is not None:
                        skipped.append(str(fp))
        else:
            out.append(item)
    return out


@dataclass
class Outcome:
    path: str
    payload: object = None  # whatever the formatter returned
    error: str | None = None


def run_one(args: tuple[str, Callable | None, str | None]) -> Outcome:
    """One page: its report (passed through ``formatter`` if given), or the one-line error that says why not."""
    path, formatter, encoding = args
    from .pipeline import extract_file

    try:
        report = extract_file(path, encoding=encoding)
        return Outcome(path, formatter(report) if formatter else report)
    except InputError as e:
        return Outcome(path, error=str(e) if e.source else f"{path}: {e.message}")
    except RecursionError:
        return Outcome(path, error=f"{path}: page structure too deeply nested to read")
    except MemoryError:
        return Outcome(path, error=f"{path}: out of memory reading this page")
    except Exception as e:  # a page that trips a bug must not stop the batch or show a traceback
        return Outcome(path, error=f"{path}: internal error ({type(e).__name__}: {e}); please report this page")


def run_many(paths: list[str], formatter: Callable, encoding: str | None = None, jobs: int = 1) -> Iterator[Outcome]:
    """Yield one :class:`Outcome` per path, in order.  ``formatter`` must be a picklable module-level function."""
    work = [(p, formatter, encoding) for p in paths]
    if jobs == 1 or len(paths) < 4 or "-" in paths:
        for w in work:
            yield run_one(w)
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    with ctx.Pool(processes=jobs) as pool:
        yield from pool.imap(run_one, work, chunksize=4)
