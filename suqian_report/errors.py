"""Errors users see, and the exit codes the command line documents."""

from __future__ import annotations

EXIT_OK = 0  # every input gave a report
EXIT_INPUT = 1  # at least one input could not be processed (the others were)
EXIT_USAGE = 2  # the command line itself was wrong


class InputError(Exception):
    """An input that cannot become a report.  The message is one line, fit to show a user."""

    def __init__(self, message: str, source: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message
