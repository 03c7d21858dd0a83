"""Who publishes a report, its level and its region: read from every place a reader finds them, on pages written for
these tests with invented place names (the grammar must work for places no rule lists)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from suqian_report import extract
from suqian_report.extractors import publisher
from suqian_report.extractors.publisher import parse
from suqian_report.rules import places as words

_BODY = (
    "一、总体情况\n{year}年，{speaker}认真贯彻《中华人民共和国政府信息公开条例》，全年主动公开政府信息1280条。\n"
    "二、收到和处理政府信息公开申请情况\n全年收到政府信息公开申请36件，均已按时答复。"
)


def page(title: str = "", opening: str = "", speaker: str = "我们", year: int = 2021) -> str:
    lines = [title] if title else []
    if opening:
        lines.append(opening)
    lines.append(_BODY.format(year=year, speaker=speaker))
    return "\n".join(lines)


def who(text: str) -> tuple:
    md = extract(text).metadata
    return md.publisher, md.level, md.region


# ---------------------------------------------------------------- names read by their grammar

GRAMMAR = [
    ("青川省人民政府办公厅", ("青川省",), "province"),
    ("白石市", ("白石市",), "city"),
    ("白石市松涛区人民政府", ("白石市", "松涛区"), "district"),
    ("白石市云岭县鹤鸣镇人民政府", ("白石市", "云岭县", "鹤鸣镇"), "township"),
    ("云岭县东湖街道办事处", ("云岭县", "东湖街道"), "subdistrict"),
    ("北辰旗人民政府", ("北辰旗",), "county"),
    ("海北藏族自治州人民政府", ("海北藏族自治州",), "city"),
    ("白石市青溪市人民政府", ("白石市", "青溪市"), "county"),  # a county-level city under a city
    ("北京市", ("北京市",), "province"),  # a municipality ranks as a province
    ("上海市松涛区人民政府", ("上海市", "松涛区"), "district"),
    ("白石市城市管理局", ("白石市",), "department"),  # 城市 is a word, not a unit
    ("松涛区市场监督管理局", ("松涛区",), "department"),
    ("白石市民政局", ("白石市",), "department"),
    ("白石经济技术开发区管委会", ("白石经济技术开发区",), "department"),  # a zone's committee
    ("云岭县政务公开领导小组办公室", ("云岭县",), "county"),  # compiles the government's own report
    ("白石市政府信息公开联席会议办公室", ("白石市",), "city"),
    ("云岭县人民政府办公室", ("云岭县",), "county"),  # a government's general office: its government's level
]


@pytest.mark.parametrize("name, units, level", GRAMMAR)
def test_names_are_read_by_their_grammar(name, units, level):
    body = parse(name)
    assert body is not None and body.units == units
    assert body.level() == level


@pytest.mark.parametrize("word", ["政府", "人民政府", "城市管理", "我局在县政府网站"])
def test_words_are_not_names(word):
    body = parse(word)
    assert body is None or body.is_place or body.level() == "department" and not body.units


# ---------------------------------------------------------------- where the page names its body


@pytest.mark.parametrize(
    "title, expected",
    [
        ("白石市松涛区人民政府2021年政府信息公开工作年度报告", ("白石市松涛区人民政府", "district", "白石市松涛区")),
        ("2021年度白石市城市管理局政府信息公开工作年度报告", ("白石市城市管理局", "department", "白石市")),
        ("云岭县人民政府信息公开年度报告", ("云岭县人民政府", "county", "云岭县")),
        # a place alone is that place's government, whatever its level
        ("青川省2021年政府信息公开工作年度报告", ("青川省人民政府", "province", "青川省")),
        ("白石市2025年政府信息公开工作年度报告", ("白石市人民政府", "city", "白石市")),
        ("2021年鹤鸣镇政府信息公开工作年度报告", ("鹤鸣镇人民政府", "township", "鹤鸣镇")),
        ("东湖街道2021年政府信息公开工作年度报告", ("东湖街道人民政府", "subdistrict", "东湖街道")),
        ("北京市2021年政府信息公开工作年度报告", ("北京市人民政府", "province", "北京市")),
    ],
)
def test_the_title_names_the_body(title, expected):
    assert who(page(title)) == expected


def test_a_place_alone_gives_its_deadline():
    """A city's own report is due on 31 March, a department's on 31 January (2019 条例, art. 49)."""
    r = extract(page("白石市2025年政府信息公开工作年度报告", year=2025))
    assert r.assessment.deadline == "2026-03-31"
    r = extract(page("白石市交通运输局2025年政府信息公开工作年度报告", year=2025))
    assert r.assessment.deadline == "2026-01-31"


@pytest.mark.parametrize(
    "opening, expected",
    [
        (
            "根据《条例》规定，现公布白石市松涛区人民政府2021年政府信息公开工作年度报告。",
            ("白石市松涛区人民政府", "白石市松涛区人民政府2021年政府信息公开工作年度报告"),
        ),
        (
            "根据《条例》有关要求，现将云岭县人民政府2021年政府信息公开工作年度报告予以公开。",
            ("云岭县人民政府", "云岭县人民政府2021年政府信息公开工作年度报告"),
        ),
        (
            "现向社会公布2021年度松涛区文化广电和旅游局信息公开工作年度报告。",
            ("松涛区文化广电和旅游局", "2021年度松涛区文化广电和旅游局信息公开工作年度报告"),
        ),
        (
            "依据《条例》，现公开云岭县人民政府信息公开年度报告。",
            ("云岭县人民政府", "云岭县人民政府信息公开年度报告"),
        ),
        ("根据条例规定，现公布松涛区发改局2021年度信息公开工作，报告分为六个部分。", ("松涛区发改局", None)),
    ],
)
def test_the_sentence_that_publishes_the_report_names_it(opening, expected):
    md = extract(page(opening=opening)).metadata
    assert (md.publisher, md.title if expected[1] else None) == expected


def test_a_line_under_the_title_signs_it():
    text = "政府信息公开工作年度报告\n白石高新区管委会（白石科技城管委会）\n2022年1月8日\n" + _BODY.format(
        year=2021, speaker="管委会"
    )
    assert who(text) == ("白石高新区管委会（白石科技城管委会）", "department", "白石高新区")


@pytest.mark.parametrize(
    "opening, speaker, expected",
    [
        # the compiler, with the whole of what it compiled from between the name and 编制
        (
            "本年度报告是根据《条例》要求，由白石市人民政府办公厅综合各区、县（市）政府和市政府各部门的年度工作"
            "情况编制而成。",
            "我市",
            ("白石市人民政府办公厅", "city", "白石市"),
        ),
        (
            "本报告由云岭县政务公开领导小组办公室编制。",
            "我县",
            ("云岭县政务公开领导小组办公室", "county", "云岭县"),
        ),
        # the body at work in a sentence that opens with the year
        ("根据《条例》，编制本报告。", "白石市松涛区人民政府", ("白石市松涛区人民政府", "district", "白石市松涛区")),
        # the contact
        (
            "如对本报告有疑问，请与白石市交通运输局联系（电话：0123-5550000）。",
            "我局",
            ("白石市交通运输局", "department", "白石市"),
        ),
    ],
)
def test_the_text_names_its_body(opening, speaker, expected):
    assert who(page(opening=opening, speaker=speaker)) == expected


def test_an_internal_office_stands_for_its_body():
    """The office a department or a township lets answer questions is its clerk, not the publisher."""
    text = page(
        opening="编制本局2021年度报告。如有疑问请与白石市林业局办公室联系（地址：白石市中山路8号）。", speaker="我局"
    )
    assert who(text) == ("白石市林业局", "department", "白石市")
    text = page(opening="本报告由鹤鸣镇人民政府党政办公室编制。", speaker="我镇")
    assert who(text) == ("鹤鸣镇人民政府", "township", "鹤鸣镇")
    # a county government's general office is a body of its own
    text = page(opening="本报告由云岭县人民政府办公室编制。", speaker="县政府办公室")
    assert who(text) == ("云岭县人民政府办公室", "county", "云岭县")


def test_a_place_in_the_title_gives_way_to_the_body_the_text_names():
    # the body at work names the place's government office by its level word alone: the place is put back, and the
    # fullest form the page writes is kept (人民政府办公厅, in a cited document)
    opening = "根据《白石市人民政府办公厅关于做好政务公开工作的通知》要求，编制本报告。"
    text = page("白石市2021年政府信息公开工作年度报告", opening, speaker="市政府办公厅")
    assert who(text) == ("白石市人民政府办公厅", "city", "白石市")
    # 我区政府: the district's government
    text = page("白石市松涛区2016年政府信息公开工作年度报告", speaker="我区政府", year=2016)
    assert who(text) == ("白石市松涛区人民政府", "district", "白石市松涛区")
    # the title's 白石市松涛区政府信息公开… holds 政府 of 政府信息公开, not a name
    text = page("2023年度白石市松涛区政府信息公开工作年度报告", speaker="松涛区人民政府", year=2023)
    assert who(text) == ("松涛区人民政府", "district", "松涛区")


def test_a_name_without_its_region_takes_the_pages():
    text = page("白石市松涛区2021年政府信息公开工作年度报告", speaker="区集体经济发展服务署")
    # the title's place is the district's government; the text's actor is another body, so the title's place stands
    assert who(text)[0] == "白石市松涛区人民政府"
    text = page(opening="如有疑问，请与区集体经济发展服务署联系。白石市松涛区集体资产统一在平台公开。", speaker="我署")
    assert who(text)[0] in ("区集体经济发展服务署", "白石市松涛区集体经济发展服务署")


def test_the_fullest_written_form_is_kept_but_not_from_an_address():
    text = page(
        opening="本报告根据《条例》编制。主动公开的《白石市云岭县鹤鸣镇人民政府信息公开指南》已修订。",
        speaker="鹤鸣镇人民政府",
    )
    assert who(text) == ("白石市云岭县鹤鸣镇人民政府", "township", "白石市云岭县鹤鸣镇")
    text = page(
        opening="本报告由鹤鸣镇人民政府党政办公室编制。如有疑问请联系（地址：云岭县鹤鸣镇人民政府驻地府前路1号）。",
        speaker="我镇",
    )
    assert who(text)[0] == "鹤鸣镇人民政府"


def test_a_township_the_text_names_as_its_own():
    """No title, no compiler: the text speaks as 我镇 and names a township's government."""
    text = page(
        opening="本年度报告结合我镇实际编制而成。一是在松涛区鹤鸣镇人民政府政务专栏公开信息。",
        speaker="我镇",
    )
    assert who(text) == ("松涛区鹤鸣镇人民政府", "township", "松涛区鹤鸣镇")


