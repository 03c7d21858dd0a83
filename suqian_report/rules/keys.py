"""Label → key mappings for figures stated in prose (report-format.md §0, §8).

A rule matches a figure by its unit, its label (the words before the number
in its clause, as written), optionally the sentence before it, and never if
the label matches ``unless``.  The first matching rule wins and a canonical
key is given once per report; a later figure matching the same rule becomes
``other.*`` with a note.  Keys are the same whatever year the report is
from, so reports line up column by column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lazy import lazy

COUNT_UNITS = frozenset({"条", "件", "个", "份", "项"})
CASE_UNITS = frozenset({"件", "起", "宗", "个", "例"})


@dataclass(frozen=True)
class Rule:
    """A canonical key's label pattern, the units it counts in, and the context that must (not) surround it."""

    key: str
    units: frozenset[str]
    label: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    context: re.Pattern[str] | None = None  # searched in the sentence text before the figure


def _r(p: str) -> re.Pattern[str]:
    return lazy(p)


# How a disclosure is made, and where (report-format.md §0: 政府网站, 政府公报, 政务微博, 政务微信, 其他方式): a figure
# naming one channel and one of the verbs is that channel's count, whatever the verb (公开, 发布, 推送, 更新, 报送…).
DISCLOSE_VERBS = r"(?:公开|发布|推送|更新|报送|刊登|刊发|发送|上传|编发|转载|推出)"
CHANNEL_WORDS = {
    "website": r"门户|网站|网上|政府网|政务网|网页",
    "gazette": r"公报",
    "weibo": r"微博",
    "wechat": r"微信|公众号",
    "other": r"其他方式|其它方式|其他渠道|其它渠道|其他途径|其它途径|其他形式|其它形式|新媒体|客户端|电视|广播|报刊|报纸|公开栏|公示栏|APP|app",
}

_REVIEW_CTX = _r(r"复议(?!.*诉讼)[^。]*$")
_LITIGATION_CTX = _r(r"诉讼(?!.*复议)[^。]*$")

