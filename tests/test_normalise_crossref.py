"""Cross-reference rows are flagged, not counted (issue 16): the seed's 4.1 and its kind."""

from __future__ import annotations

import pytest

from normalise import WARNING_CODES, WARNING_LEVELS
from normalise.crossref import is_cross_reference


@pytest.mark.parametrize(
    "text",
    [
        "Equality Impact Assessments – see objective 12",
        "Equality Impact Assessments - see Objective 12",
        "Staff networks (see also action 3.2)",
        "Accessible communications: refer to objective 9",
        "Covered under section 4",
    ],
)
def test_a_status_less_pointer_is_a_cross_reference(text):
    assert is_cross_reference(text, "", "", "", "", "")


@pytest.mark.parametrize(
    ("text", "status", "cells"),
    [
        ("Equality Impact Assessments – see objective 12", "Amber", ("", "", "", "")),
        ("Publish guidance (see objective 12)", "", ("EDI Team", "", "", "")),
        ("Publish guidance (see objective 12)", "", ("", "Jan-25", "Mar-25", "")),
        ("Publish guidance (see objective 12)", "", ("", "", "", "Guidance published")),
        ("Review the EDI policy", "", ("", "", "", "")),  # missing status, not a pointer
        ("We will see improvements in objectives", "", ("", "", "", "")),
    ],
)
def test_an_action_with_its_own_cells_or_no_pointer_is_not(text, status, cells):
    assert not is_cross_reference(text, status, *cells)


def test_the_code_is_documented_as_info():
    assert "not counted in the RAG totals" in WARNING_CODES["cross-reference"]
    assert WARNING_LEVELS["cross-reference"] == "info"
