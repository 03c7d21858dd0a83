import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from suqian_report.extractors.numbers import chinese_to_int, classify, scan


@pytest.mark.parametrize(
    "s,value",
    [
        ("二十九", 29),
        ("十", 10),
        ("十二", 12),
        ("一百零五", 105),
        ("两千三百", 2300),
        ("一万二千", 12000),
        ("三万", 30000),
        ("五", 5),
        ("二〇一三", 2013),
        ("一千零一十", 1010),
    ],
)
def test_chinese_numerals(s, value):
    assert chinese_to_int(s) == value


@pytest.mark.parametrize("s", ["两三", "三四", "", "九八"])
def test_ranges_are_not_one_number(s):
    assert chinese_to_int(s) is None


# (text, raw_text, value, unit, approx qualifier)
CASES = [
    ("主动公开政府信息114057条。", "114057", 114057, "条", None),
    ("受理申请6,721件，", "6,721", 6721, "件", None),
    ("回复率达99.96%，", "99.96", 99.96, "%", None),
    ("共有粉丝136万名，", "136万", 1_360_000, "名", None),
    ("每期刊印2300多份，", "2300多", 2300, "份", "多"),
    ("页面浏览量约703.73万人次", "703.73万", 7_037_300, "人次", "约"),
    ("主动公开26.8万条", "26.8万", 268_000, "条", None),
    ("共做了五次全面改版", "五", 5, "次", None),
    ("行政复议案件二十九件", "二十九", 29, "件", None),
    ("收费103.3879万元", "103.3879万", 103.3879, "万元", None),
    ("满意度百分之九十五", "百分之九十五", 95, "%", None),
    ("办理755多条", "755多", 755, "条", "多"),
    ("发布信息8300余条", "8300余", 8300, "条", "余"),
    ("共计1736 条", "1736", 1736, "条", None),
]


@pytest.mark.parametrize("text,raw,value,unit,qualifier", CASES)
def test_scan_reads_value_unit_and_approximation(text, raw, value, unit, qualifier):
    nums = [n for n in scan(text) if classify(n, text) is None]
    assert len(nums) == 1
    n = nums[0]
    assert (n.raw_text, n.value, n.unit, n.qualifier) == (raw, value, unit, qualifier)
    assert n.approx == (qualifier is not None)
    assert raw in text[n.begin : n.stop]


NOT_FIGURES = [
    ("统计期限自2013年1月1日起至2013年12月31日止", "date"),
    ("2013年以来", "year"),
    ("联系电话:0527-84368216;", "phone"),
    ("电话：83939050", "phone"),
    ("邮政编码:223800;", "postcode"),
    ("国办公开办函〔2021〕30号", "doc_number"),
    ("国务院令第711号", "doc_number"),
    ("索引号 014320144/2014-00083", "index_number"),
    ("第六届中国特色政府网站评选", None),  # no counter: not a number at all
    ("全国地级市第一名", "ordinal"),
    ("12345等热线互动平台", "name"),
    ("建立了“1+X”新闻发布制度", "name"),
    ("地址：淮安市翔宇南道1号", "address"),
    ("《法治政府建设实施纲要(2021 - 2025年)》", "year"),
    ("《宿迁市政府信息公开工作考核办法(2号文件)》", "title_reference"),
    ("计划每月组织一期活动", "rate"),
    ("3县7区", "place_name"),
    ("通过H5等形式", "code"),
    ("联系电话：0527—84000000。", "phone"),
    ("联系电话：0527－8400 0000。", "phone"),
    ("联系电话：0527 84000000。", "phone"),
    ("联系电话：（0527）8400-0000。", "phone"),
    ("咨询电话：138 0527 0000。", "phone"),
    ("邮编：223 800。", "postcode"),
]


@pytest.mark.parametrize("text,reason", NOT_FIGURES)
def test_non_figures_have_reasons(text, reason):
    nums = scan(text)
    reasons = {classify(n, text) for n in nums} - {"word"}
    if reason is None:
        assert not reasons
    else:
        assert reasons == {reason}, [(n.raw_text, classify(n, text)) for n in nums]


def test_word_numerals_are_not_numbers():
    text = "按照统一部署，进一步推进，建立一系列制度"
    assert all(classify(n, text) == "word" for n in scan(text))


@pytest.mark.parametrize(
    "written",
    [
        "0527-84000000",
        "0527—84000000",
        "0527－8400 0000",
        "0527 84000000",
        "（0527）84000000",
        "(0527)8400-0000",
        "0527–8400–0000",
    ],
)
def test_phone_numbers_come_out_normalised_and_the_text_keeps_them_as_written(written):
    from suqian_report import extract

    r = extract(
        f"某县2020年政府信息公开工作年度报告\n\n如有疑问请联系（联系电话：{written}，邮编：223 800）。"
        "全年主动公开政府信息1225条。"
    )
    assert r.metadata.contact_phone == "0527-84000000"
    assert r.metadata.postcode == "223800"
    as_written = written.replace("－", "-")  # (the one change repair makes: a full-width dash between digits)
    assert as_written in r.clean_text
    assert {f.value for f in r.figures} == {1225}
    assert any(n.reason == "phone" and n.text == as_written for n in r.non_figures)


_ADDRESS_PIECES = ["www", "http", "s", "://", ":", "/", ".", "@", "com", "cn", "net", "org", "gov", "a", "Z", "7", "2021",
                   "-", "_", "%", "+", "２", " ", "网址", "邮箱"]  # fmt: skip


@given(st.lists(st.sampled_from(_ADDRESS_PIECES), max_size=12).map("".join))
@example("见www.a7")
@example("https://7")
@example("a@Z.b")
@example("7.cn")
@example("z-2021.org")
def test_a_text_without_an_address_mark_holds_no_address(text):
    # the scan looks for web and e-mail addresses only in a text that holds a mark every one of them holds
    from suqian_report.extractors.numbers import _ADDRESS_MARKS, _NOT_NUMBERS

    if _NOT_NUMBERS.search(text) is not None:
        assert any(mark in text for mark in _ADDRESS_MARKS)


@pytest.mark.parametrize(
    "text,address",
    [
        ("邮箱：office2021@example.cn", "office2021@example.cn"),
        ("网址http://192.168.1.20/page", "http://192.168.1.20/page"),
        ("见www.example12.gov.cn", "www.example12.gov.cn"),
        ("平台 zwgk2023.com 发布", "zwgk2023.com"),
    ],
)
def test_digits_in_an_address_are_no_number(text, address):
    assert not [n for n in scan(text) if text.find(address) <= n.start < text.find(address) + len(address)]
