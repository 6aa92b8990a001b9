"""A change is a change of meaning (issue 16): the comparison keys and the typed details.

The actions are real sample actions (2024-Q4's plan.docx), re-rendered the way other
producers print the same words; a real change beside the rendering difference must survive.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from compare import (
    DateDetail,
    ProgressDetail,
    StatusDetail,
    WordsDetail,
    compare,
    date_reading,
    diff_words,
    progress_detail,
    status_value,
    text_key,
)
from tests.test_compare_helpers import sample_actions


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("See the Site Pages guidance", "See the SitePages guidance"),  # space inserted in a word
        ("https://intranet/sites/ EDI/Pages", "https://intranet/sites/EDI/Pages"),  # in a URL
        ("Review the recruit- ment policy", "Review the recruitment policy"),  # line-end hyphen
        ("Review the recruit-ment policy", "Review the recruitment policy"),
        ("• Train managers • Publish data", "Train managers - Publish data"),  # bullet glyphs
        ("● Train managers", "▪ Train managers"),
        ("Deliver training", "deliver training"),  # case of the first letter
        ("• Train managers • publish data", "train managers • Publish data"),  # of each item
        ("Staff’s “voice”", 'Staff\'s "voice"'),  # typographic quotes
        ("Impact Assessments – see objective 12", "Impact Assessments - see objective 12"),
        ("oﬃce", "office"),  # a ligature (NFKC)
        ("co\u00adordinate", "coordinate"),  # soft hyphen
    ],
)
def test_rendering_differences_have_one_key(a, b):
    assert text_key(a) == text_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Deliver training", "Deliver more training"),
        ("Review the policy", "Review the policies"),
        ("Publish data in May", "Publish data in June"),
        ("2024-2027", "20242027"),  # a hyphen between digits is kept
        ("Deliver the BAME plan", "Deliver the bame plan"),  # case beyond the first letter
    ],
)
def test_real_differences_keep_different_keys(a, b):
    assert text_key(a) != text_key(b)


def test_statuses_compare_by_rag_value():
    assert status_value("Green") == "Green"
    assert status_value("On hold") == status_value("on  hold")
    assert status_value("Green") != status_value("Amber")


def _sample(ref: str):
    actions = sample_actions("2024-Q4")
    return actions, next(i for i, a in enumerate(actions) if a.ref == ref)


def _compare_with(ref: str, **changes):
    old, i = _sample(ref)
    new = list(old)
    new[i] = replace(old[i], **changes)
    return old[i], compare(old, new)


def test_a_respelt_recurrence_is_no_change_but_a_real_slip_is():
    old, i = _sample("2.7")
    assert (old[i].end, old[i].end_kind, old[i].recurrence) == ("Annual ly", "recurring", "annual")
    _, result = _compare_with("2.7", end="Annually")
    assert result.changes == ()
    a, result = _compare_with("1.5", end="June 2025")  # Jun-25 respelt: same month
    assert a.end == "Jun-25" and result.changes == ()
    _, result = _compare_with("1.5", end="Sep-25", end_date="2025-09-30")
    (change,) = result.changes
    assert change.change == "end_changed"
    assert isinstance(change.info, DateDetail)
    assert (change.info.months, change.info.direction) == (3, "slipped")
    assert change.detail == "Jun-25 -> Sep-25: slipped 3 months"


def test_an_end_that_becomes_ongoing_is_a_change_of_kind():
    a, result = _compare_with("1.5", end="Ongoing", end_date="", end_kind="ongoing")
    (change,) = result.changes
    assert (change.info.kind_before, change.info.kind_after) == ("date", "ongoing")
    assert change.info.months is None and change.info.direction == "changed"
    assert date_reading(a, "end") == ("date", "2025-06-30", "")


def test_unreadable_dates_fall_back_to_their_text():
    actions, i = _sample("1.5")
    action = actions[i]
    tbc = replace(action, end="TBC", end_date="", end_kind="unknown")
    assert date_reading(tbc, "end") != date_reading(replace(tbc, end="Awaiting review"), "end")
    assert date_reading(tbc, "end") == date_reading(replace(tbc, end="tbc"), "end")


def test_rendering_differences_in_text_cells_are_no_change():
    a, result = _compare_with("1.1")
    assert result.changes == ()
    rerendered = {
        "action": a.action.replace(" ", "  ").replace("the", "th e", 1),
        "team": a.team[:1].lower() + a.team[1:],
        "progress_update": a.progress_update.replace(". ", ".\n• ", 1),
    }
    _, result = _compare_with("1.1", **rerendered)
    assert result.changes == ()


def test_a_real_rewording_beside_a_rendering_difference_shows_only_the_rewording():
    actions, i = _sample("1.1")
    action = actions[i]
    words = action.action.split()
    split_word = words[3][:2] + " " + words[3][2:]  # rendered with a space inside a word
    text = " ".join([*words[:3], split_word, *words[4:], "by March"])
    _, result = _compare_with("1.1", action=text)
    (change,) = result.changes
    assert change.change == "reworded" and isinstance(change.info, WordsDetail)
    inserted = [s.text for s in change.info.segments if s.kind == "ins"]
    deleted = [s.text for s in change.info.segments if s.kind == "del"]
    assert (inserted, deleted) == (["by March"], [])


def test_diff_words_treats_a_respaced_run_as_equal():
    ops = diff_words("See the Site Pages list", "See the SitePages list now")
    assert ops == (("equal", "See the SitePages list"), ("insert", "now"))


def test_blue_to_red_is_a_regression_everywhere():
    _, result = _compare_with("1.1", status="Red")  # 1.1 is Blue in 2024-Q4
    (change,) = result.changes
    assert isinstance(change.info, StatusDetail)
    assert (change.info.before, change.info.direction, change.info.milestone) == (
        "Blue",
        "regressed",
        "",
    )
    assert change.detail == "regressed: Blue -> Red"


def test_progress_detail_lists_the_added_sentences():
    d = progress_detail("Draft ready.", "Draft ready. Sent to Legal. Approved in May.")
    assert d == ProgressDetail(
        "appended", "Sent to Legal. Approved in May.", ("Sent to Legal.", "Approved in May.")
    )
    d = progress_detail("See the Site Pages. Draft ready.", "See the SitePages. Draft ready. Done.")
    assert (d.mode, d.sentences) == ("appended", ("Done.",))
    d = progress_detail("Old line. Draft ready.", "Sent to Legal. Draft ready.")
    assert (d.mode, d.sentences, d.removed) == ("rewritten", ("Sent to Legal.",), ("Old line.",))
    d = progress_detail("One. Two.", "One.")
    assert (d.mode, d.sentences, d.removed) == ("edited", (), ("Two.",))
    assert progress_detail("Something.", "").mode == "cleared"


def test_a_corrected_printed_number_is_a_note_not_a_renumbering():
    old = sample_actions("2024-Q4")
    i = next(k for k, a in enumerate(old) if a.ref == "3.10")
    assert old[i].printed_no == "3.1"  # the seed's duplicate, repaired by normalise
    new = list(old)
    new[i] = replace(old[i], printed_no="3.10")
    result = compare(old, new)
    assert result.changes == ()
    (note,) = result.notes
    assert (note.code, note.ref, note.before, note.after) == (
        "printed-number-corrected",
        "3.10",
        "3.1",
        "3.10",
    )


def test_the_comparison_is_json_with_every_typed_detail():
    result = compare(sample_actions("2024-Q4"), sample_actions("2025-Q1"))
    data = json.loads(json.dumps(result.to_json()))
    assert len(data["changes"]) == len(result.changes)
    for row, change in zip(data["changes"], result.changes, strict=True):
        assert row["detail"] == change.detail
        assert row["info"]["type"] == change.info.type
    slip = next(r for r in data["changes"] if r["change"] == "end_changed")
    assert slip["info"]["months"] > 0 and slip["info"]["direction"] == "slipped"
    assert {r["info"]["type"] for r in data["changes"]} >= {"status", "words", "date", "progress"}
