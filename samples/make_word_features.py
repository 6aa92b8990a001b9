"""DOCX samples carrying what Microsoft Word writes, each with a known accepted view.

`.venv/bin/python samples/make_word_features.py` (or `build.py`, which calls `build_word`)
writes `samples/word/`:

- `2024-Q4/plan-features.docx`: 2024-Q4 in the `plan.docx` layout with, in known cells
  (listed in `word/features.csv`), content controls at run, cell, row and block level,
  complex fields (one nested) and simple fields, a comment, a hyperlink, line breaks, tabs,
  non-breaking and soft hyphens (elements and characters), tracked insertions, deletions,
  a tracked move and a tracked-deleted row, and Status fills as theme colours (with tint
  and shade) and as solid patterns over `w:fill="auto"`. Its accepted view is 2024-Q4.
- `2025-Q1/plan-tracked.docx`, `2025-Q2/plan-tracked.docx`: the previous quarter's
  `plan.docx` edited with Track Changes on into this quarter (cell edits as word-level
  deletions and insertions, fills changed with `w:tcPrChange`, removed actions as deleted
  rows, added ones as inserted rows, moved and reordered actions as moved rows). Accepted,
  each is its quarter.
- `2025-Q2/plan-strict.docx`: the features document of 2025-Q2 saved as Strict OOXML
  (ISO/IEC 29500 Strict namespaces and relationship types, `w:conformance="strict"`).
- `2025-Q1/plan-entity.docx`: 2025-Q1 whose document part declares an internal DOCTYPE
  entity used for every "Cambridgeshire" (issue 19: the text after it was dropped).
- `../bad/xxe.docx`: 2024-Q4 whose document part declares an external entity
  (`file:///etc/hostname`): must be refused, never read.

python-docx draws the tables (`make_docx`); lxml adds what python-docx does not write.
"""

from __future__ import annotations

import csv
import difflib
import io
import itertools
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from copy import deepcopy
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from lxml import etree  # noqa: E402
from make_docx import (  # noqa: E402
    OBJECTIVE_FILL,
    RAG_FILL,
    _action_row,
    _span_row,
    build_per_theme,
    save_deterministic,
)
from plan_data import SampleAction  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
AUTHOR = "EDI Team"
DATE = "2025-03-20T10:00:00Z"
COLUMN_ORDER = (
    "printed_no",
    "action",
    "team",
    "start",
    "end",
    "success_measure",
    "status",
    "progress_update",
)
#: Text that is in the XML but never in the accepted view (tests look for it in outputs).
DELETED_WORDS = "superseded wording withdrawn"
WITHDRAWN_ACTION = "Withdrawn draft action: consult on a superseded framework."
COMMENT_TEXT = "Reviewer query: confirm this date with Workforce Planning."


# --------------------------------------------------------------------------- XML helpers


class Ids:
    """Revision and bookmark ids, unique within a document."""

    def __init__(self) -> None:
        self.n = 100

    def __call__(self) -> str:
        self.n += 1
        return str(self.n)


def el(tag: str, text: str | None = None, **attrs: str):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(k.replace("_", ":", 1)), v)
    if text is not None:
        e.text = text
        if text != text.strip():
            e.set(qn("xml:space"), "preserve")
    return e


def _rpr(run) -> object | None:
    rpr = run.find(qn("w:rPr"))
    return deepcopy(rpr) if rpr is not None else None


def run_of(text: str, rpr, tag: str = "w:t"):
    r = el("w:r")
    if rpr is not None:
        r.append(deepcopy(rpr))
    if text:
        r.append(el(tag, text))
    return r


def revision(tag: str, ids: Ids, *children):
    wrapper = el(tag, w_id=ids(), w_author=AUTHOR, w_date=DATE)
    for c in children:
        wrapper.append(c)
    return wrapper


def cell_runs(tc) -> tuple[object, list, object | None]:
    """The first paragraph of a cell, its runs, and the rPr they carry."""
    p = tc.find(qn("w:p"))
    runs = p.findall(qn("w:r"))
    return p, runs, (_rpr(runs[0]) if runs else None)


