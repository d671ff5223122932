"""Assess every state of a large corpus, in parallel on local cores or on a Dask cluster.

Memory stays flat in the size of the corpus:

* the calling process only lists the jurisdiction folders (:mod:`lawcompare.records.partition`);
* each worker reads one jurisdiction folder, assesses it on the requested dates and sends back the
  compact results (``GapReport.as_json()`` dicts), then forgets the records;
* results are handed to the caller in jurisdiction order as soon as the next one in line is done;
  at most a small window of states (four per worker) is in flight or waiting at any time.

Workers build the detector once, when they start (a pool initializer, or ``Client.run`` on Dask),
so the ~1.4 s start-up is not paid per state. A state whose records are broken yields a result
carrying the errors (file, line, field); the other states are still assessed.

Scripts that call :func:`assess_all` with the local backend must guard their entry point with
``if __name__ == "__main__":`` because worker processes are started with ``spawn``.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import socket
import sys
import time
import traceback
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from lawcompare.errors import LawcompareError, Located
from lawcompare.records.corpus import as_date, bundled_path
from lawcompare.records.partition import JurisdictionFolder, jurisdiction_folders, read_jurisdiction

EACH_CHANGE = "changes"
"""Pass as ``on`` to assess each state on every date on which its law changed."""

BACKENDS = ("local", "dask", "serial")
STATES_IN_FLIGHT_PER_WORKER = 4
WORKER_WAIT_SECONDS = 120
WARM_UP_TEXT = ("The recruitment or transfer of a person by deception for the purpose of exploitation shall be "
                "punished by deprivation of liberty for a term of three to seven years.")

DateSpec = dt.date | str | Sequence[dt.date | str]


# results ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StateError:
    """Why one state (or one date of it) could not be assessed, with the place in the records."""

    message: str
    file: str | None = None
    line: int | None = None
    field: str | None = None
    on: str | None = None  # the date being assessed, when the error is about one date only

    @classmethod
    def of(cls, exc: Exception, on: dt.date | None = None) -> StateError:
        day = on.isoformat() if on else None
        if isinstance(exc, Located):
            return cls(exc.message, exc.file, exc.line, exc.field, day)
        if isinstance(exc, LawcompareError):
            return cls(str(exc), on=day)
        detail = "".join(traceback.format_exception(exc)).rstrip()
        return cls(f"internal error (a bug in lawcompare, please report it): {detail}", on=day)

    def describe(self) -> str:
        where = (self.file or "") + (f":{self.line}" if self.file and self.line else "")
        text = ": ".join(x for x in (where, self.field, self.message) if x)
        return text + (f" (assessing on {self.on})" if self.on else "")

    def as_json(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message, "on": self.on}


@dataclass(frozen=True)
class StateResult:
    """The gap reports of one state on the requested dates (oldest first), or what went wrong."""

    jurisdiction: str | None  # None for files that belong to no jurisdiction folder
    folder: str
    reports: tuple[dict[str, Any], ...] = ()  # GapReport.as_json(), one per date
    errors: tuple[StateError, ...] = ()
    provisions: int = 0  # articles in force, summed over the dates assessed
    seconds: float = 0.0
    worker: str = ""  # host:pid of the process that did the work
    worker_peak_rss_kb: int = 0  # that process's peak resident memory so far

    @property
    def ok(self) -> bool:
        return not self.errors

    def json_lines(self) -> Iterator[dict[str, Any]]:
        """One object per report, then one object listing the errors, if any."""
        yield from self.reports
        if self.errors:
            yield {"jurisdiction": self.jurisdiction, "folder": self.folder,
                   "errors": [e.as_json() for e in self.errors]}


@dataclass
class RunStats:
    """Filled in by :func:`assess_all` while it runs (for summaries and benchmarks)."""

    backend: str = ""
    workers: int = 0
    startup_seconds: float = 0.0  # starting the workers and building their detectors
    ready_at: float = 0.0  # time.perf_counter() when the workers were ready
    states: int = 0
    failed_states: int = 0
    reports: int = 0
    provisions: int = 0
    worker_peak_rss_kb: dict[str, int] = field(default_factory=dict)  # by worker

    def add(self, result: StateResult) -> None:
        self.states += result.jurisdiction is not None
        self.failed_states += not result.ok
        self.reports += len(result.reports)
        self.provisions += result.provisions
        if result.worker:
            self.worker_peak_rss_kb[result.worker] = max(result.worker_peak_rss_kb,
                                                         self.worker_peak_rss_kb.get(result.worker, 0))


# what a worker runs ----------------------------------------------------------------------------

def peak_rss_kb() -> int:
    """This process's peak resident memory in KiB (0 where the platform cannot tell).

    On Linux this is ``VmHWM`` from ``/proc/self/status``: unlike ``getrusage``'s ``ru_maxrss``, it
    does not count the memory of the parent process that a spawned worker was started from.
    """
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS reports bytes


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def warm_up(rubric: str) -> str:
    """Build this process's detector (the ~1.4 s start-up) before any state is assessed."""
    from lawcompare.detect.engine import detect
    from lawcompare.rubric.load import load_rubric

    rub = load_rubric(rubric)
    # assessment detects with the bundled rubric of the same name, else palermo (assess.evidence)
    for key in {"palermo", rub.id} & {"palermo", "extended"}:
        detect(WARM_UP_TEXT, lang="en", rubric=key)
    return worker_name()


