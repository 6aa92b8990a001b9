"""DOCX as Microsoft Word writes it: the accepted view of the samples in `samples/word/`.

Each sample's accepted view is a quarter's truth (`samples/truth/<period>.csv`); the
features it carries are in the XML (checked here too, so a sample that lost its features
could not pass), and the text Word keeps but a reader never sees (deleted text, field
instructions, comments) must not reach any output.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

import ingest
from ingest import Plan
from ingest.docx.text import W, tracked_changes
from plantrack.cli import main
from tests.test_ingest_samples import FIELDS, _id, collapse, plan_of, truth_of

ROOT = Path(__file__).resolve().parent.parent
WORD = ROOT / "samples" / "word"
SAMPLES = sorted(WORD.glob("20*/plan-*.docx"))
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"


def document_xml(path: Path) -> etree._Element:
    """The main part, Strict namespaces renamed, without expanding entities (test's own
    reading, independent of ingest's)."""
    with zipfile.ZipFile(path) as zf:
        data = zf.read("word/document.xml").replace(STRICT_W.encode(), W.encode())
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def hidden_words(path: Path, truth: tuple[dict[str, str], ...]) -> set[str]:
    """Words Word stores but a reader never sees (deleted text, moved-away text, field
    instructions, comments), that are nowhere in the quarter's truth."""
    root = document_xml(path)
    texts = [t.text or "" for t in root.iter(w("delText"), w("instrText"))]
    texts += [f.get(w("instr"), "") for f in root.iter(w("fldSimple"))]
    texts += [t.text or "" for m in root.iter(w("moveFrom")) for t in m.iter(w("t"))]
    with zipfile.ZipFile(path) as zf:
        if "word/comments.xml" in zf.namelist():
            comments = etree.fromstring(zf.read("word/comments.xml"))
            texts += [t.text or "" for t in comments.iter(w("t"))]
    seen = {word for row in truth for f in FIELDS for word in _words(row[f])}
    return {word for text in texts for word in _words(text)} - seen


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_samples_are_present():
    names = {p.name for p in SAMPLES}
    assert {"plan-features.docx", "plan-tracked.docx", "plan-strict.docx"} <= names
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_every_field_of_every_action_equals_truth(path):
    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    assert len(plan.actions) == len(truth)
    wrong = [
        (a.seq, f, getattr(a, f), t[f])
        for a, t in zip(plan.actions, truth, strict=True)
        for f in FIELDS
        if collapse(getattr(a, f)) != collapse(t[f])
    ]
    assert wrong == []


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_status_fills_read_as_their_rag_colour(path):
    """Theme fills (with tint and shade, through the file's own theme) and solid patterns
    over an automatic fill give the same RAG colour as the status word."""
    plan = plan_of(path)
    truth = truth_of(path.parent.name)
    coloured = [(a, t) for a, t in zip(plan.actions, truth, strict=True) if t["status"]]
    assert coloured
    assert [a.status_colour for a, _ in coloured] == [t["status"] for _, t in coloured]
    assert not any("status-colour-mismatch" in a.flags for a in plan.actions)


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_conserved_and_cli_extract_exits_0_without_allow_loss(path, tmp_path):
    assert ingest.check_conservation(plan_of(path), path) == []
    out, err = io.StringIO(), io.StringIO()
    target = tmp_path / "out.csv"
    code = main(["extract", str(path), "-o", str(target)], stdout=out, stderr=err)
    assert code == 0, err.getvalue()
    with target.open(encoding="utf-8-sig", newline="") as fh:
        text = " ".join(v for row in csv.DictReader(fh) for k, v in row.items() if k in FIELDS)
    hidden = hidden_words(path, truth_of(path.parent.name))
    found = sorted(hidden & _words(text))
    assert found == []


def test_the_samples_hide_text_that_must_not_be_read():
    """Deleted text, field codes and a comment really are in the features sample."""
    path = WORD / "2024-Q4" / "plan-features.docx"
    hidden = hidden_words(path, truth_of("2024-Q4"))
    assert {"superseded", "docproperty", "mergeformat", "reviewer", "withdrawn"} <= hidden


FEATURES = {
    "run, cell, row and block content controls": lambda r: sum(1 for _ in r.iter(w("sdt"))) >= 4,
    "row-level control holding rows": lambda r: (
        r.find(f".//{w('tbl')}/{w('sdt')}//{w('tr')}") is not None
    ),
    "cell-level control": lambda r: r.find(f".//{w('tr')}/{w('sdt')}//{w('tc')}") is not None,
    "block-level control holding a table": lambda r: (
        r.find(f"{w('body')}/{w('sdt')}/{w('sdtContent')}/{w('tbl')}") is not None
    ),
    "complex fields": lambda r: r.find(f".//{w('instrText')}") is not None,
    "simple field": lambda r: r.find(f".//{w('fldSimple')}") is not None,
    "hyperlink": lambda r: r.find(f".//{w('hyperlink')}") is not None,
    "comment": lambda r: r.find(f".//{w('commentReference')}") is not None,
    "breaks and tabs": lambda r: (
        r.find(f".//{w('br')}") is not None and r.find(f".//{w('tab')}") is not None
    ),
    "hyphens": lambda r: (
        r.find(f".//{w('noBreakHyphen')}") is not None
        and r.find(f".//{w('softHyphen')}") is not None
    ),
    "tracked text": lambda r: all(
        r.find(f".//{w(t)}") is not None for t in ("ins", "del", "moveTo")
    ),
    "tracked-deleted row": lambda r: r.find(f".//{w('trPr')}/{w('del')}") is not None,
    "theme fills": lambda r: any(s.get(w("themeFill")) for s in r.iter(w("shd"))),
    "solid fills over auto": lambda r: any(
        s.get(w("val")) == "solid" and s.get(w("fill")) == "auto" for s in r.iter(w("shd"))
    ),
}


@pytest.mark.parametrize("name", ["2024-Q4/plan-features.docx", "2025-Q2/plan-strict.docx"])
@pytest.mark.parametrize("feature", FEATURES)
def test_features_sample_carries_each_feature(name, feature):
    assert FEATURES[feature](document_xml(WORD / name))


def test_strict_sample_is_strict():
    with zipfile.ZipFile(WORD / "2025-Q2" / "plan-strict.docx") as zf:
        doc = zf.read("word/document.xml")
        rels = zf.read("_rels/.rels")
    assert STRICT_W.encode() in doc and W.encode() not in doc
    assert b'w:conformance="strict"' in doc
    assert b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" in rels


@pytest.mark.parametrize("period", ["2025-Q1", "2025-Q2"])
def test_tracked_versions_delete_and_insert_rows(period):
    root = document_xml(WORD / period / "plan-tracked.docx")
    assert root.find(f".//{w('trPr')}/{w('del')}") is not None
    assert root.find(f".//{w('trPr')}/{w('ins')}") is not None


@pytest.mark.parametrize("path", SAMPLES, ids=_id)
def test_unaccepted_tracked_changes_are_reported_with_their_number(path):
    """The plan's warnings (shown in the run log) say how many changes are unaccepted:
    the number of revision marks in the XML, counted here by the test itself."""
    root = document_xml(path)
    marks = ("ins", "del", "moveTo", "cellIns", "cellDel")
    marks += ("rPrChange", "pPrChange", "tcPrChange", "trPrChange", "tblPrChange")
    count = sum(1 for _ in root.iter(*(w(m) for m in marks)))
    warnings = [x for x in plan_of(path).warnings if "tracked change" in x]
    if count == 0:
        assert warnings == []
        return
    assert len(warnings) == 1 and f"has {count} unaccepted tracked change" in warnings[0]
    assert sum(tracked_changes(root).values()) == count
    flagged = [a for a in plan_of(path).actions if any("tracked changes" in f for f in a.flags)]
    assert flagged, "rows holding changes carry the flag into the snapshot's warnings"


@pytest.mark.slow
def test_run_log_and_snapshot_warnings_say_the_document_is_not_finalised(tmp_path):
    path = WORD / "2025-Q1" / "plan-tracked.docx"
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["--verbose", "run", str(path), "--period", "2025-Q1", "--store", str(tmp_path / "s")],
        stdout=out,
        stderr=err,
    )
    assert code == 0, err.getvalue()
    assert re.search(
        r"warning: .*plan-tracked\.docx: the document has \d+ unaccepted", err.getvalue()
    )
    with (tmp_path / "s" / "snapshots" / "2025-Q1.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert any("tracked changes in this row" in r["warnings"] for r in rows)


def test_entity_sample_keeps_the_text_after_the_entity():
    """Issue 19: a DOCTYPE entity no longer cuts the cell text at the entity."""
    path = WORD / "2025-Q1" / "plan-entity.docx"
    assert b"&cc;" in zipfile.ZipFile(path).read("word/document.xml")
    with_word = [a for a in plan_of(path).actions if "Cambridgeshire" in a.action + a.team]
    assert with_word and len(with_word) == sum(
        1 for t in truth_of("2025-Q1") if "Cambridgeshire" in t["action"] + t["team"]
    )


def test_external_entity_is_refused_and_nothing_outside_is_read(tmp_path):
    path = ROOT / "samples" / "bad" / "xxe.docx"
    out, err = io.StringIO(), io.StringIO()
    code = main(["extract", str(path), "-o", str(tmp_path / "x.csv")], stdout=out, stderr=err)
    assert code == 4
    assert err.getvalue() == (
        f"Error: {path}: DOCX part word/document.xml declares an external entity;"
        " refused (nothing outside the file is read)\n"
    )
    assert not (tmp_path / "x.csv").exists()


# --------------------------------------------------------------------------- conservation


def _without(plan: Plan, index: int) -> Plan:
    return replace(plan, actions=plan.actions[:index] + plan.actions[index + 1 :])


@pytest.mark.parametrize("name", ["2025-Q1/plan-tracked.docx", "2024-Q4/plan-features.docx"])
def test_conservation_catches_a_dropped_row(name):
    path = WORD / name
    plan = plan_of(path)
    dropped = plan.actions[20]
    losses = ingest.check_conservation(_without(plan, 20), path)
    lost = {loss.text for loss in losses if loss.kind == "lost"}
    assert lost and lost <= set(" ".join(getattr(dropped, c) for c in ingest.COLUMNS).split())
    assert all(f"row {dropped.provenance.rows[0] + 1}" in loss.where for loss in losses)


def test_conservation_catches_deleted_text_in_an_output():
    """The other direction: text in an output that the accepted view does not hold
    (here the tracked-deleted words) is reported as invented."""
    path = WORD / "2024-Q4" / "plan-features.docx"
    plan = plan_of(path)
    a = plan.actions[5]
    bad = replace(a, progress_update=f"{a.progress_update} superseded")
    losses = ingest.check_conservation(
        replace(plan, actions=(*plan.actions[:5], bad, *plan.actions[6:])), path
    )
    assert [(x.kind, x.text) for x in losses] == [("extra", "superseded")]


def test_conservation_catches_a_word_cut_at_a_soft_hyphen():
    """A soft hyphen never splits a word for the check, but a reader that cut the word
    there would be caught: the pieces are not the word."""
    path = WORD / "2024-Q4" / "plan-features.docx"
    plan = plan_of(path)
    a = plan.actions[3]  # the action whose long word carries a w:softHyphen
    word = next(t for t in a.action.split() if len(t) >= 11 and t.isalpha())
    cut = a.action.replace(word, f"{word[:5]} {word[5:]}", 1)
    losses = ingest.check_conservation(
        replace(plan, actions=(*plan.actions[:3], replace(a, action=cut), *plan.actions[4:])),
        path,
    )
    assert {x.text for x in losses if x.kind == "lost"} == {word}
