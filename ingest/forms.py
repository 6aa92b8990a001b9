"""Form-style tables (a column of labels beside a column of values) -> action rows.

An equality impact assessment, a project sheet or a risk form prints one record per
block of label | value rows ("c) Mitigating actions for Age | <the actions>", "d)
Responsible officer – Age | <a name>") instead of a header row over one row per action.
The labels play the header's part: each is mapped through the shared column vocabulary
(`ingest.columns`) once its list prefix ("a)", "1.", "(ii)"), its instruction ("? Answer:
Yes/No ...") and the part naming the record ("... for Age", "... – Disability") are set
aside. A label the vocabulary does not know is kept as its own column (`extra:<label>`),
as an unknown table column is. The part naming the record is the record's name (its
theme), never a new column per record.

Records: consecutive label rows; a label whose column the current record already has
starts the next record; a full-width row between them (a title bar) ends a record and
titles the next; a value-only row (its label cell empty, e.g. the rest of a value on the
next page) continues the value above. A block is a form when its labels name the action
and at least one other plan column, at least half of them name a plan column, and every
record has its action label.

Pure: readers turn their rows into `FormRow`s (with their own geometry) and get
`TableRow`s back, the records the rest of ingest already takes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ingest.columns import (
    ALIASES,
    EXTRA_PREFIX,
    Aliases,
    clean_header,
    map_columns,
    printed_header,
)
from ingest.records import COLUMNS, Box
from ingest.rows import Cell, TableRow
from ingest.textjoin import Line

__all__ = [
    "BREAK",
    "FIELD",
    "MORE",
    "TITLE",
    "FormRead",
    "FormRow",
    "Label",
    "form_row_of_texts",
    "in_document_order",
    "label_column",
    "label_rows",
    "read_forms",
    "split_label",
    "table_forms",
]

#: FormRow kinds: a label | value row, a value-only row continuing the value above, a
#: full-width row (a title bar), and a row that is neither (ends a form)
FIELD, MORE, TITLE, BREAK = "field", "more", "title", "break"


@dataclass(frozen=True)
class FormRow:
    """One row of a possible form, as a reader found it."""

    kind: str
    label: str = ""
    value: Cell = field(default_factory=Cell)
    text: str = ""  # a title row's text
    page: int = 0  # PDF page (0: DOCX)
    box: Box | None = None  # the row's box on its page (PDF)
    table: int | None = None  # DOCX table index
    row_index: int | None = None  # DOCX row index


#: "a)", "(b)", "1.", "2.3", "iv)", "A." before a label
_PREFIX = re.compile(
    r"^\s*(?:\d{1,3}(?:\.\d{1,3})+\.?(?=\s)|\(?(?:[a-z]|[ivx]{1,5}|\d{1,3})[).:])\s*", re.I
)
_PAREN = re.compile(r"\s*\([^)]*\)")
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_FOR = re.compile(r"\s+for\s+", re.I)
_TRAIL = " \t:;,.-\u2013\u2014*"
_SPACE = re.compile(r"\s+")
#: the end of a label's first sentence: a question mark, or a full stop before more text
_SENTENCE = re.compile(r"\?|\.\s+(?=\S)")
#: a label asking for a name or title ("Name of activity"): its value names the record,
#: it is not the action
_NAME_OF = re.compile(r"^(?:name|title)\s+of\b", re.I)


@dataclass(frozen=True)
class Label:
    """A label taken apart: what it asks (`head`, prefix and instruction set aside), and
    the parts that may name its record: after a dash, after the last "for"."""

    head: str
    question: bool
    after_dash: str = ""
    before_dash: str = ""
    after_for: str = ""
    before_for: str = ""

    def candidates(self) -> tuple[str, ...]:
        return tuple(n for n in (self.after_dash, self.after_for) if n)

    def without(self, name: str) -> str:
        """The head with the record's name (and its "for"/dash) taken out."""
        key = _key(name)
        if self.after_dash and _key(self.after_dash) == key:
            return self.before_dash
        if self.after_for and _key(self.after_for) == key:
            return self.before_for
        return self.head


def _key(text: str) -> str:
    return _SPACE.sub(" ", text).strip(_TRAIL).casefold()


