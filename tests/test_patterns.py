"""Patterns searched from their start characters find exactly what the engine finds trying every position."""

import importlib
import pickle
import pkgutil
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import suqian_report
from suqian_report.core.patterns import Started
from suqian_report.rules.lazy import lazy


def _started() -> list[tuple[str, Started]]:
    found: dict[int, tuple[str, Started]] = {}

    def visit(name: str, value, depth: int = 0) -> None:
        if isinstance(value, Started):
            found[id(value)] = (name, value)
        elif isinstance(value, (tuple, list)) and depth < 3:
            for i, v in enumerate(value):
                visit(f"{name}[{i}]", v, depth + 1)
        elif isinstance(value, dict) and depth < 3:
            for k, v in value.items():
                visit(f"{name}[{k!r}]", v, depth + 1)

    for info in pkgutil.walk_packages(suqian_report.__path__, "suqian_report."):
        if info.name.endswith(("__main__", ".dask", "pdfpage", "wordpage", ".cli")):
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            visit(f"{info.name}.{attr}", value)
    return sorted(found.values(), key=lambda x: x[0])


STARTED = _started()
# What the patterns are about, and what stands around it on a page: single characters and whole fragments, so
# that random text holds matches, near-matches and matches cut short.
CHARS = "報告政府信息公開县区市a0123456789１２年月日号第令〔〕[]（）()-/.:：,，。；、 \n@约近超过大将逾余多万亿一二三十百零两件次个人%％－．＠?\ufffd"
FRAGMENTS = (
    "報(bào)",
    "告（gào）",
    "們(men)",
    "報(b?o)",
    "2013年1月1日",
    "201311日",
    "20131日",
    "2013年1231日",
    "12月31日",
    "2014-03-04",
    "2013—2014年",
    "10:30",
    "0527-84368000",
    "(0527)8436",
    "13912345678",
    "400-123-4567",
    "邮编223800",
    "ABCD/2014-00083",
    "〔2021〕3号",
    "令第5号",
    "第12号",
    "约6,721件",
    "近1.5万人次",
    "二十九件",
    "超过三百份",
    "１２３",
    "\u3000",
    "3－4",
    "a．b",
    "5％",
    "x＠y",
    "name163.com",
    "12345qq.com",
    "37区",
    "3县7区",
    "??",
    "索引号：",
    "索 引 号",
    "索引�",
    "| 发布日期 ",
    "分类:",
    "•主题分类",
)


def _text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(tuple(CHARS) + FRAGMENTS), max_size=12).map("".join)


def test_the_package_has_started_patterns():
    names = [n for n, _ in STARTED]
    assert any(n.endswith("numbers._ARABIC") for n in names) and len(names) >= 10, names


@pytest.mark.parametrize("name,pattern", STARTED, ids=[n for n, _ in STARTED])
def test_started_finds_what_finditer_finds(name, pattern):
    @settings(max_examples=400, deadline=None)
    @given(_text(), st.integers(0, 5))
    def check(text, pos):
        pos = min(pos, len(text))
        expected = [(m.span(), m.groups()) for m in pattern.pattern.finditer(text, pos)]
        assert [(m.span(), m.groups()) for m in pattern.finditer(text, pos)] == expected
        first = pattern.search(text, pos)
        assert (first.span() if first else None) == (expected[0][0] if expected else None)

    check()


def test_started_matches_on_real_text():
    # a date, a phone number, an approximate count and a Chinese numeral count, as pages write them
    from suqian_report.extractors.numbers import scan

    nums = scan("2013年1月1日起，受理申请约6,721件，电话0527-84368000，复议二十九件。")
    assert [(n.raw_text, n.reason, n.value, n.unit) for n in nums] == [
        ("2013年1月1日", "date", None, None),
        ("6,721", None, 6721, "件"),
        ("0527-84368000", "phone", None, None),
        ("二十九", None, 29, "件"),
    ]


def test_a_lazy_pattern_compiles_on_first_use_and_then_is_the_compiled_pattern():
    p = lazy(r"(?P<n>\d+(?:,\d{3})*)\s?件", re.M)
    assert p.pattern == r"(?P<n>\d+(?:,\d{3})*)\s?件"  # its source, without compiling it
    assert "search" not in vars(p)
    compiled = re.compile(p.pattern, re.M)
    text = "收到申请6,721件，\n复议29 件，诉讼0件"
    assert [m.group("n") for m in p.finditer(text)] == ["6,721", "29", "0"]
    assert "search" in vars(p)  # compiled once, its methods held
    assert p.sub("#", text) == compiled.sub("#", text)
    assert p.search(text, 12).span() == compiled.search(text, 12).span()
    assert (p.groupindex, p.groups, p.flags) == (compiled.groupindex, compiled.groups, compiled.flags)
    assert pickle.loads(pickle.dumps(lazy("[一二三]、"))).match("二、").group(0) == "二、"
    assert lazy(rb"charset=([\w-]+)").search(b"<meta charset=gb2312>").group(1) == b"gb2312"


def test_importing_the_package_compiles_no_pattern_of_its_own():
    # a run compiles the rules its pages reach, when they reach them: importing compiles none
    code = (
        "import inspect, re\n"
        "calls = []\n"
        "compile_ = re.compile\n"
        "def counting(pattern, flags=0):\n"
        "    caller = inspect.currentframe().f_back.f_globals.get('__name__', '')\n"
        "    if caller.startswith('suqian_report'):\n"
        "        calls.append(f'{caller}: {str(pattern)[:40]}')\n"
        "    return compile_(pattern, flags)\n"
        "re.compile = counting\n"
        "import suqian_report.stages, suqian_report.write, suqian_report.corpus.batch, suqian_report.cli.commands\n"
        "print(calls)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
