"""Words that tell an annual report from the other pages of a disclosure section (extractors/genre.py)."""

from __future__ import annotations

# A title naming an annual report: 信息公开 or 政务公开, then 年度报告 or 年报 (and a year somewhere: TITLE_YEAR).
REPORT_TITLE = r"(?:信息公开|政务公开).{0,12}(?:年度报告|年报|工作报告)"
TITLE_YEAR = r"(?:19|20)\d\d"
# A title naming another kind of page: a guide, a catalogue, a regulation, a notice, news, an event, a reading.
NOT_A_REPORT_TITLE = (
    r"指南|目录|条例|规定|办法|通知|意见|实施方案|工作要点|会议|召开|部署|培训|座谈|解读|图解|新闻|动态|"
    r"简讯|讲话|答记者问|征集|公示|公告"
)
# What an attachment stub says: the report is in a file to download.
ATTACHMENT_WORDS = r"附件|下载|\.pdf|\.docx?|\.wps|点击查看"
# A text that speaks of itself as the annual report (本报告…, 现将…情况报告如下).
SELF_REFERENCE = (
    r"本(?:年度)?报告(?:根据|依据|由|所列|是)|(?:现将|特向社会公布|现予公布|公布如下).{0,40}(?:报告|情况)|"
    r"(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告(?:如下|现予公布|由)"
)
