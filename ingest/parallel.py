"""Parse a PDF's pages across worker processes, one page at a time.

Per-page parsing (`pdf.page.parse_page_of`) depends only on (file, page, settings), so
each worker opens the file once and then takes page numbers from a shared queue; only
the small, picklable `PageParse` records travel back, and they are put back in page
order, so everything after this step (naming columns, stitching) is unchanged.

A queue rather than fixed page ranges: pages differ in cost (a short last page, a page
of long progress notes), and with ranges the worker that drew the heavy half finishes
last while the other core idles. Taking the next page when free keeps both cores busy
until the last page.

Process start-up costs tens of milliseconds, so short documents, `jobs=1`, and callers
that cannot have child processes (a daemonic process) read in-process instead.

Interrupts: workers ignore SIGINT (a terminal's Ctrl-C reaches every process of the job),
so only the parent sees it; the parent then terminates its workers and re-raises, and no
worker ever prints a traceback. The signal stays blocked while workers are forked, so none
can receive it before it has set itself to ignore it.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pdfplumber

from ingest.limits import resume_budget_in_worker, worker_task
from ingest.pdf.page import PageParse, parse_page_alone, parse_page_of, parse_pages
from ingest.pdf.unruled import Columns
from ingest.settings import IngestSettings

#: below this many pages, worker start-up costs more than it saves.
MIN_PARALLEL_PAGES = 4
#: each worker gets at least this many pages.
MIN_PAGES_PER_WORKER = 2

Progress = Callable[[int, int], None]


def available_cores() -> int:
    """Cores this process may run on (respects CPU affinity, e.g. in containers)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int, page_count: int) -> int:
    """How many processes to use for a document: `jobs` (0 = every core), capped so each
    worker has a few pages; 1 means read in-process (pure)."""
    wanted = available_cores() if jobs == 0 else jobs
    if page_count < MIN_PARALLEL_PAGES:
        return 1
    return max(1, min(wanted, page_count // MIN_PAGES_PER_WORKER))


#: the worker's open document and settings, set once by `_open_in_worker`
_WORKER_DOC: tuple[Any, IngestSettings] | None = None


def _open_in_worker(path: str, s: IngestSettings) -> None:
    """Worker start-up: leave Ctrl-C to the parent, open the PDF once for every page."""
    global _WORKER_DOC
    ignore_interrupts()
    resume_budget_in_worker()  # the parent's time budget holds here too
    _WORKER_DOC = (pdfplumber.open(path, password=s.password), s)


#: the columns the worker's last page ended with (it takes pages in increasing order);
#: unknown until its first page
_WORKER_COLUMNS: Columns | None = None
_WORKER_STARTED = False


def _parse_in_worker(number: int) -> PageParse:
    """One page, read under the columns the worker's previous page ended with: the
    columns the page before it ends with, along a table whose header prints once. A
    worker's first page is read alone (`parse_page_alone`). The
    reader checks every page's columns and reads a page again where they were wrong."""
    global _WORKER_COLUMNS, _WORKER_STARTED
    if _WORKER_DOC is None:
        raise RuntimeError("page worker started without its document")
    pdf, s = _WORKER_DOC
    with worker_task():  # the document's time budget may stop this page
        if _WORKER_STARTED:
            parse = parse_page_of(pdf, number, s, _WORKER_COLUMNS)
        else:
            parse = parse_page_alone(pdf, number, s)
            _WORKER_STARTED = True
    _WORKER_COLUMNS = parse.columns
    return parse


def ignore_interrupts() -> None:
    """In a worker: SIGINT is the parent's to handle (it stops the workers itself)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold SIGINT back while workers are forked (they inherit the mask, then ignore the
    signal in `ignore_interrupts`); one arriving meanwhile is delivered on leaving."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate a pool's workers now (an interrupt, a failed page): nothing waits for
    pages still being parsed, and the pool's own shutdown then returns at once."""
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            proc.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def _can_have_children() -> bool:
    return not multiprocessing.current_process().daemon


def _context() -> multiprocessing.context.BaseContext | None:
    """'fork' on Linux: workers inherit the imported modules, so they start in milliseconds."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return None


def parse_document(
    path: Path, page_count: int, s: IngestSettings, progress: Progress | None = None
) -> list[PageParse]:
    """Every page of the PDF parsed, in page order; in parallel when it pays.

    `progress(done, total)` is called once per page, as each page is parsed (in this
    process or in a worker).
    """
    workers = worker_count(s.jobs, page_count)
    if workers > 1 and _can_have_children():
        try:
            return _parse_parallel(path, page_count, s, workers, progress)
        except BrokenProcessPool:
            pass  # a worker died (e.g. killed): read in this process instead
    return _parse_here(path, page_count, s, progress)


def _parse_here(
    path: Path, page_count: int, s: IngestSettings, progress: Progress | None
) -> list[PageParse]:
    parses: list[PageParse] = []
    for parse in parse_pages(path, 1, page_count, s):
        parses.append(parse)
        if progress:
            progress(len(parses), page_count)
    return parses


def _parse_parallel(
    path: Path,
    page_count: int,
    s: IngestSettings,
    workers: int,
    progress: Progress | None,
) -> list[PageParse]:
    """Every page across the workers, in page order."""
    parsed: dict[int, PageParse] = {}
    with interrupts_held():
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_context(),
            initializer=_open_in_worker,
            initargs=(str(path), s),
        )
        futures = [pool.submit(_parse_in_worker, n) for n in range(1, page_count + 1)]
    try:
        for fut in as_completed(futures):
            parse = fut.result()  # a worker's exception is raised here
            parsed[parse.page] = parse
            if progress:
                progress(len(parsed), page_count)
    except BaseException:
        stop_workers(pool)  # an interrupt or a failed page: stop the others at once
        raise
    finally:
        pool.shutdown(wait=True)
    return [parsed[number] for number in sorted(parsed)]
