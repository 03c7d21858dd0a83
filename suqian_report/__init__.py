"""suqian-report: repair, clean and extract typed figures from Chinese government
information disclosure annual reports (政府信息公开年度报告).

>>> from suqian_report import extract_file
>>> report = extract_file("samples/suqian-office-2013-mirror.txt")
>>> report.value("proactive.total")
114057
"""

from .errors import InputError
from .model import SCHEMA_VERSION, Check, Figure, Metadata, Report
from .pipeline import extract, extract_file

__version__ = "0.1.0"

__all__ = ["extract", "extract_file", "Report", "Figure", "Metadata", "Check", "InputError", "SCHEMA_VERSION",
           "__version__"]
