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
from typing import TYPE_CHECKING, Any

from ..core import limits
from ..core.errors import InputError
from ..core.limits import MAX_BYTES, TIMEOUT
from ..read.inputs import expand

if TYPE_CHECKING:
    from concurrent.futures import Future


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


def _worker(beats, pids, claimed, threads: int) -> None:
    """A worker leaves Ctrl-C to the parent, which stops them and keeps what is finished; it takes a slot, where
    it writes its process id and beats (the time, shared with the parent) at each task and each page read by OCR;
    OCR in it runs on ``threads`` threads (the cores shared out among the workers)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with claimed.get_lock():
        slot = claimed.value % len(beats)
        claimed.value += 1
    pids[slot] = os.getpid()

    def beat() -> None:
        beats[slot] = time.time()

    limits.on_page(beat)
    from ..read import ocr

    ocr.THREADS = threads
    from ..stages import extract  # noqa: F401  (import once per worker; converters are built on first use)


class _Workers:
    """Worker processes (a ``concurrent.futures`` pool: the thread that waits for results reads them) that a page
    which kills its worker does not stop.  Such a page breaks the pool and every page in flight with it: the pool
    is made again, and those pages are read again one at a time, so that only the page that kills its worker is
    lost.  A worker still at work when the run ends early, or stuck in C code that no time limit reaches, is
    killed."""

    def __init__(self, jobs: int):
        import multiprocessing as mp

        self.ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
        self.jobs = jobs
        self.beats = self.ctx.Array("d", [time.time()] * jobs, lock=False)
        self.pids = self.ctx.Array("i", [0] * jobs, lock=False)
        self.claimed = self.ctx.Value("i", 0)
        self.threads = max(1, (os.cpu_count() or 1) // jobs)
        self.stuck = False  # a page was given up: its worker may be at it still
        self._start()

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.pids[:] = [0] * self.jobs
        self.pool = ProcessPoolExecutor(
            self.jobs,
            mp_context=self.ctx,
            initializer=_worker,
            initargs=(self.beats, self.pids, self.claimed, self.threads),
        )

    def submit(self, item: tuple) -> Future:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(_work, item)
        except BrokenProcessPool as e:  # a worker died and the pool is broken: the page fails as those in flight
            failed: Future = Future()
            failed.set_exception(e)
            return failed

    def at_work(self, patience: float) -> bool:
        """Whether a worker showed within ``patience`` seconds that it is at work (a task taken, a page of a scan
        begun)."""
        return time.time() - max(self.beats) < patience

    def outcome(self, item: tuple, future: Future, patience: float) -> Outcome | None:
        """The outcome of ``item``; None when a worker died and broke the pool under it."""
        from concurrent.futures import TimeoutError as Late
        from concurrent.futures.process import BrokenProcessPool

        while True:
            try:
                return future.result(timeout=patience)
            except Late:
                if not self.at_work(patience):
                    return self.given_up(item, patience)
            except BrokenProcessPool:
                return None
            except Exception as e:
                return _lost(item[0], f"{type(e).__name__}: {e}")

    def given_up(self, item: tuple, patience: float) -> Outcome:
        """A page no result came back for, nor any sign of work, in ``patience`` seconds: lost (its worker is
        killed at the end)."""
        self.stuck = True
        return _lost(item[0], f"none after {patience:g} s")

    def recover(self, broken: tuple, flight: list[tuple[tuple, Future]], patience: float) -> list[Outcome]:
        """A worker died under ``broken``: its outcome and those of the ``flight`` of (item, future) that were in
        flight with it, in that order.  A page whose result came back keeps it; the others are read again one at
        a time in a new pool, so that the page that kills its worker again is the one lost."""
        settled = [self.outcome(item, future, patience) for item, future in flight]
        again = [broken] + [item for (item, _future), got in zip(flight, settled) if got is None]
        self.close()
        self._start()
        read: list[Outcome] = []
        for item in again:
            got = self.outcome(item, self.submit(item), patience)
            if got is None:
                got = _lost(item[0], "the worker process died reading it")
                self.close()
                self._start()
            read.append(got)
        reread = iter(read[1:])
        return [read[0]] + [got if got is not None else next(reread) for got in settled]

    def close(self, kill: bool = False) -> None:
        """Stop the pool.  With ``kill`` (the run ends early) or after a page was given up, the workers are killed
        first: one at work would keep the run from ending."""
        if kill or self.stuck:
            for pid in self.pids:
                if pid and _running_child(pid):
                    os.kill(pid, signal.SIGKILL)
        self.pool.shutdown(wait=True, cancel_futures=True)  # (the pool sees its workers gone, and ends)
        self.stuck = False


def _running_child(pid: int) -> bool:
    """Whether ``pid`` is a child of this process that has not ended (its id cannot have been given to another
    process), seen without reaping it."""
    if not hasattr(os, "waitid"):
        return True
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
    except ChildProcessError:
        return False


def _lost(path: str, why: str) -> Outcome:
    return Outcome(path, kind="internal", message=f"no result from the worker process ({why}); please report this page")


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

    import queue

    window = 4 * jobs
    # How long to wait for one result before taking its worker for dead (killed, or stuck in C code that a
    # timeout cannot interrupt): the page's own limit twice over, and some slack, since any worker last showed
    # it was at work (a task taken, a page of a scan begun).
    patience = (timeout or 600) * 2 + 30
    workers = _Workers(jobs)
    finished = False
    try:
        if ordered:
            pending: deque = deque()  # an outcome, or (item, future) in flight

            def first() -> Outcome:
                head = pending.popleft()
                if isinstance(head, Outcome):
                    return head
                item, future = head
                got = workers.outcome(item, future, patience)
                if got is None:  # a worker died: the pages in flight that it took with it are read again
                    rest = [k for k, p in enumerate(pending) if not isinstance(p, Outcome)]
                    got, *others = workers.recover(item, [pending[k] for k in rest], patience)
                    for k, outcome in zip(rest, others):
                        pending[k] = outcome
                return got

            for path in paths:
                item = prepare(path)
                pending.append(item if isinstance(item, Outcome) else (item, workers.submit(item)))
                while sum(1 for p in pending if not isinstance(p, Outcome)) >= window or (
                    pending and isinstance(pending[0], Outcome)
                ):
                    yield first()
            while pending:
                yield first()
        else:
            done: queue.Queue = queue.Queue()
            in_flight: dict[int, tuple[tuple, Future]] = {}  # task number → (item, future), until its outcome is out
            number = 0

            def submit(item: tuple, n: int) -> None:
                future = workers.submit(item)
                in_flight[n] = (item, future)
                future.add_done_callback(lambda f: done.put(n))

            def take() -> Iterator[Outcome]:
                while True:
                    try:
                        n = done.get(timeout=patience)
                        break
                    except queue.Empty:  # nothing came back for that long, nor did any worker show life:
                        if workers.at_work(patience):  # the outstanding pages are lost
                            continue
                        for item, _future in in_flight.values():
                            yield workers.given_up(item, patience)
                        in_flight.clear()
                        return
                if n not in in_flight:  # (a late result of a page already given up, or already settled)
                    return
                item, future = in_flight.pop(n)
                got = workers.outcome(item, future, patience)
                if got is None:  # a worker died: the pages in flight that it took with it are read again
                    flight = list(in_flight.values())
                    in_flight.clear()
                    yield from workers.recover(item, flight, patience)
                else:
                    yield got

            for path in paths:
                item = prepare(path)
                if isinstance(item, Outcome):
                    yield item
                    continue
                number += 1
                submit(item, number)
                while len(in_flight) >= window or not done.empty():
                    yield from take()
            while in_flight:
                yield from take()
        finished = True
    finally:
        workers.close(kill=not finished)  # (Ctrl-C, or the consumer stopped: the pages at work are not waited for)


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
