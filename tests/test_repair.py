"""Each fixer alone, on strings written for the purpose."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from suqian_report.core.offsets import Alignment
from suqian_report.read.load import load_text
from suqian_report.repair import FIXERS, repair
from suqian_report.repair.base import Context
from suqian_report.repair.dropped import DroppedAt, DroppedDate, DroppedDivision, DroppedDocNoBracket, _days_in
from suqian_report.repair.entities import Entities
from suqian_report.repair.latin import LatinMojibake
from suqian_report.repair.mojibake import Utf8AsGbk
from suqian_report.repair.noise import LostMarkers, NoiseLines, lost_spans
from suqian_report.repair.pinyin import Pinyin
from suqian_report.repair.script import Script
from suqian_report.repair.width import Width

from .damage import utf8_read_as_gbk


def apply(fixer, text, ctx=None):
    ctx = ctx or Context()
    ctx.note_years(text)
    if not fixer.detect(text, ctx):
        return text
    out, _ = Alignment.from_edits(text, fixer.fix(text, ctx))
    return out


def test_pinyin_annotations_removed_only_after_cjk():
    text = "報(bào)告全市共有網(wǎng)站(wǎng)10個(gè)，們(men)，方案(a)，附件(2)，宿迁(sq)"
    assert apply(Pinyin(), text) == "報告全市共有網站10個，們，方案，附件(2)，宿迁(sq)"


def test_pinyin_with_u_umlaut_and_fullwidth_brackets():
    assert apply(Pinyin(), "律（lǜ）師(shī)綠(lǜ)色(sè)") == "律師綠色"


def test_pinyin_whose_toned_vowel_became_a_question_mark():
    # Big5 has no tone letters: a mirror saved in it wrote 報(b?o)
    text = "報(b?o)告全市網(w?ng)站，問題(?)，編號(x?z)"
    assert apply(Pinyin(), text) == "報告全市網站，問題(?)，編號(x?z)"


def test_pinyin_whose_tone_letter_was_read_as_gbk():
    """A tone letter's two UTF-8 bytes read as GBK are one CJK character (bào → b脿o): still an annotation, after
    a character, or after what the lossy reading left of it (U+FFFD, ?)."""
    text = "報(b脿o)告全市網(w菐ng)站，政府(f菙)\ufffd(k膩i)公開，?(d貌ng)態"
    assert apply(Pinyin(), text) == "報告全市網站，政府\ufffd公開，?態"
    # a character between Latin letters that spells no syllable stays
    assert apply(Pinyin(), "網(w菐ng)站(ab美cd)，報(b脿o)告") == "網站(ab美cd)，報告"


def test_an_annotated_mirror_read_as_gbk_is_repaired_end_to_end():
    from suqian_report import extract

    page = (
        "某縣2013年政府信息公開年度報(bào)告\n一、概述\n全縣主動(dòng)公開政府信息1140條(tiáo)，受理申請(qǐng)36件。\n"
    )
    report = extract(utf8_read_as_gbk(page).encode("utf-8"))
    assert "(" not in report.clean_text  # every annotation gone; what the reading lost is marked, not guessed
    assert report.clean_text.startswith("某县2013年政府信息公开年度报\ufffd\n")
    assert [f.value for f in report.figures] == [1140, 36]


def test_big5_page_of_an_annotated_mirror_is_repaired_end_to_end():
    from suqian_report import extract

    page = "宿遷市2013年政府信息公開年度報(bào)告\n主動(dòng)公開政府信息114057條(tiáo)。"
    report = extract(page.encode("big5", errors="replace"))
    assert report.source.encoding.startswith("big5")
    assert report.metadata.title == "宿迁市2013年政府信息公开年度报告"
    assert report.value("proactive.total") == 114057


def test_plain_syllables_alone_are_not_damage():
    text = "项目(an)和附件(ma)"  # no tone-marked annotation on the page: leave it
    assert apply(Pinyin(), text) == text


def test_traditional_to_simplified_with_protected_terms():
    text = "吉林省乾安縣人民政府辦公室報告：乾縣、乾陵，主動公開政府信息114057條。乾淨"
    assert apply(Script(), text) == "吉林省乾安县人民政府办公室报告：乾县、乾陵，主动公开政府信息114057条。干净"


def test_variants_from_s2t_are_simplified():
    assert (
        apply(Script(), "爲民服務，發佈信息，在網站裏公開，共計十項工作報告")
        == "为民服务，发布信息，在网站里公开，共计十项工作报告"
    )


def test_simplified_page_with_a_stray_traditional_character_is_left_alone():
    text = "全市主动公开政府信息114057条，其中门户网站公开26798条，乾隆年间的档案不在此列。" * 3
    assert apply(Script(), text) == text


def test_mojibake_no_fixer_could_undo_is_not_converted_to_simplified():
    # 名称 | 宿迁市 as GBK bytes read as Latin-1, saved as UTF-8 and read as GBK again: rare characters, not a
    # traditional text (t2s would turn 脣 into 唇 and hide the damage)
    garbage = "脙没鲁脝 | 脣脼脟篓脢脨"
    text = "政府信息公開年度報告，統計數據，聯繫電話\n\n" + garbage
    assert apply(Script(), text) == "政府信息公开年度报告，统计数据，联系电话\n\n" + garbage


def test_width():
    assert (
        apply(Width(), "２０１３年共受理１１４０５７条，占８２．６４％，ｅｍａｉｌ：ａｂｃ＠１６３．ｃｏｍ，（一）")
        == "2013年共受理114057条，占82.64%，email：abc@163.com，（一）"
    )
    assert apply(Width(), "全市\u3000共有\u00a0网站") == "全市 共有 网站"


@pytest.mark.parametrize(
    "before,after",
    [
        ("统计期限自201311日起至20131231日止", "统计期限自2013年1月1日起至2013年12月31日止"),
        ("在20103月的改革中", "在2010年3月的改革中"),
        ("20111224日新浪微博上线，2011年", "2011年12月24日新浪微博上线，2011年"),
        ("从201312月开始", "从2013年12月开始"),
        ("统计时限为202111日至20211231日。2021年", "统计时限为2021年1月1日至2021年12月31日。2021年"),
        ("2013年1231日", "2013年12月31日"),
        # a month and day in prose, with no year before them
        ("市政府于1222日召开常务会议", "市政府于12月22日召开常务会议"),
        ("自1001日起施行", "自10月01日起施行"),  # the page's digits kept
        ("1231日前完成报送", "12月31日前完成报送"),
        ("（318日）", "（3月18日）"),
        ("0229日", "02月29日"),
    ],
)
def test_dropped_date_chars(before, after):
    assert apply(DroppedDate(), before) == after


@pytest.mark.parametrize(
    "text",
    [
        "自2013111日起",  # 1月11日 or 11月1日: ambiguous, left as written
        "共受理20131个日",  # not a date shape
        "2013年1332日",  # no such month/day
        "共计201399日",  # 1999? no: no split is a real date
        "111日前",  # 1月11日 or 11月1日
        "共120日",  # a count of days
        "在120日内答复",  # a time limit
        "折合1500日元",
        "1332日",  # no such month and day
        "第105日",
    ],
)
def test_ambiguous_or_impossible_dates_are_left(text):
    assert apply(DroppedDate(), text) == text


def test_docno_bracket():
    ctx = Context()
    assert apply(DroppedDocNoBracket(), "国办公开办函〔202130号，2021年", ctx) == "国办公开办函〔2021〕30号，2021年"


def test_division_needs_the_page_own_phrase():
    with_evidence = "37区10个政府网站，还要求三县七区开通政务微博"
    assert apply(DroppedDivision(), with_evidence) == "3县7区10个政府网站，还要求三县七区开通政务微博"
    without = "37区10个政府网站开通"
    assert apply(DroppedDivision(), without) == without


def test_lost_at_sign_only_in_an_email_context():
    assert apply(DroppedAt(), "电子邮箱地址:sqzfxxgk163.com)") == "电子邮箱地址:sqzfxxgk@163.com)"
    assert apply(DroppedAt(), "网址:www163.com") == "网址:www163.com"


def test_entities():
    assert apply(Entities(), "&ldquo;网上宿迁&rdquo;&#25919;&amp;nbsp;A&amp;B") == "“网上宿迁”政 A&B"


def test_utf8_read_as_gbk_is_recovered():
    good = "政府信息公开工作年度报告"
    assert apply(Utf8AsGbk(), f"本页：{utf8_read_as_gbk(good)}。") == f"本页：{good}。"
    # 条 (E6 9D A1) at the end of the string lost its last byte to the console: marked
    good = "一、总体情况：全年主动公开政府信息9945条"
    assert apply(Utf8AsGbk(), "本页" + utf8_read_as_gbk(good)) == "本页" + good[:-1] + "\ufffd"


def test_lost_bytes_are_marked_not_guessed():
    # an odd number of bytes before ASCII: the console shows '?' for the lead byte and the quote it swallowed
    damaged = utf8_read_as_gbk("一、总体情况“本年")
    assert "?" in damaged
    out = apply(Utf8AsGbk(), damaged)
    assert out == "一、总体情况“本\ufffd"  # 年 lost its last byte: marked, not guessed


def test_gbk_read_as_latin1_is_recovered():
    good = "政府信息公开"
    bad = good.encode("gbk").decode("latin-1")
    assert apply(LatinMojibake(), f"报告：{bad}，共3条") == f"报告：{good}，共3条"


def test_one_character_lines_of_a_mis_decoded_page_are_repaired_with_it():
    # A PDF dump writes vertical table labels one character per line: alone, one pair of Latin letters says
    # nothing, but on a page that is Big5 read as Latin-1 they are Big5 too.
    page = "宿遷市政府信息公開工作年度報告\n行政複議案件共計二十九件\n主動公開政府信息\n辦理結果\n結\n果"
    bad = page.encode("big5").decode("latin-1")
    assert apply(LatinMojibake(), bad) == page


def test_utf8_read_as_cp1252_uses_ftfy_and_keeps_chinese_punctuation():
    bad = "政府信息公开".encode().decode("cp1252", errors="replace")
    text = f"“加强领导”，（一）{bad}。"
    out = apply(LatinMojibake(), text)
    assert out.startswith("“加强领导”，（一）") and "政府" in out


def test_noise_lines_and_lost_markers():
    assert apply(NoiseLines(), "?\n  ?? \n正文") == "\n\n正文"
    assert apply(LostMarkers(), "共锟斤拷锟斤拷条") == "共\ufffd\ufffd\ufffd\ufffd条"
    assert lost_spans("分类 信息公开年报 ??其他") == [(10, 12)]
    assert lost_spans("政府信息?公开") == [(4, 5)]
    assert lost_spans("是吗?我们") == []


GOOD_TEXT = "全市主动公开政府信息114057条，其中“网上宿迁”门户网站公开26798条（占23.5%）；受理申请6721件。"


@pytest.mark.parametrize("fixer", FIXERS, ids=[f.kind for f in FIXERS])  # every fixer the pipeline runs
def test_no_fixer_touches_good_text(fixer):
    assert apply(fixer, GOOD_TEXT) == GOOD_TEXT


def test_repair_logs_raw_positions():
    doc = load_text("報(bào)告201311日起，政府信息公開年度報(bào)告，2013年")
    r = repair(doc)
    assert r.text == "报告2013年1月1日起，政府信息公开年度报告，2013年"
    by_kind = {e.kind: e for e in r.events}
    e = by_kind["pinyin_annotation"]
    assert doc.raw_text[e.raw_span[0] : e.raw_span[1]] == "(bào)"
    e = by_kind["dropped_date_chars"]
    assert doc.raw_text[e.raw_span[0] : e.raw_span[1]] == "201311"


@given(st.data())
def test_differing_counts_the_positions_that_differ(data):
    from suqian_report.repair.base import Substitution, differing

    alphabet = "報告报告ab1\ud800\U00020000"
    a = data.draw(st.text(alphabet=alphabet, max_size=30))
    b = "".join(data.draw(st.sampled_from([ch, "x", "告"])) for ch in a)
    assert differing(a, b) == sum(x != y for x, y in zip(a, b))
    sub = Substitution(3, 3 + len(a), b)
    assert [(s - 3, x, y) for s, _e, x, y in sub.split(a)] == [
        (k, x, y) for k, (x, y) in enumerate(zip(a, b)) if x != y
    ]


@given(st.integers(1, 9999), st.integers(1, 12))
def test_month_lengths_are_the_gregorian_calendars(year, month):
    import calendar

    assert _days_in(year, month) == calendar.monthrange(year, month)[1]
