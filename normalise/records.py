"""Typed records that leave the normalise stage."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest import RawAction


@dataclass(frozen=True)
class ActionWarning:
    """A machine-readable flag on an action: `code` is stable, `message` is for people."""

    code: str  # e.g. "end-before-start", "date-unparsed", "status-unknown"
    message: str
    field: str = ""  # which column it concerns, "" for the whole action


@dataclass(frozen=True)
class Action:
    """A clean, typed action. Text fields are cleaned; `raw` keeps what was printed."""

    theme: str
    theme_title: str
    objective: str
    objective_title: str
    printed_no: str
    ref: str  # repaired canonical reference (e.g. the second "3.1" after 3.9 is "3.10")
    action: str
    team: str
    start: str  # cleaned text as printed
    end: str
    start_date: str  # ISO "YYYY-MM-DD", first day of the period, "" if none
    end_date: str  # ISO, last day of the period, "" for ongoing/recurring/unknown
    end_kind: str  # "date", "ongoing", "recurring", "unknown", "" when the cell is empty
    recurrence: str  # "annual", "quarterly", "monthly", "every-N-years", "annual-in-<month>", ""
    success_measure: str
    status: str  # "Red", "Amber", "Green", "Blue", or the printed word when unknown, "" if none
    status_label: str  # "Not started", "In progress", "Completed", "Planned, not started", ""
    progress_update: str
    source_file: str
    pages: tuple[int, ...]
    warnings: tuple[ActionWarning, ...] = ()
    #: the plan's own columns the vocabulary does not know, (printed header, cleaned text)
    #: in table order, empty cells left out; carried to the snapshot, compared like a field
    extra: tuple[tuple[str, str], ...] = ()
    raw: RawAction | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class NormalisedPlan:
    source: str
    sha256: str
    kind: str
    page_count: int
    actions: tuple[Action, ...]
    title: str = ""
