"""Form-style tables (label | value) read as actions: the pure reader (ingest/forms.py) on
rows of texts, the committed samples (samples/forms, built by samples/make_forms.py) with
every field exact, nothing lost, and the two quarters' changes; and the real Kent EqIA
(skipped, saying so, where ../shared is not beside the checkout)."""

from __future__ import annotations

import csv
import functools
import io
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from compare import Comparison, compare
from ingest import COLUMNS, Plan, check_conservation, read_plan
from ingest.assemble import PERIOD_FLAG, assemble
from ingest.forms import BREAK, FIELD, MORE, TITLE, FormRow, read_forms, split_label
from ingest.rows import Cell
from normalise import Action, normalise
from plantrack.cli import main

REPO = Path(__file__).resolve().parent.parent
ROOT = REPO / "samples" / "forms"
EQIA = REPO.parent / "shared" / "real" / "kent-family-hubs-eqia-2025-03.pdf"


def _truth() -> dict[str, list[dict[str, str]]]:
    """file -> per record (document order) its fields as the reader must find them."""
    records: dict[str, dict[int, dict[str, str]]] = defaultdict(dict)
    with (ROOT / "truth.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rec = records[row["file"]].setdefault(int(row["record"]), {"uid": row["uid"]})
            rec[row["field"]] = row["value"]
    return {f: [recs[k] for k in sorted(recs)] for f, recs in records.items()}


TRUTH = _truth()
FILES = sorted(TRUTH)


@functools.cache
def plan(file: str) -> Plan:
    return read_plan(ROOT / file)


@functools.cache
def actions(file: str) -> tuple[Action, ...]:
    return normalise(plan(file)).actions


# --------------------------------------------------------------------------- pure reader


def field(label: str, value: str) -> FormRow:
    return FormRow(FIELD, label, Cell.of(value))


def test_a_label_is_taken_apart_into_what_it_asks_and_the_name_of_its_record() -> None:
    lab = split_label("a) Are there negative impacts for age? Answer: Yes/No (If yes, see b).")
    assert (lab.head, lab.question, lab.after_for) == (
        "Are there negative impacts for age",
        True,
        "age",
    )
    lab = split_label("d) Responsible Officer for Mitigating Actions \u2013 Age")
    assert (lab.after_dash, lab.before_dash) == (
        "Age",
        "Responsible Officer for Mitigating Actions",
    )
    assert split_label("(iv) Target date").head == "Target date"
    assert split_label("2.3 Lead officer:").head == "Lead officer"


def test_records_are_named_by_their_labels_and_a_label_coming_round_again_starts_one() -> None:
    rows = [
        field("a) Impact for Older people", "Longer journeys."),
        field("b) Mitigating actions for Older people", "Run a minibus."),
        field("c) Responsible officer - Older people", "Transport lead"),
        field("a) Impact for Young carers", "Less time."),
        field("b) Mitigating actions for young carers", "Evening sessions."),
        field("c) Responsible officer - Young carers", "Carers lead"),
    ]
    got = read_forms(rows)
    cells = [r for r in got.rows if r.kind == "cells"]
    assert [r.name for r in cells] == ["Older people", "Young carers"]
    assert [(r.cell("action"), r.cell("team")) for r in cells] == [
        ("Run a minibus.", "Transport lead"),
        ("Evening sessions.", "Carers lead"),
    ]
    # the varying part names the record: one extra column, not one per record
    assert [[(h, c.text) for h, c in r.extra] for r in cells] == [
        [("Impact", "Longer journeys.")],
        [("Impact", "Less time.")],
    ]
    assert got.labels == frozenset(range(6))


def test_a_value_only_row_continues_the_value_and_a_title_names_the_next_record() -> None:
    rows = [
        FormRow(TITLE, text="Priority 1 \u2013 Recruitment"),
        field("1. Action", "Use anonymised forms"),
        FormRow(MORE, value=Cell.of("for every post.")),
        field("2. Owner", "HR"),
        FormRow(TITLE, text="Priority 2 \u2013 Buildings"),
        field("1. Action", "Survey the buildings."),
        field("2. Owner", "Landlord"),
    ]
    got = read_forms(rows)
    assert [(r.kind, r.text or r.cell("action")) for r in got.rows] == [
        ("banner", "Priority 1 \u2013 Recruitment"),
        ("cells", "Use anonymised forms for every post."),
        ("banner", "Priority 2 \u2013 Buildings"),
        ("cells", "Survey the buildings."),
    ]
    assert [r.name for r in got.rows if r.kind == "cells"] == ["Recruitment", "Buildings"]


def test_a_form_reads_through_the_rest_of_ingest_like_an_action_table() -> None:
    """The labels are the header in force: a Timescale label reads as a period, the
    record's name is the action's theme, an unknown label an extra column."""
    rows = [
        field("1. Actions to reduce the impact - Rural areas", "Run a mobile advice stop."),
        field("2. Lead - Rural areas", "Libraries"),
        field("3. Timescale", "Apr 2025 - Mar 2026"),
        field("4. Evidence", "Parish survey"),
    ]
    got = read_forms(rows)
    assert got.headers == ("Actions to reduce the impact | Lead | Timescale | Evidence",)
    (a,), _ = assemble(got.rows, "x.pdf")
    assert (a.theme, a.action, a.team, a.end) == (
        "Rural areas",
        "Run a mobile advice stop.",
        "Libraries",
        "Apr 2025 - Mar 2026",
    )
    assert a.extra == (("Evidence", "Parish survey"),) and PERIOD_FLAG in a.flags


def test_a_stores_aliases_name_a_forms_labels_too() -> None:
    rows = [field("Recommendation", "Publish the data."), field("Owner", "Insight team")]
    assert read_forms(rows).rows == ()  # no label names the action
    got = read_forms(rows, aliases=(("Recommendation", "action"),))
    assert [(r.cell("action"), r.cell("team")) for r in got.rows] == [
        ("Publish the data.", "Insight team")
    ]
    kept = read_forms(
        [field("Mitigating actions", "A"), field("Owner", "B"), field("Actions", "C")],
        aliases=(("Mitigating actions", "extra"),),
    )
    assert [(r.cell("action"), r.extra[0][1].text) for r in kept.rows] == [("C", "A")]


def test_a_two_column_table_of_data_or_of_unknown_labels_is_not_a_form() -> None:
    data = [field("Action", "Owner")] + [
        field(f"Recruit {k} apprentices in the service", "HR") for k in range(2, 8)
    ]
    assert read_forms(data).rows == ()
    questions = [
        field("10. Is it possible to get the data?", "N/A"),
        field("11. Consulted?", "Yes"),
    ]
    assert read_forms(questions).rows == ()
    # a label naming the record's title is not its action; nor is a lone action label a form
    title = [field("1. Name of Activity", "Family Hub contracts"), field("2. Directorate", "CYPE")]
    assert read_forms(title).rows == ()
    assert read_forms([field("Mitigating actions", "Run a minibus.")]).rows == ()
    # a row that is no label | value row ends the form before it
    split = [field("Action", "A"), FormRow(BREAK), field("Owner", "B")]
    assert read_forms(split).rows == ()


# --------------------------------------------------------------------------- samples


def test_the_samples_hold_two_form_sets_of_two_quarters_in_three_kinds() -> None:
    assert {f.split("/")[0] for f in FILES} == {"impact", "word"}
    assert {Path(f).suffix for f in FILES} == {".pdf", ".docx"}
    assert all((ROOT / f).is_file() for f in FILES)


@pytest.mark.parametrize("file", FILES)
def test_every_field_of_every_record_exact(file: str) -> None:
    want = TRUTH[file]
    got = plan(file).actions
    assert len(got) == len(want)
    for a, t in zip(got, want, strict=True):
        fields = {c: getattr(a, c) for c in COLUMNS if getattr(a, c)}
        fields |= {f"extra:{h}": v for h, v in a.extra}
        fields["theme"] = a.theme
        expected = {k: v for k, v in t.items() if k not in ("uid", "pages")}
        assert fields == expected, t["uid"]
        if "pages" in t:
            assert ";".join(map(str, a.provenance.pages)) == t["pages"], t["uid"]
        assert not a.flags  # a record running over a page is whole, not a stitching guess
        if file.endswith(".pdf"):
            assert a.provenance.boxes and all(
                b.page in a.provenance.pages for b in a.provenance.boxes
            )
        else:
            assert a.provenance.table is not None and a.provenance.rows


def test_the_samples_split_values_and_records_over_page_breaks() -> None:
    pages = [len(a.provenance.pages) for f in FILES if f.endswith(".pdf") for a in plan(f).actions]
    assert sum(1 for n in pages if n > 1) >= 5


def test_the_count_table_above_the_forms_stays_skipped() -> None:
    notes = plan("impact/2025-Q1.pdf").notes
    assert "page 1: skipped a table that is not an action table: 'Group | Residents | %'" in notes
    printed = " ".join(
        v for a in plan("impact/2025-Q1.pdf").actions for v in (a.action, *dict(a.extra).values())
    )
    assert "Disabled (self-reported)" not in printed and "Aged 75 and over" not in printed


@pytest.mark.parametrize("file", FILES)
def test_no_text_lost_and_extract_exits_0_without_allow_loss(file: str, tmp_path: Path) -> None:
    path = ROOT / file
    assert check_conservation(plan(file), path) == []
    out = tmp_path / "snap.csv"
    err = io.StringIO()
    code = main(
        ["extract", str(path), "-o", str(out), "--jobs", "1"], stdout=io.StringIO(), stderr=err
    )
    assert code == 0, err.getvalue()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    extras = {k for t in TRUTH[file] for k in t if k.startswith("extra:")}
    assert extras and extras <= set(header)


@pytest.mark.parametrize("file", ["impact/2025-Q1.pdf", "word/2025-Q1.docx", "word/2025-Q1.pdf"])
def test_a_dropped_value_is_caught_by_the_conservation_check(file: str) -> None:
    """The check counts the values of a form: a record losing a value is reported."""
    p = plan(file)
    first = replace(p.actions[0], team="")
    losses = check_conservation(replace(p, actions=(first, *p.actions[1:])), ROOT / file)
    assert {x.text for x in losses if x.kind == "lost"} == set(p.actions[0].team.split())


def _changes(name: str, kind: str) -> Comparison:
    return compare(actions(f"{name}/2025-Q1.{kind}"), actions(f"{name}/2025-Q2.{kind}"))


@pytest.mark.parametrize("pair", [("impact", "pdf"), ("word", "docx"), ("word", "pdf")])
def test_two_quarters_show_the_true_changes_and_no_others(pair: tuple[str, str]) -> None:
    name, kind = pair
    with (ROOT / "changes.csv").open(encoding="utf-8", newline="") as fh:
        want = {(r["uid"], r["change"], r["label"]) for r in csv.DictReader(fh) if r["set"] == name}
    c = _changes(name, kind)
    uid_old = dict(zip(c.old_ids, [t["uid"] for t in TRUTH[f"{name}/2025-Q1.{kind}"]], strict=True))
    uid_new = dict(zip(c.new_ids, [t["uid"] for t in TRUTH[f"{name}/2025-Q2.{kind}"]], strict=True))
    got = {
        (
            uid_old[ch.action_id] if ch.change == "removed" else uid_new[ch.action_id],
            ch.change,
            ch.info.label if ch.change == "extra_changed" else "",
        )
        for ch in c.changes
    }
    assert got == want


# --------------------------------------------------------------------------- the real EqIA

CHARACTERISTICS = [
    "Age",
    "Disability",
    "Sex",
    "Gender identity/transgender",
    "Race",
    "Religion and Belief",
    "Sexual Orientation",
    "Pregnancy and Maternity",
    "Marriage and Civil Partnerships",
    "Carer\u2019s responsibilities",
]


@pytest.mark.slow
def test_the_kent_eqia_reads_one_action_per_characteristic_and_loses_nothing(
    tmp_path: Path,
) -> None:
    if not EQIA.is_file():
        pytest.skip(f"the real Kent EqIA is not beside this checkout ({EQIA})")
    p = read_plan(EQIA)
    assert [a.theme for a in p.actions] == CHARACTERISTICS
    by = {a.theme: a for a in p.actions}
    assert by["Age"].action.startswith("The Family Hub digital offer, as it continues to develop")
    assert by["Age"].provenance.pages == (15, 16, 17, 18)
    assert by["Age"].team == "Family Hub Service Managers."
    assert dict(by["Age"].extra)["Are there negative impacts?"] == "Yes"
    assert dict(by["Age"].extra)["Details of Negative Impacts"].startswith("Children Usage data")
    assert (by["Race"].team, by["Religion and Belief"].action) == (
        "Family Hub Service Managers.",
        "N/A",
    )
    assert {h for a in p.actions for h, _ in a.extra} == {
        "Are there negative impacts?",
        "Details of Negative Impacts",
    }
    assert check_conservation(p, EQIA) == []
    # the demographic count tables and the assessment's own questions stay skipped
    skipped = [n for n in p.notes if "skipped a table that is not an action table" in n]
    assert any(n.startswith("page 13: ") for n in skipped) and any(
        n.startswith("page 1: ") for n in skipped
    )
    assert not any(n.startswith(("page 15: ", "page 23: ")) for n in skipped)
    out = tmp_path / "eq.csv"
    assert (
        main(["extract", str(EQIA), "-o", str(out)], stdout=io.StringIO(), stderr=io.StringIO())
        == 0
    )
