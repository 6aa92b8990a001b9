"""changes.xlsx and the store's snapshot .xlsx read back with openpyxl: every cell text, RAG
fills, frozen headers, filters, print settings, and the same rows as the run's other outputs.
Built from real runs of the committed DOCX samples."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

import outputs
from outputs.rag import RAG_FILL, RAG_ORDER
from outputs.report import theme_name
from outputs.workbook import SHEETS, changes_workbook
from tests._forum_runs import sample_store, snapshot_rows
from tests.test_outputs_report import truth_actions

STRING_TYPES = {"s", "inlineStr"}


def header(ws) -> list[str]:
    return [c.value for c in ws[1]]


def records(ws) -> list[dict[str, str]]:
    names = header(ws)
    return [
        {n: ("" if v is None else v) for n, v in zip(names, row, strict=True)}
        for row in ws.iter_rows(min_row=2, values_only=True)
    ]


@pytest.mark.slow
def test_text_that_looks_like_a_formula_or_number_stays_text(tmp_path: Path) -> None:
    actions, ids = truth_actions("2025-Q2")
    actions[0] = dataclasses.replace(actions[0], action='=HYPERLINK("http://x.example","click")')
    report = outputs.build_report(actions, ids, "2025-Q2")
    path = tmp_path / "changes.xlsx"
    changes_workbook(report, actions, ids).save(path)
    ws = openpyxl.load_workbook(path)["Snapshot"]
    cells = {c.value: c.data_type for row in ws.iter_rows() for c in row if c.value}
    assert cells['=HYPERLINK("http://x.example","click")'] == "s"
    assert cells["3.10"] == "s", "a ref stays 3.10, not the number 3.1"
    assert all(t in STRING_TYPES for t in cells.values())


@pytest.fixture(scope="module")
def store() -> Path:
    return sample_store()[0]


@pytest.fixture(scope="module")
def book(store: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(store / "reports" / "2025-Q2" / "changes.xlsx")


@pytest.mark.slow
def test_one_sheet_per_section_then_changes_and_snapshot(book) -> None:
    assert book.sheetnames == list(SHEETS)


@pytest.mark.slow
def test_every_cell_is_text_and_every_sheet_is_printable(book) -> None:
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type in STRING_TYPES, (ws.title, c.coordinate, c.data_type)
                assert c.value is None or isinstance(c.value, str)
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert ws.page_setup.orientation == "landscape"
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4  # 9: A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1", "the header repeats on every printed page"


@pytest.mark.slow
def test_snapshot_sheet_matches_the_csv_with_rag_fills(store: Path, book) -> None:
    csv_rows = snapshot_rows(store, "2025-Q2")
    for ws in (
        book["Snapshot"],
        openpyxl.load_workbook(store / "snapshots" / "2025-Q2.xlsx").active,
    ):
        assert header(ws) == list(outputs.SNAPSHOT_COLUMNS)
        assert records(ws) == csv_rows
        status_col = header(ws).index("status")
        for row in ws.iter_rows(min_row=2):
            cell = row[status_col]
            if cell.value in RAG_FILL:
                assert cell.fill.fgColor.rgb == "FF" + RAG_FILL[cell.value]
    assert "3.10" in {r["ref"] for r in csv_rows}


@pytest.mark.slow
def test_sections_agree_with_the_snapshot_and_the_report(store: Path, book) -> None:
    rows = snapshot_rows(store, "2025-Q2")
    summary = records(book["RAG summary"])
    for key, name in {r["theme"]: theme_name(r["theme"], r["theme_title"]) for r in rows}.items():
        want = Counter(  # cross-reference rows stay in the snapshot but are not counted
            r["status"]
            for r in rows
            if r["theme"] == key and "cross-reference" not in r["warnings"]
        )
        got = {r["Colour rating"]: r["Number of actions 2025-Q2"] for r in summary
               if r["Theme"] == name}  # fmt: skip
        assert all(got[s] == str(want[s]) for s in RAG_ORDER), name
        assert got["Total"] == str(sum(want.values()))
    changes = outputs.read_table(store / "reports" / "2025-Q2" / "changes.csv")
    assert len(records(book["All changes"])) == len(changes)
    # the report names the longest-stalled few; the workbook has all of them
    md = (store / "reports" / "2025-Q2" / "report.md").read_text(encoding="utf-8")
    stalled = int(re.search(r"### Stalled \((\d+)\)", md).group(1))
    assert len(records(book["Stalled"])) == stalled > 5
    overdue = [r for r in rows if r["end_date"] and r["end_date"] < "2025-06-30"]
    assert len(records(book["Overdue"])) == sum(r["status"] != "Green" for r in overdue)
    for r in records(book["Overdue"]):
        assert "#" not in r["Number"]
    fills = {
        c.value: c.fill.fgColor.rgb for row in book["Overdue"].iter_rows(min_row=2) for c in row
    }
    assert fills["Amber"] == "FF" + RAG_FILL["Amber"]
