"""The Status cell read as the deck's RAG set, with the fill colour as a fallback and a check."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalise import CONSERVATIVE_ORDER, STATUS_LABELS, normalise_status


def test_the_deck_definitions():
    assert STATUS_LABELS == {
        "Red": "Not started",
        "Amber": "In progress",
        "Green": "Completed",
        "Blue": "Planned, not started",
    }


@pytest.mark.parametrize(
    ("word", "status", "codes"),
    [
        ("Blue", "Blue", []),
        ("amber", "Amber", []),
        (" GREEN ", "Green", []),
        ("Re d", "Red", []),
        ("G", "Green", ["status-variant"]),
        ("A", "Amber", ["status-variant"]),
        ("R", "Red", ["status-variant"]),
        ("B", "Blue", ["status-variant"]),
        ("Complete", "Green", ["status-variant"]),
        ("Completed", "Green", ["status-variant"]),
        ("In progress", "Amber", ["status-variant"]),
        ("Not started", "Red", ["status-variant"]),
        ("Planned, not started", "Blue", ["status-variant"]),
        ("Ambre", "Amber", ["status-variant"]),
        ("Green (complete)", "Green", ["status-variant"]),
        ("Amber/Green", "Amber", ["status-ambiguous"]),
        ("Green / Amber", "Amber", ["status-ambiguous"]),
        ("Red-Amber", "Red", ["status-ambiguous"]),
        ("Blue/Amber", "Blue", ["status-ambiguous"]),
        ("On hold", "On hold", ["status-unknown"]),
        ("Purple", "Purple", ["status-unknown"]),
    ],
)
def test_status_words(word, status, codes):
    got, label, warnings = normalise_status(word)
    assert got == status
    assert label == STATUS_LABELS.get(status, "")
    assert [w.code for w in warnings] == codes


def test_ambiguous_takes_the_more_conservative():
    assert CONSERVATIVE_ORDER == ("Red", "Blue", "Amber", "Green")


def test_missing_word_uses_the_fill_colour():
    assert normalise_status("", "amber")[:2] == ("Amber", "In progress")
    assert [w.code for w in normalise_status("", "Amber")[2]] == ["status-from-colour"]


def test_missing_word_and_colour():
    status, label, warnings = normalise_status("  ", "")
    assert (status, label, [w.code for w in warnings]) == ("", "", ["status-missing"])


def test_word_and_colour_disagree_keeps_the_word():
    status, _, warnings = normalise_status("Green", "Amber")
    assert status == "Green"
    assert [w.code for w in warnings] == ["status-colour-mismatch"]
    assert normalise_status("Green", "Green")[2] == ()


@given(st.text(max_size=30), st.text(max_size=10))
def test_never_raises_and_labels_only_rag(word, colour):
    status, label, _ = normalise_status(word, colour)
    assert (label != "") == (status in STATUS_LABELS)
