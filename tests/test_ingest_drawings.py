"""ingest against the quarters drawn without a full grid (`samples/drawings/`, built by
`samples/make_drawings.py`): rules-only, banded, borderless, Word's thin rectangles,
LibreOffice rules-only and banded, WeasyPrint, and a Calc print with narrow gutters.

Each document is read once per session; nothing mocks pdfplumber. The truth is the
quarter's `samples/truth/<period>.csv`, named in `samples/drawings/truth.csv`.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import replace
from pathlib import Path

import pytest

import ingest
from ingest import Plan, check_conservation, read_plan
from ingest.pdf.page import split_at_bounds, symbol_glyphs
from ingest.pdf.stitch import continuation_evidence
from ingest.pdf.unruled import bands_of, merge_header_groups, segment_header_line
from ingest.rows import cells_row

ROOT = Path(__file__).resolve().parent.parent
DRAWINGS = ROOT / "samples" / "drawings"
FIELDS = ("theme", "theme_title", "objective", "objective_title", *ingest.COLUMNS)


def _index() -> dict[str, dict[str, str]]:
    with (DRAWINGS / "truth.csv").open(newline="", encoding="utf-8") as fh:
        return {r["style"]: r for r in csv.DictReader(fh)}


INDEX = _index()
STYLES = {style: r["period"] for style, r in INDEX.items()}


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@functools.cache
def plan_of(style: str) -> Plan:
    return read_plan(DRAWINGS / style / "plan.pdf")


@functools.cache
def truth_of(style: str) -> tuple[dict[str, str], ...]:
    """The period's truth, with the fields the style does not print (a plan without a
    number column) empty."""
    path = ROOT / "samples" / "truth" / f"{STYLES[style]}.csv"
    unprinted = INDEX[style]["unprinted"].split()
    with path.open(newline="", encoding="utf-8") as fh:
        return tuple({**r, **dict.fromkeys(unprinted, "")} for r in csv.DictReader(fh))


def test_every_drawing_is_present():
    assert set(STYLES) >= {
        "word-rects",
        "hrules",
        "banded",
        "plain",
        "lo-hborders",
        "lo-banded",
        "weasyprint",
        "calc",
        "report",
        "banded-once",
        "no-number",
    }
    for style in STYLES:
        assert (DRAWINGS / style / "plan.pdf").stat().st_size > 10_000


@pytest.mark.slow
@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_field_of_every_action_equals_truth(style):
    plan = plan_of(style)
    truth = truth_of(style)
    assert len(plan.actions) == len(truth)
    wrong = [
        (a.seq, f, getattr(a, f), t[f])
        for a, t in zip(plan.actions, truth, strict=True)
        for f in FIELDS
        if collapse(getattr(a, f)) != collapse(t[f])
    ]
    assert wrong == []


@pytest.mark.slow
@pytest.mark.parametrize("style", sorted(STYLES))
def test_conservation_exact_without_false_alarms(style):
    path = DRAWINGS / style / "plan.pdf"
    assert check_conservation(plan_of(style), path) == []


@pytest.mark.slow
def test_orphan_splits_are_stitched_with_their_text():
    """word-rects 3.9 and 4.3 leave only No., dates and Status at the page foot; the text
    starts on the next page. Each is one action spanning both pages."""
    plan = plan_of("word-rects")
    by_ref = {a.ref: a for a in plan.actions}
    for ref in ("3.9", "4.3"):
        a = by_ref[ref]
        assert len(a.provenance.pages) == 2 and "stitched" in a.flags
        assert a.action and a.start and a.status


@pytest.mark.slow
def test_conservation_catches_text_glued_across_columns():
    """The Calc print puts No. a point from the Action text; had the reader glued them
    ("1.1Recruitment"), the check must say so rather than match the pieces."""
    path = DRAWINGS / "calc" / "plan.pdf"
    plan = plan_of("calc")
    first = plan.actions[0]
    glued = replace(first, printed_no="", action=first.printed_no + first.action)
    losses = check_conservation(replace(plan, actions=(glued, *plan.actions[1:])), path)
    assert {(x.kind, x.text) for x in losses} >= {("lost", "Recruitment")}


@pytest.mark.slow
def test_tables_that_are_not_action_tables_are_reported_as_skipped_not_lost():
    """The report style prints prose and a ruled key to the ratings before the plan, and
    a ruled budget table and prose after it: each table is skipped with one line naming
    its page and header, none of its text reaches an action, and the check (exact, see
    above) does not count it as lost."""
    plan = plan_of("report")
    skipped = [n for n in plan.notes if "not an action table" in n]
    assert (
        list(plan.skipped_tables)
        == skipped
        == [
            "page 1: skipped a table that is not an action table: 'Rating | Meaning | Count'",
            "page 11: skipped a table that is not an action table: "
            "'Budget line | 2024/25 | 2025/26 | Funding source'",
        ]
    )
    text = " ".join(getattr(a, f) for a in plan.actions for f in FIELDS)
    for word in ("£12,500", "£51,200", "Workforce development fund", "Off track", "audited"):
        assert word not in text


@pytest.mark.slow
def test_a_word_of_a_read_table_in_no_field_is_still_lost():
    """Skipping tables must not blind the check: a word dropped from a cell of the action
    table the reader read (on a page that also has a skipped table) is reported."""
    path = DRAWINGS / "report" / "plan.pdf"
    plan = plan_of("report")
    last = plan.actions[-1]
    assert 11 in last.provenance.pages
    cut = replace(last, team=last.team.split(" ", 1)[1])
    damaged = replace(plan, actions=(*plan.actions[:-1], cut))
    want = [("lost", 11, last.team.split(" ", 1)[0])]
    assert plan.table_words is not None  # the words the reading carries
    losses = check_conservation(damaged, path)
    assert [(x.kind, x.page, x.text) for x in losses] == want
    # a plan without them (built elsewhere) has the pages read again: the same verdicts
    reread = replace(damaged, table_words=None)
    assert [(x.kind, x.page, x.text) for x in check_conservation(reread, path)] == want
    assert check_conservation(replace(plan, table_words=None), path) == []


@pytest.mark.slow
def test_a_header_printed_on_the_first_page_only_carries_its_columns_on():
    """banded-once prints its header on page 1 only: every later page is read under the
    columns found there (the exact-field test above), and the sample really has no header
    after page 1."""
    import pdfplumber

    with pdfplumber.open(DRAWINGS / "banded-once" / "plan.pdf") as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
    assert len(texts) >= 8 and "Team responsible" in texts[0]
    assert not any("Team responsible" in t for t in texts[1:])
    plan = plan_of("banded-once")
    assert {a.provenance.pages[-1] for a in plan.actions} == set(range(1, len(texts) + 1))
    assert len(plan.header_variants) == 1


@pytest.mark.slow
def test_a_page_of_prose_after_a_header_once_table_is_not_read_under_its_columns(tmp_path):
    """The carried columns are evidence only where the page looks like the rest of a
    table: a page of running text after banded-once's last page stays out of the plan."""
    import io

    import pypdf
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    c = Canvas(buf, pagesize=landscape(A4))
    c.setFont("Helvetica", 9)
    for i in range(30):
        c.drawString(40, 540 - 14 * i, "Glossary: the terms used in this plan, such as outcome,")
    c.showPage()
    c.save()
    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(DRAWINGS / "banded-once" / "plan.pdf").pages:
        writer.add_page(page)
    writer.add_page(pypdf.PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    path = tmp_path / "with-glossary.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    plan = read_plan(path)
    assert len(plan.actions) == len(plan_of("banded-once").actions)
    assert "Glossary" not in " ".join(a.action + a.progress_update for a in plan.actions)
    assert check_conservation(plan, path) == []


@pytest.mark.slow
def test_a_plan_without_a_number_column_stitches_its_split_rows_by_evidence():
    """no-number prints no No. column: six rows split across pages, four of them orphans
    (only dates and Status at the page foot), each rebuilt as one action from the evidence
    alone (no page-top number to go by)."""
    plan = plan_of("no-number")
    assert not any(a.printed_no for a in plan.actions)
    stitched = [a for a in plan.actions if "stitched" in a.flags]
    assert len(stitched) >= 5 and all(len(a.provenance.pages) == 2 for a in stitched)
    orphans = [n for n in plan.notes if "previous_has_no_action_text" in n and "stitched" in n]
    assert len(orphans) >= 2


def test_a_page_table_none_of_whose_rows_is_read_is_skipped_whole():
    """Rows carry the index of the table they came from: a table under no action header
    is skipped with its first row named, its banner dropped, its words not kept."""
    from ingest.pdf.page import PageParse, PageRow, RawCell
    from ingest.pdf.reader import page_rows
    from ingest.rows import Cell
    from ingest.settings import IngestSettings

    def row(*texts: str, top: float, table: int) -> PageRow:
        cells = tuple(
            RawCell(
                100.0 * i, 100.0 * i + 90, Cell.of(t), (100.0 * i, top, 100.0 * i + 90, top + 9)
            )
            for i, t in enumerate(texts)
        )
        return PageRow("cells", (0, top, 300, top + 9), cells=cells, table=table)

    rows = (
        row("Budget line", "2024/25", "Source", top=10, table=0),
        PageRow("banner", (0, 20, 300, 29), text="Capital spending", table=0),
        row("Laptops", "£4,000", "Capital", top=30, table=0),
        row("No.", "Action", "Lead", "Status", top=50, table=1),
        row("1", "Publish the plan", "EDI Team", "Green", top=60, table=1),
    )
    words = ((0, "Laptops", 20.0, 34.0), (1, "Publish", 120.0, 64.0), (-1, "Theme", 5.0, 45.0))
    got = page_rows(PageParse(1, 842, 595, rows, 60, 0, words), None, IngestSettings())
    assert [r.cells[1].text for r in got.rows if r.kind == "cells"] == ["Publish the plan"]
    assert all(r.kind != "banner" for r in got.rows)
    assert got.read == frozenset({1})
    assert got.skipped == ((0, "Budget line | 2024/25 | Source"),)


def test_private_use_bullets_become_bullets():
    assert symbol_glyphs("\uf0b7 Item \uf0a7 more") == "\u2022 Item \u2022 more"
    assert not any(0xE000 <= ord(c) < 0xF900 for c in symbol_glyphs("\ue000\uf8ff"))


def _char(text: str, x0: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + 4, "top": 10.0, "bottom": 18.0}


def test_a_word_straddling_a_column_boundary_is_cut_by_character():
    chars = [_char(c, 10 + 4 * i) for i, c in enumerate("1.1Rec")]
    word = {"text": "1.1Rec", "x0": 10, "x1": 34, "top": 10.0, "bottom": 18.0, "chars": chars}
    out = split_at_bounds([word], [((0, 0, 100, 100), (0.0, 22.5, 100.0))])
    assert [w["text"] for w in out] == ["1.1", "Rec"]
    assert out[0]["x1"] <= out[1]["x0"]


def _words(*texts: str) -> list[dict]:
    out, x = [], 0.0
    for t in texts:
        out.append({"text": t, "x0": x, "x1": x + 5 * len(t), "top": 0.0, "bottom": 8.0})
        x += 5 * len(t) + 3
    return out


def test_header_line_is_cut_into_named_cells():
    line = _words(
        "No.", "Action", "Team", "responsible", "Start", "End", "Success", "measure",
        "and", "key", "outputs", "Status", "Progress", "log",
    )  # fmt: skip
    cells = merge_header_groups(segment_header_line(line, 75.0))
    texts = [" ".join(w["text"] for w in ws) for ws, _ in cells]
    assert texts == [
        "No.",
        "Action",
        "Team responsible",
        "Start",
        "End",
        "Success measure and key outputs",
        "Status",
        "Progress log",
    ]


def test_rows_from_white_space_when_nothing_is_drawn():
    lines = [(0, 8), (9, 17), (24, 32), (39, 47), (48, 56), (57, 65)]  # rows of 2, 1, 3 lines
    bands = bands_of(lines, [], -1, 70)
    assert [sum(1 for t, _ in lines if b.top <= t < b.bottom) for b in bands] == [2, 1, 3]


def test_an_orphan_part_at_the_page_foot_is_continued():
    orphan = cells_row({"printed_no": "3.9", "start": "Jan-25", "end": "Mar-25", "status": "Amber"})
    text = cells_row({"action": "Develop a plan", "team": "EDI Team", "progress_update": "Done."})
    ev = continuation_evidence(orphan, text, 10.0)
    assert ev["previous_has_no_action_text"] > 0
    assert "text_where_previous_had_none" not in ev
    assert sum(ev.values()) >= 1.0


def test_a_table_that_is_not_an_action_table_is_skipped_not_mixed_in():
    from ingest.pdf.page import PageParse, PageRow, RawCell
    from ingest.pdf.reader import page_rows
    from ingest.rows import Cell
    from ingest.settings import IngestSettings

    def row(*texts: str, top: float) -> PageRow:
        cells = tuple(
            RawCell(
                100.0 * i, 100.0 * i + 90, Cell.of(t), (100.0 * i, top, 100.0 * i + 90, top + 9)
            )
            for i, t in enumerate(texts)
        )
        return PageRow("cells", (0, top, 300, top + 9), cells=cells)

    parse = PageParse(
        1,
        842,
        595,
        # three plan columns but no action column (since #14 the one required column): a
        # table of who does what, not of actions
        (row("Ref", "Lead officer", "Status", top=10), row("1", "J. Smith", "Complete", top=20)),
        40,
        0,
    )
    got = page_rows(parse, None, IngestSettings())
    assert got.rows == [] and got.header is None and got.seen == []
    assert got.missing == ["Action"]
