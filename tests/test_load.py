import pytest

from suqian_report.read.load import load_text


def test_text_dump_lines_are_trimmed_and_blank_runs_collapsed():
    doc = load_text("\n\n      第一行  \n\n\n   第二行\r\n第三行，政府信息公开。\n\n")
    assert doc.text == "第一行\n\n第二行\n第三行，政府信息公开。"
    a, b = doc.to_raw.to_src(0, 3)
    assert doc.raw_text[a:b] == "第一行"


HTML = """<!DOCTYPE html><html><head><title>某县2021年政府信息公开工作年度报告</title>
<meta name="keywords" content="年报"><style>p{color:red}</style><script>var x="不是正文123";</script></head>
<body><div class="nav">您当前所在位置：首页 &gt; 年报</div>
<!-- 注释里的数字 999 不算 -->
<p>一、总体情况</p><p>全年主动公开政府信息&nbsp;1,234条，<br/>受理申请12件。</p>
<table><tr><td rowspan="2">信息内容</td><td>本年制发件数</td></tr>
<tr><td>本年<br />废止件数</td></tr>
<tr><td>规章</td><td>0</td><td>&nbsp;</td><td>3</td></tr></table>
</body></html>"""


def test_html_blocks_rows_and_positions():
    doc = load_text(HTML)
    assert doc.source.input_kind == "html"
    lines = doc.text.split("\n")
    assert "全年主动公开政府信息\u00a01,234条，" in lines
    assert "受理申请12件。" in lines
    rows = [ln for ln, info in zip(lines, doc.lines) if info.kind == "row"]
    assert rows[0] == "信息内容 | 本年制发件数"
    assert rows[1] == "本年废止件数"  # <br> inside a cell between CJK characters joins them
    assert rows[2].split(" | ")[0] == "规章" and rows[2].split(" | ")[1] == "0"
    assert "999" not in doc.text and "不是正文" not in doc.text and "color" not in doc.text
    assert doc.html_meta["title"] == "某县2021年政府信息公开工作年度报告"
    # every character of the flattened text points at itself in the HTML source
    i = doc.text.index("1,234")
    a, b = doc.to_raw.to_src(i, i + 5)
    assert doc.raw_text[a:b] == "1,234"
    i = doc.text.index("受理申请12件")
    a, b = doc.to_raw.to_src(i, i + 7)
    assert doc.raw_text[a:b] == "受理申请12件"


def test_entities_are_decoded_with_their_source_span():
    doc = load_text("<p>&ldquo;网上宿迁&rdquo;门户 &#21016;</p><p>政府信息公开年度报告</p>")
    assert doc.text.startswith("“网上宿迁”门户 刘")
    a, b = doc.to_raw.to_src(0, 1)
    assert doc.raw_text[a:b] == "&ldquo;"


def test_preformatted_html_keeps_its_line_breaks():
    page = (
        "<html><body><div>首页 &gt; 年报</div><pre>某县2013年政府信息公开年度报告\n"
        "一、概述\n全年主动公开政府信息120条。\n\n二、依申请公开情况</pre></body></html>"
    )
    doc = load_text(page)
    assert doc.text.split("\n") == [
        "首页 > 年报",
        "某县2013年政府信息公开年度报告",
        "一、概述",
        "全年主动公开政府信息120条。",
        "二、依申请公开情况",
    ]
    for line in doc.text.split("\n")[1:]:
        a = doc.text.index(line)
        assert doc.raw_text[slice(*doc.to_raw.to_src(a, a + len(line)))] == line


def test_a_no_break_space_that_is_a_byte_of_mojibake_is_not_trimmed():
    # 规章 as UTF-8 read as Latin-1 ends in the byte A0, a no-break space: trimming it would lose 章
    damaged = "规章".encode().decode("latin-1")
    assert damaged.endswith("\u00a0")
    doc = load_text(f"政府信息公开工作年度报告\n{damaged}\n  第三行，主动公开\u00a0")
    assert doc.text.split("\n") == ["政府信息公开工作年度报告", damaged, "第三行，主动公开"]


