"""Documents from the wild: 52 real PDFs that are not action plans (pdfplumber's test corpus).

plantrack must read each to the end or refuse it with its own one-line error, in bounded time,
with no traceback, crash or hang. Each file runs in its own child process (tests/_fuzz_support)
so a hang or a segfault is caught and named instead of taking the test run down.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests._fuzz_support import child_count, failure_report, run_isolated, warm_up

REPO = Path(__file__).parents[1]
#: CI clones the repository with `shared/` beside it, as on the development machine.
SHARED = REPO.parent / "shared"
WILD = SHARED / "wild" / "pdfplumber-tests"
EXPECTED_FILES = 52
SECONDS_PER_FILE = 60
#: Exit code the CLI documents for "not a readable action plan".
EXIT_NOT_A_PLAN = 4

#: A checkout with nothing beside it (a fresh clone) skips these, saying so; where
#: `shared/` is there (CI, the development machine) they run, and an incomplete corpus fails.
pytestmark = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"corpus tests need the shared corpus at {SHARED} (not beside this checkout)",
)


def wild_pdfs() -> list[Path]:
    """The corpus, failing loudly if `shared/` is there but the corpus is not complete."""
    assert WILD.is_dir(), f"wild corpus missing: expected {WILD} (shared/ beside the repository)"
    pdfs = sorted(WILD.glob("*.pdf"))
    found = len(pdfs)
    assert found == EXPECTED_FILES, f"expected {EXPECTED_FILES} PDFs in {WILD}, found {found}"
    return pdfs


@pytest.mark.slow
def test_every_wild_pdf_is_read_or_refused_in_time(tmp_path: Path) -> None:
    pdfs = wild_pdfs()
    warm_up(sorted(REPO.glob("samples/*/plan-*.pdf"))[0], tmp_path)
    outcomes = run_isolated(
        [(pdf.name, pdf) for pdf in pdfs], timeout=SECONDS_PER_FILE, workers=child_count()
    )
    assert all(outcome.ok for outcome in outcomes), failure_report(outcomes, "wild PDFs")

    details = {outcome.case: outcome.detail for outcome in outcomes}
    assert details["empty.pdf"].startswith("EmptyFileError"), details["empty.pdf"]
    encrypted = details["password-example.pdf"]
    assert encrypted.startswith("EncryptedDocumentError"), encrypted


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("password-example.pdf", "encrypted"),
        ("empty.pdf", "empty"),
        ("malformed-from-issue-932.pdf", "no action-plan table"),
    ],
)
def test_cli_refuses_a_wild_pdf_in_one_line(tmp_path: Path, name: str, says: str) -> None:
    pdf = WILD / name
    assert pdf.is_file(), f"wild corpus file missing: {pdf}"
    out = tmp_path / "out.csv"
    plantrack = Path(sys.executable).parent / "plantrack"

    result = subprocess.run(
        [str(plantrack), "extract", str(pdf), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=SECONDS_PER_FILE,
        cwd=tmp_path,
    )

    lines = result.stderr.splitlines()
    assert result.returncode == EXIT_NOT_A_PLAN, result.stderr
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert says in lines[0] and name in lines[0], lines[0]
    assert not out.exists(), "a refused document must not leave an output file"