def _pause(seconds: float) -> str:
    time.sleep(seconds)
    return worker_name()


def assess_state(folder: JurisdictionFolder, dates: tuple[dt.date, ...] | None, rubric: str) -> StateResult:
    """Read one jurisdiction folder and assess it on ``dates`` (None: every date its law changed)."""
    from lawcompare.assess import evidence
    from lawcompare.assess.rules import assess

    start = time.perf_counter()
    problems: Sequence[Exception]
    try:
        corpus, problems = read_jurisdiction(folder)
    except Exception as exc:  # e.g. the folder became unreadable after it was listed
        corpus, problems = None, [exc]
    errors = [StateError.of(e) for e in problems]
    reports: list[dict[str, Any]] = []
    provisions = 0
    if corpus is not None:
        for day in corpus.change_dates(folder.code) if dates is None else dates:
            try:
                reports.append(assess(corpus, folder.code, day, rubric).as_json())
                provisions += len(corpus.in_force(folder.code, day))
            except Exception as exc:  # one date failing must not lose the others
                errors.append(StateError.of(exc, day))
    # The detection cache is keyed by article text, which states do not share: clear it so a
    # worker's memory does not grow with the number of states it has assessed.
    evidence.clear_detection_cache()
    return StateResult(folder.code, str(folder.path), tuple(reports), tuple(errors), provisions,
                       time.perf_counter() - start, worker_name(), peak_rss_kb())


# backends --------------------------------------------------------------------------------------

class _Pool(Protocol):
    workers: int

    def submit(self, folder: JurisdictionFolder) -> Any: ...
    def wait_any(self, futures: list[Any]) -> None: ...
    def outcome(self, folder: JurisdictionFolder, future: Any) -> StateResult: ...
    def close(self) -> None: ...


def _failed(folder: JurisdictionFolder, why: str) -> StateResult:
    return StateResult(folder.code, str(folder.path), errors=(StateError(why),))


class _SerialPool:
    """Everything in the calling process, one state after another."""

    workers = 1

    def __init__(self, dates: tuple[dt.date, ...] | None, rubric: str) -> None:
        self.dates, self.rubric = dates, rubric
        warm_up(rubric)

    def submit(self, folder: JurisdictionFolder) -> Future[StateResult]:
        done: Future[StateResult] = Future()
        done.set_result(assess_state(folder, self.dates, self.rubric))
        return done

    def wait_any(self, futures: list[Any]) -> None:
        return None

    def outcome(self, folder: JurisdictionFolder, future: Future[StateResult]) -> StateResult:
        return future.result()

    def close(self) -> None:
        return None


