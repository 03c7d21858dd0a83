"""Many pages at once: read each input, drop repeats, run the pipeline in worker processes, keep going past bad
files.

The parent reads each input's bytes and hashes them, so the same bytes under two paths are processed once (the
second is a ``duplicate``) and a resumed run skips what its output already holds; workers extract and format
(JSON text, rows), so only bytes and plain data cross process boundaries.  At most a few pages per worker are
in flight at any time: memory stays flat however long the run.  Results come back in input order, or as they
finish (``ordered=False``).
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..core import limits
from ..core.errors import InputError
from ..core.limits import MAX_BYTES, TIMEOUT
from ..read.inputs import expand


@dataclass
class Outcome:
    """One input: its payload (a report, or what the formatter made of it), or why there is none."""

    path: str
    sha256: str | None = None
    payload: Any = None
    kind: str | None = None  # errors.ERROR_KINDS, or "existing" (already in the output being resumed)
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.kind is None

    @property
    def error(self) -> str | None:
        return None if self.kind is None else f"{self.path}: {self.message}"

    def to_dict(self) -> dict:
        return {"path": self.path, "kind": self.kind, "message": self.message, "sha256": self.sha256}


Formatter = Callable[[Any], Any]


class PageTimeout(BaseException):
    """A page ran past its time limit (a BaseException, so that no handler inside the pipeline swallows it)."""


def _on_alarm(signum, frame) -> None:
    raise PageTimeout


class _Limit:
    """At most ``seconds`` for what runs inside, and as much again for each page a reader turns by OCR
    (:func:`~suqian_report.core.limits.page_turned`) (SIGALRM; only where signals can be used: a process's main
    thread, as in the command line and its workers)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds

    def __enter__(self) -> None:
        if self.seconds:
            try:
                self.old = signal.signal(signal.SIGALRM, _on_alarm)
            except ValueError:  # not the main thread: no limit
                self.seconds = None
                return
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            limits.on_page(self._again)

    def _again(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, self.seconds or 0)

    def __exit__(self, *exc) -> None:
        if self.seconds:
            limits.off_page(self._again)
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.old)


def _extract(
    path: str,
    data: bytes,
    sha: str | None,
    formatter: Formatter | None,
    encoding: str | None,
    keep_non_reports: bool,
    timeout: float | None = None,
) -> Outcome:
    """Bytes to an outcome; every failure becomes a one-line message with its kind."""
    from ..stages import extract

    try:
        with _Limit(timeout):
            report = extract(data, path=path, encoding=encoding, max_bytes=max(len(data), 1))
        if report.quality.is_report is False and not keep_non_reports:
            why = "; ".join(report.quality.is_report_evidence) or "no evidence of a report"
            return Outcome(path, sha, kind="not_a_report", message=f"not an annual report ({why})")
        return Outcome(path, sha or report.source.sha256, formatter(report) if formatter else report)
    except InputError as e:
        return Outcome(path, sha, kind=e.kind, message=e.message)
    except PageTimeout:
        return Outcome(
            path,
            sha,
            kind="timeout",
            message=f"took longer than {timeout:g} s (--timeout); the batch goes on without it",
        )
    except RecursionError:
        return Outcome(path, sha, kind="not_a_page", message="page structure too deeply nested to read")
    except MemoryError:
        return Outcome(path, sha, kind="too_large", message="out of memory reading this page")
    except Exception as e:  # a page that trips a bug must not stop the batch or show a traceback
        return Outcome(
            path, sha, kind="internal", message=f"internal error ({type(e).__name__}: {e}); please report this page"
        )


def _read(path: str, max_bytes: int) -> tuple[str, bytes] | Outcome:
    from ..read.load import read_source

    try:
        data, name = read_source(path, max_bytes)
    except InputError as e:
        return Outcome(e.source or path, kind=e.kind, message=e.message)
    return name, data


