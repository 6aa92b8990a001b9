"""Decide what a file is from its bytes, never its name.

A text file renamed `.pdf` must be refused as unsupported, and a PDF saved as `.docx`
must still be read, so the reader is chosen by magic bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.errors import (
    CorruptDocumentError,
    EmptyFileError,
    MissingFileError,
    UnsupportedFormatError,
)

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"


def sniff_bytes(head: bytes) -> str:
    """'pdf', 'zip' or '' from the first bytes of a file (pure)."""
    if PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    return ""


def zip_kind(names: set[str], mimetype: bytes) -> str:
    """'docx', 'xlsx', 'ods' or '' from a zip's member names and its `mimetype` (pure)."""
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if mimetype.strip() == b"application/vnd.oasis.opendocument.spreadsheet":
        return "ods"
    return ""


def detect_kind(path: str | Path) -> str:
    """'pdf', 'docx', 'xlsx', 'ods' or 'csv', or the IngestError that says why the file
    cannot be read."""
    p = Path(path)
    if not p.exists():
        raise MissingFileError("no such file", path=str(path))
    if not p.is_file():
        raise MissingFileError("not a file", path=str(path))
    try:
        with p.open("rb") as fh:
            head = fh.read(1024)
    except OSError as exc:
        raise MissingFileError(f"cannot read file ({exc.strerror})", path=str(path)) from None
    if not head:
        raise EmptyFileError("file is empty", path=str(path))
    kind = sniff_bytes(head)
    if kind == "pdf":
        return "pdf"
    if kind == "zip":
        try:
            with zipfile.ZipFile(p) as zf:
                names = set(zf.namelist())
                mimetype = zf.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zipfile.LargeZipFile):
            raise CorruptDocumentError(
                "corrupt or truncated DOCX (zip archive unreadable)", path=str(path)
            ) from None
        found = zip_kind(names, mimetype)
        if found:
            return found
        raise UnsupportedFormatError(
            "a zip archive but not a Word document or spreadsheet (no word/document.xml,"
            " xl/workbook.xml or OpenDocument spreadsheet)",
            path=str(path),
        )
    if _is_csv(p):
        return "csv"
    raise UnsupportedFormatError(
        "not a PDF, DOCX, XLSX, ODS or CSV file (judged by content)", path=str(path)
    )


def _is_csv(p: Path) -> bool:
    """Delimited text rows (sniffed on the first 64 KiB; no NUL bytes, no markup)."""
    from ingest.sheets.csvfile import decode, dialect_of

    with p.open("rb") as fh:
        head = fh.read(65536)
    if b"\0" in head or head.lstrip().startswith(b"<"):
        return False
    return dialect_of(decode(head)) is not None
