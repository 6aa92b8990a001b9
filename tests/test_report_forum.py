"""The report fits the forum: stalled only where work should move, plain notes, printed names,
no local paths, about four A4 pages. Built from the truth and from real runs of the samples."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date

import pytest

import normalise
import outputs
from normalise import ActionWarning
from outputs.report import (
    STALLED_SHOWN,
    HistorySnapshot,
    next_quarter,
    printed_name,
    quarter_label,
)
from tests._forum_runs import SAMPLES, sample_store
from tests.test_outputs_report import truth_actions


def test_actions_are_named_as_the_appendix_prints_them() -> None:
    assert printed_name("3.10") == "3.10"
    assert printed_name("1.1#2") == "the action after 1.1"
    assert printed_name("1.1#3") == "the 2nd action after 1.1"
    assert printed_name("2.3#5") == "the 4th action after 2.3"
    assert printed_name("2.3#13") == "the 12th action after 2.3"
    assert printed_name("#1", "4") == "the first unnumbered action in objective 4"
    assert printed_name("#2", "4") == "the 2nd unnumbered action in objective 4"


def test_report_never_shows_an_internal_reference() -> None:
    actions, ids = truth_actions("2025-Q2")
    assert any("#" in a.ref for a in actions), "the truth has unnumbered actions"
    rep = outputs.build_report(actions, ids, "2025-Q2")
    md = outputs.render_markdown(rep)
    assert not re.search(r"\d#\d", md)
    unnumbered = next(a for a in actions if a.ref.endswith("#2"))
    assert f"the action after {unnumbered.ref.split('#')[0]}" in md


def _three_still_quarters(period: str = "2025-Q2") -> outputs.Report:
    """The 2025-Q2 truth, unchanged for three quarters: everything that can stall has."""
    actions, ids = truth_actions("2025-Q2")
    history = (
        HistorySnapshot("2025-Q1", tuple(actions), tuple(ids)),
        HistorySnapshot("2024-Q4", tuple(actions), tuple(ids)),
    )
    return outputs.build_report(
        actions,
        ids,
        period,
        old_actions=actions,
        old_ids=ids,
        previous_period="2025-Q1",
        history=history,
    )


def test_stalled_only_for_actions_that_should_be_moving() -> None:
    actions, ids = truth_actions("2025-Q2")
    rep = _three_still_quarters()
    stalled = {s.action.action_id for s in rep.stalled}
    by_id = dict(zip(ids, actions, strict=True))
    kinds = {by_id[i].end_kind for i in stalled}
    assert stalled and not kinds & {"ongoing", "recurring"}
    assert all(by_id[i].status != "Green" for i in stalled)
    # Blue counts only once its start has passed
    for i in stalled:
        a = by_id[i]
        if a.status == "Blue":
            assert a.start_date and a.start_date <= "2025-06-30"
    standing = [i for i, a in zip(ids, actions, strict=True) if a.end_kind == "ongoing"]
    assert standing and not set(standing) & stalled
    waiting = [
        i
        for i, a in zip(ids, actions, strict=True)
        if a.status == "Blue" and a.start_date > "2025-06-30"
    ]
    assert waiting and not set(waiting) & stalled
    dated_amber = [
        i for i, a in zip(ids, actions, strict=True) if a.status == "Amber" and a.end_kind == "date"
    ]
    assert set(dated_amber) <= stalled


def test_stalled_is_a_count_and_the_longest_few() -> None:
    rep = _three_still_quarters()
    assert len(rep.stalled) > STALLED_SHOWN
    assert rep.stalled_shown == rep.stalled[:STALLED_SHOWN]
    md = outputs.render_markdown(rep)
    section = md.split("### Stalled")[1].split("## 8.")[0]
    assert f"({len(rep.stalled)})" in section
    assert section.count("\n- ") == STALLED_SHOWN
    assert "Stalled sheet of changes.xlsx" in section


def test_data_quality_notes_are_plain_sentences_with_pages() -> None:
    actions, ids = truth_actions("2025-Q2")
    stitched = ActionWarning("stitched", "ingest: " + normalise.WARNING_CODES["stitched"])
    actions[3] = dataclasses.replace(actions[3], pages=(4, 5), warnings=(stitched,))
    actions[4] = dataclasses.replace(actions[4], pages=(4,), warnings=(stitched,))
    rep = outputs.build_report(actions, ids, "2025-Q2")
    texts = [q.text for q in rep.quality]
    assert "2 actions were rebuilt from rows split across pages — please check p. 4" in texts
    md = outputs.render_markdown(rep).split("## 8.")[1]
    html = outputs.render_html(rep).split("8. Data-quality notes")[1]
    for code in normalise.WARNING_CODES:
        assert f"{code}:" not in md and f"{code}:" not in html, code
    assert "ingest:" not in md and "#" not in md


def test_coming_up_next_quarter() -> None:
    actions, ids = truth_actions("2025-Q1")
    rep = outputs.build_report(actions, ids, "2025-Q1")
    assert next_quarter("2025-Q1") == (date(2025, 4, 1), date(2025, 6, 30))
    assert rep.next_period == "Apr–Jun 2025"
    starts = {c.action.action_id for c in rep.coming_up if c.kind == "starts"}
    due = {c.action.action_id for c in rep.coming_up if c.kind == "due"}
    pairs = list(zip(ids, actions, strict=True))
    assert starts == {
        i for i, a in pairs if a.status == "Blue" and "2025-04-01" <= a.start_date <= "2025-06-30"
    }
    assert due == {
        i for i, a in pairs if a.status != "Green" and "2025-04-01" <= a.end_date <= "2025-06-30"
    }
    assert starts and due


def test_quarter_label_across_a_year() -> None:
    window = next_quarter("2025-Q4")
    assert window is not None and quarter_label(*window) == "Jan–Mar 2026"


@pytest.mark.slow
def test_sample_run_report_has_no_local_paths_or_links() -> None:
    store, _ = sample_store()
    html = (store / "reports" / "2025-Q2" / "report.html").read_text(encoding="utf-8")
    md = (store / "reports" / "2025-Q2" / "report.md").read_text(encoding="utf-8")
    for text in (html, md):
        assert "file:" not in text and str(SAMPLES) not in text and str(store) not in text
        assert "plan.docx" in text
    assert "href=" not in html


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("chromium"), reason="needs chromium to print the HTML")
def test_sample_report_prints_on_at_most_four_a4_pages(tmp_path) -> None:
    from pypdf import PdfReader

    store, _ = sample_store()
    html = store / "reports" / "2025-Q2" / "report.html"
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [
            "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = len(PdfReader(pdf).pages)
    assert 1 <= pages <= 4, pages
