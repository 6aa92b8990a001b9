"""A change is a change of meaning (issue 16): the comparison keys and the typed details.

The actions are real sample actions (2024-Q4's plan.docx), re-rendered the way other
producers print the same words; a real change beside the rendering difference must survive.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

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
from normalise import parse_end
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
        ("launched - feedback", "launched -feedback"),  # a dash spaced on one side only
        ("launched - feedback", "launched- feedback"),
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
        ("a fall to -5%", "a fall to 5%"),  # a minus before a digit is kept
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


# --------------------------------------------------------------------------- properties

TEXT_FIELDS = ("action", "team", "success_measure", "progress_update")


@st.composite
def rerendered(draw, text: str) -> str:
    """`text` as another producer might print it: the same words, rendered differently."""
    words = text.split()
    if not words:
        return text
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(words) - 1))
        w = words[i]
        how = draw(st.sampled_from(["split", "join", "hyphen", "case", "bullet"]))
        if how == "split" and len(w) >= 2:  # a space inserted inside a word or URL
            k = draw(st.integers(1, len(w) - 1))
            words[i] = f"{w[:k]} {w[k:]}"
        elif how == "join" and i + 1 < len(words):  # a space dropped between two words
            words[i : i + 2] = [w + words[i + 1]]
        elif how == "hyphen" and len(w) >= 4 and w[:2].isalpha() and w[2:4].isalpha():
            words[i] = f"{w[:2]}- {w[2:]}"  # hyphenated at a line end
        elif how == "case" and i == 0:
            words[0] = w[:1].swapcase() + w[1:]
        elif how == "bullet" and i == 0:
            words[0] = "• " + w
    return " ".join(words)


SAMPLE = sample_actions("2024-Q4")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_rerendering_of_real_actions_is_no_change(data):
    i = data.draw(st.integers(0, len(SAMPLE) - 1))
    field = data.draw(st.sampled_from(TEXT_FIELDS))
    text = getattr(SAMPLE[i], field)
    new = list(SAMPLE)
    new[i] = replace(SAMPLE[i], **{field: data.draw(rerendered(text))})
    assert compare(SAMPLE, new).changes == ()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_replaced_word_beside_a_rerendering_is_found(data):
    i = data.draw(st.integers(0, len(SAMPLE) - 1))
    field = data.draw(st.sampled_from(TEXT_FIELDS))
    words = getattr(SAMPLE[i], field).split()
    assume(len(words) >= 3)
    k = data.draw(st.integers(0, len(words) - 1))
    assume(words[k].isalpha() and len(words[k]) > 2)
    words[k] = "zebra"  # a word no action uses
    new = list(SAMPLE)
    new[i] = replace(SAMPLE[i], **{field: data.draw(rerendered(" ".join(words)))})
    kinds = {c.change for c in compare(SAMPLE, new).changes}
    expected = {
        "action": "reworded",
        "team": "team_changed",
        "success_measure": "measure_changed",
        "progress_update": "progress_updated",
    }
    assert kinds == {expected[field]}


RESPELT_DATES = {
    "Jun-25": ["June 2025", "Jun 2025", "06/2025", "2025-06", "Jun- 25"],
    "Annually": ["Annual ly", "Annualy", "annually", "Review annually"],
    "Ongoing": ["On-going", "Ongoin g", "ongoing"],
}


@pytest.mark.parametrize(
    ("printed", "respelt"), [(p, r) for p, rs in RESPELT_DATES.items() for r in rs]
)
def test_a_respelt_end_read_by_normalise_is_no_change(printed, respelt):
    """Both spellings go through normalise's reader, as they would from two documents."""
    i = 0
    base = replace(SAMPLE[i], **_end_fields(printed))
    old = [base, *SAMPLE[1:]]
    new = [replace(base, **_end_fields(respelt)), *SAMPLE[1:]]
    assert compare(old, new).changes == ()
    slipped = [replace(base, **_end_fields("Sep-25")), *SAMPLE[1:]]
    assert [c.change for c in compare(old, slipped).changes] == ["end_changed"]


def _end_fields(text: str) -> dict[str, str]:
    parsed = parse_end(text)
    return {
        "end": text,
        "end_date": parsed.last,
        "end_kind": parsed.kind,
        "recurrence": parsed.recurrence,
    }
