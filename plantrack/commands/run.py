"""`plantrack run`: the quarterly run. Read the plan, save its snapshot, compare with the
previous quarter in the store, write the report, deck and changes.

The store's manifest is read twice: once before the document is read, so the refusals
(period held, same file as another period, an unchanged `--force` re-run) come before a
read that can take minutes, and once under the store's lock, where everything written is
decided. The document is hashed once, and that hash is what ingest records.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

import click

import compare
import outputs
from normalise import Action
from outputs.safe import terminal_text as _t
from plantrack import __version__
from plantrack.commands import generated_now
from plantrack.config import CONFIG_NAME, DEFAULT_CONFIG, StoreConfig, load_config
from plantrack.errors import EXIT_OK, StoreError
from plantrack.feedback import QUIET, Feedback
from plantrack.options import (
    PATH,
    Command,
    console,
    example,
    limits_of,
    output_options,
    period_option,
    reading_options,
    runtime,
    store_option,
)
from plantrack.reading import document_sha256, read_document
from plantrack.stages import compare_actions
from plantrack.store import (
    DEFAULT_STORE,
    Manifest,
    ManifestEntry,
    Store,
    overrides_header,
    validate_period,
)

__all__ = ["RunResult", "command", "run_period", "stale_successor", "status_counts"]


@dataclass(frozen=True)
class RunResult:
    period: str
    previous_period: str
    store: Path
    snapshot: Path
    snapshot_csv: Path
    report_md: Path
    report_html: Path
    changes_csv: Path | None
    actions: int
    counts: dict[str, int]
    warnings: int
    changes: int
    cached: bool
    notes: tuple[str, ...] = ()
    #: the next later period in the store, when its report was not compared with this one
    #: (this period was added after it): rerun it with --force to bring it up to date
    stale_later: ManifestEntry | None = None
    #: the forum pack: the deck, the changes workbook, the snapshot as .xlsx
    report_pptx: Path | None = None
    changes_xlsx: Path | None = None
    snapshot_xlsx: Path | None = None


def status_counts(actions: Sequence[Action]) -> dict[str, int]:
    """Counts by status in deck order, then anything else (empty status as "none")."""
    counts = Counter(a.status or "none" for a in actions)
    ordered = {s: counts.pop(s, 0) for s in outputs.RAG_ORDER}
    ordered.update(sorted(counts.items()))
    return ordered


def run_period(
    path: Path,
    period: str,
    *,
    store_dir: Path = DEFAULT_STORE,
    force: bool = False,
    allow_loss: bool = False,
    password: str | None = None,
    feedback: Feedback = QUIET,
    limits: dict[str, float] | None = None,
    raw_csv: bool = False,
) -> RunResult:
    """The quarterly run: read, save the snapshot, compare with the previous period, report.

    Nothing is written to the store unless every step succeeds (see plantrack.store).
    """
    period = validate_period(period)
    path = Path(path)
    store = Store(store_dir)
    manifest = store.manifest()  # to refuse before the (slow) read
    _refuse_existing(store, manifest, period, force)
    sha = document_sha256(path)
    config = load_config(store_dir)  # a bad plantrack.toml stops here, before reading
    settings = config_key(config)
    if not force:
        _refuse_same_file(manifest, period, sha, path)
    else:
        unchanged = _unchanged_run(store, manifest, period, sha, settings)
        if unchanged is not None:
            store.tidy()
            return unchanged

    entry = manifest.get(period)
    cached = (
        bool(force and entry and entry.sha256 == sha and entry.tool_version == __version__)
        and entry is not None
        and entry.config == settings  # an edited plantrack.toml may read the document otherwise
        and store.snapshot_path(period).is_file()
    )
    notes: list[str] = []
    if cached:
        actions, _ = store.load_snapshot(period)
        new = tuple(actions)
    else:
        plan, notes = read_document(
            path,
            allow_loss=allow_loss,
            password=password,
            feedback=feedback,
            limits=limits,
            config=config,
            sha256=sha,
        )
        # absolute, so the report's links and later diffs find the document from anywhere
        where = str(path.resolve())
        new = tuple(dataclasses.replace(a, source_file=where) for a in plan.actions)

    with store.lock():
        manifest = store.manifest()  # the one read everything written is decided from
        _refuse_existing(store, manifest, period, force)
        previous = outputs.previous_of(period, [p for p in manifest.periods() if p != period])
        history = store.history(period, manifest=manifest)
        comparison: compare.Comparison | None = None
        prev_entry: ManifestEntry | None = None
        old: list[Action] = []
        old_ids: list[str] = []
        if previous:
            old, old_ids = list(history[0].actions), list(history[0].ids)
            retired = sorted({i for h in history for i in h.ids})
            comparison = compare_actions(
                old,
                new,
                old_ids=old_ids,
                overrides=store.overrides(),
                reserved_ids=retired,
                scale=config.status_scale,
            )
            ids = tuple(comparison.new_ids)
            prev_entry = manifest.get(previous)
        else:
            ids = compare.new_ids(new)
        report = outputs.build_report(
            new,
            ids,
            period,
            old_actions=old if previous else None,
            old_ids=old_ids if previous else None,
            previous_period=previous,
            comparison=comparison,
            history=history,
            source=str(path),
            previous_source=prev_entry.source_file if prev_entry else "",
            generated=generated_now(),
            tool_version=__version__,
            scale=config.status_scale,
        )
        frame = outputs.snapshot_frame(new, ids, period)
        counts = status_counts(new)
        warnings = sum(len(a.warnings) for a in new)
        new_entry = ManifestEntry(
            period=period,
            source_file=str(path.resolve()),
            sha256=sha,
            tool_version=__version__,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            actions=len(new),
            counts=counts,
            warnings=warnings,
            previous_period=previous,
            inputs=_inputs_fingerprint(store, manifest, previous),
            config=settings,
        )
        saved = manifest.with_entry(new_entry)
        slug = outputs.period_slug(period)  # 2025/26-Q1 -> 2025-26-Q1: a file name
        reports = Path("reports") / slug
        with store.transaction() as txn:
            snap = txn.stage(f"snapshots/{slug}.parquet", lambda p: outputs.write_table(frame, p))
            snap_csv = txn.stage(
                f"snapshots/{slug}.csv",
                lambda p: outputs.write_table(frame, p, raw_csv=raw_csv),
            )
            snap_xlsx = txn.stage(
                f"snapshots/{slug}.xlsx",
                lambda p: outputs.write_snapshot_workbook(new, ids, period, p),
            )
            md = txn.stage_text(reports / "report.md", outputs.render_markdown(report))
            html = txn.stage_text(reports / "report.html", outputs.render_html(report))
            pptx = txn.stage(reports / "report.pptx", lambda p: outputs.write_deck(report, p))
            xlsx = txn.stage(
                reports / "changes.xlsx",
                lambda p: outputs.write_changes_workbook(report, new, ids, p, comparison),
            )
            changes = None
            if comparison is not None:
                found = comparison
                changes = txn.stage(
                    reports / "changes.csv",
                    lambda p: outputs.write_changes_csv(found, p, raw_csv=raw_csv),
                )
            if not store.overrides_path.exists():
                txn.stage_text("overrides.csv", overrides_header())
            if not (store.root / CONFIG_NAME).exists():  # the commented defaults, to edit
                txn.stage_text(CONFIG_NAME, DEFAULT_CONFIG)
            txn.set_manifest(saved)

    return RunResult(
        period=period,
        previous_period=previous,
        store=store.root,
        snapshot=snap,
        snapshot_csv=snap_csv,
        report_md=md,
        report_html=html,
        changes_csv=changes,
        actions=len(new),
        counts=counts,
        warnings=warnings,
        changes=len(comparison.changes) if comparison is not None else 0,
        cached=cached,
        notes=tuple(notes),
        stale_later=stale_successor(saved, period),
        report_pptx=pptx,
        changes_xlsx=xlsx,
        snapshot_xlsx=snap_xlsx,
    )


def stale_successor(manifest: Manifest, period: str) -> ManifestEntry | None:
    """The period right after `period` in the store if it was compared with something
    else (an earlier quarter, or nothing): its report predates `period` (pure)."""
    later = [p for p in manifest.periods() if outputs.period_key(p) > outputs.period_key(period)]
    entry = manifest.get(later[0]) if later else None
    return entry if entry is not None and entry.previous_period != period else None


def _inputs_fingerprint(store: Store, manifest: Manifest, previous: str) -> str:
    """What besides the document shapes a period's results: the quarter it is compared
    with and the overrides. An overrides file holding only its header counts as none."""
    prev = manifest.get(previous) if previous else None
    rules = ""
    if store.overrides() is not None:
        text = store.overrides_path.read_text(encoding="utf-8-sig")
        rules = "" if text.strip() == overrides_header().strip() else text
    parts = [previous, prev.sha256 if prev else "", prev.created if prev else "", rules]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def config_key(config: StoreConfig) -> str:
    """What the manifest records of the settings a period was read under: "" for the
    defaults (a store with no plantrack.toml, or one that sets nothing)."""
    return "" if config == StoreConfig() else config.fingerprint


def _unchanged_run(
    store: Store, manifest: Manifest, period: str, sha: str, settings: str
) -> RunResult | None:
    """A forced re-run of the same document, against the same previous quarter, overrides
    and plantrack.toml settings, would rewrite identical results: answer from the store."""
    entry = manifest.get(period)
    if entry is None or entry.sha256 != sha or entry.tool_version != __version__:
        return None
    if entry.config != settings:
        return None
    previous = outputs.previous_of(period, [p for p in manifest.periods() if p != period])
    if not entry.inputs or entry.inputs != _inputs_fingerprint(store, manifest, previous):
        return None
    reports = store.report_dir(period)
    paths = [
        store.snapshot_path(period),
        store.snapshot_path(period, ".csv"),
        reports / "report.md",
        reports / "report.html",
        reports / "report.pptx",
        reports / "changes.xlsx",
        store.snapshot_path(period, ".xlsx"),
    ]
    if not all(p.is_file() for p in paths):
        return None
    changes_csv = reports / "changes.csv"
    changes = 0
    if changes_csv.is_file():
        with changes_csv.open(encoding="utf-8-sig", newline="") as fh:
            changes = max(0, sum(1 for _ in csv.reader(fh)) - 1)
    return RunResult(
        period=period,
        previous_period=previous,
        store=store.root,
        snapshot=paths[0],
        snapshot_csv=paths[1],
        report_md=paths[2],
        report_html=paths[3],
        changes_csv=changes_csv if changes_csv.is_file() else None,
        actions=entry.actions,
        counts=dict(entry.counts),
        warnings=entry.warnings,
        changes=changes,
        cached=True,
        notes=("unchanged document, previous quarter and overrides: stored results kept",),
        stale_later=stale_successor(manifest, period),
        report_pptx=paths[4],
        changes_xlsx=paths[5],
        snapshot_xlsx=paths[6],
    )


def _refuse_existing(store: Store, manifest: Manifest, period: str, force: bool) -> None:
    if not force and manifest.get(period) is not None:
        raise StoreError(
            f"period {period} is already in the store {store.root}; use --force to replace it"
        )
    months = outputs.parse_period(period)
    for held in manifest.periods():
        other = outputs.parse_period(held)
        if held != period and (other.start, other.end) == (months.start, months.end):
            raise StoreError(
                f"period {period} covers the same months as {held} ({other.months}), already "
                f"in the store {store.root}; use {held} for this quarter"
            )


def _refuse_same_file(manifest: Manifest, period: str, sha: str, path: Path) -> None:
    """Last quarter's file under a new period would report changes that never happened."""
    for entry in manifest.entries:
        if entry.period != period and entry.sha256 == sha:
            raise StoreError(
                f"{path} is the same file as {entry.period} in the store (same SHA-256), not "
                f"a new plan for {period}; use --force to store it as {period} anyway"
            )


