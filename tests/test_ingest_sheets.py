"""The plan kept as a spreadsheet: `samples/sheets/<period>/plan.{xlsx,ods,csv}` read like the
documents, diff like them, and the readers' pure parts (printed number formats, sniffing)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

import ingest
from ingest import read_plan
from ingest.sheets.csvfile import dialect_of
from ingest.sheets.numfmt import printed
from ingest.sniff import detect_kind
from plantrack.cli import main
from tests.test_ingest_samples import FIELDS, _id, collapse, plan_of, truth_of

ROOT = Path(__file__).resolve().parent.parent
SHEETS = ROOT / "samples" / "sheets"
SAMPLES = sorted(SHEETS.glob("20*/plan.*"))


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_samples_are_present():
    assert {p.suffix for p in SAMPLES} == {".xlsx", ".ods", ".csv"}
    assert {p.parent.name for p in SAMPLES if p.suffix == ".xlsx"} == {"2025-Q1", "2025-Q2"}


def test_the_xlsx_samples_type_what_excel_types():
    """Dates and numbers are typed cells with a number format, not text (else the reader's
    printing would go untested), themes are merged rows, Status cells are filled."""
    for period in ("2025-Q1", "2025-Q2"):
        wb = openpyxl.load_workbook(SHEETS / period / "plan.xlsx")
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        dates = [c for c in cells if isinstance(c.value, dt.datetime)]
        assert dates and {c.number_format for c in dates} == {"mmm-yy"}
        assert any(isinstance(c.value, float) and c.number_format == "0.00" for c in cells)
        assert any(isinstance(c.value, int) for c in cells)  # years such as 2025
        assert all(ws.merged_cells.ranges for ws in wb.worksheets if ws.title != "Key")
        kinds = {c.fill.fgColor.type for c in cells if c.column == 7 and c.fill.fill_type}
        assert {"rgb", "theme"} <= kinds
    assert len(openpyxl.load_workbook(SHEETS / "2025-Q1" / "plan.xlsx").worksheets) == 4


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_kind_is_judged_by_content(path, tmp_path):
    renamed = tmp_path / "plan.bin"
    renamed.write_bytes(path.read_bytes())
    assert detect_kind(renamed) == path.suffix[1:]
    assert len(read_plan(renamed).actions) == len(truth_of(path.parent.name))


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_every_field_of_every_action_equals_truth(path):
    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    assert plan.kind == path.suffix[1:]
    assert len(plan.actions) == len(truth)
    wrong = [
        (a.seq, f, getattr(a, f), t[f])
        for a, t in zip(plan.actions, truth, strict=True)
        for f in FIELDS
        if collapse(getattr(a, f)) != collapse(t[f])
    ]
    assert wrong == []


@pytest.mark.parametrize("path", [p for p in SAMPLES if p.suffix != ".csv"], ids=_id)
def test_status_fills_read_as_their_rag_colour(path):
    """RGB fills and theme colours with a tint (XLSX), and the ODS Calc made of them."""
    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    got = [a.status_colour for a, t in zip(plan.actions, truth, strict=True) if t["status"]]
    assert got == [t["status"] for t in truth if t["status"]]


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_provenance_is_sheet_and_row_number(path):
    plan = plan_of(path)
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path)
    for a in plan.actions:
        prov = a.provenance
        assert prov.file == str(path) and prov.pages == () and len(prov.rows) == 1
        assert prov.sheet
        if path.suffix == ".xlsx":
            row = prov.rows[0]
            action = wb[prov.sheet].cell(row=row, column=2).value
            assert collapse(str(action)) == collapse(a.action)
    sheets = {a.provenance.sheet for a in plan.actions}
    if path.parent.name == "2025-Q1":
        assert sheets == {"Theme A", "Theme B", "Theme C"}  # the Key sheet is not a plan


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_conserved_and_extract_exits_0_without_allow_loss(path, tmp_path):
    assert ingest.check_conservation(plan_of(path), path) == []
    code, _, err = run_cli("extract", path, "-o", tmp_path / "out.csv")
    assert (code, err) == (0, "")


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_conservation_catches_a_dropped_row(path):
    plan = plan_of(path)
    dropped = plan.actions[30]
    bad = replace(plan, actions=plan.actions[:30] + plan.actions[31:])
    losses = ingest.check_conservation(bad, path)
    assert losses and {x.kind for x in losses} == {"lost"}
    assert {x.text for x in losses} <= set(
        " ".join(getattr(dropped, c) for c in ingest.COLUMNS).split()
    )
    assert all(f"row {dropped.provenance.rows[0]}" in x.where for x in losses)


def test_conservation_catches_invented_text():
    path = SHEETS / "2025-Q2" / "plan.xlsx"
    plan = plan_of(path)
    a = replace(plan.actions[0], team=plan.actions[0].team + " Finance")
    losses = ingest.check_conservation(replace(plan, actions=(a, *plan.actions[1:])), path)
    assert [(x.kind, x.text) for x in losses] == [("extra", "Finance")]


def keyed(path: Path) -> Counter:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return Counter(
            (r["change"], r["ref_before"], r["ref_after"], r["before"], r["after"])
            for r in csv.DictReader(fh)
        )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("old", "new"),
    [("2025-Q1/plan.xlsx", "2025-Q2/plan.xlsx"), ("2025-Q1/plan.ods", "2025-Q2/plan.csv")],
)
def test_diff_of_two_spreadsheet_quarters_gives_the_true_changes(old, new, tmp_path):
    code, _, err = run_cli("diff", SHEETS / old, SHEETS / new, "-o", tmp_path)
    assert (code, err) == (0, "")
    assert keyed(tmp_path / "changes.csv") == keyed(
        ROOT / "samples" / "truth" / "changes_2025-Q1_2025-Q2.csv"
    )


@pytest.mark.slow
def test_run_stores_a_spreadsheet_quarter(tmp_path):
    store = tmp_path / "store"
    for period in ("2025-Q1", "2025-Q2"):
        code, _, err = run_cli(
            "run", SHEETS / period / "plan.xlsx", "--period", period, "--store", store
        )
        assert (code, err) == (0, "")
    assert (store / "reports" / "2025-Q2" / "changes.csv").is_file()


# --------------------------------------------------------------------------- pure parts


@pytest.mark.parametrize(
    ("value", "fmt", "text"),
    [
        (dt.datetime(2025, 1, 1), "mmm-yy", "Jan-25"),
        (dt.datetime(2025, 9, 30), "dd/mm/yyyy", "30/09/2025"),
        (dt.datetime(2025, 3, 1), "mmmm yyyy", "March 2025"),
        (dt.datetime(2025, 1, 1), "[$-809]mmm\\-yy", "Jan-25"),
        (3.1, "0.00", "3.10"),
        (3.1, "General", "3.1"),
        (3.1, "@", "3.1"),
        (2025, "General", "2025"),
        (1234.5, "#,##0.00", "1,234.50"),
        (0.25, "0%", "25%"),
        (5, '0" days"', "5 days"),
        (-3.25, "0.0", "-3.3"),
        (-12, "0.0;(0.0)", "(12.0)"),
        ("Ongoing", "General", "Ongoing"),
        (None, "General", ""),
    ],
)
def test_printed_as_the_spreadsheet_shows_it(value, fmt, text):
    assert printed(value, fmt) == text


@pytest.mark.parametrize(
    ("text", "is_csv"),
    [
        ("No.,Action,Team\n1.1,Do it,HR\n1.2,Do more,EDI\n", True),
        ("No.;Action;Team\n1.1;Do it;HR\n", True),
        ("Notes from the forum, 12 March\n\n- Update to CLT in April.\n", False),
        ("Dear all, thanks, regards\nSecond line here\nThird, line\n", False),
    ],
)
def test_csv_is_sniffed_from_delimited_rows_not_prose(text, is_csv):
    assert (dialect_of(text) is not None) == is_csv


def test_a_zip_that_is_no_document_or_spreadsheet_is_refused(tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("a.txt", "hello")
    code, _, err = run_cli("extract", path, "-o", tmp_path / "x.csv")
    assert code == 4
    assert err == (
        f"Error: {path}: a zip archive but not a Word document or spreadsheet (no"
        " word/document.xml, xl/workbook.xml or OpenDocument spreadsheet)\n"
    )


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("path", [p for p in SAMPLES if p.suffix != ".csv"], ids=_id)
def test_cell_comments_are_never_read(path):
    """The XLSX carries a reviewer's comment (the ODS an office:annotation): none of its
    words that are not in the plan reach any field."""
    with zipfile.ZipFile(path) as zf:
        xml = b" ".join(zf.read(n) for n in zf.namelist() if n.endswith(".xml"))
    assert b"Procurement" in xml  # the comment is in the file
    truth = {w for t in truth_of(path.parent.name) for f in FIELDS for w in _words(t[f])}
    hidden = _words("Reviewer query: confirm this deadline with Procurement.") - truth
    assert hidden
    got = {w for a in plan_of(path).actions for f in FIELDS for w in _words(getattr(a, f))}
    assert not hidden & got
