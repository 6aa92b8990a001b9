"""The typed detail of each change, made once here and only rendered elsewhere.

The report, changes.csv, the changes workbook and `plantrack diff --json` all show these
records (csv-diff's rule: one result, rendered many times), so they cannot disagree: a
Blue -> Red move is "regressed" everywhere, a progress update shows the same added sentences
everywhere. Every record is a frozen dataclass with `summary()` (the one line changes.csv
shows) and `to_json()` (a JSON-ready dict with a "type" tag).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, ClassVar

from normalise import DEFAULT_SCALE, RAG_STATUSES, StatusScale
from normalise import months_between as months_between_dates

__all__ = [
    "STATUS_RANK",
    "ChangeDetail",
    "DateDetail",
    "MoveDetail",
    "PlaceDetail",
    "ProgressDetail",
    "RefDetail",
    "Segment",
    "StatusDetail",
    "WordsDetail",
    "months_between",
    "status_direction",
    "status_milestone",
]

#: Progress order of the RAG statuses on the default scale (normalise.scale is its home):
#: Red ("Not started") and Blue ("Planned, not started") share the bottom rank; Amber is in
#: progress; Green complete.
STATUS_RANK: dict[str, int] = {s: DEFAULT_SCALE.rank(s) or 0 for s in RAG_STATUSES}


class _Detail:
    """Shared rendering of the detail records."""

    type: ClassVar[str] = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type}
        out.update(asdict(self))  # type: ignore[call-overload]
        return out

    def summary(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Segment:
    """One run of a word difference: kind "same", "del" (only before) or "ins" (only after)."""

    kind: str
    text: str


@dataclass(frozen=True)
class StatusDetail(_Detail):
    """A status move: direction and, when it is one, the milestone the deck reports."""

    type: ClassVar[str] = "status"
    before: str
    after: str
    direction: str  # "progressed", "regressed", "changed"
    milestone: str = ""  # "completed" (-> Green), "started" (Blue/Red -> Amber), ""

    def summary(self) -> str:
        return f"{self.direction}: {self.before or '(none)'} -> {self.after or '(none)'}"


@dataclass(frozen=True)
class WordsDetail(_Detail):
    """A reworded cell (action text, team, success measure) as a word difference."""

    type: ClassVar[str] = "words"
    field: str  # the Action field: "action", "team", "success_measure"
    label: str  # how people name it: "" for the action text, "team", "success measure"
    segments: tuple[Segment, ...]

    def summary(self) -> str:
        parts = []
        for s in self.segments:
            parts.append({"del": f"[-{s.text}-]", "ins": f"{{+{s.text}+}}"}.get(s.kind, s.text))
        return " ".join(parts)


@dataclass(frozen=True)
class RefDetail(_Detail):
    """A new reference for the same action."""

    type: ClassVar[str] = "ref"
    before: str
    after: str

    def summary(self) -> str:
        return f"{self.before} -> {self.after}"


@dataclass(frozen=True)
class MoveDetail(_Detail):
    """An action now under another theme or objective."""

    type: ClassVar[str] = "move"
    theme_before: str
    objective_before: str
    theme_after: str
    objective_after: str
    objective_title_before: str = ""
    objective_title_after: str = ""

    @property
    def where_before(self) -> str:
        return f"Theme {self.theme_before}, objective {self.objective_before}"

    @property
    def where_after(self) -> str:
        return f"Theme {self.theme_after}, objective {self.objective_after}"

    def summary(self) -> str:
        return (
            f"from theme {self.theme_before} objective {self.objective_before} "
            f"to theme {self.theme_after} objective {self.objective_after}"
        )


@dataclass(frozen=True)
class DateDetail(_Detail):
    """A Start or End that means another date (or another kind of end)."""

    type: ClassVar[str] = "date"
    column: str  # "start" or "end"
    before: str  # the cell as printed
    after: str
    date_before: str  # ISO, "" when not a date
    date_after: str
    kind_before: str  # "date", "ongoing", "recurring", "unknown", ""
    kind_after: str
    months: int | None  # whole months later (+) or earlier (-), None unless both are dates
    direction: str  # "slipped", "brought forward", "changed"

    def summary(self) -> str:
        before, after = self.before or "(empty)", self.after or "(empty)"
        if not self.months:
            return f"{before} -> {after}"
        n = abs(self.months)
        return f"{before} -> {after}: {self.direction} {n} month{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class ProgressDetail(_Detail):
    """What a progress update says that it did not say last quarter."""

    type: ClassVar[str] = "progress"
    mode: str  # "appended", "rewritten", "edited" (no new sentence), "cleared"
    added: str  # the new text: the appended suffix, or the new sentences joined
    sentences: tuple[str, ...]  # the same, as sentences (and bullet items)
    removed: tuple[str, ...] = ()  # sentences of last quarter no longer there

    def summary(self) -> str:
        if self.mode == "appended":
            return f"added: {self.added}"
        if self.mode == "rewritten":
            return f"rewritten, new: {self.added}"
        if self.mode == "edited":
            return "edited, no new sentence" + (
                f"; removed: {' '.join(self.removed)}" if self.removed else ""
            )
        return "cleared"


@dataclass(frozen=True)
class PlaceDetail(_Detail):
    """Where an added action now is, or where a removed one was."""

    type: ClassVar[str] = "place"
    theme: str
    objective: str
    objective_title: str = ""
    added: bool = True

    def summary(self) -> str:
        where = f"theme {self.theme} objective {self.objective}"
        return f"new in {where}" if self.added else f"no longer in {where}"


ChangeDetail = (
    StatusDetail | WordsDetail | RefDetail | MoveDetail | DateDetail | ProgressDetail | PlaceDetail
)


def status_direction(before: str, after: str, scale: StatusScale = DEFAULT_SCALE) -> str:
    """progressed / regressed / changed for a status move, on the store's scale.

    On the default scale up the ranks is progress (Blue -> Amber -> Green, Red -> Amber),
    down is regress (Green -> Amber, Amber -> Red). Blue -> Red counts as regressed: a
    planned action now reported as not started has fallen behind. Red -> Blue (re-planned)
    and anything involving an unknown or empty status is just "changed".
    """
    return scale.direction(before, after)


def status_milestone(before: str, after: str, scale: StatusScale = DEFAULT_SCALE) -> str:
    """The deck's milestones: "completed" (now Green on the default scale), "started"
    (Blue/Red -> Amber), or ""."""
    return scale.milestone(before, after)


def months_between(before_iso: str, after_iso: str) -> int | None:
    """Whole months from one ISO date to another, None unless both parse."""
    try:
        b, a = date.fromisoformat(before_iso), date.fromisoformat(after_iso)
    except (TypeError, ValueError):
        return None
    return months_between_dates(b, a)
