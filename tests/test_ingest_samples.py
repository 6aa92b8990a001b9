"""ingest against every committed sample (each version, each producer) and its truth CSV.

Each document is read once per test session (reading a PDF takes seconds); no test mocks
pdfplumber or python-docx.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import replace
from pathlib import Path

import pytest

import ingest
from ingest import Plan, read_plan

ROOT = Path(__file__).resolve().parent.parent
#: every period's documents, and the narrow-columns layout (truth/narrow.csv)
SAMPLES = sorted((ROOT / "samples").glob("20*/plan*.*")) + sorted(
    (ROOT / "samples").glob("narrow/plan*.*")
)
PDFS = [p for p in SAMPLES if p.suffix == ".pdf"]
DOCXS = [p for p in SAMPLES if p.suffix == ".docx"]
FIELDS = ("theme", "theme_title", "objective", "objective_title", *ingest.COLUMNS)


def _by_kind(paths: list[Path]) -> list[object]:
    """The paths as test parameters, the PDFs marked slow (a sample PDF takes seconds to
    read; the Word samples keep every check in the quick loop)."""
    return [pytest.param(p, marks=pytest.mark.slow) if p.suffix == ".pdf" else p for p in paths]


def _id(p: Path) -> str:
    return f"{p.parent.name}/{p.name}"


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


@functools.cache
def plan_of(path: Path) -> Plan:
    return read_plan(path)


@functools.cache
def truth_of(period: str) -> tuple[dict[str, str], ...]:
    with (ROOT / "samples" / "truth" / f"{period}.csv").open(newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def test_samples_are_present():
    assert len(PDFS) >= 3 and len(DOCXS) >= 2, "committed samples are missing"


@pytest.mark.parametrize("path", _by_kind(SAMPLES), ids=_id)
def test_every_action_found_and_no_extra_rows(path):
    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    assert len(plan.actions) == len(truth)
    assert [a.seq for a in plan.actions] == list(range(1, len(truth) + 1))
    got = [collapse(a.action)[:60] for a in plan.actions]
    assert got == [collapse(t["action"])[:60] for t in truth]


@pytest.mark.parametrize("path", _by_kind(SAMPLES), ids=_id)
def test_every_field_of_every_action_equals_truth(path):
    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    wrong = [
        (a.seq, f, getattr(a, f), t[f])
        for a, t in zip(plan.actions, truth, strict=True)
        for f in FIELDS
        if collapse(getattr(a, f)) != collapse(t[f])
    ]
    assert wrong == []


@pytest.mark.parametrize("path", _by_kind(SAMPLES), ids=_id)
def test_refs_equal_truth_before_and_after_normalise(path):
    """Provisional refs are right wherever no decimal repair is due; after normalise,
    all are (the second printed 3.1 becomes 3.10)."""
    import normalise

    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    printed = {t["printed_no"] for t in truth if t["printed_no"]}
    for a, t in zip(plan.actions, truth, strict=True):
        if t["ref"].split("#")[0] in printed:
            assert a.ref == t["ref"], (a.seq, a.ref, t["ref"])
    refs = [a.ref for a in normalise.normalise(plan).actions]
    assert refs == [t["ref"] for t in truth]


@pytest.mark.parametrize("path", _by_kind(SAMPLES), ids=_id)
def test_plan_facts_and_provenance(path):
    plan = plan_of(path)
    assert plan.kind == path.suffix[1:]
    assert len(plan.sha256) == 64
    for a in plan.actions:
        assert a.provenance.file == str(path)
        if plan.kind == "pdf":
            assert a.provenance.pages and len(a.provenance.boxes) == len(a.provenance.pages)
            assert [b.page for b in a.provenance.boxes] == list(a.provenance.pages)
            assert all(1 <= p <= plan.page_count for p in a.provenance.pages)
        else:
            assert a.provenance.pages == () and a.provenance.table is not None
            assert a.provenance.rows


@pytest.mark.parametrize("path", _by_kind(PDFS), ids=_id)
def test_split_rows_are_stitched_with_all_their_pages(path):
    """Variation: rows split across page breaks, including fragments that continue a
    single column; each stitched action keeps every page and one box per page part."""
    plan = plan_of(path)
    stitched = [a for a in plan.actions if "stitched" in a.flags]
    assert stitched, "every PDF sample has rows split across pages"
    for a in stitched:
        pages = a.provenance.pages
        assert len(pages) >= 2 and list(pages) == sorted(pages)
        assert pages[-1] - pages[0] == len(pages) - 1
        assert len(a.provenance.boxes) == len(pages)


NOTE = re.compile(
    r"^page (\d+): page-top row (stitched to the row above|kept as its own row) \(score ([^:]+):"
)


def decisions(plan: Plan) -> list[tuple[int, bool, float]]:
    """(page, stitched, score) of every page break judged, from the plan's notes."""
    out = []
    for note in plan.notes:
        m = NOTE.match(note)
        if m:
            out.append((int(m.group(1)), m.group(2).startswith("stitched"), float(m.group(3))))
    return out


