"""ingest: a PDF or DOCX appendix in, a `Plan` of raw actions out."""

from ingest.errors import (
    ConservationError,
    CorruptDocumentError,
    EmptyFileError,
    EncryptedDocumentError,
    IngestError,
    MissingColumnsError,
    MissingFileError,
    NoActionTableError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from ingest.records import COLUMNS, RAG_NAMES, Box, Heading, Plan, Provenance, RawAction

__all__ = [
    "COLUMNS",
    "RAG_NAMES",
    "Box",
    "ConservationError",
    "CorruptDocumentError",
    "EmptyFileError",
    "EncryptedDocumentError",
    "Heading",
    "IngestError",
    "MissingColumnsError",
    "MissingFileError",
    "NoActionTableError",
    "NoTextLayerError",
    "Plan",
    "Provenance",
    "RawAction",
    "UnsupportedFormatError",
]
