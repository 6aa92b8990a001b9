"""A real `plantrack run`, killed (SIGKILL) at every step of its save, leaves a whole store.

The steps are not guessed: a first run records every named point of the save
(PLANTRACK_TEST_RECORD_STEPS), then one run per step is killed there
(PLANTRACK_TEST_KILL_AT makes the process SIGKILL itself: no cleanup runs, as with a
power cut or the OOM killer). After each kill the store must read, list only files that
exist, agree with itself, show either the old state byte for byte or the complete new one,
and accept the next run, which tidies what the killed one left.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import file_sha256
from plantrack import pipeline
from plantrack.store import Store
from tests._store_check import leftovers, store_problems
from tests.test_store import tree_hashes

REPO = Path(__file__).parents[1]
Q4 = REPO / "samples/2024-Q4/plan.docx"
Q1 = REPO / "samples/2025-Q1/plan.docx"
Q1_OTHER = REPO / "samples/2025-Q1/plan-onetable.docx"
Q2 = REPO / "samples/2025-Q2/plan.docx"
PLANTRACK = Path(sys.executable).parent / "plantrack"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding 2024-Q4 and 2025-Q1 (two saves, so two generations)."""
    root = tmp_path_factory.mktemp("crash") / "store"
    pipeline.run_period(Q4, "2024-Q4", store_dir=root)
    pipeline.run_period(Q1, "2025-Q1", store_dir=root)
    assert store_problems(root) == []
    return root


def _run(
    store: Path, doc: Path, period: str, *extra: str, **env: str
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PLANTRACK), "run", str(doc), "--period", period, "--store", str(store), "-q", *extra],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def _steps(store: Path, doc: Path, period: str, *extra: str) -> list[str]:
    record = store.parent / "steps.txt"
    result = _run(store, doc, period, *extra, PLANTRACK_TEST_RECORD_STEPS=str(record))
    assert result.returncode == 0, result.stderr
    return record.read_text(encoding="utf-8").splitlines()


def view_hashes(root: Path) -> dict[str, str]:
    """What a reader sees: the store's files, without what a killed run leaves behind
    (its lock and staging, which the next run removes)."""
    return {k: v for k, v in tree_hashes(root).items() if not k.startswith(".")}


SCENARIOS = {
    # a new quarter on a store that holds two
    "new period": ("2025-Q2", Q2, ()),
    # --force with a different file: every file of 2025-Q1 and its entry are replaced
    "force": ("2025-Q1", Q1_OTHER, ("--force",)),
}


@pytest.mark.slow
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_a_run_killed_at_every_step_of_the_save_leaves_a_whole_store(
    base: Path, tmp_path: Path, scenario: str
) -> None:
    period, doc, extra = SCENARIOS[scenario]
    probe = Path(shutil.copytree(base, tmp_path / "probe" / "store", symlinks=True))
    steps = _steps(probe, doc, period, *extra)
    assert len(steps) >= 10 and "current switched" in steps, steps
    new_sha = file_sha256(doc)
    before = view_hashes(base)
    outcomes = {"old": 0, "new": 0}
    for i, step in enumerate(steps):
        store = Path(shutil.copytree(base, tmp_path / f"k{i}" / "store", symlinks=True))
        killed = _run(store, doc, period, *extra, PLANTRACK_TEST_KILL_AT=step)
        assert killed.returncode == -9, (step, killed.returncode, killed.stderr)

        assert store_problems(store) == [], f"killed at {step!r}"
        entry = Store(store).manifest().get(period)
        if entry is not None and entry.sha256 == new_sha:
            outcomes["new"] += 1
        else:
            assert view_hashes(store) == before, f"killed at {step!r}: neither old nor new"
            outcomes["old"] += 1

        result = pipeline.run_period(doc, period, store_dir=store, force=True)
        assert result.actions > 0
        assert store_problems(store) == [], f"the run after a kill at {step!r}"
        assert Store(store).manifest().get(period).sha256 == new_sha
        assert leftovers(store) == [], f"the run after a kill at {step!r} left these"
    # the kills fell on both sides of the switch: the test saw both outcomes
    assert outcomes["old"] >= 5 and outcomes["new"] >= 3, outcomes