def cell_text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(qn("w:t")))


def replace_runs(tc, pieces: list) -> None:
    """Swap a cell's runs for `pieces` (runs or wrappers), keeping the paragraph."""
    p, runs, _ = cell_runs(tc)
    for r in runs:
        p.remove(r)
    for piece in pieces:
        p.append(piece)


def action_rows(doc) -> list[list]:
    """Every action row's cells (eight `w:tc`), in document order."""
    out = []
    for table in doc.element.body.iter(qn("w:tbl")):
        for i, tr in enumerate(table.findall(qn("w:tr"))):
            tcs = tr.findall(qn("w:tc"))
            if i > 0 and len(tcs) == 8:
                out.append(tcs)
    return out


# --------------------------------------------------------------------------- features


Placement = tuple[str, str, str]  # feature, uid, column


def _split_at_word(text: str, nth: int = 1) -> tuple[str, str, str] | None:
    """(before, word, after) around the nth word (0-based), spaces kept in before/after."""
    words = list(re.finditer(r"\S+", text))
    if len(words) <= nth + 1:
        return None
    m = words[nth]
    return text[: m.start()], m.group(), text[m.end() :]


def _pick(actions: list[SampleAction], column: str, test: Callable[[str], bool], used: set):
    for i, a in enumerate(actions):
        if (a.uid, column) not in used and test(getattr(a, column)):
            used.add((a.uid, column))
            return i
    raise ValueError(f"no cell in {column} fits")


