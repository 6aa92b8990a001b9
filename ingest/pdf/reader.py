"""PDF pages -> whole table rows: name columns, stitch page-split rows, glue lines.

Column names come from the header row on each page (matched fuzzily); a page without a
header keeps the last one in force. Per-page parsing (`ingest.pdf.page`) is independent of
every other page; only this module looks across pages.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect

from ingest.assemble import is_heading_text
from ingest.columns import (
    Aliases,
    extra_header,
    group_names,
    header_strength,
    is_extra,
    map_columns,
    missing_required,
    name_columns,
)
from ingest.errors import (
    EncryptedDocumentError,
    IngestError,
    MissingColumnsError,
    NoActionTableError,
    NoTextLayerError,
    wrapped_in,
)
from ingest.forms import in_document_order
from ingest.parallel import parse_document
from ingest.pdf.forms import read_pdf_forms
from ingest.pdf.geometry import group_parents
from ingest.pdf.page import PageParse, PageRow, RawCell, parse_page_of
from ingest.pdf.stitch import decision_note, stitch_logged
from ingest.pdf.unruled import same_columns
from ingest.pdf_guard import check_page_count, open_pdf
from ingest.records import COLUMNS, Box
from ingest.rows import Cell, TableRow, resolve_lines
from ingest.settings import IngestSettings
from ingest.textjoin import Lexicon, Line, vocabulary

Header = tuple[tuple[float, float, str], ...]  # (x0, x1, canonical column) per header cell


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def name_cells(cells: Sequence[RawCell], header: Header) -> tuple[tuple[Cell, ...], str]:
    """A row's cells in canonical column order, by x-overlap with the header (pure)."""
    named, colour, _ = named_cells(cells, header)
    return named, colour


def named_cells(
    cells: Sequence[RawCell], header: Header
) -> tuple[tuple[Cell, ...], str, tuple[tuple[str, Cell], ...]]:
    """`name_cells`, plus the cells under unknown columns as (printed header, cell) pairs."""
    lines: dict[str, tuple[Line, ...]] = {}
    colour = ""
    for rc in cells:
        best, best_ov = None, 0.0
        for x0, x1, name in header:
            ov = _overlap(rc.x0, rc.x1, x0, x1)
            if ov > best_ov:
                best, best_ov = name, ov
        if best is None:
            continue
        lines[best] = lines.get(best, ()) + rc.cell.lines
        if best == "status" and rc.colour:
            colour = rc.colour
    extra = tuple(
        (extra_header(name), Cell(lines[name]))
        for _, _, name in header
        if is_extra(name) and lines.get(name)
    )
    return tuple(Cell(lines.get(c, ())) for c in COLUMNS), colour, extra


def fold_sub_header(
    head: PageRow, row: PageRow, threshold: float = 75.0, aliases: Aliases = ()
) -> tuple[list[str], Header] | None:
    """A header with the row under it folded in when that row holds the sub-columns of a
    group title (pure): the header texts and the header, or None when `row` is data."""
    parents = group_parents(
        [(c.x0, c.x1) for c in head.cells],
        [(c.x0, c.x1) for c in row.cells],
        [bool(c.cell.text) for c in row.cells],
    )
    if parents is None:
        return None
    spans: list[tuple[float, float]] = []
    texts: list[str] = []
    own: list[tuple[str, str]] = []
    for i, h in enumerate(head.cells):
        subs = [c for c, p in zip(_filled(row), parents, strict=True) if p == i]
        if not subs:
            spans.append((h.x0, h.x1))
            texts.append(h.cell.text)
            continue
        names, given = group_names(h.cell.text, [c.cell.text for c in subs])
        spans.extend((c.x0, c.x1) for c in subs)
        texts.extend(names)
        own.extend(given)
    named = name_columns(texts, threshold, (*aliases, *own))
    return texts, tuple((*spans[i], name) for i, name in named.items())


def is_header_row(row: PageRow, below: PageRow | None, s: IngestSettings) -> bool:
    """A row naming enough plan columns; one naming one fewer also is when the row below
    holds the sub-columns of a group title in it (a two-row header, "KPIs | RAG rating:
    Latest, Previous | DoT": the merged title is evidence of a header in itself)."""
    texts = [rc.cell.text for rc in row.cells]
    strength = header_strength(texts, s.column_match_threshold, s.column_aliases)
    if strength >= s.min_header_columns:
        return True
    return (
        strength >= max(2, s.min_header_columns - 1)
        and below is not None
        and below.kind == "cells"
        and fold_sub_header(row, below, s.column_match_threshold, s.column_aliases) is not None
    )


