"""The snapshot store: one folder holding every quarter's snapshot, report and the manifest.

Layout (see README, "Store layout")::

    plantrack-store/
      manifest.json                 schema_version + one entry per period
      overrides.csv                 hand-made match corrections, read by compare
      snapshots/<period>.parquet    the snapshot, exact
      snapshots/<period>.csv        the same, UTF-8 with BOM for Excel
      reports/<period>/report.md, report.html, changes.csv

Safety: a run stages every file in a private folder inside the store and only renames them
into place (manifest last) once all of them are written, so a failed run leaves the store
exactly as it was. A lock file (created with O_EXCL, holding the owner's pid) keeps two runs
from writing at once; a lock whose process is gone is treated as stale and taken over.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from normalise import Action
from outputs import (
    HistorySnapshot,
    PeriodError,
    parse_period,
    period_key,
    period_slug,
    previous_of,
    read_snapshot,
    write_text_atomic,
)
from plantrack.errors import StoreError, UsageError

#: Bump when the layout or manifest changes incompatibly; older stores are migrated on read.
SCHEMA_VERSION = 1
DEFAULT_STORE = Path("plantrack-store")
MANIFEST = "manifest.json"
OVERRIDES = "overrides.csv"
LOCK = ".plantrack.lock"
#: Header of a fresh overrides file (compare may define its own; see `overrides_header`).
DEFAULT_OVERRIDE_COLUMNS: tuple[str, ...] = ("old_ref", "new_ref", "action", "note")


@dataclass(frozen=True)
class ManifestEntry:
    """What the store knows about one period without opening its snapshot."""

    period: str
    source_file: str
    sha256: str
    tool_version: str
    created: str
    actions: int
    counts: dict[str, int] = field(default_factory=dict)
    warnings: int = 0
    previous_period: str = ""
    inputs: str = ""  # fingerprint of the previous quarter and overrides this run compared with


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    entries: tuple[ManifestEntry, ...]

    def periods(self) -> list[str]:
        return sorted((e.period for e in self.entries), key=period_key)

    def get(self, period: str) -> ManifestEntry | None:
        return next((e for e in self.entries if e.period == period), None)

    def with_entry(self, entry: ManifestEntry) -> Manifest:
        kept = [e for e in self.entries if e.period != entry.period]
        ordered = sorted([*kept, entry], key=lambda e: period_key(e.period))
        return Manifest(SCHEMA_VERSION, tuple(ordered))

    def to_json(self) -> str:
        data = {"schema_version": self.schema_version, "entries": [asdict(e) for e in self.entries]}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def validate_period(period: str) -> str:
    """Return the period if it is YYYY-Qn or YYYY/YY-Qn (outputs.periods), else a UsageError."""
    try:
        return parse_period(period).text
    except PeriodError as exc:
        raise UsageError(str(exc)) from None


def parse_manifest(text: str, where: Path) -> Manifest:
    """Read manifest JSON; refuse a newer (or unknown) schema rather than guess at it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"store manifest {where} is damaged ({exc.msg}); restore it from backup"
        ) from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise StoreError(f"{where} is not a plantrack manifest (no schema_version)")
    version = data["schema_version"]
    if not isinstance(version, int) or version < 1:
        raise StoreError(
            f"store {where.parent} has an unknown schema_version {version!r}; cannot read it"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"store {where.parent} was written by a newer plantrack (schema {version}, this one "
            f"reads up to {SCHEMA_VERSION}); upgrade plantrack to use it"
        )
    known = set(ManifestEntry.__dataclass_fields__)
    entries = []
    for raw in data.get("entries", []):
        entries.append(ManifestEntry(**{k: v for k, v in raw.items() if k in known}))
    return Manifest(version, tuple(sorted(entries, key=lambda e: period_key(e.period))))


