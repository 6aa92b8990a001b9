"""Generate synthetic appendices of N pages or just over for the scale benchmark.

The V1 sample's actions are repeated with fresh objective numbers, laid out by the same
python-docx builder and converted by the same LibreOffice export as the committed samples,
so a 500-page synthetic plan has exactly the structure of a real one, only longer.
How many copies make N pages is measured, not assumed: a first build is sized from a
guess, and if it falls short it is rebuilt with the copies the measured pages-per-copy
call for. Output is cached in benchmarks/_work/ (not committed), keyed by the target.
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

ACTIONS_PER_PAGE = 8.7  # a first guess only; each build measures the real figure
#: a build this far over the target is close enough (the layout moves in whole rows)
OVERSHOOT = 0.02
MAX_BUILDS = 6
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


def synthetic_actions(count: int) -> list[SampleAction]:
    """The first `count` actions of the sample repeated end to end."""
    base = load_v1()
    out: list[SampleAction] = []
    copy = 0
    while len(out) < count:
        for action in base[: count - len(out)]:
            out.append(_renumber(action, copy, len(out) + 1))
        copy += 1
    # Keep themes contiguous, as in a real plan: all A objectives, then B, then C.
    return sorted(out, key=lambda a: (a.theme, a.seq))


def page_count(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def _build(count: int, docx: Path, pdf: Path) -> int:
    save_deterministic(build_per_theme(synthetic_actions(count), "Synthetic"), docx)
    libreoffice_pdf(docx, pdf)
    return page_count(pdf)


def _close_enough(got: int, pages: int) -> bool:
    return pages <= got <= max(pages + 1, math.floor(pages * (1 + OVERSHOOT)))


def synthetic_pdf(pages: int) -> Path:
    """Path to a cached synthetic appendix of `pages` pages or just over, building it if
    needed: each build's measured actions per page sizes the next one."""
    pdf = WORK / f"synthetic-{pages}.pdf"
    if pdf.exists() and _close_enough(page_count(pdf), pages):
        return pdf
    WORK.mkdir(parents=True, exist_ok=True)
    docx = WORK / f"synthetic-{pages}.docx"
    count = math.ceil(pages * ACTIONS_PER_PAGE)
    got = _build(count, docx, pdf)
    builds = 1
    while not _close_enough(got, pages) and (got < pages or builds < MAX_BUILDS):
        aim = round(count * (pages + 0.5) / got)  # aim half a page over the target
        count = aim if aim != count else count + (1 if got < pages else -1)
        got = _build(count, docx, pdf)
        builds += 1
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
