"""Text helpers: whitespace collapse, word encoding for fast matching, word diffs, added text."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from rapidfuzz.utils import default_process

from compare.details import ProgressDetail, Segment
from compare.meaning import text_key

#: First code point used to stand for a word; surrogates are skipped.
_BASE = 0x100
_SURROGATES = range(0xD800, 0xE000)


def collapse(text: str | None) -> str:
    """Whitespace collapsed to single spaces: the form every change comparison uses."""
    return " ".join(str(text or "").split())


def match_words(text: str) -> list[str]:
    """Words for matching: lowercase, punctuation dropped (rapidfuzz's `default_process`)."""
    return default_process(str(text or "")).split()


def encode_words(texts: Iterable[str], vocabulary: dict[str, int]) -> list[str]:
    """Each text as a string with one character per word.

    rapidfuzz's Indel ratio over these strings is a word-level (token-based) similarity that
    keeps word order, and short strings take rapidfuzz's bit-parallel path: ~7x faster than
    character-level `ratio` and ~30x faster than `token_sort_ratio` on 10k x 10k actions.
    `vocabulary` is shared (and extended) so both sides use the same codes.
    """
    out = []
    for text in texts:
        chars = []
        for word in match_words(text):
            code = vocabulary.setdefault(word, len(vocabulary)) + _BASE
            if code >= _SURROGATES.start:
                code += len(_SURROGATES)
            chars.append(chr(code))
        out.append("".join(chars))
    return out


def diff_words(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """Word-level diff as (op, text) pairs, op one of "equal", "delete", "insert".

    A replaced run whose text key is unchanged ("Site Pages" -> "SitePages") is a rendering
    difference, not a rewording: it is shown as equal, in the new spelling.
    """
    a, b = collapse(before).split(), collapse(after).split()
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if tag == "equal" or (tag == "replace" and text_key(old) == text_key(new)):
            if ops and ops[-1][0] == "equal":
                ops[-1] = ("equal", f"{ops[-1][1]} {new}")
            else:
                ops.append(("equal", new))
            continue
        if tag in ("delete", "replace"):
            ops.append(("delete", old))
        if tag in ("insert", "replace"):
            ops.append(("insert", new))
    return tuple(ops)


_SEGMENT_KINDS = {"equal": "same", "delete": "del", "insert": "ins"}


def word_segments(before: str, after: str) -> tuple[Segment, ...]:
    """`diff_words` as typed segments (kind "same", "del", "ins") for the detail records."""
    return tuple(Segment(_SEGMENT_KINDS[op], text) for op, text in diff_words(before, after))


def render_diff(ops: Sequence[tuple[str, str]]) -> str:
    """A readable one-line diff: deletions as [-old-], insertions as {+new+}."""
    parts = []
    for op, text in ops:
        if op == "delete":
            parts.append(f"[-{text}-]")
        elif op == "insert":
            parts.append(f"{{+{text}+}}")
        else:
            parts.append(text)
    return " ".join(parts)


#: A sentence ends at . ! or ? before a space; a bullet glyph starts an item.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*[•●▪◦‣]\s*")


def sentences(text: str) -> list[str]:
    """Split text into sentences (and bullet items), whitespace collapsed."""
    return [s for s in (p.strip() for p in _SENTENCE_END.split(collapse(text))) if s]


def added_text(before: str, after: str) -> tuple[str, str]:
    """What a progress update added: (mode, text); see `progress_detail`."""
    d = progress_detail(before, after)
    return d.mode, d.added


def progress_detail(before: str, after: str) -> ProgressDetail:
    """What a progress update says that it did not say before.

    "appended" when the new text starts with the old (the suffix is what was added, also when
    the start differs only in rendering); "rewritten" when it does not but has new sentences
    (sentences compared by their text key); "edited" when no sentence is new (text removed or
    touched up); "cleared" when the new text is empty.
    """
    old, new = collapse(before), collapse(after)
    gone = _missing(sentences(old), sentences(new))
    if not new:
        return ProgressDetail("cleared", "", (), tuple(gone))
    if new.startswith(old):
        suffix = new[len(old) :].strip()
        return ProgressDetail("appended", suffix, tuple(sentences(suffix)), tuple(gone))
    fresh = _missing(sentences(new), sentences(old))
    if not fresh:
        return ProgressDetail("edited", "", (), tuple(gone))
    mode = "appended" if text_key(new).startswith(text_key(old)) else "rewritten"
    return ProgressDetail(mode, " ".join(fresh), tuple(fresh), tuple(gone))


def _missing(these: Sequence[str], others: Sequence[str]) -> list[str]:
    """The sentences of `these` whose text key is not among `others`'."""
    seen = {text_key(s) for s in others}
    return [s for s in these if text_key(s) not in seen]
