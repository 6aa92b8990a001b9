"""Typed records that leave the ingest stage.

Every action keeps where it came from (file, pages, and for PDFs a box on each
page) so a user who doubts a row can find it in the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.colour import RAG_PALETTE

#: The eight table columns, in the council's order, by their canonical names.
COLUMNS: tuple[str, ...] = (
    "printed_no",
    "action",
    "team",
    "start",
    "end",
    "success_measure",
    "status",
    "progress_update",
)

#: RAG names, as printed in the Status column and as ingest names a fill: the colours of
#: its palette (normalise.scale holds what they mean and their order).
RAG_NAMES: tuple[str, ...] = tuple(RAG_PALETTE)


@dataclass(frozen=True)
class Box:
    """Where part of an action sits on one PDF page (pdfplumber coordinates, points)."""

    page: int  # 1-based
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Provenance:
    """Where an action came from. `pages` lists every page a stitched row spans."""

    file: str
    pages: tuple[int, ...]
    boxes: tuple[Box, ...] = ()  # PDF only: one per page part
    table: int | None = None  # DOCX: 0-based table index; spreadsheet: 0-based sheet index
    #: DOCX: 0-based row indexes within the table; spreadsheet: row numbers as the
    #: application shows them (1-based)
    rows: tuple[int, ...] = ()
    sheet: str = ""  # spreadsheet only: the sheet's name


@dataclass(frozen=True)
class RawAction:
    """One action as printed: cell texts joined but otherwise untouched."""

    seq: int  # 1-based, document order
    theme: str  # "A"
    theme_title: str
    objective: str  # "1"
    objective_title: str
    printed_no: str  # exactly as printed, often ""
    ref: str  # printed number, or "<last number>#k" for the k-th action under it
    action: str
    team: str
    start: str
    end: str
    success_measure: str
    status: str  # the word in the Status cell, as printed
    progress_update: str
    status_colour: str = ""  # RAG name nearest to the Status cell's fill, "" if unshaded
    provenance: Provenance = field(default_factory=lambda: Provenance("", ()))
    flags: tuple[str, ...] = ()  # ingest observations, e.g. "stitched", "status-colour-mismatch"
    #: columns the vocabulary does not know, as (printed header, cell text) in table order:
    #: kept, never dropped ("Lead officer" beside "Team", "Shared Outcome", "Likelihood")
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Heading:
    """A Theme or Objective row (or a heading above a table), carried down onto actions."""

    kind: str  # "theme" or "objective"
    key: str  # "A" or "1"
    title: str  # text after "Theme A:" / "Objective 1:"
    text: str  # the whole heading as printed
    provenance: Provenance = field(default_factory=lambda: Provenance("", ()))


@dataclass(frozen=True)
class Plan:
    """A whole appendix: its actions in document order, and facts about the source."""

    source: str  # path as given
    sha256: str
    kind: str  # "pdf", "docx", "xlsx", "ods" or "csv"
    page_count: int  # DOCX: 0 when unknown
    actions: tuple[RawAction, ...]
    title: str = ""
    headings: tuple[Heading, ...] = ()  # every theme/objective row, in document order
    header_variants: tuple[str, ...] = ()  # distinct header texts seen (e.g. "Progress log")
    notes: tuple[str, ...] = ()  # ingest-level observations for the run log
    #: what the officer must be told about the document as a whole (e.g. unaccepted
    #: tracked changes); shown in the run log as warnings
    warnings: tuple[str, ...] = ()
    #: PDF: one line per table skipped as not an action table (page and first row), for
    #: the run log; also among `notes`
    skipped_tables: tuple[str, ...] = ()
    #: PDF: per page, the words of the tables read (and of headings outside every table),
    #: (text, centre x, centre y), for the conservation check: carried here so the check
    #: need not parse the pages again. None when not known (the check then re-reads)
    table_words: tuple[tuple[int, tuple[tuple[str, float, float], ...]], ...] | None = field(
        default=None, repr=False, compare=False
    )
