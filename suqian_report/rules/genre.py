"""Words that tell an annual report from the other pages of a disclosure section (extractors/genre.py).

Each pattern is one kind of evidence; its weight is in the extractor, beside the decision it feeds.
"""

from __future__ import annotations

# A title naming an annual report: 信息公开 or 政务公开, then 年度报告 or 年报, and nothing after it but an aside in
# brackets (a caption such as …年度报告展示平台 names something else).  A year somewhere: TITLE_YEAR.
# (A lossy decoding may have lost the title's last character: 年度报�.)
REPORT_TITLE = (
    r"(?:信息公开|政务公开).{0,12}(?:年度报[告\ufffd]|年报|工作报[告\ufffd])(?:[(（【\[][^)）】\]]*[)）】\]])?\s*$"
)
TITLE_YEAR = r"(?:19|20)\d\d"
# A title naming another kind of page: a guide, a catalogue, a regulation or rules, a notice or circular, a plan,
# news of an event, a reading, a summary, a model essay, another genre of report (政府工作报告, 统计公报, 决算).
NOT_A_REPORT_TITLE = (
    r"指南|目录|条例|规定|办法|制度|细则|通知|通报|意见|实施方案|工作方案|工作要点|要点|计划|会议|召开|部署|培训|"
    r"座谈|解读|图解|新闻|动态|简讯|讲话|答记者问|征集|公示|公告|汇总|一览|范文|模板|政府工作报告|统计公报|决算|预算"
)
# What an attachment stub says: the report is in a file to download.
ATTACHMENT_WORDS = r"附件|下载|\.pdf|\.docx?|\.wps|点击查看"
# A text that speaks of itself as the annual report (本报告…, 现将…报告如下, 现公布…年度报告).
SELF_REFERENCE = (
    r"本(?:年度)?报告(?:根据|依据|按照|是|由|所列|中所列|全文|包括|分为)|"
    r"现将[^。]{0,50}?(?:报告如下|公布如下|予以公布|向社会公布|公开如下)|"
    r"(?:特向社会公布|现予公布|公布如下)|"
    r"现(?:向社会)?(?:公布|公开|发布)[^。]{0,50}?(?:年度报告|年报|工作|报告)|"
    r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告(?:如下|现予公布|由)"
)
# A text that speaks of itself as another kind of document (特制定本指南, 本办法自…起施行).
OTHER_SELF_REFERENCE = r"本(?:指南|办法|制度|规定|细则|通知|方案|意见|要点|目录|通报|决定)"
# Talk about compiling, publishing or submitting reports, as a notice, a 通报 or news does, rather than a report
# speaking: an obligation laid on others, work on the reports as a topic, the how-manyth year of publishing them.
ABOUT_REPORTS = (
    r"各(?:级|地|有关)?(?:行政机关|地方|部门|单位|地区)[^。]{0,30}?(?:应当|应|要|须|均)[^。]{0,30}?"
    r"(?:公布|发布|编制|报送|上报)[^。]{0,20}?(?:年度报告|年报)|"
    r"(?:做好|部署|安排|督促|检查|通报|组织|开展)[^。]{0,30}?(?:年度报告|年报)[^。]{0,6}?"
    r"(?:编制|编写|发布|公布|报送|上报)(?:和|与|、|及)?(?:发布|公布|报送)?(?:工作|情况)|"
    r"(?:公布|发布)年报的第|年报(?:公布|发布)(?:的)?第"
)
# A line addressed to those below (各县(市)、区人民政府,市政府各部门:): a document sent down, not a report.
ADDRESSEE = r"(?m)^\s*各[^\n。]{2,80}[:：]\s*$"
# A document number standing on its own line, as a notice or 通报 carries under its title (粤办函〔2010〕249号).
DOC_NUMBER_LINE = (
    r"(?m)^\s*[(（]?\s*[\u4e00-\u9fff]{1,10}\s*[〔\[［【]\s*(?:19|20)\d\d\s*[〕\]］】]\s*\d{1,4}\s*号\s*[)）]?\s*$"
)
# A breadcrumb or column name that files the page under the annual reports.
FILED_UNDER_REPORTS = r"(?:>|»|＞|位置)[^\n]{0,60}(?:年度报告|年报)"
