"""Page-parallel PDF reading gives exactly the in-process result, on real sample PDFs."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import ingest
from ingest.parallel import parse_document, worker_count
from ingest.pdf.unruled import same_columns

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
#: the three producers, and borderless tables whose header prints on the first page only
PDFS = sorted(SAMPLES.glob("2025-Q1/plan-*.pdf")) + [
    SAMPLES / "drawings" / name / "plan.pdf" for name in ("banded-once", "no-number")
]


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


@pytest.mark.slow
def test_workers_start_with_the_carried_columns_so_no_page_is_read_twice() -> None:
    """A header printed once: each worker reads its pages under the columns its previous
    page ended with, and its first page under those of the pages before it, so every
    page was read under the columns the page before it ended with: none is read twice."""
    pdf = SAMPLES / "drawings" / "banded-once" / "plan.pdf"
    parses = parse_document(pdf, 10, ingest.IngestSettings(jobs=2))
    headerless = [p for p in parses if p.headerless]
    wrong = [
        page.page
        for before, page in itertools.pairwise(parses)
        if page.headerless and not same_columns(page.given, before.columns)
    ]
    assert len(headerless) == 9  # the header prints on page 1 only
    assert all(p.given is not None for p in headerless)
    assert wrong == []


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


@pytest.mark.slow
@pytest.mark.parametrize("name", ["hrules", "banded-once"])
def test_a_workers_first_page_reads_earlier_pages_only_when_it_prints_no_header(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page read alone (a worker's first) reads as it does in order; the pages before it
    are laid out only when it prints no header of its own (for a repeated header that
    would be a whole page's work for nothing)."""
    import pdfplumber

    from ingest.pdf import page as page_module
    from ingest.pdf.page import parse_page_alone, parse_pages

    pdf_path = SAMPLES / "drawings" / name / "plan.pdf"
    s = ingest.IngestSettings()
    in_order = list(parse_pages(pdf_path, 1, 4, s))
    laid_out: list[int] = []
    real_lay_out = page_module.lay_out

    def recording(page: object, number: int, limits: object) -> object:
        laid_out.append(number)
        return real_lay_out(page, number, limits)  # type: ignore[arg-type]

    monkeypatch.setattr(page_module, "lay_out", recording)
    with pdfplumber.open(pdf_path) as pdf:
        alone = parse_page_alone(pdf, 3, s)
    expected = in_order[2]
    assert alone.rows == expected.rows
    assert alone.table_words == expected.table_words
    assert same_columns(alone.columns, expected.columns)
    if expected.headerless:
        assert laid_out[0] == 3 and 2 in laid_out  # read back to the header's page
        assert same_columns(alone.given, in_order[1].columns)
    else:
        assert laid_out == [3]  # the page prints its header: nothing before it is read
