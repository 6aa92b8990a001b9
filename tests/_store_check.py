"""One question asked of a store after anything went wrong: is it whole and self-consistent?

Used by the crash, interrupt and fault tests. It reads the store only through what a user
and plantrack read (the public paths and `Store`), and returns the problems found, so a test
failure names every inconsistency at once.
"""

from __future__ import annotations

import csv
from pathlib import Path

import outputs
from plantrack.store import LOCK, Store


def store_problems(root: Path) -> list[str]:
    """Everything that disagrees in the store at `root`: manifest, files and reports."""
    store = Store(root)
    manifest = store.manifest()
    periods = manifest.periods()
    problems: list[str] = []
    if not store.exists():
        return [] if not periods else ["periods listed but no manifest"]
    snapshots = root / "snapshots"
    reports = root / "reports"
    slugs = [outputs.period_slug(p) for p in periods]
    listed = {f"{s}{suffix}" for s in slugs for suffix in (".parquet", ".csv", ".xlsx")}
    present = {p.name for p in snapshots.iterdir()} if snapshots.is_dir() else set()
    if present != listed:
        problems.append(f"snapshots/ holds {sorted(present)}, manifest lists {sorted(listed)}")
    present_reports = {p.name for p in reports.iterdir()} if reports.is_dir() else set()
    if present_reports != set(slugs):
        problems.append(f"reports/ holds {sorted(present_reports)}, manifest lists {periods}")
    for e in manifest.entries:
        parquet, csv_path = store.snapshot_path(e.period), store.snapshot_path(e.period, ".csv")
        report_dir = store.report_dir(e.period)
        if not parquet.is_file() or not csv_path.is_file():
            problems.append(f"{e.period}: snapshot files missing")
            continue
        actions, _, period = outputs.read_snapshot(parquet)
        if (len(actions), period) != (e.actions, e.period):
            problems.append(f"{e.period}: snapshot has {len(actions)} actions of {period!r}")
        with csv_path.open(encoding="utf-8-sig", newline="") as fh:
            rows = sum(1 for _ in csv.DictReader(fh))
        if rows != e.actions:
            problems.append(f"{e.period}: snapshot CSV has {rows} rows, manifest {e.actions}")
        if e.previous_period and e.previous_period not in periods:
            problems.append(f"{e.period}: compared with {e.previous_period}, not in the store")
        expected = {"report.md", "report.html", "report.pptx", "changes.xlsx"}
        expected |= {"changes.csv"} if e.previous_period else set()
        held = {p.name for p in report_dir.iterdir()} if report_dir.is_dir() else set()
        if held != expected:
            problems.append(f"{e.period}: reports hold {sorted(held)}, expected {sorted(expected)}")
            continue
        md = (report_dir / "report.md").read_text(encoding="utf-8")
        source = f"Source: {Path(e.source_file).name}"
        if f"— {e.period}" not in md.splitlines()[0] or source not in md:
            problems.append(f"{e.period}: report.md is not the report of this snapshot")
        if e.previous_period and f"Changes since **{e.previous_period}**" not in md:
            problems.append(f"{e.period}: report.md does not compare with {e.previous_period}")
    return problems


def leftovers(root: Path) -> list[str]:
    """What a finished run must not leave: staging, temporary links, a lock, old generations."""
    found = [p.name for p in root.iterdir() if p.name.startswith(".") and p.name != LOCK]
    if (root / LOCK).exists():
        found.append(LOCK)
    generations = root / "generations"
    if generations.is_dir() and len(list(generations.iterdir())) > 2:
        found.append(f"{len(list(generations.iterdir()))} generations (at most 2 expected)")
    return found