def aligned(cells: Sequence[RawCell], header: Header, tolerance: float = 3.0) -> bool:
    """Whether a row's cells stand on the header's column boundaries (pure): the test a
    row on a later page must pass to continue the table whose header is in force."""
    xs = sorted({x for x0, x1, _ in header for x in (x0, x1)})
    return all(
        any(abs(c.x0 - x) <= tolerance for x in xs) and any(abs(c.x1 - x) <= tolerance for x in xs)
        for c in cells
        if c.cell.text
    )


def repeats(new: Header, old: Header, tolerance: float = 3.0) -> bool:
    """Whether a folded two-row header has the columns (names and widths) of the header in
    force, the key column aside: its cell may title the table instead (pure)."""
    if len(new) != len(old) or not new:
        return False
    shift = new[0][0] - old[0][0]  # the table may stand further in: widths must match
    for (a0, a1, a), (b0, b1, b) in zip(new, old, strict=True):
        if abs(a0 - shift - b0) > tolerance or abs(a1 - shift - b1) > tolerance:
            return False
        if a != b and not (b == "action" and is_extra(a)):
            return False
    return True


def _filled(row: PageRow) -> list[RawCell]:
    return [c for c in row.cells if c.cell.text]


@dataclass(frozen=True)
class PageRead:
    """One page's rows named by column, and what became of each of its tables."""

    rows: list[TableRow]
    header: Header | None  # the header in force at the page's foot
    seen: list[str]  # header texts read on this page
    missing: list[str] | None  # the missing required columns of a header that does not qualify
    read: frozenset[int]  # tables whose rows were read (or that hold only headings)
    skipped: tuple[tuple[int, str], ...] = ()  # (table, its first row's text) left out


def page_rows(parse: PageParse, header: Header | None, s: IngestSettings) -> PageRead:
    """One page's rows named by column, under the header in force (pure). A table none
    of whose rows is read (its header names too few plan columns, or it has none) is
    skipped whole, its banners too: only action tables reach the plan. A table of banners
    only (a Theme row drawn as a box of its own) is kept when a header is in force or its
    text reads as a Theme/Objective heading."""
    out: list[TableRow] = []
    out_tables: list[int] = []
    read: set[int] = set()
    headed: set[int] = set()  # tables with a banner under a header in force, or a heading
    seen: list[str] = []
    partial: list[str] | None = None
    head: PageRow | None = None  # the header row just read, until the row after it
    header_table: int | None = None  # the table of the header read on this page
    absorbed: list[int] = []  # rows folded into the header row above them
    skip_sub = False  # the row below a repeated two-row header is its sub-columns
    for k, prow in enumerate(parse.rows):
        box = Box(parse.page, *prow.box)
        if prow.kind == "banner":
            out.append(
                TableRow(
                    "banner",
                    text=prow.text,
                    pages=(parse.page,),
                    boxes=(box,),
                    outside_table=prow.outside_table,
                )
            )
            out_tables.append(prow.table)
            if header is not None or is_heading_text(prow.text):
                headed.add(prow.table)
            continue
        if k in absorbed:
            continue
        texts = [rc.cell.text for rc in prow.cells]
        if head is not None and (folded := fold_sub_header(head, prow, *_naming(s))):
            head = None
            texts, header = folded
            seen[-1] = " | ".join(texts)
            continue
        head = None
        nxt = parse.rows[k + 1] if k + 1 < len(parse.rows) else None
        if skip_sub:
            skip_sub = False
            continue
        if header is not None and nxt is not None and nxt.kind == "cells":
            again = fold_sub_header(prow, nxt, *_naming(s))
            if again is not None and repeats(again[1], header):
                # the same two-row header again, its key cell naming the next table
                # ("Integrated Children's Services" where the others said "... KPIs")
                seen.append(" | ".join(again[0]))
                read.add(prow.table)
                header_table = prow.table
                skip_sub = True
                continue
        inside = _rows_inside(parse.rows, k)
        if inside and (nxt is None or fold_sub_header(prow, nxt, *_naming(s)) is None):
            merged = _merge_rows(prow, [parse.rows[i] for i in inside])
            if is_header_row(merged, None, s):
                # a header cell the grid cuts into stacked pieces ("RESSOURCES" over
                # "NECESSAIRES"): rows inside the header row's height are part of it
                # (sub-columns under a group title are a two-row header instead)
                prow, texts, absorbed = merged, [rc.cell.text for rc in merged.cells], inside
                nxt = None
        if is_header_row(prow, nxt, s):
            mapping = map_columns(texts, s.column_match_threshold, s.column_aliases)
            missing = missing_required(mapping)
            if missing:
                partial = missing
                header = None
                continue
            header = tuple(  # unknown columns too, so their text is kept (issue 14)
                (prow.cells[i].x0, prow.cells[i].x1, name)
                for i, name in name_columns(
                    texts, s.column_match_threshold, aliases=s.column_aliases
                ).items()
            )
            seen.append(" | ".join(texts))
            read.add(prow.table)
            header_table = prow.table
            head = prow
            continue
        if header is None:
            continue  # not inside an action table
        if (not seen or prow.table != header_table) and not aligned(prow.cells, header):
            # the table from the page before, or the one above, has ended: another begins
            header = None
            continue
        cells, colour, extra = named_cells(prow.cells, header)
        read.add(prow.table)
        out.append(
            TableRow(
                "cells",
                cells=cells,
                pages=(parse.page,),
                boxes=(box,),
                status_colour=colour,
                extra=extra,
                closed=prow.closed,
                flags=() if prow.closed else ("no-bottom-rule",),
                header_text=seen[-1] if seen else "",
            )
        )
        out_tables.append(prow.table)
    tables = {r.table for r in parse.rows if r.table >= 0}
    headings_only = {
        t for t in tables & headed if all(r.kind == "banner" for r in parse.rows if r.table == t)
    }
    kept = read | headings_only
    skipped = tuple((t, _first_text(parse, t)) for t in sorted(tables - kept))
    out = [r for r, t in zip(out, out_tables, strict=True) if t < 0 or t in kept]
    if out:
        out[0] = replace(out[0], page_top=True)
        out[-1] = replace(out[-1], page_bottom=True)
    return PageRead(out, header, seen, partial, frozenset(kept), skipped)


