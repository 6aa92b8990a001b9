"""The quarterly run and the other commands, as library functions the CLI only calls.

Every function here either returns a result record or raises a `PlantrackError` (with
the exit code the CLI uses); none prints. Tests call these in-process.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import hashlib
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import ingest
import normalise
import outputs
from ingest import file_sha256 as ingest_sha256
from normalise import Action
from plantrack import __version__
from plantrack.config import CONFIG_NAME, DEFAULT_CONFIG, StoreConfig, load_config
from plantrack.errors import (
    DocumentError,
    InputError,
    PlantrackError,
    StoreError,
    UsageError,
    write_error,
    write_refused,
)
from plantrack.stages import (
    check_conservation,
    compare_actions,
    first_ids,
    normalise_plan,
    read_plan,
)
from plantrack.store import (
    Manifest,
    ManifestEntry,
    Store,
    overrides_header,
    validate_period,
)

SNAPSHOT_SUFFIXES = (".parquet", ".csv")
TABLE_SUFFIXES = outputs.TABLE_SUFFIXES  # what `extract` writes
DEMO_FILE = "plan-libreoffice.pdf"


class Feedback:
    """What a long run tells its caller as it goes; the default says nothing.

    The CLI subclasses this with a rich progress bar; tests use the silent default.
    """

    def document(self, path: Path, index: int, total: int) -> None:
        """A document is about to be read (index is 1-based)."""

    def pages(self, done: int, total: int) -> None:
        """`done` of `total` pages of the current document are read."""

    def note(self, message: str) -> None:
        """A warning worth showing with --verbose."""


QUIET = Feedback()


@dataclass(frozen=True)
class Side:
    """One quarter's actions, from a document or from a snapshot."""

    actions: tuple[Action, ...]
    ids: tuple[str, ...] | None  # None when read from a document (no identity yet)
    period: str
    source: str
    sha256: str = ""
    notes: tuple[str, ...] = ()


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


@dataclass(frozen=True)
class DiffResult:
    markdown: str
    paths: dict[str, Path] = field(default_factory=dict)
    changes: int = 0
    #: the comparison itself, as `plantrack diff --json` prints it (compare's to_json())
    comparison: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- reading


