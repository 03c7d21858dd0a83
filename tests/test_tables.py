"""The standard tables' reader, piece by piece: where a region's phrases are found."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from hypothesis import given
from hypothesis import strategies as st

from suqian_report.extractors.template.cells import Token, _phrase_pattern, find_events, tokenize


def _events_one_run_at_a_time(tokens: list[Token], phrases: list[tuple[str, str, str]]):
    """The phrase events as found before the region's runs were searched together: each run of consecutive label
    tokens searched alone, for every phrase (the reference the one search must agree with)."""
    events = []
    run: list[Token] = []

    def search() -> None:
        if not run:
            return
        text = "".join(t.text for t in run)
        found = []
        if "\ufffd" in text:
            for typ, payload, phrase in phrases:
                for m in _phrase_pattern(phrase, True).finditer(text):
                    fuzz = m.group().count("\ufffd")
                    if fuzz <= 1:
                        found.append((m.start(), -len(phrase), fuzz, typ, payload, m.end()))
        else:
            for typ, payload, phrase in phrases:
                i = text.find(phrase)
                while i >= 0:
                    found.append((i, -len(phrase), 0, typ, payload, i + len(phrase)))
                    i = text.find(phrase, i + max(len(phrase), 1))
        found.sort()
        ends = list(accumulate(len(t.text) for t in run))
        taken_until = -1
        for pos, _neg, _fuzz, typ, payload, end in found:
            if pos < taken_until:
                continue
            k = bisect_right(ends, pos)
            owner = run[k]
            events.append((owner.start + pos - (ends[k] - len(owner.text)), typ, payload, owner))
            taken_until = end
        run.clear()

    for tok in tokens:
        if tok.kind == "label":
            run.append(tok)
            continue
        search()
        events.append((tok.start, "value", "", tok))
    search()
    events.sort(key=lambda e: e[0])
    return events


# Words that share characters, so that phrases overlap, nest, repeat themselves (申申) and stand in two roles.
_WORDS = ["申请", "申申", "请求", "结转", "转", "总计", "其他", "他处理", "1.", "（一）"]


@st.composite
def _region(draw):
    """Tokens as a table region has them, one after another: labels (several in a run, as a wrapped label is),
    values and blanks; and phrases of the region's words, some standing as two types at once."""
    alphabet = "申请求结转总计其他处理1.（一）\ufffd"
    tokens, at = [], 0
    for _ in range(draw(st.integers(0, 14))):
        kind = draw(st.sampled_from(["label", "label", "value", "blank"]))
        text = (
            "".join(draw(st.lists(st.sampled_from([*_WORDS, *alphabet]), min_size=1, max_size=4)))
            if kind == "label"
            else ("" if kind == "blank" else str(draw(st.integers(0, 999))))
        )
        at += draw(st.integers(0, 3))
        tokens.append(Token(text, at, at + len(text), kind))
        at += len(text)
    phrases = [
        (draw(st.sampled_from(["row", "group", "column"])), f"key{k}", word)
        for k, word in enumerate(draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6)))
    ]
    return tokens, phrases


@given(_region())
def test_a_regions_phrases_are_found_as_in_each_run_alone(region):
    tokens, phrases = region
    assert find_events(tokens, phrases) == _events_one_run_at_a_time(tokens, phrases)


def test_a_label_wrapped_over_two_lines_is_one_phrase_and_a_value_parts_two_runs():
    text = "逾期不补\n正、行政机关 | 3\n结转 12 下年度"
    tokens = tokenize(text, 0, len(text))
    phrases = [("row", "a", "不补正、行政"), ("row", "b", "结转下年度")]
    events = find_events(tokens, phrases)
    assert [(typ, payload) for _pos, typ, payload, _tok in events if typ != "value"] == [("row", "a")]
    assert [tok.text for _pos, typ, _p, tok in events if typ == "value"] == ["3", "12"]


def test_a_generic_tables_cells_take_their_column_from_the_header_row_above():
    from suqian_report import extract

    text = (
        "某县水利局2020年政府信息公开工作年度报告\n"
        "一、其他情况\n"
        "项目 | 上半年 | 下半年\n"
        "\n"
        "项目 | 春季 | 秋季\n"
        "巡查河道 | 12次 | 15次\n"
        "发放资料 | 300份 | 420份\n"
        "说明文字\n"
        "培训人员 | 35人 | 40人\n"
    )
    cells = [(f.raw_text, f.label_zh, f.cell.column_label) for f in extract(text).figures if f.cell]
    assert cells == [
        ("12", "巡查河道 · 春季", "春季"),  # (the header before the blank line is not the table's)
        ("15", "巡查河道 · 秋季", "秋季"),
        ("300", "发放资料 · 春季", "春季"),
        ("420", "发放资料 · 秋季", "秋季"),
        ("35", "培训人员 · 春季", "春季"),  # (a line of prose between rows keeps the header)
        ("40", "培训人员 · 秋季", "秋季"),
    ]


def test_a_header_row_further_down_a_generic_table_takes_over_from_the_one_above():
    from suqian_report import extract

    text = (
        "某镇人民政府2021年政府信息公开工作年度报告\n"
        "五、其他需要报告的事项\n"
        "类别 | 城区 | 乡村\n"
        "走访企业 | 8家 | 5家\n"
        "类别 | 线上 | 线下\n"  # (no blank line: the same block, a new header)
        "受理咨询 | 60次 | 25次\n"
        "接待群众 | 14人 | 9人\n"
        "备注 | 甲 | 乙\n"
        "类别 | 本年 | 上年\n"  # (two headers in a row: the nearer one is the columns')
        "印发手册 | 700册 | 650册\n"
        "\n"
        "发放证书 | 30本 | 20本\n"  # (after a blank line, a table with no header: no column)
    )
    cells = [(f.raw_text, f.cell.column_label) for f in extract(text).figures if f.cell]
    assert cells == [
        ("8", "城区"),
        ("5", "乡村"),
        ("60", "线上"),
        ("25", "线下"),
        ("14", "线上"),
        ("9", "线下"),
        ("700", "本年"),
        ("650", "上年"),
        ("30", None),
        ("20", None),
    ]
