"""How reports say there were none (report-format.md §8.4): 未收到申请, 未发生行政复议, 不存在收费情况, 复议、诉讼均为零.

A statement of zero is a negation and the things it says there were none of: after it in the same clause (past a
topic, 关于…的), before it (行政复议、行政诉讼均未发生), or in a topic clause just before (关于…的申请，本年度未收到); or
the things, then a word saying they were all zero.  Subject and scope may stand between (没有接到群众…的申请).  Each
thing names one key.  The matching is :mod:`suqian_report.extractors.zeros`; the phrasing is all here.
"""

from __future__ import annotations

# Negations, and what may follow each directly.  未 must be followed by a verb (or by the thing itself: 未收费),
# so that 未来, 未成年, 未能 are not negations of anything.
VERBS = (
    "收到",
    "受理",
    "接到",
    "接收",
    "发生",
    "引发",
    "引起",
    "产生",
    "出现",
    "办理",
    "涉及",
    "提起",
    "提出",
    "收取",
    "收",
    "有",
)
NEGATIONS_BEFORE_VERB = ("均未", "暂未", "尚未", "并未", "从未", "未曾", "未再", "未")
NEGATIONS = ("没有", "不存在", "无任何", "无一", "无")

# Things a statement of zero counts: (key, unit, phrases).  Longest phrases are matched first.
THINGS = (
    ("review.total", "件", ("行政复议", "复议")),
    ("litigation.total", "件", ("行政诉讼", "诉讼")),
    ("appeals", "件", ("申诉",)),
    ("complaints", "件", ("举报", "投诉")),
    ("fees.collected", "元", ("收费", "费用", "缴费", "信息处理费")),
    ("requests.new.total", "件", ("政府信息公开申请", "信息公开申请", "公开申请", "依申请公开", "申请")),
)
# A request named only as the cause or the subject of a review or a lawsuit (行政复议申请, 因…申请而引起的行政复议)
# is no statement about requests.
REQUEST_AS_PART_AFTER = ("", "的")  # 行政复议申请, 提起行政诉讼的申请: text between the case and 申请
REQUEST_AS_CAUSE = ("引起", "引发", "而", "导致", "产生的")  # text between 申请 and the case
REQUEST_AS_VERB = ("",)  # text between 申请 and the case it asks for (被申请行政复议): 申请 is the verb
REQUEST_AS_PERSON = ("人",)  # after 申请: the applicant (没有向申请人收取费用 is about fees)

# What a negation's scope may hold before the things it counts: a topic (关于…的, 有关…的, 针对…的).  Words inside
# the topic describe the things (未收到关于政府信息公开和不予公开的申请: 申请, whatever 不予 says); the things named
# inside count only when the head after the topic names none (未发生有关行政复议和行政诉讼的情况).
TOPIC_OPENERS = ("关于", "有关", "针对", "对于")

# After the things: all of them were zero.  A digit 0 is a number the page states (it is read as a figure); the
# other things the clause names get their zero from it.
ALL_ZERO = ("均为", "都为", "均是", "都是", "皆为", "数量为", "为", "是")
ZERO_NUMERALS = ("零", "〇", "0")
COLON_NONE = ("：无", ":无", "： 无", ": 无")  # 收费情况：无

# Phrases that are a statement of zero by themselves, and the key they give.
FIXED = (("fees.collected", "元", ("免费提供", "免费向申请人提供", "免收费用", "免收")),)

# A clause with one of these speaks of something else (a result, a time limit, a table label, a word that only
# looks like a negation): it says nothing about how many there were.
NOT_ZERO = (
    "纠错",
    "纠正",
    "撤销",
    "败诉",
    "胜诉",
    "维持",
    "确认违法",
    "审结",
    "超期",
    "逾期",
    "延期",
    "正当理由",
    "无法提供",
    "未按",
    "未经",
    "不补正",
    "未予",
    "不予",
    "行政事业性收费",
    "无障碍",
    "无纸",
    "无缝",
    "无论",
    "无需",
    "无须",
    "无偿",
    "未来",
    "未成年",
    "未能",
    "未及时",
    "无差别",
    "无条件",
    "无一例外",
)
