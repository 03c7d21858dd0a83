"""The README's examples are run, top to bottom, in one sandbox folder holding the files they name.

Every ```sh and ```python block runs, unless an HTML comment just before it says ``not run:`` and why (the
set-up commands, which CI runs itself, and the development commands, which run this suite).  A shell line
ending in ``# → TEXT`` must print TEXT; a Python line ``expression  # → VALUE`` must evaluate to VALUE.  The
SQL block is run by tests/test_dataset.py against a database of the fixtures.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, SEED
from .fixtures import build_documents as B
from .test_compare import CARRIED, page

README = (ROOT / "README.md").read_text(encoding="utf-8")
_BLOCK = re.compile(r"(?:<!--\s*(?P<skip>not run:[^>]*)-->\s*\n)?```(?P<lang>sh|python)\n(?P<body>.*?)```", re.S)
_EXPECT = re.compile(r"#\s*→\s*(?P<expect>.+?)\s*$")


def _blocks() -> list[tuple[str, str, str | None]]:
    return [(m["lang"], m["body"], m["skip"]) for m in _BLOCK.finditer(README)]


def _commands(body: str) -> list[str]:
    """The shell lines of a block, continuations joined."""
    out, pending = [], ""
    for line in body.splitlines():
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        line = pending + line
        pending = ""
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line)
    return out


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """The files the README's examples name: a page of each kind, a crawl (the fixtures, pages that are not
    reports, four years of one district, a Word file and a PDF), and the repository's samples/ and tests/ as a
    user's clone has."""
    d = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "samples", d / "samples")
    os.symlink(ROOT / "tests", d / "tests")
    shutil.copy(SEED, d / "page.txt")
    shutil.copy(FIXTURES / "clean" / "template-2019-bureau.html", d / "page.html")
    crawl = d / "crawl"
    shutil.copytree(FIXTURES / "clean", crawl / "clean")
    shutil.copytree(FIXTURES / "nonreports", crawl / "nonreports")
    pages = d / "pages"
    pages.mkdir()
    same = "2 | 0 | 0 | 0 | 0 | 0 | 2"
    for year, proactive, carried_in in ((2021, 12456, CARRIED), (2022, 13000, same), (2023, 12800, same)):
        text = page(year, "宿城区人民政府", proactive, carried_in, same, "12 | 3 | 57")
        (pages / f"sucheng-{year}.txt").write_text(text, encoding="utf-8")
    (pages / "shuyang-2023.txt").write_text(page(2023, "沭阳县人民政府", 20000, same, same, "9 | 1 | 40"), "utf-8")
    shutil.copytree(pages, crawl / "pages")
    documents = crawl / "documents"  # the county fixture as a Word file, and printed to PDF where Chromium is
    documents.mkdir()
    county = (FIXTURES / "clean" / "template-2021-county.txt").read_text(encoding="utf-8")
    B.to_docx(county, documents / "county.docx")
    if B.chromium():
        (d / "county.html").write_text(B.to_html(county, "county"), encoding="utf-8")
        B.print_pdf(d / "county.html", documents / "county.pdf")
    (d / "paths.txt").write_text("# the crawl, and one more page\ncrawl/\npage.html\n", encoding="utf-8")
    return d


def test_every_example_block_runs_or_says_why_not():
    blocks = _blocks()
    assert len([b for b in blocks if b[2] is None]) >= 8
    for _lang, body, skip in blocks:
        assert skip is None or len(skip) > len("not run: ") + 10, f"say why a block is not run: {body[:60]!r}"
    langs = {lang for lang, _b, skip in blocks if skip is None}
    assert langs == {"sh", "python"}


def test_the_examples_run_in_order(sandbox):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}
    env.pop("SUQIAN_REQUIRE_BROWSER", None)
    if shutil.which("jq", path=env["PATH"]) is None:
        if os.environ.get("SUQIAN_REQUIRE_BROWSER"):  # CI installs jq with chromium
            pytest.fail("jq is not installed")
        pytest.skip("jq is not installed (the README's jq example needs it)")
    namespace: dict = {}
    ran = 0
    cwd = os.getcwd()
    os.chdir(sandbox)
    try:
        for lang, body, skip in _blocks():
            if skip is not None:
                continue
            if lang == "sh":
                for command in _commands(body):
                    _run_shell(command, env, sandbox)
                    ran += 1
            else:
                ran += _run_python(body, namespace)
    finally:
        os.chdir(cwd)
    assert ran >= 30


def _run_shell(command: str, env: dict, cwd: Path) -> None:
    done = subprocess.run(
        ["bash", "-c", "set -o pipefail\n" + command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"{command}\n→ exit {done.returncode}\n{done.stderr[-2000:]}"
    expect = _EXPECT.search(command)
    if expect:
        assert expect["expect"] in done.stdout, f"{command}\nprinted:\n{done.stdout[:2000]}"


def _run_python(body: str, namespace: dict) -> int:
    """Run a block statement by statement; ``expression  # → VALUE`` lines are checked."""
    lines = body.splitlines()
    tree = ast.parse(body)
    for node in tree.body:
        source = ast.get_source_segment(body, node) or ""
        comment = lines[node.end_lineno - 1] if node.end_lineno else ""
        expect = _EXPECT.search(comment)
        if isinstance(node, ast.Expr) and expect:
            got = eval(compile(ast.Expression(node.value), "README.md", "eval"), namespace)
            want = ast.literal_eval(expect["expect"])
            assert got == want, f"{source}\n→ {got!r}, the README says {want!r}"
        else:
            exec(compile(ast.Module([node], []), "README.md", "exec"), namespace)
    return len(tree.body)


def test_the_tables_name_every_repair_kind_and_error_kind():
    from suqian_report.core.errors import ERROR_KINDS
    from suqian_report.repair import FIXERS

    for fixer in FIXERS:
        assert f"| `{fixer.kind}` | {fixer.description} |" in README, fixer.kind
    for kind in ERROR_KINDS:
        assert f"| `{kind}` |" in README, kind
