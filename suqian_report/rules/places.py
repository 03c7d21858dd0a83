"""How the names of places and public bodies are built, for telling who publishes a report (extractors/publisher.py).

A place name is a run of units going down the administrative levels, each a stem and a suffix: 江苏省 宿迁市 宿城区
(省 > 市 > 区), 内蒙古自治区 鄂尔多斯市 准格尔旗, 眉山市 东坡区 崇礼镇.  A body's name is a place (or none) and a head
that ends in one of the words bodies end in: 人民政府, 办公室, 局, 委员会, 中心…  Nothing here lists places: any
place works by its grammar.
"""

from __future__ import annotations

# The four municipalities are provinces in rank (北京市 is a province, 北京市东城区 a district).
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")

# Unit suffixes by level, longest first within a level.  A county-level 市 under a city (苏州市昆山市) is a county.
PROVINCE = ("特别行政区", "自治区", "省")
PREFECTURE = ("自治州", "地区", "市", "州", "盟")
COUNTY = ("自治县", "自治旗", "新区", "林区", "特区", "市", "县", "区", "旗")
TOWNSHIP = ("民族乡", "街道", "苏木", "镇", "乡")
# Zones run by a committee (管委会), not a government: a zone's body reports as a department does.
ZONE = (
    "经济技术开发区",
    "高新技术产业开发区",
    "综合实验区",
    "综合试验区",
    "开发区",
    "经开区",
    "高新区",
    "工业园区",
    "产业园区",
    "园区",
    "实验区",
    "试验区",
    "示范区",
    "保税区",
    "合作区",
    "度假区",
    "风景区",
    "管理区",
)
# The level of a place's own government, by the suffix of its last unit.
LEVEL_OF_SUFFIX = {
    **dict.fromkeys(PROVINCE, "province"),
    **dict.fromkeys(("自治州", "地区", "州", "盟"), "city"),
    **dict.fromkeys(("自治县", "自治旗", "县", "旗"), "county"),
    **dict.fromkeys(("新区", "林区", "特区", "区"), "district"),
    **dict.fromkeys(("民族乡", "苏木", "镇", "乡"), "township"),
    "街道": "subdistrict",
}
# Characters that end units: a stem never holds them (宿城区市场监督管理局 is 宿城区 + 市场监督管理局, not 宿城区市).
UNIT_CHARS = "省市县区旗盟"
# Words of a sentence that no place's stem holds (一是在东坡区… is not a place 一是在东坡区).
NOT_IN_STEMS = "在的对将于从我本是了其该各"
# One-character stems that are words, not places (城市, 社区, 全市, 本县…).
NOT_STEMS = "城都社小辖景片街全本我各该上下市县区省乡镇州"

# The government of a place, and its general office (whose level is the government's, 办公室 of a 人民政府).
GOVERNMENT = ("人民政府", "政府", "行政公署", "街道办事处", "办事处")
GOVERNMENT_OFFICE = ("人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "政府办")
# Offices that compile and publish a government's own report (政务公开办, 信息公开领导小组办公室, 联席会议办公室):
# their level is the government's.
DISCLOSURE_OFFICE = r"(?:政务公开|信息公开|政府信息公开)[\u4e00-\u9fff]{0,8}?(?:办公室|办)$|联席会议办公室$"
# The internal office of a department or a township (苍溪县农业农村局办公室, 两城镇人民政府党政办公室): the report is
# the department's or the township's, the office only its clerk.
INTERNAL_OFFICE = ("党政综合办公室", "党政办公室", "综合办公室", "党政办", "办公室")

# The words a body's name ends in.  Longest first.
ORG_SUFFIXES = (
    "人民政府办公室",
    "人民政府办公厅",
    "街道办事处",
    "领导小组办公室",
    "人民政府",
    "行政公署",
    "管理委员会",
    "委员会",
    "管委会",
    "办公室",
    "办公厅",
    "办事处",
    "政府",
    "中心",
    "局",
    "厅",
    "委",
    "办",
    "署",
    "处",
    "院",
    "所",
    "站",
    "队",
    "馆",
    "室",
    "会",
    "部",
)
# A second name of the same body in brackets right after the first (一个机构两块牌子): part of the name.
ALIAS = r"[(（][\u4e00-\u9fff]{2,20}(?:管委会|委员会|局|办公室|中心|政府|办)[)）]"
# An aside after a name: (以下简称县政府办), (下称…).
ASIDE = r"[(（]\s*(?:以下简称|以下称|下称|简称)[^)）]{0,20}[)）]"

# Words that end a name inside a sentence: a verb or a connective after the subject (海珠区人民政府认真贯彻…).
NAME_STOPS = (
    "的",
    "和",
    "与",
    "及",
    "对",
    "在",
    "将",
    "于",
    "按",
    "以",
    "为",
    "共",
    "全",
    "各",
    "根据",
    "依据",
    "依照",
    "综合",
    "负责",
    "牵头",
    "会同",
    "组织",
    "结合",
    "编制",
    "认真",
    "积极",
    "深入",
    "坚持",
    "严格",
    "进一步",
    "不断",
    "紧紧",
    "围绕",
    "贯彻",
    "落实",
    "着力",
    "扎实",
    "大力",
    "切实",
    "持续",
    "始终",
    "高度",
    "主动",
    "通过",
    "继续",
    "加强",
    "推进",
    "健全",
    "完善",
    "收到",
    "受理",
    "办理",
    "公开",
    "发布",
    "联系",
    "印发",
    "制定",
    "召开",
    "开展",
    "先后",
    "累计",
    "已",
    "也",
    "还",
    "是",
)

# How a report's text speaks of its own body: 我局, 本委, 我县, 我镇…  (pronoun → the body's level).
SELF_DEPARTMENT = r"(?:我|本)(?:局|委|办|厅|中心|署|院|馆|站|所|队|公司)(?![\u4e00-\u9fff]{0,2}(?:长|面))"
SELF_PLACE = {
    "省": "province",
    "自治区": "province",
    "市": "city",
    "州": "city",
    "盟": "city",
    "县": "county",
    "旗": "county",
    "区": "district",
    "镇": "township",
    "乡": "township",
    "街道": "subdistrict",
}
