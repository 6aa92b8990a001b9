"""Page-parallel PDF reading gives exactly the in-process result, on real sample PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

import ingest
from ingest.parallel import worker_count

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PDFS = sorted(SAMPLES.glob("2025-Q1/plan-*.pdf"))


def test_samples_present() -> None:
    assert len(PDFS) >= 2


@pytest.mark.slow
@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.name)
def test_parallel_plan_equals_in_process(pdf: Path) -> None:
    one = ingest.read_plan(pdf, settings={"jobs": 1})
    seen: list[tuple[int, int]] = []
    two = ingest.read_plan(pdf, settings={"jobs": 2}, progress=lambda d, n: seen.append((d, n)))
    assert one.page_count >= 4  # long enough to be split across workers
    assert two == one
    assert len(one.actions) > 50
    # progress still reports every page, ending at the whole document
    assert [d for d, _ in seen] == list(range(1, one.page_count + 1))
    assert {n for _, n in seen} == {one.page_count}


def test_short_documents_and_jobs_one_read_in_process() -> None:
    assert worker_count(1, 500) == 1
    assert worker_count(8, 3) == 1
    assert worker_count(2, 11) == 2
    assert worker_count(0, 500) >= 1


@pytest.mark.slow
def test_worker_errors_surface_as_ingest_errors(tmp_path: Path) -> None:
    """A PDF whose pages break the reader fails the same way with or without workers."""
    src = PDFS[0].read_bytes()
    # damage every content stream after the first page: the page objects still count
    broken = tmp_path / "broken.pdf"
    cut = len(src) // 3
    broken.write_bytes(src[:cut] + b"\x00" * (len(src) - 2 * cut) + src[-cut:])
    outcomes = []
    for jobs in (1, 2):
        try:
            plan = ingest.read_plan(broken, settings={"jobs": jobs})
            outcomes.append(("ok", len(plan.actions)))
        except ingest.IngestError as exc:
            outcomes.append((type(exc).__name__, exc.code))
    assert outcomes[0] == outcomes[1]


def test_jobs_must_be_a_whole_number() -> None:
    with pytest.raises(ValueError):
        ingest.IngestSettings(jobs=1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        ingest.IngestSettings(jobs=-1)
