"""The header vocabulary: every name a published plan prints maps to its field, one-to-one,
and the names that only look alike ("Lead officer", "Shared Outcome") do not."""

from __future__ import annotations

import pytest

from ingest.columns import (
    is_period_header,
    map_columns,
    missing_required,
    name_columns,
)

VOCABULARY: dict[str, tuple[str, ...]] = {
    "printed_no": ("No.", "Ref", "Item No.", "#", "ID", "Reference", "Risk ID"),
    "action": (
        "Action",
        "Actions",
        "What we will do",
        "What we have committed to",
        "Commitment",
        "Description",
        "Activity",
        "Risk title",
    ),
    "team": (
        "Team responsible",
        "Lead",
        "Led by",
        "Lead officer",
        "Owner",
        "Responsible officer",
        "Person responsible",
        "Service",
        "Risk owner",
    ),
    "start": ("Start", "Start date"),
    "end": (
        "End",
        "Due",
        "Due date",
        "Deadline",
        "Target date",
        "Completion date",
        "By when",
        "Timescale",
        "Timeframe",
        "When",
    ),
    "success_measure": (
        "Success measure and key outputs",
        "Success measures",
        "Measures of success",
        "Measure",
        "KPI",
        "Outcome",
        "Output",
        "Key outputs",
    ),
    "status": ("Status", "RAG", "RAG rating", "RAG status", "BRAG", "Progress status"),
    "progress_update": (
        "Progress update",
        "Progress log",
        "Update",
        "Comments",
        "Commentary",
        "Narrative",
        "Q1 2025/26 update",
        "Update – Jan 2025",
        "Update - January 2025",
        "Progress at 31 March",
        "Q3 update",
        "Position at end of Q2",
    ),
}


@pytest.mark.parametrize(("field", "header"), [(f, h) for f, hs in VOCABULARY.items() for h in hs])
def test_each_printed_name_maps_to_its_field(field: str, header: str) -> None:
    assert map_columns([header]) == {0: field}
    # and in a whole header row beside the action column, still one-to-one
    if field != "action":
        assert map_columns(["What we will do", header]) == {0: "action", 1: field}


@pytest.mark.parametrize(
    "header", ["Shared Outcome", "Likelihood", "Impact", "Risk score", "Exposure", "Notes"]
)
def test_false_friends_stay_unknown(header: str) -> None:
    assert map_columns([header]) == {}


def test_lead_officer_beside_team_is_kept_as_extra_not_action() -> None:
    headers = ["No.", "Action", "Team responsible", "Lead officer", "Status"]
    named = name_columns(headers)
    assert named == {
        0: "printed_no",
        1: "action",
        2: "team",
        3: "extra:Lead officer",
        4: "status",
    }


def test_kent_header_names_every_column() -> None:
    headers = ["What we have committed to", "Led by", "Timescale", "Measure", "Shared Outcome"]
    assert name_columns(headers) == {
        0: "action",
        1: "team",
        2: "end",
        3: "success_measure",
        4: "extra:Shared Outcome",
    }
    assert is_period_header("Timescale") and not is_period_header("End date")


def test_only_the_action_is_required() -> None:
    assert missing_required(map_columns(["Ref", "Action", "Status"])) == []
    assert missing_required(map_columns(["Ref", "Lead officer", "Status"])) == ["Action"]


def test_unknown_headers_printed_alike_are_told_apart() -> None:
    named = name_columns(["Action", "Notes", "Notes", ""])
    assert named == {0: "action", 1: "extra:Notes", 2: "extra:Notes (2)"}
