"""Generate synthetic appendices of about N pages for the scale benchmark (not committed).

The V1 sample's actions are repeated with fresh objective numbers, laid out by the same
python-docx builder and converted by the same LibreOffice export as the committed samples,
so a 500-page synthetic plan has exactly the structure of a real one, only longer.
Output is cached in benchmarks/_work/ keyed by the page target.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / "_work"
sys.path.insert(0, str(ROOT / "samples"))

from make_docx import build_per_theme, save_deterministic  # noqa: E402
from plan_data import SampleAction, load_v1  # noqa: E402
from producers import libreoffice_pdf  # noqa: E402

PAGES_PER_COPY = 11  # the V1 LibreOffice PDF's length; only used to size the repetition
OBJECTIVES_PER_COPY = 12


def _renumber(action: SampleAction, copy: int, seq: int) -> SampleAction:
    objective = str(int(action.objective) + OBJECTIVES_PER_COPY * copy)

    def shift(number: str) -> str:
        head, _, tail = number.partition(".")
        return f"{objective}.{tail}" if head.isdigit() and tail else number

    return dataclasses.replace(
        action,
        uid=f"{action.uid}-{copy}",
        seq=seq,
        objective=objective,
        printed_no=shift(action.printed_no),
        ref=shift(action.ref),
    )


def synthetic_actions(pages: int) -> list[SampleAction]:
    base = load_v1()
    copies = max(1, math.ceil(pages / PAGES_PER_COPY))
    out: list[SampleAction] = []
    for copy in range(copies):
        for action in base:
            out.append(_renumber(action, copy, len(out) + 1))
    # Keep themes contiguous, as in a real plan: all A objectives, then B, then C.
    return sorted(out, key=lambda a: (a.theme, a.seq))


def synthetic_pdf(pages: int) -> Path:
    """Path to a cached synthetic appendix of about `pages` pages, building it if needed."""
    pdf = WORK / f"synthetic-{pages}.pdf"
    if pdf.exists():
        return pdf
    WORK.mkdir(parents=True, exist_ok=True)
    docx = WORK / f"synthetic-{pages}.docx"
    save_deterministic(build_per_theme(synthetic_actions(pages), "Synthetic"), docx)
    libreoffice_pdf(docx, pdf)
    return pdf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pages", type=int, nargs="+", help="page targets, e.g. 50 200 500")
    args = parser.parse_args()
    for pages in args.pages:
        print(synthetic_pdf(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