PROSE_RULES: tuple[Rule, ...] = (
    # proactive disclosure
    # 累计 alone often means "in all, this year" (2020年度累计主动公开…): cumulative only when not tied to the year.
    Rule(
        "proactive.items_cumulative",
        COUNT_UNITS,
        _r(r"累计[^，。；]*公开|历年[^，。；]*公开"),
        _r(r"本年|新增|年度|全年|今年|依申请"),
    ),
    *(
        Rule(
            f"proactive.by_channel.{name}",
            COUNT_UNITS | {"篇"},
            _r(rf"(?:{words})[^，。；]*{DISCLOSE_VERBS}|{DISCLOSE_VERBS}[^，。；]*(?:{words})"),
            _r("累计|解读|" + "|".join(w for other, w in CHANNEL_WORDS.items() if other != name)),
        )
        for name, words in CHANNEL_WORDS.items()
    ),
    Rule("proactive.normative_docs.published", COUNT_UNITS, _r(r"主动公开[^，。；]*规范性文件")),
    # §8.5: documents counted by their disclosure attribute are not requests or refusals.
    Rule("info_attribute.total", COUNT_UNITS, _r(r"(制作|获取)[^，。；]{0,8}政府信息总数|政府信息总数")),
    Rule(
        "info_attribute.on_request",
        COUNT_UNITS,
        _r(r"作为依申请公开|依申请公开信息数|依申请公开的信息"),
        None,
        _r(r"(制作|获取|总数)[^。]*$"),
    ),
    Rule(
        "info_attribute.withheld",
        COUNT_UNITS,
        _r(r"不予公开信息数|不予公开信息有|不予公开的信息"),
        None,
        _r(r"(制作|获取|总数)[^。]*$"),
    ),
    Rule(
        "proactive.total",
        COUNT_UNITS,
        _r(r"主动公开(了)?(各类|各项|的)?(政府)?信息|新增主动公开|主动公开[^，。；]{0,6}信息"),
        _r(r"^其中|其他|规范性|历年|依申请|不予|目录|解读|各单位|各乡镇|各部门|县直|区直|市直|乡镇"),
    ),
    Rule("proactive.fulltext_rate", frozenset({"%"}), _r(r"全文电子化率")),
    # requests
    Rule(
        "requests.replies.total",
        COUNT_UNITS | {"次"},
        _r(r"^(答复|办结|已答复|已办结|共答复|回复)[^，。；]{0,12}$|(答复|办结)(申请|件)"),
        _r(r"按时|延期|上年|结转"),
        _r(r"申请[^。]*$"),
    ),
    Rule("requests.new.by_channel.in_person", COUNT_UNITS, _r(r"(当面|现场)申请")),
    Rule("requests.new.by_channel.online", COUNT_UNITS, _r(r"(网上|网络|在线)申请")),
    Rule("requests.new.by_channel.letter", COUNT_UNITS, _r(r"信函申请")),
    Rule("requests.new.by_channel.fax", COUNT_UNITS, _r(r"传真申请")),
    Rule("requests.new.by_channel.email", COUNT_UNITS, _r(r"(电子邮件|邮件)申请")),
    Rule(
        "requests.new.total",
        COUNT_UNITS | {"次"},
        _r(
            r"(受理|收到|接收|接到|办理|新收)[^，。；]*(公开)?申请|申请[^，。；]{0,4}(数|量|总数)|依申请公开(政府)?信息?$"
        ),
        _r(r"^其中|答复|办结|复议|诉讼|同意|不予|部分|结转|上年|当面|网上|信函|传真|电子邮件|按时|延期"),
    ),
    Rule("requests.outcome.granted.total", COUNT_UNITS, _r(r"同意公开|予以公开|全部公开"), _r(r"部分|不同意")),
    Rule("requests.outcome.partial.total", COUNT_UNITS, _r(r"部分公开"), _r(r"不予|予以公开|同意公开")),
    Rule(
        "requests.outcome.withheld.total",
        COUNT_UNITS,
        _r(r"不予公开|不同意公开|否决公开"),
        None,
        _r(r"(申请|答复|同意公开)[^。]*$"),
    ),
    Rule("requests.outcome.not_exist", COUNT_UNITS, _r(r"信息不存在")),
    Rule("requests.outcome.not_this_agency", COUNT_UNITS, _r(r"不属于本(行政)?机关|非本(行政)?机关|不属于本单位")),
    Rule("requests.outcome.already_public", COUNT_UNITS, _r(r"已主动公开")),
    Rule("requests.outcome.correction_requested", COUNT_UNITS, _r(r"更改补充|补正")),
    Rule("requests.outcome.other_channel", COUNT_UNITS, _r(r"其他途径")),
    # reviews and lawsuits
    Rule("review.result_upheld", CASE_UNITS, _r(r"维持"), None, _REVIEW_CTX),
    Rule("review.result_corrected", CASE_UNITS, _r(r"纠正|纠错|撤销|变更|确认违法|责令履行"), None, _REVIEW_CTX),
    Rule("review.result_other", CASE_UNITS, _r(r"其他(结果|情形)|驳回|终止"), None, _REVIEW_CTX),
    Rule("review.pending", CASE_UNITS, _r(r"尚未审结|未审结|正在审理|审理中"), None, _REVIEW_CTX),
    Rule("review.total", CASE_UNITS, _r(r"行政复议"), _r(r"维持|纠正|撤销|变更|驳回|审结|诉讼")),
    Rule("litigation.result_upheld", CASE_UNITS, _r(r"维持|胜诉"), None, _LITIGATION_CTX),
    Rule(
        "litigation.result_corrected", CASE_UNITS, _r(r"纠正|纠错|撤销|败诉|确认违法|责令履行"), None, _LITIGATION_CTX
    ),
    Rule("litigation.result_other", CASE_UNITS, _r(r"其他(结果|情形)|驳回|撤诉|终止"), None, _LITIGATION_CTX),
    Rule("litigation.pending", CASE_UNITS, _r(r"尚未审结|未审结|正在审理|审理中"), None, _LITIGATION_CTX),
    Rule("litigation.total", CASE_UNITS, _r(r"行政诉讼|提起诉讼|起诉|应诉"), _r(r"维持|纠正|撤销|驳回|审结|胜诉|败诉")),
    Rule("complaints", CASE_UNITS, _r(r"举报|投诉|申诉"), _r(r"复议|诉讼")),
    # fees
    Rule("fees.info_processing.amount_collected", frozenset({"元", "万元"}), _r(r"信息处理费")),
    Rule("fees.collected", frozenset({"元", "万元"}), _r(r"收取?[^，。；]{0,10}费|费用")),
    # consultations
    Rule("consultations.phone", frozenset({"人次", "次", "个", "件", "人"}), _r(r"电话[^，。；]{0,6}咨询|咨询电话")),
    Rule(
        "consultations.online",
        frozenset({"人次", "次", "个", "件", "人"}),
        _r(r"(网上|网络|在线|网站)[^，。；]{0,6}咨询"),
    ),
    Rule(
        "consultations.in_person",
        frozenset({"人次", "次", "个", "件", "人"}),
        _r(r"(现场|当面|来访)[^，。；]{0,6}咨询"),
    ),
    Rule(
        "consultations.total",
        frozenset({"人次", "次", "个", "件", "人"}),
        _r(r"咨询"),
        _r(r"电话|网上|网络|在线|现场|当面|来访|^其中"),
    ),
    # press, gazette, staff
    Rule("press_conferences.total", frozenset({"场", "次"}), _r(r"新闻发布会|发布会"), _r(r"^其中|本级|在线访谈")),
    Rule(
        "response.interpretations",
        frozenset({"篇", "件", "条", "期", "次"}),
        _r(r"(政策)?解读(稿件|材料|文章)?$|解读稿"),
    ),
    Rule("response.hot_issues", frozenset({"次", "件", "条"}), _r(r"回应[^，。；]*(热点|关切|舆情)")),
    Rule("funding.special_wan_cny", frozenset({"万元"}), _r(r"专项经费")),
    Rule("gazette.issues", frozenset({"期"}), _r(r"公报"), _r(r"每期|手机报")),
    Rule("staff.total", frozenset({"人", "名"}), _r(r"专、?兼职|专兼职")),
    Rule("staff.full_time", frozenset({"人", "名"}), _r(r"专职|全职")),
    Rule("staff.part_time", frozenset({"人", "名"}), _r(r"兼职")),
    Rule("org.reading_points", frozenset({"个", "处"}), _r(r"查阅点|查阅场所|查阅中心|受理点")),
)

