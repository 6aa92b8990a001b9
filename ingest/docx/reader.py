"""Read the action table(s) of a DOCX, in its accepted view.

Body order is kept, so a "Theme B: ..." heading above a table gives the following rows
their theme, and several tables make one plan. Pages are unknown in a DOCX (Word lays
them out at display time), so provenance gives the table and row indexes and `pages=()`.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ingest.assemble import is_heading_text
from ingest.docx.package import DocxPackage, open_package
from ingest.docx.tables import blocks, table_grid
from ingest.docx.text import accepted_text, describe_changes, tracked_changes, w
from ingest.errors import CorruptDocumentError
from ingest.grid import Grid, plan_rows
from ingest.limits import exceeded
from ingest.rows import TableRow
from ingest.settings import IngestSettings


@dataclass(frozen=True)
class DocxRead:
    """What the DOCX reader hands to `read_plan`."""

    rows: tuple[TableRow, ...]
    headers: tuple[str, ...]
    warnings: tuple[str, ...]  # for the officer: unaccepted tracked changes, comments not read


def load(path: Path) -> DocxPackage:
    """The package of a DOCX file, or a `CorruptDocumentError` saying why not."""
    try:
        with zipfile.ZipFile(path) as zf:
            return open_package(zf)
    except (zipfile.BadZipFile, KeyError, EOFError) as exc:
        raise CorruptDocumentError(f"corrupt DOCX ({type(exc).__name__})") from exc


def body_of(package: DocxPackage) -> etree._Element:
    body = package.document.find(w("body"))
    if body is None:
        raise CorruptDocumentError("corrupt DOCX (no document body)")
    return body


def document_warnings(package: DocxPackage) -> list[str]:
    """What an officer should know about the file as a whole (pure)."""
    out = []
    changes = describe_changes(tracked_changes(package.document))
    if changes:
        out.append(
            f"the document has {changes}: read as if all were accepted; accept or reject"
            " them in Word to finalise it"
        )
    comments = sum(1 for _ in package.document.iter(w("commentReference")))
    if comments:
        out.append(f"the document has {comments} comment(s): not read")
    return out


def read_docx(path: Path, settings: IngestSettings) -> DocxRead:
    package = load(path)
    # counted before any row is read, with room for header rows (the exact count of action
    # rows is checked after reading, as for every kind)
    body_rows = sum(1 for _ in package.document.iter(w("tr")))
    if body_rows > 2 * settings.limits.rows:
        raise exceeded(f"more than {settings.limits.rows} table rows", "rows", settings.limits.rows)
    rows, headers = read_docx_rows(package, settings)
    return DocxRead(tuple(rows), tuple(headers), tuple(document_warnings(package)))


def _items(package: DocxPackage) -> Iterator[Grid | TableRow]:
    """The body in order: Theme/Objective headings between tables, and each table."""
    table = -1
    for block in blocks(body_of(package)):
        if block.tag == w("p"):
            text = accepted_text(block)
            if text and is_heading_text(text):
                yield TableRow("banner", text=text, outside_table=True)
            continue
        table += 1
        yield Grid(table, tuple(table_grid(block, package.theme)))


def read_docx_rows(
    package: DocxPackage, settings: IngestSettings
) -> tuple[list[TableRow], list[str]]:
    """All rows of all action tables, in body order, plus the distinct header texts.
    Headings above the first action table but never followed by one are harmless."""
    return plan_rows(_items(package), settings, header_carries_over=True)


def document_rows(path: Path) -> tuple[list[str], list[tuple[int, int, list[str]]]]:
    """For the conservation check: every heading-like paragraph outside tables, and every
    row of the accepted view as (table, row index, cell texts), headers included."""
    package = load(path)
    paragraphs: list[str] = []
    rows: list[tuple[int, int, list[str]]] = []
    table = -1
    for block in blocks(body_of(package)):
        if block.tag == w("p"):
            paragraphs.append(accepted_text(block))
            continue
        table += 1
        for row in table_grid(block, package.theme):
            rows.append((table, row.index, [c.text for c in row.cells]))
    return paragraphs, rows


__all__ = ["DocxRead", "document_rows", "document_warnings", "load", "read_docx", "read_docx_rows"]
