"""Ctrl-C at any point of a real `plantrack run` (a PDF, so page workers exist).

Each case starts the command in its own session, waits a given time, then interrupts it as
a terminal does (SIGINT to the whole process group: the parent and every worker) or as a
parent process does (SIGINT to plantrack alone), some twice in quick succession. Each
must end within seconds with exit 130 and exactly one line, `Error: interrupted`, and no
traceback (or, interrupted too late, finish normally); no worker may outlive it; and the
store must be whole, unlocked and free of staging, accepting the next run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from plantrack import pipeline
from plantrack.store import Store
from tests._store_check import leftovers, store_problems

REPO = Path(__file__).parents[1]
Q4 = REPO / "samples/2024-Q4/plan.docx"
PDF = REPO / "samples/2025-Q1/plan-libreoffice.pdf"
PLANTRACK = Path(sys.executable).parent / "plantrack"
#: How long an interrupted run may take to end.
ENDS_WITHIN = 15
CASES = 12


def _session_processes(sid: int) -> list[int]:
    """Live (not zombie) processes of a session."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _start(store: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(PLANTRACK), "run", str(PDF), "--period", "2025-Q1", "--store", str(store), "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


@pytest.fixture(scope="module")
def full_run_seconds(tmp_path_factory: pytest.TempPathFactory) -> float:
    times = []
    for _ in range(2):  # the fastest of two: a cold first run would set delays past the end
        store = tmp_path_factory.mktemp("timing") / "store"
        pipeline.run_period(Q4, "2024-Q4", store_dir=store)
        started = time.monotonic()
        proc = _start(store)
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        times.append(time.monotonic() - started)
    return min(times)


@pytest.mark.slow
def test_ctrl_c_at_any_point_of_a_run_stops_it_cleanly(
    tmp_path: Path, full_run_seconds: float
) -> None:
    last = max(full_run_seconds * 0.8, 0.4)
    delays = [0.3 + i * (last - 0.3) / (CASES - 1) for i in range(CASES)]
    interrupted = 0
    for i, delay in enumerate(delays):
        store = tmp_path / f"s{i}" / "store"
        pipeline.run_period(Q4, "2024-Q4", store_dir=store)
        before = Store(store).manifest()
        proc = _start(store)
        time.sleep(delay)
        whole_group = i % 2 == 0
        twice = i % 3 == 2
        for _ in range(2 if twice else 1):
            if whole_group:
                os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C
            else:
                proc.send_signal(signal.SIGINT)
            time.sleep(0.05)
        case = f"case {i}: {delay:.1f}s, {'group' if whole_group else 'parent'}, x{1 + twice}"
        try:
            _, err = proc.communicate(timeout=ENDS_WITHIN)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail(f"{case}: still running {ENDS_WITHIN}s after Ctrl-C")
        deadline = time.monotonic() + 3
        while _session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _session_processes(proc.pid) == [], f"{case}: workers outlived the run"
        assert "Traceback" not in err, f"{case}:\n{err}"
        if proc.returncode == 0:  # the run ended before the signal came
            assert err == "", f"{case}: {err}"
        else:
            interrupted += 1
            assert (proc.returncode, err) == (130, "Error: interrupted\n"), f"{case}: {err!r}"
            assert Store(store).manifest() == before, f"{case}: the interrupted run saved"
        assert store_problems(store) == [], case
        if not twice:  # a second Ctrl-C leaves at once; the next run tidies after it
            assert leftovers(store) == [], f"{case}: left {leftovers(store)}"
        pipeline.run_period(Q4, "2025-Q1", store_dir=store, force=True)
        assert store_problems(store) == [] and leftovers(store) == [], case
    assert interrupted >= CASES - 3, f"only {interrupted} of {CASES} runs were interrupted"
