"""ingest: a PDF or DOCX appendix (or the plan as XLSX, ODS or CSV) in, a `Plan` of raw
actions out."""

from ingest.conservation import Loss, check_conservation
from ingest.errors import (
    ConservationError,
    CorruptDocumentError,
    EmptyFileError,
    EncryptedDocumentError,
    IngestError,
    LimitExceededError,
    MissingColumnsError,
    MissingFileError,
    NoActionTableError,
    NoTextLayerError,
    UnsupportedFormatError,
)
from ingest.fingerprint import file_sha256
from ingest.limits import Limits, check_file_size
from ingest.month_names import MONTH_NAMES
from ingest.read import read_plan
from ingest.records import COLUMNS, RAG_NAMES, Box, Heading, Plan, Provenance, RawAction
from ingest.settings import IngestSettings

__all__ = [
    "COLUMNS",
    "MONTH_NAMES",
    "RAG_NAMES",
    "Box",
    "ConservationError",
    "CorruptDocumentError",
    "EmptyFileError",
    "EncryptedDocumentError",
    "Heading",
    "IngestError",
    "IngestSettings",
    "LimitExceededError",
    "Limits",
    "Loss",
    "MissingColumnsError",
    "MissingFileError",
    "NoActionTableError",
    "NoTextLayerError",
    "Plan",
    "Provenance",
    "RawAction",
    "UnsupportedFormatError",
    "check_conservation",
    "check_file_size",
    "file_sha256",
    "read_plan",
]
