"""The one place that calls ingest and compare with plantrack's error mapping.

Every stage refusal becomes a `PlantrackError` with its documented exit code here, so the
commands (and the web app) deal only in those. Stages with nothing to map (normalise,
`compare.new_ids`) are called directly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import compare
import ingest
from normalise import Action, StatusScale
from plantrack.errors import (
    DocumentError,
    InputError,
    NotConservedError,
    PlantrackError,
    StoreError,
)

__all__ = [
    "check_conservation",
    "compare_actions",
    "from_ingest_error",
    "load_overrides",
    "read_plan",
]

PageProgress = Callable[[int, int], None]


def from_ingest_error(exc: ingest.IngestError) -> PlantrackError:
    """Map an ingest refusal to the documented exit code, keeping its one-line message."""
    if isinstance(exc, ingest.MissingFileError):
        return InputError(str(exc))
    if isinstance(exc, ingest.ConservationError):
        return NotConservedError(str(exc) + " (use --allow-loss to go on anyway)")
    return DocumentError(str(exc))


def _settings(
    password: str | None,
    jobs: int = 0,
    limits: dict[str, float] | None = None,
    configured: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """IngestSettings overrides; jobs 0 is ingest's default (one worker per core);
    `configured` is what the store's plantrack.toml sets (aliases, fill colours)."""
    out: dict[str, Any] = dict(configured or {})
    if limits:
        out["limits"] = limits
    if password is not None:
        out["password"] = password
    if jobs != 0:
        out["jobs"] = jobs
    return out


def read_plan(
    path: Path,
    *,
    sha256: str,
    password: str | None = None,
    progress: PageProgress | None = None,
    jobs: int = 0,
    limits: dict[str, float] | None = None,
    configured: Mapping[str, Any] | None = None,
) -> ingest.Plan:
    """ingest.read_plan with plantrack errors, for a path already checked and hashed
    (`plantrack.reading.document_sha256`)."""
    try:
        settings = _settings(password, jobs, limits, configured)
        return ingest.read_plan(path, settings=settings, progress=progress, sha256=sha256)
    except ingest.IngestError as exc:
        raise from_ingest_error(exc) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def check_conservation(
    plan: ingest.Plan,
    path: Path,
    *,
    allow_loss: bool,
    password: str | None = None,
    limits: dict[str, float] | None = None,
    configured: Mapping[str, Any] | None = None,
    sha256: str = "",
) -> list[str]:
    """Run ingest's conservation check; returns warnings when `allow_loss`, else raises.

    The message names the first page and text not conserved, and how many more there are.
    """
    try:
        losses = ingest.check_conservation(
            plan,
            path,
            settings=_settings(password, limits=limits, configured=configured),
            sha256=sha256,
        )
    except ingest.IngestError as exc:
        raise from_ingest_error(exc) from exc
    problems = [str(loss) for loss in losses]
    if problems and not allow_loss:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise NotConservedError(
            f"{path}: text not conserved: {first}{more} (use --allow-loss to go on anyway)"
        )
    return [f"text not conserved: {path}: {p}" for p in problems]


def load_overrides(path: Path) -> compare.Overrides:
    """The store's overrides.csv as compare's rules; a malformed file is the user's to fix."""
    try:
        return compare.load_overrides(path)
    except (ValueError, KeyError) as exc:
        raise StoreError(f"{path}: {exc}; fix the file or remove the bad row") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None


def compare_actions(
    old: Sequence[Action],
    new: Sequence[Action],
    *,
    old_ids: Sequence[str] | None = None,
    overrides: Path | None = None,
    reserved_ids: Sequence[str] = (),
    scale: StatusScale | None = None,
) -> compare.Comparison:
    """compare.compare with the store's old ids, overrides (a malformed file refused with
    its own message), retired ids and status scale (plantrack.toml's progress order)."""
    return compare.compare(
        tuple(old),
        tuple(new),
        old_ids=tuple(old_ids) if old_ids is not None else None,
        overrides=load_overrides(overrides) if overrides is not None else None,
        reserved_ids=tuple(reserved_ids),
        scale=scale,
    )
