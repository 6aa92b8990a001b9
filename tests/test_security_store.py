"""#12, attacks that held (keep them so): a new period killed at random moments with
SIGKILL, and two runs at once, never damage what the store already holds."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests._store_check import store_problems
from tests.test_security_pdf import run_cli
from tests.test_store import tree_hashes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _held(store: Path) -> dict[str, str]:
    """The store's committed files (a killed run may leave its lock or staging folder)."""
    return {
        k: v
        for k, v in tree_hashes(store).items()
        if not k.startswith(".staging-") and k != ".plantrack.lock"
    }


def _run(store: Path, period: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "plantrack.cli",
            "run",
            str(SAMPLES / "2025-Q1" / "plan.docx"),
            "--period",
            period,
            "--store",
            str(store),
            "-q",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_sigkill_of_a_new_period_at_any_moment_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, err = run_cli("run", SAMPLES / "2024-Q4" / "plan.docx", "--period", "2024-Q4",
                           "--store", store)  # fmt: skip
    assert code == 0, err
    before = _held(store)
    for delay in (0.3, 0.9, 1.5, 2.2):
        proc = _run(store, "2025-Q1")
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        after = _held(store)
        if after != before:
            # the run committed before the kill (which may still land before the process
            # exits, on a busy machine): the store must be whole and keep what it held
            assert "snapshots/2025-Q1.parquet" in after, proc.returncode
            assert store_problems(store) == []
            assert {k: v for k, v in after.items() if k in before and k != "manifest.json"} == {
                k: v for k, v in before.items() if k != "manifest.json"
            }
            return
        assert after == before
    # a later run takes the dead run's lock over and succeeds
    code, _, err = run_cli("run", SAMPLES / "2025-Q1" / "plan.docx", "--period", "2025-Q1",
                           "--store", store)  # fmt: skip
    assert code == 0, err
    assert {k: v for k, v in _held(store).items() if k in before and k != "manifest.json"} == {
        k: v for k, v in before.items() if k != "manifest.json"
    }


@pytest.mark.slow
def test_two_runs_at_once_one_wins_and_the_store_is_whole(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, _, err = run_cli("run", SAMPLES / "2024-Q4" / "plan.docx", "--period", "2024-Q4",
                           "--store", store)  # fmt: skip
    assert code == 0, err
    procs = [_run(store, "2025-Q1"), _run(store, "2025-Q2")]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert all(code in (0, 6) for code, _ in results), results
    for code, err in results:
        if code == 6:
            assert "is locked by process" in err
    code, out, err = run_cli("history", "--store", store)
    assert code == 0, err
    held = [line.split()[0] for line in out.splitlines()[1:]]
    assert held[0] == "2024-Q4" and len(held) == 1 + sum(code == 0 for code, _ in results)