def test_broken_markup_keeps_every_text_where_it_stands():
    # A page whose head never closes (the body lands inside it), text after a lone tab in an unclosed paragraph,
    # a comment between the digits of a cell: every text is kept, and points at itself in the source.
    page = (
        '<html><head><title>某区2020年政府信息公开工作年度报告</title><meta name="x" content="y"'
        "<body><div>主动公开政府信息<b>321</b>条。</div><p>\t<p>受理申请 17件"
        "<table><tr><td>新收</td><td>4<!-- 注 -->5</td></tr><tr><td>结转</td><td>2</td></tr></table>"
    )
    doc = load_text(page)
    assert "主动公开政府信息321条。" in doc.text.split("\n")
    for piece in ("321", "受理申请", "17件", "新收", "结转"):
        i = doc.text.index(piece)
        assert doc.raw_text[slice(*doc.to_raw.to_src(i, i + len(piece)))] == piece
    assert "新收 | 45" in doc.text  # (the comment's text is not the page's)


def test_a_page_nested_deeper_than_the_parsers_tree_keeps_its_text_and_blocks():
    depth = 5000  # beyond both the tree's depth limit and a walk's recursion
    page = "<html><body>" + "<div>" * depth + "<p>全年主动公开政府信息88条。</p><p>受理申请9件。</p>" + "</div>" * depth
    page += "<p>后记</p></body></html>"
    doc = load_text(page)
    assert doc.text.split("\n") == ["全年主动公开政府信息88条。", "受理申请9件。", "后记"]
    i = doc.text.index("88")
    assert doc.raw_text[slice(*doc.to_raw.to_src(i, i + 2))] == "88"


def _rows_and_lines(body: str) -> list[tuple[str, str]]:
    doc = load_text(f"<html><head><title>某县政府信息公开工作年度报告</title></head><body>{body}</body></html>")
    return [(info.kind, line) for line, info in zip(doc.text.split("\n"), doc.lines)]


@pytest.mark.parametrize(
    "table",
    [
        # the <tr> of the second row lost, the first's kept
        "<table><tr><td>信息内容</td><td>本年新制作数量</td></tr><td>规章</td><td>3</td></table>",
        # ... inside a <tbody>, and the last row's
        "<table><tbody><tr><td>信息内容</td><td>本年新制作数量</td></tr><td>规章</td><td>3</td></tbody></table>",
        # the first row's lost, the second's kept
        "<table><th>信息内容</th><th>本年新制作数量</th><tr><td>规章</td><td>3</td></tr></table>",
    ],
)
def test_cells_whose_row_tag_was_lost_are_a_row(table):
    # A browser puts cells that stand in no row in a row of their own: so does the reader, and none is lost.
    assert _rows_and_lines("<p>二、主动公开政府信息情况</p>" + table + "<p>三、收到和处理申请情况</p>") == [
        ("text", "二、主动公开政府信息情况"),
        ("row", "信息内容 | 本年新制作数量"),
        ("row", "规章 | 3"),
        ("text", "三、收到和处理申请情况"),
    ]


def test_text_outside_a_tables_cells_is_kept_around_its_rows():
    # A caption, text between two rows and text between two cells of a row (markup a save broke, or a template's
    # notes): each kept as a line of its own, where it stands or after its row, and every row left whole.
    body = (
        "<p>前言</p><table><caption>表一 主动公开情况</caption>"
        "<tr><td>规章</td>（单位：件）<td>3</td></tr>"
        "注：本表数据截至12月31日\n<tr><td>规范性文件</td><span>另有</span><td>12</td></tr>"
        "<p>以上数据由县政府办公室提供</p></table><p>后记</p>"
    )
    assert _rows_and_lines(body) == [
        ("text", "前言"),
        ("text", "表一 主动公开情况"),
        ("row", "规章 | 3"),
        ("text", "（单位：件）"),
        ("text", "注：本表数据截至12月31日"),
        ("row", "规范性文件 | 12"),
        ("text", "另有"),
        ("text", "以上数据由县政府办公室提供"),
        ("text", "后记"),
    ]
    # the text around the table keeps its place in the source, whatever the text inside it
    doc = load_text(f"<html><body>{body}</body></html>")
    i = doc.text.index("后记")
    assert doc.raw_text[slice(*doc.to_raw.to_src(i, i + 2))] == "后记"


def test_a_figure_whose_row_tag_was_lost_is_read():
    from suqian_report import extract

    page = (
        "<html><body><h1>某县2021年政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p>"
        "<table><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>"
        "<td>规章</td><td>2</td><td>0</td><td>15</td>"
        "<tr><td>行政规范性文件</td><td>7</td><td>1</td><td>40</td></tr></table></body></html>"
    )
    r = extract(page.encode())
    assert r.value("proactive.rules.issued") == 2
    assert r.value("proactive.rules.in_force") == 15
    assert r.value("proactive.normative_docs.issued") == 7
