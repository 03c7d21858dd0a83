"""Assess a region: text reuse year over year, tables unchanged, findings that point to their text, a score from
written weights and a rank within each group; from pages, JSON Lines and SQLite alike; the office's report as HTML
(in a real Chromium) and as a Word document.  The series are tests/fixtures/series/ (build_series.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from suqian_report.corpus.compare import compare, entries_for
from suqian_report.corpus.region import assess, region_of
from suqian_report.corpus.reuse import reuse, sentences
from suqian_report.rules.assessment import WEIGHTS

from .conftest import FIXTURES, ROOT, needs_browser

SERIES = FIXTURES / "series"
ARTIFACTS = ROOT / "test-artifacts"


def cli(*args: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "suqian_report", *args], capture_output=True, env=env, cwd=ROOT, **kw)


@pytest.fixture(scope="module")
def result():
    return assess(entries_for([str(SERIES)], jobs=1))


def of(result, town: str, year: int = 2022) -> dict:
    return next(r for r in result["reports"] if town in r["publisher"] and r["report_year"] == year)


# ---------------------------------------------------------------- text reuse


def test_a_copy_with_new_numbers_repeats_its_text_and_a_rewrite_does_not(result):
    copied, rewritten = of(result, "甲镇")["reuse"], of(result, "乙镇")["reuse"]
    assert copied["previous_year"] == 2021 and copied["text"] >= 0.9
    assert rewritten["text"] <= 0.2
    assert set(copied["sections"]) >= {"一、总体情况", "五、存在的主要问题及改进情况"}


def test_passages_point_to_both_texts(result):
    entries = {(e.body, e.year): e for e in entries_for([str(SERIES)], jobs=1)}
    r = of(result, "甲镇")
    later, earlier = entries[(r["publisher"], 2022)].text, entries[(r["publisher"], 2021)].text
    assert r["reuse"]["passages"]
    for p in r["reuse"]["passages"]:
        a, b = p["span"]
        assert later[a:b].strip() == p["text"]
        x, y = p["previous_span"]
        assert earlier[x:y].strip()  # (the words, with last year's numbers)


def test_reuse_compares_words_not_numbers_headings_or_tables():
    before = "一、总体情况\n2021年，全镇主动公开政府信息1200条，受理申请36件，全部按时答复。\n规章 | 0 | 0 | 0"
    after = "一、总体情况\n2022年，全镇主动公开政府信息1480条，受理申请51件，全部按时答复。\n规章 | 1 | 0 | 1"
    r = reuse(after, before)
    assert r.text == 1.0 and r.sections == {"一、总体情况": 1.0}
    assert [s.words for s in sentences(after)] == ["年全镇主动公开政府信息条受理申请件全部按时答复。"]
    other = "一、总体情况\n本年度我镇依托门户网站发布政策文件，解读材料同步上线，群众满意度有所提升。"
    assert reuse(other, before).text == 0.0
    assert reuse("一、总体情况", before).text is None  # nothing to weigh


# ---------------------------------------------------------------- findings


def kinds(r: dict) -> list[str]:
    return [f["kind"] for f in r["findings"]]


def test_a_table_identical_to_last_years_is_a_finding(result):
    r = of(result, "丙镇")
    assert r["tables_unchanged"] == ["表二"] and "table_unchanged" in kinds(r)
    assert of(result, "乙镇")["tables_unchanged"] == []


def test_published_after_the_deadline(result):
    late = next(f for f in of(result, "丁镇")["findings"] if f["kind"] == "late")
    assert late["evidence"]["deadline"] == "2023-03-31" and late["evidence"]["publish_date"] == "2023-04-15"
    assert "late" not in kinds(of(result, "乙镇"))


def test_a_section_left_out(result):
    missing = [f for f in of(result, "戊镇")["findings"] if f["kind"] == "missing_part"]
    assert [f["evidence"]["part"] for f in missing] == ["五、存在的主要问题及改进情况"]


def test_a_continuity_break(result):
    breaks = [f for f in of(result, "己镇")["findings"] if f["kind"] == "continuity_break"]
    assert {f["evidence"]["key"] for f in breaks} == {"requests.carried_in.natural_person", "requests.carried_in.total"}
    assert all(f["evidence"]["expected"] != f["evidence"]["found"] for f in breaks)
    assert "continuity_break" not in kinds(of(result, "乙镇"))


def test_a_townships_region_is_its_county():
    assert region_of("泗阳县某镇", "township") == "泗阳县"
    assert region_of("宿迁市宿城区", "district") == "宿迁市"
    assert region_of("泗阳县", "department") == "泗阳县"
    assert region_of("泗阳县", "county") == "泗阳县"  # nothing above it named


# ---------------------------------------------------------------- the score and the rank, by hand


def _report(name: str, *, on_time: bool, missing: int, passed: int, failed: int) -> dict:
    required = [f"part {i}" for i in range(9)]
    return {
        "schema_version": "1.5",
        "source": {"path": f"{name}.html", "sha256": name},
        "metadata": {
            "publisher": name,
            "level": "department",
            "region": "某市",
            "report_year": 2022,
            "format": "template_2021",
            "publish_date": "2023-01-10" if on_time else "2023-02-10",
        },
        "figures": [],
        "checks": [{"name": f"check {i}", "status": "fail", "inputs": []} for i in range(failed)],
        "assessment": {
            "timeliness": "pass" if on_time else "fail",
            "deadline": "2023-01-31",
            "completeness": "fail" if missing else "pass",
            "required": required,
            "missing": required[:missing],
            "checks_passed": passed,
            "checks_failed": failed,
        },
        "text": "",
    }


REGION = [  # (name, on time, parts missing of 9, checks passed, failed)
    ("某市甲局", True, 0, 10, 0),
    ("某市乙局", False, 0, 10, 0),
    ("某市丙局", True, 2, 10, 0),
    ("某市丁局", True, 0, 8, 2),
    ("某市戊局", False, 3, 5, 5),
    ("某市己局", True, 1, 9, 1),
    ("某市庚局", False, 0, 9, 1),
    ("某市辛局", True, 0, 10, 0),
]


def test_eight_bodies_ranked_by_the_weights(tmp_path):
    """No previous year: the score is 100 × (20·on time + 25·parts + 20·checks) / 65, worked out here by hand."""
    assert (WEIGHTS["timeliness"], WEIGHTS["completeness"], WEIGHTS["consistency"]) == (20, 25, 20)
    jsonl = tmp_path / "region.jsonl"
    jsonl.write_text(
        "".join(
            json.dumps(_report(n, on_time=t, missing=m, passed=p, failed=f), ensure_ascii=False) + "\n"
            for n, t, m, p, f in REGION
        ),
        encoding="utf-8",
    )
    got = {r["publisher"]: (r["score"], r["rank"]) for r in assess(entries_for([str(jsonl)]))["reports"]}
    expected_scores = {
        "某市甲局": 100.0,  # (20 + 25 + 20) / 65
        "某市乙局": 69.2,  # (0 + 25 + 20) / 65 = 0.6923
        "某市丙局": 91.5,  # (20 + 25·7/9 + 20) / 65 = 59.444 / 65 = 0.9145
        "某市丁局": 93.8,  # (20 + 25 + 20·0.8) / 65 = 61 / 65 = 0.9385
        "某市戊局": 41.0,  # (0 + 25·6/9 + 20·0.5) / 65 = 26.667 / 65 = 0.4103
        "某市己局": 92.6,  # (20 + 25·8/9 + 20·0.9) / 65 = 60.222 / 65 = 0.9265
        "某市庚局": 66.2,  # (0 + 25 + 20·0.9) / 65 = 43 / 65 = 0.6615
        "某市辛局": 100.0,
    }
    assert {n: s for n, (s, _r) in got.items()} == expected_scores
    ranks = {n: r for n, (_s, r) in got.items()}
    assert ranks == {
        "某市甲局": 1,
        "某市辛局": 1,  # the same score: the same rank
        "某市丁局": 3,
        "某市己局": 4,
        "某市丙局": 5,
        "某市乙局": 6,
        "某市庚局": 7,
        "某市戊局": 8,
    }


# ---------------------------------------------------------------- pages, JSONL and SQLite alike


def test_the_same_from_pages_jsonl_and_sqlite(tmp_path, result):
    jsonl, db = tmp_path / "series.jsonl", tmp_path / "series.db"
    assert cli("extract", str(SERIES), "-f", "jsonl", "-o", str(jsonl), "-j", "1").returncode == 0
    assert cli("extract", str(SERIES), "-f", "sqlite", "-o", str(db), "-j", "1").returncode == 0

    def essence(res):
        return sorted(
            (
                r["publisher"],
                r["report_year"],
                r["score"],
                r["rank"],
                (r["reuse"] or {}).get("text"),
                tuple(r["tables_unchanged"]),
                tuple(sorted(kinds(r))),
            )
            for r in res["reports"]
        )

    assert essence(assess(entries_for([str(jsonl)]))) == essence(result)
    assert essence(assess(entries_for([str(db)]))) == essence(result)


def test_compare_lists_the_reuse_of_each_year(result):
    out = compare(entries_for([str(SERIES)], jobs=1), body="泗阳县甲镇人民政府")
    (pair,) = out["reuse"]
    assert (pair["year"], pair["previous_year"]) == (2022, 2021) and pair["text"] >= 0.9
    assert pair["tables"]["表二"] == {"unchanged": 10, "changed": 0, "added": 0, "removed": 0}  # copied whole
    assert pair["tables"]["表三"]["changed"] > 0 and pair["tables_unchanged"] == ["表二"]


# ---------------------------------------------------------------- the command


def test_assess_json_is_the_contract():
    p = cli("assess", str(SERIES), "--format", "json", "-j", "1")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert out["weights"] == WEIGHTS
    r = next(r for r in out["reports"] if "甲镇" in r["publisher"] and r["report_year"] == 2022)
    for field in ("publisher", "report_year", "score", "rank", "reuse", "tables_unchanged", "findings"):
        assert field in r
    assert set(r["reuse"]) >= {"previous_year", "text", "sections", "passages"}
    assert set(r["reuse"]["passages"][0]) == {"text", "span", "previous_span"}
    assert 0 <= r["reuse"]["text"] <= 1 and isinstance(r["rank"], int)
    assert all(set(f) == {"kind", "message", "evidence"} for f in r["findings"])


def test_assess_by_year_table_and_csv():
    p = cli("assess", str(SERIES), "--by", "year", "-j", "1")
    assert p.returncode == 0 and "泗阳县乙镇人民政府" in p.stdout.decode() and "weighted mean" in p.stdout.decode()
    p = cli("assess", str(SERIES), "--format", "csv", "-j", "1")
    lines = p.stdout.decode().splitlines()
    assert lines[0].startswith("region,level,year,rank,publisher,report_year,score,timeliness") and len(lines) == 13
    assert cli("assess", str(SERIES), "--format", "docx").returncode == 2  # a Word file needs -o


def test_the_office_report_as_a_word_document(tmp_path):
    from docx import Document

    out = tmp_path / "region.docx"
    p = cli("assess", str(SERIES), "-o", str(out), "-j", "1")
    assert p.returncode == 0, p.stderr
    doc = Document(str(out))
    headings = [par.text for par in doc.paragraphs if par.style.name.startswith("Heading")]
    assert "Ranking" in headings and "Weights" in headings
    assert any(h.startswith("泗阳县丁镇人民政府 2022") for h in headings)
    ranking = doc.tables[0]
    assert len(ranking.rows) == 13 and [c.text for c in ranking.rows[0].cells][:2] == ["rank", "body"]
    bullets = [par.text for par in doc.paragraphs if par.style.name == "List Bullet"]
    assert any(b.startswith("[late] published 2023-04-15") for b in bullets)


def test_the_office_report_as_html_links_each_finding_to_its_evidence(tmp_path):
    from bs4 import BeautifulSoup

    out = tmp_path / "region.html"
    p = cli("assess", str(SERIES), "-o", str(out), "-j", "1")
    assert p.returncode == 0, p.stderr
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "lxml")
    assert len(soup.select("#ranking tbody tr")) == 12 and len(soup.select("#heatmap tbody tr")) == 12
    assert not soup.select("link, img, iframe, script")
    links = [a["href"] for a in soup.select("section a") if "#at-" in a["href"] or "#fig-" in a["href"]]
    assert links
    for href in links:
        page, anchor = href.split("#")
        target = BeautifulSoup((tmp_path / page).read_text(encoding="utf-8"), "lxml")
        assert target.find(id=anchor) is not None, href


@pytest.mark.browser
@needs_browser
def test_the_office_report_in_chromium(browser, tmp_path):
    out = tmp_path / "region.html"
    assert cli("assess", str(SERIES), "-o", str(out), "-j", "1").returncode == 0
    tab = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, requests = [], []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    tab.goto(out.as_uri())
    assert tab.locator("#ranking tbody tr").count() == 12
    cell = tab.locator("#heatmap tbody tr td").nth(1)
    assert cell.evaluate("el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / "assess-region.png"), full_page=False)
    # a finding's link opens the evidence view at its passage
    tab.locator("section a[href*='#at-']").first.click()
    tab.wait_for_load_state()
    assert tab.url.split("#")[1].startswith("at-") and tab.locator("mark.passage:target").count() == 1
    tab.screenshot(path=str(ARTIFACTS / "assess-evidence.png"))
    assert errors == [] and requests == []
    tab.close()


def test_one_report_against_the_year_before():
    from suqian_report import extract_file
    from suqian_report.corpus.reuse import against_previous

    later, earlier = extract_file(SERIES / "3-bing-2022.txt"), extract_file(SERIES / "3-bing-2021.txt")
    found = against_previous(later, earlier)
    assert later.to_dict()["assessment"]["reuse"] == found
    assert found["previous_year"] == 2021 and found["text"] >= 0.9 and found["tables_unchanged"] == ["表二"]
    assert extract_file(SERIES / "3-bing-2021.txt").assessment.reuse is None  # only when the year before is given
