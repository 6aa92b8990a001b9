"""A page's words as pdfplumber's `extract_words` makes them with its default settings,
built about twice as fast.

After the characters themselves (`ingest.pdf.objects`), grouping them into words was the
largest part of reading a page: pdfplumber's `WordExtractor` is written for every
direction and option, and pays for that on every character (a method call with keyword
arguments, a generator per word, a dict copy per word for `return_chars`). Table pages
are upright, left-to-right text read with the defaults, so `words` does exactly what
the extractor does for that case in one loop: lines are clusters of `top` within
`y_tolerance` (pdfplumber's `cluster_objects`), each sorted by `x0`; a word ends at a
blank, at a gap wider than `x_tolerance`, where `x0` steps back, or where `top` moves by
more than `y_tolerance`; ligatures are expanded. Any run of characters that is not
upright (rotated text) is handed to pdfplumber's own extractor, so nothing is guessed.
`tests/test_pdf_words.py` compares the result with pdfplumber's on every sample page and
the wild corpus.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from pdfplumber.utils.text import (
    DEFAULT_X_TOLERANCE,
    DEFAULT_Y_TOLERANCE,
    LIGATURES,
    WordExtractor,
)

Obj = dict[str, Any]

_X0 = itemgetter("x0")
_UPRIGHT = itemgetter("upright")
_LIGATURES = str.maketrans(LIGATURES)


def words(chars: Sequence[Obj], return_chars: bool = False) -> list[Obj]:
    """`pdfplumber.utils.extract_words(chars, return_chars)` with its default settings."""
    out: list[Obj] = []
    for upright, run in itertools.groupby(chars, _UPRIGHT):
        group = list(run)
        if upright:
            for line in _lines(group):
                out.extend(_line_words(line, return_chars))
        else:  # rotated text: pdfplumber's own extractor
            out.extend(WordExtractor().extract_words(group, return_chars))
    return out


def _lines(chars: list[Obj]) -> list[list[Obj]]:
    """The characters' lines, as `cluster_objects(chars, top, y_tolerance)` makes them:
    sorted distinct tops chained within the tolerance, lines in order of their first top,
    each line's characters in page order, then sorted by x0 (stable)."""
    cluster: dict[float, int] = {}
    last: float | None = None
    number = -1
    for top in sorted({c["top"] for c in chars}):
        if last is None or top > last + DEFAULT_Y_TOLERANCE:
            number += 1
        cluster[top] = number
        last = top
    lines: list[list[Obj]] = [[] for _ in range(number + 1)]
    for c in chars:
        lines[cluster[c["top"]]].append(c)
    for line in lines:
        line.sort(key=_X0)
    return lines


def _line_words(line: list[Obj], return_chars: bool) -> list[Obj]:
    """One line's words: the word boundaries found over plain lists of the characters'
    values, each word then merged from slices of them."""
    texts = [c["text"] for c in line]
    x0s = [c["x0"] for c in line]
    x1s = [c["x1"] for c in line]
    tops = [c["top"] for c in line]
    bottoms = [c["bottom"] for c in line]
    spans: list[tuple[int, int]] = []
    start = -1  # the current word's first character, -1 between words
    for i, text in enumerate(texts):
        if text.isspace():
            if start >= 0:
                spans.append((start, i))
                start = -1
        elif start < 0:
            start = i
        elif (
            x0s[i] < x0s[i - 1]
            or x0s[i] > x1s[i - 1] + DEFAULT_X_TOLERANCE
            or abs(tops[i] - tops[i - 1]) > DEFAULT_Y_TOLERANCE
        ):
            spans.append((start, i))
            start = i
    if start >= 0:
        spans.append((start, len(line)))
    out: list[Obj] = []
    for a, b in spans:
        first = line[a]
        x0, x1 = min(x0s[a:b]), max(x1s[a:b])
        top, bottom = min(tops[a:b]), max(bottoms[a:b])
        word = {
            "text": "".join(texts[a:b]).translate(_LIGATURES),
            "x0": x0,
            "x1": x1,
            "top": top,
            "doctop": top + (first["doctop"] - first["top"]),
            "bottom": bottom,
            "upright": first["upright"],
            "height": bottom - top,
            "width": x1 - x0,
            "direction": "ltr",
        }
        if return_chars:
            word["chars"] = line[a:b]
        out.append(word)
    return out
