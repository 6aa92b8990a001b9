"""The plan kept as a spreadsheet: XLSX (openpyxl), and the ODS and CSV LibreOffice Calc
makes of it. `.venv/bin/python samples/make_sheets.py` (or `build.py`, via `build_sheets`)
writes `samples/sheets/`:

- `2025-Q1/plan.xlsx`: one sheet per theme ("Theme A" ...), each opening with its merged
  Theme row, then the header (last column renamed per theme as published), merged
  Objective rows and the actions; a "Key" sheet of RAG definitions last (not a plan table).
- `2025-Q2/plan.xlsx`: one sheet, a merged title row, Theme and Objective rows inside.
- both: Start/End typed as dates with the `mmm-yy` format ("Jan-25"), years as numbers,
  decimal No. cells as numbers (`5.10` as 5.1 with format `0.00`), Status cells filled
  solid, in RGB or as theme colours with a tint; a reviewer's comment on an End cell.
- `<period>/plan.ods`: `soffice --convert-to ods` of the XLSX (every sheet).
- `2025-Q2/plan.csv`: `soffice --convert-to csv` of the one-sheet XLSX (cells as shown).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from openpyxl import Workbook  # noqa: E402
from openpyxl.comments import Comment  # noqa: E402
from openpyxl.styles import Alignment, Color, Font, PatternFill  # noqa: E402
from plan_data import HEADER, SampleAction, progress_heading  # noqa: E402

TITLE = "Appendix 1 – EDI Strategy Action Plan"
RAG_RGB = {"Red": "FFFF0000", "Amber": "FFFFC000", "Green": "FF00B050", "Blue": "FF00B0F0"}
#: Theme colours of openpyxl's default theme (Office 2007): accent2 red, accent6 orange,
#: accent3 green, accent1 blue (Excel theme indexes 5, 9, 6, 4), with a tint.
RAG_THEME = {"Red": (5, 0.0), "Amber": (9, -0.25), "Green": (6, 0.0), "Blue": (4, 0.4)}
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, 1)}
WIDTHS = (7, 40, 20, 9, 9, 38, 10, 60)
FIXED = dt.datetime(2025, 1, 1, 9, 0, 0)
COMMENT_TEXT = "Reviewer query: confirm this deadline with Procurement."


def typed(text: str) -> tuple[object, str]:
    """The value and number format Excel would hold for a cell's printed text."""
    m = re.fullmatch(r"([A-Z][a-z]{2})-(\d\d)", text)
    if m and m.group(1) in MONTHS:
        return dt.datetime(2000 + int(m.group(2)), MONTHS[m.group(1)], 1), "mmm-yy"
    if re.fullmatch(r"(19|20)\d\d", text):
        return int(text), "General"
    m = re.fullmatch(r"\d+\.(\d+)", text)
    if m:
        fmt = "General" if not text.endswith("0") else "0." + "0" * len(m.group(1))
        return float(text), fmt
    return text, "General"


def _fill(status: str, k: int) -> PatternFill | None:
    if status not in RAG_RGB:
        return None
    if k % 2:
        index, tint = RAG_THEME[status]
        colour = Color(theme=index, tint=tint)
    else:
        colour = Color(rgb=RAG_RGB[status])
    return PatternFill(fill_type="solid", fgColor=colour, bgColor=colour)


def _merged(ws, row: int, text: str, rgb: str, bold: bool = True) -> None:
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = Font(bold=bold)
    cell.fill = PatternFill(fill_type="solid", fgColor=rgb)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    ws.row_dimensions[row].height = 13.0 * math.ceil(len(text) / (sum(WIDTHS) * 0.95)) + 2


def _header(ws, row: int, last: str) -> None:
    for col, text in enumerate((*HEADER, last), start=1):
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", fgColor="FFD9D9D9")


