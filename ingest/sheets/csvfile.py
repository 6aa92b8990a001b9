"""Read a `.csv` exported from a spreadsheet as one grid.

Excel and LibreOffice export what the cells display ("Jan-25", "3.10"), a merged row's
text in its first cell, and no fills. The encoding is UTF-8 (with or without the BOM
Excel's "CSV UTF-8" writes) or, failing that, Windows-1252 (Excel's plain "CSV"); the
delimiter is sniffed among comma, semicolon and tab.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ingest.grid import GridCell, GridRow
from ingest.textjoin import collapse

DELIMITERS = ",;\t"


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def dialect_of(text: str) -> type[csv.Dialect] | None:
    """The CSV dialect of a text, or None when it does not read as delimited rows (pure).

    Needs at least two rows of three or more fields, and the commonest field count
    shared by at least half of the non-empty rows: prose with the odd comma fails."""
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
    except csv.Error:
        return None
    lines = sample.splitlines()[:-1] if len(sample) == 65536 else sample.splitlines()
    rows = [r for r in csv.reader(lines, dialect) if any(f.strip() for f in r)]
    counts = [len(r) for r in rows]
    if len(counts) < 2:
        return None
    common = max(set(counts), key=counts.count)
    if common < 3 or counts.count(common) * 2 < len(counts):
        return None
    return dialect


def read_csv(path: Path) -> list[tuple[str, list[GridRow]]]:
    """The file as one sheet (named after the file), rows numbered from 1."""
    text = decode(path.read_bytes())
    dialect = dialect_of(text) or csv.excel
    rows: list[GridRow] = []
    for number, record in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        cells = tuple(GridCell(i, 1, collapse(v), "", False) for i, v in enumerate(record))
        if any(c.text for c in cells):
            rows.append(GridRow(number, cells))
    return [(path.stem, rows)]


__all__ = ["decode", "dialect_of", "read_csv"]