def _rows_inside(rows: Sequence[PageRow], k: int) -> list[int]:
    """Indexes of the cell rows right after row k of its table that lie within row k's
    height (pure)."""
    top, bottom = rows[k].box[1], rows[k].box[3]
    out: list[int] = []
    for i in range(k + 1, len(rows)):
        r = rows[i]
        if r.kind != "cells" or r.table != rows[k].table:
            break
        if r.box[1] < top - 1 or r.box[3] > bottom + 1:
            break
        out.append(i)
    return out


def _merge_rows(row: PageRow, below: Sequence[PageRow]) -> PageRow:
    """`row` with the text of the cells of `below` added to the cell each stands under,
    top to bottom (pure)."""
    cells = list(row.cells)
    for r in below:
        for rc in r.cells:
            if not rc.cell.text:
                continue
            cx = (rc.x0 + rc.x1) / 2
            i = next((j for j, c in enumerate(cells) if c.x0 <= cx <= c.x1), None)
            if i is None:
                continue
            c = cells[i]
            cells[i] = replace(c, cell=Cell((*c.cell.lines, *rc.cell.lines)))
    return replace(row, cells=tuple(cells))


def _naming(s: IngestSettings) -> tuple[float, Aliases]:
    """How headers are matched: the fuzzy threshold and the store's own aliases."""
    return s.column_match_threshold, s.column_aliases


def _first_text(parse: PageParse, table: int) -> str:
    """A skipped table's first row as printed, to name it in the run log."""
    for r in parse.rows:
        if r.table == table:
            text = r.text or " | ".join(c.cell.text for c in r.cells if c.cell.text)
            if text:
                return text if len(text) <= 80 else text[:77] + "..."
    return ""


