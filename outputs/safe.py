"""Document text made safe to open: inert CSV/XLSX cells, HTML text, terminal text.

A published plan is text someone else wrote. Whatever it holds must reach a spreadsheet as
text (never a formula), a browser as text (no bidi tricks reordering what is read), and a
terminal as text (no escape sequences, no rich markup, no extra lines). This module is the
one place that knows how; every writer calls it. It needs neither pandas nor openpyxl to
import (the worksheet helpers take the worksheet they are given).

    csv_cell(text, raw=False)         a CSV cell (OWASP: leading ' before = + - @ tab CR)
    csv_row(cells, raw=False)         the same over a row
    csv_uncell(text)                  the inverse, for reading plantrack's own CSVs back
    write_text_cell(ws, row, col, v)  an openpyxl cell that is always a string
    append_text_row(ws, values)       a whole row of string cells at the bottom of `ws`
    html_text(text)                   bidi and control characters made visible, for HTML
    terminal_text(text)               every control/format character escaped, for a terminal
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = [
    "BIDI_CONTROLS",
    "CSV_TRIGGERS",
    "append_text_row",
    "csv_cell",
    "csv_row",
    "csv_uncell",
    "html_text",
    "terminal_text",
    "write_text_cell",
    "xlsx_text",
]

#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP).
CSV_TRIGGERS = "=+-@\t\r"

# A cell needing the apostrophe: a trigger first, after any apostrophes already there, so
# that writing is reversible ("'=x" is written "''=x" and reads back as "'=x").
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")

#: Unicode bidirectional controls: embeddings, overrides, isolates and the marks.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Characters XML 1.0 (so an .xlsx) cannot hold at all: C0 controls but tab, LF and CR.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# For HTML: C0/C1 controls (tab, LF and CR are ordinary whitespace there) and bidi controls.
_HTML_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(BIDI_CONTROLS)) + "]"
)


def csv_cell(text: object, *, raw: bool = False) -> str:
    """A CSV cell that a spreadsheet opens as text: a leading apostrophe when the text
    begins with `=`, `+`, `-`, `@`, tab or CR. `raw=True` (machine use) keeps it as is."""
    s = "" if text is None else str(text)
    if raw or not _NEEDS_QUOTE.match(s):
        return s
    return "'" + s


def csv_row(cells: Iterable[object], *, raw: bool = False) -> list[str]:
    """`csv_cell` over a row."""
    return [csv_cell(c, raw=raw) for c in cells]


def csv_uncell(text: str) -> str:
    """The text `csv_cell` was given (inverse of it; a raw cell is returned as is unless it
    looks neutralised, i.e. apostrophes then a trigger)."""
    return text[1:] if _QUOTED.match(text) else text


def xlsx_text(text: object) -> str:
    """Text an .xlsx cell can hold: characters XML forbids shown as `\\xNN`, not dropped."""
    s = "" if text is None else str(text)
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def write_text_cell(ws: Any, row: int, column: int, value: object) -> Any:
    """Put `value` in an openpyxl worksheet as a string cell, never a formula.

    openpyxl turns any string beginning with "=" into a formula when it is assigned;
    forcing the cell's `data_type` to "s" afterwards makes it an ordinary string cell
    (the sheet XML gets `t="s"`/shared string, no `<f>`). Returns the cell for styling.
    """
    cell = ws.cell(row=row, column=column)
    cell.value = xlsx_text(value)
    cell.data_type = "s"
    return cell


def append_text_row(ws: Any, values: Iterable[object]) -> list[Any]:
    """`ws.append(values)`, every value a string cell (see `write_text_cell`)."""
    texts = [xlsx_text(v) for v in values]
    ws.append(texts)
    row = ws.max_row
    cells = [ws.cell(row=row, column=col) for col in range(1, len(texts) + 1)]
    for cell in cells:
        cell.data_type = "s"
    return cells


def _codepoint(ch: str) -> str:
    return f"[U+{ord(ch):04X}]"


def html_text(text: object) -> str:
    """Text for an HTML page: bidi and control characters replaced by a visible `[U+202E]`,
    so a right-to-left override cannot make a cell read differently from what it holds.
    (HTML escaping of `<`, `&`... is the template engine's job and still applies.)"""
    s = "" if text is None else str(text)
    return _HTML_UNSAFE.sub(lambda m: _codepoint(m.group()), s)


def _escape_char(ch: str) -> str:
    n = ord(ch)
    if n < 0x100:
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{n:02x}")
    return f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"


def terminal_text(text: object) -> str:
    """Text for one line of a terminal: every control, format and line/paragraph separator
    character (ESC, newlines, bidi controls, ...) written as a Python-style escape.

    Rich markup is not touched here: print the result as plain text (`rich.text.Text`,
    or `markup=False`), never as markup.
    """
    s = "" if text is None else str(text)
    if s.isprintable():
        return s
    return "".join(
        _escape_char(ch) if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in s
    )
