"""#12: outputs are safe to open. Document text never runs as a formula (CSV, XLSX), as
script or reordered text (HTML), or as terminal markup and escapes (history, messages).

The hostile text is put into a real sample DOCX (samples/2024-Q4/plan.docx, cells edited
with python-docx) and run through the commands as a user would.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from outputs.safe import (
    append_text_row,
    csv_cell,
    csv_uncell,
    html_text,
    terminal_text,
    write_text_cell,
)
from plantrack.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PLAN = SAMPLES / "2024-Q4" / "plan.docx"

HYPERLINK = '=HYPERLINK("http://evil.example/x","Click for the update")'
DDE = "=cmd|' /C calc'!A0"
TRICKS = "Done \x9b31mred \u202eexe.txt <script>alert(1)</script> 1 < 2 & {{ 7*7 }}"
ACTION = f"{HYPERLINK} {TRICKS}"
#: column -> hostile text put in the first action row
HOSTILE = {
    "Action": ACTION,
    "Team responsible": "+44 1223 000000",
    "Start": "@SUM(A1:A9)",
    "End": "-2+3",
    "Success measure": DDE,
    "Progress update": TRICKS,
}


def run_cli(*argv: object, tty: bool = False) -> tuple[int, str, str]:
    class Out(io.StringIO):
        def isatty(self) -> bool:
            return tty

    out, err = Out(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def hostile_docx(path: Path) -> Path:
    """The 2024-Q4 sample with the first action's cells replaced by hostile text."""
    document = docx.Document(str(PLAN))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    row = next(r for r in table.rows if r.cells[0].text.strip() == "1.1")
    for column, text in HOSTILE.items():
        index = next(i for i, h in enumerate(header) if h.startswith(column))
        row.cells[index].text = text
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_docx(tmp_path_factory.mktemp("hostile") / "plan.docx")


# --------------------------------------------------------------------------- the helpers


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cell_neutralises_every_owasp_trigger(first: str) -> None:
    assert csv_cell(first + "1+1") == "'" + first + "1+1"
    assert csv_cell(first + "1+1", raw=True) == first + "1+1"


def test_csv_cell_leaves_ordinary_text_alone() -> None:
    for text in ("Train staff", "1.1", "", "'quoted'", "a=b", " =x"):
        assert csv_cell(text) == text


@given(st.text())
def test_csv_cell_is_undone_exactly_by_csv_uncell(text: str) -> None:
    """Reading plantrack's own CSV back gives the text it was given, even "'=x"."""
    assert csv_uncell(csv_cell(text)) == text


def test_html_text_makes_bidi_and_controls_visible() -> None:
    assert html_text("a\u202eb\u2066c\x07d\te") == "a[U+202E]b[U+2066]c[U+0007]d\te"


def test_terminal_text_escapes_every_control_and_format_character() -> None:
    assert terminal_text("q\x1b[31m\nx\u202e\u2028y") == "q\\x1b[31m\\nx\\u202e\\u2028y"
    assert terminal_text("[bold]plain[/bold] – ’") == "[bold]plain[/bold] – ’"


