"""Errors users see, and the exit codes the command line documents."""

from __future__ import annotations

EXIT_OK = 0  # every input gave a report
EXIT_INPUT = 1  # at least one input could not be processed (the others were)
EXIT_USAGE = 2  # the command line itself was wrong
EXIT_INTERRUPTED = 130  # Ctrl-C: what was finished is kept

# Why an input gave no report (the ``kind`` of an error line): unreadable (missing, a directory, no permission),
# not_a_page (binary, no Chinese text), empty, too_large, timeout, duplicate (the same bytes as an earlier input),
# not_a_report (a page of the disclosure section that is no annual report), internal (a bug: please report it).
ERROR_KINDS = (
    "unreadable",
    "not_a_page",
    "needs_ocr",
    "empty",
    "too_large",
    "timeout",
    "duplicate",
    "not_a_report",
    "internal",
)


class InputError(Exception):
    """An input that cannot become a report.  The message is one line, fit to show a user; ``kind`` is one of
    :data:`ERROR_KINDS`."""

    def __init__(self, message: str, source: str | None = None, kind: str = "not_a_page"):
        super().__init__(message)
        self.message = message
        self.source = source
        self.kind = kind

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message
