"""End to end: hand-checked readings, turned back into raw records, normalise to their truth.

The raw records are built from the truth CSVs' printed cells (not from any parser), with the
provisional refs ingest gives ("3.1" for the second printed 3.1, "<last number>#k" after it),
so these tests pin normalise alone; ingest's own tests run normalise(read_plan(sample)).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import Plan, Provenance, RawAction
from normalise import WARNING_CODES, Action, NormalisedPlan, normalise, normalise_actions

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SEED_ACTIONS = SAMPLES / "source" / "q0_actions.csv"
SEED_DATES = SAMPLES / "source" / "q0_dates.csv"
TRUTHS = [SEED_ACTIONS, *sorted((SAMPLES / "truth").glob("20*.csv"))]
TEXT_FIELDS = (
    "theme",
    "objective",
    "printed_no",
    "action",
    "team",
    "start",
    "end",
    "success_measure",
    "progress_update",
)
DATE_FIELDS = ("start_date", "end_date", "end_kind", "recurrence")


def read_rows(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    if "start_date" not in rows[0]:  # the seed keeps its date reading in q0_dates.csv
        dates = {r["ref"]: r for r in csv.DictReader(SEED_DATES.open(encoding="utf-8"))}
        rows = [{**r, **{f: dates[r["ref"]][f] for f in DATE_FIELDS}} for r in rows]
    return rows


def provisional_refs(rows: list[dict[str, str]]) -> list[str]:
    """Refs as ingest gives them: the printed number, or '<last printed number>#k'."""
    out, last, k = [], "", 1
    for row in rows:
        if row["printed_no"]:
            last, k = row["printed_no"], 1
            out.append(last)
        else:
            k += 1
            out.append(f"{last}#{k}")
    return out


def raw_actions(rows: list[dict[str, str]], source: str) -> list[RawAction]:
    return [
        RawAction(
            seq=i,
            theme=r["theme"],
            theme_title=r.get("theme_title", ""),
            objective=r["objective"],
            objective_title=r.get("objective_title", ""),
            printed_no=r["printed_no"],
            ref=ref,
            action=r["action"],
            team=r["team"],
            start=r["start"],
            end=r["end"],
            success_measure=r["success_measure"],
            status=r["status"],
            progress_update=r["progress_update"],
            provenance=Provenance(source, (1 + i // 6,)),
        )
        for i, (r, ref) in enumerate(zip(rows, provisional_refs(rows), strict=True), 1)
    ]


@pytest.mark.parametrize("path", TRUTHS, ids=[p.name for p in TRUTHS])
def test_truth_cells_normalise_to_their_truth(path):
    rows = read_rows(path)
    actions = normalise_actions(raw_actions(rows, path.name))
    assert len(actions) == len(rows)
    for row, action in zip(rows, actions, strict=True):
        assert action.ref == row["ref"]
        for name in (*DATE_FIELDS, "status", *TEXT_FIELDS):
            assert getattr(action, name) == row[name], (row["ref"], name)


def test_seed_quirks():
    rows = read_rows(SEED_ACTIONS)
    by_ref = {a.ref: a for a in normalise_actions(raw_actions(rows, "seed"))}
    assert by_ref["3.10"].printed_no == "3.1"
    assert "ref-repaired" in codes(by_ref["3.10"])
    assert "ref-gap" in codes(by_ref["5.6"])
    assert "end-before-start" in codes(by_ref["1.3#2"])
    # 4.1 "Equality Impact Assessments – see objective 12" is a pointer, not an action
    assert codes(by_ref["4.1"]) == ["cross-reference"]
    assert [a.ref for a in by_ref.values() if "cross-reference" in codes(a)] == ["4.1"]
    assert by_ref["2.3#4"].end_kind == "recurring"
    assert by_ref["1.1"].status_label == "Planned, not started"
    flagged = {
        a.ref
        for a in by_ref.values()
        if {"ref-duplicate", "date-unparsed", "status-unknown"} & set(codes(a))
    }
    assert flagged == set()


def codes(action: Action) -> list[str]:
    return [w.code for w in action.warnings]


def test_html_in_raw_cells_is_cleaned_and_raw_is_kept():
    rows = read_rows(SEED_ACTIONS)[:1]
    raw = raw_actions(rows, "seed")[0]
    html = RawAction(
        **{
            **raw.__dict__,
            "action": "<p>IT &amp; Digital-\nstrategy</p>",
            "status": "",
            "status_colour": "Green",
            "flags": ("stitched", "odd-font"),
        }
    )
    action = normalise_actions([html])[0]
    assert action.action == "IT & Digital-strategy"
    assert action.raw is html
    assert action.status == "Green"
    assert codes(action) == ["status-from-colour", "stitched", "ingest-note"]
    assert action.warnings[-1].message.endswith("odd-font")


def test_normalise_carries_the_plan_facts():
    rows = read_rows(SEED_ACTIONS)
    plan = Plan(
        source="x.pdf",
        sha256="abc",
        kind="pdf",
        page_count=9,
        actions=tuple(raw_actions(rows, "x.pdf")),
        title=" Appendix  1 ",
    )
    out = normalise(plan)
    assert isinstance(out, NormalisedPlan)
    assert (out.source, out.sha256, out.kind, out.page_count, out.title) == (
        "x.pdf",
        "abc",
        "pdf",
        9,
        "Appendix 1",
    )
    assert len(out.actions) == 85
    assert out.actions[0].source_file == "x.pdf" and out.actions[0].pages == (1,)


def test_settings_reach_the_dates():
    rows = read_rows(SEED_ACTIONS)[:1]
    action = normalise_actions(raw_actions(rows, "s"), {"two_digit_century": 2100})[0]
    assert action.start_date == "2125-01-01"


CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["3.1", "", "Amber/Green", "Annualy", "Dec- 24", "<p>x</p>", "Q3 2025/26"]),
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(CELL, CELL, CELL, CELL, CELL, CELL), max_size=6))
def test_never_raises_on_odd_records(cells):
    actions = [
        RawAction(
            seq=i,
            theme="A",
            theme_title="",
            objective=obj,
            objective_title="",
            printed_no=no,
            ref=no,
            action=text,
            team="",
            start=start,
            end=end,
            success_measure="",
            status=status,
            progress_update=text,
            status_colour=status,
        )
        for i, (no, obj, text, start, end, status) in enumerate(cells)
    ]
    out = normalise_actions(actions)
    assert len(out) == len(actions)
    for action in out:
        assert all(w.code in WARNING_CODES for w in action.warnings)


def test_none_cells_are_read_as_empty():
    odd = RawAction(
        seq=1,
        theme=None,
        theme_title=None,
        objective=None,
        objective_title=None,
        printed_no="3.1",
        ref=None,
        action=None,
        team=None,
        start=None,
        end=None,
        success_measure=None,
        status=None,
        progress_update=None,
        status_colour=None,
        provenance=None,
        flags=None,
    )  # type: ignore[arg-type]
    action = normalise_actions([odd])[0]
    assert (action.ref, action.action, action.start_date, action.end_kind) == ("3.1", "", "", "")
    assert action.status == "" and "status-missing" in codes(action)
