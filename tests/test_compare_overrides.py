"""overrides.csv: force and forbid rules, applied before the assignment and always reported."""

from __future__ import annotations

import pytest

from compare import OVERRIDE_COLUMNS, OverrideRule, Overrides, compare, load_overrides
from tests.test_compare_helpers import sample_actions


def write(path, rows):
    lines = [",".join(OVERRIDE_COLUMNS), *(",".join(r) for r in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def q4_q1():
    return sample_actions("2024-Q4"), sample_actions("2025-Q1")


def test_force_pairs_a_removed_and_an_added_action(q4_q1, tmp_path):
    old, new = q4_q1
    path = write(tmp_path / "overrides.csv", [("force", "2.6", "5.10", "merged into new action")])
    result = compare(old, new, overrides=load_overrides(path))
    forced = [m for m in result.matches if m.forced]
    assert len(forced) == 1
    m = forced[0]
    assert (old[m.old_index].ref, new[m.new_index].ref) == ("2.6", "5.10")
    kinds = {c.change for c in result.changes}
    assert "added" not in kinds and "removed" not in kinds
    assert result.new_ids[m.new_index] == result.old_ids[m.old_index]
    assert len(result.overrides_applied) == 1
    assert "force 2.6 -> 5.10" in result.overrides_applied[0]
    assert "merged into new action" in result.overrides_applied[0]


def test_force_by_action_id_and_path_argument(q4_q1, tmp_path):
    old, new = q4_q1
    ids = tuple(f"X{k}" for k in range(len(old)))
    path = write(tmp_path / "overrides.csv", [("force", "X27", "5.10", "")])  # X27 is ref 2.6
    result = compare(old, new, old_ids=ids, overrides=path)
    m = next(m for m in result.matches if m.forced)
    assert old[m.old_index].ref == "2.6" and result.new_ids[m.new_index] == "X27"


def test_forbid_splits_a_true_pair_into_removed_and_added(q4_q1):
    old, new = q4_q1
    rules = Overrides((OverrideRule("forbid", "1.1", "1.1", "not the same action"),))
    result = compare(old, new, overrides=rules)
    kinds = sorted(
        (c.change, c.ref_before, c.ref_after)
        for c in result.changes
        if "1.1" in (c.ref_before, c.ref_after)
    )
    assert kinds == [("added", "", "1.1"), ("removed", "1.1", "")]
    assert result.overrides_applied and result.overrides_applied[0].startswith("forbid 1.1 -> 1.1")


def test_rules_that_match_nothing_are_reported_not_applied(q4_q1):
    old, new = q4_q1
    rules = Overrides(
        (
            OverrideRule("force", "99.9", "1.1"),
            OverrideRule("forbid", "1.1", "77.7"),
            OverrideRule("force", "1.2", "1.2"),
            OverrideRule("force", "1.2", "1.3"),  # conflicts with the rule before it
        )
    )
    result = compare(old, new, overrides=rules)
    assert len(result.overrides_applied) == 1
    reasons = result.overrides_not_applied
    assert len(reasons) == 3
    assert "no old action with id or ref '99.9'" in reasons[0]
    assert "no new action with ref '77.7'" in reasons[1]
    assert "conflicts" in reasons[2]
    # the unmatched rules changed nothing
    assert result.changes == compare(old, new).changes


def test_load_overrides_missing_file_blank_rows_and_bad_rule(tmp_path):
    assert len(load_overrides(tmp_path / "absent.csv")) == 0
    path = write(
        tmp_path / "o.csv",
        [("force", "1.1", "1.2", "a"), ("", "", "", ""), ("# comment", "", "", "")],
    )
    assert load_overrides(path).rules == (OverrideRule("force", "1.1", "1.2", "a", line=2),)
    write(path, [("merge", "1.1", "1.2", "")])
    with pytest.raises(ValueError, match="line 2"):
        load_overrides(path)
    path.write_text("old,new\n1.1,1.2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="rule"):
        load_overrides(path)