def file_sha256(path: Path) -> str:
    """The document's SHA-256 (ingest's), with unreadable paths as plantrack errors."""
    try:
        return ingest_sha256(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a document") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def refuse_undecodable_name(path: Path) -> None:
    """A path whose name is not UTF-8 (bytes from another system) could be read, but not
    recorded in the manifest, a report or a CSV: refuse it up front, naming it readably."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        shown = os.fsencode(path).decode("utf-8", "backslashreplace")
        raise InputError(
            f"{shown}: the name is not valid UTF-8 text; rename it (plain letters "
            "and digits are safest) and try again"
        ) from None


def read_document(
    path: Path,
    *,
    allow_loss: bool = False,
    password: str | None = None,
    feedback: Feedback = QUIET,
    jobs: int = 0,
    limits: dict[str, float] | None = None,
    config: StoreConfig | None = None,
) -> tuple[normalise.NormalisedPlan, list[str]]:
    """ingest → conservation check → normalise. Returns the plan and run-level notes.

    `jobs`: worker processes for a PDF's pages (0 = one per core, 1 = this process only).
    `limits`: overrides of `ingest.Limits` (e.g. {"pages": 5000}).
    `config`: the store's plantrack.toml (header aliases, date policy); defaults if None.
    """
    config = config or StoreConfig()
    aliases = config.aliases
    plan = read_plan(
        Path(path),
        password=password,
        progress=feedback.pages,
        jobs=jobs,
        limits=limits,
        aliases=aliases,
    )
    notes = [f"{path}: {w}" for w in plan.warnings]  # e.g. unaccepted tracked changes
    notes += check_conservation(
        plan, Path(path), allow_loss=allow_loss, password=password, limits=limits, aliases=aliases
    )
    for n in notes:
        feedback.note(n)
    return normalise_plan(plan, config.normalise_settings), notes


def initial_ids(actions: Sequence[Action]) -> tuple[str, ...]:
    """Identities for a first quarter: whatever compare gives actions it sees for the first time."""
    return first_ids(actions)


def _check_snapshot_size(path: Path, limits: dict[str, float] | None) -> None:
    """A snapshot is held to the same file-size limit as a document."""
    try:
        ingest.check_file_size(path, ingest.Limits.resolve(limits))
    except ingest.IngestError as exc:
        raise DocumentError(f"{path}: {exc}") from None


def load_side(
    path: Path,
    *,
    allow_loss: bool = False,
    password: str | None = None,
    feedback: Feedback = QUIET,
    limits: dict[str, float] | None = None,
) -> Side:
    """A document (PDF/DOCX/XLSX/ODS/CSV) or a snapshot (.parquet/.csv written by plantrack)."""
    path = Path(path)
    if is_plan_csv(path):
        try:
            plan, notes = read_document(
                path, allow_loss=allow_loss, password=password, feedback=feedback
            )
            return Side(plan.actions, None, "", str(path), plan.sha256, tuple(notes))
        except DocumentError:
            pass  # neither a plan nor a snapshot: the snapshot reader says what is missing
    if path.suffix.lower() in SNAPSHOT_SUFFIXES:
        if not path.is_file():
            raise InputError(f"{path}: no such file")
        _check_snapshot_size(path, limits)
        try:
            actions, ids, period = outputs.read_snapshot(path)
        except outputs.SnapshotFormatError as exc:
            raise DocumentError(f"{path}: {exc}") from None
        except (ValueError, OSError) as exc:
            raise DocumentError(f"{path}: not a readable snapshot ({type(exc).__name__})") from None
        source = actions[0].source_file if actions else str(path)
        return Side(tuple(actions), tuple(ids), period, source)
    plan, notes = read_document(
        path, allow_loss=allow_loss, password=password, feedback=feedback, limits=limits
    )
    return Side(plan.actions, None, "", str(path), plan.sha256, tuple(notes))


# --------------------------------------------------------------------------- summaries


def status_counts(actions: Sequence[Action]) -> dict[str, int]:
    """Counts by status in deck order, then anything else (empty status as "none")."""
    counts = Counter(a.status or "none" for a in actions)
    ordered = {s: counts.pop(s, 0) for s in outputs.RAG_ORDER}
    ordered.update(sorted(counts.items()))
    return ordered


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


@contextlib.contextmanager
def _writing(where: Path) -> Iterator[None]:
    """A write the system refuses (full disk, read-only folder, no permission) becomes one
    plain WriteError (exit 7); the writers replace files atomically, so nothing is half-written."""
    try:
        yield
    except OSError as exc:
        if not write_refused(exc):
            raise
        raise write_error(where, exc, "; nothing was written") from None


# --------------------------------------------------------------------------- run


def run_period(
    path: Path,
    period: str,
    *,
    store_dir: Path = Path("plantrack-store"),
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
    _refuse_existing(store, period, force)
    sha = file_sha256(path)
    if not force:
        _refuse_same_file(store, period, sha, path)
    if force:
        unchanged = _unchanged_run(store, period, sha)
        if unchanged is not None:
            store.tidy()
            return unchanged

    entry = store.manifest().get(period)
    cached = (
        bool(force and entry and entry.sha256 == sha and entry.tool_version == __version__)
        and store.snapshot_path(period).is_file()
    )
    notes: list[str] = []
    if cached:
        actions, _ = store.load_snapshot(period)
        new = tuple(actions)
    else:
        config = load_config(store_dir)  # a bad plantrack.toml stops here, before reading
        plan, notes = read_document(
            path,
            allow_loss=allow_loss,
            password=password,
            feedback=feedback,
            limits=limits,
            config=config,
        )
        # absolute, so the report's links and later diffs find the document from anywhere
        where = str(path.resolve())
        new = tuple(dataclasses.replace(a, source_file=where) for a in plan.actions)

    with store.lock():
        manifest = store.manifest()
        _refuse_existing(store, period, force)
        previous = outputs.previous_of(period, [p for p in manifest.periods() if p != period])
        history = store.history(period)
        if previous:
            old, old_ids = list(history[0].actions), list(history[0].ids)
            retired = sorted({i for h in history for i in h.ids})
            comparison = compare_actions(
                old, new, old_ids=old_ids, overrides=store.overrides(), reserved_ids=retired
            )
            ids = tuple(comparison.new_ids)
            prev_entry = manifest.get(previous)
        else:
            old, old_ids, comparison, prev_entry = [], [], None, None
            ids = initial_ids(new)
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
            generated=_now(),
            tool_version=__version__,
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
        )
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
                changes = txn.stage(
                    reports / "changes.csv",
                    lambda p: outputs.write_changes_csv(comparison, p, raw_csv=raw_csv),
                )
            if not store.overrides_path.exists():
                txn.stage_text("overrides.csv", overrides_header())
            if not (store.root / CONFIG_NAME).exists():  # the commented defaults, to edit
                txn.stage_text(CONFIG_NAME, DEFAULT_CONFIG)
            txn.set_manifest(manifest.with_entry(new_entry))

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
        stale_later=stale_successor(store.manifest(), period),
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


def _unchanged_run(store: Store, period: str, sha: str) -> RunResult | None:
    """A forced re-run of the same document, against the same previous quarter and
    overrides, would rewrite identical results: answer from the store instead."""
    manifest = store.manifest()
    entry = manifest.get(period)
    if entry is None or entry.sha256 != sha or entry.tool_version != __version__:
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


def _refuse_existing(store: Store, period: str, force: bool) -> None:
    manifest = store.manifest()
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


def _refuse_same_file(store: Store, period: str, sha: str, path: Path) -> None:
    """Last quarter's file under a new period would report changes that never happened."""
    for entry in store.manifest().entries:
        if entry.period != period and entry.sha256 == sha:
            raise StoreError(
                f"{path} is the same file as {entry.period} in the store (same SHA-256), not "
                f"a new plan for {period}; use --force to store it as {period} anyway"
            )


# --------------------------------------------------------------------------- extract


def extract(
    path: Path,
    out: Path,
    *,
    period: str = "",
    allow_loss: bool = False,
    password: str | None = None,
    feedback: Feedback = QUIET,
    jobs: int = 0,
    limits: dict[str, float] | None = None,
    raw_csv: bool = False,
) -> tuple[Path, int]:
    """One document to one table (.csv, .parquet or .xlsx) with the snapshot columns."""
    out = Path(out)
    if out.suffix.lower() not in outputs.TABLE_SUFFIXES:
        raise UsageError(
            f"cannot write '{out.name}': the output must end in "
            + ", ".join(outputs.TABLE_SUFFIXES)
        )
    if period:
        validate_period(period)
    if not out.parent.is_dir():  # before the (slow) read, not after
        raise InputError(f"{out.parent}: no such folder for the output")
    plan, _ = read_document(
        path,
        allow_loss=allow_loss,
        password=password,
        feedback=feedback,
        jobs=jobs,
        limits=limits,
    )
    with _writing(out):
        written = outputs.write_snapshot(
            plan.actions, initial_ids(plan.actions), period, out, raw_csv=raw_csv
        )
    return written, len(plan.actions)


DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xlsm", ".ods")


def is_plan_csv(path: Path) -> bool:
    """A `.csv` that is a plan exported from a spreadsheet, not a plantrack snapshot: its
    first line lacks the snapshot's `action_id` and `source_file` columns."""
    if path.suffix.lower() != ".csv" or not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            first = fh.readline(65536).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return not ("action_id" in first and "source_file" in first)


@dataclass(frozen=True)
class Extracted:
    """One document of a batch extract: its table, or why it was refused."""

    source: Path
    output: Path
    actions: int = 0
    error: str = ""
    exit_code: int = 0


def usable_cores() -> int:
    """Cores this process may run on (respects CPU affinity)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def documents_in(inputs: Sequence[Path]) -> list[Path]:
    """The documents named, with each folder replaced by its PDF/DOCX files (sorted)."""
    found: list[Path] = []
    for p in map(Path, inputs):
        if p.is_dir():
            found.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in DOCUMENT_SUFFIXES))
        elif not p.exists():
            raise InputError(f"{p}: no such file")
        else:
            found.append(p)
    if not found:
        raise InputError("no PDF or DOCX documents to extract")
    seen: set[Path] = set()
    unique = []
    for f in found:  # the same file named twice (or also via its folder) is read once
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique


def batch_outputs(docs: Sequence[Path], out_dir: Path, suffix: str = ".csv") -> list[Path]:
    """One distinct output per document, named after it (pure).

    `plan.csv`; when two documents share a name, `<folder>-plan.csv`; then `plan.pdf.csv`;
    a number as the last resort.
    """
    namings = (
        lambda d: d.stem,
        lambda d: f"{d.parent.name}-{d.stem}",
        lambda d: f"{d.parent.name}-{d.name}",
    )
    names: list[str] = []
    for d in docs:
        for naming in namings:
            name = naming(d)
            if sum(naming(o) == name for o in docs) == 1:
                break
        names.append(name)
    taken: Counter[str] = Counter()
    out = []
    for name in names:
        taken[name] += 1
        out.append(out_dir / (name + (f"-{taken[name]}" if taken[name] > 1 else "") + suffix))
    return out


def _extract_one(
    args: tuple[Path, Path, str, bool, str | None, int, dict[str, float] | None, bool],
) -> Extracted:
    """One document of a batch; refusals come back as values so one bad file stops nothing."""
    path, out, period, allow_loss, password, jobs, limits, raw_csv = args
    try:
        refuse_undecodable_name(path)  # a file found in a folder, never checked before
        written, n = extract(
            path,
            out,
            period=period,
            allow_loss=allow_loss,
            password=password,
            jobs=jobs,
            limits=limits,
            raw_csv=raw_csv,
        )
    except PlantrackError as exc:
        return Extracted(path, out, error=str(exc), exit_code=exc.exit_code)
    return Extracted(path, written, n)


def extract_many(
    inputs: Sequence[Path],
    out_dir: Path,
    *,
    suffix: str = ".csv",
    period: str = "",
    allow_loss: bool = False,
    password: str | None = None,
    jobs: int = 0,
    feedback: Feedback = QUIET,
    limits: dict[str, float] | None = None,
    raw_csv: bool = False,
) -> list[Extracted]:
    """Several documents (or folders of them), one table each in out_dir, in input order.

    Documents are spread over `jobs` worker processes (0 = one per core), each reading its
    document's pages in-process; a single document instead spreads its pages.
    """
    if suffix not in outputs.TABLE_SUFFIXES:
        raise UsageError(f"output format must be one of {', '.join(outputs.TABLE_SUFFIXES)}")
    if period:
        validate_period(period)
    docs = documents_in(inputs)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    out_dir.mkdir(parents=True, exist_ok=True)
    workers = min(usable_cores() if jobs == 0 else jobs, len(docs))
    tasks = [
        (d, o, period, allow_loss, password, 1 if workers > 1 else jobs, limits, raw_csv)
        for d, o in zip(docs, batch_outputs(docs, out_dir, suffix), strict=True)
    ]
    if workers <= 1:
        results = []
        for i, task in enumerate(tasks, start=1):
            feedback.document(task[0], i, len(tasks))
            results.append(_extract_one(task))
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_leave_interrupts_to_parent
    )
    results = []
    try:
        for i, result in enumerate(pool.map(_extract_one, tasks), start=1):
            feedback.document(result.source, i, len(tasks))
            results.append(result)
    except BaseException:  # Ctrl-C: stop the documents being read now, not when done
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
    return results


def _leave_interrupts_to_parent() -> None:
    """In a batch worker: Ctrl-C is the parent's (it terminates the workers itself)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --------------------------------------------------------------------------- diff


def _label(side: Side, fallback: str) -> str:
    return side.period or (Path(side.source).name if side.source else fallback)


def diff(
    old_path: Path,
    new_path: Path,
    *,
    out_dir: Path | None = None,
    period: str = "",
    previous_period: str = "",
    allow_loss: bool = False,
    feedback: Feedback = QUIET,
    limits: dict[str, float] | None = None,
    raw_csv: bool = False,
) -> DiffResult:
    """Compare two documents or snapshots; the report (and changes.csv) into out_dir."""
    if period:
        validate_period(period)
    if previous_period:
        validate_period(previous_period)
    if out_dir is not None and Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder")
    feedback.document(Path(old_path), 1, 2)
    old = load_side(old_path, allow_loss=allow_loss, feedback=feedback, limits=limits)
    feedback.document(Path(new_path), 2, 2)
    new = load_side(new_path, allow_loss=allow_loss, feedback=feedback, limits=limits)
    comparison = compare_actions(old.actions, new.actions, old_ids=old.ids)
    old_ids = old.ids if old.ids is not None else tuple(comparison.old_ids)
    report = outputs.build_report(
        new.actions,
        tuple(comparison.new_ids),
        period or _label(new, "new"),
        old_actions=old.actions,
        old_ids=old_ids,
        previous_period=previous_period or _label(old, "old"),
        comparison=comparison,
        source=new.source,
        previous_source=old.source,
        generated=_now(),
        tool_version=__version__,
    )
    markdown = outputs.render_markdown(report)
    paths: dict[str, Path] = {}
    if out_dir is not None:
        out_dir = Path(out_dir)
        with _writing(out_dir):
            out_dir.mkdir(parents=True, exist_ok=True)
            paths = outputs.write_report(report, out_dir)
            paths["changes.csv"] = outputs.write_changes_csv(
                comparison, out_dir / "changes.csv", raw_csv=raw_csv
            )
            paths["report.pptx"] = outputs.write_deck(report, out_dir / "report.pptx")
            paths["changes.xlsx"] = outputs.write_changes_workbook(
                report, new.actions, tuple(comparison.new_ids), out_dir / "changes.xlsx", comparison
            )
    return DiffResult(markdown, paths, len(comparison.changes), comparison.to_json())


# --------------------------------------------------------------------------- history


def history(store_dir: Path = Path("plantrack-store")) -> list[ManifestEntry]:
    """Periods held in a store, oldest first."""
    store = Store(store_dir)
    if not store.exists():
        raise InputError(f"no plantrack store at {store.root} (run 'plantrack run' first)")
    return list(store.manifest().entries)


# --------------------------------------------------------------------------- demo

_PERIOD_DIR = re.compile(r"\d{4}-Q[1-4]")


def find_samples() -> Path:
    """The bundled samples folder: next to the package (repo checkout) or in the cwd."""
    here = Path(__file__).resolve().parent.parent / "samples"
    for candidate in (here, Path.cwd() / "samples"):
        if candidate.is_dir() and demo_inputs(candidate):
            return candidate
    raise InputError(
        "bundled samples not found (expected samples/<period>/plan-libreoffice.pdf beside "
        "the plantrack package); run the demo from a plantrack checkout"
    )


def demo_inputs(samples: Path) -> list[tuple[str, Path]]:
    """(period, document) for every sample quarter, oldest first."""
    found = [
        (d.name, d / DEMO_FILE)
        for d in samples.iterdir()
        if d.is_dir() and _PERIOD_DIR.fullmatch(d.name) and (d / DEMO_FILE).is_file()
    ]
    return sorted(found, key=lambda item: outputs.period_key(item[0]))


def demo(dest: Path | None = None, *, feedback: Feedback = QUIET) -> list[RunResult]:
    """Run every sample quarter, in order, into a fresh store; the last result is the latest."""
    inputs = demo_inputs(find_samples())
    if dest is not None and not Path(dest).is_dir():
        raise InputError(f"{dest}: no such folder for the demo")
    with _writing(dest or Path(tempfile.gettempdir())):
        root = Path(tempfile.mkdtemp(prefix="plantrack-demo-", dir=dest))
    store_dir = root / "plantrack-store"
    results = []
    for index, (period, document) in enumerate(inputs, start=1):
        feedback.document(document, index, len(inputs))
        results.append(run_period(document, period, store_dir=store_dir, feedback=feedback))
    return results
