import gzip

import pytest

from suqian_report.core.errors import InputError
from suqian_report.read.decode import decode
from suqian_report.read.load import load_bytes

TEXT = "宿迁市2013年政府信息公开年度报告：全市主动公开政府信息114057条，受理申请6721件。"


@pytest.mark.parametrize("codec", ["utf-8", "gb18030", "gbk", "gb2312", "utf-16"])
def test_common_encodings_decode(codec):
    d = decode(TEXT.encode(codec))
    assert d.text == TEXT
    assert d.lost == 0


def test_big5_traditional_page():
    trad = "宿遷市政府信息公開年度報告：全市主動公開政府信息114057條，受理申請6721件，行政復議29件。"
    d = decode(trad.encode("big5"))
    assert d.text == trad
    assert d.encoding.startswith("big5")


def test_utf8_bom_is_removed():
    d = decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert d.text == TEXT and d.bom_length == 3


def test_wrong_declaration_is_overruled():
    html = f'<html><head><meta charset="gb2312"></head><body><p>{TEXT}</p></body></html>'.encode()
    d = decode(html)
    assert d.encoding == "utf-8"
    assert "overruled" in d.evidence


def test_right_declaration_is_confirmed():
    html = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>{TEXT}</body></html>'
    d = decode(html.encode("gbk"))
    assert d.text.endswith(f"{TEXT}</body></html>")
    assert "confirmed" in d.evidence


def test_undecodable_bytes_are_counted_not_ignored():
    data = TEXT.encode("utf-8")[:30] + b"\xff\xfe\xfa" + TEXT.encode("utf-8")[30:]
    d = decode(data)
    assert d.lost > 0
    assert "\ufffd" in d.text


def test_gzip_page_loads():
    doc = load_bytes(gzip.compress(TEXT.encode("gb18030")))
    assert doc.source.compressed and "114057" in doc.text


@pytest.mark.parametrize(
    "data,fragment",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"hello world, no chinese here at all", "no Chinese text"),
        (b"\x1f\x8b\x08\x00garbage", "gzip"),
    ],
)
def test_bad_inputs_raise_one_line_errors(data, fragment):
    with pytest.raises(InputError) as e:
        load_bytes(data, path="x")
    assert fragment in str(e.value)
    assert "\n" not in str(e.value)


def test_utf16_without_bom():
    d = decode(TEXT.encode("utf-16-le"))
    assert d.text == TEXT and d.encoding == "utf-16-le"


def test_html_declared_gbk_page_loads_through_the_api():
    from suqian_report import extract

    html = (
        f'<html><head><meta charset="gbk"><title>某县2013年政府信息公开年度报告</title></head>'
        f"<body><p>{TEXT}</p></body></html>"
    ).encode("gbk")
    r = extract(html)
    assert r.source.encoding == "gb18030" and r.source.input_kind == "html"
    assert r.value("proactive.total") == 114057
    assert r.figure("proactive.total").byte_span is not None
