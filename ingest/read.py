"""`read_plan`: the ingest stage's entry point, choosing a reader by file content."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.assemble import assemble
from ingest.errors import CorruptDocumentError, IngestError
from ingest.fingerprint import file_sha256
from ingest.records import Plan
from ingest.settings import IngestSettings
from ingest.sniff import detect_kind

Progress = Callable[[int, int], None]


def read_plan(
    path: str | Path,
    *,
    settings: IngestSettings | dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> Plan:
    """Read every action of a PDF or DOCX action-plan appendix, in document order.

    Raises an `IngestError` subclass (one-line message) for anything unreadable; no
    pdfminer/zipfile/lxml exception escapes.
    """
    s = IngestSettings.resolve(settings)
    p = Path(path)
    kind = detect_kind(p)
    sha = file_sha256(p)
    try:
        if kind == "pdf":
            from ingest.pdf.reader import read_pdf_rows

            rows, headers, page_count, notes = read_pdf_rows(p, s, progress, sha)
        else:
            rows, headers, page_count, notes = _read_docx(p, s)
    except IngestError as exc:
        if not exc.path:
            exc.path = str(path)
        raise
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception as exc:  # pdfminer, zipfile, lxml...: never a traceback
        raise CorruptDocumentError(
            f"corrupt or unreadable {kind.upper()} ({type(exc).__name__})", path=str(path)
        ) from exc
    actions, headings = assemble(rows, str(path))
    return Plan(
        source=str(path),
        sha256=sha,
        kind=kind,
        page_count=page_count,
        actions=tuple(actions),
        headings=tuple(headings),
        header_variants=tuple(headers),
        notes=tuple(notes),
    )


def _read_docx(p: Path, s: IngestSettings) -> tuple[list, list[str], int, list[str]]:
    import docx

    from ingest.docx_reader import read_docx_rows

    try:
        document = docx.Document(str(p))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocumentError(f"corrupt DOCX ({type(exc).__name__})") from exc
    rows, headers = read_docx_rows(document, s)
    return rows, headers, 0, []
