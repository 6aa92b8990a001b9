"""Benchmark 1: `plantrack extract` against the floor of reading the PDF at all.

The floor is one process of pdfplumber touching every character of the file
(`sum(len(p.chars) for p in pdf.pages)`): any extractor built on pdfplumber pays at least
that. For each sample PDF, whole process against whole process, medians of several runs,
interleaved so that machine noise hits every contender alike:

- floor: pdfplumber reading every character;
- plantrack extract --jobs 1: one process;
- plantrack extract (default): pages read in parallel across the machine's cores;
- naive: pdfplumber `extract_tables()` page by page (no stitching, no context);
- camelot lattice, when camelot-py is installed (`pip install camelot-py`).

Targets (issue 8): single process <= 1.3x the floor; default parallel <= 0.8x on 2 cores.
Run: `.venv/bin/python benchmarks/bench_extract.py [--runs 3] [PDF ...]`
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import PYTHON, ROOT, compile_bytecode, cores, run_timed

FLOOR = (
    "import sys, pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    print(sum(len(p.chars) for p in pdf.pages))\n"
)
NAIVE = (
    "import sys, pdfplumber\nwith pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    print(sum(len(t) for p in pdf.pages for t in p.extract_tables()))\n"
)
CAMELOT = (
    "import sys, camelot\nprint(len(camelot.read_pdf(sys.argv[1], pages='all', "
    "flavor='lattice')))\n"
)


def contenders(pdf: Path, out: Path) -> dict[str, list[str]]:
    plantrack = str(Path(PYTHON).with_name("plantrack"))
    cmds = {
        "floor (pdfplumber chars)": [PYTHON, "-c", FLOOR, str(pdf)],
        "plantrack extract --jobs 1": [
            plantrack,
            "extract",
            str(pdf),
            "-o",
            str(out),
            "--jobs",
            "1",
            "--quiet",
        ],
        f"plantrack extract (default, {cores()} cores)": [
            plantrack,
            "extract",
            str(pdf),
            "-o",
            str(out),
            "--quiet",
        ],
        "naive extract_tables()": [PYTHON, "-c", NAIVE, str(pdf)],
    }
    if importlib.util.find_spec("camelot") is not None:
        cmds["camelot lattice"] = [PYTHON, "-c", CAMELOT, str(pdf)]
    return cmds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compile_bytecode()
    pdfs = args.pdfs or sorted((ROOT / "samples").glob("2025-Q1/plan-*.pdf"))
    totals: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.csv"
        for pdf in pdfs:
            runs: dict[str, list[float]] = {}
            for _ in range(args.runs):
                for name, cmd in contenders(pdf, out).items():
                    runs.setdefault(name, []).append(run_timed(cmd))
            for name, times in runs.items():
                totals.setdefault(name, []).append(statistics.median(times))
            print(
                f"{pdf.relative_to(ROOT) if pdf.is_relative_to(ROOT) else pdf}: "
                + ", ".join(
                    f"{n.split(' (')[0]} {statistics.median(t):.2f}s" for n, t in runs.items()
                ),
                file=sys.stderr,
            )
    floor = sum(next(iter(totals.values())))
    print(f"{len(pdfs)} PDFs, {cores()} cores, median of {args.runs} runs each")
    print(f"{'contender':42} {'seconds':>8} {'x floor':>8}")
    for name, per_file in totals.items():
        total = sum(per_file)
        print(f"{name:42} {total:8.2f} {total / floor:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