@pytest.mark.parametrize("path", _by_kind(PDFS), ids=_id)
def test_stitch_decisions_are_logged_and_match_the_result(path):
    """Each page break inside the table is judged on evidence and logged; the number of
    stitched breaks is the number of stitched actions (a row spans at most two pages
    in the samples), and the kept rows are whole actions of the truth."""
    plan = plan_of(path)
    log = decisions(plan)
    assert log, "the samples have page breaks inside the table"
    threshold = ingest.IngestSettings().stitch_threshold
    assert all((score >= threshold) == joined for _, joined, score in log)
    stitched_breaks = sum(1 for _, joined, _ in log if joined)
    stitched_actions = [a for a in plan.actions if "stitched" in a.flags]
    stitched_headings = [h for h in plan.headings if len(h.provenance.pages) > 1]
    assert stitched_breaks == sum(len(a.provenance.pages) - 1 for a in stitched_actions)
    assert stitched_headings or stitched_actions


def _stitch_notes(evidence: str = "") -> list[tuple[Path, str]]:
    return [
        (path, note)
        for path in PDFS
        for note in plan_of(path).notes
        if "stitched to the row above" in note and evidence in note
    ]


@pytest.mark.slow
def test_fragments_continuing_a_single_column_are_stitched():
    """Variation: a page-top fragment with text in one column only (the others empty)."""
    single = [(p, n) for p, n in _stitch_notes() if len(n.split("text in: ")[1].split(", ")) == 1]
    assert single
    for path, note in single:
        page = int(note.split(":")[0].split()[1])
        plan = plan_of(path)
        joined = [a for a in plan.actions if page in a.provenance.pages[1:]]
        assert joined and all("stitched" in a.flags for a in joined)


@pytest.mark.slow
def test_a_value_cut_at_the_page_foot_is_glued_back():
    """Variation: a cell value cut by the page ("Dec-" / "24", or a word cut mid-way):
    the stitcher sees it as evidence and the glued value equals the truth."""
    cut = _stitch_notes("word_cut_at_page_foot")
    assert cut
    for path, note in cut:
        page = int(note.split(":")[0].split()[1])
        plan = plan_of(path)
        truth = truth_of(path.parent.name)
        for a in plan.actions:
            if page in a.provenance.pages[1:]:
                t = truth[a.seq - 1]
                assert all(collapse(getattr(a, f)) == collapse(t[f]) for f in FIELDS)


@pytest.mark.slow
def test_a_genuine_unnumbered_action_starting_a_page_stays_its_own_action():
    """Across the samples unnumbered actions open a page; each is kept apart and is an
    action of the truth starting on that page."""
    kept = 0
    for path in PDFS:
        plan = plan_of(path)
        for page, joined, _ in decisions(plan):
            if joined:
                continue
            starts = [a for a in plan.actions if a.provenance.pages[0] == page]
            first = min(starts, key=lambda a: a.provenance.boxes[0].top)
            if not first.printed_no:
                kept += 1
                truth = truth_of(path.parent.name)[first.seq - 1]
                assert collapse(first.action) == collapse(truth["action"])
    assert kept >= 1


@pytest.mark.parametrize("path", _by_kind([p for p in PDFS if "chromium" in p.name]), ids=_id)
def test_split_row_without_bottom_rule_is_still_read(path):
    """Variation: Chromium draws the upper part of a split row without its bottom border,
    so the lattice finder sees no cells there; its text must still reach the action."""
    plan = plan_of(path)
    open_rows = [a for a in plan.actions if "no-bottom-rule" in a.flags]
    assert open_rows
    truth = {t["seq"]: t for t in truth_of(path.parent.name)}
    for a in open_rows:
        assert collapse(a.action) == collapse(truth[str(a.seq)]["action"])
        assert "stitched" in a.flags


