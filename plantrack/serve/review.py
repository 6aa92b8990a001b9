"""The overrides editor's data: the latest quarter's matches to confirm, and overrides.csv.

A person confirms a match compare was unsure of (a `force` rule: the two are the same
action) or splits it (a `forbid` rule: they are different actions, one removed and one
added). The rules go into the store's `overrides.csv` in compare's format (`rule, old,
new, note`; see compare/overrides.py), and the latest quarter is then re-compared.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import compare
import outputs
from plantrack.errors import UsageError
from plantrack.stages import compare_actions
from plantrack.store import Store, overrides_header


@dataclass(frozen=True)
class Pair:
    """One old ↔ new match of the latest comparison, as the editor shows it."""

    old_id: str
    old_name: str
    old_text: str
    new_ref: str
    new_name: str
    new_text: str
    score: float
    review: bool
    forced: bool


@dataclass(frozen=True)
class Review:
    period: str
    previous: str
    pairs: tuple[Pair, ...]  # flagged for review, or forced by a rule
    applied: tuple[str, ...]
    not_applied: tuple[str, ...]


def latest_review(store_dir: Path) -> Review | None:
    """The latest period's matches a person should look at; None with fewer than two periods.

    Recomputed from the two stored snapshots with the store's overrides: the same
    comparison the latest run made (compare is deterministic).
    """
    store = Store(store_dir)
    periods = store.periods() if store.exists() else []
    if len(periods) < 2:
        return None
    period = periods[-1]
    previous = outputs.previous_of(period, periods[:-1])
    old, old_ids = store.load_snapshot(previous)
    new, _ = store.load_snapshot(period)
    retired = sorted({i for h in store.history(period) for i in h.ids})
    comparison = compare_actions(
        old, new, old_ids=old_ids, overrides=store.overrides(), reserved_ids=retired
    )
    pairs = []
    for m in comparison.matches:
        if not (m.review or m.forced):
            continue
        o, n = old[m.old_index], new[m.new_index]
        pairs.append(
            Pair(
                old_id=old_ids[m.old_index],
                old_name=outputs.printed_name(o.ref, o.objective),
                old_text=o.action,
                new_ref=n.ref,
                new_name=outputs.printed_name(n.ref, n.objective),
                new_text=n.action,
                score=round(m.score, 1),
                review=m.review,
                forced=m.forced,
            )
        )
    return Review(
        period,
        previous,
        tuple(pairs),
        tuple(comparison.overrides_applied),
        tuple(comparison.overrides_not_applied),
    )


def read_rules(store_dir: Path) -> list[dict[str, str]]:
    """The rows of overrides.csv as they stand (empty when there is none)."""
    path = Store(store_dir).overrides_path
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [dict(row) for row in csv.DictReader(fh)]


def rules_text(rules: list[dict[str, str]]) -> str:
    """overrides.csv's text for these rules, in compare's columns (pure)."""
    columns = list(compare.OVERRIDE_COLUMNS)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    buf.write(overrides_header())
    for row in rules:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buf.getvalue()


def checked_rule(rule: str, old: str, new: str, note: str) -> dict[str, str]:
    """A rule from the form, or a UsageError naming what is wrong (pure)."""
    old, new = old.strip(), new.strip()
    if not old or not new:
        raise UsageError("a rule needs the old action (id or number) and the new number")
    try:
        checked = compare.OverrideRule(rule.strip().lower(), old, new, " ".join(note.split()))
    except ValueError as exc:  # compare says which rules there are
        raise UsageError(str(exc)) from None
    return {"rule": checked.rule, "old": checked.old, "new": checked.new, "note": checked.note}


def write_rules(store_dir: Path, rules: list[dict[str, str]]) -> None:
    outputs.write_text_atomic(Store(store_dir).overrides_path, rules_text(rules))
