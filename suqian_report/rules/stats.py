"""The statistics tables of pre-2019 reports (附件：政府信息公开情况统计表), report-format.md §8.2–8.3.

Rows are named by phrases; each row has a unit and one value per column (this year, and often 历年累计).
"""

from __future__ import annotations

# (key, phrases).  Most specific first.
STATS_ROWS = (
    ("proactive.by_channel.website", ("网站公开",)),
    ("proactive.by_channel.gazette", ("公报公开",)),
    ("proactive.by_channel.weibo", ("微博公开",)),
    ("proactive.by_channel.wechat", ("微信公开",)),
    ("proactive.normative_docs.published", ("主动公开规范性文件",)),
    ("proactive.total", ("主动公开信息数", "主动公开文件数", "主动公开政府信息数", "主动公开信息总数")),
    ("requests.new.by_channel.in_person", ("当面申请",)),
    ("requests.new.by_channel.letter_fax", ("信函、传真申请", "信函传真申请")),
    ("requests.new.by_channel.fax", ("传真申请",)),
    ("requests.new.by_channel.email", ("电子邮件申请",)),
    ("requests.new.by_channel.online", ("网上申请", "网络申请")),
    ("requests.new.by_channel.letter", ("信函申请",)),
    ("requests.new.by_channel.other", ("其它形式申请", "其他形式申请")),
    ("requests.new.total", ("依申请公开信息总数", "依申请公开总数", "收到申请数", "申请总数")),
    ("requests.outcome.partial.total", ("同意部分公开",)),
    ("requests.outcome.granted.total", ("同意公开",)),
    ("requests.outcome.withheld.total", ("否决公开", "不予公开答复", "不同意公开")),
    ("requests.replies.other", ("其他类型答复",)),
    ("requests.replies.total", ("答复数", "答复总数")),
    ("complaints", ("举报",)),
    ("review.total", ("行政复议数",)),
    ("litigation.total", ("行政诉讼数",)),
    ("appeals", ("行政申诉数", "申诉数")),
    ("fees.collected", ("收取的费用", "收费")),
    ("staff.total", ("工作人员数",)),
)

# Rows whose parts add up to them, in every column.
STATS_GROUPS = {
    "requests.new.total": (
        "requests.new.by_channel.in_person",
        "requests.new.by_channel.fax",
        "requests.new.by_channel.email",
        "requests.new.by_channel.online",
        "requests.new.by_channel.letter",
        "requests.new.by_channel.letter_fax",
        "requests.new.by_channel.other",
    ),
    "requests.replies.total": (
        "requests.outcome.granted.total",
        "requests.outcome.partial.total",
        "requests.outcome.withheld.total",
        "requests.replies.other",
    ),
}

STATS_UNITS = ("人次", "万元", "条", "件", "次", "人", "元", "个", "项", "篇", "场", "期", "家", "名", "%")
