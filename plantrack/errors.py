"""plantrack's user-facing errors, each with the documented exit code the CLI returns.

Library code raises these (or ingest's own errors); the CLI prints `Error: <message>` and
exits with `exit_code`. Codes are part of the interface (see README, "Exit codes").
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INPUT = 3
EXIT_DOCUMENT = 4
EXIT_NOT_CONSERVED = 5
EXIT_STORE = 6


class PlantrackError(Exception):
    """A refusal the user can act on; `str()` is the one-line message."""

    exit_code = EXIT_UNEXPECTED

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

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
