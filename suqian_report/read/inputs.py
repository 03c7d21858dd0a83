"""What a run reads: files, folders (walked), lists of paths (``@FILE``) and stdin (``-``), and what it leaves
out, each with the reason.

Folders are walked recursively in sorted order, hidden entries left out; a symlink loop or an unreadable folder
is reported, never fatal.  ``globs`` keep only the files of a folder whose name matches one of them; files named
on the command line are always read.  Pictures in a folder are left out unless a glob names them.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass

PAGE_SUFFIXES = frozenset(
    {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml", ".gz", ".jsp", ".asp", ".aspx", ".php", ".md", ""}
    | {".pdf", ".docx", ".doc"}
)
# Pictures are pages only when named: a crawl's folders hold far more icons and photos than scanned reports, and
# each picture read costs OCR time.  Named on the command line, or matched by a glob, a picture is read by OCR.
PICTURE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"})
_SKIP_NAMES = frozenset({"readme.md", "manifest.tsv", "license", "license.md", "changelog.md"})


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry of an input folder or list that is not read, and why (``kind`` as in errors.ERROR_KINDS)."""

    path: str
    kind: str
    message: str


def expand(inputs: list[str], globs: tuple[str, ...] = (), skipped: list[Skipped] | None = None) -> list[str]:
    """The page paths the inputs name, in order.  What is left out goes to ``skipped``, if given."""
    out: list[str] = []
    skipped = [] if skipped is None else skipped
    for item in inputs:
        if item.startswith("@") and len(item) > 1:
            out += expand(_listed(item[1:], skipped), globs, skipped)
        elif item != "-" and os.path.isdir(item):
            out += _walk(item, globs, skipped)
        else:
            out.append(item)
    return out


def _listed(path: str, skipped: list[Skipped]) -> list[str]:
    """The paths a list file names, one per line; blank lines and lines starting with # left out."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as f:
            text = f.read()
    except OSError as e:
        skipped.append(Skipped(f"@{path}", "unreadable", f"cannot read the list: {e.strerror or e}"))
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _walk(root: str, globs: tuple[str, ...], skipped: list[Skipped]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()

    def unreadable(err: OSError) -> None:
        skipped.append(Skipped(err.filename or root, "unreadable", f"cannot read the folder: {err.strerror or err}"))

    for here, dirs, files in os.walk(root, followlinks=True, onerror=unreadable):
        real = os.path.realpath(here)
        if real in seen:
            skipped.append(Skipped(here, "unreadable", "a symbolic link back into a folder already walked (a loop)"))
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(here, name)
            if name.startswith(".") or name.lower() in _SKIP_NAMES:
                continue
            if globs:
                if any(fnmatch.fnmatch(name, g) for g in globs):
                    out.append(path)
            elif os.path.splitext(name)[1].lower() in PAGE_SUFFIXES:
                out.append(path)
            elif os.path.splitext(name)[1].lower() in PICTURE_SUFFIXES:
                skipped.append(Skipped(path, "not_a_page", "a picture (read when named, or matched by --glob)"))
            else:
                skipped.append(Skipped(path, "not_a_page", "not a page by its name"))
    return out