def test_asides_and_spam_are_cut_from_names():
    text = page(opening="本报告由云岭县人民政府办公室（以下简称县政府办）编制。", speaker="县政府办")
    assert who(text)[0] == "云岭县人民政府办公室"
    text = "发布机构：BET365手机下载白石市林业服务中心\n" + page("2021年政府信息公开工作年度报告", speaker="我中心")
    assert who(text)[0] == "白石市林业服务中心"


@pytest.mark.parametrize(
    "speaker, level",
    [("我局", "department"), ("本委", "department"), ("我县", "county"), ("我镇", "township"), ("我区", "district")],
)
def test_with_no_name_the_way_the_text_speaks_of_itself_gives_the_level(speaker, level):
    r = extract(page(speaker=speaker))
    assert (r.metadata.publisher, r.metadata.level) == (None, level)
    assert any("no body named" in w for w in r.quality.warnings)


def test_a_generic_self_reference_is_no_level():
    """本单位, 本机关 are said by towns and bureaus alike."""
    assert extract(page(speaker="本单位")).metadata.level is None


# ---------------------------------------------------------------- the grammar read within a name's Chinese run

_GRAMMAR_WORDS = "".join(
    {*words.UNIT_CHARS, *words.NOT_IN_STEMS, *words.NOT_STEMS, *"".join(words.MUNICIPALITIES)}
    | {
        ch
        for group in (words.PROVINCE, words.PREFECTURE, words.COUNTY, words.TOWNSHIP, words.ZONE)
        for w in group
        for ch in w
    }
)
_NAMES = st.text(
    alphabet=st.sampled_from(_GRAMMAR_WORDS + "白石松涛云岭鹤人民政府办公室局中心" + "A1（)·\u3400\uff10 \n"),
    max_size=24,
)


