"""A performance report of KPI tables (two-row header "<Service> KPIs | RAG rating: Latest,
Previous | DoT"): every KPI row of every table read, the latest rating as the status, the
previous rating and the direction of travel kept as extra columns, prose between tables left
out. The sample is built by samples/make_kpi_report.py; the real report is Kent's (skipped,
saying so, where ../shared is not beside the checkout)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ingest import check_conservation, read_plan
from normalise import normalise
from plantrack.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "kpi-report"
KENT = REPO.parent / "shared" / "real" / "kent-quarterly-performance-report-q3-2024-25.pdf"


def test_every_kpi_row_of_every_table_reads_exactly() -> None:
    truth = json.loads((SAMPLE / "truth.json").read_text(encoding="utf-8"))
    want = [r for t in truth["tables"] for r in t["rows"]]
    plan = read_plan(SAMPLE / "report.pdf")
    got = normalise(plan).actions
    assert [a.action for a in got] == [r["action"] for r in want]
    assert [a.status for a in got] == [r["status"] for r in want]
    assert [dict(a.extra) for a in got] == [
        {"RAG rating - Previous": r["previous"], "DoT": r["dot"]} for r in want
    ]
    # each table keeps its own header, its key cell titling it ("Adult Services" too)
    assert [h.split(" | ")[0] for h in plan.header_variants] == [
        t["title"] for t in truth["tables"]
    ]


def test_the_report_loses_no_text_and_extracts_without_allow_loss(tmp_path: Path) -> None:
    pdf = SAMPLE / "report.pdf"
    assert check_conservation(read_plan(pdf), pdf) == []
    assert main(["extract", str(pdf), "-o", str(tmp_path / "x.csv"), "--jobs", "1"]) == 0


#: KPI rows per page of Kent's Q3 2024/25 report, counted by hand from `pdftotext -layout`:
#: p4 Customer Services 3, Governance and Law 2, Growth, Economic Development & Communities 2;
#: p5 Environment & Transport 6, Education & Skills 5; p6 Integrated Children's Services 8,
#: Adult Social Care 6; p7 Public Health 6 (38, as the report's summary says)
KENT_ROWS = {4: 7, 5: 11, 6: 14, 7: 6}
KENT_TABLES = (
    "Customer Services KPIs",
    "Governance and Law KPIs",
    "Growth, Economic Development & Communities KPIs",
    "Environment & Transport KPIs",
    "Education & Skills KPIs",
    "Integrated Children’s Services",
    "Adult Social Care KPIs",
    "Public Health KPIs",
)


@pytest.mark.slow
def test_kent_reads_every_kpi_of_every_service_table() -> None:
    if not KENT.is_file():
        pytest.skip(f"the real Kent report is not beside this checkout ({KENT})")
    plan = read_plan(KENT)
    actions = normalise(plan).actions
    assert Counter(a.pages[0] for a in actions) == KENT_ROWS
    assert {a.status for a in actions} <= {"Red", "Amber", "Green"}
    assert all(a.status for a in actions)
    assert [h.split(" | ")[0] for h in plan.header_variants] == list(KENT_TABLES)
    assert actions[0].action == (
        "% of callers to Contact Point who rated the advisor who dealt with their call as good"
    )
    assert dict(actions[1].extra)["RAG rating - Previous"] == "AMBER"
    # the report's other tables (KPI summaries, statistics, the risk register) are skipped,
    # each named in the notes, and neither they nor the prose count as lost text
    skipped = [n for n in plan.notes if "skipped a table that is not an action table" in n]
    assert len(skipped) > 20 and any(n.startswith("page 8: ") for n in skipped)
    assert not plan.headings  # no banner of a skipped table is taken for a heading
    assert check_conservation(plan, KENT) == []
