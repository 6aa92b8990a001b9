"""plantrack's user-facing errors, each with the documented exit code the CLI returns.

Library code raises these (or ingest's own errors); the CLI prints `Error: <message>` and
exits with `exit_code`. Codes are part of the interface (see README, "Exit codes"). Each is
a `click.ClickException`, click's idiom for "a refusal the user can act on", so a command
may simply raise one.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

import click

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_DOCUMENT = 4
EXIT_NOT_CONSERVED = 5
EXIT_STORE = 6
EXIT_WRITE = 7
EXIT_INTERRUPTED = 130

#: The exit codes, as every command's --help ends.
EXIT_CODES_HELP = """exit codes:
  0  success
  1  unexpected internal error (run again with --debug and report it)
  2  usage error: bad option, invalid period, unsupported output format
  3  input missing or unreadable (file, folder, store, samples)
  4  not a readable action plan: empty, not PDF/DOCX, corrupt, encrypted, no text layer,
     no action table, missing columns, not a plantrack snapshot, over a reading limit
  5  table text not conserved while reading (use --allow-loss to go on)
  6  store refused: period exists or the file is another period's (use --force),
     same months as a held period, locked, newer schema, damaged manifest or snapshot,
     a plantrack.toml already there (init),
     a link out of the store
  7  cannot write: the disk is full, the folder is read-only, or permission denied
     (nothing half-written is left)
130  interrupted (Ctrl-C): workers stopped, nothing half-written left, lock released
"""


class PlantrackError(click.ClickException):
    """A refusal the user can act on; `str()` is the one-line message, `exit_code` the
    documented code."""

    exit_code = EXIT_UNEXPECTED

    def __init__(self, message: str) -> None:
        super().__init__(message)  # click keeps it as `.message`

    def __str__(self) -> str:
        return self.message


class UsageError(PlantrackError):
    """Bad arguments: an invalid period, an unknown output format."""

    exit_code = EXIT_USAGE


class InputError(PlantrackError):
    """An input path that is missing or cannot be read."""

    exit_code = EXIT_INPUT


class DocumentError(PlantrackError):
    """A file that is there but is not a readable action plan (or snapshot)."""

    exit_code = EXIT_DOCUMENT


class NotConservedError(PlantrackError):
    """Table text was lost or used twice while reading the document."""

    exit_code = EXIT_NOT_CONSERVED


class StoreError(PlantrackError):
    """The store refuses: locked, period exists, unknown schema, damaged manifest."""

    exit_code = EXIT_STORE


class WriteError(PlantrackError):
    """The system refused a write: a full disk, a read-only folder, no permission."""

    exit_code = EXIT_WRITE


#: What an officer can act on, for the errors a write foreseeably meets.
_WRITE_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only disk",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "the file would be too large for the disk",
    errno.ENAMETOOLONG: "the path is too long",
}


def write_refused(exc: OSError) -> bool:
    """Is this OSError one of the foreseeable write refusals (full, read-only, denied)?"""
    return exc.errno in _WRITE_REASONS


def write_error(where: object, exc: OSError, after: str = "") -> WriteError:
    """One plain line for a refused write: what, why, and (optionally) what was kept."""
    reason = _WRITE_REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()
    return WriteError(f"cannot write {where}: {reason}{after}")


@contextlib.contextmanager
def writing(where: object) -> Iterator[None]:
    """A write the system refuses (full disk, read-only folder, no permission) becomes one
    plain WriteError (exit 7); the writers replace files atomically, so nothing is
    half-written."""
    try:
        yield
    except OSError as exc:
        if not write_refused(exc):
            raise
        raise write_error(where, exc, "; nothing was written") from None
