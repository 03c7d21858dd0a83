"""Units and counters that follow a figure, and the words that qualify a figure."""

from __future__ import annotations

# Longest first: 万人次 before 人次 before 人.  万/亿 in front of a count multiply it; money keeps its unit.
UNITS = (
    "个百分点", "个工作日", "万人次", "个月", "人次", "件次", "份次", "篇次", "户次", "期次", "场次", "条次",
    "万元", "亿元", "千元", "工作日", "平方米", "公里", "万字", "小时", "分钟",
    "条", "件", "场", "期", "名", "个", "份", "篇", "家", "次", "人", "项", "批", "户", "天", "处", "所", "座",
    "部", "台", "套", "册", "本", "页", "张", "类", "种", "起", "宗", "例", "位", "支", "组", "轮", "元", "万",
    "余", "周", "岁", "字", "届", "栏", "章", "节", "款", "号", "级", "年", "月", "日", "%", "％",
)
MONEY_UNITS = frozenset({"万元", "亿元", "千元", "元"})

# Counters a Chinese numeral needs to be read as a figure (二十九件, 五次).  Calendar words are left out.
CN_COUNTERS = tuple(u for u in UNITS if u not in ("年", "月", "日", "号", "级", "届", "万", "余", "%", "％", "章", "节", "款"))

APPROX_BEFORE = ("大约", "将近", "超过", "约", "近", "逾", "超")
APPROX_AFTER = ("余", "多", "左右", "以上", "上下")
