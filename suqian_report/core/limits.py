"""The bounds on what one input may cost, with their documented defaults (--max-bytes, --timeout)."""

MAX_BYTES = 50 * 1024 * 1024  # bytes read at most of one input (50 MiB); larger "pages" are not pages
TIMEOUT = 60.0  # seconds one page may take in a run; then it is an error of kind "timeout" and the run goes on
