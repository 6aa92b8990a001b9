"""Benchmark 4: re-running the same file and period answers from the stored snapshot.

`plantrack run FILE --period P` once, then `plantrack run FILE --period P --force` again:
the file's SHA-256 matches the manifest, and so do the previous quarter and the overrides,
so the stored snapshot and report are the answer: nothing is read or rewritten. Target: the
re-run takes under a second.
Run: `.venv/bin/python benchmarks/bench_rerun.py [--runs 5] [FILE]`
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import PYTHON, ROOT, compile_bytecode, cores, run_timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "file", nargs="?", type=Path, default=ROOT / "samples" / "2025-Q1" / "plan-libreoffice.pdf"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compile_bytecode()
    plantrack = str(Path(PYTHON).with_name("plantrack"))
    with tempfile.TemporaryDirectory() as tmp:
        base = [
            plantrack,
            "run",
            str(args.file),
            "--period",
            "2025-Q1",
            "--store",
            str(Path(tmp) / "store"),
            "--quiet",
        ]
        first = run_timed(base)
        again = statistics.median(run_timed([*base, "--force"]) for _ in range(args.runs))
    print(f"{args.file.name}, {cores()} cores, re-run median of {args.runs}")
    print(
        f"first run {first:.2f}s   re-run {again:.2f}s   ratio {again / first:.2f}"
        f"   ({'under' if again < 1 else 'OVER'} 1 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