def add_features(doc, actions: list[SampleAction]) -> list[Placement]:
    """Rewrite cells of a `build_per_theme` document so that each Word feature occurs in
    a known cell; the accepted view of every cell stays its truth text."""
    rows = action_rows(doc)
    assert len(rows) == len(actions)
    ids = Ids()
    used: set[tuple[str, str]] = set()
    placed: list[Placement] = []

    def cell(i: int, column: str):
        return rows[i][COLUMN_ORDER.index(column)]

    def place(feature: str, column: str, test: Callable[[str], bool], make) -> None:
        i = _pick(actions, column, test, used)
        tc = cell(i, column)
        _, _, rpr = cell_runs(tc)
        replace_runs(tc, make(getattr(actions[i], column), rpr))
        placed.append((feature, actions[i].uid, column))

    def words(n: int) -> Callable[[str], bool]:
        return lambda t: len(t.split()) >= n

    # run-level content control around the second word
    def run_sdt(text, rpr):
        before, word, after = _split_at_word(text)
        sdt = el("w:sdt")
        pr = el("w:sdtPr")
        pr.append(el("w:alias", w_val="Responsible service"))
        pr.append(el("w:tag", w_val="team"))
        sdt.append(pr)
        content = el("w:sdtContent")
        content.append(run_of(word, rpr))
        sdt.append(content)
        return [run_of(before, rpr), sdt, run_of(after, rpr)]

    place("run-sdt", "team", words(3), run_sdt)

    # complex field: DOCPROPERTY with its result the second word
    def field_runs(instr: str, result: str, rpr) -> list:
        return [
            _fld("begin", rpr),
            run_of(instr, rpr, "w:instrText"),
            _fld("separate", rpr),
            run_of(result, rpr),
            _fld("end", rpr),
        ]

    def complex_field(text, rpr):
        before, word, after = _split_at_word(text)
        instr = ' DOCPROPERTY "KeyOutput" \\* MERGEFORMAT '
        return [run_of(before, rpr), *field_runs(instr, word, rpr), run_of(after, rpr)]

    place("complex-field", "success_measure", words(4), complex_field)

    # nested complex field: IF { DOCPROPERTY Quarter } = "Q4" "<word>" "none"
    def nested_field(text, rpr):
        before, word, after = _split_at_word(text, 2)
        inner = field_runs(" DOCPROPERTY Quarter ", "Q4", rpr)
        return [
            run_of(before, rpr),
            _fld("begin", rpr),
            run_of(" IF ", rpr, "w:instrText"),
            *inner,
            run_of(f' = "Q4" "{word}" "none" ', rpr, "w:instrText"),
            _fld("separate", rpr),
            run_of(word, rpr),
            _fld("end", rpr),
            run_of(after, rpr),
        ]

    place("nested-field", "action", words(5), nested_field)

    # simple field around the first word of a progress update
    def simple_field(text, rpr):
        before, word, after = _split_at_word(text, 0)
        fld = el("w:fldSimple", w_instr=f' QUOTE "{word}" \\* MERGEFORMAT ')
        fld.append(run_of(word, rpr))
        return [run_of(before, rpr), fld, run_of(after, rpr)]

    place("simple-field", "progress_update", words(3), simple_field)

    # hyperlink around the third word of an action
    part = doc.part
    rid = part.relate_to(
        "https://www.example.gov.uk/edi-strategy",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )

    def hyperlink(text, rpr):
        before, word, after = _split_at_word(text, 2)
        link = el("w:hyperlink", r_id=rid)
        link.append(run_of(word, rpr))
        return [run_of(before, rpr), link, run_of(after, rpr)]

    place("hyperlink", "action", words(5), hyperlink)

    # soft line break and tab in place of spaces
    def spaced(tag: str):
        def make(text, rpr):
            before, word, after = _split_at_word(text, 1)
            r = run_of(before.rstrip(), rpr)
            r.append(el(tag))
            r.append(el("w:t", word + after))
            return [r]

        return make

    place("line-break", "success_measure", words(4), spaced("w:br"))
    place("tab", "progress_update", words(4), spaced("w:tab"))
    place("line-break", "action", words(4), spaced("w:br"))

    # non-breaking hyphen (element) for a date's hyphen, and a character U+2011 elsewhere
    def nb_hyphen(text, rpr):
        left, right = text.split("-", 1)
        r = run_of(left, rpr)
        r.append(el("w:noBreakHyphen"))
        r.append(el("w:t", right))
        return [r]

    place("no-break-hyphen", "start", lambda t: bool(re.fullmatch(r"\w+-\d\d", t)), nb_hyphen)
    place(
        "no-break-hyphen-char",
        "end",
        lambda t: bool(re.fullmatch(r"\w+-\d\d", t)),
        lambda t, rpr: [run_of(t.replace("-", "\u2011"), rpr)],
    )

    # soft hyphen inside a long word (element), and U+00AD inside another
    def long_word(t: str) -> re.Match | None:
        return re.search(r"[A-Za-z]{11,}", t)

    def soft_hyphen(text, rpr):
        m = long_word(text)
        cut = m.start() + 5
        r = run_of(text[:cut], rpr)
        r.append(el("w:softHyphen"))
        r.append(el("w:t", text[cut:]))
        return [r]

    place("soft-hyphen", "action", lambda t: bool(long_word(t)), soft_hyphen)

    def soft_hyphen_char(text, rpr):
        cut = long_word(text).start() + 4
        return [run_of(text[:cut] + "\u00ad" + text[cut:], rpr)]

    place("soft-hyphen-char", "success_measure", lambda t: bool(long_word(t)), soft_hyphen_char)

    # tracked insertion of the last word, tracked deletion of words never in the text
    def tracked_edit(text, rpr):
        head, _, last = text.rpartition(" ")
        return [
            run_of(head + " ", rpr),
            revision("w:del", ids, run_of(DELETED_WORDS + " ", rpr, "w:delText")),
            revision("w:ins", ids, run_of(last, rpr)),
        ]

    place("tracked-insert-delete", "progress_update", words(4), tracked_edit)

    # tracked move: the last word was first, and was moved to the end
    def tracked_move(text, rpr):
        head, _, last = text.rpartition(" ")
        name = f"move{ids()}"
        return [
            el("w:moveFromRangeStart", w_id=ids(), w_author=AUTHOR, w_date=DATE, w_name=name),
            revision("w:moveFrom", ids, run_of(last + " ", rpr, "w:t")),
            el("w:moveFromRangeEnd", w_id=str(ids.n - 1)),
            run_of(head + " ", rpr),
            el("w:moveToRangeStart", w_id=ids(), w_author=AUTHOR, w_date=DATE, w_name=name),
            revision("w:moveTo", ids, run_of(last, rpr)),
            el("w:moveToRangeEnd", w_id=str(ids.n - 1)),
        ]

    place("tracked-move", "success_measure", words(4), tracked_move)

    # a comment on an End cell (the comment text lives in comments.xml)
    i = _pick(actions, "end", bool, used)
    tc = cell(i, "end")
    from docx.text.run import Run

    run = Run(tc.find(qn("w:p")).findall(qn("w:r"))[0], doc.part)
    comment = doc.add_comment(run, text=COMMENT_TEXT, author="Reviewer", initials="RV")
    comment._comment_elm.set(qn("w:date"), DATE)  # python-docx stamps the time of the build
    placed.append(("comment", actions[i].uid, "end"))

    # content control around a whole cell, and around whole rows
    i = _pick(actions, "status", bool, used)
    tc = cell(i, "status")
    _wrap(tc, "status-control")
    placed.append(("cell-sdt", actions[i].uid, "status"))
    # two successive rows in one row-level control (a repeating section)
    tr_a = rows[20][0].getparent()
    tr_b = rows[21][0].getparent()
    sdt = _wrap(tr_a, "rows")
    sdt.find(qn("w:sdtContent")).append(tr_b)
    placed += [("row-sdt", actions[20].uid, ""), ("row-sdt", actions[21].uid, "")]

    # a tracked-deleted row (its text deleted too) after the first action
    first_tr = rows[0][0].getparent()
    gone = deepcopy(first_tr)
    for t in gone.iter(qn("w:t")):
        t.text = ""
    gone.findall(qn("w:tc"))[1].find(qn("w:p")).find(qn("w:r")).find(
        qn("w:t")
    ).text = WITHDRAWN_ACTION
    _delete_row(gone, ids)
    first_tr.addnext(gone)
    placed.append(("deleted-row", actions[0].uid, "after"))

    # block-level control around the last table and its theme heading
    body = doc.element.body
    tables = body.findall(qn("w:tbl"))
    last = tables[-1]
    heading = last.getprevious()
    sdt = _wrap(last, "theme-table")
    sdt.find(qn("w:sdtContent")).insert(0, heading)
    placed.append(("block-sdt", actions[-1].uid, ""))

    placed += _fills(rows, actions)
    return placed


