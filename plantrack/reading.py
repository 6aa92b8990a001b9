"""Reading one plan for a command: a document (ingest → conservation → normalise) or a
snapshot, with every refusal as a `PlantrackError`.

The path is checked and the document hashed once, here (`document_sha256`); ingest is
handed that hash instead of reading the file again to compute it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import ingest
import normalise
import outputs
from normalise import Action
from plantrack.config import StoreConfig, load_config, load_config_file
from plantrack.errors import DocumentError, InputError
from plantrack.feedback import QUIET, Feedback
from plantrack.stages import check_conservation, read_plan

__all__ = [
    "SNAPSHOT_SUFFIXES",
    "Side",
    "config_for",
    "document_sha256",
    "is_plan_csv",
    "load_side",
    "read_document",
    "refuse_undecodable_name",
]

SNAPSHOT_SUFFIXES = (".parquet", ".csv")


@dataclass(frozen=True)
class Side:
    """One quarter's actions, from a document or from a snapshot."""

    actions: tuple[Action, ...]
    ids: tuple[str, ...] | None  # None when read from a document (no identity yet)
    period: str
    source: str
    sha256: str = ""
    notes: tuple[str, ...] = ()


def document_sha256(path: Path) -> str:
    """The document's SHA-256, with a missing, folder or unreadable path as a plantrack
    error: the one check of the path, and the one read of its bytes for its identity."""
    try:
        return ingest.file_sha256(path)
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


def config_for(config_path: Path | None, store_dir: Path) -> StoreConfig:
    """The plantrack.toml a one-off read (extract, diff) uses: the file named by --config,
    else the one in the store (--store, default ./plantrack-store), else the defaults.
    Validated like a store's (one line naming the file, exit 2)."""
    if config_path is None:
        return load_config(store_dir)
    path = Path(config_path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    return load_config_file(path)


def read_document(
    path: Path,
    *,
    allow_loss: bool = False,
    password: str | None = None,
    feedback: Feedback = QUIET,
    jobs: int = 0,
    limits: dict[str, float] | None = None,
    config: StoreConfig | None = None,
    sha256: str = "",
) -> tuple[normalise.NormalisedPlan, list[str]]:
    """ingest → conservation check → normalise. Returns the plan and run-level notes.

    `jobs`: worker processes for a PDF's pages (0 = one per core, 1 = this process only).
    `limits`: overrides of `ingest.Limits` (e.g. {"pages": 5000}).
    `config`: a plantrack.toml (header aliases, key, status words, date policy); defaults if None.
    `sha256`: the document's hash when the caller already has it (`document_sha256`).
    """
    path = Path(path)
    config = config or StoreConfig()
    configured = config.ingest_settings
    sha256 = sha256 or document_sha256(path)
    plan = read_plan(
        path,
        sha256=sha256,
        password=password,
        progress=feedback.pages,
        jobs=jobs,
        limits=limits,
        configured=configured,
    )
    notes = [f"{path}: {w}" for w in plan.warnings]  # e.g. unaccepted tracked changes
    notes += [f"{path}: {t}" for t in plan.skipped_tables]  # tables that are not actions
    notes += check_conservation(
        plan,
        path,
        allow_loss=allow_loss,
        password=password,
        limits=limits,
        configured=configured,
        sha256=sha256,
    )
    for n in notes:
        feedback.note(n)
    return normalise.normalise(plan, config.normalise_settings), notes


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
    config: StoreConfig | None = None,
) -> Side:
    """A document (PDF/DOCX/XLSX/ODS/CSV) or a snapshot (.parquet/.csv written by plantrack)."""
    path = Path(path)
    if is_plan_csv(path):
        try:
            plan, notes = read_document(
                path, allow_loss=allow_loss, password=password, feedback=feedback, config=config
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
        path,
        allow_loss=allow_loss,
        password=password,
        feedback=feedback,
        limits=limits,
        config=config,
    )
    return Side(plan.actions, None, "", str(path), plan.sha256, tuple(notes))
