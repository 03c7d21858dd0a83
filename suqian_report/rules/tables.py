"""The standard tables of the 2019 and 2021 report formats (report-format.md §4–6): labels → keys.

Labels are matched after normalisation (spaces, brackets and list markers removed), by the phrases
listed here, most specific first.
"""

from __future__ import annotations

# ---------------------------------------------------------------- table 二 主动公开政府信息情况

# Row label → key stem.  Order matters: 行政规范性文件 before 规范性文件, 其他对外管理服务事项 before 行政许可.
TABLE2_ROWS = (
    ("行政规范性文件", "proactive.normative_docs"),
    ("规范性文件", "proactive.normative_docs"),
    ("规章", "proactive.rules"),
    ("其他对外管理服务事项", "proactive.other_admin_services"),
    ("行政许可", "proactive.licensing"),
    ("行政处罚", "proactive.penalty"),
    ("行政强制", "proactive.coercion"),
    ("行政事业性收费", "proactive.admin_fees"),
    ("政府集中采购", "proactive.procurement"),
)

# Column header → (key suffix, unit).  Longest first: 本年处理决定数量 before 处理决定数量.
TABLE2_COLUMNS = (
    ("本年收费金额", "amount_wan_cny", "万元"),
    ("本年处理决定数量", "decisions", "件"),
    ("本年制发件数", "issued", "件"),
    ("本年废止件数", "repealed", "件"),
    ("现行有效件数", "in_force", "件"),
    ("本年新制作数量", "new_made", "件"),
    ("本年新公开数量", "new_published", "件"),
    ("对外公开总数量", "published_total", "件"),
    ("上一年项目数量", "items_prev_year", "项"),
    ("本年增/减", "items_change", "项"),
    ("本年增减", "items_change", "项"),
    ("处理决定数量", "decisions", "件"),
    ("采购项目数量", "projects", "个"),
    ("采购总金额", "amount", None),
)

# When the header row is lost (or cut: 本年新 | 本年新): the columns each row has in each layout.
TABLE2_DEFAULT_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "template_2021": {
        "proactive.rules": ("issued", "repealed", "in_force"),
        "proactive.normative_docs": ("issued", "repealed", "in_force"),
        "proactive.licensing": ("decisions",),
        "proactive.penalty": ("decisions",),
        "proactive.coercion": ("decisions",),
        "proactive.admin_fees": ("amount_wan_cny",),
    },
    "template_2019": {
        "proactive.rules": ("new_made", "new_published", "published_total"),
        "proactive.normative_docs": ("new_made", "new_published", "published_total"),
        "proactive.licensing": ("items_prev_year", "items_change", "decisions"),
        "proactive.other_admin_services": ("items_prev_year", "items_change", "decisions"),
        "proactive.penalty": ("items_prev_year", "items_change", "decisions"),
        "proactive.coercion": ("items_prev_year", "items_change", "decisions"),
        "proactive.admin_fees": ("items_prev_year", "items_change"),
        "proactive.procurement": ("projects", "amount"),
    },
}
COLUMN_UNITS = {suffix: unit for _label, suffix, unit in TABLE2_COLUMNS}
SIGNED_COLUMNS = frozenset({"items_change"})  # 本年增/减 may be negative; every other count may not

# ---------------------------------------------------------------- table 三 收到和处理政府信息公开申请情况

TABLE3_COLUMNS = (
    "natural_person",
    "org_commercial",
    "org_research",
    "org_public_interest",
    "org_legal_service",
    "org_other",
    "total",
)
TABLE3_COLUMN_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

