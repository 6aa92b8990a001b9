"""The three committed DOCX sample quarters run once into a store, shared by the forum tests.

DOCX rather than PDF: the same actions and changes, read in a fraction of the time on a
shared machine. The store lives in a temporary folder for the whole test session.
"""

from __future__ import annotations

import atexit
import csv
import functools
import shutil
import tempfile
from pathlib import Path

from plantrack import pipeline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PERIODS = ("2024-Q4", "2025-Q1", "2025-Q2")


@functools.cache
def sample_store() -> tuple[Path, tuple[pipeline.RunResult, ...]]:
    """(store folder, one RunResult per quarter, oldest first)."""
    root = Path(tempfile.mkdtemp(prefix="plantrack-forum-tests-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    store = root / "plantrack-store"
    results = tuple(
        pipeline.run_period(SAMPLES / p / "plan.docx", p, store_dir=store) for p in PERIODS
    )
    return store, results


def snapshot_rows(store: Path, period: str) -> list[dict[str, str]]:
    """The run's own snapshot CSV: what every other output must agree with."""
    path = store / "snapshots" / f"{period}.csv"
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
