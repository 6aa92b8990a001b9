"""`plantrack extract` of several documents / a folder into a folder, across worker processes."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from plantrack.cli import main
from plantrack.pipeline import batch_outputs

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
DOCX = [SAMPLES / "2024-Q4" / "plan.docx", SAMPLES / "2025-Q1" / "plan.docx"]


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def truth_refs(period: str) -> list[str]:
    with (SAMPLES / "truth" / f"{period}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return [r["ref"] for r in csv.DictReader(fh)]


def table_refs(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [r["ref"] for r in csv.DictReader(fh)]


def rows_without_source(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        assert r.pop("source_file")
    return rows


@pytest.mark.slow
def test_folder_extract_in_parallel_matches_one_by_one(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in DOCX:
        shutil.copy(doc, folder / f"{doc.parent.name}.docx")
    (folder / "notes.txt").write_text("not a plan")  # not a document: ignored
    code, out, err = run_cli("extract", folder, "-o", tmp_path / "par", "--jobs", "2")
    assert (code, err) == (0, "")
    assert out.count("actions written to") == 2
    code, _, err = run_cli("extract", *DOCX, "-o", tmp_path / "seq", "--jobs", "1")
    assert (code, err) == (0, "")
    for period in ("2024-Q4", "2025-Q1"):
        par = tmp_path / "par" / f"{period}.csv"
        seq = tmp_path / "seq" / f"{period}-plan.csv"  # same name in two folders
        assert table_refs(par) == truth_refs(period)
        assert rows_without_source(par) == rows_without_source(seq)


@pytest.mark.slow
def test_one_bad_document_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = SAMPLES / "bad" / "corrupt.docx"
    code, out, err = run_cli("extract", DOCX[0], bad, "-o", tmp_path / "out", "--jobs", "2")
    assert code == 4
    assert "corrupt.docx" in err and err.startswith("Error: ")
    assert out.count("actions written to") == 1
    assert table_refs(tmp_path / "out" / "plan.csv") == truth_refs("2024-Q4")


def test_several_documents_need_a_folder_output(tmp_path: Path) -> None:
    code, _, err = run_cli("extract", *DOCX, "-o", tmp_path / "both.csv")
    assert code == 2
    assert "give a folder with -o" in err
    assert not (tmp_path / "both.csv").exists()


def test_jobs_must_be_a_whole_number(tmp_path: Path) -> None:
    code, _, err = run_cli("extract", DOCX[0], "-o", tmp_path / "x.csv", "--jobs", "-2")
    assert code == 2 and "--jobs" in err


def test_batch_output_names_are_distinct() -> None:
    docs = [Path("a/plan.pdf"), Path("b/plan.pdf"), Path("a/plan.docx"), Path("a/other.pdf")]
    names = [p.name for p in batch_outputs(docs, Path("out"))]
    assert len(set(names)) == len(names)
    assert names[3] == "other.csv"
