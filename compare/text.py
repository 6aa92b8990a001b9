"""Text helpers: whitespace collapse, word encoding for fast matching, word diffs, added text."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from rapidfuzz.utils import default_process

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
    """Word-level diff as (op, text) pairs, op one of "equal", "delete", "insert"."""
    a, b = collapse(before).split(), collapse(after).split()
    ops: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            ops.append(("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            ops.append(("insert", " ".join(b[j1:j2])))
    return tuple(ops)


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


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+")


def sentences(text: str) -> list[str]:
    """Split text into sentences at ., ! ? or ; followed by a space."""
    return [s for s in (p.strip() for p in _SENTENCE_END.split(collapse(text))) if s]


def added_text(before: str, after: str) -> tuple[str, str]:
    """What a progress update added: (mode, text).

    mode "appended" when the new text starts with the old (text = the suffix); "rewritten"
    when it does not (text = the sentences of the new text not found in the old); "cleared"
    when the new text is empty.
    """
    old, new = collapse(before), collapse(after)
    if not new:
        return "cleared", ""
    if new.startswith(old):
        return "appended", new[len(old) :].strip()
    seen = {_sentence_key(s) for s in sentences(old)}
    fresh = [s for s in sentences(new) if _sentence_key(s) not in seen]
    return "rewritten", " ".join(fresh)


def _sentence_key(sentence: str) -> str:
    return default_process(sentence)
