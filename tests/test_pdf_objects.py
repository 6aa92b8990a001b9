"""`ingest.pdf.objects.page_objects` builds exactly pdfplumber's page objects.

plantrack builds each page's character dicts itself because pdfplumber's generic path is
most of the cost of reading a page. That is only safe while the dicts are the same: the
same kinds, the same objects in the same order, each with the same keys in the same order
and the same values. Checked on every sample PDF (Word, LibreOffice, Chromium, WeasyPrint,
reportlab drawings) and, where the shared corpus is beside the checkout, on the first pages
of the 52 wild PDFs of pdfplumber's own tests (rotated pages, shifted media boxes, Type3
fonts, marked content, odd colour spaces).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from ingest.pdf.objects import build_objects, page_objects

REPO = Path(__file__).parents[1]
#: every sample plan PDF (not `samples/bad/`: files built to be refused before they are read)
SAMPLE_PDFS = sorted(p for p in (REPO / "samples").rglob("*.pdf") if "bad" not in p.parts)
WILD = REPO.parent / "shared" / "wild" / "pdfplumber-tests"
WILD_PAGES = 3  # the first pages of each corpus file: enough to meet each producer's habits


def _same(ours: dict[str, list[dict[str, Any]]], theirs: dict[str, list[dict[str, Any]]]) -> None:
    assert list(ours) == list(theirs)
    for kind in theirs:
        assert len(ours[kind]) == len(theirs[kind]), kind
        for a, b in zip(ours[kind], theirs[kind], strict=True):
            assert list(a) == list(b), kind  # the same keys, in the same order
            assert a == b, kind


def _compare(path: Path, pages: int | None = None) -> int:
    """Compare every (or the first `pages`) page; the number of characters compared."""
    chars = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:pages]:
            try:
                theirs = page.parse_objects()
            except Exception as exc:  # a page pdfplumber cannot read: ours fails alike
                with pytest.raises(type(exc)):
                    page_objects(page)
                continue
            ours = page_objects(page)
            _same(ours, theirs)
            chars += len(theirs.get("char", []))
    return chars


def test_the_samples_are_all_there() -> None:
    assert len(SAMPLE_PDFS) >= 35


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: str(p.relative_to(REPO / "samples")))
def test_every_sample_page_has_pdfplumbers_objects(path: Path) -> None:
    _compare(path)


def test_a_drawn_table_page_has_its_rules_and_rects_too() -> None:
    """A page with characters, rectangles and lines: every kind, not only characters."""
    path = REPO / "samples" / "drawings" / "word-rects" / "plan.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        theirs = page.parse_objects()
        assert {"char", "rect"} <= set(theirs)
        _same(page_objects(page), theirs)


def test_build_objects_is_what_pdfplumber_then_reads() -> None:
    path = REPO / "samples" / "drawings" / "plain" / "plan.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        expected = page.extract_words(return_chars=True)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        build_objects(page)
        built = page._objects
        assert page.extract_words(return_chars=True) == expected
        build_objects(page)  # a second call keeps the first result
        assert page._objects is built


@pytest.mark.slow
@pytest.mark.skipif(not WILD.is_dir(), reason=f"corpus test needs the shared corpus at {WILD}")
def test_the_wild_corpus_pages_have_pdfplumbers_objects() -> None:
    pdfs = sorted(WILD.glob("*.pdf"))
    assert len(pdfs) == 52
    compared = 0
    for path in pdfs:
        try:
            pdfplumber.open(path).close()
        except Exception:
            continue  # not openable at all (encrypted, broken): no page to compare
        compared += _compare(path, WILD_PAGES)
    assert compared > 100_000
