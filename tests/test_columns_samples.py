"""Plans with other column sets (samples/columns, built by samples/make_columns.py) read with
every field exact, keep their unknown columns, lose no text, and diff with P = R = 1.0."""

from __future__ import annotations

import csv
import functools
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from compare import Comparison, compare
from ingest import Plan, check_conservation, read_plan
from normalise import Action, normalise
from outputs import build_report, read_snapshot, render_html, render_markdown, write_snapshot
from plantrack.cli import main
from plantrack.config import StoreConfig, load_config

ROOT = Path(__file__).resolve().parent.parent / "samples" / "columns"
SETS = sorted(p.name for p in ROOT.iterdir() if (p / "truth.json").exists())
QUARTERS = ("2025-Q1", "2025-Q2")
DOCS = [
    pytest.param((s, q, k), id=f"{s}/{q}.{k}")
    for s in SETS
    for q in QUARTERS
    for k in ("docx", "pdf")
]
PAIRS = [pytest.param((s, k), id=f"{s}.{k}") for s in SETS for k in ("docx", "pdf")]


@functools.cache
def truth(name: str) -> dict:
    return json.loads((ROOT / name / "truth.json").read_text(encoding="utf-8"))


@functools.cache
def config(name: str) -> StoreConfig:
    """The set's plantrack.toml (the brag set has one), as a store beside it would read it."""
    return load_config(ROOT / name)


@functools.cache
def plan(name: str, quarter: str, kind: str = "docx") -> Plan:
    return read_plan(ROOT / name / f"{quarter}.{kind}", settings=config(name).ingest_settings)


@functools.cache
def actions(name: str, quarter: str, kind: str = "docx") -> tuple[Action, ...]:
    return normalise(plan(name, quarter, kind), config(name).normalise_settings).actions


@functools.cache
def comparison(name: str, kind: str = "docx") -> Comparison:
    return compare(
        actions(name, "2025-Q1", kind),
        actions(name, "2025-Q2", kind),
        scale=config(name).status_scale,
    )


def test_at_least_six_column_sets_are_committed() -> None:
    assert len(SETS) >= 7


@pytest.mark.parametrize("doc", DOCS)
def test_every_field_and_extra_column_exact(doc: tuple[str, str, str]) -> None:
    name, quarter, kind = doc
    want = truth(name)["quarters"][quarter]
    got = plan(name, quarter, kind).actions
    assert len(got) == len(want)
    for a, t in zip(got, want, strict=True):
        assert {f: getattr(a, f) for f in t["fields"]} == t["fields"], t["uid"]
        assert [list(x) for x in a.extra] == t["extra"], t["uid"]


@pytest.mark.slow
@pytest.mark.parametrize("doc", DOCS)
def test_no_text_lost_and_extract_exits_0_without_allow_loss(
    doc: tuple[str, str, str], tmp_path: Path
) -> None:
    name, quarter, kind = doc
    path = ROOT / name / f"{quarter}.{kind}"
    assert check_conservation(plan(name, quarter, kind), path) == []
    out = tmp_path / "snap.csv"
    code = main(["extract", str(path), "-o", str(out)], stdout=io.StringIO(), stderr=io.StringIO())
    assert code == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    kept = {h for t in truth(name)["quarters"][quarter] for h, _ in t["extra"]}
    assert {f"extra:{h}" for h in kept} <= set(header)


@pytest.mark.parametrize("pair", PAIRS)
def test_two_quarters_compare_with_precision_and_recall_1(pair: tuple[str, str]) -> None:
    name, kind = pair
    t = truth(name)
    c = comparison(name, kind)
    uid_old = dict(zip(c.old_ids, [a["uid"] for a in t["quarters"]["2025-Q1"]], strict=True))
    uid_new = dict(zip(c.new_ids, [a["uid"] for a in t["quarters"]["2025-Q2"]], strict=True))
    got = set()
    for ch in c.changes:
        uid = uid_old[ch.action_id] if ch.change == "removed" else uid_new[ch.action_id]
        got.add((uid, ch.change, ch.info.label if ch.change == "extra_changed" else ""))
    want = {tuple(x) for x in t["changes"]}
    true_pos = len(got & want)
    assert (true_pos / len(got), true_pos / len(want)) == (1.0, 1.0), got ^ want
    assert list(c.columns_added) == t["columns_added"]
    assert list(c.columns_removed) == t["columns_removed"]


