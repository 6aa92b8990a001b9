"""Every change between successive sample versions, against the samples' truth change lists."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from compare import CHANGE_KINDS, TABLE_COLUMNS, changes_table, compare
from tests.test_compare_helpers import PERIODS, sample_actions, sample_uids, truth_changes

PAIRS = list(pairwise(PERIODS))


def keyed(rows):
    """(change, ref_before, ref_after, before, after): what identifies one change and its values."""
    return Counter(
        (r["change"], r["ref_before"], r["ref_after"], r["before"], r["after"]) for r in rows
    )


@pytest.mark.parametrize(
    "producer",
    [
        "plan.docx",
        "plan-onetable.docx",
        pytest.param("plan-libreoffice.pdf", marks=pytest.mark.slow),
    ],
)
@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_precision_and_recall_are_one_for_every_change_kind(old, new, producer):
    result = compare(sample_actions(old, producer), sample_actions(new, producer))
    mine = keyed(changes_table(result))
    truth = keyed(truth_changes(old, new))
    assert truth, "the truth lists changes"
    for kind in CHANGE_KINDS:
        got = Counter({k: n for k, n in mine.items() if k[0] == kind})
        want = Counter({k: n for k, n in truth.items() if k[0] == kind})
        hits = sum((got & want).values())
        precision = hits / sum(got.values()) if got else 1.0
        recall = hits / sum(want.values()) if want else 1.0
        assert (kind, precision, recall) == (kind, 1.0, 1.0), (got - want, want - got)


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_matches_follow_the_true_identities(old, new):
    old_uids, new_uids = sample_uids(old), sample_uids(new)
    result = compare(sample_actions(old), sample_actions(new))
    got = {(old_uids[m.old_index], new_uids[m.new_index]) for m in result.matches}
    want = {(u, u) for u in set(old_uids) & set(new_uids)}
    assert got == want
    assert result.review == ()


def test_identities_carry_across_three_quarters():
    q4, q1, q2 = (sample_actions(p) for p in PERIODS)
    first = compare(q4, q1)
    second = compare(q1, q2, old_ids=first.new_ids)
    uid_id = {}
    for period, ids in (
        (PERIODS[0], first.old_ids),
        (PERIODS[1], first.new_ids),
        (PERIODS[2], second.new_ids),
    ):
        for uid, action_id in zip(sample_uids(period), ids, strict=True):
            assert uid_id.setdefault(uid, action_id) == action_id
    assert len(set(uid_id.values())) == len(uid_id)  # one id per action, never reused
    assert first.old_ids[0] == "ACT-0001" and max(uid_id.values()) == "ACT-0087"


def test_changes_table_has_the_changes_csv_columns():
    result = compare(sample_actions(PERIODS[0]), sample_actions(PERIODS[1]))
    rows = changes_table(result)
    assert len(rows) == len(result.changes)
    assert all(tuple(r) == TABLE_COLUMNS for r in rows)
    slipped = [r for r in rows if r["change"] == "end_changed" and r["ref_after"] == "1.5"]
    assert slipped[0]["detail"] == "Jun-25 -> Sep-25: slipped 3 months"


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_changes_come_in_document_order_like_the_truth(old, new):
    """Matched and added actions in new-document order, removed ones last."""
    result = compare(sample_actions(old), sample_actions(new))
    fields = ("change", "ref_before", "ref_after")
    mine = [tuple(r[f] for f in fields) for r in changes_table(result)]
    assert mine == [tuple(r[f] for f in fields) for r in truth_changes(old, new)]
