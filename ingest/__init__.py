"""ingest: a PDF or DOCX appendix in, a `Plan` of raw actions out."""

from ingest.records import COLUMNS, RAG_NAMES, Box, Plan, Provenance, RawAction

__all__ = ["COLUMNS", "RAG_NAMES", "Box", "Plan", "Provenance", "RawAction"]