def _actions(ws, row: int, actions: list[SampleAction], objective: tuple | None) -> int:
    for k, a in enumerate(actions):
        if (a.theme, a.objective) != objective:
            _merged(ws, row, f"Objective {a.objective}: {a.objective_title}", "FFDEEAF6")
            objective = (a.theme, a.objective)
            row += 1
        texts = (a.printed_no, a.action, a.team, a.start, a.end, a.success_measure, a.status)
        for col, text in enumerate((*texts, a.progress_update), start=1):
            if not text:
                continue
            value, fmt = typed(text) if col in (1, 4, 5) else (text, "General")
            cell = ws.cell(row=row, column=col, value=value)
            cell.number_format = fmt
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        fill = _fill(a.status, k)
        if fill is not None:
            ws.cell(row=row, column=7).fill = fill
        ws.row_dimensions[row].height = _height((*texts, a.progress_update))
        if k == 2:  # a reviewer's note on an End cell: never part of the plan's text
            ws.cell(row=row, column=5).comment = Comment(COMMENT_TEXT, "Reviewer")
        row += 1
    return row


def _height(texts: tuple[str, ...]) -> float:
    """Row height (points) for wrapped text: spreadsheets do not grow rows on opening
    a file that has none, and the printed sheet must not overlap its lines."""
    fits = zip(texts, WIDTHS, strict=True)
    lines = max(math.ceil(len(t) / (w * 1.05)) if t else 1 for t, w in fits)
    return 13.0 * max(1, lines) + 2


def _sheet(wb, title: str, header_row: int):
    ws = wb.create_sheet(title)
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions["ABCDEFGH"[i]].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"  # the header repeats on every page
    return ws


def build_xlsx(actions: list[SampleAction], per_theme: bool) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "EDI Team"
    wb.properties.created = wb.properties.modified = FIXED
    themes = list(dict.fromkeys(a.theme for a in actions))
    if per_theme:
        for theme in themes:
            group = [a for a in actions if a.theme == theme]
            ws = _sheet(wb, f"Theme {theme}", 2)
            _merged(ws, 1, f"Theme {theme}: {group[0].theme_title}", "FFBDD7EE")
            _header(ws, 2, progress_heading(theme))
            ws.freeze_panes = "A3"
            _actions(ws, 3, group, None)
        key = wb.create_sheet("Key")
        key.append(["Colour", "Meaning"])
        for word, meaning in (
            ("Red", "Not started"),
            ("Amber", "In progress"),
            ("Green", "Completed"),
            ("Blue", "Planned, not started"),
        ):
            key.append([word, meaning])
    else:
        ws = _sheet(wb, "Action plan", 2)
        _merged(ws, 1, TITLE, "FFFFFFFF")
        _header(ws, 2, "Progress update")
        ws.freeze_panes = "A3"
        row = 3
        for theme in themes:
            group = [a for a in actions if a.theme == theme]
            _merged(ws, row, f"Theme {theme}: {group[0].theme_title}", "FFBDD7EE")
            row = _actions(ws, row + 1, group, None)
    return wb


def save_xlsx(wb: Workbook, path: Path) -> None:
    """Save with fixed zip timestamps (byte-identical rebuilds)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.xlsx"
        wb.save(raw)
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = 0o644 << 16
                data = src.read(info.filename)
                if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                    data = re.sub(
                        rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-01-01T09:00:00Z", data
                    )
                dst.writestr(fixed, data)


#: LibreOffice's CSV filter: comma, double quote, UTF-8, first line 1, cells as shown.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"


def calc_convert(source: Path, target: Path, to: str) -> None:
    """`soffice --convert-to` with a throw-away profile (LibreOffice Calc)."""
    with tempfile.TemporaryDirectory() as tmp:
        profile, outdir = Path(tmp) / "profile", Path(tmp) / "out"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        produced = next(outdir.iterdir())
        target.write_bytes(produced.read_bytes())


def build_sheets(versions: dict[str, list[SampleAction]], out: Path = HERE / "sheets") -> None:
    q1, q2 = out / "2025-Q1", out / "2025-Q2"
    save_xlsx(build_xlsx(versions["2025-Q1"], per_theme=True), q1 / "plan.xlsx")
    save_xlsx(build_xlsx(versions["2025-Q2"], per_theme=False), q2 / "plan.xlsx")
    for folder in (q1, q2):
        calc_convert(folder / "plan.xlsx", folder / "plan.ods", "ods")
    calc_convert(q2 / "plan.xlsx", q2 / "plan.csv", CSV_FILTER)


def main() -> int:
    from versions import build_versions

    build_sheets(build_versions())
    return 0


if __name__ == "__main__":
    sys.exit(main())