@pytest.mark.parametrize(
    "path", _by_kind([p for p in SAMPLES if "onetable" not in p.name]), ids=_id
)
def test_header_renamed_part_way_through_is_recognised(path):
    """Variation: the last column is headed "Progress log" from Theme B on (in the
    one-table-per-theme layout; the single-table layout repeats one header)."""
    plan = plan_of(path)
    last_words = {h.split(" | ")[-1] for h in plan.header_variants}
    assert "Progress log" in last_words
    assert any(w.startswith("Progress update") for w in last_words)
    # both variants feed progress_update: actions in Theme B and C have it filled
    assert any(a.progress_update for a in plan.actions if a.theme == "B")


@pytest.mark.parametrize("path", _by_kind(SAMPLES), ids=_id)
def test_themes_and_objectives_become_headings(path):
    """Variation: theme titles as headings above each table (plan.*) or as full-width
    rows inside one table (plan-onetable.*); either way they are headings and context."""
    plan = plan_of(path)
    themes = [h for h in plan.headings if h.kind == "theme"]
    assert [h.key for h in themes] == sorted({t["theme"] for t in truth_of(path.parent.name)})
    if "onetable" not in path.name and path.suffix == ".docx":
        assert len({a.provenance.table for a in plan.actions}) == len(themes)
    objectives = [h.key for h in plan.headings if h.kind == "objective"]
    assert objectives == list(dict.fromkeys(t["objective"] for t in truth_of(path.parent.name)))


@pytest.mark.parametrize("path", [p for p in DOCXS if "onetable" in p.name], ids=_id)
def test_vmerged_number_cells_are_not_duplicated(path):
    """Variation: in the one-table DOCX the No. cell is vertically merged over the
    unnumbered actions; python-docx's row.cells would repeat its text on each row."""
    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    assert [a.printed_no for a in plan.actions] == [t["printed_no"] for t in truth]
    assert sum(1 for a in plan.actions if not a.printed_no) > 10


@pytest.mark.parametrize("path", _by_kind(SAMPLES), ids=_id)
def test_status_colour_read_from_shading(path):
    plan = plan_of(path)
    shaded = [a for a in plan.actions if a.status_colour]
    assert len(shaded) >= len(plan.actions) - 2
    agree = [a for a in shaded if a.status in ingest.RAG_NAMES]
    assert all(a.status_colour == a.status for a in agree)
    assert not any("status-colour-mismatch" in a.flags for a in agree)


@pytest.mark.parametrize("path", _by_kind(SAMPLES), ids=_id)
def test_conservation_every_word_in_exactly_one_field(path):
    assert ingest.check_conservation(plan_of(path), path) == []


def _corrupt_first_stitched(plan: Plan, how: str) -> Plan:
    actions = list(plan.actions)
    i = next(k for k, a in enumerate(actions) if "stitched" in a.flags or plan.kind == "docx")
    a = actions[i]
    if how == "drop":  # lose the continuation: keep only the first half of the action
        words = a.action.split()
        actions[i] = replace(a, action=" ".join(words[: len(words) // 2]))
    else:  # use a cell twice
        actions[i] = replace(a, success_measure=f"{a.success_measure} {a.action}")
    return replace(plan, actions=tuple(actions))


@pytest.mark.parametrize("path", _by_kind([PDFS[0], DOCXS[0]]), ids=_id)
def test_conservation_catches_a_dropped_fragment(path):
    bad = _corrupt_first_stitched(plan_of(path), "drop")
    losses = ingest.check_conservation(bad, path)
    assert losses and all(x.kind == "lost" for x in losses)
    if path.suffix == ".pdf":
        stitched = next(a for a in plan_of(path).actions if "stitched" in a.flags)
        assert {x.page for x in losses} <= set(stitched.provenance.pages)
    with pytest.raises(ingest.ConservationError, match="text lost"):
        ingest.check_conservation(bad, path, strict=True)


@pytest.mark.parametrize("path", _by_kind([PDFS[0], DOCXS[0]]), ids=_id)
def test_conservation_catches_a_cell_used_twice(path):
    bad = _corrupt_first_stitched(plan_of(path), "duplicate")
    losses = ingest.check_conservation(bad, path)
    assert losses and all(x.kind == "extra" for x in losses)
    dup = next(a for a in bad.actions if a.success_measure.endswith(a.action))
    assert {x.where for x in losses} == {dup.ref}
