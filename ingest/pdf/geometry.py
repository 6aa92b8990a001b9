"""Small geometry shared by the page reader and the table-word selection: words to visual
lines and paragraphs, a point in a box, and a header's group titles (all pure)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

BBox = tuple[float, float, float, float]


def centre_in(word: dict[str, Any], box: BBox) -> bool:
    cx: float = (word["x0"] + word["x1"]) / 2
    cy: float = (word["top"] + word["bottom"]) / 2
    return box[0] <= cx < box[2] and box[1] <= cy < box[3]


def group_lines(words: Sequence[dict[str, Any]], tolerance: float) -> list[list[dict[str, Any]]]:
    """Words -> visual lines (top to bottom, each left to right) (pure)."""
    lines: list[list[dict[str, Any]]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= tolerance:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def paragraphs(lines: list[list[dict[str, Any]]]) -> list[list[list[dict[str, Any]]]]:
    """Consecutive loose lines closer than a line height form one paragraph."""
    paras: list[list[list[dict[str, Any]]]] = []
    for line in lines:
        if paras:
            prev = paras[-1][-1]
            height = max(w["bottom"] - w["top"] for w in prev)
            if line[0]["top"] - max(w["bottom"] for w in prev) < 0.8 * height:
                paras[-1].append(line)
                continue
        paras.append([line])
    return paras


def group_parents(
    header: Sequence[tuple[float, float]],
    row: Sequence[tuple[float, float]],
    filled: Sequence[bool],
) -> list[int] | None:
    """For the row right under a header: the header cell each filled cell sits under, when
    every filled cell sits under a header cell spanning two or more of the row's cells (a
    group title merged over its sub-columns: "Performance" over "Actual" and "RAG");
    None when the row is data (pure). Cells are (x0, x1)."""

    def parent(x0: float, x1: float) -> int | None:
        cx = (x0 + x1) / 2
        return next((i for i, (a, b) in enumerate(header) if a <= cx <= b), None)

    under = [parent(*c) for c in row]
    out: list[int] = []
    for p, full in zip(under, filled, strict=True):
        if not full:
            continue
        if p is None or under.count(p) < 2:
            return None
        out.append(p)
    return out or None