def _fld(kind: str, rpr):
    r = el("w:r")
    if rpr is not None:
        r.append(deepcopy(rpr))
    r.append(el("w:fldChar", w_fldCharType=kind))
    return r


def _wrap(element, tag: str):
    """Put `element` inside a new `w:sdt` (content control) where it stood."""
    sdt = el("w:sdt")
    pr = el("w:sdtPr")
    pr.append(el("w:tag", w_val=tag))
    sdt.append(pr)
    content = el("w:sdtContent")
    element.addprevious(sdt)
    content.append(element)
    sdt.append(content)
    return sdt


#: Status fills written as Word writes theme colours (slot, tint, shade), chosen for the
#: theme python-docx's template carries (Office 2007: accent2 red, accent3 green,
#: accent6 orange, accent1 blue), and solid patterns over an automatic fill.
THEME_FILLS = {
    "Red": ("accent2", None, None),
    "Amber": ("accent6", None, "BF"),
    "Green": ("accent3", "E6", None),
    "Blue": ("accent1", "BF", None),
}


def _fills(rows: list[list], actions: list[SampleAction]) -> list[Placement]:
    placed = []
    for i, (tcs, a) in enumerate(zip(rows, actions, strict=True)):
        if a.status not in RAG_FILL or i % 3 == 0:
            continue
        shd = tcs[6].find(qn("w:tcPr")).find(qn("w:shd"))
        if i % 3 == 1:
            slot, tint, shade = THEME_FILLS[a.status]
            shd.set(qn("w:fill"), "auto")
            shd.set(qn("w:themeFill"), slot)
            if tint:
                shd.set(qn("w:themeFillTint"), tint)
            if shade:
                shd.set(qn("w:themeFillShade"), shade)
            placed.append(("theme-fill", a.uid, "status"))
        else:
            shd.set(qn("w:val"), "solid")
            shd.set(qn("w:color"), RAG_FILL[a.status])
            shd.set(qn("w:fill"), "auto")
            placed.append(("solid-fill", a.uid, "status"))
    return placed


