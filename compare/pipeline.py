"""compare(): match two quarters' actions, carry identities forward, list every change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from compare.assign import assign
from compare.changes import (
    added_change,
    column_set_change,
    pair_changes,
    pair_notes,
    removed_change,
)
from compare.ids import assign_ids, new_ids
from compare.overrides import Overrides, load_overrides, resolve_overrides
from compare.records import Comparison
from compare.settings import MatchSettings
from normalise import Action, StatusScale


def compare(
    old: Sequence[Action],
    new: Sequence[Action],
    *,
    old_ids: Sequence[str] | None = None,
    overrides: Overrides | str | Path | None = None,
    settings: MatchSettings | dict[str, Any] | None = None,
    reserved_ids: Iterable[str] = (),
    scale: StatusScale | None = None,
) -> Comparison:
    """Match `old` to `new` one-to-one and classify every change.

    old_ids: the old actions' action_ids from the previous snapshot (fresh ones if None).
    overrides: rules, or the path of an overrides.csv (a missing file means none).
    reserved_ids: ids used in any earlier period, so a retired id is never handed out again.
    scale: the store's status scale (plantrack.toml [status]), which says whether a status
    move progressed or regressed; the update deck's when None.
    Changes come in new-document order (each action's kinds in CHANGE_KINDS order, `added`
    in place), then `removed` in old-document order.
    """
    old, new = tuple(old), tuple(new)
    cfg = MatchSettings.resolve(settings)
    rag = StatusScale.resolve(scale)
    ids_old = tuple(old_ids) if old_ids is not None else new_ids(old)
    if len(ids_old) != len(old):
        raise ValueError(f"old_ids has {len(ids_old)} ids for {len(old)} old actions")
    if len(set(ids_old)) != len(ids_old):
        raise ValueError("old_ids contains duplicates")
    if overrides is None:
        rules = Overrides()
    elif isinstance(overrides, Overrides):
        rules = overrides
    else:
        rules = load_overrides(overrides)

    resolved = resolve_overrides(rules, ids_old, [a.ref for a in old], [a.ref for a in new])
    matches = assign(old, new, cfg, resolved)
    by_new = {m.new_index: m.old_index for m in matches}
    ids_new = assign_ids(ids_old, len(new), by_new, reserved_ids)

    changes, notes = [], []
    for j, action in enumerate(new):
        i = by_new.get(j)
        if i is None:
            changes.append(added_change(ids_new[j], action))
        else:
            changes.extend(pair_changes(ids_new[j], old[i], action, rag))
            notes.extend(pair_notes(ids_new[j], old[i], action))
    matched_old = set(by_new.values())
    changes.extend(
        removed_change(ids_old[i], action) for i, action in enumerate(old) if i not in matched_old
    )
    columns_added, columns_removed = column_set_change(old, new)
    return Comparison(
        matches=tuple(matches),
        changes=tuple(changes),
        old_ids=ids_old,
        new_ids=ids_new,
        overrides_applied=resolved.applied,
        review=tuple(m for m in matches if m.review),
        overrides_not_applied=resolved.not_applied,
        notes=tuple(notes),
        columns_added=columns_added,
        columns_removed=columns_removed,
    )
