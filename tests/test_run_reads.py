"""How often one `run` reads the store's manifest and hashes the document (issue 20).

Counted on real runs of the sample plans, by wrapping the two functions that do it: the
manifest is read once to refuse early (before a read that can take minutes) and once
under the store's lock; the document's bytes are hashed once, and that hash is the one
ingest records and the manifest stores.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import ingest.fingerprint
from plantrack import pipeline
from plantrack.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
Q4 = SAMPLES / "2024-Q4" / "plan.docx"
Q1 = SAMPLES / "2025-Q1" / "plan.docx"


class Counts:
    def __init__(self) -> None:
        self.manifest_reads: list[bool] = []  # one per read: was the lock held?
        self.hashed: list[Path] = []


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> Counts:
    c = Counts()
    read_manifest = Store.manifest

    def manifest(self: Store) -> Any:
        c.manifest_reads.append(self.lock_path.exists())
        return read_manifest(self)

    monkeypatch.setattr(Store, "manifest", manifest)
    original: Callable[..., str] = ingest.fingerprint.file_sha256

    def file_sha256(path: Any) -> str:
        c.hashed.append(Path(path))
        return original(path)

    for module in list(sys.modules.values()):  # every module that imported it by name
        if getattr(module, "file_sha256", None) is original:
            monkeypatch.setattr(module, "file_sha256", file_sha256)
    return c


@pytest.mark.parametrize("first", [True, False], ids=["first-quarter", "second-quarter"])
def test_a_run_reads_the_manifest_once_under_the_lock_and_hashes_once(
    tmp_path: Path, counts: Counts, first: bool
) -> None:
    store = tmp_path / "store"
    if not first:
        pipeline.run_period(Q4, "2024-Q4", store_dir=store)
    counts.manifest_reads.clear()
    counts.hashed.clear()
    doc, period = (Q4, "2024-Q4") if first else (Q1, "2025-Q1")
    result = pipeline.run_period(doc, period, store_dir=store)
    assert result.actions > 50
    assert counts.manifest_reads == [False, True]  # before the read, then under the lock
    assert counts.hashed == [doc]
    entry = Store(store).manifest().get(period)
    assert entry is not None and entry.sha256 == ingest.fingerprint.file_sha256(doc)


def test_extract_hashes_the_document_once(tmp_path: Path, counts: Counts) -> None:
    out, n = pipeline.extract(Q1, tmp_path / "q1.csv")
    assert n > 50 and out.stat().st_size > 1000
    assert counts.hashed == [Q1]
    assert counts.manifest_reads == []  # extract has no store


@pytest.mark.slow
def test_a_pdf_run_hashes_the_document_once(tmp_path: Path, counts: Counts) -> None:
    """The conservation check takes the run's hash, not a second one, to know the page
    words the plan carries are this file's."""
    pdf = SAMPLES / "drawings" / "word-rects" / "plan.pdf"
    result = pipeline.run_period(pdf, "2025-Q1", store_dir=tmp_path / "store")
    assert result.actions > 50
    assert counts.hashed == [pdf]
