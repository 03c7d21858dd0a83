"""Metadata: the report's title, about which year, and how to reach its body (who the body is: :mod:`.publisher`).

Sources, best first: the metadata panel (名称, 索引号, 发文日期…), the report's own title line and opening
paragraph (统计期限, 联系电话, 邮编, 电子邮箱), then the HTML ``<title>`` and meta tags.  Spam brand names are never
taken as a title or publisher.  ``report_year`` is the year the data covers: the reporting period's year first,
then the title's; a disagreement is kept as a warning.
"""

from __future__ import annotations

import re

from ..core.model import Metadata
from ..rules.contacts import DASHES, PHONE, POSTCODE
from ..rules.lazy import lazy
from ..rules.spam import BRANDS
from .publisher import announced
from .publisher import find as find_publisher

_DATE = r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PERIOD = lazy(
    r"(统计期限|统计时限|统计时间|统计区间|统计期间|数据统计|所列数据|统计周期|统计范围)[^。]{0,20}?"
    + _DATE
    + r"[^。\d]{0,8}?(?:至|到|—|-|～|~)\s*(?:((?:19|20)\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
_ISO = lazy(r"((?:19|20)\d\d)[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})")
_PHONE = lazy(
    rf"(?:联系电话|咨询电话|电\s?话|联系方式)[:：\s]*({PHONE}|\d{{7,8}}(?:[{DASHES}]\d{{1,5}})?)(?!\d)"
)  # (labels may be spaced out to line up: 电 话, 邮 编)
_POSTCODE = lazy(rf"(?:邮政编码|邮\s?编)[:：\s]*({POSTCODE})(?!\d)")
_EMAIL = lazy(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_ADDRESS = lazy(
    r"(?:通讯地址|联系地址|办公地址|(?<![箱址站件])地址)[:：\s]*([^，,；;。()（）\n]*[\u4e00-\u9fff][^，,；;。()（）\n]{3,60})"
)
# Where an address written on one line with the other contact fields ends: at the next field's label, or a wide gap.
# (Labels may be spaced out to line up: 邮 编, 电 话.)
_NEXT_FIELD = lazy(
    r"\s{2,}|\u3000|\s*(?:"
    + "|".join(
        r"\s?".join(label) for label in ("邮政编码", "邮编", "联系电话", "电话", "传真", "电子邮箱", "邮箱", "网址")
    )
    + r"|E-?mail)\s*[:：]?",
    re.I,
)
_TITLE_YEAR = lazy(r"((?:19|20)\d\d)\s*年")
# A year the body speaks of as a whole (2019年, 2019年度, 2019年市政府…), not a date (2019年3月) nor a plan for
# the year ahead (2020年将…, 2020年,我们将…).
_BODY_YEAR = lazy(r"(?<![\d〔\[［])((?:19|20)\d\d)\s*年度?(?!\s*\d|[,，]?\s*(?:将|我们将|我\w{0,2}将|计划|拟|要|继续))")


def normalise_phone(written: str) -> str:
    """``0527—8400 0000``, ``（0527）84000000`` → ``0527-84000000`` (an area code of three digits for 010 and
    02x, four otherwise); a mobile number as its eleven digits; an extension kept after a dash."""
    groups = re.findall(r"\d+", written)
    digits = "".join(groups)
    if len(digits) == 11 and digits[0] == "1":
        return digits
    if digits.startswith("400") and len(digits) == 10:
        return f"400-{digits[3:6]}-{digits[6:]}"
    if not digits.startswith("0"):
        return digits  # a local number with no area code
    area, rest = (digits[:3], digits[3:]) if digits[1] in "12" else (digits[:4], digits[4:])
    if len(groups) >= 2 and len(rest) > 8 and len(groups[-1]) <= 5:  # 0527-84000000-801
        return f"{area}-{rest[: -len(groups[-1])]}-{groups[-1]}"
    return f"{area}-{rest}"


def iso_date(s: str | None) -> str | None:
    if not s:
        return None
    m = _ISO.search(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _clean(value: str | None) -> str | None:
    """A metadata value as a user wants it: spam brand names cut, empty markers as None."""
    if value is None:
        return None
    value = re.sub(r"\s*\n\s*", "", value)  # a name wrapped over two lines of a PDF dump
    value = BRANDS.sub("", value).strip(" :：|,，-—–_·")
    if value in ("", "无", "无文号", "暂无", "-", "/", "—"):
        return None
    return value


def _site_suffix_cut(title: str | None) -> str | None:
    """``<title>`` often ends with the site's name: 某县…年度报告_某县人民政府."""
    if not title:
        return title
    m = re.match(r"(.*?(?:报告|年报))\s*[_|｜\-－—–]+.*$", title)
    return m.group(1) if m else title


def _panel(panel: dict[str, str], *labels: str) -> str | None:
    for label in labels:
        v = panel.get(label)
        if v:
            return v
    return None


def period(text: str) -> tuple[str | None, str | None, int | None]:
    m = _PERIOD.search(text)
    if not m:
        return None, None, None
    y1, m1, d1 = int(m.group(2)), int(m.group(3)), int(m.group(4))
    y2 = int(m.group(5)) if m.group(5) else y1
    m2, d2 = int(m.group(6)), int(m.group(7))
    return f"{y1:04d}-{m1:02d}-{d1:02d}", f"{y2:04d}-{m2:02d}-{d2:02d}", y2


def _title(panel: dict[str, str], title_line: str | None, meta: dict[str, str], announced: str | None) -> str | None:
    """The report's title: the panel's 名称, the page's title line, the ArticleTitle and ``<title>`` tags, the name
    the announcing sentence gives it; the first that names a year or a body, else the first there is (a column's
    name, 政府信息公开年报, is a title only where nothing better is).  Breadcrumbs are never titles."""
    candidates = [
        _clean(_panel(panel, "名称", "标题")),
        _clean(title_line),
        _clean(meta.get("articletitle")),
        _site_suffix_cut(_clean(meta.get("title"))),
        _clean(announced),
    ]
    titles = [_spaced(t) for t in candidates if t and not _BREADCRUMB.search(t)]
    return next((t for t in titles if _SPECIFIC.search(t)), titles[0] if titles else None)


_BREADCRUMB = lazy(r"[>»＞›]|位置|首页")
# A title that says whose report, or for which year: more than a column's name.
_SPECIFIC = lazy(r"(?:19|20)\d\d|[\u4e00-\u9fff]{2,}(?:省|市|县|区|旗|镇|乡|街道|政府|局|委|办|厅|中心|管委会)")


def _spaced(title: str) -> str:
    title = re.sub(r"\s+", " ", title)
    return re.sub(r"(?<=[\u4e00-\u9fff0-9]) (?=[\u4e00-\u9fff0-9])", "", title)


def build_metadata(
    panel: dict[str, str],
    title_text: str | None,
    body: str,
    meta: dict[str, str],
    warnings: list[str],
    spam: list[str] | None = None,
) -> Metadata:
    """``spam``: gets the spam brand names found in the title line, the metadata panel and the page's meta tags
    (they are cut from every value taken from there)."""
    md = Metadata()
    if spam is not None:
        for value in (title_text or "", *panel.values(), *meta.values()):
            spam += [m.group(0) for m in BRANDS.finditer(value)]
    head = body[:3000]
    report_named = announced(head)
    md.title = _title(panel, title_text, meta, report_named[0] if report_named else None)
    who = find_publisher(
        _clean(_panel(panel, "发布机构", "发文机关", "发布单位", "公开主体")) or _clean(meta.get("contentsource")),
        md.title,
        head,
        [line.strip() for line in body.split("\n", 6)[1:6]],
    )
    md.publisher, md.level, md.region = who.name, who.level, who.region
    if who.name is None and who.level is not None:
        warnings.append(f"no body named: its level ({who.level}) is read from {who.source}")

    md.index_no = _clean(_panel(panel, "索引号"))
    category = _panel(panel, "分类", "主题分类", "信息分类", "体裁分类")
    if category:
        parts = [p for p in re.split(r"[?？\ufffd\s/;；]+", category) if p]
        category = " / ".join(parts) if parts else None
    md.category = _clean(category)
    md.publish_date = iso_date(
        _panel(panel, "发文日期", "发布日期", "发布时间", "公开日期", "成文日期", "生成日期")
    ) or iso_date(meta.get("pubdate") or meta.get("publishdate"))
    if md.publish_date is None:
        m = re.search(r"(发布日期|发布时间|时间|日期)[:：]\s*((?:19|20)\d\d-\d{1,2}-\d{1,2})", head)
        md.publish_date = iso_date(m.group(2)) if m else None
    md.doc_no = _clean(_panel(panel, "文号", "发文字号"))
    md.keywords = _clean(_panel(panel, "关键词", "主题词")) or None

    md.period_start, md.period_end, period_year = period(head)
    title_year = None
    if md.title:
        ys = [int(y) for y in _TITLE_YEAR.findall(md.title)]
        title_year = ys[0] if ys else None
    md.report_year = period_year or title_year
    if period_year and title_year and period_year != title_year:
        warnings.append(
            f"title says {title_year} but the reporting period is {period_year}; report_year follows the period"
        )
    if md.report_year is None:
        years = [int(y) for y in _BODY_YEAR.findall(head)]
        if years:
            md.report_year = max(years)
            warnings.append(
                f"no reporting period or titled year: report_year {md.report_year} is the latest year the body "
                "speaks of (earlier years are the past it compares with)"
            )

    m = _PHONE.search(head)
    md.contact_phone = normalise_phone(m.group(1)) if m else None
    m = _POSTCODE.search(head)
    md.postcode = re.sub(r"\D", "", m.group(1)) if m else None
    m = _EMAIL.search(head)
    md.email = m.group(0) if m else None
    m = _ADDRESS.search(head)
    md.address = _clean(_NEXT_FIELD.split(m.group(1), maxsplit=1)[0]) if m else None
    return md
