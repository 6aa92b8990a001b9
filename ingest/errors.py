"""The ways a document can be refused. Each carries a one-line message fit for a terminal.

The CLI turns these into `Error: <message>` and a documented exit code; nothing here
ever reaches the user as a traceback.
"""

from __future__ import annotations

from typing import TypeVar

E = TypeVar("E", bound=BaseException)


class IngestError(Exception):
    """Base of every refusal of an input document. `code` is stable and machine-readable."""

    code = "ingest-error"

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class MissingFileError(IngestError):
    code = "missing-file"


class EmptyFileError(IngestError):
    code = "empty-file"


class UnsupportedFormatError(IngestError):
    """Neither PDF nor DOCX, judged by content (magic bytes), not by extension."""

    code = "unsupported-format"


class CorruptDocumentError(IngestError):
    code = "corrupt-document"


class EncryptedDocumentError(IngestError):
    code = "encrypted"


class NoTextLayerError(IngestError):
    code = "no-text-layer"


class NoActionTableError(IngestError):
    code = "no-action-table"


class MissingColumnsError(IngestError):
    code = "missing-columns"


class ConservationError(IngestError):
    """Table text was lost or used twice while assembling actions."""

    code = "text-not-conserved"


class LimitExceededError(IngestError):
    """The document is past one of the reading limits (`ingest.Limits`): refused before
    the work (or memory) it would take, never half-read."""

    code = "limit-exceeded"

    def __init__(self, message: str, *, limit: str = "", path: str = "") -> None:
        super().__init__(message, path=path)
        self.limit = limit


def wrapped_in(exc: BaseException, kind: type[E]) -> E | None:
    """The first `kind` exception in `exc`'s cause/context chain or among the arguments of
    one of them (pdfplumber wraps pdfminer's errors as an argument of its own), if any."""
    seen: set[int] = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, kind):
            return e
        inner = next((a for a in getattr(e, "args", ()) if isinstance(a, kind)), None)
        if inner is not None:
            return inner
        e = e.__cause__ or e.__context__
    return None
