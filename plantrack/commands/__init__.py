"""One module per `plantrack` command: its library function(s), then its click command.

Each module's `command` is what `plantrack.cli` adds to the group; the functions above it
return records or raise `PlantrackError`s and never print, so the web app and the tests
call them directly. They share `plantrack.reading` (a document in), `plantrack.feedback`
(progress), `plantrack.store` and `plantrack.options` (the shared click options).
"""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["generated_now"]


def generated_now() -> str:
    """The time a report says it was made."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
