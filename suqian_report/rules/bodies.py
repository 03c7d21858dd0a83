"""One body under several names (宿城区人民政府, 宿城区政府; 宿迁市人民政府办公室, 宿迁市政府办公室; （）and ()):
rewrites that give a name its canonical form, applied in order.  A government and its office stay two bodies.

A name written without the region above its own place (宿城区人民政府 for 宿迁市宿城区人民政府) is joined to the
full name when exactly one full name of the run ends with it; names that no rule can join (市政府办) are joined
by an alias file (name TAB body).
"""

from __future__ import annotations

from .lazy import lazy

_PLACE = r"(?<=[省市县区旗镇乡])"
REWRITES = (
    (r"\s+", ""),
    (r"\(", "（"),
    (r"\)", "）"),
    (_PLACE + r"政府办公室$", "人民政府办公室"),
    (_PLACE + r"政府办$", "人民政府办公室"),
    (_PLACE + r"府办$", "人民政府办公室"),
    (_PLACE + r"政府$", "人民政府"),
)
# The regions above a body's own place, as they open a name (江苏省, 宿迁市 before 宿城区…).
REGION_PREFIX = r"^(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,6}?(?:市|自治州|州|盟|地区))?(?=[\u4e00-\u9fff]{1,6}?(?:区|县|旗|市)[\u4e00-\u9fff])"
# The body a title names before its year (宿迁市人民政府办公室2013年…).
PUBLISHER_IN_TITLE = lazy(r"^(.{2,40}?)(?:关于)?\s*(?:19|20)\d\d\s*年")
