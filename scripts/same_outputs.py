"""Do two versions of the package give the same outputs?  Every report's JSON and its whole repair log.

    python scripts/same_outputs.py --against 0b3a508                  # the sample, the fixtures
    python scripts/same_outputs.py --against main ../shared/corpus ../shared/corpus-full

A change meant to make the tool faster must not change what it says: this runs every page through the
working tree and through a checkout of ``--against`` (a commit, made with ``git worktree`` in a temporary
directory), and lists the pages whose report (``to_dict``, as JSON) or repair log (every event, with its raw
position) differ.  The goldens check a few pages' JSON; this checks the log too, on as many pages as you give.
Exit 0 when all are the same, 1 when some differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = {".txt", ".html", ".htm", ".md", ".pdf", ".docx", ".gz"}


@contextmanager
def checkout(commit: str, where: Path) -> Iterator[Path]:
    """A checkout of ``commit`` at ``where`` (a ``git worktree``), removed afterwards."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), commit], check=True, capture_output=True
    )
    try:
        yield where
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)], capture_output=True)


def pages(folders: list[Path]) -> list[Path]:
    out = []
    for folder in folders:
        found = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        out += [p for p in found if p.suffix.lower() in SUFFIXES and p.name != "README.md"]
    return out


def digests(files: list[str]) -> dict[str, str]:
    """Run in the version being checked (its package first on sys.path): a digest of each page's outputs."""
    from suqian_report.core.errors import InputError
    from suqian_report.pipeline import extract_file

    out = {}
    for f in files:
        try:
            report = extract_file(f)
        except InputError as e:
            out[f] = f"error: {e.kind}: {e}"
            continue
        except Exception as e:  # a crash is an output too, and must not differ either
            out[f] = f"crash: {type(e).__name__}: {e}"
            continue
        body = json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
        log = "\n".join(repr(e) for e in report.repair_log)
        out[f] = hashlib.sha256(f"{body}\n{log}".encode()).hexdigest()
    return out


def run_in(tree: Path, files: list[str]) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = "import json, sys; sys.path.insert(0, sys.argv[1]); import same_outputs as s; "
    code += "print(json.dumps(s.digests(json.load(sys.stdin))))"
    p = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent)],
        input=json.dumps(files),
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )
    if p.returncode != 0:
        raise SystemExit(f"the version in {tree} failed: {p.stderr.strip().splitlines()[-1:]}")
    return json.loads(p.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", type=Path, nargs="*", help="pages or folders (default: samples/ and tests/fixtures/)")
    ap.add_argument("--against", required=True, help="the commit to compare the working tree with")
    args = ap.parse_args()
    files = [str(p.resolve()) for p in pages(args.folders or [ROOT / "samples", ROOT / "tests" / "fixtures"])]
    with tempfile.TemporaryDirectory() as tmp, checkout(args.against, Path(tmp) / "other") as other:
        theirs = run_in(other, files)
    ours = run_in(ROOT, files)
    differ = [f for f in files if ours[f] != theirs[f]]
    for f in differ:
        print(f"differs: {f}\n   {args.against}: {theirs[f][:100]}\n   working tree: {ours[f][:100]}")
    print(f"{len(files)} pages, {len(differ)} differ from {args.against}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
