"""Shared helpers for the benchmarks: whole-process timing, medians, peak memory.

Benchmarks compare against a baseline measured in the same run, because these machines
are shared and noisy: absolute seconds mean little, ratios do.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def run_timed(cmd: Sequence[str], *, cwd: Path | None = None) -> float:
    """Run one whole process and return its wall-clock seconds; fail loudly if it fails."""
    start = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
            f"{proc.stderr.strip()[-2000:]}"
        )
    return elapsed


def median_time(cmd: Sequence[str], runs: int) -> float:
    return statistics.median(run_timed(cmd) for _ in range(runs))


def peak_rss_mb(cmd: Sequence[str]) -> tuple[float, float]:
    """Wall time and peak RSS of one run, measured with GNU time when available."""
    time_bin = Path("/usr/bin/time")
    if not time_bin.exists():
        elapsed, _ = run_timed(cmd)
        return elapsed, float("nan")
    fmt_file = ROOT / "benchmarks" / "_work" / f"time-{os.getpid()}.txt"
    fmt_file.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    proc = subprocess.run(
        [str(time_bin), "-f", "%M", "-o", str(fmt_file), *cmd],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    kb = int(fmt_file.read_text().strip().splitlines()[-1])
    return elapsed, kb / 1024


def cores() -> int:
    return os.cpu_count() or 1


PACKAGES = ("ingest", "normalise", "compare", "outputs", "plantrack")


def compile_bytecode() -> None:
    """Compile the project's modules once, as an installed package is: where
    PYTHONDONTWRITEBYTECODE is set (these machines set it) an editable install would
    otherwise recompile every module on every timed run, a cost the library contenders,
    compiled by pip, never pay."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    dirs = [str(ROOT / p) for p in PACKAGES]
    subprocess.run([PYTHON, "-m", "compileall", "-q", *dirs], env=env, check=True)
