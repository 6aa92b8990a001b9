"""Read an OpenDocument spreadsheet (`.ods`) as grids, from its XML.

The cell's `text:p` holds the text the spreadsheet displays ("Jan-25", "3.10"), which is
what the plan means; the typed value beside it (`office:date-value`) is not needed. So
the reader walks `content.xml` with lxml (safe parser, as for DOCX) rather than going
through odfpy or pandas, which return the values and drop merges and fills. Comments
(`office:annotation`) are never read. Repeated rows and columns are expanded only where
they hold text, so a sheet padded to a million rows costs nothing.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ingest.docx.package import parse_part
from ingest.errors import CorruptDocumentError
from ingest.grid import GridCell, GridRow
from ingest.textjoin import collapse

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
#: the most copies of one non-empty repeated row or cell that are expanded
MAX_REPEAT = 10_000


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


Sheet = tuple[str, list[GridRow]]


def _text(el: etree._Element) -> str:
    """Displayed text of a cell: its paragraphs, spaces/tabs/breaks as spaces, no notes."""
    out: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            tag = child.tag
            if tag == q("office:annotation"):
                pass
            elif tag in (q("text:s"), q("text:tab"), q("text:line-break")):
                count = int(child.get(q("text:c"), "1") or 1) if tag == q("text:s") else 1
                out.append(" " * min(count, 100))
            else:
                walk(child)
                if tag == q("text:p"):
                    out.append("\n")
            if child.tail:
                out.append(child.tail)

    for child in el:
        if child.tag == q("text:p"):
            walk(child)
            out.append("\n")
    return collapse("".join(out))


def _fills(*roots: etree._Element) -> dict[str, str]:
    """Cell style name -> background 'RRGGBB', following parent styles."""
    own: dict[str, str] = {}
    parent: dict[str, str] = {}
    for root in roots:
        for st in root.iter(q("style:style")):
            name = st.get(q("style:name"), "")
            props = st.find(q("style:table-cell-properties"))
            colour = props.get(q("fo:background-color"), "") if props is not None else ""
            if colour.startswith("#") and len(colour) == 7:
                own[name] = colour[1:].upper()
            if st.get(q("style:parent-style-name")):
                parent[name] = st.get(q("style:parent-style-name"), "")
    out: dict[str, str] = {}
    for name in set(own) | set(parent):
        seen, n = set(), name
        while n and n not in own and n not in seen:
            seen.add(n)
            n = parent.get(n, "")
        if n in own:
            out[name] = own[n]
    return out


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    """The table's rows, through header-row and row-group wrappers."""
    for child in table:
        if child.tag == q("table:table-row"):
            yield child
        elif child.tag in (
            q("table:table-header-rows"),
            q("table:table-row-group"),
            q("table:table-rows"),
        ):
            yield from _rows(child)


def _grid(table: etree._Element, fills: dict[str, str]) -> list[GridRow]:
    rows: list[GridRow] = []
    number = 0
    below: dict[int, int] = {}  # column -> rows still covered by a vertical merge above
    for tr in _rows(table):
        repeat = int(tr.get(q("table:number-rows-repeated"), "1") or 1)
        cells: list[GridCell] = []
        col = 0
        for tc in tr:
            if tc.tag not in (q("table:table-cell"), q("table:covered-table-cell")):
                continue
            n = int(tc.get(q("table:number-columns-repeated"), "1") or 1)
            if tc.tag == q("table:covered-table-cell"):
                for c in range(col, col + min(n, MAX_REPEAT)):
                    if below.get(c, 0) > 0:
                        cells.append(GridCell(c, 1, "", "", True))
                col += n
                continue
            text = _text(tc)
            fill = fills.get(tc.get(q("table:style-name"), ""), "")
            span = int(tc.get(q("table:number-columns-spanned"), "1") or 1)
            down = int(tc.get(q("table:number-rows-spanned"), "1") or 1)
            if not text:
                col += n  # empty (however often repeated): nothing to place
                continue
            if n > MAX_REPEAT:
                raise CorruptDocumentError(f"ODS cell repeated {n} times")
            for _ in range(n):
                cells.append(GridCell(col, span, text, fill, False))
                if down > 1:
                    below[col] = down
                col += 1  # the columns a span covers follow as covered cells
        if repeat > MAX_REPEAT and cells:
            raise CorruptDocumentError(f"ODS row repeated {repeat} times")
        for _ in range(repeat if cells else 1):
            number += 1
            if cells:
                rows.append(GridRow(number, tuple(cells)))
            below = {c: k - 1 for c, k in below.items() if k - 1 > 0}
        if not cells and repeat > 1:
            number += repeat - 1
            below = {}
    return rows


def read_ods(path: Path) -> list[Sheet]:
    """Every sheet, in order, as (name, grid rows)."""
    try:
        with zipfile.ZipFile(path) as zf:
            content = parse_part(zf.read("content.xml"), "content.xml", "ODS")
            names = zf.namelist()
            styles = (
                parse_part(zf.read("styles.xml"), "styles.xml", "ODS")
                if "styles.xml" in names
                else None
            )
    except (zipfile.BadZipFile, KeyError, EOFError) as exc:
        raise CorruptDocumentError(f"corrupt ODS ({type(exc).__name__})") from exc
    fills = _fills(*(r for r in (styles, content) if r is not None))
    return [
        (t.get(q("table:name"), ""), _grid(t, fills))
        for t in content.iter(q("table:table"))
        if (parent := t.getparent()) is not None and parent.tag == q("office:spreadsheet")
    ]


__all__ = ["MIMETYPE", "read_ods"]