class Store:
    """A store folder. Reading needs no lock; every write goes through `transaction()`."""

    def __init__(self, root: Path | str = DEFAULT_STORE) -> None:
        self.root = Path(root)

    # ---- paths
    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    @property
    def overrides_path(self) -> Path:
        return self.root / OVERRIDES

    @property
    def lock_path(self) -> Path:
        return self.root / LOCK

    def snapshot_path(self, period: str, suffix: str = ".parquet") -> Path:
        return self.root / "snapshots" / f"{period_slug(period)}{suffix}"

    def report_dir(self, period: str) -> Path:
        return self.root / "reports" / period_slug(period)

    # ---- reading
    def exists(self) -> bool:
        return self.manifest_path.is_file()

    def manifest(self) -> Manifest:
        """The manifest, or an empty one for a store not yet created."""
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"store {self.root} is not a folder")
        if not self.manifest_path.is_file():
            if self.root.is_dir() and self._foreign_files():
                raise StoreError(
                    f"{self.root} is not empty and has no {MANIFEST}: not a plantrack store"
                )
            return Manifest(SCHEMA_VERSION, ())
        try:
            text = self.manifest_path.read_text(encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot read {self.manifest_path}: {exc.strerror}") from None
        return parse_manifest(text, self.manifest_path)

    def _foreign_files(self) -> list[str]:
        """Names in the folder that plantrack did not put there (a run's lock and staging aside)."""
        return [
            p.name
            for p in self.root.iterdir()
            if p.name != LOCK and not p.name.startswith(".staging-")
        ]

    def periods(self) -> list[str]:
        return self.manifest().periods()

    def previous_period(self, period: str) -> str:
        return previous_of(period, self.periods())

    def load_snapshot(self, period: str) -> tuple[list[Action], list[str]]:
        path = self.snapshot_path(period)
        if not path.is_file():
            raise StoreError(f"store {self.root} lists {period} but {path} is missing")
        actions, ids, _ = read_snapshot(path)
        return actions, ids

    def history(self, before: str, limit: int | None = None) -> list[HistorySnapshot]:
        """Older snapshots, newest first, for 'stalled' (how long an action stood still)."""
        key = period_key(before)
        older = [p for p in self.periods() if period_key(p) < key]
        out = []
        for period in sorted(older, key=period_key, reverse=True)[:limit]:
            actions, ids = self.load_snapshot(period)
            out.append(HistorySnapshot(period, tuple(actions), tuple(ids)))
        return out

    def overrides(self) -> Path | None:
        return self.overrides_path if self.overrides_path.is_file() else None

    # ---- writing
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock file for the duration; refuse if another live run holds it."""
        created = not self.root.exists()
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            acquire_lock(self.lock_path)
        except BaseException:
            if created:
                with contextlib.suppress(OSError):
                    self.root.rmdir()
            raise
        try:
            yield
        finally:
            with contextlib.suppress(FileNotFoundError):
                self.lock_path.unlink()
            if created:  # a first run that failed leaves no empty store folder behind
                with contextlib.suppress(OSError):
                    self.root.rmdir()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Stage files privately; on clean exit move them into place, manifest last."""
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
        txn = Transaction(self, staging)
        try:
            yield txn
            txn.commit()
        finally:
            shutil.rmtree(staging, ignore_errors=True)


class Transaction:
    """Files written for one run, not visible in the store until `commit`."""

    def __init__(self, store: Store, staging: Path) -> None:
        self.store = store
        self.staging = staging
        self._files: list[Path] = []  # relative to the store root, in commit order
        self._manifest: Manifest | None = None

    def stage(self, relative: str | Path, writer: Callable[[Path], object]) -> Path:
        """Have `writer(path)` write the file that will become `<store>/<relative>`."""
        relative = Path(relative)
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        writer(target)
        self._files.append(relative)
        return self.store.root / relative

    def stage_text(self, relative: str | Path, text: str) -> Path:
        return self.stage(relative, lambda p: p.write_text(text, encoding="utf-8"))

    def set_manifest(self, manifest: Manifest) -> None:
        self._manifest = manifest

    def commit(self) -> None:
        """Move staged files into place, manifest last; undo every move if one fails.

        Each replaced file is first moved aside into the staging folder, so a failure half
        way (a full disk, a file locked by Excel on Windows) can put the old one back.
        """
        aside = self.staging / ".replaced"
        done: list[tuple[Path, Path | None]] = []  # (final, where the old file went)
        try:
            for relative in self._files:
                final = self.store.root / relative
                src = self.staging / relative
                with open(src, "rb+") as fh:
                    os.fsync(fh.fileno())
                final.parent.mkdir(parents=True, exist_ok=True)
                old: Path | None = None
                if final.exists():
                    old = aside / relative
                    old.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(final, old)
                done.append((final, old))
                os.replace(src, final)
            if self._manifest is not None:
                write_text_atomic(self.store.manifest_path, self._manifest.to_json())
        except BaseException:
            self._rollback(done)
            raise

    def _rollback(self, done: list[tuple[Path, Path | None]]) -> None:
        for final, old in reversed(done):
            with contextlib.suppress(OSError):
                if old is not None:
                    os.replace(old, final)
                elif final.is_file():
                    final.unlink()
        for relative in self._files:  # folders this run created, now empty again
            parent = (self.store.root / relative).parent
            while parent != self.store.root and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent


def overrides_header() -> str:
    """The header line of a new overrides.csv, from compare when it defines the columns."""
    import compare

    columns = getattr(compare, "OVERRIDE_COLUMNS", DEFAULT_OVERRIDE_COLUMNS)
    return ",".join(columns) + "\n"


# --------------------------------------------------------------------------- lock


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_lock(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, json.JSONDecodeError):
        return {}


def lock_is_stale(path: Path) -> bool:
    """A lock is stale when its owner ran on this host and that process no longer exists."""
    info = _read_lock(path)
    if not info:
        return False  # unreadable: may be mid-write by its owner; do not steal it
    if info.get("host") != socket.gethostname():
        return False
    return not _pid_alive(int(info.get("pid", 0)))


def acquire_lock(path: Path) -> None:
    """Create the lock atomically (O_CREAT|O_EXCL); take over a stale one once."""
    payload = json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode()
    for attempt in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            if attempt == 0 and lock_is_stale(path):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                continue
            info = _read_lock(path)
            who = f" by process {info['pid']}" if "pid" in info else ""
            raise StoreError(
                f"store {path.parent} is locked{who} (another plantrack run is writing it); "
                f"wait for it to finish, or delete {path} if no run is in progress"
            ) from None
        try:
            os.write(fd, payload)
        finally:
            os.close(fd)
        return
