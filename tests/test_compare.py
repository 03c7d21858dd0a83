"""Compare and assess: series of one body, bodies side by side, continuity across years, from pages, JSONL
and a database.  The series are made from the 2021 county fixture, with known numbers."""

import json
import os
import subprocess
import sys

import pytest

from suqian_report import extract
from suqian_report.corpus.compare import canonical_name, compare, entries_for

from .conftest import FIXTURES, ROOT

COUNTY = (FIXTURES / "clean" / "template-2021-county.txt").read_text(encoding="utf-8")
CARRIED = "4 | 1 | 0 | 0 | 0 | 0 | 5"


def page(year: int, name: str, proactive: int, carried_in: str, carried_out: str, normative: str) -> str:
    """The county page for another year: its name, its proactive total, the requests carried in and out
    (table 三) and its normative documents issued | repealed | in force (table 二)."""
    text = COUNTY.replace("泗阳县某镇人民政府", name).replace("12456", str(proactive)).replace("2021", str(year))
    text = text.replace(
        f"二、上年结转政府信息公开申请数量 | {CARRIED}", f"二、上年结转政府信息公开申请数量 | {carried_in}"
    )
    text = text.replace(f"四、结转下年度继续办理 | {CARRIED}", f"四、结转下年度继续办理 | {carried_out}")
    return text.replace("行政规范性文件 | 12 | 3 | 57", f"行政规范性文件 | {normative}")


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    d = tmp_path_factory.mktemp("series")
    same = "2 | 0 | 0 | 0 | 0 | 0 | 2"
    pages = {
        "a-2021.txt": page(2021, "泗阳县某镇人民政府", 12456, CARRIED, same, "12 | 3 | 57"),
        "a-2022.txt": page(2022, "泗阳县某镇政府", 13000, same, same, "10 | 2 | 65"),  # named differently
        "a-2023.txt": page(2023, "泗阳县某镇人民政府", 12000, CARRIED, same, "5 | 1 | 80"),  # two breaks planted
        "a-2025.txt": page(2025, "泗阳县某镇人民政府", 14000, same, same, "1 | 0 | 81"),  # 2024 is missing
        "b-2022.txt": page(2022, "泗阳县另一镇人民政府", 900, same, same, "0 | 0 | 4"),
    }
    for name, text in pages.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "a-2022-copy.txt").write_text(pages["a-2022.txt"], encoding="utf-8")  # the same report twice
    return d


def test_names_of_one_body():
    assert canonical_name("宿城区政府") == canonical_name("宿城区人民政府") == "宿城区人民政府"
    assert canonical_name("宿迁市政府办公室") == canonical_name("宿迁市人民政府办公室")
    assert canonical_name("宿迁市政府办") == "宿迁市人民政府办公室"
    assert canonical_name("某镇(街道)人民政府") == canonical_name("某镇（街道）人民政府")
    assert canonical_name("宿城区人民政府") != canonical_name("宿城区人民政府办公室")  # a government and its office


def test_one_body_across_years(series):
    c = compare(entries_for([series]), body="泗阳县某镇人民政府")
    (body,) = c["bodies"]
    assert body["years"] == [2021, 2022, 2023, 2025]
    assert body["aliases"] == ["泗阳县某镇人民政府", "泗阳县某镇政府"]
    rows = {(r["key"], r["year"]): r for r in c["rows"]}
    assert rows[("proactive.total", 2021)]["change"] is None
    assert (rows[("proactive.total", 2022)]["change"], rows[("proactive.total", 2022)]["change_pct"]) == (544, 4.37)
    assert rows[("proactive.total", 2023)]["change"] == -1000
    assert rows[("requests.new.total", 2022)]["value"] == 96 and rows[("requests.new.total", 2022)]["change"] == 0
    status = {(x["key"], x["from_year"]): x for x in c["continuity"]}
    assert status[("requests.carried_in.total", 2021)]["status"] == "pass"
    assert status[("requests.carried_in.total", 2022)]["status"] == "fail"  # 2022 carried out 2, 2023 says 5
    assert (
        status[("requests.carried_in.total", 2022)]["expected"],
        status[("requests.carried_in.total", 2022)]["found"],
    ) == (2, 5)
    assert status[("proactive.normative_docs.in_force", 2021)]["status"] == "pass"  # 57 + 10 - 2 = 65
    broken = status[("proactive.normative_docs.in_force", 2022)]
    assert (broken["status"], broken["expected"], broken["found"]) == ("fail", 69, 80)
    gap = status[("requests.carried_in.total", 2023)]
    assert (gap["to_year"], gap["status"]) == (2025, "not_assessable")
    assert all(len(x["sources"]) == 2 for x in c["continuity"])


