"""Check that no table text was lost or used twice on the way from page to actions.

Independent of the stitcher and the row assembler: it re-reads each page's words, keeps
those inside the table area (the extent of the ruling lines) and the Theme/Objective
headings printed outside it, drops the repeated header rows, and then finds every page
word in exactly one output field (an action's cells or a heading's text) whose
provenance includes that page. Words left on a page were lost; output words left over
were invented or used twice. A word glued across a line or page break ("Recruitmen" +
"t", "Dec-" + "24") is matched piece by piece as a prefix of the output word; pieces side
by side on one line never make one output word, so text of two columns glued together
("1.1Recruitment") is caught.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.assemble import is_heading_text
from ingest.errors import ConservationError, LimitExceededError
from ingest.fingerprint import file_sha256
from ingest.forms import label_rows
from ingest.limits import time_budget
from ingest.read import SHEET_KINDS
from ingest.records import COLUMNS, Box, Plan, Provenance
from ingest.settings import IngestSettings


@dataclass(frozen=True)
class Loss:
    """One word not conserved: `kind` is 'lost' (on the page, in no output field) or
    'extra' (in an output field, not on the page: invented or used twice)."""

    kind: str
    page: int  # 1-based; 0 for DOCX (pages unknown)
    text: str
    where: str = ""  # the action ref or heading text it concerns, for 'extra'

    def __str__(self) -> str:
        place = f"page {self.page}" if self.page else "document"
        what = "text lost" if self.kind == "lost" else "text used twice or invented"
        return f"{place}: {what}: {self.text!r}" + (f" ({self.where})" if self.where else "")


@dataclass
class _Item:
    """An output field group (an action or a heading) and its unmatched words."""

    label: str
    pages: frozenset[int]
    tokens: Counter[str]
    boxes: tuple[Box, ...] = ()
    #: the unmatched rest of an output word whose first piece was found, with the page
    #: and height of that piece: the rest must come from another line or page
    rests: list[tuple[str, int, float]] = field(default_factory=list)

    def boxes_on(self, page: int) -> tuple[tuple[float, float, float, float], ...]:
        """This output's boxes on `page`, widened by the 2-point tolerance."""
        return tuple(
            (b.x0 - 2, b.top - 2, b.x1 + 2, b.bottom + 2) for b in self.boxes if b.page == page
        )


#: height of the horizontal bands boxes are indexed by (points)
_BAND = 24.0
BoxIndex = dict[int, list[tuple[tuple[float, float, float, float], _Item]]]