def _unbounded() -> re.Pattern[str]:
    """The grammar with its stem written as any Chinese character but the words it may not hold, for matching on
    the whole name (the pattern's cost, not its meaning, is what bounding the match changed)."""
    stem = f"[^{words.UNIT_CHARS}{words.NOT_IN_STEMS}]"
    cjk_stem = f"(?:(?![{words.UNIT_CHARS}{words.NOT_IN_STEMS}])[\u4e00-\u9fff])"
    pattern = publisher._grammar().pattern
    assert stem in pattern
    return re.compile(pattern.replace(stem, cjk_stem))


@given(_NAMES)
def test_the_grammar_within_the_chinese_run_matches_as_on_the_whole_name(name):
    got, want = publisher._places(name), _unbounded().match(name)
    assert got is not None and want is not None  # (every group is optional: a match, empty at least)
    assert got.span() == want.span()
    assert got.groupdict() == want.groupdict()


@pytest.mark.parametrize(
    "name",
    [
        "白石市松涛区人民政府",
        "白石市（松涛区）人民政府",
        "白石市A区",
        "杭州市萧山区",
        "\u3400石市松涛区",
        "白石市松涛区\n局",
    ],
)
def test_the_grammar_stops_where_the_chinese_run_ends(name):
    assert publisher._places(name).groupdict() == _unbounded().match(name).groupdict()
