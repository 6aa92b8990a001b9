"""Typed records that leave the compare stage: one structure, rendered as a table and a report."""

from __future__ import annotations

from dataclasses import dataclass, field

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
)


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
    detail: str = ""  # human-readable: direction, months slipped, added text, word diff
    data: dict = field(default_factory=dict, compare=False)  # structured detail for renderers


@dataclass(frozen=True)
class Comparison:
    matches: tuple[Match, ...]
    changes: tuple[Change, ...]
    old_ids: tuple[str, ...]  # action_id per old action
    new_ids: tuple[str, ...]  # action_id per new action (inherited when matched)
    overrides_applied: tuple[str, ...] = ()
    review: tuple[Match, ...] = ()
    overrides_not_applied: tuple[str, ...] = ()  # rules that matched nothing, with the reason