# --------------------------------------------------------------------------- the command


def print_run(r: RunResult, out: IO[str]) -> None:
    """What `run` prints: where every file went."""
    counts = ", ".join(f"{k} {v}" for k, v in r.counts.items() if v)
    cached = " (unchanged file: read from the stored snapshot)" if r.cached else ""
    print(f"{r.period}: {r.actions} actions ({counts}), {r.warnings} warnings{cached}", file=out)
    print(f"  snapshot  {_t(r.snapshot)}", file=out)
    print(f"            {_t(r.snapshot_csv)}", file=out)
    if r.snapshot_xlsx is not None:
        print(f"            {_t(r.snapshot_xlsx)}", file=out)
    if r.changes_csv is not None:
        print(f"  changes   {_t(r.changes_csv)} ({r.changes} since {r.previous_period})", file=out)
    else:
        print("  changes   none: first period in the store", file=out)
    print(f"  report    {_t(r.report_md)}", file=out)
    print(f"            {_t(r.report_html)}", file=out)
    if r.report_pptx is not None:
        print(f"  deck      {_t(r.report_pptx)}", file=out)
    if r.changes_xlsx is not None:
        print(f"  workbook  {_t(r.changes_xlsx)}", file=out)
    if r.stale_later is not None:
        later = r.stale_later.period
        store = f" --store {shlex.quote(str(r.store))}" if r.store != DEFAULT_STORE else ""
        print(
            f"  note      {later}'s report was made before {r.period} was stored; to compare"
            f" {later} with {r.period}:\n            plantrack run"
            f" {_t(shlex.quote(r.stale_later.source_file))} --period {later}{store} --force",
            file=out,
        )


