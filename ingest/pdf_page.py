"""One PDF page -> its table rows, as a pure function of (path, page range).

Cells come from the ruling lines and cell rectangles (pdfplumber's lattice finder), not
from fixed column positions; words are extracted once per page and given to the cell
holding their centre. Text below a table's last rule but between its column lines (the
upper part of a split row drawn without its bottom border) is still captured, as an
"open" row built from the table's column ranges. Pages are closed after use so a long
document does not hold every page's objects in memory, and any page range can be parsed
in a worker process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber

from ingest.assemble import is_heading_text
from ingest.colour import nearest_rag, pdf_colour_to_rgb
from ingest.rows import Cell
from ingest.settings import IngestSettings
from ingest.textjoin import Line

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class RawCell:
    """A cell as found on the page, before its column is named."""

    x0: float
    x1: float
    cell: Cell
    box: BBox
    colour: str = ""  # RAG name of the cell's fill, "" if unshaded


@dataclass(frozen=True)
class PageRow:
    kind: str  # "cells", "banner" or "header"
    box: BBox
    cells: tuple[RawCell, ...] = ()
    text: str = ""
    closed: bool = True  # bottom edge is a drawn rule
    outside_table: bool = False  # a heading printed above/between tables


@dataclass(frozen=True)
class PageParse:
    page: int  # 1-based
    width: float
    height: float
    rows: tuple[PageRow, ...]
    char_count: int
    image_count: int


def table_settings(s: IngestSettings) -> dict[str, Any]:
    return {
        "vertical_strategy": "lines",
        "horizontal_strategy": "lines",
        "snap_tolerance": s.snap_tolerance,
        "join_tolerance": s.join_tolerance,
        "intersection_tolerance": s.intersection_tolerance,
    }


def _centre_in(word: dict[str, Any], box: BBox) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


def group_lines(words: Sequence[dict[str, Any]], tolerance: float) -> list[list[dict[str, Any]]]:
    """Words -> visual lines (top to bottom, each left to right) (pure)."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def cell_from_words(words: Sequence[dict[str, Any]], box: BBox, tolerance: float) -> Cell:
    """A cell's text from the words inside it, marking words broken at the right edge.

    A line holding a single word that reaches the cell's right padding (within about one
    character) was broken by the renderer, not wrapped at a space: a word that fits is
    wrapped whole, and only a word wider than the column is cut.
    """
    lines = group_lines(words, tolerance)
    if not lines:
        return Cell()
    pad = max(0.0, min(line[0]["x0"] for line in lines) - box[0])
    right = box[2] - pad
    out: list[Line] = []
    for line in lines:
        text = " ".join(w["text"] for w in line)
        broken = False
        if len(line) == 1:
            w = line[0]
            char_w = (w["x1"] - w["x0"]) / max(1, len(w["text"]))
            broken = w["text"][-1:].isalpha() and right - w["x1"] < 1.2 * char_w
        out.append(Line(text, broken))
    return Cell(tuple(out))


def _fill_colour(rects: Sequence[dict[str, Any]], box: BBox, max_distance: float) -> str:
    """RAG name of the largest coloured fill whose centre lies in the box."""
    best, best_area = "", 0.0
    for r in rects:
        if not _centre_in(r, (box[0] - 1, box[1] - 1, box[2] + 1, box[3] + 1)):
            continue
        area = (r["x1"] - r["x0"]) * (r["bottom"] - r["top"])
        name = nearest_rag(
            pdf_colour_to_rgb(r.get("non_stroking_color")), max_distance=max_distance
        )
        if name and area > best_area:
            best, best_area = name, area
    return best


def _paragraphs(lines: list[list[dict[str, Any]]]) -> list[list[list[dict[str, Any]]]]:
    """Consecutive loose lines closer than a line height form one paragraph."""
    paras: list[list[list[dict[str, Any]]]] = []
    for line in lines:
        if paras:
            prev = paras[-1][-1]
            height = max(w["bottom"] - w["top"] for w in prev)
            if line[0]["top"] - max(w["bottom"] for w in prev) < 0.8 * height:
                paras[-1].append(line)
                continue
        paras.append([line])
    return paras


def _line_text(line: list[dict[str, Any]]) -> str:
    return " ".join(w["text"] for w in line)