def split_label(text: str) -> Label:
    """A label's head and the parts that may name its record (pure).

    "a) Are there negative impacts for age? Answer: Yes/No" -> head "Are there negative
    impacts for age", a question, "age" after "for"; "d) Responsible Officer for
    Mitigating Actions – Age" -> "Age" after the dash, "Mitigating Actions" after "for".
    """
    t = _SPACE.sub(" ", text or "").strip()
    t = _PREFIX.sub("", t, count=1)
    # the label's first sentence: what follows is an instruction ("Answer: Yes/No")
    end = _SENTENCE.search(t)
    question = end is not None and end.group(0) == "?"
    if end:
        t = t[: end.start()]
    t = _PAREN.sub("", t).strip(_TRAIL)
    after_dash = before_dash = ""
    dashes = list(_DASH.finditer(t))
    if dashes and t[dashes[-1].end() :].strip(_TRAIL):
        before_dash = t[: dashes[-1].start()].strip(_TRAIL)
        after_dash = t[dashes[-1].end() :].strip(_TRAIL)
    base = before_dash or t
    after_for = before_for = ""
    fors = list(_FOR.finditer(base))
    if fors:
        m = fors[-1]
        before_for, after_for = base[: m.start()].strip(_TRAIL), base[m.end() :].strip(_TRAIL)
    return Label(t, question, after_dash, before_dash, after_for, before_for)


#: every alias of the vocabulary over three characters, lower-cased: a label ending in
#: one ("Mitigating actions", "Name of lead") or beginning with one ("Actions to reduce
#: the impact") names that column
_SUFFIXES: dict[str, str] = {
    a.casefold(): column for column, names in ALIASES.items() for a in names if len(a) > 3
}


#: a label longer than this is not matched by its last or first words (a sentence)
_SUFFIX_WORDS = 6


@lru_cache(maxsize=4096)
def label_column(stem: str, threshold: float = 75.0, aliases: Aliases = ()) -> str | None:
    """The plan column a label's stem names, or None (pure): the vocabulary (and a store's
    aliases) on the stem, then on its part before "for", then on its last or first words."""
    if any(t == "extra" and clean_header(h) == clean_header(stem) for h, t in aliases):
        return None  # the store keeps this label as its own column
    tries = [stem]
    fors = list(_FOR.finditer(stem))
    if fors:
        tries.append(stem[: fors[0].start()])
    got = next(
        (c for t in tries if (c := map_columns([t], threshold, aliases).get(0)) is not None), None
    )
    words = _key(stem).split()
    if got is None and len(words) <= _SUFFIX_WORDS:
        # its last words ("Mitigating actions"), else its first ("Actions to reduce it")
        ends = [" ".join(words[-n:]) for n in range(len(words) - 1, 0, -1)]
        starts = [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]
        got = next((c for t in ends + starts if (c := _SUFFIXES.get(t))), None)
    if got == "action" and _NAME_OF.match(stem.strip()):
        return None
    return got


@dataclass(frozen=True)
class FormRead:
    """What the form reader made of a document's rows."""

    rows: tuple[TableRow, ...]  # per record: its title (a banner) if any, then its cells row
    used: frozenset[int]  # indexes of the input rows read into a record or a title
    labels: frozenset[int]  # indexes of the label | value rows read (their labels are headers)
    headers: tuple[str, ...]  # each form's columns, "Mitigating Actions | Responsible Officer"
    notes: tuple[str, ...] = ()


@dataclass
class _Part:
    index: int
    row: FormRow
    lines: list[Line]


@dataclass
class _Block:
    title: int | None
    fields: list[_Part] = field(default_factory=list)


def _blocks(rows: Sequence[FormRow]) -> list[_Block]:
    """Runs of label | value rows, each with the title row right above it."""
    out: list[_Block] = []
    current: _Block | None = None
    title: int | None = None
    for i, r in enumerate(rows):
        if r.kind == FIELD:
            if current is None:
                current = _Block(title)
                out.append(current)
                title = None
            current.fields.append(_Part(i, r, list(r.value.lines)))
        elif r.kind == MORE and current is not None and current.fields:
            last = next(p for p in reversed(current.fields) if p.row.kind == FIELD)
            last.lines.extend(r.value.lines)
            current.fields.append(_Part(i, r, []))  # kept for its box and page
        else:
            current = None
            title = i if r.kind == TITLE and r.text.strip() else None
    return out


def _record_name(labels: Sequence[Label], title: str) -> str:
    """The part of a record's labels that names it (shared by two or more labels), else
    the part of its title after "for" or a dash, else ""."""
    counts = Counter(_key(c) for lab in labels for c in set(map(_key, lab.candidates())))
    shared = [k for k, n in counts.most_common() if n >= 2 and k]
    if shared:
        key = shared[0]
        printed = [c for lab in labels for c in lab.candidates() if _key(c) == key]
        return next((c for c in printed if c[:1].isupper()), printed[0])
    if title:
        lab = split_label(title)
        return lab.after_dash or lab.after_for
    return ""


def _column_name(stem: str, question: bool, column: str | None) -> str:
    if column is not None:
        return column
    shown = printed_header(stem) + ("?" if question else "")
    return EXTRA_PREFIX + shown


