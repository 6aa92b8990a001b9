"""Every bad input is refused with its own IngestError and a one-line message; nothing
from pdfminer, zipfile or lxml escapes `read_plan`. Inputs are the committed samples/bad/."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

import ingest
from ingest import read_plan

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "samples" / "bad"

CASES = [
    ("empty.pdf", ingest.EmptyFileError, "file is empty"),
    ("notes.pdf", ingest.UnsupportedFormatError, "not a PDF, DOCX, XLSX, ODS or CSV"),
    ("truncated.pdf", ingest.CorruptDocumentError, "corrupt"),
    ("corrupt.docx", ingest.CorruptDocumentError, "corrupt"),
    ("encrypted.pdf", ingest.EncryptedDocumentError, "encrypted; supply --password"),
    ("scanned.pdf", ingest.NoTextLayerError, "no text layer: scanned? run OCR first"),
    ("invoice.pdf", ingest.NoActionTableError, "no action-plan table found"),
    (
        "missing-action-column.docx",
        ingest.MissingColumnsError,
        "table is missing required columns: Action",
    ),
]


@pytest.mark.parametrize(("name", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_its_own_error(name, error, message):
    path = BAD / name
    with pytest.raises(error) as info:
        read_plan(path)
    exc = info.value
    assert message in exc.message
    assert "\n" not in str(exc)
    assert exc.path == str(path) and str(exc).startswith(str(path))
    assert exc.code == error.code


def test_missing_path(tmp_path):
    with pytest.raises(ingest.MissingFileError, match="no such file"):
        read_plan(tmp_path / "nowhere.pdf")


def test_a_directory_is_not_a_document(tmp_path):
    with pytest.raises(ingest.MissingFileError, match="not a file"):
        read_plan(tmp_path)


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not word")
    with pytest.raises(ingest.UnsupportedFormatError, match="not a Word document"):
        read_plan(path)


def test_the_reader_is_chosen_by_content_not_extension(tmp_path):
    """A DOCX named .pdf is read as a DOCX."""
    src = ROOT / "samples" / "2024-Q4" / "plan.docx"
    path = tmp_path / "plan.pdf"
    shutil.copy(src, path)
    plan = read_plan(path)
    assert plan.kind == "docx" and len(plan.actions) == len(read_plan(src).actions)


@pytest.mark.slow
def test_encrypted_pdf_reads_with_its_password():
    """samples/make_bad.py encrypts two sample pages with the user password 'council'."""
    with pytest.raises(ingest.EncryptedDocumentError, match="wrong password"):
        read_plan(BAD / "encrypted.pdf", settings={"password": "guess"})
    plan = read_plan(BAD / "encrypted.pdf", settings=ingest.IngestSettings(password="council"))
    assert plan.kind == "pdf" and plan.page_count == 2
    assert plan.actions and all(a.action for a in plan.actions)


@pytest.mark.slow
def test_progress_is_reported_per_page():
    seen: list[tuple[int, int]] = []
    read_plan(
        BAD / "encrypted.pdf",
        settings={"password": "council"},
        progress=lambda i, n: seen.append((i, n)),
    )
    assert seen == [(1, 2), (2, 2)]


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_truncated_sample_pdfs_never_leak_library_errors(tmp_path, cut):
    src = ROOT / "samples" / "2024-Q4" / "plan-libreoffice.pdf"
    data = src.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * cut)])
    try:
        result: object = read_plan(path)
    except ingest.IngestError as exc:
        result = exc
        assert "\n" not in str(exc)
    assert isinstance(result, ingest.Plan | ingest.IngestError)