@click.command(cls=Command, epilog=example("plantrack run plan-2025-Q3.pdf --period 2025-Q3"))
@click.argument("file", type=PATH, metavar="FILE")
@period_option(required=True)
@store_option()
@click.option(
    "--force",
    is_flag=True,
    help="replace the period if the store already holds it; store a file identical to "
    "another period's (same SHA-256) anyway",
)
@reading_options
@output_options
def command(
    file: Path,
    period: str,
    store: Path,
    force: bool,
    allow_loss: bool,
    password: str | None,
    limit: tuple[tuple[str, float], ...],
    raw_csv: bool,
) -> int:
    """Read this quarter's plan, store its snapshot, compare with the previous quarter and
    write the report, the forum deck (report.pptx) and the changes (CSV, XLSX).

    FILE is the appendix: PDF, DOCX, XLSX, XLSM, ODS or CSV.
    """
    rt, feedback = runtime(), console()
    feedback.document(file, 1, 1)
    r = run_period(
        file,
        period,
        store_dir=store,
        force=force,
        allow_loss=allow_loss,
        password=password,
        feedback=feedback,
        limits=limits_of(limit),
        raw_csv=raw_csv,
    )
    feedback.finish()
    if not rt.quiet:
        print_run(r, rt.out)
    return EXIT_OK
