"""Hostile and broken input: every input gets a report (possibly partial, with warnings) or a one-line error
naming the file, in bounded time, and a batch survives all of them."""

import gzip
import io
import json
import os
import random
import subprocess
import sys
import zipfile

import pytest

from .conftest import FIXTURES, ROOT, SEED
from .damage import traditional_tw

REPORT = (
    "某县人民政府2021年政府信息公开工作年度报告\n\n一、总体情况\n\n2021年，全县主动公开政府信息1225条，"
    "受理政府信息公开申请36件。\n\n二、其他\n\n本年度未发生行政复议。"
)
HTML = (
    f"<html><head><title>某县2021年政府信息公开工作年度报告</title></head><body><p>{REPORT}</p>"
    "<table><tr><td>行政许可</td><td>13</td></tr><tr><td>行政处罚</td><td>7</td></tr></table></body></html>"
)


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("report.txt", REPORT)
    return buf.getvalue()


def _bad(data: bytes, at: int, junk: bytes) -> bytes:
    return data[:at] + junk + data[at:]


# name → (the bytes, the exit code, what stderr says (errors) or what the report shows (0))
CATALOGUE = {
    "empty.txt": (b"", 1, "empty input"),
    "whitespace.txt": ("  \n\t\n\u3000 \r\n".encode("utf-8"), 1, "empty input"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, 1, "PNG picture"),
    "scan.pdf": (b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", 1, "PDF"),
    "archive.zip": (_zip(), 1, "ZIP archive"),
    "random.bin": (random.Random(1).randbytes(8192), 1, "not"),
    "nul-inside.txt": (REPORT.replace("主动公开", "主动\x00公开").encode(), 0, "control_chars"),
    "guide.txt": ((FIXTURES / "nonreports" / "guide-2022.txt").read_bytes(), 0, "is_report false"),
    "no-numbers.txt": (
        "某县人民政府政府信息公开工作年度报告\n\n一、总体情况\n\n全年认真落实《条例》，不断深化公开内容。".encode(),
        0,
        "no figures",
    ),
    "cut-mid-tag.html": (HTML.encode()[: HTML.encode().index(b"<table>") + 5], 0, "report"),
    "cut-mid-table.html": (HTML.encode()[: HTML.encode().index(b"<td>7")], 0, "report"),
    "cut-mid-character.txt": (REPORT.encode()[:-4], 0, "report"),
    "invalid-utf8.txt": (_bad(REPORT.encode(), 30, b"\xff\xfe\xc3"), 0, "report"),
    "invalid-gbk.txt": (_bad(REPORT.encode("gb18030"), 20, b"\x81\x20\xff"), 0, "report"),
    "invalid-big5.txt": (_bad(traditional_tw(REPORT).encode("big5"), 20, b"\xf9\xfe\x80\xff"), 0, "report"),
    "invalid-utf16.txt": (
        b"\xff\xfe" + REPORT.encode("utf-16-le")[:40] + b"\x00\xd8" + REPORT.encode("utf-16-le")[40:],
        0,
        "report",
    ),
    "wrong-charset.html": (HTML.replace("<head>", '<head><meta charset="big5">').encode("utf-8"), 0, "overruled"),
    "utf16-bom.txt": (REPORT.encode("utf-16"), 0, "report"),
    "utf16-no-bom.txt": (REPORT.encode("utf-16-le"), 0, "report"),
    "utf32-bom.txt": (REPORT.encode("utf-32"), 0, "report"),
    "utf32-no-bom.txt": (REPORT.encode("utf-32-be"), 0, "report"),
    "long-number.txt": (REPORT.replace("1225", "9" * 100_000).encode(), 0, "long_number"),
    "nested-divs.html": (
        ("<html><body>" + "<div>" * 100_000 + f"<p>{REPORT}</p>" + "</div>" * 100_000 + "</body></html>").encode(),
        0,
        "report",
    ),
    "nested-tables.html": (  # tables in tables, as old layouts nest them, deeper than a walk can go
        (
            "<html><body>"
            + "<table><tr><td>" * 2_000
            + f"<p>{REPORT}</p>"
            + "</td></tr></table>" * 2_000
            + "</body></html>"
        ).encode(),
        0,
        "report",
    ),
    "huge-title.html": (
        (
            f"<html><head><title>{'政府信息公开' * 32_000}年度报告_x</title></head><body>"
            f"<p>{REPORT.split(chr(10))[4]}</p></body></html>"
        ).encode(),
        0,
        "report",
    ),
    "bom-only.txt": (b"\xef\xbb\xbf", 1, "empty input"),
    "bomb.txt.gz": (gzip.compress(b"\x00" * (60 * 1024 * 1024)), 1, "decompressed page exceeds"),
    "wide-table.html": (
        (HTML.replace("</table>", "<tr>" + "<td>1</td>" * 10_000 + "</tr></table>")).encode(),
        0,
        "report",
    ),
}


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "suqian_report", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=600,
        input=stdin,
        env={**os.environ, "NO_COLOR": "1"},
    )


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    for name, (data, _code, _what) in CATALOGUE.items():
        (d / name).write_bytes(data)
    return d


