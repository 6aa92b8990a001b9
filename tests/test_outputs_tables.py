"""Snapshot tables: column order, CSV with BOM, Parquet/CSV round trips, Excel fills."""

from __future__ import annotations

import dataclasses
import string
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import outputs
from compare import compare
from normalise import Action, ActionWarning
from outputs.snapshot import format_pages, parse_pages
from tests.test_outputs_report import truth_actions

EXPECTED_COLUMNS = [
    "period", "action_id", "theme", "theme_title", "objective", "objective_title",
    "printed_no", "ref", "action", "team", "start", "end", "start_date", "end_date",
    "end_kind", "recurrence", "success_measure", "status", "status_label",
    "progress_update", "source_file", "pages", "warnings",
]  # fmt: skip


def test_snapshot_columns_in_documented_order() -> None:
    actions, ids = truth_actions()
    frame = outputs.snapshot_frame(actions, ids, "2024-Q4")
    assert list(frame.columns) == EXPECTED_COLUMNS
    assert len(frame) == len(actions)
    assert set(frame["period"]) == {"2024-Q4"}
    assert list(frame["action_id"]) == ids


def test_pages_and_warnings_are_readable_cells() -> None:
    assert format_pages((3, 4)) == "3-4"
    assert format_pages((3, 5)) == "3;5"
    assert format_pages((2, 3, 4, 9)) == "2-4;9"
    assert parse_pages("2-4;9") == (2, 3, 4, 9)
    a = Action(
        *[""] * 5, ref="1.1", action="x", team="", start="", end="", start_date="",
        end_date="", end_kind="", recurrence="", success_measure="", status="Blue",
        status_label="Planned, not started", progress_update="", source_file="p.pdf",
        pages=(3, 4),
        warnings=(ActionWarning("end-before-start", "ends Dec-24, starts Jan-25"),
                  ActionWarning("status-unknown", "status 'Purple'")),
    )  # fmt: skip
    row = outputs.snapshot_frame([a], ["X1"], "2025-Q1").iloc[0]
    assert row["pages"] == "3-4"
    assert row["warnings"] == (
        "end-before-start: ends Dec-24, starts Jan-25; status-unknown: status 'Purple'"
    )
    back, _, _ = outputs.actions_from_frame(outputs.snapshot_frame([a], ["X1"], "2025-Q1"))
    assert [w.code for w in back[0].warnings] == ["end-before-start", "status-unknown"]


def test_csv_starts_with_bom_and_keeps_unicode(tmp_path: Path) -> None:
    actions, ids = truth_actions()
    path = outputs.write_table(outputs.snapshot_frame(actions, ids, "2024-Q4"), tmp_path / "s.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfperiod,action_id,")
    assert "–".encode() in raw  # the en dash in Theme C's title survives


def test_parquet_and_csv_round_trip_truth(tmp_path: Path) -> None:
    actions, ids = truth_actions()
    frame = outputs.snapshot_frame(actions, ids, "2024-Q4")
    for suffix in (".csv", ".parquet"):
        path = outputs.write_table(frame, tmp_path / f"s{suffix}")
        back, back_ids, period = outputs.read_snapshot(path)
        assert period == "2024-Q4" and back_ids == ids
        assert [(a.ref, a.action, a.status, a.pages) for a in back] == [
            (a.ref, a.action, a.status, a.pages) for a in actions
        ]
        assert back == actions  # every compared field survives


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\n\x00")
    | st.sampled_from([*string.punctuation, "–", "’", "é", " "]),
    max_size=40,
)


@st.composite
def _frames(draw) -> pd.DataFrame:
    n = draw(st.integers(min_value=0, max_value=5))
    rows = []
    for _ in range(n):
        row = {c: draw(_text) for c in EXPECTED_COLUMNS}
        rows.append(row)
    return pd.DataFrame(rows, columns=EXPECTED_COLUMNS).astype("string")


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(frame=_frames())
def test_any_table_round_trips_through_csv_and_parquet(tmp_path: Path, frame: pd.DataFrame) -> None:
    for suffix in (".csv", ".parquet"):
        path = outputs.write_table(frame, tmp_path / f"t{suffix}")
        back = outputs.read_table(path).astype("string").fillna("")
        pd.testing.assert_frame_equal(back, frame.fillna(""), check_dtype=False)


def test_xlsx_status_fills_frozen_header_and_widths(tmp_path: Path) -> None:
    actions, ids = truth_actions()
    path = outputs.write_table(outputs.snapshot_frame(actions, ids, "2024-Q4"), tmp_path / "s.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == EXPECTED_COLUMNS
    col = header.index("status") + 1
    seen = set()
    for row in range(2, ws.max_row + 1):
        cell = ws.cell(row=row, column=col)
        if cell.value in outputs.RAG_FILL:
            assert cell.fill.fgColor.rgb == "FF" + outputs.RAG_FILL[cell.value]
            seen.add(cell.value)
        else:
            assert cell.fill.fill_type is None
    assert {"Amber", "Green", "Blue"} <= seen
    action_col = openpyxl.utils.get_column_letter(header.index("action") + 1)
    assert ws.column_dimensions[action_col].width == 60
    assert ws.cell(row=2, column=header.index("action") + 1).alignment.wrap_text


def test_unsupported_suffix_and_foreign_csv_are_refused(tmp_path: Path) -> None:
    frame = outputs.snapshot_frame(*truth_actions(), "2024-Q4")
    with pytest.raises(outputs.UnsupportedTableFormat, match=r"use one of \.csv, \.parquet"):
        outputs.write_table(frame, tmp_path / "s.json")
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(outputs.SnapshotFormatError, match="missing column"):
        outputs.read_snapshot(other)


def test_changes_csv_columns_and_bom(tmp_path: Path) -> None:
    old, ids = truth_actions()
    assert (old[0].ref, old[0].status) == ("1.1", "Blue")
    new = [dataclasses.replace(old[0], status="Amber"), *old[1:]]
    comparison = compare(old, new, old_ids=ids)
    path = outputs.write_changes_csv(comparison, tmp_path / "changes.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfchange,action_id,ref_before,ref_after,before,after,detail")
    back = outputs.read_table(path)
    assert back.iloc[0].tolist() == [
        "status_changed",
        "A01",
        "1.1",
        "1.1",
        "Blue",
        "Amber",
        "progressed: Blue -> Amber",
    ]
