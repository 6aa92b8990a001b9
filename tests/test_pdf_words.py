"""`ingest.pdf.words.words` makes exactly pdfplumber's words.

plantrack groups characters into words itself because pdfplumber's general extractor was
the largest cost of reading a page after the characters. That is only safe while the
words are the same: the same words in the same order, each with the same keys in the same
order, the same values and the same characters. Checked on every sample PDF and, where the
shared corpus is beside the checkout, on the first pages of the wild and real PDFs
(rotated text, Type3 fonts, ligatures, overlapping lines).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils.text import extract_words

from ingest.pdf.objects import build_objects
from ingest.pdf.words import words

REPO = Path(__file__).parents[1]
SAMPLE_PDFS = sorted(p for p in (REPO / "samples").rglob("*.pdf") if "bad" not in p.parts)
SHARED = REPO.parent / "shared"
CORPUS_PAGES = 3


def _compare(path: Path, pages: int | None = None) -> int:
    """Compare the words of every (or the first `pages`) page; the words compared."""
    compared = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:pages]:
            try:
                build_objects(page)
                chars = page.chars
            except Exception:  # a page pdfplumber cannot read has no words to compare
                continue
            theirs = extract_words(chars, return_chars=True)
            ours = words(chars, return_chars=True)
            assert [list(w) for w in ours] == [list(w) for w in theirs]  # keys, in order
            assert ours == theirs
            compared += len(theirs)
    return compared


@pytest.mark.slow
@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda p: str(p.relative_to(REPO / "samples")))
def test_every_sample_page_has_pdfplumbers_words(path: Path) -> None:
    assert _compare(path) > 0


def test_a_drawn_plan_has_pdfplumbers_words() -> None:
    assert _compare(REPO / "samples" / "drawings" / "calc" / "plan.pdf", pages=2) > 100


def test_rotated_text_and_ligatures_are_pdfplumbers_too() -> None:
    """Characters not upright go to pdfplumber's own extractor; ligatures are expanded."""
    base = {"fontname": "F", "size": 10.0, "doctop": 0.0, "height": 10.0, "width": 5.0}

    def char(text: str, x0: float, top: float, upright: bool = True) -> dict[str, object]:
        return {
            **base,
            "text": text,
            "x0": x0,
            "x1": x0 + 5,
            "top": top,
            "doctop": top + 800,
            "bottom": top + 10,
            "upright": upright,
        }

    chars = [
        char("ﬁ", 10, 100),
        char("n", 15, 100.5),
        char("e", 20, 101),
        char(" ", 25, 100),
        char("x", 40, 100),  # a gap wider than the tolerance: a new word
        char("y", 44, 104),  # the same line (tops chain), but too far below "x": a new word
        char("R", 50, 200, upright=False),
        char("o", 50, 205, upright=False),
        char("t", 60, 300),
    ]
    expected = extract_words(chars, return_chars=True)
    assert words(chars, return_chars=True) == expected
    assert words(chars) == extract_words(chars)  # without the characters, as pdfplumber
    assert [w["text"] for w in expected] == ["fine", "x", "y", "Ro", "t"]


@pytest.mark.slow
@pytest.mark.skipif(not SHARED.is_dir(), reason=f"corpus test needs the shared corpus at {SHARED}")
def test_the_corpus_pages_have_pdfplumbers_words() -> None:
    pdfs = sorted((SHARED / "wild" / "pdfplumber-tests").glob("*.pdf"))
    pdfs += sorted((SHARED / "real").glob("*.pdf"))
    assert len(pdfs) >= 55
    compared = 0
    for path in pdfs:
        try:
            pdfplumber.open(path).close()
        except Exception:
            continue  # not openable at all (encrypted, broken)
        compared += _compare(path, CORPUS_PAGES)
    assert compared > 10_000
