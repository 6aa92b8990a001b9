"""The report renders compare's result: one exact golden report.md, and the details it shows.

`tests/golden/report_2025-Q1.md` is the Markdown report of 2024-Q4 -> 2025-Q1 built from the
committed `plan.docx` samples through ingest, normalise and compare, compared byte for byte.
When a change to the report is intended, regenerate it and review the diff:

    .venv/bin/python -m tests.test_report_golden
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import outputs
from compare import compare
from normalise import Action
from tests.test_compare_helpers import sample_actions

GOLDEN = Path(__file__).resolve().parent / "golden" / "report_2025-Q1.md"
OLD, NEW = ("2024-Q4", "plan.docx"), ("2025-Q1", "plan.docx")


def _relative(actions: tuple[Action, ...], period: str, name: str) -> tuple[Action, ...]:
    """The sample's actions with a source path that is the same on every machine."""
    where = f"samples/{period}/{name}"
    return tuple(dataclasses.replace(a, source_file=where) for a in actions)


def golden_report() -> outputs.Report:
    old = _relative(sample_actions(*OLD), *OLD)
    new = _relative(sample_actions(*NEW), *NEW)
    comparison = compare(old, new)
    return outputs.build_report(
        new,
        comparison.new_ids,
        NEW[0],
        old_actions=old,
        old_ids=comparison.old_ids,
        previous_period=OLD[0],
        comparison=comparison,
        source="samples/2025-Q1/plan.docx",
        previous_source="samples/2024-Q4/plan.docx",
    )


def test_report_md_is_exactly_the_golden_file():
    expected = GOLDEN.read_bytes().decode("utf-8")
    assert outputs.render_markdown(golden_report()) == expected


def test_the_report_shows_the_details_compare_made():
    old = sample_actions(*OLD)
    comparison = compare(old, sample_actions(*NEW))
    report = outputs.build_report(
        sample_actions(*NEW),
        comparison.new_ids,
        NEW[0],
        old_actions=old,
        old_ids=comparison.old_ids,
        previous_period=OLD[0],
        comparison=comparison,
    )
    by_kind = {}
    for c in comparison.changes:
        by_kind.setdefault(c.change, []).append(c)
    # progress: the sentences compare found added, nothing recomputed
    assert [p.sentences for p in report.progress] == [
        c.info.sentences for c in by_kind["progress_updated"]
    ]
    assert all(p.sentences for p in report.progress)
    # dates: compare's months and direction
    assert [(d.action.ref, d.months, d.direction) for d in report.dates_moved] == [
        (c.ref_after, c.info.months, c.info.direction)
        for c in by_kind.get("start_changed", []) + by_kind["end_changed"]
    ]
    # statuses: every move once, in the bucket compare's direction and milestone name
    moves = report.completed + report.started + report.regressions + report.other_status
    assert len(moves) == len(by_kind["status_changed"])
    assert all(m.direction == "regressed" for m in report.regressions)
    assert {m.after for m in report.completed} == {"Green"}


def test_blue_to_red_is_a_regression_in_the_report_as_in_changes_csv():
    old = sample_actions(*OLD)
    i = next(k for k, a in enumerate(old) if a.status == "Blue")
    new = list(old)
    new[i] = dataclasses.replace(old[i], status="Red")
    comparison = compare(old, new)
    (change,) = comparison.changes
    assert change.detail == "regressed: Blue -> Red"
    report = outputs.build_report(
        new, comparison.new_ids, "2025-Q1", old_actions=old, comparison=comparison
    )
    assert [(m.before, m.after) for m in report.regressions] == [("Blue", "Red")]
    assert report.other_status == ()


def test_the_header_says_which_kind_of_quarter_it_is():
    actions = sample_actions(*NEW)
    ids = compare((), actions).new_ids
    md = outputs.render_markdown(outputs.build_report(actions, ids, "2025/26-Q1"))
    assert "2025/26-Q1 is financial year 2025/26, quarter 1 (April–June 2025)" in md
    html = outputs.render_html(outputs.build_report(actions, ids, "2025-Q2"))
    assert "2025-Q2 is calendar year 2025, quarter 2 (April–June 2025)" in html


def test_overdue_is_judged_at_the_true_end_of_a_financial_quarter():
    actions = sample_actions(*NEW)
    ids = compare((), actions).new_ids
    fy_q1 = outputs.build_report(actions, ids, "2025/26-Q1")  # ends 30 June 2025
    cal_q1 = outputs.build_report(actions, ids, "2025-Q1")  # ends 31 March 2025
    assert {o.action.action_id for o in fy_q1.overdue} == {
        i
        for a, i in zip(actions, ids, strict=True)
        if a.end_date and a.end_date < "2025-06-30" and a.status != "Green"
    }
    assert len(fy_q1.overdue) > len(cal_q1.overdue)


if __name__ == "__main__":  # regenerate the golden file
    GOLDEN.write_bytes(outputs.render_markdown(golden_report()).encode("utf-8"))
    print(f"wrote {GOLDEN}")