def _delete_row(tr, ids: Ids) -> None:
    """Mark a row deleted with Track Changes: the row and every run in it."""
    tr.get_or_add_trPr().append(el("w:del", w_id=ids(), w_author=AUTHOR, w_date=DATE))
    for r in list(tr.iter(qn("w:r"))):
        for t in r.findall(qn("w:t")):
            t.tag = qn("w:delText")
        r.addprevious(revision("w:del", ids))
        r.getprevious().append(r)


def _insert_row(tr, ids: Ids, tag: str = "w:ins") -> None:
    """Mark a row inserted (or moved here): the row and every run in it."""
    tr.get_or_add_trPr().append(el("w:ins", w_id=ids(), w_author=AUTHOR, w_date=DATE))
    for r in list(tr.iter(qn("w:r"))):
        r.addprevious(revision(tag, ids))
        r.getprevious().append(r)


# --------------------------------------------------------------------------- tracked edits


def _row_keys(actions: list[SampleAction]) -> dict[str, list[tuple]]:
    """Per theme, the body rows `build_per_theme` draws: objective rows and actions."""
    out: dict[str, list[tuple]] = {}
    objective = None
    for a in actions:
        keys = out.setdefault(a.theme, [])
        if (a.theme, a.objective) != objective:
            keys.append(("objective", a.objective, a.objective_title))
            objective = (a.theme, a.objective)
        keys.append(("action", a.uid))
    return out


def _text_diff(tc, old: str, new: str, ids: Ids) -> None:
    """Rewrite a cell as tracked word-level edits from `old` to `new`."""
    _, _, rpr = cell_runs(tc)
    a, b = re.findall(r"\s+|\S+", old), re.findall(r"\s+|\S+", new)
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(run_of("".join(a[i1:i2]), rpr))
            continue
        if i2 > i1:
            pieces.append(revision("w:del", ids, run_of("".join(a[i1:i2]), rpr, "w:delText")))
        if j2 > j1:
            pieces.append(revision("w:ins", ids, run_of("".join(b[j1:j2]), rpr)))
    replace_runs(tc, pieces)


def _refill(tc, old_status: str, new_status: str, ids: Ids) -> None:
    """A Status fill changed with Track Changes on: the old properties in w:tcPrChange."""
    old_fill, new_fill = RAG_FILL.get(old_status), RAG_FILL.get(new_status)
    if old_fill == new_fill:
        return
    tcpr = tc.find(qn("w:tcPr"))
    before = deepcopy(tcpr)
    for child in list(before):
        if child.tag == qn("w:tcPrChange"):
            before.remove(child)
    before.tag = qn("w:tcPr")
    shd = tcpr.find(qn("w:shd"))
    if shd is not None:
        tcpr.remove(shd)
    if new_fill:
        _shade_tc(tc, new_fill)
    change = el("w:tcPrChange", w_id=ids(), w_author=AUTHOR, w_date=DATE)
    change.append(before)
    tcpr.append(change)


def _shade_tc(tc, fill: str) -> None:
    shd = el("w:shd", w_val="clear", w_color="auto", w_fill=fill)
    tcpr = tc.find(qn("w:tcPr"))
    tcpr.append(shd)


