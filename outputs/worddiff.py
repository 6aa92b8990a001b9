"""Word-level differences between two texts, as typed segments for any renderer."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    kind: str  # "same", "del" or "ins"
    text: str


def word_diff(before: str, after: str) -> tuple[Segment, ...]:
    """Segments that turn `before` into `after`, word by word (whitespace collapsed)."""
    a = before.split()
    b = after.split()
    out: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(Segment("same", " ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(Segment("del", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(Segment("ins", " ".join(b[j1:j2])))
    return tuple(out)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“‘(•-])|\s*•\s*")


def sentences(text: str) -> list[str]:
    """Split progress text into sentences (and bullet items), whitespace collapsed."""
    text = " ".join(str(text).split())
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def added_sentences(before: str, after: str) -> list[str]:
    """Sentences in `after` that were not in `before`: what was written this quarter."""
    seen = {_key(s) for s in sentences(before)}
    return [s for s in sentences(after) if _key(s) not in seen]


def _key(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence).strip().lower()
