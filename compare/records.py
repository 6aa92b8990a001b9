"""Typed records that leave the compare stage: one structure, rendered as a table and a report.

`Comparison.to_json()` is exactly what `plantrack diff --json` prints; changes.csv, the report
and the workbook render the same `Change` records and their typed `info` details.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from compare.details import ChangeDetail

#: Every change kind, in report order.
CHANGE_KINDS: tuple[str, ...] = (
    "added",
    "removed",
    "status_changed",
    "reworded",
    "renumbered",
    "moved",
    "start_changed",
    "end_changed",
    "team_changed",
    "measure_changed",
    "progress_updated",
    "extra_changed",  # one of the plan's own (unknown) columns, named in the detail's label
)

#: Codes of the notes compare makes about a matched pair that are not changes.
NOTE_CODES: dict[str, str] = {
    "printed-number-corrected": "The No. cell is printed differently from last quarter but the "
    "action's reference is the same (e.g. the duplicate '3.1' now printed '3.10'): a "
    "correction of the document, not a renumbering.",
}


@dataclass(frozen=True)
class Match:
    old_index: int  # index into the old plan's actions
    new_index: int
    score: float  # 0..100
    review: bool = False  # best and second-best too close: a person should confirm
    forced: bool = False  # set by an override


@dataclass(frozen=True)
class Change:
    change: str  # one of CHANGE_KINDS
    action_id: str
    ref_before: str  # "" for added
    ref_after: str  # "" for removed
    before: str
    after: str
    info: ChangeDetail  # the typed detail: direction, months slipped, added sentences, diff

    @property
    def detail(self) -> str:
        """The detail as one line (changes.csv's `detail` column)."""
        return self.info.summary()

    def to_json(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "action_id": self.action_id,
            "ref_before": self.ref_before,
            "ref_after": self.ref_after,
            "before": self.before,
            "after": self.after,
            "detail": self.detail,
            "info": self.info.to_json(),
        }


@dataclass(frozen=True)
class Note:
    """Something compare noticed about a matched pair that is not a change (NOTE_CODES)."""

    code: str
    action_id: str
    ref: str
    before: str
    after: str
    message: str


@dataclass(frozen=True)
class Comparison:
    matches: tuple[Match, ...]
    changes: tuple[Change, ...]
    old_ids: tuple[str, ...]  # action_id per old action
    new_ids: tuple[str, ...]  # action_id per new action (inherited when matched)
    overrides_applied: tuple[str, ...] = ()
    review: tuple[Match, ...] = ()
    overrides_not_applied: tuple[str, ...] = ()  # rules that matched nothing, with the reason
    notes: tuple[Note, ...] = ()  # data-quality notes on matched pairs (not changes)
    #: the plan's own (unknown) columns printed this quarter and not last, and the reverse
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The whole comparison as JSON-ready data: what `plantrack diff --json` prints."""
        return {
            "changes": [c.to_json() for c in self.changes],
            "notes": [asdict(n) for n in self.notes],
            "matches": [asdict(m) for m in self.matches],
            "review": [asdict(m) for m in self.review],
            "old_ids": list(self.old_ids),
            "new_ids": list(self.new_ids),
            "overrides_applied": list(self.overrides_applied),
            "overrides_not_applied": list(self.overrides_not_applied),
            "columns_added": list(self.columns_added),
            "columns_removed": list(self.columns_removed),
        }