def _box_index(items: Sequence[_Item], page: int) -> BoxIndex:
    """The items' boxes on `page`, filed under every horizontal band they cross, in item
    order, so finding a word's owners looks at a handful of boxes, not every output."""
    index: BoxIndex = defaultdict(list)
    for it in items:
        for box in it.boxes_on(page):
            for band in range(int(box[1] // _BAND), int(box[3] // _BAND) + 1):
                index[band].append((box, it))
    return index


def _holding(index: BoxIndex, x: float, y: float) -> list[_Item]:
    """Items with a box holding point (x, y), in item order, each once."""
    found: list[_Item] = []
    for (x0, top, x1, bottom), it in index.get(int(y // _BAND), ()):
        if x0 <= x <= x1 and top <= y <= bottom and all(f is not it for f in found):
            found.append(it)
    return found


#: A page word: its text and centre.
PageWord = tuple[str, float, float]


def _tokens(text: str) -> list[str]:
    return text.split()


def docx_unit(table: int | None, row: int) -> int:
    """A DOCX table row as a pseudo page number (0: paragraphs outside tables)."""
    return 0 if table is None else (table + 1) * 100_000 + row + 1


def _units(prov: Provenance, kind: str) -> frozenset[int]:
    if kind == "pdf":
        return frozenset(prov.pages)
    if prov.table is None:
        return frozenset({0})
    return frozenset(docx_unit(prov.table, r) for r in prov.rows)


def output_items(plan: Plan) -> list[_Item]:
    """Every action and heading as a bag of words with its pages and boxes (pure).

    For a DOCX the "pages" are table rows (see `docx_unit`), from the provenance.
    """
    items = []
    for a in plan.actions:
        words = [t for c in COLUMNS for t in _tokens(getattr(a, c))]
        words += [t for _, text in a.extra for t in _tokens(text)]  # kept unknown columns
        units = _units(a.provenance, plan.kind)
        items.append(_Item(a.ref or f"#{a.seq}", units, Counter(words), a.provenance.boxes))
    for h in plan.headings:
        units = _units(h.provenance, plan.kind)
        items.append(_Item(h.text[:40], units, Counter(_tokens(h.text)), h.provenance.boxes))
    return items


def _take_exact(word: str, items: Iterable[_Item], page: int = 0, y: float = 0.0) -> bool:
    for it in items:
        if it.tokens.get(word, 0) > 0:
            it.tokens[word] -= 1
            return True
        for k, (rest, rp, ry) in enumerate(it.rests):
            if rest == word and not _same_line(rp, ry, page, y):
                del it.rests[k]
                return True
    return False


def _same_line(page_a: int, y_a: float, page_b: int, y_b: float) -> bool:
    """Two pieces side by side on one line are two words (text of two columns printed
    close together), never one word broken across a line or page."""
    return page_a == page_b and abs(y_a - y_b) < 1.0


def match_words(
    pages: Sequence[tuple[int, Sequence[PageWord]]],
    items: Sequence[_Item],
    *,
    glued_words: bool = True,
) -> list[Loss]:
    """Consume each page's words from the output fields covering that page (pure).

    `pages`: (page number, words in reading order with their centres). A word is first
    looked for in the outputs whose box on that page holds it, then in any output
    covering the page (items without pages, i.e. DOCX, cover every page). Exact
    matches first; then a page word may be the first piece of a longer output word,
    whose rest waits for the next piece (`glued_words`, PDF only: DOCX text is whole).
    """
    losses: list[Loss] = []
    pending: list[tuple[int, str, float, list[_Item], list[_Item]]] = []
    covering = _covering(items)
    # 1. every word to an output whose box holds it, exactly: owners claim their words
    #    before any other output may (common words would otherwise be taken at random)
    for number, words in pages:
        here = covering(number)
        index = _box_index(here, number)
        for text, x, y in words:
            near = _holding(index, x, y)
            if not _take_exact(text, near):
                pending.append((number, text, y, near, here))
    # 2. pieces of glued words in their box; 3. anywhere on the page (no usable box)
    rest = []
    for number, text, y, near, here in pending:
        if not (
            _take_exact(text, near, number, y)
            or (glued_words and _take_prefix(text, near, number, y))
        ):
            rest.append((number, text, y, here))
    for number, text, y, here in rest:
        if not (
            _take_exact(text, here, number, y)
            or (glued_words and _take_prefix(text, here, number, y))
        ):
            losses.append(Loss("lost", number, text))
    for it in items:
        page = min(it.pages, default=0)
        for tok, n in it.tokens.items():
            losses.extend(Loss("extra", page, tok, it.label) for _ in range(n))
        losses.extend(Loss("extra", page, rest, it.label) for rest, _, _ in it.rests)
    return losses


def _covering(items: Sequence[_Item]) -> Callable[[int], list[_Item]]:
    """`number -> the items covering that page (or unit), in item order`, from an index
    built once: linear in the document, where filtering every item for every page (one
    page per row in a DOCX) grew with rows x rows."""
    by_page: dict[int, list[int]] = defaultdict(list)
    everywhere: list[int] = []
    for i, it in enumerate(items):
        if not it.pages:
            everywhere.append(i)
        for page in it.pages:
            by_page[page].append(i)

    def covering(number: int) -> list[_Item]:
        found = by_page.get(number, [])
        order = sorted(found + everywhere) if everywhere else found
        return [items[i] for i in order]

    return covering


def _take_prefix(word: str, items: Iterable[_Item], page: int = 0, y: float = 0.0) -> bool:
    for it in items:
        for k, (rest, rp, ry) in enumerate(it.rests):
            if len(rest) > len(word) and rest.startswith(word) and not _same_line(rp, ry, page, y):
                it.rests[k] = (rest[len(word) :], page, y)
                return True
        for tok, n in it.tokens.items():
            if n > 0 and len(tok) > len(word) and tok.startswith(word):
                it.tokens[tok] -= 1
                it.rests.append((tok[len(word) :], page, y))
                return True
    return False


def check_conservation(
    plan: Plan,
    path: str | Path,
    *,
    settings: IngestSettings | dict[str, Any] | None = None,
    strict: bool = False,
    sha256: str = "",
) -> list[Loss]:
    """Every word of table text appears in exactly one output field.

    Returns the losses (empty when all is well); with `strict=True` raises a
    `ConservationError` naming the first page and text instead. `sha256`: the file's hash
    when the caller has just taken it, so the file is not hashed a second time to know
    that the page words the plan carries are this file's.
    """
    s = IngestSettings.resolve(settings)
    try:
        with time_budget(s.limits):
            losses = _losses(plan, Path(path), s, sha256)
    except LimitExceededError as exc:
        exc.path = exc.path or str(path)
        raise
    if strict and losses:
        first = losses[0]
        more = f" (and {len(losses) - 1} more)" if len(losses) > 1 else ""
        raise ConservationError(f"{first}{more}", path=str(path))
    return losses


def _losses(plan: Plan, path: Path, s: IngestSettings, sha256: str) -> list[Loss]:
    if plan.kind == "pdf":
        return match_words(_pdf_page_words(plan, path, s, sha256), output_items(plan))
    if plan.kind in SHEET_KINDS:
        units, names = _sheet_units(path, plan.kind, s, _header_words(plan))
        return [
            _sheet_loss(x, names) for x in match_words(units, output_items(plan), glued_words=False)
        ]
    units = _docx_units(path, s, _header_words(plan))
    return [_docx_loss(x) for x in match_words(units, output_items(plan), glued_words=False)]


def _pdf_page_words(
    plan: Plan, path: Path, s: IngestSettings, sha256: str
) -> Sequence[tuple[int, Sequence[PageWord]]]:
    """The words of the tables the reader read, page by page: carried by the plan when it
    was read from this very file, else read again (the pages, not the stitched rows)."""
    if plan.table_words is not None and (sha256 or file_sha256(path)) == plan.sha256:
        return plan.table_words
    from ingest.pdf.reader import read_pdf_pages
    from ingest.pdf_guard import limits_in_force

    with limits_in_force(s.limits):
        return read_pdf_pages(path, s).table_words


def _docx_loss(loss: Loss) -> Loss:
    """Name a DOCX loss by table and row instead of a pseudo page."""
    unit = loss.page
    where = loss.where
    if unit and loss.kind == "lost":
        where = f"table {unit // 100_000}, row {unit % 100_000}"
    return Loss(loss.kind, 0, loss.text, where)


def _header_words(plan: Plan) -> frozenset[str]:
    """Words of the headers the reader named columns by (a two-row header folded in)."""
    return frozenset(w for h in plan.header_variants for w in h.split() if w != "|")


def _is_sub_header(cells: Sequence[str], header_words: frozenset[str]) -> bool:
    """A second header row right below a header: every word of it is a header word."""
    words = [w for c in cells for w in c.split()]
    return bool(words) and all(w in header_words for w in words)


def _docx_units(
    path: Path, s: IngestSettings, header_words: frozenset[str] = frozenset()
) -> list[tuple[int, list[PageWord]]]:
    """Every table row's words in the accepted view (header rows left out), keyed by
    `docx_unit`, and the Theme/Objective heading paragraphs under unit 0.

    Text is compared as a person reads it (`ingest.docx.as_read`: breaks and tabs are
    spaces, a non-breaking hyphen is '-', a soft hyphen is nothing), so a document read
    perfectly never fails on how Word stored a character; rows deleted with Track
    Changes, deleted text, field instructions and comments are not in the accepted view.
    """
    from ingest.docx import document_rows

    paragraphs, rows = document_rows(path)
    outside = [(w, 0.0, 0.0) for text in paragraphs if is_heading_text(text) for w in text.split()]
    # a form's label cells are its headers (ingest.forms): in no field
    labels = label_rows(
        rows, s.column_match_threshold, s.column_aliases, max(2, s.min_header_columns - 1)
    )
    rows = [(t, i, cells[1:] if (t, i) in labels else cells) for t, i, cells in rows]
    return [(0, outside), *_row_units(rows, s, header_words)]


def _row_units(
    rows: Iterable[tuple[int, int, list[str]]], s: IngestSettings, header_words: frozenset[str]
) -> list[tuple[int, list[PageWord]]]:
    """Each (table or sheet, row, cells) row's words under `docx_unit(table, row)`, header
    rows left out: a header, and a second header row right below it."""
    from ingest.columns import is_header_row

    units: list[tuple[int, list[PageWord]]] = []
    after_header = False
    for table, index, cells in rows:
        if is_header_row(cells, s):
            after_header = True
            continue
        if after_header and _is_sub_header(cells, header_words):
            after_header = False
            continue
        after_header = after_header and not any(cells)
        units.append((docx_unit(table, index), [(w, 0.0, 0.0) for c in cells for w in c.split()]))
    return units


def _sheet_units(
    path: Path, kind: str, s: IngestSettings, header_words: frozenset[str] = frozenset()
) -> tuple[list[tuple[int, list[PageWord]]], dict[int, str]]:
    """Every spreadsheet row's words as printed (header rows left out), keyed by
    `docx_unit(sheet, row number)`, and the sheet names by index."""
    from ingest.sheets import sheet_rows

    names: dict[int, str] = {}
    rows: list[tuple[int, int, list[str]]] = []
    for sheet, name, number, cells in sheet_rows(path, kind, s):
        names[sheet] = name
        rows.append((sheet, number, list(cells)))
    return _row_units(rows, s, header_words), names


def _sheet_loss(loss: Loss, names: dict[int, str]) -> Loss:
    """Name a spreadsheet loss by sheet and row number instead of a pseudo page."""
    where = loss.where
    if loss.page and loss.kind == "lost":
        sheet, number = loss.page // 100_000 - 1, loss.page % 100_000 - 1
        where = f"sheet {names.get(sheet, sheet + 1)!r}, row {number}"
    return Loss(loss.kind, 0, loss.text, where)