def line_height_of(parses: Iterable[PageParse]) -> float:
    """A typical text line height: the median height of one-line cells."""
    heights = sorted(
        (rc.box[3] - rc.box[1]) / max(1, len(rc.cell.lines))
        for p in parses
        for r in p.rows
        for rc in r.cells
        if rc.cell.lines
    )
    return heights[len(heights) // 2] if heights else 12.0


#: the conservation check's words of one page: (text, centre x, centre y), reading order
PageWords = tuple[int, tuple[tuple[str, float, float], ...]]


@dataclass(frozen=True)
class PdfPages:
    """Every page's named rows, before stitching."""

    pages: list[list[TableRow]]
    headers: list[str]
    page_count: int
    line_height: float
    #: per page, the words of the tables read (and the headings outside every table):
    #: what the conservation check must find in the plan's fields
    table_words: list[PageWords]
    #: run-log lines, one per table left out as not an action table
    skipped: list[str] = field(default_factory=list)
    #: the records of form tables (label | value), whole, in document order
    forms: tuple[TableRow, ...] = ()
    form_notes: list[str] = field(default_factory=list)


def read_pdf_pages(
    path: Path, s: IngestSettings, progress: Callable[[int, int], None] | None = None
) -> PdfPages:
    """Parse every page and name its columns; refuse documents with nothing to read."""
    page_count = _page_count(path, s)
    parses = parse_document(path, page_count, s, progress)
    if page_count == 0 or not any(p.char_count for p in parses):
        raise NoTextLayerError("no text layer: scanned? run OCR first")
    parses = _with_carried_columns(path, parses, s)
    header: Header | None = None
    pages: list[list[TableRow]] = []
    headers_seen: list[str] = []
    partial: list[str] | None = None
    skipped: list[str] = []
    words: list[PageWords] = []
    reads: list[PageRead] = []
    for parse in parses:
        got = page_rows(parse, header, s)
        reads.append(got)
        header = got.header
        partial = partial or got.missing
        for h in got.seen:
            if h not in headers_seen:
                headers_seen.append(h)
        pages.append(got.rows)
    # tables that are not action tables may be forms (label | value): ingest.pdf.forms
    forms = read_pdf_forms(parses, [got.read for got in reads], s)
    for parse, got in zip(parses, reads, strict=True):
        skipped.extend(
            f"page {parse.page}: skipped a table that is not an action table: {text!r}"
            for t, text in got.skipped
            if (parse.page, t) not in forms.tables
        )
        words.append(
            (
                parse.page,
                tuple(
                    (t, x, y)
                    for k, t, x, y in parse.table_words
                    if k < 0 or k in got.read or forms.holds(parse.page, k, x, y)
                ),
            )
        )
    headers_seen.extend(h for h in forms.headers if h not in headers_seen)
    if not headers_seen:
        if partial:
            raise MissingColumnsError(f"table is missing required columns: {', '.join(partial)}")
        raise NoActionTableError("no action-plan table found")
    return PdfPages(
        _with_room_below(pages),
        headers_seen,
        page_count,
        line_height_of(parses),
        words,
        skipped,
        forms.rows,
        list(forms.notes),
    )


def _with_carried_columns(
    path: Path, parses: list[PageParse], s: IngestSettings
) -> list[PageParse]:
    """The pages as read in order: a page that prints no header line reads its table
    under the columns the page before it ended with (a borderless table whose header is
    printed on its first page only). A page parsed in parallel was read under its
    worker's guess at those columns; where the guess was wrong (typically only the first
    page of the second worker's share), the page is read again here, in page order, so
    the result is exactly that of a read in order."""
    out = list(parses)
    with contextlib.ExitStack() as stack:
        pdf = None
        for i, parse in enumerate(out):
            right = out[i - 1].columns if i else None
            if parse.headerless and not same_columns(parse.given, right):
                if pdf is None:
                    pdf = stack.enter_context(pdfplumber.open(str(path), password=s.password))
                out[i] = parse_page_of(pdf, parse.page, s, right)
    return out


@dataclass(frozen=True)
class PdfRows:
    """A PDF read: its rows stitched and glued, and what the conservation check needs."""

    rows: list[TableRow]
    headers: list[str]
    page_count: int
    notes: list[str]
    table_words: tuple[PageWords, ...]
    skipped: tuple[str, ...] = ()  # one line per table skipped as not an action table


def read_pdf_rows(
    path: Path, s: IngestSettings, progress: Callable[[int, int], None] | None = None
) -> PdfRows:
    """All table rows of a PDF, stitched across pages, with lines glued."""
    doc = read_pdf_pages(path, s, progress)
    stitched, decisions = stitch_logged(doc.pages, s.stitch_threshold, doc.line_height)
    stitched = in_document_order(stitched, doc.forms)  # form records are whole already
    lexicon = Lexicon(vocabulary(c.lines for r in stitched for c in r.cells))
    rows = [resolve_lines(r, lexicon) for r in stitched]
    notes = doc.skipped + doc.form_notes + [decision_note(d) for d in decisions]
    return PdfRows(
        rows, doc.headers, doc.page_count, notes, tuple(doc.table_words), tuple(doc.skipped)
    )


def _with_room_below(pages: list[list[TableRow]]) -> list[list[TableRow]]:
    """Mark each page's last row with the space left below it, against the lowest table
    bottom of the whole document (the page's usable floor)."""
    bottoms = [r.boxes[-1].bottom for rows in pages for r in rows if r.boxes]
    if not bottoms:
        return pages
    floor = max(bottoms)
    out = []
    for rows in pages:
        if rows and rows[-1].kind == "cells" and rows[-1].boxes:
            last = rows[-1]
            rows = [*rows[:-1], replace(last, room_below=floor - last.boxes[-1].bottom)]
        out.append(rows)
    return out


def _page_count(path: Path, s: IngestSettings) -> int:
    try:
        with open_pdf(str(path), s.password) as pdf:
            check_page_count(pdf, s.limits)  # before pdfplumber builds every page
            return len(pdf.pages)
    except IngestError:
        raise
    except Exception as exc:
        if wrapped_in(exc, PDFPasswordIncorrect) is not None:
            msg = "wrong password" if s.password else "encrypted; supply --password"
            raise EncryptedDocumentError(msg) from None
        raise
