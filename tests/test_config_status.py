"""plantrack.toml [status]: what each status means, the progress order, the publisher's own
fill colours; one home for the RAG scale (normalise.scale) that every stage reads.

The BRAG sample (samples/columns/brag, built by samples/make_columns.py) prints its own
words over its own fills, and its Blue is "Complete", above Green; its plantrack.toml says
so, and these tests read it as a store would."""

from __future__ import annotations

import functools
import io
import json
import re
import tomllib
from itertools import product
from pathlib import Path

import pytest

import ingest
from compare import STATUS_RANK, Comparison, compare, status_direction, status_milestone
from ingest import IngestSettings, read_plan
from ingest.colour import nearest_rag
from normalise import (
    DEFAULT_SCALE,
    RAG_STATUSES,
    Action,
    NormaliseSettings,
    StatusScale,
    normalise,
    normalise_status,
)
from outputs import Report, build_deck, build_report, render_html, render_markdown
from outputs.rag import RAG_FILL
from plantrack.cli import main
from plantrack.config import DEFAULT_CONFIG, StoreConfig, load_config, parse_config
from plantrack.errors import UsageError

BRAG = Path(__file__).resolve().parent.parent / "samples" / "columns" / "brag"
QUARTERS = ("2025-Q1", "2025-Q2")


@functools.cache
def truth() -> dict:
    return json.loads((BRAG / "truth.json").read_text(encoding="utf-8"))


@functools.cache
def brag_actions(quarter: str, configured: bool = True, kind: str = "docx") -> tuple[Action, ...]:
    cfg = load_config(BRAG) if configured else StoreConfig()
    plan = read_plan(BRAG / f"{quarter}.{kind}", settings=cfg.ingest_settings)
    return normalise(plan, cfg.normalise_settings).actions


@functools.cache
def brag_comparison(configured: bool = True) -> Comparison:
    scale = load_config(BRAG).status_scale if configured else None
    return compare(
        brag_actions("2025-Q1", configured), brag_actions("2025-Q2", configured), scale=scale
    )


def by_uid(c: Comparison) -> dict[str, object]:
    uids = [a["uid"] for a in truth()["quarters"]["2025-Q2"]]
    new = dict(zip(c.new_ids, uids, strict=True))
    return {new[ch.action_id]: ch.info for ch in c.changes if ch.change == "status_changed"}


def brag_report(scale: StatusScale) -> Report:
    """The BRAG sample's 2025-Q2 report on `scale`."""
    c = brag_comparison()
    old, new = brag_actions("2025-Q1"), brag_actions("2025-Q2")
    return build_report(
        new,
        list(c.new_ids),
        "2025-Q2",
        comparison=c,
        old_actions=old,
        old_ids=list(c.old_ids),
        previous_period="2025-Q1",
        scale=scale,
    )


# --------------------------------------------------------------------------- the scale


def test_the_default_scale_keeps_the_decks_progress_rules() -> None:
    """Every move between two statuses goes the way it did before the scale was
    configurable (Red and Blue share the bottom, Blue -> Red is a slip, Red -> Blue is not)."""
    up = {("Red", "Amber"), ("Red", "Green"), ("Blue", "Amber"), ("Blue", "Green")}
    up |= {("Amber", "Green")}
    down = {("Amber", "Red"), ("Green", "Red"), ("Amber", "Blue"), ("Green", "Blue")}
    down |= {("Green", "Amber"), ("Blue", "Red")}
    for before, after in product((*RAG_STATUSES, "", "Paused"), repeat=2):
        want = "progressed" if (before, after) in up else "changed"
        want = "regressed" if (before, after) in down else want
        assert status_direction(before, after) == want, (before, after)
    assert STATUS_RANK == {"Red": 0, "Amber": 1, "Green": 2, "Blue": 0}
    assert status_milestone("Blue", "Amber") == "started"
    assert status_milestone("", "Green") == "completed"
    assert status_milestone("Green", "Blue") == ""
    assert DEFAULT_SCALE.conservative_order == ("Red", "Blue", "Amber", "Green")