def test_a_single_timescale_column_gives_start_and_end() -> None:
    by_text = {a.end: a for a in actions("timescale", "2025-Q1")}
    assert (by_text["Apr 2025 - Mar 2026"].start_date, by_text["Apr 2025 - Mar 2026"].end_date) == (
        "2025-04-01",
        "2026-03-31",
    )
    assert (by_text["Mar 2026"].start_date, by_text["Mar 2026"].end_date) == ("", "2026-03-31")
    assert by_text["Ongoing"].end_kind == "ongoing"


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_snapshot_round_trips_extra_columns(suffix: str, tmp_path: Path) -> None:
    acts = actions("risk-register", "2025-Q2")
    ids = [f"A{i:03d}" for i in range(len(acts))]
    path = write_snapshot(acts, ids, "2025-Q2", tmp_path / f"snap{suffix}")
    back, back_ids, _ = read_snapshot(path)
    assert [a.extra for a in back] == [a.extra for a in acts]
    assert ("Direction of travel", "Stable") in back[2].extra and back_ids == ids


def test_report_names_the_changed_extra_column_and_the_new_column() -> None:
    c = comparison("risk-register")
    old, new = actions("risk-register", "2025-Q1"), actions("risk-register", "2025-Q2")
    r = build_report(
        new,
        list(c.new_ids),
        "2025-Q2",
        comparison=c,
        old_actions=old,
        old_ids=list(c.old_ids),
        previous_period="2025-Q1",
    )
    md = render_markdown(r)
    assert "New column(s) this quarter: Direction of travel" in md
    # a changed value of the plan's own column reads as "<header> changed: A → B" in its
    # own list; section 4's count is of the reworded texts alone
    assert "## 4. Reworded actions (0)" in md
    others = md.split("### Other columns changed (5)")[1].split("## 5.")[0]
    assert "so needs are missed — Likelihood changed: 4 → 3" in others
    assert "so needs are missed — Risk score changed: 12 → 9" in others
    assert "to deliver — Direction of travel changed: (blank) → Stable" in others
    # a new risk shows its own columns' values
    new = md.split("### New actions (1)")[1].split("###")[0]
    assert "accessibility standards (No theme) — Likelihood: 3; Impact: 3; Risk score: 9" in new


def test_the_html_report_lists_own_column_changes_and_a_new_actions_values() -> None:
    old, new = actions("lead-officer", "2025-Q1"), actions("lead-officer", "2025-Q2")
    added = replace(
        new[0],
        action="Run a hate crime reporting campaign",
        ref="3.1",
        extra=(("Lead officer", "<script>alert(1)</script>"),),
    )
    c2 = compare(old, (*new, added))
    r = build_report(
        (*new, added),
        list(c2.new_ids),
        "2025-Q2",
        comparison=c2,
        old_actions=old,
        old_ids=list(c2.old_ids),
        previous_period="2025-Q1",
    )
    html = render_html(r)
    assert "<em>Lead officer changed:</em>" in html
    assert (
        '<span class="was">J. Patel</span>' in html and '<span class="now">M. Brown</span>' in html
    )
    assert "<dt>Lead officer</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>" in html
    assert "<script>alert" not in html


def test_report_says_in_one_line_when_there_is_no_status_or_end() -> None:
    acts = actions("timescale", "2025-Q1")
    stripped = [replace(a, status="", end="", end_date="") for a in acts]
    md = render_markdown(build_report(stripped, [f"A{i}" for i in range(len(acts))], "2025-Q1"))
    assert "This plan prints no status column: there is no RAG summary." in md
    assert "This plan prints no end dates, so nothing can be overdue." in md