class _LocalPool:
    """Worker processes on this machine (``spawn``-started, so safe with threads and on every OS)."""

    def __init__(self, jobs: int, dates: tuple[dt.date, ...] | None, rubric: str) -> None:
        self.workers, self.dates, self.rubric = jobs, dates, rubric
        self.executor = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=warm_up, initargs=(rubric,))
        try:
            self._until_all_started()
        except BrokenProcessPool as exc:
            self.close()
            raise LawcompareError(f"the worker processes could not start ({exc}); see the messages above") from None

    def _until_all_started(self, timeout: float = 300.0) -> None:
        """Return once every worker has run its initializer (built its detector)."""
        seen: set[str] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < self.workers and time.monotonic() < deadline:
            pings = [self.executor.submit(_pause, 0.05) for _ in range(self.workers)]
            seen.update(p.result() for p in pings)

    def submit(self, folder: JurisdictionFolder) -> Future[StateResult]:
        return self.executor.submit(assess_state, folder, self.dates, self.rubric)

    def wait_any(self, futures: list[Future[StateResult]]) -> None:
        wait(futures, return_when=FIRST_COMPLETED)

    def outcome(self, folder: JurisdictionFolder, future: Future[StateResult]) -> StateResult:
        exc = future.exception()
        if exc is not None:
            return _failed(folder, f"the worker process assessing this state failed: {exc!r}")
        return future.result()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise LawcompareError("the Dask backend needs the optional dependency dask[distributed]: "
                              "pip install 'lawcompare[dask]'") from None
    return distributed