def test_bodies_side_by_side_in_one_year(series):
    c = compare(entries_for([series]), year=2022, key="proactive.total")
    assert [(r["body"], r["value"]) for r in c["rows"]] == [
        ("泗阳县另一镇人民政府", 900),
        ("泗阳县某镇人民政府", 13000),
    ]


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "suqian_report", *args],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "120", "NO_COLOR": "1"},
    )


def test_pages_jsonl_and_database_give_the_same_comparison(series, tmp_path):
    jsonl, db = tmp_path / "all.jsonl", tmp_path / "all.db"
    assert _cli("extract", str(series), "-f", "jsonl", "-o", str(jsonl)).returncode == 0
    assert _cli("extract", str(series), "-f", "sqlite", "-o", str(db)).returncode == 0
    outs = []
    for src in (str(series), str(jsonl), str(db)):
        p = _cli("compare", src, "--format", "json", "--body", "泗阳县某镇人民政府")
        assert p.returncode == 0, p.stderr
        d = json.loads(p.stdout)
        for x in d["bodies"]:
            x.pop("sources")
        for x in d["rows"] + d["continuity"]:
            x.pop("source", None), x.pop("sources", None)
        outs.append(d)
    assert outs[0] == outs[1] == outs[2]
    assert len(outs[0]["bodies"]) == 1 and outs[0]["bodies"][0]["years"] == [2021, 2022, 2023, 2025]


def test_compare_table_and_csv(series):
    p = _cli("compare", str(series), "--body", "泗阳县某镇政府", "--key", "proactive.total")
    out = p.stdout.decode()
    assert p.returncode == 0
    assert "proactive.total" in out and "13,000" in out and "+544" in out and "2025" in out
    p = _cli("compare", str(series), "--format", "csv", "--key", "requests.new.total")
    lines = p.stdout.decode().splitlines()
    assert lines[0] == "key,label_zh,body,year,value,unit,change,change_pct,source,status"
    assert len(lines) == 1 + 5


def test_alias_file_joins_names_no_rule_can(series, tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("# name\tbody\n泗阳县另一镇人民政府\t泗阳县某镇人民政府\n", encoding="utf-8")
    p = _cli("compare", str(series), "--alias", str(aliases), "--format", "json", "--year", "2022")
    d = json.loads(p.stdout)
    assert [b["body"] for b in d["bodies"]] == ["泗阳县某镇人民政府"]


def test_every_report_is_assessed():
    r = extract((FIXTURES / "clean" / "template-2019-bureau.html").read_bytes())
    a = r.assessment
    assert (a.timeliness, a.deadline) == ("pass", "2020-01-31")  # a department: 31 January
    assert "第四十九条" in a.deadline_rule
    assert a.completeness == "pass" and a.missing == []
    assert a.checks_passed == sum(c.status == "pass" for c in r.checks)
    late = extract(COUNTY.replace("本报告根据", "发布日期：2022-04-02\n\n本报告根据"))
    assert late.assessment.timeliness == "fail"  # a township government: 31 March
    cut = extract(COUNTY.split("四、政府信息公开行政复议")[0])
    assert cut.assessment.completeness == "fail"
    assert "表四" in cut.assessment.missing and "六、其他需要报告的事项" in cut.assessment.missing
    old = extract(
        "某县人民政府2012年政府信息公开年度报告\n\n发布日期：2013-03-20\n\n一、主动公开\n\n全年主动公开信息12条。"
    )
    assert old.assessment.timeliness == "pass" and "第三十一条" in old.assessment.deadline_rule


def test_summary_of_a_series_draws_sparklines(series):
    p = _cli("summary", str(series))
    out = p.stdout.decode()
    line = next(x for x in out.splitlines() if x.startswith("泗阳县某镇人民政府 2021–2025"))
    assert "proactive ▃▅▁█ 12,456→14,000" in line  # 12000 is the lowest, 14000 the highest


def test_show_draws_the_series_of_one_body(series, tmp_path):
    from bs4 import BeautifulSoup

    out = tmp_path / "site"
    assert _cli("show", str(series), "-o", str(out)).returncode == 0
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "lxml")
    section = soup.select_one('section.body-series[data-body="泗阳县某镇人民政府"]')
    charts = section.select("svg.series")
    assert len(charts) == 4
    points = [(int(c["data-year"]), float(c["data-value"])) for c in charts[0].select("circle.point")]
    assert points == [(2021, 12456), (2022, 13000), (2023, 12000), (2025, 14000)]
    assert not soup.select("script[src], link, img")
