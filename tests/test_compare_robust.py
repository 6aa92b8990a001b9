"""Matching holds when actions are shuffled, renumbered, reworded by a third, moved, or twinned."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from compare import compare
from normalise import Action
from tests.test_compare_helpers import PERIODS, sample_actions


def reword_third(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """Replace a third of the words (at least one) with other words from the plan."""
    words = text.split()
    k = max(1, round(len(words) / 3))
    for i in rng.sample(range(len(words)), k):
        choice = rng.choice(vocabulary)
        while choice.lower() == words[i].lower():
            choice = rng.choice(vocabulary)
        words[i] = choice
    return " ".join(words)


def perturb(
    actions: tuple[Action, ...], seed: int, move_every: int = 0
) -> tuple[list[Action], list[int]]:
    """Shuffled, renumbered, reworded copies; returns them and each one's original index.

    With move_every=n, every n-th action also moves to the next objective.
    """
    rng = random.Random(seed)
    vocabulary = sorted({w for a in actions for w in a.action.split()})
    objectives = sorted({(a.theme, a.objective) for a in actions})
    changed = []
    for k, a in enumerate(actions):
        theme, objective = a.theme, a.objective
        if move_every and k % move_every == 0:
            theme, objective = objectives[
                (objectives.index((theme, objective)) + 1) % len(objectives)
            ]
        changed.append(
            replace(
                a,
                theme=theme,
                objective=objective,
                ref=f"{objective}.{k + 40}",
                printed_no=f"{objective}.{k + 40}",
                action=reword_third(a.action, rng, vocabulary),
            )
        )
    order = list(range(len(actions)))
    rng.shuffle(order)
    return [changed[i] for i in order], order


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("period", PERIODS)
def test_shuffled_renumbered_reworded_third_all_match(period, seed):
    old = sample_actions(period)
    new, origin = perturb(old, seed)
    result = compare(old, new)
    assert len(result.matches) == len(old)
    assert {(m.new_index, m.old_index) for m in result.matches} == set(enumerate(origin))
    assert [c.change for c in result.changes if c.change in ("added", "removed")] == []
    # every action kept its identity and was reported reworded and renumbered
    assert result.new_ids == tuple(result.old_ids[i] for i in origin)
    assert sum(c.change == "reworded" for c in result.changes) == len(old)
    assert sum(c.change == "renumbered" for c in result.changes) == len(old)


@pytest.mark.parametrize("seed", range(3))
def test_also_moved_to_another_objective_still_match(seed):
    old = sample_actions("2024-Q4")
    new, origin = perturb(old, seed, move_every=4)
    result = compare(old, new)
    assert {(m.new_index, m.old_index) for m in result.matches} == set(enumerate(origin))
    moved = [c for c in result.changes if c.change == "moved"]
    assert len(moved) == len(range(0, len(old), 4))


def _by_ref(actions, ref):
    return next(i for i, a in enumerate(actions) if a.ref == ref)


def test_objective_3_and_4_twins_swapped_reworded_and_renumbered():
    """3.2 and 4.2 share opening words, team and dates; only the objective tells them apart."""
    old = sample_actions("2024-Q4")
    i3, i4 = _by_ref(old, "3.2"), _by_ref(old, "4.2")
    twin3 = replace(old[i3], ref="3.20", action=old[i3].action.replace("Develop and", "Write and"))
    twin4 = replace(old[i4], ref="4.20", action=old[i4].action.replace("Develop and", "Write and"))
    new = [twin4, twin3, *(a for k, a in enumerate(old) if k not in (i3, i4))]
    result = compare(old, new)
    pairs = {(m.new_index, m.old_index) for m in result.matches}
    assert (0, i4) in pairs and (1, i3) in pairs
    assert result.new_ids[0] == result.old_ids[i4]
    assert not [c for c in result.changes if c.change in ("added", "removed", "moved")]


def test_shared_team_dates_measure_and_progress_are_told_apart_by_text():
    """11.1 and 11.1#2 share team, dates, measure and progress; swapping their numbers must not
    swap their identities."""
    old = sample_actions("2024-Q4")
    a, b = _by_ref(old, "11.1"), _by_ref(old, "11.1#2")
    new = list(old)
    new[a], new[b] = replace(old[b], ref="11.1"), replace(old[a], ref="11.1#2")
    result = compare(old, new)
    pairs = {(m.new_index, m.old_index) for m in result.matches}
    assert (a, b) in pairs and (b, a) in pairs
    renumbered = sorted((c.ref_before, c.ref_after) for c in result.changes)
    assert renumbered == [("11.1", "11.1#2"), ("11.1#2", "11.1")]


def test_identical_texts_in_two_objectives_follow_their_objective():
    old = list(sample_actions("2024-Q4"))
    i, k = _by_ref(old, "1.3"), _by_ref(old, "9.2")
    same = "Review the policy and publish it on the EDI Hub."
    old[i], old[k] = replace(old[i], action=same), replace(old[k], action=same)
    new = [replace(a, ref=a.ref + "0") for a in reversed(old)]  # reorder and renumber all
    result = compare(old, new)
    n = len(old)
    assert {(m.new_index, m.old_index) for m in result.matches} == {
        (n - 1 - j, j) for j in range(n)
    }


def test_ambiguous_near_twins_are_flagged_for_review():
    old = list(sample_actions("2024-Q4"))
    i, k = _by_ref(old, "12.2"), _by_ref(old, "12.3")
    old[i] = replace(old[i], action="Publish guidance for managers on reasonable adjustments.")
    old[k] = replace(
        old[k],
        action="Publish guidance for staff on reasonable adjustments.",
        team=old[i].team,
        success_measure=old[i].success_measure,
    )
    # the new plan keeps one action that sits exactly between the two
    between = replace(old[i], action="Publish guidance for colleagues on reasonable adjustments.")
    new = [between if j == i else a for j, a in enumerate(old) if j != k]
    result = compare(old, new)
    flagged = [m for m in result.review if m.new_index == i]
    assert len(flagged) == 1 and flagged[0].review
    assert flagged[0].old_index in (i, k)
    assert all(m.review == (m in result.review) for m in result.matches)
    # everything else is certain
    assert len(result.review) == 1


def test_a_new_action_replacing_a_removed_one_in_its_slot_is_not_matched():
    q4, q1 = sample_actions("2024-Q4"), sample_actions("2025-Q1")
    old = list(q4)
    i = _by_ref(old, "5.7")
    newcomer = next(a for a in q1 if a.ref == "5.10")
    new = list(old)
    new[i] = replace(
        newcomer,
        ref=old[i].ref,
        team=old[i].team,
        theme=old[i].theme,
        objective=old[i].objective,
        success_measure=old[i].success_measure,
    )
    result = compare(old, new)
    kinds = sorted(
        c.change for c in result.changes if c.ref_before == "5.7" or c.ref_after == "5.7"
    )
    assert kinds == ["added", "removed"]
    assert result.new_ids[i] not in result.old_ids
