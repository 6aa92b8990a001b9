"""Typed changes of a matched pair, by the mechanical rules shared with the sample truth.

For a matched pair old -> new, each kind fires when its value differs after whitespace collapse:
status word, action text, ref, theme/objective, start cell, end cell, team, success measure,
progress update. Unmatched actions are `added` / `removed`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from compare.records import Change
from compare.text import added_text, collapse, diff_words, render_diff
from normalise import Action

#: Progress order of the RAG statuses. Red ("Not started") and Blue ("Planned, not started")
#: share the bottom rank; Amber is in progress; Green complete.
STATUS_RANK: dict[str, int] = {"Red": 0, "Blue": 0, "Amber": 1, "Green": 2}

#: (kind, value read from an action), in the order changes of one action are listed.
COMPARED: tuple[tuple[str, Callable[[Action], str]], ...] = (
    ("status_changed", lambda a: a.status),
    ("reworded", lambda a: a.action),
    ("renumbered", lambda a: a.ref),
    ("moved", lambda a: f"{a.theme}/{a.objective}"),
    ("start_changed", lambda a: a.start),
    ("end_changed", lambda a: a.end),
    ("team_changed", lambda a: a.team),
    ("measure_changed", lambda a: a.success_measure),
    ("progress_updated", lambda a: a.progress_update),
)


def status_direction(before: str, after: str) -> str:
    """progressed / regressed / changed for a status move.

    Up the ranks is progress (Blue -> Amber -> Green, Red -> Amber), down is regress
    (Green -> Amber, Amber -> Red). Blue -> Red counts as regressed: a planned action now
    reported as not started has fallen behind. Red -> Blue (re-planned) and anything involving
    an unknown or empty status is just "changed".
    """
    b, a = STATUS_RANK.get(before), STATUS_RANK.get(after)
    if b is None or a is None:
        return "changed"
    if a > b:
        return "progressed"
    if a < b or (before, after) == ("Blue", "Red"):
        return "regressed"
    return "changed"


def months_between(before_iso: str, after_iso: str) -> int | None:
    """Whole months from one ISO date to another, None unless both parse."""
    try:
        b, a = date.fromisoformat(before_iso), date.fromisoformat(after_iso)
    except (TypeError, ValueError):
        return None
    return (a.year - b.year) * 12 + (a.month - b.month)


def _date_detail(before: str, after: str, months: int | None) -> str:
    if months is None or months == 0:
        return f"{before or '(empty)'} -> {after or '(empty)'}"
    unit = "month" if abs(months) == 1 else "months"
    move = f"slipped {months} {unit}" if months > 0 else f"brought forward {-months} {unit}"
    return f"{before} -> {after}: {move}"


def _detail(kind: str, old: Action, new: Action, before: str, after: str) -> tuple[str, dict]:
    """Readable detail and structured data for one change kind."""
    if kind == "status_changed":
        direction = status_direction(before, after)
        return f"{direction}: {before or '(none)'} -> {after or '(none)'}", {"direction": direction}
    if kind in ("reworded", "measure_changed", "team_changed"):
        ops = diff_words(before, after)
        return render_diff(ops), {"diff": [list(op) for op in ops]}
    if kind == "renumbered":
        return f"{before} -> {after}", {}
    if kind == "moved":
        return (
            f"from theme {old.theme} objective {old.objective} "
            f"to theme {new.theme} objective {new.objective}",
            {
                "objective_title_before": old.objective_title,
                "objective_title_after": new.objective_title,
            },
        )
    if kind == "start_changed":
        months = months_between(old.start_date, new.start_date)
        return _date_detail(before, after, months), {"months": months}
    if kind == "end_changed":
        months = months_between(old.end_date, new.end_date)
        return _date_detail(before, after, months), {"months": months}
    if kind == "progress_updated":
        mode, text = added_text(before, after)
        detail = {"appended": "added: ", "rewritten": "rewritten, new: "}.get(mode, "cleared")
        return f"{detail}{text}", {"mode": mode, "added": text}
    return "", {}


def pair_changes(action_id: str, old: Action, new: Action) -> list[Change]:
    """Every change between two matched versions of one action, in COMPARED order."""
    out = []
    for kind, value in COMPARED:
        before, after = collapse(value(old)), collapse(value(new))
        if before == after:
            continue
        detail, data = _detail(kind, old, new, before, after)
        out.append(Change(kind, action_id, old.ref, new.ref, before, after, detail, data))
    return out


def added_change(action_id: str, new: Action) -> Change:
    where = f"theme {new.theme} objective {new.objective}"
    return Change("added", action_id, "", new.ref, "", collapse(new.action), f"new in {where}")


def removed_change(action_id: str, old: Action) -> Change:
    where = f"theme {old.theme} objective {old.objective}"
    return Change(
        "removed", action_id, old.ref, "", collapse(old.action), "", f"no longer in {where}"
    )
