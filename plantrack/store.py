"""The snapshot store: one folder holding every quarter's snapshot, report and the manifest.

Layout (see README, "Store layout")::

    plantrack-store/
      current -> generations/000007      the one pointer: the generation the store is
      generations/000007/                manifest.json, snapshots/, reports/ of one save
      manifest.json -> current/manifest.json
      snapshots -> current/snapshots     snapshots/<period>.parquet and .csv
      reports -> current/reports         reports/<period>/report.md, report.html, changes.csv
      overrides.csv                      hand-made match corrections (not versioned)

Safety: each save builds a complete new generation in a private `.staging-*` folder (the
files it does not change hard-linked from the current generation), renames it into
`generations/`, then switches `current` with one atomic rename; a process killed at any
instant leaves either the old generation or the new one, never a mixture. Generations no
longer current and staging left by a killed run are removed by the next save, under the lock.
A lock file (created whole with link(2), holding the owner's pid) keeps two runs from
writing at once; a lock whose process is gone is treated as stale and taken over. A symlink
inside the store that plantrack did not make is never followed: the store is refused instead.
A schema-1 store (real files at the top level) is read as it is and becomes a generation at
its next save.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import socket
import tempfile
import time
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
    read_snapshot,
)
from plantrack.errors import StoreError, UsageError, write_error, write_refused

#: Bump when the layout or manifest changes incompatibly; older stores are migrated on read.
#: 2: generations behind the `current` link (1: real files at the top level).
SCHEMA_VERSION = 2
DEFAULT_STORE = Path("plantrack-store")
MANIFEST = "manifest.json"
OVERRIDES = "overrides.csv"
LOCK = ".plantrack.lock"
CURRENT = "current"
GENERATIONS = "generations"
#: Documents kept by `plantrack serve`: `documents/<period>/<name>` (see serve/runs.py).
DOCUMENTS = "documents"
#: The folders of a generation (and the top-level links into `current`).
GENERATION_DIRS = ("snapshots", "reports")
#: What `current` may point at: one generation folder, relative, inside the store.
_GENERATION_LINK = re.compile(r"generations/(\d{6})")
CONFIG = "plantrack.toml"  # plantrack.config.CONFIG_NAME: written by `init` or the first run
#: Names plantrack itself puts in a store (a run's lock, staging and leftovers included).
_OURS = {MANIFEST, OVERRIDES, LOCK, CURRENT, GENERATIONS, DOCUMENTS, CONFIG, *GENERATION_DIRS}
_LEFTOVER_PREFIXES = (".staging-", ".legacy-", ".link-", ".lock-")
#: A run's private lock file (see `acquire_lock`) lives a moment; older ones are leftovers.
LOCK_TEMP_SECONDS = 60
#: Header of a fresh overrides file (compare may define its own; see `overrides_header`).
DEFAULT_OVERRIDE_COLUMNS: tuple[str, ...] = ("old_ref", "new_ref", "action", "note")


def _step(name: str) -> None:
    """A named point of the save, for the crash test: it can record the points of a run
    (PLANTRACK_TEST_RECORD_STEPS=file) or kill the process at one (PLANTRACK_TEST_KILL_AT)."""
    record = os.environ.get("PLANTRACK_TEST_RECORD_STEPS")
    if record:
        with open(record, "a", encoding="utf-8") as fh:
            fh.write(name + "\n")
    if os.environ.get("PLANTRACK_TEST_KILL_AT") == name:
        os.kill(os.getpid(), 9)  # SIGKILL: no cleanup, no finally, as a power cut or OOM kill


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
    #: fingerprint of the plantrack.toml settings the period was read and compared under;
    #: "" for the defaults (and then not written, so a store without one reads as before)
    config: str = ""


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
        entries = [asdict(e) for e in self.entries]
        for entry in entries:
            if not entry["config"]:
                del entry["config"]
        data = {"schema_version": self.schema_version, "entries": entries}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def validate_period(period: str) -> str:
    """Return the period if it is YYYY-Qn or YYYY/YY-Qn (outputs.periods), else a UsageError."""
    try:
        return parse_period(period).text
    except PeriodError as exc:
        raise UsageError(str(exc)) from None


_TEXT_FIELDS = ("period", "source_file", "sha256", "tool_version", "created")
_OPTIONAL_TEXT = ("previous_period", "inputs", "config")


def _entry_problem(raw: object) -> str:
    """Why one manifest entry cannot be read, or "" (pure)."""
    if not isinstance(raw, dict):
        return f"an entry is {type(raw).__name__}, not an object"
    for name in _TEXT_FIELDS:
        if not isinstance(raw.get(name), str):
            return f"an entry has no text '{name}'"
    for name in _OPTIONAL_TEXT:
        if name in raw and not isinstance(raw[name], str):
            return f"entry {raw['period']!r}: '{name}' is not text"
    for name in ("actions", "warnings"):
        value = raw.get(name, 0)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return f"entry {raw['period']!r}: '{name}' is not a whole number"
    counts = raw.get("counts", {})
    if not isinstance(counts, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)
        for k, v in counts.items()
    ):
        return f"entry {raw['period']!r}: 'counts' is not a table of whole numbers"
    try:
        parse_period(raw["period"])
    except PeriodError:
        return f"entry {raw['period']!r} is not a period"
    return ""


def parse_manifest(text: str, where: Path) -> Manifest:
    """Read manifest JSON, checking its shape; refuse a newer (or unknown) schema rather
    than guess at it. Every problem is a StoreError naming the manifest (exit 6)."""

    def damaged(why: str) -> StoreError:
        return StoreError(f"store manifest {where} is damaged ({why}); restore it from backup")

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise damaged(exc.msg) from None
    except RecursionError:
        raise damaged("nested too deeply") from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise StoreError(f"{where} is not a plantrack manifest (no schema_version)")
    version = data["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StoreError(
            f"store {where.parent} has an unknown schema_version {version!r}; cannot read it"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"store {where.parent} was written by a newer plantrack (schema {version}, this one "
            f"reads up to {SCHEMA_VERSION}); upgrade plantrack to use it"
        )
    raw_entries = data.get("entries", [])
    if not isinstance(raw_entries, list):
        raise damaged("'entries' is not a list")
    known = set(ManifestEntry.__dataclass_fields__)
    entries = []
    for raw in raw_entries:
        problem = _entry_problem(raw)
        if problem:
            raise damaged(problem)
        entries.append(ManifestEntry(**{k: v for k, v in raw.items() if k in known}))
    periods = [e.period for e in entries]
    if len(set(periods)) != len(periods):
        raise damaged("a period is listed twice")
    return Manifest(version, tuple(sorted(entries, key=lambda e: period_key(e.period))))


def _is_inside(path: Path, folder: Path) -> bool:
    """Does `path`, with every link resolved, lie inside `folder` (also resolved)?"""
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


class Store:
    """A store folder. Reading needs no lock; every write goes through `transaction()`."""

    def __init__(self, root: Path | str = DEFAULT_STORE) -> None:
        self.root = Path(root)

    # ---- public paths (through the top-level links)
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

    # ---- where the current generation is
    def view(self) -> Path:
        """The folder holding the current manifest.json, snapshots/ and reports/.

        `generations/<n>` through the `current` link; `current` itself when a copying tool
        turned the link into a folder; the store root for a schema-1 store.
        """
        if self.root.exists() and not self.root.is_dir():
            raise StoreError(f"store {self.root} is not a folder")
        pointer = self.root / CURRENT
        if pointer.is_symlink():
            target = os.readlink(pointer)
            generation = self.root / target
            if (
                not _GENERATION_LINK.fullmatch(target)
                or generation.is_symlink()
                or (self.root / GENERATIONS).is_symlink()
            ):
                raise StoreError(
                    f"store {self.root} is damaged: {pointer} points to {target!r}, not to a "
                    f"folder in {GENERATIONS}/; restore the store from backup"
                )
            if not generation.is_dir():
                raise StoreError(
                    f"store {self.root} is damaged: {pointer} points to {target}, which is "
                    "missing; restore the store from backup"
                )
            return generation
        if pointer.is_dir() and (pointer / MANIFEST).is_file():
            return pointer
        return self.root

    def _inside_view(self, path: Path, view: Path) -> Path:
        """`path` (inside the view) if no link takes it out of the view; else refuse."""
        if not _is_inside(path, view):
            raise StoreError(
                f"store {self.root}: {path} is a link to {os.path.realpath(path)}, outside the "
                "store; plantrack never follows links inside a store: replace it with the file "
                "or folder itself"
            )
        return path

    # ---- reading
    def exists(self) -> bool:
        return (self.view() / MANIFEST).is_file()

    def manifest(self) -> Manifest:
        """The manifest, or an empty one for a store not yet created."""
        view = self.view()
        path = view / MANIFEST
        if not path.is_file():
            if self.root.is_dir() and self._foreign_files():
                raise StoreError(
                    f"{self.root} is not empty and has no {MANIFEST}: not a plantrack store"
                )
            return Manifest(SCHEMA_VERSION, ())
        self._inside_view(path, view)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"cannot read {self.manifest_path}: {exc.strerror}") from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise StoreError(
                f"store manifest {self.manifest_path} is damaged (not UTF-8 text); "
                "restore it from backup"
            ) from None
        return parse_manifest(text, self.manifest_path)

    def _foreign_files(self) -> list[str]:
        """Names in the folder that plantrack did not put there (a run's lock and staging aside)."""
        return [
            p.name
            for p in self.root.iterdir()
            if p.name not in _OURS and not p.name.startswith(_LEFTOVER_PREFIXES)
        ]

    def periods(self) -> list[str]:
        return self.manifest().periods()

    def load_snapshot(self, period: str) -> tuple[list[Action], list[str]]:
        view = self.view()
        path = view / "snapshots" / f"{period_slug(period)}.parquet"
        shown = self.snapshot_path(period)
        if not path.is_file():
            raise StoreError(f"store {self.root} lists {period} but {shown} is missing")
        self._inside_view(path, view)
        try:
            actions, ids, _ = read_snapshot(path)
        except (ValueError, OSError, KeyError, TypeError) as exc:  # pyarrow's errors among them
            raise StoreError(
                f"store {self.root}: snapshot {shown} is damaged ({type(exc).__name__}); "
                f"restore it from backup, or re-run {period} with --force"
            ) from None
        return actions, ids

    def history(
        self, before: str, limit: int | None = None, manifest: Manifest | None = None
    ) -> list[HistorySnapshot]:
        """Older snapshots, newest first, for 'stalled' (how long an action stood still).
        `manifest`: the one the caller already read (under the lock), not read again."""
        key = period_key(before)
        periods = (manifest or self.manifest()).periods()
        older = [p for p in periods if period_key(p) < key]
        out = []
        for period in sorted(older, key=period_key, reverse=True)[:limit]:
            actions, ids = self.load_snapshot(period)
            out.append(HistorySnapshot(period, tuple(actions), tuple(ids)))
        return out

    def overrides(self) -> Path | None:
        path = self.overrides_path
        if path.is_symlink():
            self._inside_view(path, self.root)
        return path if path.is_file() else None

    # ---- writing
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock file for the duration; refuse if another live run holds it."""
        created = not self.root.exists()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            acquire_lock(self.lock_path)
        except OSError as exc:
            if created:
                with contextlib.suppress(OSError):
                    self.root.rmdir()
            if isinstance(exc, FileNotFoundError | NotADirectoryError | FileExistsError):
                raise StoreError(f"store {self.root}: cannot create it ({exc.strerror})") from None
            raise write_error(f"to store {self.root}", exc, "; nothing was changed") from None
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

    def collect_garbage(self) -> None:
        """Remove what no reader can reach: staging and leftovers of killed runs, and every
        generation but the current one. Call only under the lock."""
        view = self.view()
        for entry in list(self.root.iterdir()):
            if entry.name.startswith(".lock-") and not _older_than(entry, LOCK_TEMP_SECONDS):
                continue  # another run may be taking the lock with it right now
            if entry.name.startswith(_LEFTOVER_PREFIXES):
                _remove(entry)
        generations = self.root / GENERATIONS
        if generations.is_dir() and not generations.is_symlink():
            for gen in list(generations.iterdir()):
                if gen != view:
                    _remove(gen)

    def tidy(self) -> None:
        """Collect what a killed run left (staging, a stale lock) when nothing else will:
        a run that answers from the store without saving. Never waits and never fails: a
        store another run is writing, or a read-only one, is left as it is."""
        if not self.root.is_dir():
            return
        left = [p for p in self.root.iterdir() if p.name.startswith(_LEFTOVER_PREFIXES)]
        if not left and not (self.lock_path.exists() and lock_is_stale(self.lock_path)):
            return
        with contextlib.suppress(StoreError, OSError), self.lock():
            self.collect_garbage()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Stage files privately; on clean exit publish them as a new generation.

        Call under `lock()`. Errors the system foreseeably raises (a full disk, a read-only
        folder) become one WriteError; the store is then exactly as it was.
        """
        try:
            self.collect_garbage()
            _step("garbage-collected")
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
            staging.chmod(0o755)  # it becomes a generation: readable like the rest of the store
        except OSError as exc:
            if not write_refused(exc):
                raise
            raise write_error(f"to store {self.root}", exc, "; nothing was changed") from None
        txn = Transaction(self, staging)
        try:
            yield txn
            txn.commit()
        except OSError as exc:
            if not write_refused(exc):
                raise
            raise write_error(f"to store {self.root}", exc, "; nothing was changed") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.lstat().st_mtime > seconds
    except FileNotFoundError:
        return False


def _remove(path: Path) -> None:
    """Delete a file, link or folder (never what a link points to)."""
    with contextlib.suppress(FileNotFoundError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()


def _fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in `path` durable (a no-op where folders cannot be
    opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _carry(src: Path, dst: Path) -> None:
    """Put an unchanged file into the new generation: a hard link (instant, no space),
    or a copy where the file system has no hard links."""
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
            raise
        shutil.copy2(src, dst, follow_symlinks=False)


def _replace_with_link(path: Path, target: str) -> None:
    """Make `path` a symlink to `target`, atomically where `path` is a file or link; a real
    folder (a schema-1 store, or a copy that followed links) is first moved aside."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        aside = path.with_name(f".legacy-{path.name}-{os.getpid()}")
        os.rename(path, aside)
    tmp = path.with_name(f".link-{path.name}-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


class Transaction:
    """Files written for one run, not visible in the store until `commit`."""

    def __init__(self, store: Store, staging: Path) -> None:
        self.store = store
        self.staging = staging
        self._files: list[Path] = []  # relative to the store root, in the order staged
        self._manifest: Manifest | None = None

    def stage(self, relative: str | Path, writer: Callable[[Path], object]) -> Path:
        """Have `writer(path)` write the file that will become `<store>/<relative>`."""
        relative = Path(relative)
        target = self.staging / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        writer(target)
        self._files.append(relative)
        _step(f"staged {relative.as_posix()}")
        return self.store.root / relative

    def stage_text(self, relative: str | Path, text: str) -> Path:
        return self.stage(relative, lambda p: p.write_text(text, encoding="utf-8"))

    def set_manifest(self, manifest: Manifest) -> None:
        self._manifest = manifest

    def commit(self) -> None:
        """Publish: complete the generation in staging, rename it into `generations/`, then
        switch `current` to it in one atomic rename. Until that rename nothing a reader
        sees has changed; after it, everything has."""
        store, root = self.store, self.store.root
        view = store.view()
        versioned = [r for r in self._files if r.parts[0] in GENERATION_DIRS]
        loose = [r for r in self._files if r.parts[0] not in GENERATION_DIRS]
        for relative in self._files:
            with open(self.staging / relative, "rb+") as fh:
                os.fsync(fh.fileno())
        self._carry_unchanged(view, set(versioned))
        _step("carried unchanged files")
        manifest = self._manifest or store.manifest()
        (self.staging / MANIFEST).write_text(
            Manifest(SCHEMA_VERSION, manifest.entries).to_json(), encoding="utf-8"
        )
        with open(self.staging / MANIFEST, "rb+") as fh:
            os.fsync(fh.fileno())
        for folder in [self.staging, *(p for p in self.staging.rglob("*") if p.is_dir())]:
            _fsync_dir(folder)
        _step("generation written")
        for relative in loose:  # overrides.csv: made once, never replaced (a person edits it)
            with contextlib.suppress(FileExistsError):
                os.link(self.staging / relative, root / relative)
            (self.staging / relative).unlink()
        _step("loose files placed")
        generations = root / GENERATIONS
        generations.mkdir(exist_ok=True)
        number = 1 + max(
            (int(p.name) for p in generations.iterdir() if p.name.isdigit()), default=0
        )
        name = f"{number:06d}"
        os.rename(self.staging, generations / name)
        self.staging.mkdir()  # the transaction's cleanup expects it
        _fsync_dir(generations)
        _step("generation renamed")
        if (root / CURRENT).is_dir() and not (root / CURRENT).is_symlink():
            os.rename(root / CURRENT, root / f".legacy-{CURRENT}-{os.getpid()}")
        _replace_with_link(root / CURRENT, f"{GENERATIONS}/{name}")
        _fsync_dir(root)
        _step("current switched")
        for link, target in (
            (MANIFEST, f"{CURRENT}/{MANIFEST}"),
            *((d, f"{CURRENT}/{d}") for d in GENERATION_DIRS),
        ):
            _replace_with_link(root / link, target)
            _step(f"linked {link}")
        _fsync_dir(root)
        for leftover in root.glob(".legacy-*"):
            _remove(leftover)
        _step("tidied")

    def _carry_unchanged(self, view: Path, staged: set[Path]) -> None:
        """Hard-link every file of the current generation this save does not replace. A
        folder holding staged files (reports/<period>/) replaces the old one whole. A link
        or anything but a plain file inside the store is refused, never followed."""
        replaced_dirs = {r.parent for r in staged if len(r.parts) > 2}
        for top in GENERATION_DIRS:
            base = view / top
            if not base.exists() and not base.is_symlink():
                continue
            for folder, dirs, files in os.walk(base, followlinks=False):
                here = Path(folder)
                rel_dir = here.relative_to(view)
                if here.is_symlink():
                    self.store._inside_view(here, view)
                for name in [*dirs, *files]:
                    path = here / name
                    if path.is_symlink():
                        raise StoreError(
                            f"store {self.store.root}: {path} is a link"
                            + (
                                f" to {os.path.realpath(path)}, outside the store"
                                if not _is_inside(path, view)
                                else ""
                            )
                            + "; plantrack never follows links inside a store: replace it "
                            "with the file or folder itself"
                        )
                if rel_dir in replaced_dirs:
                    dirs[:] = []
                    continue
                (self.staging / rel_dir).mkdir(parents=True, exist_ok=True)
                for name in files:
                    relative = rel_dir / name
                    if relative in staged:
                        continue
                    _carry(here / name, self.staging / relative)


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


def _read_lock(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, json.JSONDecodeError):
        return {}


def lock_is_stale(path: Path) -> bool:
    """A lock is stale when its owner ran on this host and that process no longer exists."""
    info = _read_lock(path)
    if not info:
        return False  # unreadable: not one of ours, or a person's; do not steal it
    if info.get("host") != socket.gethostname():
        return False
    pid = info.get("pid")
    return isinstance(pid, int) and not _pid_alive(pid)


def acquire_lock(path: Path) -> None:
    """Create the lock whole and atomically; take over a stale one once.

    The owner's pid is written to a private file first, which is then hard-linked to the
    lock's name (link(2) fails if the name exists), so a lock is never seen empty, even
    when its process is killed while taking it.
    """
    payload = json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode()
    fd, tmp = tempfile.mkstemp(prefix=".lock-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        for attempt in range(2):
            try:
                os.link(tmp, path)
                return
            except FileExistsError:
                if attempt == 0 and lock_is_stale(path):
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                    continue
                info = _read_lock(path)
                who = f" by process {info['pid']}" if "pid" in info else ""
                raise StoreError(
                    f"store {path.parent} is locked{who} (another plantrack run is writing "
                    f"it); wait for it to finish, or delete {path} if no run is in progress"
                ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
