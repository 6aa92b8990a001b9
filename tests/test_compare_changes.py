"""Change kinds and their details: direction, months moved, added text, word diffs, ids."""

from __future__ import annotations

from dataclasses import replace

import pytest

from compare import (
    MatchSettings,
    added_text,
    compare,
    diff_words,
    months_between,
    new_ids,
    render_diff,
    status_direction,
)
from compare.ids import fresh_ids
from tests.test_compare_helpers import sample_actions


@pytest.mark.parametrize(
    ("before", "after", "direction"),
    [
        ("Blue", "Amber", "progressed"),
        ("Amber", "Green", "progressed"),
        ("Red", "Amber", "progressed"),
        ("Blue", "Green", "progressed"),
        ("Green", "Amber", "regressed"),
        ("Amber", "Red", "regressed"),
        ("Blue", "Red", "regressed"),
        ("Red", "Blue", "changed"),
        ("Amber", "On hold", "changed"),
        ("", "Amber", "changed"),
    ],
)
def test_status_direction(before, after, direction):
    assert status_direction(before, after) == direction


def test_months_between_iso_dates():
    assert months_between("2025-06-30", "2025-09-30") == 3
    assert months_between("2025-01-01", "2024-11-01") == -2
    assert months_between("", "2025-01-01") is None


def test_progress_added_text():
    assert added_text("Draft ready.", "Draft ready. Sent to Legal.") == (
        "appended",
        "Sent to Legal.",
    )
    assert added_text("", "First note.") == ("appended", "First note.")
    assert added_text("Draft ready. Old line.", "Sent to Legal. Draft ready.") == (
        "rewritten",
        "Sent to Legal.",
    )
    assert added_text("Something.", "") == ("cleared", "")


def test_diff_words_and_render():
    ops = diff_words("Review the update the policy", "Review and update the  policy")
    assert ops == (
        ("equal", "Review"),
        ("delete", "the"),
        ("insert", "and"),
        ("equal", "update the policy"),
    )
    assert render_diff(ops) == "Review [-the-] {+and+} update the policy"


def _one(result, kind):
    found = [c for c in result.changes if c.change == kind]
    assert len(found) == 1, result.changes
    return found[0]


def test_every_field_change_is_reported_with_both_sides():
    old = sample_actions("2024-Q4")
    i = next(k for k, a in enumerate(old) if a.ref == "1.5")
    a = old[i]
    changed = replace(
        a,
        theme="B",
        objective="6",
        ref="6.9",
        start="Oct-24",
        start_date="2024-10-01",
        end="Mar-26",
        end_date="2026-03-31",
        team="HR Services",
        success_measure=a.success_measure + " Two schemes launched.",
        status="Green",
        progress_update=(a.progress_update + " Scheme launched in March.").strip(),
        action=a.action + " ",  # whitespace only: not a rewording
    )
    new = [changed if k == i else x for k, x in enumerate(old)]
    result = compare(old, new)
    kinds = [c.change for c in result.changes]
    assert kinds == [
        "status_changed",
        "renumbered",
        "moved",
        "start_changed",
        "end_changed",
        "team_changed",
        "measure_changed",
        "progress_updated",
    ]
    assert all(c.ref_before == "1.5" and c.ref_after == "6.9" for c in result.changes)
    assert _one(result, "moved").before == f"{a.theme}/{a.objective}"
    assert _one(result, "moved").after == "B/6"
    start = _one(result, "start_changed")
    assert (start.before, start.after) == (a.start, "Oct-24")
    assert start.info.months == months_between(a.start_date, "2024-10-01")
    assert "brought forward" in start.detail
    assert "slipped" in _one(result, "end_changed").detail
    assert _one(result, "progress_updated").info.added == "Scheme launched in March."
    assert "{+Two schemes launched.+}" in _one(result, "measure_changed").detail
    assert _one(result, "status_changed").info.direction == "progressed"


def test_ids_are_sequential_and_never_collide():
    assert new_ids([object()] * 3) == ("ACT-0001", "ACT-0002", "ACT-0003")
    assert fresh_ids(2, ["ACT-0007", "legacy-1", "ACT-0002"]) == ("ACT-0008", "ACT-0009")
    old = sample_actions("2024-Q4")[:5]
    new = [*old, replace(old[0], action="A brand new action about something else.", ref="1.9")]
    result = compare(old, new, old_ids=["A", "B", "C", "D", "ACT-0040"], reserved_ids=["ACT-0050"])
    assert result.new_ids == ("A", "B", "C", "D", "ACT-0040", "ACT-0051")


def test_bad_inputs_are_refused_with_clear_messages():
    old = sample_actions("2024-Q4")[:2]
    with pytest.raises(ValueError, match="2 old actions"):
        compare(old, old, old_ids=["only-one"])
    with pytest.raises(ValueError, match="duplicates"):
        compare(old, old, old_ids=["x", "x"])
    with pytest.raises(ValueError, match="threshold"):
        MatchSettings(threshold=120)
    with pytest.raises(ValueError, match="unknown"):
        MatchSettings.resolve({"treshold": 50})
    assert MatchSettings.resolve({"threshold": 60}).threshold == 60


def test_first_period_and_emptied_plan():
    plan = sample_actions("2024-Q4")[:3]
    first = compare((), plan)
    assert first.new_ids == new_ids(plan)
    assert [c.change for c in first.changes] == ["added"] * 3
    gone = compare(plan, ())
    assert [(c.change, c.action_id) for c in gone.changes] == [
        ("removed", i) for i in new_ids(plan)
    ]
