"""Terms OpenCC's t2s gets wrong, and the simplified form to keep.

Each key is a form that may appear on a page (traditional or already
simplified); the value is the correct simplified text.  Place names first:
乾 is 干 in 乾淨 but stays 乾 in 乾安县 and 乾县.
"""

PROTECTED = {
    "乾安縣": "乾安县",
    "乾安县": "乾安县",
    "乾安": "乾安",
    "乾縣": "乾县",
    "乾县": "乾县",
    "乾陵": "乾陵",
    "乾州": "乾州",
    "乾隆": "乾隆",
    "乾坤": "乾坤",
    "乾元": "乾元",
    "乾德": "乾德",
    "乾溪": "乾溪",
    "乾城": "乾城",
    "乾佑": "乾佑",
}
