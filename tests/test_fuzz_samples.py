"""Mutated sample PDFs: every damaged copy either parses or is refused with plantrack's own error.

Two-page excerpts of the committed sample plans (every producer, every period, pages from the
start, middle and end of the table) are cut, flipped, zeroed, given a broken cross-reference
table, or have a chunk copied elsewhere, with fixed seeds, so the corpus is the same on every
run. Excerpts rather than whole plans: the damage hits the same parser paths (fonts, content
streams, xref, page tree, a row stitched across a page break) at a fifth of the cost, which is
what lets a few hundred cases run in CI. Each case runs in its own child process with a time
limit (tests/_fuzz_support): a hang, a crash or any exception other than an
`ingest.IngestError` fails the test, naming the mutation so the case can be rebuilt with
`mutate(excerpt_bytes, kind, seed)`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests._fuzz_support import (
    MUTATIONS,
    build_mutants,
    child_count,
    excerpt,
    failure_report,
    run_isolated,
    warm_up,
)

REPO = Path(__file__).parents[1]
#: Mutants of each kind per excerpt: 24, so 9 excerpts give 216 cases. A truncated file is
#: refused in milliseconds; the other kinds often leave a file that parses in full, which
#: costs about a second, so they get fewer cases to keep the test near two minutes.
PER_EXCERPT = {"truncate": 8, "xref": 6, "flip": 4, "zero": 3, "duplicate": 3}
SECONDS_PER_CASE = 20
#: 0-based page pairs, one per period in sorted order: start, middle and end of the table.
PAGE_PAIRS = ([0, 1], [4, 5], [8, 9])


def test_every_mutation_kind_is_used() -> None:
    assert set(PER_EXCERPT) == set(MUTATIONS)


def sample_pdfs() -> list[Path]:
    """The committed sample plans; the test fails, not skips, if there are none."""
    pdfs = sorted(REPO.glob("samples/*/plan-*.pdf"))
    assert pdfs, f"no sample PDFs matching samples/*/plan-*.pdf under {REPO}"
    return pdfs


def excerpts(directory: Path) -> list[Path]:
    """A two-page excerpt of every sample PDF, named after its period, producer and pages."""
    periods = sorted({pdf.parent.name for pdf in sample_pdfs()})
    made = []
    for pdf in sample_pdfs():
        pages = PAGE_PAIRS[periods.index(pdf.parent.name) % len(PAGE_PAIRS)]
        name = f"{pdf.parent.name}-{pdf.stem}-p{pages[0] + 1}-{pages[-1] + 1}.pdf"
        made.append(excerpt(pdf, pages, directory / name))
    return made


@pytest.mark.slow
def test_mutated_samples_parse_or_are_refused(tmp_path: Path) -> None:
    sources = excerpts(tmp_path)
    mutants = tmp_path / "mutants"
    mutants.mkdir()
    cases = [(f"original {source.name}", source) for source in sources]
    cases += build_mutants(sources, PER_EXCERPT, mutants)
    warm_up(sample_pdfs()[0], tmp_path)

    outcomes = run_isolated(cases, timeout=SECONDS_PER_CASE, workers=child_count())

    assert all(outcome.ok for outcome in outcomes), failure_report(outcomes, "mutated samples")
    originals = outcomes[: len(sources)]
    assert all(outcome.verdict == "parsed" for outcome in originals), failure_report(
        originals, "unmutated excerpts must parse, or the mutations prove nothing"
    )
    refused = sum(outcome.verdict == "refused" for outcome in outcomes)
    assert refused > 0, "no mutant was refused: the mutations are not damaging anything"