def test_xlsx_helpers_write_string_cells_never_formulas(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    write_text_cell(ws, 1, 1, HYPERLINK)
    append_text_row(ws, [DDE, "=1+1", "\x01bell"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    back = openpyxl.load_workbook(path).active
    assert [c.value for c in back[1]][:1] == [HYPERLINK]
    assert [c.value for c in back[2]] == [DDE, "=1+1", "\\x01bell"]
    assert all(c.data_type == "s" for row in back.iter_rows() for c in row if c.value)
    assert "<f>" not in _sheet_xml(path)


def _sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))


# --------------------------------------------------------------------------- end to end


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.slow
def test_extract_csv_is_inert_and_raw_csv_keeps_the_text(hostile: Path, tmp_path: Path) -> None:
    code, _, err = run_cli("extract", hostile, "-o", tmp_path / "safe.csv")
    assert code == 0, err
    first = _rows(tmp_path / "safe.csv")[0]
    assert first["action"].startswith("'" + HYPERLINK)
    assert first["team"] == "'+44 1223 000000"
    assert first["start"] == "'@SUM(A1:A9)"
    assert first["end"] == "'-2+3"
    assert first["success_measure"] == "'" + DDE
    code, _, err = run_cli("extract", hostile, "-o", tmp_path / "raw.csv", "--raw-csv")
    assert code == 0, err
    raw = _rows(tmp_path / "raw.csv")[0]
    assert raw["action"].startswith(HYPERLINK) and raw["success_measure"] == DDE
    assert first["action"] == "'" + raw["action"]


@pytest.mark.slow
def test_extract_xlsx_has_text_cells_only(hostile: Path, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    code, _, err = run_cli("extract", hostile, "-o", path)
    assert code == 0, err
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[1]]
    first = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert first["action"].startswith(HYPERLINK) and first["success_measure"] == DDE
    assert all(c.data_type == "s" for row in ws.iter_rows() for c in row if c.value)
    assert "<f>" not in _sheet_xml(path)


@pytest.fixture(scope="module")
def hostile_store(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2024-Q4 as published, then 2025-Q1 with the hostile first action."""
    store = tmp_path_factory.mktemp("store") / "store"
    for period, path in (("2024-Q4", PLAN), ("2025-Q1", hostile)):
        code, _, err = run_cli("run", path, "--period", period, "--store", store)
        assert code == 0, err
    return store


@pytest.mark.slow
def test_store_csvs_are_inert_and_read_back_as_the_text(hostile_store: Path) -> None:
    snap = hostile_store / "snapshots" / "2025-Q1.csv"
    assert _rows(snap)[0]["action"].startswith("'" + HYPERLINK)
    changes = _rows(hostile_store / "reports" / "2025-Q1" / "changes.csv")
    assert any(
        r["after"].startswith("'" + HYPERLINK) for r in changes
    )  # (added: every cell differs)
    assert not any(r[c].startswith(("=", "+", "@")) for r in changes for c in r)
    # diff reads the neutralised CSV back as the text itself: no change against Parquet
    code, out, err = run_cli("diff", snap, snap.with_suffix(".parquet"), "-o",
                             hostile_store.parent / "d")  # fmt: skip
    assert (code, out.splitlines()[0]) == (0, "0 changes"), err


def test_report_html_escapes_script_and_shows_bidi_controls(hostile_store: Path) -> None:
    html = (hostile_store / "reports" / "2025-Q1" / "report.html").read_text(encoding="utf-8")
    md = (hostile_store / "reports" / "2025-Q1" / "report.md").read_text(encoding="utf-8")
    for text in (html, md):
        assert "\u202e" not in text and "\x9b" not in text
        assert "[U+202E]exe.txt" in text and "[U+009B]31mred" in text
    assert "<script>alert" not in html and "1 &lt; 2 &amp;" in html


def test_template_text_in_a_cell_stays_text() -> None:
    """Template injection (held): "{{ 7*7 }}" in an action is printed, never evaluated."""
    import dataclasses

    from outputs import build_report, render_html, render_markdown
    from tests.test_outputs_report import truth_actions

    actions, ids = truth_actions()
    actions[0] = dataclasses.replace(
        actions[0], action="{{ 7*7 }} {% raw %}", end_date="2000-01-31"
    )
    report = build_report(actions, ids, "2024-Q4")
    for text in (render_html(report), render_markdown(report)):
        assert "{{ 7\\*7 }}" in text or "{{ 7*7 }}" in text
        assert "{% raw %}" in text


@pytest.mark.slow
def test_history_prints_file_names_as_plain_escaped_text(
    hostile: Path, hostile_store: Path
) -> None:
    """A file name with an ANSI escape, rich markup and a newline: `history` prints it as
    one escaped line, on a terminal (rich table) and off one (plain columns)."""
    evil = hostile.parent / "q2\x1b[31m[bold red]x\nline.docx"
    shutil.copy(hostile, evil)
    # the same bytes as the stored 2025-Q1: --force says it is meant as a new quarter
    code, _, err = run_cli("run", evil, "--period", "2025-Q2", "--store", hostile_store, "--force")
    assert code == 0, err
    for tty in (False, True):
        code, out, err = run_cli("history", "--store", hostile_store, tty=tty)
        assert code == 0, err
        out = re.sub(r"\x1b\[[0-9;]*m", "", out)  # rich's own styling of the table
        assert "\x1b" not in out
        flat = re.sub(r"[\s│]", "", out)  # a rich table folds a long name over lines
        assert "q2\\x1b[31m[boldred]x\\nline.docx" in flat
        if not tty:
            (line,) = [x for x in out.splitlines() if x.startswith("2025-Q2")]
            assert line.endswith("q2\\x1b[31m[bold red]x\\nline.docx")


@pytest.mark.slow
def test_a_snapshot_claiming_three_billion_pages_is_refused(tmp_path: Path) -> None:
    """1 KB of CSV with pages = 1-3000000000 exhausted memory in `diff`."""
    snap = tmp_path / "old.csv"
    code, _, err = run_cli("extract", PLAN, "-o", snap, "--period", "2024-Q4")
    assert code == 0, err
    rows = _rows(snap)
    rows[0]["pages"] = "1-3000000000"
    with snap.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    code, out, err = run_cli("diff", snap, snap)
    assert (code, out) == (4, "")
    assert err == (
        f"Error: {snap}: not a plantrack snapshot: pages '1-3000000000' is past page 100000\n"
    )
