"""Calls into the pipeline stages, with every stage error turned into a plantrack error.

This is the one place that knows how ingest, normalise and compare are called, so the
rest of plantrack (and the CLI) deals only in `PlantrackError`s with exit codes.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import compare
import ingest
import normalise
from normalise import Action
from plantrack.errors import (
    DocumentError,
    InputError,
    NotConservedError,
    PlantrackError,
    StoreError,
)

PageProgress = Callable[[int, int], None]


def from_ingest_error(exc: ingest.IngestError) -> PlantrackError:
    """Map an ingest refusal to the documented exit code, keeping its one-line message."""
    if isinstance(exc, ingest.MissingFileError):
        return InputError(str(exc))
    if isinstance(exc, ingest.ConservationError):
        return NotConservedError(str(exc) + " (use --allow-loss to go on anyway)")
    return DocumentError(str(exc))


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def read_plan(
    path: Path,
    *,
    password: str | None = None,
    progress: PageProgress | None = None,
    jobs: int = 0,
) -> ingest.Plan:
    """ingest.read_plan with plantrack errors; refuses directories and unreadable paths first."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a document")
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    kwargs: dict[str, Any] = {}
    if progress is not None and _accepts(ingest.read_plan, "progress"):
        kwargs["progress"] = progress
    if password is not None:
        if _accepts(ingest.read_plan, "password"):
            kwargs["password"] = password
        elif _accepts(ingest.read_plan, "settings"):
            kwargs["settings"] = {"password": password}
        else:
            raise DocumentError(f"{path}: password-protected documents are not supported")
    if jobs != 0:  # 0: ingest's default, one worker per core for a PDF's pages
        kwargs["settings"] = {**kwargs.get("settings", {}), "jobs": jobs}
    try:
        return ingest.read_plan(path, **kwargs)
    except ingest.IngestError as exc:
        raise from_ingest_error(exc) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def check_conservation(
    plan: ingest.Plan, path: Path, *, allow_loss: bool, password: str | None = None
) -> list[str]:
    """Run ingest's conservation check; returns warnings when `allow_loss`, else raises.

    The message names the first page and text not conserved, and how many more there are.
    """
    check = getattr(ingest, "check_conservation", None)
    if check is None:
        return []
    kwargs: dict[str, Any] = {}
    if password is not None and _accepts(check, "settings"):
        kwargs["settings"] = {"password": password}
    try:
        result = check(plan, path, **kwargs)
    except ingest.ConservationError as exc:
        if allow_loss:
            return [f"text not conserved: {exc}"]
        raise from_ingest_error(exc) from exc
    except ingest.IngestError as exc:
        raise from_ingest_error(exc) from exc
    problems = _problems(result)
    if problems and not allow_loss:
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise NotConservedError(
            f"{path}: text not conserved: {first}{more} (use --allow-loss to go on anyway)"
        )
    return [f"text not conserved: {path}: {p}" for p in problems]


def _problems(result: Any) -> list[str]:
    """Accept whatever shape the check reports in: None/True, a list, or an object with issues."""
    if result is None or result is True:
        return []
    for attr in ("problems", "issues", "errors"):
        if hasattr(result, attr):
            return [str(p) for p in getattr(result, attr)]
    if isinstance(result, (list, tuple)):
        return [str(p) for p in result]
    if getattr(result, "ok", True) is False:
        return [str(result)]
    return []


def normalise_plan(plan: ingest.Plan) -> normalise.NormalisedPlan:
    fn = getattr(normalise, "normalise", None)
    if fn is None:
        raise PlantrackError("this build of plantrack has no normalise stage")
    return fn(plan)


def load_overrides(path: Path) -> Any:
    """The store's overrides.csv as compare's rules; a malformed file is the user's to fix."""
    loader = getattr(compare, "load_overrides", None)
    if loader is None:
        return path
    try:
        return loader(path)
    except (ValueError, KeyError) as exc:
        raise StoreError(f"{path}: {exc}; fix the file or remove the bad row") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror})") from None


def first_ids(actions: Sequence[Action]) -> tuple[str, ...]:
    """Identities for actions seen for the first time: compare's `new_ids`, without
    loading the matcher (what `compare((), actions)` would give, at no start-up cost)."""
    return tuple(compare.new_ids(actions))


def compare_actions(
    old: Sequence[Action],
    new: Sequence[Action],
    *,
    old_ids: Sequence[str] | None = None,
    overrides: Path | None = None,
    reserved_ids: Sequence[str] = (),
) -> compare.Comparison:
    """compare.compare, passing old ids, overrides and retired ids when it takes them."""
    fn = getattr(compare, "compare", None)
    if fn is None:
        raise PlantrackError("this build of plantrack has no compare stage")
    kwargs: dict[str, Any] = {}
    if old_ids is not None and _accepts(fn, "old_ids"):
        kwargs["old_ids"] = tuple(old_ids)
    if overrides is not None and _accepts(fn, "overrides"):
        kwargs["overrides"] = load_overrides(overrides)
    if reserved_ids and _accepts(fn, "reserved_ids"):
        kwargs["reserved_ids"] = tuple(reserved_ids)
    return fn(tuple(old), tuple(new), **kwargs)
