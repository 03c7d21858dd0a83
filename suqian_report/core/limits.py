"""The bounds on what one input may cost, with their documented defaults (--max-bytes, --timeout)."""

MAX_BYTES = 50 * 1024 * 1024  # bytes read at most of one input (50 MiB); larger "pages" are not pages
TIMEOUT = 60.0  # seconds one page may take in a run; then it is an error of kind "timeout" and the run goes on
# (an input read by OCR gets this for each of its pages)

# A long input read page by page (a scan, by OCR) reports each page it starts: --timeout's clock then starts again
# for that page (the limit bounds a page, not a whole scanned report), and a worker process tells its parent it is
# still at work.  Whoever keeps such a clock hooks in here; readers only call page_turned().
_PAGE_HOOKS: list = []


def page_turned() -> None:
    """A reader is about to spend a page's time (OCR): the clocks that bound a page start again."""
    for hook in list(_PAGE_HOOKS):
        hook()


def on_page(hook) -> None:
    _PAGE_HOOKS.append(hook)


def off_page(hook) -> None:
    if hook in _PAGE_HOOKS:
        _PAGE_HOOKS.remove(hook)