def test_a_brag_order_makes_blue_complete() -> None:
    brag = StatusScale(levels=("Red", "Amber", "Green", "Blue"), planned=())
    assert brag.direction("Green", "Blue") == "progressed"
    assert brag.milestone("Green", "Blue") == "completed"
    assert brag.milestone("Amber", "Green") == ""  # Green is on track, not done
    assert brag.milestone("Red", "Green") == "started"
    assert brag.direction("Blue", "Red") == "regressed"
    assert brag.conservative_order == ("Red", "Amber", "Green", "Blue")
    # a cell naming two statuses reads as the one with less progress on this scale
    assert normalise_status("Green/Blue", scale=brag)[0] == "Green"
    assert normalise_status("Green/Blue")[0] == "Blue"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"meanings": (("Red", "x"),)}, "each of Red, Amber, Green, Blue once"),
        ({"levels": (("Red", "Blue"), ("Green",))}, "name each of Red, Amber, Green, Blue once"),
        ({"levels": (RAG_STATUSES,)}, "at least two levels"),
        ({"planned": ("Green",)}, "cannot be on the top"),
    ],
)
def test_a_scale_that_cannot_be_is_refused(fields: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        StatusScale(**fields)


def test_the_stages_settings_take_the_scale_and_the_colours() -> None:
    assert NormaliseSettings.resolve({"status_scale": {"planned": ()}}).status_scale.planned == ()
    assert IngestSettings(status_colours=(("7030A0", "Blue"),)).status_colours
    with pytest.raises(ValueError, match="'purple' is not a hex colour"):
        IngestSettings(status_colours=(("purple", "Blue"),))
    with pytest.raises(ValueError, match="'Violet' is not one of Red"):
        IngestSettings(status_colours=(("7030A0", "Violet"),))
    # ingest names fills with the scale's statuses, and the outputs colour each of them
    assert set(ingest.RAG_NAMES) == set(RAG_STATUSES) == set(RAG_FILL)


def test_a_stores_own_colour_overrides_and_extends_the_palette() -> None:
    orange, grey = (255, 102, 0), (217, 217, 217)
    assert nearest_rag(orange) == "Amber"
    assert nearest_rag(orange, colours=(("FF6600", "Red"),)) == "Red"
    assert nearest_rag((250, 110, 10), colours=(("#ff6600", "Red"),)) == "Red"  # near it
    assert nearest_rag(grey) == ""  # greys carry no RAG meaning ...
    assert nearest_rag(grey, colours=(("D9D9D9", "Blue"),)) == "Blue"  # ... unless said so
    assert nearest_rag((0, 176, 80), colours=(("FF6600", "Red"),)) == "Green"  # others stay


# --------------------------------------------------------------------------- the file


def _examples() -> list[str]:
    """The commented example settings of the default file, uncommented, by section."""
    out, section = [], ""
    for line in DEFAULT_CONFIG.splitlines():
        if line.startswith("["):
            section = line
        elif m := re.match(r"# ([a-z_]+ = .*)$", line):
            out.append(f"{section}\n{m.group(1)}\n")
    return out


@pytest.mark.parametrize("text", _examples())
def test_every_example_in_the_default_file_is_valid(text: str) -> None:
    parse_config(tomllib.loads(text), Path("plantrack.toml"))


def test_the_examples_cover_the_status_settings() -> None:
    named = {m.group(1) for t in _examples() if (m := re.search(r"\n([a-z_]+) =", t))}
    assert {"words", "meanings", "order", "planned", "colours"} <= named


def test_the_brag_file_reads_as_its_scale() -> None:
    cfg = load_config(BRAG)
    assert cfg.status_scale.levels == (("Red",), ("Amber",), ("Green",), ("Blue",))
    assert cfg.status_scale.meaning("Blue") == "Complete"
    assert cfg.status_scale.planned == ()  # Blue is complete here, so never "planned"
    assert cfg.ingest_settings["status_colours"] == (("FF6600", "Red"), ("7030A0", "Blue"))
    # a meaning left out keeps the deck's
    partial = parse_config({"status": {"meanings": {"Green": "On target"}}}, Path("x"))
    assert partial.status_scale.meaning("Green") == "On target"
    assert partial.status_scale.meaning("Red") == "Not started"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[status]\nmeanings = { Purple = "x" }\n', "[status] meanings: 'Purple' is not one of"),
        ('[status]\nmeanings = { Green = "" }\n', "[status] meanings: Green must be a non-empty"),
        ("[status]\nmeanings = 3\n", "[status] meanings must be a table"),
        ('[status]\norder = ["Red", "Amber", "Green"]\n', "[status] order must name each of"),
        ('[status]\norder = "Red, Amber"\n', "[status] order must be a list of statuses"),
        ('[status]\norder = [["Red", "Blue", "Amber", "Green"]]\n', "at least two levels"),
        ('[status]\nplanned = ["Green"]\n', "[status] planned: Green is on the last"),
        ('[status]\nplanned = "Blue"\n', "[status] planned must be a list"),
        ('[status]\nplanned = ["Blue", "Blue"]\n', "[status] planned must name statuses"),
        ('[status]\ncolours = { "purple" = "Blue" }\n', "[status] colours: colour 'purple'"),
        ('[status]\ncolours = { "7030A0" = "blue" }\n', "'7030A0' = 'blue' is not one of"),
        ('[status]\ncolours = { "7030A0" = 1 }\n', '[status] colours must be a table of "RRGGBB"'),
        ("[status]\nnames = {}\n", "unknown setting 'names'"),
        ('[status]\nlabels = { Blue = "" }\n', "[status] labels: Blue must be a name of 1 to 24"),
        ('[status]\nlabels = { Cyan = "x" }\n', "[status] labels: 'Cyan' is not one of"),
    ],
)
def test_a_bad_status_setting_is_one_line_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "plantrack.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_config(tmp_path)
    assert message in info.value.message and "\n" not in info.value.message
    assert info.value.message.startswith(str(tmp_path / "plantrack.toml") + ": ")


# --------------------------------------------------------------------------- the BRAG sample


