"""How ``assess`` scores a report and what it reports as findings (corpus/region.py).  Printed with every
assessment: no black box.

Each criterion scores from 0 to 1; the score is 100 × the weighted mean of the criteria that could be assessed
for the report (a criterion that cannot be, a report with no previous year to compare with say, leaves the mean
and is named in ``not_assessed``).
"""

from __future__ import annotations

WEIGHTS = {
    "timeliness": 20,  # published by the legal deadline: 1; late: 0
    "completeness": 25,  # the share of the parts its format requires that it has
    "consistency": 20,  # the share of its assessable checks (sums, shares, the tables' identities) that pass
    "continuity": 10,  # the share of the rules from last year's report to this one that hold
    "originality": 20,  # 1 − the share of its text repeated from last year's report
    "tables_updated": 5,  # the share of its standard tables not identical to last year's
}
CRITERIA = {
    "timeliness": "published by the deadline",
    "completeness": "parts the format requires",
    "consistency": "checks that pass",
    "continuity": "continuity with last year",
    "originality": "text not repeated from last year",
    "tables_updated": "tables not identical to last year's",
}
# A report repeating this share of last year's text or more is a finding (text_reused).
REUSE_FINDING = 0.5
# Passages listed per report at most (the longest first).
PASSAGES = 10
