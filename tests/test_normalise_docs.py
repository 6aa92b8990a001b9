"""The README section documents every warning code and every normalised column."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import normalise
from normalise import WARNING_CODES, WARNING_LEVELS, Action

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md"]


def documented() -> str:
    """Whichever document holds the normalise section (the section file, or README once merged)."""
    texts = [p.read_text(encoding="utf-8") for p in DOCS if p.exists()]
    return next((t for t in texts if "`end-before-start`" in t), "")


def test_every_warning_code_is_documented():
    text = documented()
    missing = [code for code in WARNING_CODES if f"`{code}`" not in text]
    assert missing == []


def test_every_output_column_is_documented():
    text = documented()
    skipped = {"raw"}
    missing = [
        f.name for f in fields(Action) if f.name not in skipped and f"`{f.name}`" not in text
    ]
    assert missing == []


def test_public_api_is_exported():
    for name in (
        "normalise",
        "normalise_actions",
        "parse_start",
        "parse_end",
        "parse_period",
        "parse_dates",
        "normalise_status",
        "repair_refs",
        "clean_text",
        "WARNING_CODES",
        "NormaliseSettings",
    ):
        assert name in normalise.__all__
        assert hasattr(normalise, name)


def test_every_code_has_a_level():
    assert set(WARNING_LEVELS) == set(WARNING_CODES)
    assert set(WARNING_LEVELS.values()) == {"info", "check"}
    text = documented()
    for code, level in WARNING_LEVELS.items():
        assert f"| `{code}` | {level} |" in text
