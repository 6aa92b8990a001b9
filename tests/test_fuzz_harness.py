"""The isolation harness must itself catch what the corpus tests look for: hangs, crashes, escapes.

If it did not, a corpus test could pass while a parser hangs or segfaults on a file.
"""

from __future__ import annotations

import faulthandler
import os
import signal
import time
from pathlib import Path

import pytest

from tests._fuzz_support import MUTATIONS, failure_report, mutate, run_isolated


def _behave(path: Path) -> tuple[str, str]:
    """A stand-in reader whose behaviour is named by the file's name."""
    name = path.name
    if name == "hang":
        time.sleep(60)
    if name == "spin":
        while True:
            pass
    if name == "segfault":
        faulthandler.disable()  # pytest's handler would print the child's stack: noise here
        os.kill(os.getpid(), signal.SIGSEGV)
    if name == "exit":
        os._exit(3)
    if name == "raise":
        raise KeyError("boom")
    if name == "refuse":
        return "refused", "NoActionTableError: no action-plan table found"
    return "parsed", "fine"


@pytest.mark.slow
def test_harness_reports_hang_crash_and_escape_per_case() -> None:
    names = ["fine", "hang", "spin", "segfault", "exit", "raise", "refuse"]
    started = time.monotonic()
    outcomes = run_isolated(
        [(name, Path(name)) for name in names], _behave, timeout=1, workers=2, wall_factor=8
    )
    elapsed = time.monotonic() - started

    verdicts = {outcome.case: outcome.verdict for outcome in outcomes}
    assert verdicts == {
        "fine": "parsed",
        "hang": "timeout",
        "spin": "timeout",
        "segfault": "crash",
        "exit": "crash",
        "raise": "error",
        "refuse": "refused",
    }
    by_case = {outcome.case: outcome for outcome in outcomes}
    assert "signal 11" in by_case["segfault"].detail
    assert "exit code 3" in by_case["exit"].detail
    assert "KeyError" in by_case["raise"].detail and "_behave" in by_case["raise"].trace
    assert "CPU time" in by_case["spin"].detail and "wall-clock" in by_case["hang"].detail
    assert elapsed < 30, "the waiting child was not killed at its wall-clock limit"
    report = failure_report(outcomes, "demo")
    assert report.startswith("demo: 5 of 7 cases failed")
    assert "hang: timeout" in report


def test_mutations_are_reproducible_and_change_the_bytes() -> None:
    data = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\nxref\n0 3\n0000000000 65535 f \n"
    data += b"trailer\n<< /Size 3 >>\nstartxref\n10265\n%%EOF\n"
    for kind in MUTATIONS:
        for seed in range(20):
            first, note = mutate(data, kind, seed)
            again, note_again = mutate(data, kind, seed)
            assert (first, note) == (again, note_again), f"{kind} seed {seed} is not deterministic"
            assert first != data, f"{kind} seed {seed} left the file unchanged: {note}"