# (row key, phrases any of which names the row).  Leaves first; group rows (no cells) are recognised to skip.
TABLE3_ROWS = (
    ("new", ("本年新收",)),
    ("carried_in", ("上年结转",)),
    ("outcome.withheld.state_secret", ("国家秘密",)),
    ("outcome.withheld.prohibited_by_law", ("禁止公开",)),
    ("outcome.withheld.security_stability", ("三安全一稳定", "危及")),
    ("outcome.withheld.third_party", ("第三方合法权益", "第三方")),
    ("outcome.withheld.internal_affairs", ("内部事务",)),
    ("outcome.withheld.process_info", ("过程性信息", "过程性")),
    ("outcome.withheld.enforcement_file", ("行政执法案卷", "执法案卷")),
    ("outcome.withheld.admin_query", ("行政查询事项", "查询事项")),
    ("outcome.unable.not_held", ("不掌握",)),
    ("outcome.unable.needs_creation", ("另行制作", "没有现成信息")),
    ("outcome.unable.still_unclear", ("仍不明确",)),
    ("outcome.not_processed.petition", ("信访", "举报投诉")),
    ("outcome.not_processed.duplicate", ("重复申请",)),
    ("outcome.not_processed.publication", ("公开出版物",)),
    ("outcome.not_processed.excessive", ("大量反复",)),
    ("outcome.not_processed.confirm_reissue", ("重新出具", "确认或重新")),
    ("outcome.other.no_correction", ("逾期不补正", "不补正", "逾期不补")),
    ("outcome.other.fee_unpaid", ("收费通知", "缴纳费用")),
    ("outcome.granted", ("予以公开",)),
    ("outcome.partial", ("部分公开",)),
    ("outcome.other", ("其他处理",)),
    ("carried_out", ("结转下年度", "下年度继续办理")),
    ("outcome.total", ("总计",)),
)
TABLE3_GROUPS = (
    ("outcome", ("本年度办理结果",)),
    ("outcome.withheld", ("不予公开",)),
    ("outcome.unable", ("无法提供",)),
    ("outcome.not_processed", ("不予处理",)),
)
TABLE3_LEAVES_2019 = (
    "outcome.granted",
    "outcome.partial",
    "outcome.withheld.state_secret",
    "outcome.withheld.prohibited_by_law",
    "outcome.withheld.security_stability",
    "outcome.withheld.third_party",
    "outcome.withheld.internal_affairs",
    "outcome.withheld.process_info",
    "outcome.withheld.enforcement_file",
    "outcome.withheld.admin_query",
    "outcome.unable.not_held",
    "outcome.unable.needs_creation",
    "outcome.unable.still_unclear",
    "outcome.not_processed.petition",
    "outcome.not_processed.duplicate",
    "outcome.not_processed.publication",
    "outcome.not_processed.excessive",
    "outcome.not_processed.confirm_reissue",
    "outcome.other",
)
TABLE3_LEAVES_2021 = TABLE3_LEAVES_2019[:-1] + (
    "outcome.other.no_correction",
    "outcome.other.fee_unpaid",
    "outcome.other.misc",
)
TABLE3_ROW_ORDER_2021 = ("new", "carried_in") + TABLE3_LEAVES_2021 + ("outcome.total", "carried_out")
TABLE3_ROW_ORDER_2019 = ("new", "carried_in") + TABLE3_LEAVES_2019 + ("outcome.total", "carried_out")

# ---------------------------------------------------------------- table 四 行政复议、行政诉讼

TABLE4_BLOCKS = ("review", "litigation.direct", "litigation.after_review")
TABLE4_COLUMNS = ("result_upheld", "result_corrected", "result_other", "pending", "total")
TABLE4_COLUMN_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
TABLE4_BLOCK_LABELS = ("行政复议", "行政诉讼·未经复议直接起诉", "行政诉讼·复议后起诉")

# ---------------------------------------------------------------- where each table starts

TABLE_HEADINGS = {
    "二": ("主动公开政府信息情况",),
    "三": ("收到和处理政府信息公开申请情况",),
    "四": (
        "行政复议、行政诉讼情况",
        "行政复议和行政诉讼情况",
        "行政复议和提起行政诉讼情况",
        "行政复议、提起行政诉讼情况",
    ),
}
TABLE_ANCHORS = {
    "二": ("第二十条第",),
    "三": ("本列数据的勾稽关系", "申请人情况"),
    "四": ("未经复议直接起诉", "复议后起诉"),
}
AFTER_TABLES = ("存在的主要问题", "主要问题及改进", "其他需要报告的事项")
