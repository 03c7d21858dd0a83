"""What a report must contain, by format (report-format.md §2–3): the parts whose absence makes it incomplete.

Each required part is (name, phrases any of which shows it is there); tables are shown by the cells read from
them.  The 2019 and 2021 formats: six sections and tables 二, 三, 四.  The prose era (2007 Regulation, art. 32):
proactive disclosure, requests, fees, reviews and lawsuits, problems and improvements.
"""

from __future__ import annotations

TEMPLATE_SECTIONS = (
    ("一、总体情况", ("总体情况", "基本情况", "概述")),
    ("二、主动公开政府信息情况", ("主动公开政府信息情况",)),
    ("三、收到和处理政府信息公开申请情况", ("收到和处理政府信息公开申请情况",)),
    (
        "四、政府信息公开行政复议、行政诉讼情况",
        ("行政复议、行政诉讼情况", "行政复议和行政诉讼情况", "行政复议、提起行政诉讼"),
    ),
    ("五、存在的主要问题及改进情况", ("存在的主要问题", "主要问题及改进", "问题和改进", "问题及改进")),
    ("六、其他需要报告的事项", ("其他需要报告的事项",)),
)
TEMPLATE_TABLES = ("二", "三", "四")
PROSE_TOPICS = (
    ("主动公开政府信息的情况", ("主动公开",)),
    ("依申请公开政府信息和不予公开政府信息的情况", ("依申请公开", "申请公开", "收到申请", "受理申请", "公开申请")),
    ("政府信息公开的收费及减免情况", ("收费", "费用", "减免")),
    ("因政府信息公开申请行政复议、提起行政诉讼的情况", ("行政复议", "行政诉讼", "复议", "诉讼")),
    ("政府信息公开工作存在的主要问题及改进情况", ("问题", "改进", "不足")),
)
