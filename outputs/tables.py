"""Write a table to .csv, .parquet or .xlsx, chosen by the file's suffix, atomically.

CSV carries a UTF-8 BOM because Excel otherwise reads UTF-8 as the local code page and
mangles "–" and "’", which the council's text is full of. Cells are made inert on the way
out (`outputs.safe`): a CSV cell that would start a formula gets a leading apostrophe
(unless `raw_csv`), and every .xlsx cell is a string cell. Parquet keeps the raw text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from outputs.atomic import write_atomic
from outputs.rag import RAG_FILL, RAG_TEXT
from outputs.safe import append_text_row, csv_row

if TYPE_CHECKING:  # pandas is imported where a frame is used, not to write a CSV
    import pandas as pd

TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".parquet", ".xlsx")

#: Widest a column gets in Excel (characters); longer text wraps.
_MAX_WIDTH = 60
_MIN_WIDTH = 6


class UnsupportedTableFormat(ValueError):
    """The output path's suffix is not one plantrack can write."""


def write_table(frame: pd.DataFrame, path: Path, *, raw_csv: bool = False) -> Path:
    """Write `frame` to `path` in the format its suffix names; replace atomically.

    `raw_csv=True` writes CSV cells exactly as they are (for machines, not spreadsheets).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_csv(list(map(str, frame.columns)), _frame_rows(frame), path, raw=raw_csv)
    if suffix == ".parquet":
        return write_atomic(path, lambda tmp: frame.to_parquet(tmp, engine="pyarrow", index=False))
    if suffix == ".xlsx":
        return write_atomic(path, lambda tmp: _write_xlsx(frame, tmp))
    raise UnsupportedTableFormat(
        f"cannot write '{path.suffix or path.name}': use one of " + ", ".join(TABLE_SUFFIXES)
    )


def write_csv(
    columns: Sequence[str], rows: Iterable[Sequence[str]], path: Path, *, raw: bool = False
) -> Path:
    """Write a header and string rows as CSV (BOM, CRLF, minimal quoting); replace atomically.

    The same bytes pandas' `to_csv` writes, without needing pandas: `extract` to CSV is
    the most common command and should not pay pandas' import time. Each cell goes
    through `safe.csv_cell` (a formula-looking cell gets a leading apostrophe) unless `raw`.
    """

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(csv_row(columns, raw=raw))
            writer.writerows(csv_row(row, raw=raw) for row in rows)

    return write_atomic(Path(path), write)


def _frame_rows(frame: pd.DataFrame) -> list[list[str]]:
    import pandas as pd

    return [["" if pd.isna(v) else str(v) for v in row] for row in frame.itertuples(index=False)]


def _column_width(frame: pd.DataFrame, column: str) -> int:
    longest = max([len(str(column)), *(len(str(v)) for v in frame[column].tolist())], default=0)
    return max(_MIN_WIDTH, min(_MAX_WIDTH, longest + 2))


def _write_xlsx(frame: pd.DataFrame, tmp: Path) -> None:
    """A sheet an officer can read as is: bold frozen header, RAG-filled Status, wrapped text."""
    import pandas as pd

    # openpyxl is imported here, not at the top: a .csv or .parquet output never pays for it
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = "Actions"
    columns = [str(c) for c in frame.columns]
    for cell in append_text_row(ws, columns):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for row in frame.itertuples(index=False):  # string cells: a "=..." is text, not a formula
        append_text_row(ws, [("" if pd.isna(v) else str(v)) for v in row])
    top_wrap = Alignment(vertical="top", wrap_text=True)
    for col_idx, column in enumerate(columns, start=1):
        width = _column_width(frame, column)
        ws.column_dimensions[get_column_letter(col_idx)].width = width
        for (cell,) in ws.iter_rows(min_row=2, min_col=col_idx, max_col=col_idx):
            cell.alignment = top_wrap
    if "status" in columns:
        status_col = columns.index("status") + 1
        for (cell,) in ws.iter_rows(min_row=2, min_col=status_col, max_col=status_col):
            colour = RAG_FILL.get(str(cell.value or ""))
            if colour:
                cell.fill = PatternFill(
                    fill_type="solid", start_color="FF" + colour, end_color="FF" + colour
                )
                cell.font = Font(bold=True, color="FF" + RAG_TEXT[str(cell.value)])
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{ws.max_row}"
    wb.save(tmp)
