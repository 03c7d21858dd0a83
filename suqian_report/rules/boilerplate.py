"""What is not the report: navigation, the metadata panel, link lists, spam.

Patterns are matched against one repaired (simplified) line at a time.
"""

from __future__ import annotations

import re

from .lazy import lazy

# Search boxes, breadcrumbs, toolbars: lines that are navigation wherever they stand.  Most are known by how the
# line begins (AT_START, matched at its start), a few by words anywhere in it (ANYWHERE): each set is one pattern,
# so that a line is tried twice, not once for each.
_NAVIGATION_AT_START = (
    r"请输入(关键字|关键词|搜索|检索|您要搜索)",
    r"(确定|搜索|检索|高级搜索|站内搜索|查询|提交|重置|返回|返回顶部|返回首页|打印|打印本页|关闭|关闭窗口|"
    r"收藏|收藏本页|分享|分享到|字号|字体|默认|大|中|小|【大】|【中】|【小】|•|·|\|)[:：]?$",
    r"首页\s*[>＞»›/]|.{0,30}首页\s*[>＞»›]",
    r"(首页|网站首页)$",
    r"【?\s*字[体号]\s*[:：]",
    r"(上一篇|下一篇|上一条|下一条)[:：]",
    r"(浏览|访问|阅读)(次数|量)[:：]",
    r"(发布|更新)(时间|日期)[:：].{0,40}(来源|访问量|浏览|点击|阅读|字[体号]|【)",
    r"来源[:：]\S{0,20}(访问|浏览|时间|日期|字[体号]|$)",
    r"(全文|全真版|文字版|PDF版|打印版)(\s+(全文|全真版|文字版|PDF版|打印版))*$",
    r"(视力保护色|无障碍|适老化|繁体|简体|English|登录|注册|手机版|移动版)(\s|$)",
    r"[-=*_]{3,}\s*(正文|全文)?\s*[-=*_]{3,}$|\|?\s*:?-{3,}",
    r"(页面链接|本地目录|原文链接)[:：]",
)
_NAVIGATION_ANYWHERE = (
    # (位置 may have lost its 置 to a lossy decoding: 位�)
    r"(您当前所在位|您的当前位|当前所在位|您现在的位|您所在的位|当前位|您的位)[置\ufffd]\s*[:：]",
    r"扫一扫|分享到[:：]|微信\s*微博|QQ空间|Top\b(?<!\wTop)",
)
NAVIGATION_AT_START = lazy("(?:" + "|".join(f"(?:{p})" for p in _NAVIGATION_AT_START) + ")")  # (use .match)
NAVIGATION_ANYWHERE = lazy("|".join(f"(?:{p})" for p in _NAVIGATION_ANYWHERE))


def is_navigation(line: str) -> bool:
    return NAVIGATION_AT_START.match(line) is not None or NAVIGATION_ANYWHERE.search(line) is not None


# Parts of a site's template, by the tags that hold them and the words of their class and id (split at -, _ and
# case changes: article-info is article + info).  The words are the English and pinyin names CMS templates use.
ROLES = {
    "footer": (("footer",), ("footer", "foot", "bottom", "copyright", "banquan", "dibu")),
    "header": (("header",), ("header", "topbar", "banner", "logo", "toubu")),
    "navigation": (
        ("nav",),
        (
            "nav",
            "navbar",
            "menu",
            "crumb",
            "crumbs",
            "breadcrumb",
            "position",
            "location",
            "weizhi",
            "dqwz",
            "daohang",
            "lmdh",
            "sitemap",
            "search",
        ),
    ),
    "share": ((), ("share", "bdshare", "fenxiang")),
    "related": (
        ("aside",),
        (
            "related",
            "relevant",
            "xgxx",
            "xglj",
            "xgwz",
            "friend",
            "yqlj",
            "hot",
            "rdxw",
            "recommend",
            "side",
            "sidebar",
        ),
    ),
    "pages": ((), ("prev", "next", "prevnext", "sxp", "fanye", "pager", "pagination")),
    "tools": ((), ("tools", "toolbar", "print", "dayin", "zihao")),
}
# The boilerplate kind (segment.py) each part of the template is cut as.
ROLE_CUTS = {
    "footer": "footer",
    "header": "header",
    "navigation": "navigation",
    "share": "toolbar",
    "related": "related",
    "pages": "toolbar",
    "tools": "toolbar",
}
# A line whose characters are this share link text, or more, is a menu or a list of links.
LINK_SHARE = 0.6
# Words that mark the page's own content: whatever template part is around it, what is inside is the page's.
CONTENT_WORDS = ("content", "article", "zoom", "trs", "editor", "detail", "zhengwen", "wenzhang", "main")

# The line under an article's title: its date, then its source, hits, font size (日期：2013-03-28 来源：区政府办 点击：51).
# It is the page's metadata: the date is the publish date.
ARTICLE_INFO = lazy(
    r"^(?:发布|更新|成文|发文)?(?:时间|日期)\s*[:：]\s*((?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
    r".{0,60}?(?:来源|点击|浏览|阅读|访问|字[体号]|【|打印)"
)

# A panel line whose labels a lossy decoding lost (� � �: 014416330/2018-04736): lost characters where a label
# stands, then an index number or a date.
LOST_LABEL_PANEL = lazy(
    r"^[\ufffd\s]{1,8}[:：|]\s*(?:[A-Za-z0-9\-]{4,}/\d{4}-\d{3,6}|(?:19|20)\d\d-\d{1,2}-\d{1,2})(?:\s|\||$)"
)

# Blocks whose first line announces related links or attachments: the rest of the block goes.
RELATED_START = lazy(
    r"^(相关(信息|链接|文章|新闻|阅读|文件|附件|稿件|专题)|附件(下载|列表)?|相关附件|延伸阅读|扩展阅读|热点推荐|推荐阅读)[:：]?$"
)

# Site footers.
FOOTER = lazy(
    r"(版权所有|主办单位|承办单位|技术支持|运维单位|网站标识码|ICP备|公网安备|网站地图|联系我们|建议使用.{0,20}浏览器|"
    r"Copyright|©|All Rights Reserved|分辨率|访问者|访问量|访问人次|浏览量)",
    re.I,
)

# Metadata panel labels, as written by CMS pages (simplified).  Longest first where one contains another.
PANEL_LABELS = (
    "服务对象分类",
    "主题分类",
    "体裁分类",
    "组配分类",
    "信息分类",
    "发文机关",
    "发布机构",
    "发布单位",
    "公开主体",
    "发文日期",
    "成文日期",
    "发布日期",
    "公开日期",
    "生成日期",
    "印发日期",
    "发文字号",
    "信息来源",
    "公开方式",
    "公开范围",
    "公开时限",
    "内容概述",
    "索引号",
    "关键词",
    "主题词",
    "文件下载",
    "有效性",
    "名称",
    "标题",
    "分类",
    "文号",
    "时效",
    "栏目",
    "发布时间",
)
# Labels distinctive enough that one of them makes a line a panel line.
PANEL_STRONG = frozenset(
    {
        "索引号",
        "发布机构",
        "发文日期",
        "成文日期",
        "文号",
        "发文字号",
        "主题分类",
        "体裁分类",
        "公开方式",
        "公开范围",
        "生成日期",
        "发文机关",
        "关键词",
        "时效",
        "文件下载",
        "有效性",
    }
)
