"""report.pptx read back with python-pptx: the deck's slides in order, the RAG tables equal to
the snapshot's counts, lists that continue instead of overflowing. Built from real runs of
the committed DOCX samples (and, where LibreOffice is present, rendered to check the page)."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

import outputs
from outputs.deck import BODY_HEIGHT_PT, Column, Row, paginate
from outputs.rag import RAG_FILL, RAG_ORDER
from outputs.report import printed_name, theme_name
from outputs.textfit import line_count, text_width, wrap
from tests._forum_runs import sample_store, snapshot_rows
from tests.test_outputs_report import truth_actions


def slides(path: Path) -> list:
    return list(Presentation(str(path)).slides)


def title(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else ""


def tables(slide) -> list:
    return [s.table for s in slide.shapes if s.has_table]


def cell_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# --------------------------------------------------------------------------- measuring


def test_wrapped_lines_never_exceed_the_width() -> None:
    actions, _ = truth_actions("2025-Q2")
    for a in actions:
        for width in (120.0, 300.0):
            for line in wrap(a.progress_update or a.action, width, 12):
                assert text_width(line, 12) <= width or " " not in line
    assert line_count("one two three", 1000, 12) == 1
    assert line_count("first\nsecond", 1000, 12) == 2
    assert text_width("MMMM", 10) > text_width("iiii", 10)


def test_pagination_fits_every_slide_and_keeps_every_word() -> None:
    actions, _ = truth_actions("2025-Q2")
    cols = [Column("Action", 4.0), Column("Progress", 8.3)]
    rows = [Row((f"{a.ref}\n{a.action}", a.progress_update)) for a in actions]
    long_text = " ".join(a.progress_update for a in actions[:20])
    rows.append(Row(("1.1\nAn action with a very long update", long_text)))
    pages = paginate(rows, cols)
    assert len(pages) > 1
    widths = [c.width_in * 72 for c in cols]
    header = 12 * 1.2 + 7.2 + 3
    for page in pages:
        used = header
        for r in page:
            lines = max(
                line_count(t, w - 14.4, 12, bold_first=j == 0)
                for j, (t, w) in enumerate(zip(r.cells, widths, strict=True))
            )
            used += lines * 12 * 1.2 + 7.2 + 3
        assert used <= BODY_HEIGHT_PT, used
    words_in = Counter(w for r in rows for w in r.cells[1].split())
    words_out = Counter(w for p in pages for r in p for w in r.cells[1].split())
    assert words_out == words_in, "a split row keeps all its words, in order"
    assert any("(continued)" in r.cells[0] for p in pages for r in p)


# --------------------------------------------------------------------------- real runs


@pytest.fixture(scope="module")
def store() -> Path:
    return sample_store()[0]


@pytest.mark.slow
def test_deck_slides_follow_the_update_deck(store: Path) -> None:
    deck = slides(store / "reports" / "2025-Q2" / "report.pptx")
    titles = [title(s) for s in deck]
    assert titles[0] == "EDI strategy action plan update"
    subtitle = deck[0].placeholders[1].text
    assert "Quarter: 2025-Q2" in subtitle and "Compared with: 2025-Q1" in subtitle
    assert titles[1:5] == [
        "Workforce: RAG rating of the actions",
        "Communities: RAG rating of the actions",
        "Services: RAG rating of the actions",
        "All themes: RAG rating of the actions",
    ]
    order = [
        "Completed since the last update",
        "Started since the last update",
        "Dates moved",
        "New and removed actions",
        "Coming up next quarter (Jul–Sep 2025)",
        "Overdue",
    ]
    firsts = [next(i for i, t in enumerate(titles) if t.startswith(o)) for o in order]
    assert firsts == sorted(firsts), titles
    text = " ".join(
        c for s in deck for t in tables(s) for row in cell_rows(t) for c in row
    ) + " ".join(titles)
    assert not re.search(r"\d#\d", text), "never an internal reference such as 1.1#2"


@pytest.mark.slow
@pytest.mark.parametrize("period, previous", [("2025-Q2", "2025-Q1"), ("2024-Q4", "")])
def test_rag_tables_equal_the_snapshot_counts(store: Path, period: str, previous: str) -> None:
    deck = slides(store / "reports" / period / "report.pptx")
    # the deck counts actions, not cross-reference rows ("see objective 12"): they stay in
    # the snapshot, flagged, but are left out of the RAG totals
    def counted(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        return [r for r in rows if "cross-reference" not in r["warnings"]]

    rows = counted(snapshot_rows(store, period))
    before = counted(snapshot_rows(store, previous)) if previous else []
    names = {}
    for r in rows + before:
        names.setdefault(r["theme"], theme_name(r["theme"], r["theme_title"]))
    for key, name in [*names.items(), ("", "All themes")]:
        slide = next(s for s in deck if title(s) == f"{name}: RAG rating of the actions")
        (table,) = tables(slide)
        got = cell_rows(table)
        assert got[0][:2] == ["Colour rating", "Definition of colour rating"]
        assert got[0][-1] == f"Number of actions {period}"
        now = Counter(r["status"] for r in rows if not key or r["theme"] == key)
        was = Counter(r["status"] for r in before if not key or r["theme"] == key)
        body = {row[0]: row for row in got[1:]}
        for status in RAG_ORDER:
            assert body[status][-1] == str(now[status]), (name, status)
            if previous:
                assert body[status][-2] == str(was[status]), (name, status)
        assert body["Total"][-1] == str(sum(now.values()))
        # the status cell is filled in the council's RAG colour
        red_cell = table.cell(1 + [r[0] for r in got[1:]].index("Green"), 0)
        assert str(red_cell.fill.fore_color.rgb) == RAG_FILL["Green"]
        (chart,) = [s.chart for s in slide.shapes if s.has_chart]
        plot = chart.plots[0]
        assert list(plot.categories) == ([previous] if previous else []) + [period]
        series = {s.name: list(s.values) for s in plot.series}
        for status in RAG_ORDER:
            assert series[status][-1] == now[status]
        colours = {s.name: str(s.format.fill.fore_color.rgb) for s in plot.series}
        assert all(colours[s] == RAG_FILL[s] for s in RAG_ORDER)
    if not previous:
        assert not any(title(s).startswith("Completed") for s in deck)


@pytest.mark.slow
def test_list_slides_hold_the_report_items(store: Path) -> None:
    deck = slides(store / "reports" / "2025-Q2" / "report.pptx")
    changes = outputs.read_table(store / "reports" / "2025-Q2" / "changes.csv")
    completed = {
        printed_name(r.ref_after)
        for r in changes.itertuples()
        if r.change == "status_changed" and r.after == "Green"
    }
    slide = next(s for s in deck if title(s) == "Completed since the last update")
    (table,) = tables(slide)
    body = cell_rows(table)[1:]
    assert {row[0].split("\n")[0] for row in body} == completed
    assert all(row[2].startswith("• ") for row in body), "each shows its new progress sentences"
    # overdue: end date before the end of the quarter and not Green, from the snapshot itself
    snap = snapshot_rows(store, "2025-Q2")
    overdue = [r for r in snap if r["end_date"] and r["end_date"] < "2025-06-30"]
    overdue = [r for r in overdue if r["status"] != "Green"]
    shown = [
        row for s in deck if title(s).startswith("Overdue") for row in cell_rows(tables(s)[0])[1:]
    ]
    assert len(shown) == len(overdue)
    assert sorted(row[0].split("\n")[0].lower() for row in shown) == sorted(
        printed_name(r["ref"]).lower() for r in overdue
    )


@pytest.mark.slow
def test_every_list_slide_has_room_for_its_rows(store: Path) -> None:
    """Rows per slide bounded, and each table's measured height within the slide body."""
    for period in ("2024-Q4", "2025-Q1", "2025-Q2"):
        for slide in slides(store / "reports" / period / "report.pptx"):
            for table in tables(slide):
                widths = [Emu(c.width).pt for c in table.columns]
                # the size the deck wrote into the table's text (12 pt lists, 16 pt RAG)
                size = table.cell(0, 0).text_frame.paragraphs[0].runs[0].font.size.pt
                used = 0.0
                for row in cell_rows(table):
                    lines = max(
                        line_count(t, w - 14.4, size, bold_first=True)
                        for t, w in zip(row, widths, strict=True)
                    )
                    used += lines * size * 1.2 + 7.2 + 3
                assert used <= BODY_HEIGHT_PT, (period, title(slide), used)
                assert len(table.rows) <= 20