def tracked_version(old: list[SampleAction], new: list[SampleAction], period: str):
    """The old quarter's `plan.docx`, edited into the new one with Track Changes on."""
    doc = build_per_theme(old, period)
    ids = Ids()
    new_by_uid = {a.uid: a for a in new}
    old_by_uid = {a.uid: a for a in old}
    old_keys, new_keys = _row_keys(old), _row_keys(new)
    plans = {
        theme: difflib.SequenceMatcher(
            None, old_keys[theme], new_keys[theme], autojunk=False
        ).get_opcodes()
        for theme in old_keys
    }
    gone = {
        k[1]
        for theme, ops in plans.items()
        for op, i1, i2, _, _ in ops
        if op != "equal"
        for k in old_keys[theme][i1:i2]
    }
    came = {
        k[1]
        for theme, ops in plans.items()
        for op, _, _, j1, j2 in ops
        if op != "equal"
        for k in new_keys[theme][j1:j2]
    }
    moved = gone & came & set(old_by_uid)
    tables = doc.element.body.findall(qn("w:tbl"))
    themes = list(old_keys)
    for theme, tbl in zip(themes, tables, strict=True):
        trs = tbl.findall(qn("w:tr"))[1:]
        by_key = dict(zip(old_keys[theme], trs, strict=True))
        anchor = tbl.findall(qn("w:tr"))[0]
        for op, i1, i2, j1, j2 in plans[theme]:
            for key in old_keys[theme][i1:i2]:
                tr = by_key[key]
                if op == "equal":
                    if key[0] == "action":
                        _edit_row(tr, old_by_uid[key[1]], new_by_uid[key[1]], ids)
                    anchor = tr
                    continue
                if key[0] == "action" and key[1] in moved:
                    _move_from(tr, ids)
                else:
                    _delete_row(tr, ids)
                anchor = tr
            if op == "equal":
                continue
            for key in new_keys[theme][j1:j2]:
                tr = _new_row(doc, tbl, key, new_by_uid)
                anchor.addnext(tr)
                anchor = tr
                if key[0] == "action" and key[1] in moved:
                    _insert_row(tr, ids, "w:moveTo")
                else:
                    _insert_row(tr, ids)
    return doc


def _move_from(tr, ids: Ids) -> None:
    tr.get_or_add_trPr().append(el("w:del", w_id=ids(), w_author=AUTHOR, w_date=DATE))
    for r in list(tr.iter(qn("w:r"))):
        r.addprevious(revision("w:moveFrom", ids))
        r.getprevious().append(r)


def _new_row(doc, tbl, key: tuple, new_by_uid: dict[str, SampleAction]):
    """A row drawn as `make_docx` draws it, taken out of the table to be placed."""
    from docx.table import Table

    table = Table(tbl, doc)
    if key[0] == "objective":
        _span_row(table, f"Objective {key[1]}: {key[2]}", OBJECTIVE_FILL)
    else:
        _action_row(table, new_by_uid[key[1]])
    tr = tbl.findall(qn("w:tr"))[-1]
    widths = tbl.findall(qn("w:tr"))[0].findall(qn("w:tc"))
    for tc, ref in zip(tr.findall(qn("w:tc")), widths, strict=False):
        src = ref.find(qn("w:tcPr")).find(qn("w:tcW"))
        if src is not None and tc.find(qn("w:tcPr")) is not None:
            old = tc.find(qn("w:tcPr")).find(qn("w:tcW"))
            if old is not None:
                old.getparent().replace(old, deepcopy(src))
    tbl.remove(tr)
    return tr


def _edit_row(tr, old: SampleAction, new: SampleAction, ids: Ids) -> None:
    tcs = tr.findall(qn("w:tc"))
    for tc, column in zip(tcs, COLUMN_ORDER, strict=True):
        before, after = getattr(old, column), getattr(new, column)
        if before != after:
            if not cell_runs(tc)[1]:
                tc.find(qn("w:p")).append(run_of("", None))
                _write_empty_rpr(tc)
            _text_diff(tc, before, after, ids)
    _refill(tcs[6], old.status, new.status, ids)


def _write_empty_rpr(tc) -> None:
    """An empty cell has no run to copy the font from: give it the body size."""
    r = tc.find(qn("w:p")).find(qn("w:r"))
    rpr = el("w:rPr")
    rpr.append(el("w:sz", w_val="16"))
    r.insert(0, rpr)


# --------------------------------------------------------------------------- packages


