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


def test_a_stitched_row_keeps_both_parts_of_an_unknown_column() -> None:
    from ingest.rows import Cell, TableRow, merge_rows
    from ingest.textjoin import Line

    empty = tuple(Cell() for _ in range(8))
    upper = TableRow("cells", cells=empty, extra=(("Lead officer", Cell((Line("J."),))),))
    lower_extra = (("Lead officer", Cell((Line("Patel"),))), ("Notes", Cell.of("x")))
    lower = TableRow("cells", cells=empty, extra=lower_extra)
    merged = merge_rows(upper, lower)
    assert [(h, c.text) for h, c in merged.extra] == [("Lead officer", "J. Patel"), ("Notes", "x")]


def test_a_second_header_row_under_a_merged_cell_is_folded_in() -> None:
    from ingest.grid import GridCell, GridRow, sub_header

    def cell(start: int, text: str, span: int = 1, cont: bool = False) -> GridCell:
        return GridCell(start, span, text, "", cont)

    header = GridRow(0, (cell(0, "Ref"), cell(1, "Indicator"), cell(2, "Performance", 2)))
    subs = GridRow(1, (cell(0, "", cont=True), cell(1, "", cont=True), cell(2, "Actual"),
                       cell(3, "RAG")))  # fmt: skip
    folded = sub_header(header, subs)
    assert folded is not None
    assert [c.text for c in folded.cells] == ["Ref", "Indicator", "Performance - Actual", "RAG"]
    data = GridRow(2, (cell(0, "KPI 1"), cell(1, "Staff declaring"), cell(2, "6%"), cell(3, "Red")))
    assert sub_header(header, data) is None  # a data row is never a header


def test_a_group_title_naming_a_field_gives_it_to_its_first_sub_column() -> None:
    from ingest.columns import group_names

    texts, own = group_names("RAG rating", ["Latest", "Previous"])
    assert texts == ["RAG rating - Latest", "RAG rating - Previous"]
    named = name_columns(["Indicator", *texts, "DoT"], aliases=own)
    assert named == {
        0: "action",
        1: "status",
        2: "extra:RAG rating - Previous",
        3: "extra:DoT",
    }
    # a sub-column naming a field itself keeps it; the title names the others
    assert group_names("Performance", ["Actual", "RAG"]) == (["Performance - Actual", "RAG"], [])


def test_a_pdf_sub_header_row_sits_under_a_wider_header_cell() -> None:
    from ingest.pdf.page import group_parents

    header = [(0, 50), (50, 100), (100, 200)]  # the last cell is merged over two columns
    subs = [(0, 50), (50, 100), (100, 150), (150, 200)]
    assert group_parents(header, subs, [False, False, True, True]) == [2, 2]
    assert group_parents(header, subs, [True, False, True, True]) is None  # "KPI 1": data
    same = [(0, 50), (50, 100), (100, 200)]  # the same columns as the header: a data row
    assert group_parents(header, same, [False, False, True]) is None