def _long_report() -> outputs.Report:
    """A quarter in which every action completed with a long progress update."""
    old, ids = truth_actions("2025-Q1")
    new = [
        dataclasses.replace(
            a,
            status="Green",
            progress_update=a.progress_update + " " + " ".join([a.action] * 6),
        )
        for a in old
    ]
    from compare import compare

    comparison = compare(old, new, old_ids=ids)
    return outputs.build_report(
        new, comparison.new_ids, "2025-Q2", old_actions=old, old_ids=ids,
        previous_period="2025-Q1", comparison=comparison, source="plan.pdf",
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice to render the deck")
def test_rendered_deck_stays_on_its_slides(tmp_path: Path) -> None:
    """LibreOffice lays the deck out: one PDF page per slide and no word below the slide."""
    import pdfplumber

    report = _long_report()
    path = outputs.write_deck(report, tmp_path / "report.pptx")
    n_slides = len(slides(path))
    completed = [s for s in slides(path) if title(s).startswith("Completed")]
    assert len(completed) > 3, "a long list continues on further slides"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    with pdfplumber.open(tmp_path / "report.pdf") as pdf:
        assert len(pdf.pages) == n_slides
        for page in pdf.pages:
            words = page.extract_words()
            assert words
            lowest = max(w["bottom"] for w in words)
            assert lowest <= page.height - 0.2 * 72, (page.page_number, lowest, page.height)
            assert max(w["x1"] for w in words) <= page.width
