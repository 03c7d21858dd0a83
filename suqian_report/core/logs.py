"""Where the libraries' own log lines go (pdfminer's font warnings, the OCR engine's notes).

A program that imports suqian_report decides that for itself, so nothing here acts unless asked.  The command
line asks (:func:`direct`): nowhere by default, since a user takes such lines for the tool's own and thinks
something broke; to stderr under ``--debug``.  The readers call :func:`libraries_loaded` once they have imported
a library that logs, so that a text page, which loads none, never pays for the logging module.
"""

from __future__ import annotations

import sys

_where: str | None = None  # None: as the program set it up; "nowhere"; "stderr"
_HANDLER = "suqian_report"  # the name of the handler put on the root logger


def direct(where: str) -> None:
    """Send the libraries' log lines ``"nowhere"`` or to ``"stderr"`` from now on."""
    global _where
    _where = where
    if "logging" in sys.modules:
        _apply()


def libraries_loaded(own: tuple[str, ...] = ()) -> None:
    """A library that logs is loaded: its lines go where :func:`direct` said.  ``own``: the names of its loggers
    that print by themselves (a handler of their own), made to pass their lines on like the rest."""
    if _where is not None:
        _apply(own)


def _apply(own: tuple[str, ...] = ()) -> None:
    import logging

    for name in own:
        log = logging.getLogger(name)
        log.handlers.clear()
        log.propagate = True
        log.setLevel(logging.NOTSET)
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == _HANDLER]:
        root.removeHandler(handler)
    handler = logging.StreamHandler() if _where == "stderr" else logging.NullHandler()
    handler.set_name(_HANDLER)
    root.addHandler(handler)
