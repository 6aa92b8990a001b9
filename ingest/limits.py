"""Bounded work on hostile files: how much plantrack will read, and the checks that say no.

Every bound is one field of `Limits` (frozen, validated, built by `Limits.resolve` from
None, a dict or an instance, like `IngestSettings`). A document past a bound raises
`LimitExceededError` with one line naming the bound and how to raise it
(`--limit NAME=N`), before the work it would cost: the file size and the zip directory
are checked before anything is inflated, the page count before any page is parsed, the
characters of a page while it is laid out, and the clock throughout.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ingest.errors import LimitExceededError

__all__ = ["BudgetExpired", "Limits", "check_archive", "check_file_size", "time_budget"]

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """The most plantrack reads of one document (defaults are ~50x a real action plan)."""

    #: size of the input file, in MB
    file_mb: float = 100.0
    #: pages of a PDF
    pages: int = 1000
    #: table rows of the whole document (PDF or DOCX)
    rows: int = 20_000
    #: characters on one PDF page
    page_chars: int = 100_000
    #: inflated size of one archive member (DOCX zip part) or one compressed PDF stream, MB
    member_mb: float = 100.0
    #: seconds to read one document (and to check its text is conserved); 0 = no limit
    seconds: float = 600.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"limit {f.name} must be a number, got {value!r}")
            if f.type == "int" and not isinstance(value, int):
                raise ValueError(f"limit {f.name} must be a whole number, got {value!r}")
            if value < 0 or (value == 0 and f.name != "seconds"):
                raise ValueError(f"limit {f.name} must be positive, got {value!r}")

    @classmethod
    def resolve(cls, limits: Limits | dict[str, Any] | None) -> Limits:
        """None -> defaults, dict -> validated instance, instance -> itself."""
        if limits is None:
            return cls()
        if isinstance(limits, cls):
            return limits
        if isinstance(limits, dict):
            unknown = set(limits) - set(cls.names())
            if unknown:
                raise ValueError(f"unknown limit(s): {', '.join(sorted(unknown))}")
            return cls(**limits)
        raise TypeError(f"limits must be Limits, dict or None, not {type(limits)}")

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def parse_option(cls, text: str) -> tuple[str, float | int]:
        """`pages=5000` (the CLI's `--limit NAME=N`) -> ("pages", 5000); ValueError if not."""
        name, sep, value = text.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in cls.names():
            raise ValueError(f"use NAME=N with NAME one of {', '.join(cls.names())}: {text!r}")
        kind = next(f.type for f in fields(cls) if f.name == name)
        try:
            number: float | int = int(value) if kind == "int" else float(value)
        except ValueError:
            raise ValueError(f"limit {name} needs a number: {text!r}") from None
        one: dict[str, Any] = {name: number}  # a field named at run time
        cls(**one)  # validate alone
        return name, number


def exceeded(what: str, limit: str, bound: object) -> LimitExceededError:
    """The one-line refusal: what was found, the bound, and how to raise it."""
    return LimitExceededError(
        f"over the reading limit: {what} (limit {bound}; raise it with --limit {limit}=N)",
        limit=limit,
    )


def check_file_size(path: Path, limits: Limits) -> None:
    size = Path(path).stat().st_size
    if size > limits.file_mb * _MB:
        raise exceeded(f"file is {size / _MB:.1f} MB", "file_mb", f"{limits.file_mb:g} MB")


def check_archive(zf: zipfile.ZipFile, limits: Limits) -> None:
    """Every member's inflated size, from the zip's central directory, before inflating.

    Reading then cannot inflate more than that: zipfile stops a member at the size its
    directory entry declares (and fails its CRC if the data goes on). Only stored and
    deflated members are accepted (all Word writes), whose inflation zipfile streams in
    bounded chunks.
    """
    cap = limits.member_mb * _MB
    for info in zf.infolist():
        if info.file_size > cap:
            raise exceeded(
                f"archive member {info.filename!r} inflates to {info.file_size / _MB:.1f} MB",
                "member_mb",
                f"{limits.member_mb:g} MB",
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise exceeded(
                f"archive member {info.filename!r} uses compression method "
                f"{info.compress_type} (Word writes only stored or deflated members)",
                "member_mb",
                f"{limits.member_mb:g} MB",
            )


class BudgetExpired(BaseException):
    """Raised by the alarm when a document's time budget is spent.

    A BaseException so that no library's `except Exception` swallows it on the way out;
    `time_budget` turns it into a `LimitExceededError` at the edge.
    """


#: the deadline of the budget in force (time.monotonic()), inherited by forked workers
_DEADLINE: float | None = None
#: whether the alarm may interrupt now: always in the reading process; in a worker only
#: while it works on a page (idle, it is waiting for the next page or to be shut down)
_INTERRUPTIBLE = True


def _on_alarm(signum: int, frame: Any) -> None:
    if _INTERRUPTIBLE:
        raise BudgetExpired


def _arm(seconds: float) -> None:
    # repeat every second after the deadline, in case a library swallowed the first one
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001), 1.0)


def _can_alarm() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_budget(limits: Limits) -> Iterator[None]:
    """Run the block within `limits.seconds`; past it, raise the limit's refusal.

    Uses SIGALRM (main thread, POSIX), so it also stops pure-Python loops inside a
    library. Nested budgets share the outer deadline. Elsewhere it does nothing.
    """
    global _DEADLINE
    if not limits.seconds or not _can_alarm() or _DEADLINE is not None:
        yield
        return
    _DEADLINE = time.monotonic() + limits.seconds
    previous = signal.getsignal(signal.SIGALRM)
    _arm(limits.seconds)
    try:
        yield
    except BudgetExpired:
        raise exceeded(
            f"reading took more than {limits.seconds:g} s", "seconds", f"{limits.seconds:g} s"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _DEADLINE = None


def resume_budget_in_worker() -> None:
    """In a forked worker: re-arm the parent's deadline (interval timers are not
    inherited by fork), so a page stuck in a worker stops when the parent's budget ends.
    The alarm then interrupts only work inside `worker_task`."""
    global _INTERRUPTIBLE
    if _DEADLINE is not None and _can_alarm():
        _INTERRUPTIBLE = False
        _arm(_DEADLINE - time.monotonic())


@contextlib.contextmanager
def worker_task() -> Iterator[None]:
    """One page's work in a worker: the time budget may stop it (the parent reports it)."""
    global _INTERRUPTIBLE
    before, _INTERRUPTIBLE = _INTERRUPTIBLE, True
    try:
        if _DEADLINE is not None and time.monotonic() > _DEADLINE:
            raise BudgetExpired
        yield
    finally:
        _INTERRUPTIBLE = before
