"""Every bad sample input: one `Error:` line, its documented exit code, nothing in the store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from plantrack.cli import main
from tests.test_store import tree_hashes

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BAD = SAMPLES / "bad"

#: file -> (exit code, message after "Error: <path>: ")
CASES = {
    "empty.pdf": (4, "file is empty"),
    "notes.pdf": (4, "not a PDF, DOCX, XLSX, ODS or CSV file (judged by content)"),
    "xxe.docx": (
        4,
        "DOCX part word/document.xml declares an external entity; refused (nothing outside"
        " the file is read)",
    ),
    "truncated.pdf": (4, "corrupt or unreadable PDF (PdfminerException)"),
    "corrupt.docx": (4, "corrupt or truncated DOCX (zip archive unreadable)"),
    "encrypted.pdf": (4, "encrypted; supply --password"),
    "scanned.pdf": (4, "no text layer: scanned? run OCR first"),
    "invoice.pdf": (4, "no action-plan table found"),
    "missing-action-column.docx": (4, "table is missing required columns: Action"),
}


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def existing_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("bad") / "store"
    code, _, err = run_cli("run", SAMPLES / "2024-Q4" / "plan.docx", "--period", "2024-Q4",
                           "--store", store)  # fmt: skip
    assert code == 0, err
    return store


def test_every_bad_sample_is_covered() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.is_file()) == sorted(CASES)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_and_leaves_a_store_alone(name: str, existing_store: Path) -> None:
    code_expected, message = CASES[name]
    path = BAD / name
    before = tree_hashes(existing_store)
    code, out, err = run_cli("run", path, "--period", "2025-Q1", "--store", existing_store)
    assert (code, out) == (code_expected, "")
    assert err == f"Error: {path}: {message}\n"
    assert "Traceback" not in err
    assert tree_hashes(existing_store) == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_creates_no_store_and_no_output(name: str, tmp_path: Path) -> None:
    code_expected, message = CASES[name]
    path = BAD / name
    code, _, err = run_cli("run", path, "--period", "2025-Q1", "--store", tmp_path / "store")
    assert code == code_expected and err == f"Error: {path}: {message}\n"
    code, _, err = run_cli("extract", path, "-o", tmp_path / "out.csv")
    assert code == code_expected and err == f"Error: {path}: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_debug_adds_a_traceback_to_a_refusal(tmp_path: Path) -> None:
    code, _, err = run_cli("--debug", "extract", BAD / "corrupt.docx", "-o", tmp_path / "o.csv")
    assert code == 4
    assert err.startswith("Traceback (most recent call last)")
    assert err.splitlines()[-1] == (
        f"Error: {BAD / 'corrupt.docx'}: corrupt or truncated DOCX (zip archive unreadable)"
    )


@pytest.mark.slow
def test_encrypted_pdf_opens_with_its_password(tmp_path: Path) -> None:
    out = tmp_path / "enc.csv"
    code, stdout, err = run_cli(
        "extract", BAD / "encrypted.pdf", "--password", "council", "-o", out
    )
    assert code == 0 and err == ""
    assert stdout.endswith(f"actions written to {out}\n") and out.is_file()
    code, _, err = run_cli("extract", BAD / "encrypted.pdf", "--password", "nope", "-o", out)
    assert code == 4
    assert err == f"Error: {BAD / 'encrypted.pdf'}: wrong password\n"
