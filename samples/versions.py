"""The three sample versions: V1 as published, V2 and V3 by declarative edits (filled in below)."""

from __future__ import annotations

from pathlib import Path

from plan_data import SampleAction, load_v1

VERSIONS = ("2024-Q4",)


def build_versions() -> dict[str, list[SampleAction]]:
    return {"2024-Q4": load_v1()}


def write_changes(versions: dict[str, list[SampleAction]], out: Path) -> None:
    return None