class _DaskPool:
    """Tasks on a Dask cluster: the one at ``scheduler``, or a local cluster of ``jobs`` one-thread workers."""

    def __init__(self, jobs: int, scheduler: str | None, dates: tuple[dt.date, ...] | None, rubric: str) -> None:
        distributed = _distributed()
        self.distributed, self.dates, self.rubric = distributed, dates, rubric
        self.cluster = None
        if scheduler is None:
            self.cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                    dashboard_address=None, silence_logs=logging.ERROR)
        try:
            self.client = distributed.Client(self.cluster or scheduler, timeout="20s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            self._close_cluster()
            raise LawcompareError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            self.client.wait_for_workers(jobs if self.cluster else 1, timeout=WORKER_WAIT_SECONDS)
            self.workers = len(self.client.run(warm_up, rubric))
        except TimeoutError:
            self.close()
            raise LawcompareError(f"no Dask worker joined the scheduler at {scheduler or 'the local cluster'} "
                                  f"within {WORKER_WAIT_SECONDS} s") from None
        except Exception:
            self.close()
            raise

    def submit(self, folder: JurisdictionFolder) -> Any:
        return self.client.submit(assess_state, folder, self.dates, self.rubric, pure=False)

    def wait_any(self, futures: list[Any]) -> None:
        with self.client.as_current():
            self.distributed.wait(futures, return_when="FIRST_COMPLETED")

    def outcome(self, folder: JurisdictionFolder, future: Any) -> StateResult:
        try:
            return future.result()
        except Exception as exc:  # the task died (worker killed, lost connection...): report, go on
            return _failed(folder, f"the Dask task assessing this state failed: {exc!r}")
        finally:
            future.release()

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            self.cluster.close()

    def close(self) -> None:
        self.client.close()
        self._close_cluster()


# the run ---------------------------------------------------------------------------------------

def _dates(on: DateSpec) -> tuple[dt.date, ...] | None:
    if isinstance(on, str) and on == EACH_CHANGE:
        return None
    if isinstance(on, (str, dt.date)):
        return (as_date(on),)
    days = tuple(sorted({as_date(d) for d in on}))
    if not days:
        raise LawcompareError("no dates to assess")
    return days


def _rubric_for_workers(rubric: str | Path) -> str:
    """A bundled rubric travels by name (workers may live elsewhere); a rubric file by absolute path."""
    from lawcompare.rubric.load import load_rubric

    path = Path(rubric)
    name = str(path.resolve()) if path.suffix in (".yaml", ".yml") or path.exists() else str(rubric)
    load_rubric(name)  # a broken rubric is reported once, here, not once per state
    return name


def _in_order(folders: list[JurisdictionFolder], pool: _Pool, window: int, bar: Any,
              stats: RunStats) -> Iterator[StateResult]:
    """Submit states, keep at most ``window`` of them in flight or waiting, yield them in list order."""
    upcoming = iter(enumerate(folders))
    pending: dict[int, Any] = {}
    ready: dict[int, StateResult] = {}
    next_index = 0

    def top_up() -> None:
        while len(pending) + len(ready) < window:
            item = next(upcoming, None)
            if item is None:
                return
            pending[item[0]] = pool.submit(item[1])

    top_up()
    while pending or ready:
        if next_index in ready:
            result = ready.pop(next_index)
            next_index += 1
            stats.add(result)
            yield result
            top_up()
            continue
        pool.wait_any(list(pending.values()))
        for i in [i for i, f in pending.items() if f.done()]:
            ready[i] = pool.outcome(folders[i], pending.pop(i))
            bar.update(1)


def _run(root: Path, folders: list[JurisdictionFolder], misplaced: list[StateError], dates: tuple[dt.date, ...] | None,
         rubric: str, jobs: int, backend: str, scheduler: str | None, progress: bool,
         stats: RunStats) -> Iterator[StateResult]:
    from tqdm import tqdm

    if misplaced:
        result = StateResult(None, str(root), errors=tuple(misplaced))
        stats.add(result)
        yield result
    if not folders:
        return
    started = time.perf_counter()
    pool: _Pool
    if backend == "serial":
        pool = _SerialPool(dates, rubric)
    elif backend == "local":
        pool = _LocalPool(min(jobs, len(folders)), dates, rubric)
    else:
        pool = _DaskPool(jobs, scheduler, dates, rubric)
    stats.ready_at = time.perf_counter()
    stats.startup_seconds = stats.ready_at - started
    stats.workers = pool.workers
    bar = tqdm(total=len(folders), unit="state", desc="assess", file=sys.stderr,
               disable=not (progress and sys.stderr.isatty()))
    try:
        window = 1 if backend == "serial" else STATES_IN_FLIGHT_PER_WORKER * pool.workers
        yield from _in_order(folders, pool, window, bar, stats)
    finally:
        bar.close()
        pool.close()


def assess_all(corpus_path: str | Path | None, on: DateSpec, rubric: str | Path = "palermo", *,
               jobs: int | None = None, backend: str = "local", scheduler: str | None = None,
               progress: bool = True, stats: RunStats | None = None) -> Iterator[StateResult]:
    """Assess every jurisdiction folder of a corpus; yields one :class:`StateResult` per state, in code order.

    ``on`` is a date, a list of dates, or :data:`EACH_CHANGE` (every date on which the state's law
    changed). ``backend`` is ``"local"`` (``jobs`` worker processes, default: one per CPU core),
    ``"dask"`` (the cluster at ``scheduler``, e.g. ``"tcp://10.0.0.5:8786"``, or a local cluster of
    ``jobs`` workers; needs ``lawcompare[dask]``; the corpus and rubric files must be readable at the
    same absolute paths on the workers) or ``"serial"`` (this process only). ``progress`` shows a
    progress bar on standard error when it is a terminal. Files that fit no jurisdiction folder come
    first, as a result with ``jurisdiction=None``. Arguments are checked when this is called; the
    work starts when the first result is asked for.
    """
    if backend not in BACKENDS:
        raise LawcompareError(f"unknown backend {backend!r}; choose one of: {', '.join(BACKENDS)}")
    if backend == "dask":
        _distributed()
    elif scheduler is not None:
        raise LawcompareError("a scheduler address only applies to the dask backend")
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    if jobs < 1:
        raise LawcompareError(f"jobs must be at least 1 (got {jobs})")
    root = Path(corpus_path) if corpus_path is not None else bundled_path("statutes")
    if backend == "dask":
        root = root.resolve()
    partition = jurisdiction_folders(root)
    misplaced = [StateError.of(e) for e in partition.misplaced]
    stats = stats if stats is not None else RunStats()
    stats.backend = backend
    return _run(root, partition.folders, misplaced, _dates(on), _rubric_for_workers(rubric), jobs, backend,
                scheduler, progress, stats)

