"""`read_plan`: the ingest stage's entry point, choosing a reader by file content."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ingest.assemble import assemble
from ingest.errors import CorruptDocumentError, IngestError, wrapped_in
from ingest.fingerprint import file_sha256
from ingest.limits import (
    BudgetExpired,
    Limits,
    check_archive,
    check_file_size,
    exceeded,
    time_budget,
)
from ingest.records import Plan
from ingest.rows import TableRow
from ingest.settings import IngestSettings
from ingest.sniff import detect_kind

#: spreadsheet kinds (`ingest.sheets.KINDS`), without importing the readers
SHEET_KINDS = ("xlsx", "ods", "csv")

Progress = Callable[[int, int], None]


def read_plan(
    path: str | Path,
    *,
    settings: IngestSettings | dict[str, Any] | None = None,
    progress: Progress | None = None,
    sha256: str = "",
) -> Plan:
    """Read every action of a PDF, DOCX or spreadsheet (XLSX, ODS, CSV) action plan, in
    document order.

    Raises an `IngestError` subclass (one-line message) for anything unreadable; no
    pdfminer/zipfile/lxml exception escapes. A document past `settings.limits` is
    refused with `LimitExceededError` before the work it would take. `sha256`: the
    file's hash when the caller has already computed it (so it is read once, not twice).
    """
    s = IngestSettings.resolve(settings)
    p = Path(path)
    kind = detect_kind(p)
    table_words: tuple[tuple[int, tuple[tuple[str, float, float], ...]], ...] | None = None
    skipped: tuple[str, ...] = ()
    try:
        check_file_size(p, s.limits)
        sha = sha256 or file_sha256(p)
        with time_budget(s.limits):
            if kind == "pdf":
                from ingest import pdf_guard
                from ingest.pdf.reader import read_pdf_rows

                with pdf_guard.limits_in_force(s.limits):
                    doc = read_pdf_rows(p, s, progress)
                rows, headers, page_count, notes = doc.rows, doc.headers, doc.page_count, doc.notes
                table_words, skipped = doc.table_words, doc.skipped
                warnings: list[str] = []
            else:
                if kind != "csv":
                    _check_zip(p, kind, s.limits)  # sizes from the zip directory, first
                if kind in SHEET_KINDS:
                    from ingest.sheets import read_sheets

                    rows, headers = read_sheets(p, kind, s)
                    page_count, notes, warnings = 0, [], []
                else:
                    from ingest.docx import read_docx

                    docx = read_docx(p, s)
                    rows, headers, page_count, notes = list(docx.rows), list(docx.headers), 0, []
                    warnings = list(docx.warnings)
            _check_rows(rows, s.limits)
    except IngestError as exc:
        if not exc.path:
            exc.path = str(path)
        raise
    except (MemoryError, KeyboardInterrupt, BudgetExpired):
        raise
    except Exception as exc:  # pdfminer, zipfile, lxml...: never a traceback
        wrapped = wrapped_in(exc, IngestError)  # a guard's refusal, wrapped by pdfplumber
        if wrapped is not None:
            wrapped.path = wrapped.path or str(path)
            raise wrapped from None
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
        warnings=tuple(warnings),
        table_words=table_words,
        skipped_tables=skipped,
    )


def _check_rows(rows: Sequence[TableRow], limits: Limits) -> None:
    n = sum(1 for r in rows if r.kind == "cells")
    if n > limits.rows:
        raise exceeded(f"more than {limits.rows} table rows", "rows", limits.rows)


def _check_zip(p: Path, kind: str, limits: Limits) -> None:
    """Every member's inflated size from the zip directory, before anything is inflated."""
    try:
        with zipfile.ZipFile(p) as zf:
            check_archive(zf, limits)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocumentError(f"corrupt {kind.upper()} ({type(exc).__name__})") from exc