STRICT = {
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": (
        b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
    b"http://schemas.openxmlformats.org/drawingml/2006/main": (
        b"http://purl.oclc.org/ooxml/drawingml/main"
    ),
}


def _rewrite(data: bytes, edit: Callable[[str, bytes], bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, edit(info.filename, src.read(info.filename)))
    return out.getvalue()


def to_strict(data: bytes) -> bytes:
    """A DOCX in Strict OOXML namespaces and relationship types, as Word saves 'Strict Open
    XML Document' (the content types stay as they are)."""

    def edit(name: str, part: bytes) -> bytes:
        if not name.endswith((".xml", ".rels")):
            return part
        for old, new in STRICT.items():
            part = part.replace(old, new)
        if name == "word/document.xml":
            part = re.sub(rb"<w:document ", b'<w:document w:conformance="strict" ', part, count=1)
        return part

    return _rewrite(data, edit)


def with_doctype(data: bytes, subset: bytes, word: str, entity: str) -> bytes:
    """The document part with a DOCTYPE `subset`, and `&entity;` for every `word` in text."""

    def edit(name: str, part: bytes) -> bytes:
        if name != "word/document.xml":
            return part
        head, _, rest = part.partition(b"?>")
        rest = re.sub(
            rb"(<w:t(?: [^>]*)?>)([^<]*)",
            lambda m: m.group(1) + m.group(2).replace(word.encode(), f"&{entity};".encode()),
            rest,
        )
        return head + b"?>" + b"<!DOCTYPE w:document [" + subset + b"]>" + rest

    return _rewrite(data, edit)


def _save(doc, path: Path) -> bytes:
    save_deterministic(doc, path)
    return path.read_bytes()


def _write_bytes(data: bytes, path: Path) -> None:
    """Save package bytes with the fixed zip timestamps `save_deterministic` uses."""
    path.parent.mkdir(parents=True, exist_ok=True)
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))


def iter_xml_text(path: Path, tags: tuple[str, ...]) -> Iterator[str]:
    """Text of the given WordprocessingML elements anywhere in a DOCX (for the tests)."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith(".xml"):
                root = etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False))
                for t in tags:
                    for e in root.iter(f"{{{W}}}{t}"):
                        yield e.text or ""


def build_word(versions: dict[str, list[SampleAction]], out: Path = HERE / "word") -> None:
    """Write every sample listed in the module docstring."""
    periods = list(versions)
    placements: list[tuple[str, str, str, str]] = []
    doc = build_per_theme(versions[periods[0]], periods[0])
    placed = add_features(doc, versions[periods[0]])
    _save(doc, out / periods[0] / "plan-features.docx")
    placements += [(periods[0], "plan-features.docx", *p) for p in placed]
    for old, new in itertools.pairwise(periods):
        doc = tracked_version(versions[old], versions[new], new)
        _save(doc, out / new / "plan-tracked.docx")
    last = periods[-1]
    doc = build_per_theme(versions[last], last)
    placed = add_features(doc, versions[last])
    buf = io.BytesIO()
    doc.save(buf)
    _write_bytes(to_strict(buf.getvalue()), out / last / "plan-strict.docx")
    placements += [(last, "plan-strict.docx", *p) for p in placed]
    buf = io.BytesIO()
    build_per_theme(versions[periods[1]], periods[1]).save(buf)
    _write_bytes(
        with_doctype(buf.getvalue(), b'<!ENTITY cc "Cambridgeshire">', "Cambridgeshire", "cc"),
        out / periods[1] / "plan-entity.docx",
    )
    buf = io.BytesIO()
    build_per_theme(versions[periods[0]], periods[0]).save(buf)
    _write_bytes(
        with_doctype(
            buf.getvalue(), b'<!ENTITY cc SYSTEM "file:///etc/hostname">', "Cambridgeshire", "cc"
        ),
        HERE / "bad" / "xxe.docx",
    )
    with (out / "features.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["period", "file", "feature", "uid", "column"])
        w.writerows(placements)


def main() -> int:
    from versions import build_versions

    build_word(build_versions())
    return 0


if __name__ == "__main__":
    sys.exit(main())