def run_one(
    path: str,
    formatter: Formatter | None = None,
    encoding: str | None = None,
    keep_non_reports: bool = True,
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> Outcome:
    """One page, read and extracted here: its report (passed through ``formatter``), or why not."""
    got = _read(path, max_bytes or MAX_BYTES)
    if isinstance(got, Outcome):
        return got
    name, data = got
    return _extract(name, data, None, formatter, encoding, keep_non_reports, timeout)


def _work(task: tuple) -> Outcome:
    limits.page_turned()  # (in a worker: a beat, a task taken)
    return _extract(*task)


def _worker(beats, claimed, threads: int) -> None:
    """A worker leaves Ctrl-C to the parent, which stops them and keeps what is finished; it beats its slot of
    ``beats`` (the time, shared with the parent) at each task and each page read by OCR; OCR in it runs on
    ``threads`` threads (the cores shared out among the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with claimed.get_lock():
        slot = claimed.value
        claimed.value += 1

    def beat() -> None:
        beats[slot] = time.time()

    limits.on_page(beat)
    from ..read import ocr

    ocr.THREADS = threads
    from ..stages import extract  # noqa: F401  (import once per worker; converters are built on first use)


def run_many(
    paths: Iterable[str],
    formatter: Formatter | None = None,
    *,
    encoding: str | None = None,
    jobs: int = 1,
    ordered: bool = True,
    skip: set[str] | frozenset[str] = frozenset(),
    keep_non_reports: bool = False,
    max_bytes: int | None = None,
    timeout: float | None = TIMEOUT,
) -> Iterator[Outcome]:
    """One :class:`Outcome` per path.  ``formatter`` must be a module-level function (it runs in the workers);
    ``skip``: sha256 of pages already in the output (they come back with kind ``existing``); ``max_bytes`` read
    at most of each input; ``timeout`` seconds at most per page (then kind ``timeout``)."""
    seen: dict[str, str] = {}
    limit = max_bytes or MAX_BYTES

    def prepare(path: str) -> Outcome | tuple:
        got = _read(path, limit)
        if isinstance(got, Outcome):
            return got
        name, data = got
        sha = hashlib.sha256(data).hexdigest()
        if sha in seen:
            return Outcome(name, sha, kind="duplicate", message=f"the same bytes as {seen[sha]}")
        seen[sha] = name
        if sha in skip:
            return Outcome(name, sha, kind="existing", message="already in the output")
        return (name, data, sha, formatter, encoding, keep_non_reports, timeout)

    if jobs <= 1:
        for path in paths:
            item = prepare(path)
            yield item if isinstance(item, Outcome) else _work(item)
        return

    import multiprocessing as mp
    import queue

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    window = 4 * jobs
    # How long to wait for one result before taking its worker for dead (killed, or stuck in C code that a
    # timeout cannot interrupt): the page's own limit twice over, and some slack, since any worker last showed
    # it was at work (a task taken, a page of a scan begun).
    patience = (timeout or 600) * 2 + 30
    beats = ctx.Array("d", [time.time()] * jobs, lock=False)
    claimed = ctx.Value("i", 0)

    def at_work() -> bool:
        return time.time() - max(beats) < patience

    def lost(path: str, why: str) -> Outcome:
        return Outcome(
            path, kind="internal", message=f"no result from the worker process ({why}); please report this page"
        )

    threads = max(1, (os.cpu_count() or 1) // jobs)
    pool = ctx.Pool(processes=jobs, initializer=_worker, initargs=(beats, claimed, threads))
    try:
        if ordered:
            pending: deque = deque()

            def result(item) -> Outcome:
                if isinstance(item, Outcome):
                    return item
                path, async_result = item
                while True:
                    try:
                        return async_result.get(timeout=patience)
                    except mp.TimeoutError:
                        if not at_work():
                            return lost(path, f"none after {patience:g} s")
                    except Exception as e:
                        return lost(path, f"{type(e).__name__}: {e}")

            for path in paths:
                item = prepare(path)
                pending.append(item if isinstance(item, Outcome) else (item[0], pool.apply_async(_work, (item,))))
                while sum(1 for p in pending if not isinstance(p, Outcome)) >= window or (
                    pending and isinstance(pending[0], Outcome)
                ):
                    yield result(pending.popleft())
            while pending:
                yield result(pending.popleft())
        else:
            done: queue.Queue = queue.Queue()
            in_flight: dict[int, str] = {}  # task number → path, until its outcome is out
            number = 0

            def submit(item: tuple, n: int) -> None:
                pool.apply_async(
                    _work,
                    (item,),
                    callback=lambda o: done.put((n, o)),
                    error_callback=lambda e: done.put((n, lost(item[0], f"{type(e).__name__}: {e}"))),
                )

            def take() -> Iterator[Outcome]:
                while True:
                    try:
                        n, outcome = done.get(timeout=patience)
                        break
                    except queue.Empty:  # nothing came back for that long, nor did any worker show life:
                        if at_work():  # the outstanding pages are lost
                            continue
                        for path in in_flight.values():
                            yield lost(path, f"none after {patience:g} s")
                        in_flight.clear()
                        return
                if in_flight.pop(n, None) is not None:  # (a late result of a page already given up is dropped)
                    yield outcome

            for path in paths:
                item = prepare(path)
                if isinstance(item, Outcome):
                    yield item
                    continue
                number += 1
                in_flight[number] = item[0]
                submit(item, number)
                while len(in_flight) >= window or not done.empty():
                    yield from take()
            while in_flight:
                yield from take()
        pool.close()
    finally:
        pool.terminate()
        pool.join()


def extract_many(paths, jobs: int | None = None, *, encoding: str | None = None, errors: list | None = None):
    """Reports for many pages, in input order, as a generator (memory stays flat): ``paths`` as the command line
    takes them (files, folders, ``@FILE`` lists); ``jobs`` worker processes (None: one per CPU).  A page that
    gives no report (unreadable, not a page, a repeat of earlier bytes) is appended to ``errors`` as a
    :class:`Outcome` when a list is given, and otherwise raised as :class:`InputError`."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    for outcome in run_many(expand([str(p) for p in paths]), None, encoding=encoding, jobs=jobs, keep_non_reports=True):
        if outcome.ok:
            yield outcome.payload
        elif errors is not None:
            errors.append(outcome)
        else:
            raise InputError(outcome.message or "", outcome.path, outcome.kind or "internal")
