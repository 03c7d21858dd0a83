"""Statements of zero written in words: each is a figure of 0 with ``derived: true``, its sentence kept.

The sentences are written for these tests, in the ways real reports say "none".
"""

import pytest

from suqian_report import extract

HEAD = "某县人民政府2016年政府信息公开工作年度报告\n\n一、概述\n\n2016年，全县主动公开政府信息1200条。\n\n"


def zeros(report) -> dict:
    return {f.key: f for f in report.figures if f.derived and f.value == 0 and f.cell is None}


@pytest.mark.parametrize(
    "sentence,keys",
    [
        ("全年无政府信息公开申请。", {"requests.new.total"}),
        ("本年度未受理依申请公开。", {"requests.new.total"}),
        ("2016年，我局未收到任何要求公开政府信息的申请，无依申请公开政府信息。", {"requests.new.total"}),
        ("本年度没有接到群众主动要求公开政府信息的申请。", {"requests.new.total"}),
        ("本机关未发生政府信息公开行政复议案件。", {"review.total"}),
        ("全年未发生因政府信息公开引起的行政诉讼。", {"litigation.total"}),
        ("本年度未收到有关政府信息公开行政复议申请。", {"review.total"}),  # a review, not a disclosure request
        ("本单位不存在收费情况。", {"fees.collected"}),
        ("依申请提供政府信息，未收取费用。", {"fees.collected"}),
        ("全年无收费及减免情况。", {"fees.collected"}),
        ("政府信息公开没有收费。", {"fees.collected"}),
        ("复议、诉讼均为零。", {"review.total", "litigation.total"}),
        (
            "全年未发生针对本单位政府信息公开事务的行政复议、行政诉讼和申诉案件。",
            {"review.total", "litigation.total", "appeals"},
        ),
        ("本年度未引发行政复议和行政诉讼。", {"review.total", "litigation.total"}),
        ("本年度未发生因政府信息公开申请而引起的行政复议。", {"review.total"}),  # the 申请 is the cause, not a count
        # a topic before the things (关于…的, 有关…的): what the topic says does not stop the statement
        ("2018年度未收到关于政府信息公开和不予公开的申请。", {"requests.new.total"}),
        ("全年没有收到有关政府信息公开事项的申请。", {"requests.new.total"}),
        ("本机关未接到针对本机关不予公开答复的行政复议申请及行政诉讼。", {"review.total", "litigation.total"}),
        ("本年度未发生有关政府信息公开的行政复议或行政诉讼案件。", {"review.total", "litigation.total"}),
        # the topic's own things, when the head names none
        ("全年未出现有关行政复议和行政诉讼的情况。", {"review.total", "litigation.total"}),
        # the things before the negation
        ("本年度因政府信息公开工作被申请行政复议、提起行政诉讼的情况均未发生。", {"review.total", "litigation.total"}),
        ("政府信息公开申请本年度暂未收到。", {"requests.new.total"}),
        ("依申请公开的收费及减免，本年度均未发生。", {"fees.collected"}),
        # the things in a topic clause just before
        ("关于政府信息公开的行政复议和行政诉讼，本年度未发生。", {"review.total", "litigation.total"}),
        # 申请人 is who asks, not a request
        ("全年没有向申请人收取信息处理费。", {"fees.collected"}),
    ],
)
def test_zero_statements(sentence, keys):
    r = extract(HEAD + "二、依申请公开情况\n\n" + sentence)
    got = zeros(r)
    assert set(got) == keys
    for f in got.values():
        assert f.status == "derived" and f.sentence == sentence and f.raw_text in sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "严格按照法定时限答复，全年无超期答复情况。",
        "对无正当理由大量反复申请的，依法不予处理。",
        "开通无障碍申请通道，方便群众提出申请。",
        "全年行政复议未被纠错。",
        "对未按时答复的申请逐件督办。",
        "无论是否收费，均应在网站公示。",
        "行政事业性收费项目未发生变化。",
        "对涉及国家秘密的申请，未予公开。",
        "未经复议直接起诉的案件由法制科应诉。",
        "全年受理政府信息公开申请12件，未出现超期。",  # the clause before holds a number: no topic of a zero
        "关于不予公开的申请，已逐件说明理由。",
    ],
)
def test_sentences_that_do_not_say_none(sentence):
    assert zeros(extract(HEAD + "二、依申请公开情况\n\n" + sentence)) == {}


def test_a_stated_number_wins_and_a_check_compares_them():
    page = HEAD + "二、依申请公开情况\n\n全年共受理政府信息公开申请12件。\n\n三、其他\n\n本年度未收到政府信息公开申请。"
    r = extract(page)
    assert r.value("requests.new.total") == 12
    assert "requests.new.total" not in zeros(r)
    check = next(c for c in r.checks if "requests.new.total" in c.name and "零" in c.name)
    assert (check.status, check.expected, check.actual) == ("fail", 0, 12)


def test_a_zero_written_as_a_digit_names_every_key_of_its_sentence():
    r = extract(HEAD + "二、复议诉讼情况\n\n全年行政复议、行政诉讼均为0件。")
    assert r.value("review.total") == 0 and r.value("litigation.total") == 0