def read_forms(
    rows: Sequence[FormRow],
    threshold: float = 75.0,
    aliases: Aliases = (),
    min_columns: int = 2,
) -> FormRead:
    """Every record of every form among `rows` (in document order) as a `TableRow` (pure).

    `min_columns`: how many plan columns a form's labels must name (the action one of
    them). Blocks that are not forms are left alone: the reader reports their tables as
    skipped, as before.
    """
    out: list[TableRow] = []
    used: set[int] = set()
    labels: set[int] = set()
    headers: list[str] = []
    notes: list[str] = []
    shown: dict[str, str] = {}  # an extra column's key -> its first printed name
    for block in _blocks(rows):
        records = _records(block, rows, threshold, aliases)
        if not _is_form(records, min_columns):
            continue
        for k, rec in enumerate(records):
            title = block.title if k == 0 else None
            if title is not None:
                t = rows[title]
                out.append(_placed(TableRow("banner", text=t.text), [t]))
                used.add(title)
            out.append(_record_row(rec, shown))
            used.update(p.index for p in rec.parts)
            labels.update(p.index for p in rec.parts if p.row.kind == FIELD)
            if out[-1].header_text not in headers:
                headers.append(out[-1].header_text)
            name = f" {rec.name!r}" if rec.name else ""
            notes.append(
                f"{_place(rec.parts)}: read form record{name} as an action"
                f" ({len(rec.columns)} labels)"
            )
    return FormRead(tuple(out), frozenset(used), frozenset(labels), tuple(headers), tuple(notes))


def _is_form(records: Sequence[_Record], min_columns: int) -> bool:
    """Labels naming `min_columns` plan columns in all, at least half of them naming one,
    and the action in every record: a form, not a two-column table of data."""
    columns = [c for rec in records for _, c, _ in rec.columns]
    named = [c for c in columns if not c.startswith(EXTRA_PREFIX)]
    return (
        len(set(named)) >= min_columns
        and 2 * len(named) >= len(columns)
        and all(any(c == "action" for _, c, _ in rec.columns) for rec in records)
    )


@dataclass
class _Record:
    name: str
    parts: list[_Part]
    #: (part, column, label as printed less the record's name) per label row, in order;
    #: the column is a plan column or extra:<label>
    columns: list[tuple[_Part, str, str]]


def _records(
    block: _Block, rows: Sequence[FormRow], threshold: float, aliases: Aliases
) -> list[_Record]:
    """A block's label rows grouped into records: a column seen again starts the next."""
    groups: list[list[_Part]] = [[]]
    seen: set[str] = set()
    for part in block.fields:
        if part.row.kind == FIELD:
            lab = split_label(part.row.label)
            key = _column_key(lab, threshold, aliases)
            if key in seen and groups[-1]:
                groups.append([])
                seen = set()
            seen.add(key)
        groups[-1].append(part)
    title = rows[block.title].text if block.title is not None else ""
    out = []
    for k, parts in enumerate(groups):
        labs = [split_label(p.row.label) for p in parts if p.row.kind == FIELD]
        name = _record_name(labs, title if k == 0 else "")
        columns = []
        for p in parts:
            if p.row.kind != FIELD:
                continue
            lab = split_label(p.row.label)
            stem = lab.without(name) if name else lab.head
            column = label_column(stem, threshold, aliases)
            columns.append((p, _column_name(stem, lab.question, column), printed_header(stem)))
        out.append(_Record(name, parts, columns))
    return out


def _column_key(lab: Label, threshold: float, aliases: Aliases) -> str:
    """A label's column regardless of the record it names: the plan column its head or a
    stem names, else its head with each part that may name a record taken out."""
    for stem in (lab.head, *(lab.without(n) for n in lab.candidates())):
        column = label_column(stem, threshold, aliases)
        if column is not None:
            return column
    return _key(lab.before_dash or lab.before_for or lab.head)


def _shown(shown: dict[str, str], column: str) -> str:
    """An extra column's name as first printed in the document (labels of one column
    differ in case and in a question mark from record to record); a plan column as is."""
    if not column.startswith(EXTRA_PREFIX):
        return column
    return shown.setdefault(column.casefold().rstrip("?"), column)


def _record_row(rec: _Record, shown: dict[str, str]) -> TableRow:
    """One record as a cells row: plan columns in their cells, the rest as extras."""
    cells: dict[str, list[Line]] = {}
    extra: list[tuple[str, Cell]] = []
    for part, column, _ in rec.columns:
        lines = part.lines
        if column.startswith(EXTRA_PREFIX):
            name = _shown(shown, column)
            if lines:
                extra.append((name.removeprefix(EXTRA_PREFIX), Cell(tuple(lines))))
        else:
            cells.setdefault(column, []).extend(lines)
    # the labels as the header in force ("Mitigating Actions | Timescale": a period)
    header = " | ".join(
        _shown(shown, c).removeprefix(EXTRA_PREFIX) if c.startswith(EXTRA_PREFIX) else label
        for _, c, label in rec.columns
    )
    row = TableRow(
        "cells",
        cells=tuple(Cell(tuple(cells.get(c, ()))) for c in COLUMNS),
        extra=tuple(extra),
        header_text=header,
        name=rec.name,
    )
    return _placed(row, [p.row for p in rec.parts])