# Channels a disclosure may name.  A clause naming two or more (门户网站、微信公众号…) gives their total.
CHANNELS = {name: lazy(words) for name, words in CHANNEL_WORDS.items()}
CHANNELS["other"] = lazy(CHANNEL_WORDS["other"] + "|查阅点|查询点|信用中国")

# Who a figure counts: the first of these the clause (or sentence) names before the figure.
SCOPES = lazy(
    r"全省|全市|全县|全区|全镇|全乡|全委|全局|市本级|县本级|区本级|本级|本机关|本部门|本单位|我局|我委|我办|我中心"
)
PORTAL = lazy(r"(?:门户|网站|平台)[^，。；]{0,4}《([^》]{2,12})》|《([^》]{2,12})》[^，。；]{0,4}(?:门户|网站|平台)")

# Known categories of proactively disclosed information → key slug.
CATEGORY_SLUGS = {
    "概况": "overview",
    "概况信息": "overview",
    "机构概况": "overview",
    "行政公文": "official_documents",
    "政府文件": "official_documents",
    "政策文件": "policy_documents",
    "工作规划": "work_plans",
    "规划计划": "plans",
    "计划规划": "plans",
    "计划总结": "plans_summaries",
    "规划信息": "plans",
    "人事信息": "personnel",
    "人事任免": "personnel",
    "人事": "personnel",
    "财经信息": "finance",
    "财政信息": "finance",
    "财政预决算": "budgets",
    "预决算": "budgets",
    "部门预决算": "budgets",
    "民政公益": "civil_affairs",
    "应急管理": "emergency_management",
    "政府重要会议": "government_meetings",
    "重要会议": "government_meetings",
    "政府会议": "government_meetings",
    "通知公告": "notices",
    "公示公告": "notices",
    "信息化建设": "informatization",
    "其他信息": "other",
    "其他": "other",
    "其它": "other",
    "其它信息": "other",
    "工作动态": "work_updates",
    "业务动态": "work_updates",
    "政务动态": "work_updates",
    "部门动态": "department_updates",
    "政策解读": "policy_interpretation",
    "规范性文件": "normative_docs",
    "机构职能": "agency_functions",
    "领导信息": "leadership",
    "统计信息": "statistics",
    "统计数据": "statistics",
    "行政许可": "licensing",
    "行政处罚": "penalties",
    "重点领域": "key_areas",
    "法规文件": "regulations",
    "政策法规": "regulations",
    "建议提案": "proposals",
    "人大建议政协提案": "proposals",
    "公共服务": "public_services",
    "办事服务": "public_services",
}

# Words stripped from the ends of a label: they say when, who, or how much, not what.
LABEL_LEAD = lazy(
    r"^(?:(?:19|20)\d\d年(?:度|以来|内|底|全年)?|截至(?:目前|年底|\d{1,2}月底?)|截止(?:目前|年底)|目前|全年|本年度?|年度内|"
    r"其中|包括|另有|以及|此外|同时|并且|并|且|还|和|及|与|、|共有|共计|共|累计共|总共|合计|总计|"
    r"全省|全市|全县|全区|全镇|全乡|全委|全局|市本级|县本级|区本级|本级|本机关|本部门|本单位|我局|我委|我办|我中心|我市|我县|我区|"
    r"组织|举办|召开|开展|明确|建立|设立|配备|设置|完成|实现|要求|督促|指导|通过|依托)+"
)
LABEL_TAIL = lazy(
    r"(?:达到|达|(?<![行作成认因所以])为|共计|共有|共|计|约|近|超过|有|已有|占到|占|分别为|分别|各|了|的|是)+$"
)
VERBS_BEFORE_NOUN = lazy(
    r"(组织|举办|召开|开展|明确|建立|设立|配备|设置|完成|实现|开通|发布|编发|印发|出台|制定|"
    r"参加|参与|举行|接待|培训|有|共有|已有|达|显示|涉及|覆盖|做了|进行|要求)$"
)
NOUN_STOP = lazy(
    r"(参与|参加|开通|开展|完成|顺利|实现|进行|提供|表示|对|的|和|并|以|在|为|将|都|均|已|共|向|从|通过|即|达|\d)"
)
# A long label keeps what follows its last verb: …等平台主动公开规章 → 主动公开规章.
LABEL_VERB = lazy(r"(主动公开|公开|发布|受理|收到|办理|答复|举办|召开|接待|编发|印发|制发|接入|开展|办结)")
MEASURE_WORDS = frozenset(
    {"名", "个", "家", "位", "所", "项", "次", "场", "期", "篇", "座", "台", "套", "支", "批", "处", "户", "类", "种"}
)
