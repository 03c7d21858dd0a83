"""Output files that appear whole, and the writer interface every format implements.

Each writer has a module-level ``formatter`` that runs in the worker processes (a report → plain data, or its
text: a ``str``, or UTF-8 ``bytes`` that cross between processes and reach the file without being decoded and
encoded again), and a ``write`` that stores that data as it arrives, so no writer holds the corpus.  A new
output file is written under a temporary name and appears whole at the end; after Ctrl-C what was finished is
kept in a valid file (a closed JSON array, whole JSON lines, a committed database); after any other failure a new
file is removed and an existing one is left as it was.  ``existing()`` gives the sha256 of the reports an output
already holds, for ``--skip-existing``.
"""

from __future__ import annotations

import io
import os
import sys
from typing import IO, Any


class OutputError(Exception):
    """An output that cannot be written as asked (a missing extra, a format that needs a file)."""


def tmp_beside(path: str) -> str:
    import tempfile  # (only for an output file: printing to stdout does not import it)

    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".suqian-report-", suffix=".tmp", dir=directory)
    os.close(fd)
    return tmp


def _ends_with_newline(path: str) -> bool:
    with open(path, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"


def publish(tmp: str, path: str) -> None:
    os.replace(tmp, path)
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(path, 0o644 & ~mask)
    except OSError:
        pass


class Writer:
    formatter: Any = staticmethod(lambda report: report)

    def existing(self) -> set[str]:
        return set()

    def write(self, payload: Any) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        """The run is over: make the output whole."""

    def interrupted(self) -> None:
        """Ctrl-C: keep what is finished, valid."""
        self.finish()

    def abort(self) -> None:
        """The run failed: leave no partial new file."""


class TextWriter(Writer):
    """A text stream: stdout, a new file (temporary name, renamed at the end), or an existing file appended to.
    Also a context manager for the single-page commands: the file appears whole on success, never in part."""

    def __init__(self, path: str | None, *, bom: bool = False, append: bool = False):
        self.path = None if path in (None, "-") else path
        self.tmp: str | None = None
        self.append_from: int | None = None
        self.written = 0
        if self.path is None:
            self.stream: IO[str] = sys.stdout
        elif append and os.path.exists(self.path):
            self.append_from = os.path.getsize(self.path)
            self.stream = open(self.path, "a", encoding="utf-8", newline="")
        else:
            self.tmp = tmp_beside(self.path)
            self.stream = open(self.tmp, "w", encoding="utf-8", newline="")
        # Text already encoded as UTF-8 (a JSON record as orjson wrote it) goes straight to the bytes under the
        # stream, after any text the stream still holds, when the stream has them, writes UTF-8 and leaves "\n" as
        # it is: a file opened here does, stdout may not (another encoding; "\r\n" for each "\n" on Windows).
        plain = self.path is not None or os.linesep == "\n"
        self._bytes: IO[bytes] | None = (
            getattr(self.stream, "buffer", None) if plain and _writes_utf8(self.stream) else None
        )
        self._held = False  # text written to the stream since the last flush
        if self.append_from and self.path and not _ends_with_newline(self.path):
            self.put("\n")  # a line cut off by a crash stays apart from what comes next
        if bom and not self.append_from:
            self.put("\ufeff")
        self.start()

    def put(self, data: str | bytes) -> None:
        """Write text, or text encoded as UTF-8."""
        if isinstance(data, str):
            self.stream.write(data)
            self._held = True
        elif self._bytes is None:
            self.stream.write(data.decode())
        else:
            if self._held:
                self.stream.flush()
                self._held = False
            self._bytes.write(data)

    def start(self) -> None:
        """What the output begins with (a CSV header, a JSON bracket)."""

    def write(self, payload: str | bytes) -> None:
        self.put(payload)
        self.written += 1

    def end(self) -> None:
        """What the output ends with."""

    def finish(self) -> None:
        self.end()
        if self.path is None:
            self.stream.flush()
            return
        self.stream.close()
        if self.tmp:
            publish(self.tmp, self.path)

    def abort(self) -> None:
        if self.path is None:
            return
        try:
            self.stream.close()  # (flushing may fail again, as the write did: the file goes all the same)
        except OSError:
            pass
        if self.tmp:
            os.unlink(self.tmp)
        elif self.append_from is not None:
            os.truncate(self.path, self.append_from)

    def __enter__(self) -> TextWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.abort()


def _writes_utf8(stream: IO[str]) -> bool:
    import codecs

    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "").name == "utf-8"
    except LookupError:
        return False


def csv_line(values) -> str:
    import csv  # (only for CSV)

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(
        ["" if v is None else ("true" if v is True else "false" if v is False else v) for v in values]
    )
    return buf.getvalue()
