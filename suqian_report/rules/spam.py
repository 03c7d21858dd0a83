"""Spam that mirror sites add: link lists and brand names injected into the text."""

from __future__ import annotations

import re

from .lazy import lazy

# Words of the adult and gambling link farms mirrors append.  A line dense in them is a spam link line.
LINK_SPAM_WORDS = (
    # Words that also occur in real reports (福利, 影视, 足球, 澳门, 精品课程…) are left out on purpose.
    "蜘蛛池",
    "毛片",
    "无码",
    "有码",
    "人妻",
    "黄色",
    "黄片",
    "色情",
    "xxxx",
    "在线观看",
    "免费观看",
    "免费视频",
    "视频在线",
    "高清在线",
    "一区二区",
    "二区三区",
    "国产精品",
    "久久",
    "亚洲",
    "欧美",
    "日韩",
    "做受",
    "性猛交",
    "偷拍",
    "自拍",
    "丝袜",
    "乱伦",
    "porn",
    "sex",
    "彩票",
    "时时彩",
    "六合彩",
    "百家乐",
    "博彩",
    "赌场",
    "娱乐城",
    "棋牌",
    "投注",
    "买球",
    "威尼斯人",
    "老虎机",
    "登录入口",
)
_WORDS = lazy("|".join(re.escape(w) for w in sorted(LINK_SPAM_WORDS, key=len, reverse=True)))
STRONG = lazy(r"蜘蛛池|主站蜘蛛|毛片|无码|人妻|一区二区|做受|性猛交|乱伦|偷拍|时时彩|六合彩|百家乐")

# Brand names injected into report text (replacing the body's name or a phrase), or glued to the title line.
_BRAND_WORDS = "体育|娱乐|彩票|电竞|棋牌|游戏|竞技|体彩|真人|电玩|博彩"
_SITE_WORDS = "官方网站|官网|官方平台|官方入口|登录入口|网页版|手机版|(?:app|APP|App)下载|客户端下载"
# A gambling brand's name: Latin (kaiyun, ky) or two or three characters; not the end of a body's own name.
_NAME = r"(?:[A-Za-z][A-Za-z0-9]{1,15}|(?![区县市省镇乡州局府室委厅办处站所院])[\u4e00-\u9fff]{2,3}?)"
_CHINA = r"[(（]中国[)）]"
_DOWNLOAD = r"(?:[-—–_·/|\s]{0,3}(?:IOS|iOS|ios|安卓|Android|android|苹果|手机|APP|app)[A-Za-z/\u4e00-\u9fff]{0,16}?(?:下载|通用版|官方版|版))*"
# 某某体育(中国)官方网站, 开云体育官网, kaiyun体育(中国)官方网站-IOS/安卓通用版/手机APP下载: a brand word or (中国)
# is needed before the site word, so that 区政府官方网站 and 文化体育局 are not spam.
# (Spaces inside are at most one: an unbounded run would be retried from every space of a long blank run.)
OFFICIAL_SITE = (
    rf"(?:{_NAME}(?:{_BRAND_WORDS})\s?(?:{_CHINA}\s?(?:{_SITE_WORDS})?|{_SITE_WORDS})"
    rf"|{_NAME}?(?:{_BRAND_WORDS})?\s?{_CHINA}\s?(?:{_SITE_WORDS})){_DOWNLOAD}"
)
_BRANDS = (
    r"[\u4e00-\u9fff]{0,4}(?:体彩网|彩票网|福彩网|足球网|体育网|娱乐网|娱乐城|棋牌网|彩票app|彩票APP)"
    r"(?:[,，、][\u4e00-\u9fff]{0,4}(?:体彩网|彩票网|福彩网|足球网|体育网|娱乐网|娱乐城|棋牌网))*"
    r"|\d{3,6}(?:线路检测中心|线路检测|线路|娱乐|彩票|体育)(?:中心)?"
    r"|买(?:足球|彩票|球)的(?:软件|app|APP|平台|网站)"
    r"|(?:足球|体育|彩票)(?:投注|下注|竞猜)(?:软件|平台|网站|app|APP)"
    rf"|{OFFICIAL_SITE}"
)
# Every match of _BRANDS holds one of these words (each alternative above names one): text without any cannot
# match, and is not scanned with the long pattern, which tries its CJK prefix at every character.
# (Every alternative begins with a literal, so that the engine skips to the characters they begin with.)
_BRAND_ANCHOR = lazy(
    r"体彩|彩票|福彩|足球|体育|娱乐|棋牌|线路|买|电竞|游戏|竞技|真人|电玩|博彩|\(中国[)）]|（中国[)）]"
)


class _Anchored:
    """A pattern searched only in text that holds one of its anchor words (the same matches, found sooner).
    It is compiled when first needed: most pages hold none of the words, and compiling it costs 5 ms."""

    def __init__(self, pattern: str, anchor: re.Pattern[str]):
        self.pattern, self.anchor = lazy(pattern), anchor

    def finditer(self, text: str):
        return self.pattern.finditer(text) if self.anchor.search(text) else iter(())

    def search(self, text: str):
        return self.pattern.search(text) if self.anchor.search(text) else None

    def sub(self, repl: str, text: str) -> str:
        return self.pattern.sub(repl, text) if self.anchor.search(text) else text


BRANDS = _Anchored(_BRANDS, _BRAND_ANCHOR)


def spam_word_hits(line: str) -> int:
    return len(_WORDS.findall(line))


def is_link_spam(line: str) -> bool:
    """A line of spam links: dense in spam words, or a ``|``-joined list of them."""
    if STRONG.search(line):
        return True
    hits = spam_word_hits(line)
    if not hits:
        return False
    parts = [p for p in re.split(r"[|｜]", line) if p.strip()]
    if len(parts) >= 3:
        spammy = sum(1 for p in parts if _WORDS.search(p))
        return spammy >= max(2, len(parts) // 2)
    cjk = sum(1 for ch in line if "\u4e00" <= ch <= "\u9fff")
    return hits >= 2 and cjk <= 40 and "。" not in line


_TOKEN = lazy(r"[^\s|｜。！？]+[。！？]?|[。！？]")


def spam_runs(line: str) -> list[tuple[int, int]]:
    """Column ranges of link spam inside a long line that also holds prose (a page saved on one line).

    Tokens are cut at spaces, ``|`` and sentence ends; a run goes from one spam token to the last spam token
    that follows within two tokens, bridging short tokens that end no sentence.  A run counts if it holds a
    strong spam word or two spam words.
    """
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        if not _WORDS.search(toks[k][2]) and not STRONG.search(toks[k][2]):
            k += 1
            continue
        first = last = k
        j = k + 1
        while j < len(toks) and j - last <= 3:
            tok = toks[j][2]
            if _WORDS.search(tok) or STRONG.search(tok):
                last = j
            elif tok.endswith(("。", "！", "？")) or len(tok) > 30:
                break
            j += 1
        text = line[toks[first][0] : toks[last][1]]
        if STRONG.search(text) or spam_word_hits(text) >= 2:
            end = toks[last][1]
            while end < len(line) and line[end] in " \t|｜":
                end += 1
            runs.append((toks[first][0], end))
        k = last + 1
    return runs
