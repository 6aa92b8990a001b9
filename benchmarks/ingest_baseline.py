"""Naive baseline vs ingest: % of actions entirely right, per sample PDF.

The naive approach is pdfplumber's `extract_tables()` page by page: every body row is an
action, cell lines joined with a space, no stitching across pages. The issue quotes it at
about 89-94%; the misses are the page-split rows. Not a test: run

    .venv/bin/python benchmarks/ingest_baseline.py [samples/2024-Q4/plan-libreoffice.pdf ...]
"""

from __future__ import annotations

import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ingest  # noqa: E402

CELLS = ingest.COLUMNS


def collapse(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def naive_rows(path: Path) -> list[tuple[str, ...]]:
    """Every body row of every table on every page, as printed (no stitching)."""
    out = []
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = tuple(collapse(c) for c in row)
                    if len(cells) != len(CELLS) or cells[0] == "No." or cells[1] == "Action":
                        continue
                    if sum(1 for c in cells if c) <= 1 and not cells[1]:
                        continue  # a theme / objective row
                    out.append(cells)
            page.close()
    return out


def truth_rows(period: str) -> list[tuple[str, ...]]:
    with (ROOT / "samples" / "truth" / f"{period}.csv").open(newline="", encoding="utf-8") as fh:
        return [tuple(collapse(r[c]) for c in CELLS) for r in csv.DictReader(fh)]


def share_right(got: list[tuple[str, ...]], want: list[tuple[str, ...]]) -> float:
    """Share of truth actions reproduced exactly (all eight cells) by some output row."""
    pool = Counter(got)
    right = 0
    for row in want:
        if pool[row] > 0:
            pool[row] -= 1
            right += 1
    return right / len(want)


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sorted((ROOT / "samples").glob("20*/*.pdf"))
    print(f"{'sample':45} {'naive':>7} {'ingest':>7} {'time':>6}")
    for path in paths:
        want = truth_rows(path.parent.name)
        naive = share_right(naive_rows(path), want)
        t = time.perf_counter()
        plan = ingest.read_plan(path)
        dt = time.perf_counter() - t
        got = [tuple(collapse(getattr(a, c)) for c in CELLS) for a in plan.actions]
        print(
            f"{path.parent.name + '/' + path.name:45} {naive:7.1%} {share_right(got, want):7.1%}"
            f" {dt:5.1f}s"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
