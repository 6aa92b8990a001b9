"""Parse a PDF's pages across worker processes, one contiguous page range per worker.

Per-page parsing (`pdf_page.parse_pages`) depends only on (path, page range, settings),
so each worker opens the file itself and parses its own range; only the small, picklable
`PageParse` records travel back. The result is the same list, in page order, as parsing
in-process, so everything after this step (naming columns, stitching) is unchanged.

Process start-up costs tens of milliseconds, so short documents, `jobs=1`, and callers
that cannot have child processes (a daemonic process) read in-process instead.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ingest.pdf_page import PageParse, parse_pages
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


def page_ranges(page_count: int, workers: int) -> list[tuple[int, int]]:
    """Split pages 1..page_count into `workers` contiguous, near-equal ranges (pure)."""
    workers = max(1, min(workers, page_count))
    base, extra = divmod(page_count, workers)
    out, first = [], 1
    for i in range(workers):
        size = base + (1 if i < extra else 0)
        out.append((first, first + size - 1))
        first += size
    return out


def _parse_range(path: str, first: int, last: int, s: IngestSettings) -> list[PageParse]:
    """Worker body: open the file and parse one page range."""
    return list(parse_pages(path, first, last, s))


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

    `progress(done, total)` is called once per page: as each page is parsed in-process, or
    for each page of a range as its worker finishes.
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
    path: Path, page_count: int, s: IngestSettings, workers: int, progress: Progress | None
) -> list[PageParse]:
    ranges = page_ranges(page_count, workers)
    chunks: dict[int, list[PageParse]] = {}
    done = 0
    with ProcessPoolExecutor(max_workers=len(ranges), mp_context=_context()) as pool:
        pending: dict[Future[list[PageParse]], int] = {
            pool.submit(_parse_range, str(path), first, last, s): first for first, last in ranges
        }
        try:
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    first = pending.pop(fut)
                    chunks[first] = fut.result()  # a worker's exception is raised here
                    for _ in chunks[first]:
                        done += 1
                        if progress:
                            progress(done, page_count)
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise
    return [parse for first in sorted(chunks) for parse in chunks[first]]
