"""`plantrack diff --json` prints exactly the comparison, the one result changes.csv renders."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from compare import compare
from plantrack.cli import main
from tests.test_compare_helpers import SAMPLES, sample_actions

OLD = SAMPLES / "2024-Q4" / "plan.docx"
NEW = SAMPLES / "2025-Q1" / "plan.docx"


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.slow
def test_json_is_exactly_the_comparison(tmp_path: Path):
    code, out, err = _run("diff", str(OLD), str(NEW), "--json", "-o", str(tmp_path))
    assert (code, err) == (0, "")
    printed = json.loads(out)
    expected = compare(sample_actions("2024-Q4"), sample_actions("2025-Q1")).to_json()
    assert printed == json.loads(json.dumps(expected))
    kinds = {c["change"] for c in printed["changes"]}
    assert {"status_changed", "end_changed", "progress_updated", "added", "removed"} <= kinds
    # changes.csv is a rendering of the same records: same rows, same details, same order
    with (tmp_path / "changes.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["change"], r["ref_after"], r["detail"]) for r in rows] == [
        (c["change"], c["ref_after"], c["detail"]) for c in printed["changes"]
    ]


@pytest.mark.slow
def test_json_of_the_same_quarter_from_two_producers_has_no_changes():
    quarter = SAMPLES / "2025-Q1"
    code, out, _ = _run(
        "diff", str(quarter / "plan.docx"), str(quarter / "plan-onetable.docx"), "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["changes"] == [] and data["notes"] == []
    assert len(data["matches"]) == len(sample_actions("2025-Q1"))


@pytest.mark.slow
def test_json_output_is_ascii_so_no_document_text_reaches_the_terminal_raw():
    code, out, _ = _run("diff", str(OLD), str(NEW), "--json")
    assert code == 0 and out.isascii()
    assert "\x1b" not in out
