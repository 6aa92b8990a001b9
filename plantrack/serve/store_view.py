"""What the pages show, read from the store: periods, downloads, one action's quarters.

Everything here only reads the store (through `plantrack.pipeline` and `Store`), and every
file it hands out is one of a fixed list of names inside the store, never a path from a
request.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import outputs
from plantrack import pipeline
from plantrack.errors import InputError
from plantrack.store import ManifestEntry, Store

#: the RAG statuses in deck order (normalise.scale is their one home)
STATUSES = outputs.RAG_ORDER


@dataclass(frozen=True)
class Download:
    """One file of a period, offered under a fixed name."""

    name: str  # the name in the URL: "report.pptx", "snapshot.parquet"
    label: str  # what an officer reads
    relative: str  # path inside the store
    download_name: str  # the file name the browser saves


@dataclass(frozen=True)
class PeriodRow:
    """One line of the quarters-held table (the `history` command's columns)."""

    period: str
    slug: str
    actions: int
    counts: tuple[int, ...]  # in STATUSES order
    other: int
    warnings: int
    source: str  # the document's file name only
    created: str
    previous_period: str


def period_row(entry: ManifestEntry) -> PeriodRow:
    """The history table's row for one period (pure)."""
    other = sum(v for k, v in entry.counts.items() if k not in STATUSES)
    return PeriodRow(
        period=entry.period,
        slug=outputs.period_slug(entry.period),
        actions=entry.actions,
        counts=tuple(entry.counts.get(s, 0) for s in STATUSES),
        other=other,
        warnings=entry.warnings,
        source=Path(entry.source_file).name,
        created=entry.created,
        previous_period=entry.previous_period,
    )


def period_rows(store_dir: Path) -> list[PeriodRow]:
    """Every period held, oldest first; an absent store holds none (the first upload makes it)."""
    store = Store(store_dir)
    if not store.exists():
        store.manifest()  # refuses a folder that is not a store, like the CLI
        return []
    return [period_row(e) for e in pipeline.history(store_dir)]


def find_entry(store_dir: Path, period_or_slug: str) -> ManifestEntry:
    """The manifest entry named by its period (`2025/26-Q1`) or its slug (`2025-26-Q1`)."""
    store = Store(store_dir)
    for entry in store.manifest().entries:
        if period_or_slug in (entry.period, outputs.period_slug(entry.period)):
            return entry
    raise InputError(f"period {period_or_slug} is not in the store {store.root}")


def downloads(period: str) -> tuple[Download, ...]:
    """The files a run writes for `period`, in the order the page lists them (pure)."""
    slug = outputs.period_slug(period)
    report = f"reports/{slug}"
    return (
        Download("report.html", "Report (HTML)", f"{report}/report.html", f"report-{slug}.html"),
        Download("report.md", "Report (Markdown)", f"{report}/report.md", f"report-{slug}.md"),
        Download(
            "report.pptx", "Forum deck (PowerPoint)", f"{report}/report.pptx", f"report-{slug}.pptx"
        ),
        Download(
            "changes.xlsx",
            "Changes workbook (Excel)",
            f"{report}/changes.xlsx",
            f"changes-{slug}.xlsx",
        ),
        Download("changes.csv", "Changes (CSV)", f"{report}/changes.csv", f"changes-{slug}.csv"),
        Download(
            "snapshot.xlsx", "Snapshot (Excel)", f"snapshots/{slug}.xlsx", f"snapshot-{slug}.xlsx"
        ),
        Download("snapshot.csv", "Snapshot (CSV)", f"snapshots/{slug}.csv", f"snapshot-{slug}.csv"),
        Download(
            "snapshot.parquet",
            "Snapshot (Parquet)",
            f"snapshots/{slug}.parquet",
            f"snapshot-{slug}.parquet",
        ),
    )


def inside(root: Path, relative: str) -> Path | None:
    """`root/relative` if it is a regular file whose real path stays inside the real root.

    A symlink that leads out of the store, or `..` in a name, gives None.
    """
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, relative))
    if os.path.commonpath([real_root, real]) != real_root or not os.path.isfile(real):
        return None
    return Path(real)


def available_downloads(store_dir: Path, period: str) -> list[Download]:
    """The period's downloads that exist in the store (a first quarter has no changes.csv)."""
    return [d for d in downloads(period) if inside(store_dir, d.relative) is not None]


def download_path(store_dir: Path, period: str, name: str) -> tuple[Download, Path] | None:
    """The file behind `/periods/<period>/files/<name>`, or None if there is no such file."""
    for d in downloads(period):
        if d.name == name:
            path = inside(store_dir, d.relative)
            return (d, path) if path is not None else None
    return None


# --------------------------------------------------------------------------- one action


@dataclass(frozen=True)
class ActionQuarter:
    """One action as one quarter's snapshot holds it."""

    period: str
    slug: str
    name: str  # as the appendix prints it ("3.10", "the action after 1.1")
    action: str
    status: str
    status_label: str
    start: str
    end: str
    team: str
    progress_update: str
    pages: str


@dataclass(frozen=True)
class ActionSummary:
    action_id: str
    name: str
    action: str
    status: str


def action_history(store_dir: Path, action_id: str) -> list[ActionQuarter]:
    """Every quarter's record of the action with this `action_id` (its lineage), oldest first."""
    store = Store(store_dir)
    found = []
    for period in store.periods():
        actions, ids = store.load_snapshot(period)
        for a, i in zip(actions, ids, strict=True):
            if i == action_id:
                found.append(
                    ActionQuarter(
                        period=period,
                        slug=outputs.period_slug(period),
                        name=outputs.printed_name(a.ref, a.objective),
                        action=a.action,
                        status=a.status,
                        status_label=a.status_label,
                        start=a.start,
                        end=a.end,
                        team=a.team,
                        progress_update=a.progress_update,
                        pages=_pages(a.pages),
                    )
                )
    return found


def latest_actions(store_dir: Path) -> tuple[str, list[ActionSummary]]:
    """The latest period and its actions, to pick one from."""
    store = Store(store_dir)
    periods = store.periods() if store.exists() else []
    if not periods:
        return "", []
    actions, ids = store.load_snapshot(periods[-1])
    return periods[-1], [
        ActionSummary(i, outputs.printed_name(a.ref, a.objective), a.action, a.status)
        for a, i in zip(actions, ids, strict=True)
    ]


def _pages(pages: tuple[int, ...]) -> str:
    if not pages:
        return ""
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"
