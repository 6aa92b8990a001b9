"""Benchmark 2: time and peak memory of `plantrack extract --jobs 1` on 50/200/500 pages.

Synthetic appendices (benchmarks/make_synthetic.py, cached in benchmarks/_work/, not
committed) have exactly the structure of the real sample, only longer. One process each,
peak RSS from GNU time (`/usr/bin/time -f %M`). Time per page must stay roughly constant
(linear growth) and peak memory under 300 MB at 500 pages.
Run: `.venv/bin/python benchmarks/bench_scale.py [--runs 1] [--pages 50 200 500]`
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _timing import PYTHON, compile_bytecode, cores, peak_rss_mb
from make_synthetic import page_count, synthetic_pdf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[50, 200, 500])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    compile_bytecode()
    plantrack = str(Path(PYTHON).with_name("plantrack"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for target in args.pages:
            pdf = synthetic_pdf(target)
            pages = page_count(pdf)
            cmd = [
                plantrack,
                "extract",
                str(pdf),
                "-o",
                str(Path(tmp) / "out.csv"),
                "--jobs",
                "1",
                "--quiet",
            ]
            runs = [peak_rss_mb(cmd) for _ in range(args.runs)]
            seconds = statistics.median(r[0] for r in runs)
            rss = max(r[1] for r in runs)
            rows.append((target, pages, seconds, rss))
            print(f"{pdf.name}: {pages} pages {seconds:.1f}s {rss:.0f} MB", file=sys.stderr)
    base = rows[0][2] / rows[0][1]
    print(f"plantrack extract --jobs 1, {cores()} cores, median of {args.runs} run(s)")
    print(f"{'pages':>6} {'seconds':>8} {'s/page':>7} {'vs first':>8} {'peak MB':>8}")
    for _, pages, seconds, rss in rows:
        per = seconds / pages
        print(f"{pages:6d} {seconds:8.1f} {per:7.3f} {per / base:8.2f} {rss:8.0f}")
    worst = max(r[3] for r in rows)
    print(f"peak memory {worst:.0f} MB ({'under' if worst < 300 else 'OVER'} 300 MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