@pytest.mark.parametrize("name", CATALOGUE)
def test_each_bad_input_gets_a_report_or_one_line(catalogue, name):
    _data, code, what = CATALOGUE[name]
    path = catalogue / name
    p = run("extract", str(path))
    err = p.stderr.decode()
    assert "Traceback" not in err
    assert p.returncode == code, err
    if code:
        assert err.count("\n") == 1 and err.startswith(f"Error: {path}: ") and what in err
        assert p.stdout == b""
        return
    report = json.loads(p.stdout)
    assert err == ""
    if what == "control_chars":
        assert "control_chars" in report["quality"]["damage"] and any(f["value"] == 1225 for f in report["figures"])
    elif what == "is_report false":
        assert report["quality"]["is_report"] is False and report["quality"]["is_report_evidence"]
    elif what == "no figures":
        assert report["figures"] == [] and report["coverage"]["numbers_in_body"] == 0
    elif what == "overruled":
        assert "overruled" in report["source"]["encoding_evidence"]
    elif what == "long_number":
        assert any(n["reason"] == "long_number" for n in report["non_figures"])
        assert {f["value"] for f in report["figures"]} >= {36}
    else:
        assert report["metadata"]["report_year"] == 2021


def test_a_page_over_the_byte_limit_is_refused_before_it_is_read_whole(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.write(REPORT.encode())
        f.write(b"x" * (51 * 1024 * 1024))
    p = run("extract", str(big))
    assert (
        p.returncode == 1
        and p.stderr.decode() == f"Error: {big}: larger than 52,428,800 bytes (--max-bytes); not read further\n"
    )
    p = run("extract", str(SEED), "--max-bytes", "1000")
    assert p.returncode == 1 and "larger than 1,000 bytes" in p.stderr.decode()
    p = run("extract", "-", "--max-bytes", "1000", stdin=SEED.read_bytes())
    assert p.returncode == 1 and p.stderr.decode().startswith("Error: <stdin>: larger than 1,000 bytes")


def test_a_page_that_runs_too_long_is_a_timeout_and_the_batch_goes_on(tmp_path):
    line = tmp_path / "one-line.txt"
    line.write_bytes((REPORT.replace("\n", "") * 30_000).encode())  # one line of about 10 MB
    errors = tmp_path / "errors.jsonl"
    p = run("extract", str(line), str(SEED), "-f", "jsonl", "--timeout", "1", "--errors", str(errors), "-j", "1")
    assert p.returncode == 1
    assert [json.loads(x)["source"]["path"] for x in p.stdout.decode().splitlines()] == [str(SEED)]
    (entry,) = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert entry["kind"] == "timeout" and entry["path"] == str(line)


def test_a_page_read_outside_the_main_thread_has_no_time_limit_and_no_error():
    """Signals time a page only in a main thread; a library user's worker thread reads pages without a limit."""
    import threading

    from suqian_report.corpus.batch import run_one

    got = []
    worker = threading.Thread(target=lambda: got.append(run_one(str(SEED), None, None, timeout=0.5)))
    worker.start()
    worker.join()
    assert got[0].ok and got[0].payload.value("proactive.total") == 114057


def test_paths_that_are_not_readable_pages(tmp_path):
    p = run("clean", str(tmp_path))
    assert p.returncode == 1 and p.stderr.decode() == f"Error: {tmp_path}: is a directory, not a page\n"
    p = run("extract", str(tmp_path / "missing.txt"))
    assert p.returncode == 1 and p.stderr.decode() == f"Error: {tmp_path / 'missing.txt'}: no such file\n"
    p = run("extract", "/proc/self/mem")  # unreadable even for root
    assert p.returncode == 1 and p.stderr.decode().startswith("Error: /proc/self/mem: cannot read: ")
    p = run("extract", str(SEED), "-o", str(tmp_path / "no" / "such" / "dir" / "out.json"))
    assert p.returncode == 1 and p.stderr.decode().startswith("Error: cannot write ")
    assert "Traceback" not in p.stderr.decode()


def test_a_batch_survives_the_whole_catalogue(catalogue, tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    for page in (FIXTURES / "clean").iterdir():
        (good / page.name).write_bytes(page.read_bytes())
    out, errors = tmp_path / "all.jsonl", tmp_path / "errors.jsonl"
    p = run("extract", str(catalogue), str(good), "-f", "jsonl", "-o", str(out), "--errors", str(errors))
    assert p.returncode == 1 and "Traceback" not in p.stderr.decode()
    written = {json.loads(x)["source"]["path"] for x in out.read_text(encoding="utf-8").splitlines()}
    assert {str(good / n.name) for n in (FIXTURES / "clean").iterdir()} <= written
    logged = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    failing = {str(catalogue / n) for n, (_d, code, _w) in CATALOGUE.items() if code}
    assert sorted(e["path"] for e in logged if e["kind"] != "not_a_report") == sorted(failing)  # each once
    assert {e["kind"] for e in logged} <= {"empty", "not_a_page", "not_a_report", "too_large"}
    reports = {str(catalogue / n) for n, (_d, code, w) in CATALOGUE.items() if not code and w != "is_report false"}
    assert reports <= written


def test_html_never_runs_in_the_evidence_view_and_nothing_is_fetched(tmp_path):
    from bs4 import BeautifulSoup

    from suqian_report import extract
    from suqian_report.write.evidence import render_report

    page = (
        '<!DOCTYPE html [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><html><head>'
        '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/"></head><body>'
        "<p>某县2021年政府信息公开工作年度报告</p><p>全年主动公开政府信息12条&x;。"
        "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;</p>"
        '<img src="http://127.0.0.1:9/pixel.png"><script src="http://127.0.0.1:9/a.js"></script></body></html>'
    )
    r = extract(page)
    view = render_report(r)
    soup = BeautifulSoup(view, "lxml")
    assert not soup.select("img, iframe, script[src], meta[http-equiv], link")
    assert len(soup.select("script")) == 1  # the view's own, inline
    assert "<script>alert(1)" not in view and "onerror=alert(2)>" not in view
    assert "&lt;script&gt;alert(1)" in view  # the page's text, shown as text


# ---------------------------------------------------------------- properties: any input, bounded time

import time  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from suqian_report import InputError, extract  # noqa: E402

_ALPHABET = st.sampled_from(
    list(
        "政府信息公开年度报告主动申请行政复议诉讼条件人次万余多约第一二三十百零、，。；：（）()《》“”|-—.% \n\t"
        "0123456789?\ufffd¤Ã鏀垮簻涓€銆"
    )
    + ["<p>", "</p>", "<td>", "<tr>", "<table>", "&nbsp;", "&#20013;", "報(bào)", "201311日", "〔2021"]
)


def _bounded(content, seconds: float) -> None:
    """extract() on any input gives a report or raises InputError, within ``seconds``."""
    start = time.perf_counter()
    try:
        extract(content)
    except InputError:
        pass
    assert time.perf_counter() - start < seconds


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(_ALPHABET, max_size=400).map("".join))
def test_any_text_gives_a_report_or_an_input_error(text):
    _bounded(HEAD_TEXT + text, 5 + len(text) * 2e-3)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=4000))
