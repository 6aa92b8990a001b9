"""Benchmark 3: a folder of documents, `plantrack extract DIR -o OUT --jobs 1` vs `--jobs N`.

Documents are spread over N worker processes (each reads its pages in-process); the
speed-up is measured in the same run, whole process against whole process.
Run: `.venv/bin/python benchmarks/bench_jobs.py [--runs 3] [--jobs N] [FOLDER]`
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import PYTHON, ROOT, compile_bytecode, cores, run_timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=cores())
    args = parser.parse_args()
    compile_bytecode()
    plantrack = str(Path(PYTHON).with_name("plantrack"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:  # every sample PDF, one folder
            folder = Path(tmp) / "docs"
            folder.mkdir()
            for pdf in sorted((ROOT / "samples").glob("20*/plan-*.pdf")):
                shutil.copy(pdf, folder / f"{pdf.parent.name}-{pdf.name}")
        n = len([p for p in folder.iterdir() if p.suffix.lower() in (".pdf", ".docx")])
        times: dict[int, list[float]] = {1: [], args.jobs: []}
        for _ in range(args.runs):
            for jobs in times:
                out = Path(tmp) / f"out-{jobs}"
                times[jobs].append(
                    run_timed(
                        [
                            plantrack,
                            "extract",
                            str(folder),
                            "-o",
                            str(out),
                            "--jobs",
                            str(jobs),
                            "--quiet",
                        ]
                    )
                )
    one = statistics.median(times[1])
    many = statistics.median(times[args.jobs])
    print(f"{n} documents, {cores()} cores, median of {args.runs} runs")
    print(f"--jobs 1 {one:.1f}s   --jobs {args.jobs} {many:.1f}s   speed-up {one / many:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
