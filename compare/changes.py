"""Typed changes of a matched pair, judged on meaning (compare.meaning), with typed details.

For a matched pair old -> new, each kind fires when its comparison key differs: the status by
its RAG value, the action text, team, measure and progress by their text key, the ref, the
theme/objective, and the Start/End by their typed date reading. Unmatched actions are
`added` / `removed`. Each change carries its detail record (compare.details), made here once.
"""

from __future__ import annotations

from collections.abc import Sequence

from compare.details import (
    STATUS_RANK,
    ChangeDetail,
    DateDetail,
    MoveDetail,
    PlaceDetail,
    RefDetail,
    StatusDetail,
    WordsDetail,
    months_between,
    status_direction,
    status_milestone,
)
from compare.meaning import KEYS, date_reading, text_key
from compare.records import Change, Note
from compare.text import collapse, progress_detail, word_segments
from normalise import DEFAULT_SCALE, Action, StatusScale

__all__ = [
    "STATUS_RANK",
    "added_change",
    "column_set_change",
    "extra_changes",
    "months_between",
    "pair_changes",
    "pair_notes",
    "removed_change",
    "status_direction",
]

#: change kind -> the Action field shown as its before/after values
SHOWN: dict[str, str] = {
    "status_changed": "status",
    "reworded": "action",
    "renumbered": "ref",
    "start_changed": "start",
    "end_changed": "end",
    "team_changed": "team",
    "measure_changed": "success_measure",
    "progress_updated": "progress_update",
}

#: reworded kinds -> (Action field, how people name it)
_WORDS: dict[str, tuple[str, str]] = {
    "reworded": ("action", ""),
    "team_changed": ("team", "team"),
    "measure_changed": ("success_measure", "success measure"),
}


#: kinds judged on one text field alone, where equal text needs no key
_TEXT_SHORTCUT: dict[str, str] = {
    k: SHOWN[k] for k in ("reworded", "team_changed", "measure_changed", "progress_updated")
}


def _shown(kind: str, action: Action) -> str:
    if kind == "moved":
        return f"{action.theme}/{action.objective}"
    return collapse(getattr(action, SHOWN[kind]))


def _date_detail(column: str, old: Action, new: Action) -> DateDetail:
    iso_before = getattr(old, f"{column}_date")
    iso_after = getattr(new, f"{column}_date")
    months = months_between(iso_before, iso_after)
    direction = "changed"
    if months:
        direction = "slipped" if months > 0 else "brought forward"
    kinds = [date_reading(a, column)[0] for a in (old, new)]
    return DateDetail(
        column=column,
        before=collapse(getattr(old, column)),
        after=collapse(getattr(new, column)),
        date_before=iso_before,
        date_after=iso_after,
        kind_before=kinds[0],
        kind_after=kinds[1],
        months=months,
        direction=direction,
    )


def detail_of(
    kind: str, old: Action, new: Action, scale: StatusScale = DEFAULT_SCALE
) -> ChangeDetail:
    """The typed detail of one change kind between two versions of an action; a status
    move's direction and milestone on the store's `scale`."""
    if kind == "status_changed":
        b, a = old.status, new.status
        return StatusDetail(b, a, status_direction(b, a, scale), status_milestone(b, a, scale))
    if kind in _WORDS:
        attr, label = _WORDS[kind]
        return WordsDetail(attr, label, word_segments(getattr(old, attr), getattr(new, attr)))
    if kind == "renumbered":
        return RefDetail(old.ref, new.ref)
    if kind == "moved":
        return MoveDetail(
            old.theme,
            old.objective,
            new.theme,
            new.objective,
            old.objective_title,
            new.objective_title,
        )
    if kind in ("start_changed", "end_changed"):
        return _date_detail(kind.split("_")[0], old, new)
    if kind == "progress_updated":
        return progress_detail(old.progress_update, new.progress_update)
    raise ValueError(f"no detail for change kind {kind!r}")


def pair_changes(
    action_id: str, old: Action, new: Action, scale: StatusScale = DEFAULT_SCALE
) -> list[Change]:
    """Every change of meaning between two matched versions of one action, in KEYS order."""
    out = []
    for kind, key in KEYS.items():
        field = _TEXT_SHORTCUT.get(kind)
        if field is not None and getattr(old, field) == getattr(new, field):
            continue  # the same text has the same key: skip computing it (most fields)
        if key(old) == key(new):
            continue
        before, after = _shown(kind, old), _shown(kind, new)
        out.append(
            Change(
                kind, action_id, old.ref, new.ref, before, after, detail_of(kind, old, new, scale)
            )
        )
    return out + extra_changes(action_id, old, new)


def extra_changes(action_id: str, old: Action, new: Action) -> list[Change]:
    """One `extra_changed` per unknown column whose text means something else ("Lead officer
    changed"); a column one quarter lacks reads as empty, so a new cell is a change."""
    before, after = dict(old.extra), dict(new.extra)
    out = []
    for header in dict.fromkeys([*before, *after]):
        b, a = before.get(header, ""), after.get(header, "")
        if b == a or text_key(b) == text_key(a):
            continue
        info = WordsDetail(f"extra:{header}", header, word_segments(b, a))
        out.append(
            Change("extra_changed", action_id, old.ref, new.ref, collapse(b), collapse(a), info)
        )
    return out


def column_set_change(
    old: Sequence[Action], new: Sequence[Action]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The unknown columns printed now and not last quarter, and the ones no longer printed."""
    seen_old = dict.fromkeys(h for a in old for h, _ in a.extra)
    seen_new = dict.fromkeys(h for a in new for h, _ in a.extra)
    return (
        tuple(h for h in seen_new if h not in seen_old),
        tuple(h for h in seen_old if h not in seen_new),
    )


def pair_notes(action_id: str, old: Action, new: Action) -> list[Note]:
    """Notes on a matched pair that are not changes: a corrected printed number."""
    before, after = collapse(old.printed_no), collapse(new.printed_no)
    if before == after or old.ref != new.ref:
        return []
    code = "printed-number-corrected"
    message = f"No. printed '{before}' last quarter, '{after}' now; reference {new.ref} unchanged"
    return [Note(code, action_id, new.ref, before, after, message)]


def added_change(action_id: str, new: Action) -> Change:
    place = PlaceDetail(new.theme, new.objective, new.objective_title, added=True)
    return Change("added", action_id, "", new.ref, "", collapse(new.action), place)


def removed_change(action_id: str, old: Action) -> Change:
    place = PlaceDetail(old.theme, old.objective, old.objective_title, added=False)
    return Change("removed", action_id, old.ref, "", collapse(old.action), "", place)