@pytest.mark.parametrize("kind", ["docx", pytest.param("pdf", marks=pytest.mark.slow)])
@pytest.mark.parametrize("quarter", QUARTERS)
def test_brag_words_and_fills_read_as_the_file_says(quarter: str, kind: str) -> None:
    """Every status word and every fill (its own orange and purple too) reads as the status
    the publisher means, with its meaning as the label and no warning about either, from the
    Word table's shading and the PDF's drawn fills alike."""
    got = brag_actions(quarter, kind=kind)
    want = truth()["quarters"][quarter]
    assert [(a.status, a.raw.status_colour) for a in got] == [
        (t["read"]["status"], t["read"]["status_colour"]) for t in want
    ]
    scale = load_config(BRAG).status_scale
    assert all(a.status_label == scale.meaning(a.status) for a in got)
    assert not [w for a in got for w in a.warnings if w.code.startswith("status")]


def test_without_the_file_the_brag_plan_is_flagged() -> None:
    """The same documents without the store's file: the words are not RAG words and the
    orange fill reads Amber, which the file's colours put right."""
    got = brag_actions("2025-Q1", configured=False)
    codes = {w.code for a in got for w in a.warnings}
    assert "status-unknown" in codes
    assert [a.raw.status_colour for a in got][2] == "Amber"


def test_completion_is_progress_on_the_brag_scale_and_a_slip_on_the_decks() -> None:
    ours = by_uid(brag_comparison())
    assert (ours["b1"].direction, ours["b1"].milestone) == ("progressed", "completed")
    assert (ours["b2"].direction, ours["b2"].milestone) == ("regressed", "")
    assert (ours["b3"].direction, ours["b3"].milestone) == ("progressed", "started")
    deck = DEFAULT_SCALE
    assert deck.direction("Green", "Blue") == "regressed"  # why the file matters


def test_the_report_uses_the_publishers_meanings_and_milestones() -> None:
    r = brag_report(load_config(BRAG).status_scale)
    md = render_markdown(r)
    assert "| Blue | Complete | 1 → 2 |" in md and "| Red | Off track | 1 → 0 |" in md
    completed = md.split("### Completed since the last update (1)")[1].split("###")[0]
    assert "accessibility statement for every council website — Green → Blue" in completed
    assert "Changing Places" in md.split("### Regressions (1)")[1].split("##")[0]
    assert "and not Blue." in md
    # the completed translation guide (Blue, due May 2025) is not overdue on this scale
    assert not r.overdue
    new, ids = brag_actions("2025-Q2"), brag_comparison().new_ids
    assert [o.action.ref for o in build_report(new, list(ids), "2025-Q2").overdue] == ["4"]


def test_labels_name_the_statuses_in_the_report_and_deck_and_keep_their_colours() -> None:
    file = parse_config({"status": {"labels": {"Blue": "Done", "Red": "Off"}}}, Path("x"))
    assert file.status_scale.label("Blue") == "Done" and file.status_scale.label("Amber") == "Amber"
    scale = StatusScale(
        load_config(BRAG).status_scale.meanings,
        load_config(BRAG).status_scale.levels,
        (),
        file.status_scale.labels,
    )
    r = brag_report(scale)
    md = render_markdown(r)
    assert "| Done | Complete | 1 → 2 |" in md and "| Off | Off track | 1 → 0 |" in md
    assert "council website — Green → Done" in md and "and not Done." in md
    html = render_html(r)
    assert '<span class="chip Blue">Done</span>' in html  # the label, in Blue's colour
    deck = build_deck(r)
    cells = [
        c.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for c in row.cells
    ]
    assert "Done" in cells and "Off" in cells and "Blue" not in cells
    charts = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    assert [s.name for s in charts[0].plots[0].series] == ["Off", "Amber", "Green", "Done"]


def test_the_fingerprint_changes_with_any_setting_and_not_with_comments() -> None:
    base = parse_config(tomllib.loads(DEFAULT_CONFIG), Path("x"))
    assert base.fingerprint == StoreConfig().fingerprint
    brag = load_config(BRAG)
    month_first = parse_config(
        {**tomllib.loads((BRAG / "plantrack.toml").read_text()), "dates": {"day_first": False}},
        Path("x"),
    )
    assert len({base.fingerprint, brag.fingerprint, month_first.fingerprint}) == 3


def test_a_bad_status_order_stops_the_run_with_exit_2_and_one_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    code = main(
        ["run", str(BRAG / "2025-Q1.docx"), "--period", "2025-Q1", "--store", str(store)],
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert code == 0
    (store / "plantrack.toml").write_text('[status]\norder = ["Red", "Green"]\n', "utf-8")
    out, err = io.StringIO(), io.StringIO()
    doc = BRAG / "2025-Q2.docx"
    code = main(
        ["run", str(doc), "--period", "2025-Q2", "--store", str(store)], stdout=out, stderr=err
    )
    assert (code, out.getvalue()) == (2, "")
    assert err.getvalue().startswith(f"Error: {store / 'plantrack.toml'}: [status] order must")
    assert err.getvalue().count("\n") == 1
