"""The report model and its two renderings, built from the samples' truth."""

from __future__ import annotations

import csv
import dataclasses
import html
import re
from collections import Counter
from pathlib import Path

import pytest

import outputs
from compare import Comparison, OverrideRule, Overrides, compare
from normalise import Action, ActionWarning
from outputs.report import theme_name

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
LABELS = {
    "Red": "Not started",
    "Amber": "In progress",
    "Green": "Completed",
    "Blue": "Planned, not started",
}


def truth_rows(period: str) -> list[dict[str, str]]:
    with (SAMPLES / "truth" / f"{period}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def truth_actions(period: str = "2024-Q4", source: str = "") -> tuple[list[Action], list[str]]:
    """Actions exactly as the samples' truth reads them, with their stable uids as ids."""
    src = source or str(SAMPLES / period / "plan-libreoffice.pdf")
    actions, ids = [], []
    for i, r in enumerate(truth_rows(period)):
        fields = {f.name: r[f.name] for f in dataclasses.fields(Action) if f.name in r}
        fields.pop("seq", None)
        actions.append(
            Action(
                **fields,
                status_label=LABELS.get(r["status"], ""),
                source_file=src,
                pages=(1 + i // 5,),
            )
        )
        ids.append(r["uid"])
    return actions, ids


def _quarter_later() -> tuple[list[Action], list[str], list[Action], list[str], Comparison]:
    """The 2024-Q4 truth, and a next quarter with one change of each kind the report shows."""
    old, old_ids = truth_actions()
    new, new_ids = list(old), list(old_ids)
    by = {a.ref: i for i, a in enumerate(old)}
    blue = next(i for i, a in enumerate(old) if a.status == "Blue" and a.end_date)
    amber = next(i for i, a in enumerate(old) if a.status == "Amber" and i != blue)
    green = next(i for i, a in enumerate(old) if a.status == "Green")
    new[blue] = dataclasses.replace(
        old[blue],
        status="Amber",
        end="Mar-26",
        end_date="2026-03-31",
        progress_update=(old[blue].progress_update + " Work started in April.").strip(),
        action=old[blue].action.replace(old[blue].action.split()[0], "Redraft", 1),
    )
    new[amber] = dataclasses.replace(old[amber], status="Green")
    new[green] = dataclasses.replace(
        old[green], status="Amber", warnings=(ActionWarning("date-unparsed", "End 'Sprng' unread"),)
    )
    new[by["1.2"]] = dataclasses.replace(old[by["1.2"]], ref="1.9")
    removed_i = len(old) - 1
    del new[removed_i], new_ids[removed_i]
    added = dataclasses.replace(old[0], ref="13.1", action="A brand new action on fair pay.")
    new.append(added)
    # the report is built from real compare() output, never from hand-made changes
    force = OverrideRule("force", old_ids[by["1.4"]], "1.4", "confirmed by hand")
    comparison = compare(old, new, old_ids=old_ids, overrides=Overrides((force,)))
    # compare flagged no pair for review on these actions; mark one to see the note rendered
    comparison = dataclasses.replace(comparison, review=(comparison.matches[0],))
    new_ids = list(comparison.new_ids)
    return old, old_ids, new, new_ids, comparison


@pytest.fixture(scope="module")
def report() -> outputs.Report:
    old, old_ids, new, new_ids, comparison = _quarter_later()
    return outputs.build_report(
        new,
        new_ids,
        "2025-Q1",
        old_actions=old,
        old_ids=old_ids,
        previous_period="2024-Q4",
        comparison=comparison,
        source=str(SAMPLES / "2025-Q1" / "plan-libreoffice.pdf"),
    )


def test_rag_summary_counts_match_truth_by_theme() -> None:
    actions, _ids = truth_actions()
    themes, overall = outputs.report.rag_summary(actions, None)
    rows = truth_rows("2024-Q4")
    for t in themes:
        expect = Counter(r["status"] for r in rows if r["theme"] == t.key)
        got = {row.status: row.current for row in t.rows}
        for status in ("Red", "Amber", "Green", "Blue"):
            assert got[status] == expect[status], (t.name, status)
        assert t.current_total == sum(expect.values())
    assert overall.current_total == len(rows)
    assert [t.name for t in themes] == ["Workforce", "Communities", "Services"]


def test_theme_names_follow_the_deck_with_a_fallback() -> None:
    assert theme_name("C", "Our services – as a provider and a commissioner: Ensure") == "Services"
    assert theme_name("D", "Partnership working across the county") == (
        "D: Partnership working across the county"
    )
    assert theme_name("", "") == "No theme"


def test_status_moves_are_sorted_into_completed_started_regressions(report) -> None:
    assert [(m.before, m.after) for m in report.completed] == [("Amber", "Green")]
    assert [(m.before, m.after) for m in report.started] == [("Blue", "Amber")]
    assert [(m.before, m.after) for m in report.regressions] == [("Green", "Amber")]


def test_added_removed_renumbered(report) -> None:
    assert [a.ref for a in report.added] == ["13.1"]
    assert len(report.removed) == 1
    assert [(m.ref_before, m.ref_after, m.moved) for m in report.renumbered] == [
        ("1.2", "1.9", False)
    ]


def test_dates_moved_in_months_and_direction(report) -> None:
    (move,) = report.dates_moved
    assert move.column == "end" and move.after == "Mar-26"
    assert move.direction == "slipped" and move.months and move.months > 0


def test_progress_shows_only_the_added_sentence(report) -> None:
    (note,) = report.progress
    assert note.sentences == ("Work started in April.",)


def test_quality_notes_list_warnings_reviews_and_overrides(report) -> None:
    kinds = Counter(q.kind for q in report.quality)
    assert kinds == {"warning": 1, "review": 1, "override": 1}


def test_overdue_uses_the_end_of_the_period() -> None:
    actions, ids = truth_actions()
    rep = outputs.build_report(actions, ids, "2025-Q2")
    expect = {
        i
        for a, i in zip(actions, ids, strict=True)
        if a.end_date and a.end_date < "2025-06-30" and a.status != "Green"
    }
    assert {o.action.action_id for o in rep.overdue} == expect
    assert expect, "the truth should have overdue actions by mid-2025"


def test_stalled_needs_two_quarters_of_no_change(report) -> None:
    stalled = {s.action.ref for s in report.stalled}
    changed = {m.action.ref for m in report.started + report.completed + report.regressions}
    assert stalled and not stalled & changed
    assert all(s.quarters == 2 and s.since == "2024-Q4" for s in report.stalled)
    assert all(s.status != "Green" for s in report.stalled)


def test_markdown_rendering_shows_every_section(report) -> None:
    md = outputs.render_markdown(report)
    for n, title in enumerate(
        [
            "RAG summary by theme",
            "Progress since the last update",
            "New, removed and renumbered actions",
            "Reworded actions",
            "Dates moved",
            "Progress updates",
            "Overdue and stalled",
            "Data-quality notes",
        ],
        start=1,
    ):
        assert f"## {n}. {title}" in md
    assert "~~" in md and "**Redraft**" in md
    assert "| Amber | In progress |" in md


def test_html_is_self_contained_with_diff_and_page_numbers(report) -> None:
    html = outputs.render_html(report)
    assert "<svg" in html and "<del>" in html and "<ins>Redraft</ins>" in html
    assert not re.search(r"<(link|script|img)\b|@import|src=", html)
    # emailed, a file:// link points at the officer's disk: pages are text instead
    assert "file:" not in html and "href=" not in html
    assert re.search(r'<span class="page">p\. \d+</span>', html)
    assert str(SAMPLES) not in html and "Source: plan-libreoffice.pdf" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_first_quarter_report_has_no_change_sections() -> None:
    actions, ids = truth_actions()
    rep = outputs.build_report(actions, ids, "2024-Q4")
    md = outputs.render_markdown(rep)
    assert "First quarter on record" in md
    assert "## 2." not in md and "## 7. Overdue and stalled" in md


def test_unnamed_period_is_judged_as_of_today() -> None:
    """diff of two documents without --period: labels are file names, overdue is as of today."""
    actions, ids = truth_actions()
    rep = outputs.build_report(actions, ids, "plan.docx", old_actions=actions, old_ids=ids,
                               previous_period="old.docx")  # fmt: skip
    assert rep.period == "plan.docx"
    assert len(rep.overdue) >= len(outputs.build_report(actions, ids, "2025-Q2").overdue)
    assert "# EDI strategy action plan update — plan.docx" in outputs.render_markdown(rep)


def test_chart_wraps_a_long_theme_name_left_of_the_quarter_labels(report) -> None:
    """Each theme's name is drawn in lines short enough for the label column, every word
    kept, and the next theme starts below the last line."""
    long_name = "B: Knowing our communities and the people who live in them"
    first = dataclasses.replace(report.themes[0], name=long_name)
    report = dataclasses.replace(report, themes=(first, *report.themes[1:]))
    svg = outputs.rag_chart_svg(report)
    names = re.findall(r'<text x="0" y="[\d.]+" font-weight="600"[^>]*>(.*?)</text>', svg)
    assert len(names) == len(report.themes)
    for theme, drawn in zip(report.themes, names, strict=True):
        lines = re.findall(r"<tspan[^>]*>(.*?)</tspan>", drawn)
        assert all(len(html.unescape(line)) <= 21 for line in lines), lines
        assert html.unescape(" ".join(lines)) == " ".join(theme.name.split())
    assert names[0].count("<tspan") == 4
    tops = [float(y) for y in re.findall(r'<text x="0" y="([\d.]+)" font-weight', svg)]
    assert tops[1] - tops[0] > 3 * 14  # the next theme starts below the fourth line