def test_any_bytes_give_a_report_or_an_input_error(data):
    _bounded(data, 5 + len(data) * 2e-3)
    _bounded(REPORT.encode() + data, 5 + len(data) * 2e-3)


_TAGS = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<table>",
        "<tr>",
        "<td rowspan=99999>",
        "<td colspan=1000000>",
        "</td>",
        "<br>",
        "<pre>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<meta charset=big5>",
        "<p",
        ">",
        "&",
        "&#x;",
        "&#99999999;",
        "<svg onload=x>",
        "<title>",
        "</title>",
        "\x00",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(_TAGS, _ALPHABET), max_size=300).map("".join))
def test_any_html_fragment_gives_a_report_or_an_input_error(fragment):
    _bounded(f"<html><body><p>{REPORT}</p>{fragment}</body></html>", 5 + len(fragment) * 2e-3)


HEAD_TEXT = "某县2020年政府信息公开工作年度报告\n\n一、总体情况\n\n全年主动公开政府信息12条。"
# What the patterns match, repeated: a pattern that retries every position of a run would be quadratic here.
RUNS = [
    "9",
    "一",
    "\t",
    "\u3000",
    "\u00a0",
    "(",
    "|",
    " | ",
    "年",
    "?",
    "\ufffd",
    "報(bào)",
    "Ã",
    "鏀垮簻",
    "1\n",
    "主动公开政府信息1条",
    "<td>1</td>",
    "<div>",
    "未收到申请",
    "0527-",
    "开云体育",
    "、",
    "1.",
    "x163.com",
    "&amp;",
]


def _time(text: str) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three: a page that is slow once on a busy machine is no quadratic
        start = time.perf_counter()
        try:
            extract(text)
        except InputError:
            pass
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit", RUNS)
def test_runs_of_what_the_patterns_match_take_linear_time(unit):
    n = max(1, 6000 // len(unit))
    small, large = _time(HEAD_TEXT + unit * n + "。"), _time(HEAD_TEXT + unit * (4 * n) + "。")
    chars = len(unit) * 4 * n
    assert large < 2 + chars * 1e-4  # a generous bound: 100 µs a character
    assert large < max(10 * small, 0.05)  # four times the input, at most ten times the time (quadratic: sixteen)
