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


def detect_kind(path: str | Path) -> str:
    """'pdf' or 'docx', or the IngestError that says why the file cannot be read."""
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
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            raise CorruptDocumentError(
                "corrupt or truncated DOCX (zip archive unreadable)", path=str(path)
            ) from None
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormatError(
            "a zip archive but not a Word document (no word/document.xml)", path=str(path)
        )
    raise UnsupportedFormatError("not a PDF or DOCX file (judged by content)", path=str(path))