def _open_row_limit(
    page_edges: Sequence[dict[str, Any]], span: tuple[float, float], table_bottom: float
) -> float | None:
    """Lowest point reached by the table's column lines below its last horizontal rule."""
    bottoms = [
        e["bottom"]
        for e in page_edges
        if e["orientation"] == "v"
        and span[0] - 2 <= e["x0"] <= span[1] + 2
        and e["bottom"] > table_bottom + 2
        and e["top"] < table_bottom + 2
    ]
    return max(bottoms) if bottoms else None


def parse_page(page: Any, number: int, s: IngestSettings) -> PageParse:
    """Every table row on one pdfplumber page, top to bottom (pure over the page)."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    rects = [r for r in page.rects if r.get("fill")]
    tables = sorted(page.find_tables(table_settings(s)), key=lambda t: t.bbox[1])
    used: set[int] = set()
    rows: list[tuple[float, PageRow]] = []
    spans: list[tuple[BBox, list[tuple[float, float]]]] = []

    for table in tables:
        tx0, _ttop, tx1, tbottom = table.bbox
        columns: list[tuple[float, float]] = []
        for row in table.rows:
            boxes = [c for c in row.cells if c is not None]
            raw: list[RawCell] = []
            for box in boxes:
                inside = [i for i, w in enumerate(words) if i not in used and _centre_in(w, box)]
                used.update(inside)
                cell = cell_from_words([words[i] for i in inside], box, s.line_tolerance)
                colour = _fill_colour(rects, box, s.max_colour_distance)
                raw.append(RawCell(box[0], box[2], cell, box, colour))
            rbox = row.bbox
            if len(boxes) == 1 and (boxes[0][2] - boxes[0][0]) >= 0.6 * (tx1 - tx0):
                if raw[0].cell.text:
                    rows.append((rbox[1], PageRow("banner", rbox, text=raw[0].cell.text)))
                continue
            if len(boxes) > len(columns):
                columns = [(b[0], b[2]) for b in boxes]
            if any(c.cell.text for c in raw):
                rows.append((rbox[1], PageRow("cells", rbox, cells=tuple(raw))))
        spans.append((table.bbox, columns))

    loose = [w for i, w in enumerate(words) if i not in used]
    loose_lines = group_lines(loose, s.line_tolerance)
    consumed: set[int] = set()
    # The upper part of a split row drawn without a bottom rule, below the last table.
    if spans and spans[-1][1]:
        (tx0, _, tx1, tbottom), columns = spans[-1]
        limit = _open_row_limit(page.edges, (tx0, tx1), tbottom)
        if limit is not None:
            inside = [
                (k, line)
                for k, line in enumerate(loose_lines)
                if line[0]["top"] >= tbottom - 1
                and line[0]["bottom"] <= limit + 2
                and all(tx0 - 1 <= w["x0"] and w["x1"] <= tx1 + 1 for w in line)
            ]
            if inside:
                box = (tx0, tbottom, tx1, limit)
                raw = []
                for cx0, cx1 in columns:
                    cbox = (cx0, tbottom, cx1, limit)
                    cws = [w for _, line in inside for w in line if _centre_in(w, cbox)]
                    cell = cell_from_words(cws, cbox, s.line_tolerance)
                    colour = _fill_colour(rects, cbox, s.max_colour_distance)
                    raw.append(RawCell(cx0, cx1, cell, cbox, colour))
                consumed.update(k for k, _ in inside)
                rows.append((tbottom, PageRow("cells", box, cells=tuple(raw), closed=False)))
    # Headings printed above or between tables ("Theme B: ...").
    rest = [line for k, line in enumerate(loose_lines) if k not in consumed]
    for para in _paragraphs(rest):
        text = " ".join(_line_text(line) for line in para)
        if is_heading_text(text):
            box = (
                min(w["x0"] for line in para for w in line),
                para[0][0]["top"],
                max(w["x1"] for line in para for w in line),
                max(w["bottom"] for w in para[-1]),
            )
            rows.append((box[1], PageRow("banner", box, text=text, outside_table=True)))
    rows.sort(key=lambda r: r[0])
    return PageParse(
        page=number,
        width=float(page.width),
        height=float(page.height),
        rows=tuple(r for _, r in rows),
        char_count=len(page.chars),
        image_count=len(page.images),
    )


def parse_pages(
    path: str | Path, first: int, last: int, settings: IngestSettings
) -> Iterator[PageParse]:
    """Parse pages first..last (1-based, inclusive), closing each page after use."""
    with pdfplumber.open(str(path), password=settings.password) as pdf:
        for number in range(first, min(last, len(pdf.pages)) + 1):
            page = pdf.pages[number - 1]
            try:
                yield parse_page(page, number, settings)
            finally:
                page.close()