def _place(parts: Sequence[_Part]) -> str:
    """Where a record is, for the run's notes: its pages (PDF) or table and rows (DOCX)."""
    pages = _pages(parts)
    if pages:
        return f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}-{pages[-1]}"
    rows = [p.row.row_index for p in parts if p.row.row_index is not None]
    table = next((p.row.table for p in parts if p.row.table is not None), 0)
    return f"table {table + 1}, rows {min(rows) + 1}-{max(rows) + 1}" if rows else "a table"


def _pages(parts: Sequence[_Part]) -> list[int]:
    return sorted({p.row.page for p in parts if p.row.page})


def _placed(row: TableRow, rows: Sequence[FormRow]) -> TableRow:
    """Provenance of rows: pages and one box per page (PDF), table and rows (DOCX)."""
    boxes: dict[int, Box] = {}
    for r in rows:
        if r.box is None:
            continue
        b = boxes.get(r.box.page)
        boxes[r.box.page] = (
            r.box
            if b is None
            else Box(
                b.page,
                min(b.x0, r.box.x0),
                min(b.top, r.box.top),
                max(b.x1, r.box.x1),
                max(b.bottom, r.box.bottom),
            )
        )
    tables = [r.table for r in rows if r.table is not None]
    return replace(
        row,
        pages=tuple(sorted(boxes)),
        boxes=tuple(boxes[p] for p in sorted(boxes)),
        table=tables[0] if tables else None,
        row_indexes=tuple(r.row_index for r in rows if r.row_index is not None),
    )


def _at(row: TableRow) -> tuple[int, float]:
    return (row.boxes[0].page, row.boxes[0].top) if row.boxes else (0, 0.0)


def in_document_order(rows: Sequence[TableRow], records: Sequence[TableRow]) -> list[TableRow]:
    """A reader's rows with the form records merged in where each begins on the page
    (pure): both lists are in document order, so this is a stable merge."""
    out: list[TableRow] = []
    k = 0
    for row in rows:
        while k < len(records) and _at(records[k]) < _at(row):
            out.append(records[k])
            k += 1
        out.append(row)
    out.extend(records[k:])
    return out


def form_row_of_texts(texts: Sequence[str], table: int | None, row_index: int) -> FormRow:
    """A Word table row as a form row, from its cells' texts (pure): two cells are a
    label | value row (an empty label: the value goes on, a label merged down), one cell
    across the table a title, anything else not a form row."""
    if len(texts) == 2:
        kind = FIELD if texts[0].strip() else MORE
        return FormRow(kind, texts[0], Cell.of(texts[1]), table=table, row_index=row_index)
    if len(texts) == 1 and texts[0].strip():
        return FormRow(TITLE, text=texts[0], table=table, row_index=row_index)
    return FormRow(BREAK, table=table, row_index=row_index)


def table_forms(
    table: int | None,
    rows: Sequence[tuple[int, Sequence[str]]],
    threshold: float = 75.0,
    aliases: Aliases = (),
    min_columns: int = 2,
) -> tuple[FormRead, list[FormRow]]:
    """The forms of one Word table given as (row index, cell texts) rows (pure), and its
    rows as form rows (so `FormRead.labels` can be mapped back to row indexes)."""
    form_rows = [form_row_of_texts(texts, table, index) for index, texts in rows]
    return read_forms(form_rows, threshold, aliases, min_columns), form_rows


def label_rows(
    rows: Sequence[tuple[int, int, Sequence[str]]],
    threshold: float = 75.0,
    aliases: Aliases = (),
    min_columns: int = 2,
) -> frozenset[tuple[int, int]]:
    """(table, row index) of every label | value row of a form among a document's table
    rows given as (table, row index, cell texts) (pure): their label cells are headers,
    in no field (the conservation check's view of a Word document's forms)."""
    by_table: dict[int, list[tuple[int, Sequence[str]]]] = {}
    for table, index, texts in rows:
        by_table.setdefault(table, []).append((index, texts))
    out: set[tuple[int, int]] = set()
    for table, trows in by_table.items():
        got, form_rows = table_forms(table, trows, threshold, aliases, min_columns)
        out.update((table, form_rows[i].row_index or 0) for i in got.labels)
    return frozenset(out)
