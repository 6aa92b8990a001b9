"""Join the visual lines of a cell (or of a cell split across pages) back into its text.

Lines are joined with a space, except after a hyphenated break ("Dec-" + "24",
"e-" + "learning") and where a narrow column broke a single word ("Ongoin" + "g").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Line:
    """One visual line of text inside a cell."""

    text: str
    #: True when the line is a single word that fills the cell to its right edge, so the
    #: renderer must have broken the word itself rather than wrapped at a space.
    broken_word: bool = False


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def ends_with_hyphen_break(text: str) -> bool:
    """'Dec-' or 'e-' (a hyphen glued to a word), not a free-standing dash ' -'."""
    t = text.rstrip()
    return len(t) >= 2 and t[-1] in "-\u2010\u2011" and not t[-2].isspace()


def continues_word(next_text: str) -> bool:
    """Could this text be the tail of a word broken at the end of the line above?"""
    t = next_text.lstrip()
    return bool(t) and (t[0].islower() or t[0].isdigit() or t[0] in ")]}.,;:'\u2019")


def glue(left: str, right: str, *, broken_word: bool = False) -> str:
    """Join two pieces of one cell: no space after a hyphenated or broken word (pure)."""
    left, right = collapse(left), collapse(right)
    if not left:
        return right
    if not right:
        return left
    if ends_with_hyphen_break(left):
        return left + right
    if broken_word and left[-1].isalnum() and continues_word(right):
        return left + right
    return f"{left} {right}"


def join_lines(lines: list[Line]) -> str:
    """A cell's text from its lines, top to bottom (pure)."""
    text = ""
    prev_broken = False
    for line in lines:
        text = glue(text, line.text, broken_word=prev_broken)
        prev_broken = line.broken_word
    return text
