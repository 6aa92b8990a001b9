"""The words of a page's tables, for the conservation check, each tagged with its table.

Read by the check's own rules while the page is open, not from the reader's rows: every
word inside a table's area (a lattice table's cells and the open row below them, or a
table found from its header row, from that header down to the table's end), header rows
dropped, plus the Theme/Objective headings printed outside every table. Each word carries
the index of the table it lies in (`-1` for a heading outside), so the reader can leave
out exactly the tables it skipped as not action tables: their text is reported as
skipped, not lost, while a word of a table it read that lands in no field is still lost.
Prose outside every table (a report's paragraphs, a caption) is not table text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ingest.assemble import is_heading_text
from ingest.columns import header_strength
from ingest.pdf.geometry import BBox, group_lines, group_parents, paragraphs
from ingest.settings import IngestSettings

__all__ = ["OUTSIDE", "Region", "TaggedWord", "tagged_table_words"]

#: the table index of a heading printed outside every table
OUTSIDE = -1

#: A page word for the check: (table index or OUTSIDE, text, centre x, centre y).
TaggedWord = tuple[int, str, float, float]


@dataclass(frozen=True)
class Region:
    """One table's area on the page, and the vertical bands of its header rows (whose
    words name columns and are in no field)."""

    box: BBox
    header_bands: tuple[tuple[float, float], ...] = ()

    def holds(self, x: float, y: float, tolerance: float = 1.0) -> bool:
        x0, top, x1, bottom = self.box
        return x0 - tolerance <= x <= x1 + tolerance and top - tolerance <= y <= bottom + tolerance

    def in_header(self, y: float) -> bool:
        return any(top <= y <= bottom for top, bottom in self.header_bands)


def lattice_header_bands(
    table: Any, words: Sequence[dict[str, Any]], s: IngestSettings
) -> tuple[tuple[float, float], ...]:
    """Vertical bands of a lattice table's first rows whose cells read as a header (a
    two-row header's sub-columns too)."""

    def text_of(c: Any) -> str:
        return " ".join(
            w["text"]
            for w in words
            if c[0] <= (w["x0"] + w["x1"]) / 2 <= c[2]
            and c[1] <= (w["top"] + w["bottom"]) / 2 <= c[3]
        )

    def subs(head: list[Any], row: list[Any]) -> bool:
        """`row` holds the sub-columns of a group title in `head` (a two-row header)."""
        spans = [(c[0], c[2]) for c in row]
        filled = [bool(text_of(c)) for c in row]
        return group_parents([(c[0], c[2]) for c in head], spans, filled) is not None

    bands: list[tuple[float, float]] = []
    rows = [[c for c in r.cells if c is not None] for r in table.rows[:4]]
    for k, row in enumerate(table.rows[:3]):
        strength = header_strength(
            [text_of(c) for c in rows[k]], s.column_match_threshold, s.column_aliases
        )
        two_row = k + 1 < len(rows) and subs(rows[k], rows[k + 1])
        # a two-row header naming a column is a header even when its key cell only
        # titles the table (the reader takes it as the header in force repeated)
        if strength >= s.min_header_columns or (two_row and strength >= 1):
            bands.append((row.bbox[1], row.bbox[3]))
            if two_row:
                bands.append((table.rows[k + 1].bbox[1], table.rows[k + 1].bbox[3]))
    return tuple(bands)


def tagged_table_words(
    words: Sequence[dict[str, Any]], regions: Sequence[Region], s: IngestSettings
) -> list[TaggedWord]:
    """Every word inside a table region (header rows dropped), tagged with the first
    region holding it, and the words of heading paragraphs outside every region, tagged
    OUTSIDE; in reading order (pure)."""
    kept: list[TaggedWord] = []
    outside: list[dict[str, Any]] = []
    for w in words:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        owner = next((i for i, r in enumerate(regions) if r.holds(cx, cy)), None)
        if owner is None:
            outside.append(w)
        elif not regions[owner].in_header(cy):
            kept.append((owner, w["text"], cx, cy))
    for para in paragraphs(group_lines(outside, s.line_tolerance)):
        if is_heading_text(" ".join(w["text"] for line in para for w in line)):
            kept.extend(
                (OUTSIDE, w["text"], (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)
                for line in para
                for w in line
            )
    kept.sort(key=lambda t: (round(t[3]), t[2]))
    return kept
