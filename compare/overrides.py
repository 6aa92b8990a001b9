"""Hand-made match corrections: `overrides.csv` in the store, applied before the assignment.

Columns: rule (force | forbid), old (old action_id or old ref), new (new ref), note.
A `force` rule fixes a pair; a `forbid` rule makes a pair impossible. Every rule is reported:
applied, or not applied with the reason (a rule that matches nothing never raises).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

OVERRIDE_COLUMNS: tuple[str, ...] = ("rule", "old", "new", "note")
RULES = ("force", "forbid")


@dataclass(frozen=True)
class OverrideRule:
    rule: str  # "force" or "forbid"
    old: str  # old action_id or old ref
    new: str  # new ref
    note: str = ""
    line: int = 0  # line in the file, for messages

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            where = f"overrides line {self.line}: " if self.line else ""
            raise ValueError(f"{where}rule must be one of {RULES}, got {self.rule!r}")

    def describe(self) -> str:
        note = f" ({self.note})" if self.note else ""
        return f"{self.rule} {self.old} -> {self.new}{note}"


@dataclass(frozen=True)
class Overrides:
    rules: tuple[OverrideRule, ...] = ()

    def __len__(self) -> int:
        return len(self.rules)


@dataclass(frozen=True)
class ResolvedOverrides:
    """Rules turned into index pairs, with one report line per rule."""

    forced: tuple[tuple[int, int], ...]
    forbidden: tuple[tuple[int, int], ...]
    applied: tuple[str, ...]
    not_applied: tuple[str, ...]


def load_overrides(path: str | Path) -> Overrides:
    """Read overrides.csv; a missing file means no overrides. Blank lines and '#' rows skipped."""
    path = Path(path)
    if not path.exists():
        return Overrides()
    rules = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("rule", "old", "new") if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: overrides file lacks column(s) {missing}")
        for line, row in enumerate(reader, start=2):
            rule = (row.get("rule") or "").strip().lower()
            if not rule or rule.startswith("#"):
                continue
            rules.append(
                OverrideRule(
                    rule=rule,
                    old=(row.get("old") or "").strip(),
                    new=(row.get("new") or "").strip(),
                    note=(row.get("note") or "").strip(),
                    line=line,
                )
            )
    return Overrides(tuple(rules))


def resolve_overrides(
    overrides: Overrides,
    old_ids: Sequence[str],
    old_refs: Sequence[str],
    new_refs: Sequence[str],
) -> ResolvedOverrides:
    """Index pairs for each rule; the first force rule on an action wins, later ones report."""
    old_index: dict[str, int] = {}
    for n, ref in enumerate(old_refs):
        old_index.setdefault(ref, n)
    for n, action_id in enumerate(old_ids):
        old_index[action_id] = n  # an id is unambiguous: it wins over a ref spelled the same
    new_index: dict[str, int] = {}
    for n, ref in enumerate(new_refs):
        new_index.setdefault(ref, n)

    forced: list[tuple[int, int]] = []
    forbidden: list[tuple[int, int]] = []
    applied: list[str] = []
    not_applied: list[str] = []
    forced_old: set[int] = set()
    forced_new: set[int] = set()
    force_rules: dict[tuple[int, int], tuple[OverrideRule, str]] = {}
    for rule in overrides.rules:
        i, j = old_index.get(rule.old), new_index.get(rule.new)
        if i is None or j is None:
            missing = []
            if i is None:
                missing.append(f"no old action with id or ref {rule.old!r}")
            if j is None:
                missing.append(f"no new action with ref {rule.new!r}")
            not_applied.append(f"{rule.describe()}: not applied, {'; '.join(missing)}")
            continue
        label = (
            f"{rule.describe()}: applied to old {old_ids[i]} ({old_refs[i]}) and new {new_refs[j]}"
        )
        if rule.rule == "forbid":
            forbidden.append((i, j))
            applied.append(label)
        elif i in forced_old or j in forced_new:
            not_applied.append(f"{rule.describe()}: not applied, conflicts with an earlier force")
        else:
            forced.append((i, j))
            forced_old.add(i)
            forced_new.add(j)
            applied.append(label)
            force_rules[(i, j)] = (rule, label)
    # a pair both forced and forbidden: the forbid wins and the force is reported as withdrawn
    for pair in set(forced) & set(forbidden):
        rule, label = force_rules[pair]
        forced.remove(pair)
        applied.remove(label)
        not_applied.append(f"{rule.describe()}: not applied, the pair is also forbidden")
    return ResolvedOverrides(tuple(forced), tuple(forbidden), tuple(applied), tuple(not_applied))
