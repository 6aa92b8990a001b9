"""Join the visual lines of a cell (or of a cell split across pages) back into its text.

Lines are joined with a space, except after a hyphenated break ("Dec-" + "24",
"e-" + "learning") and where a narrow column broke a single word ("Ongoin" + "g").
Geometry alone cannot tell "experience|d" (a broken word) from "experience|individuals"
(a wrap at a space) when the first line is full, so a candidate break is confirmed by a
lexicon (English words plus the document's own vocabulary): the joined word is a word,
or the fragment is not one.
"""

from __future__ import annotations

import gzip
import json
import pkgutil
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*")
_URL = re.compile(r"(https?://|www\.)\S*$|\S\.(com|org|gov|net|uk)\b", re.I)
_LAST_WORD = re.compile(r"[A-Za-z]+$")
_FIRST_WORD = re.compile(r"[A-Za-z]+")

#: Short words that may legitimately start a line after a full-width word.
COMMON_WORDS = frozenset(
    [
        "a",
        "i",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "and",
        "are",
        "but",
        "can",
        "for",
        "had",
        "has",
        "her",
        "him",
        "his",
        "how",
        "its",
        "may",
        "new",
        "not",
        "now",
        "one",
        "our",
        "out",
        "own",
        "per",
        "see",
        "she",
        "the",
        "too",
        "two",
        "was",
        "way",
        "who",
        "why",
        "yet",
        "you",
        "all",
        "any",
        "few",
        "use",
        "via",
    ]
)


@dataclass(frozen=True)
class Line:
    """One visual line of text inside a cell."""

    text: str
    #: True when the line is a single word that fills the cell to its right edge, so
    #: the renderer may have cut the word itself rather than wrapped at a space.
    broken_word: bool = False


def collapse(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def ends_with_hyphen_break(text: str) -> bool:
    """'Dec-' or 'e-' (a hyphen glued to a word), not a dash (' -', ':-')."""
    t = text.rstrip()
    return len(t) >= 2 and t[-1] in "-\u2010\u2011" and t[-2].isalnum()


def _core(token: str) -> str:
    m = _WORD.search(token)
    return m.group(0).lower() if m else ""


def _last_word(text: str) -> str:
    m = _LAST_WORD.search(text)
    return m.group(0).lower() if m else ""


def _first_word(text: str) -> str:
    m = _FIRST_WORD.match(text)
    return m.group(0).lower() if m else ""


_BRITISH = (
    (re.compile(r"isation"), "ization"),
    (re.compile(r"is(e|ed|es|ing)$"), r"iz\1"),
    (re.compile(r"yse$"), "yze"),
    (re.compile(r"our(s|ed|ing)?$"), r"or\1"),
    (re.compile(r"programme"), "program"),
    (re.compile(r"tre(s)?$"), r"ter\1"),
    (re.compile(r"lled$"), "led"),
)


def spelling_variants(word: str) -> set[str]:
    """The word and its US spellings, since the lexicon is American (pure)."""
    out = {word}
    for pattern, repl in _BRITISH:
        out |= {pattern.sub(repl, w) for w in out}
    return out


class EnglishWords:
    """pyspellchecker's English word counts, looked up as its `SpellChecker` does
    (lower-cased; counts of words differing only in case summed), without the indexes
    it builds for corrections, which we never ask for: loading takes a third of the time,
    and a short PDF's run waits for it after its pages are read."""

    def __init__(self, counts: dict[str, int]) -> None:
        keys = "\n".join(counts)
        if keys == keys.lower():  # as shipped: already lower-case, so no copy is needed
            lowered = counts
        else:
            lowered = {}
            for k, v in counts.items():
                lowered[k.lower()] = lowered.get(k.lower(), 0) + v
        self._counts = lowered
        self._total = sum(lowered.values()) or 1

    def __contains__(self, word: str) -> bool:
        return word.lower() in self._counts

    def word_usage_frequency(self, word: str) -> float:
        return self._counts.get(word.lower(), 0) / self._total


@lru_cache(maxsize=1)
def _english() -> EnglishWords:
    data = pkgutil.get_data("spellchecker", "resources/en.json.gz")
    if data is None:  # a loader that cannot read package data
        raise RuntimeError("pyspellchecker's English dictionary is missing")
    return EnglishWords(json.loads(gzip.decompress(data).decode("utf-8")))


#: A dictionary word rarer than this (per word of English text) is not taken as
#: evidence that a line-start fragment is a word of its own ("gent", "shire").
COMMON_FREQUENCY = 1e-6


@dataclass(frozen=True)
class Lexicon:
    """English words plus the document's own vocabulary (names, British spellings)."""

    document: Counter[str] = field(default_factory=Counter)
    english: bool = True

    def known(self, word: str) -> bool:
        if self.document.get(word, 0) > 0:
            return True
        return self.english and any(v in _english() for v in spelling_variants(word))

    def common(self, word: str) -> bool:
        if word in COMMON_WORDS or self.document.get(word, 0) > 0:
            return True
        if not self.english or len(word) <= 2:
            return False
        english = _english()
        if len(word) >= 6 and word in english:
            return True  # a long dictionary word is rarely the tail of another word
        return any(
            english.word_usage_frequency(v) >= COMMON_FREQUENCY for v in spelling_variants(word)
        )


def joins_without_space(left: str, right: str, before: str = "") -> bool:
    """Line breaks that never stand for a space, whatever the geometry (pure): after a
    hyphen glued to a word ("Dec-"), a slash or an em dash, inside a URL, and before
    closing punctuation. `before` is the one-word lines just above `left`: a URL cut over
    three lines or more starts there ("https://cambridgeshireinsi" +
    "ght.org.uk/population/acorn-profile" + "s/")."""
    if not left or not right:
        return False
    if ends_with_hyphen_break(left):
        return True
    last = left.split(" ")[-1]
    if right[0] in ".,;:)]}%" or (len(last) > 1 and last[-1] in "/\u2014"):
        return True
    whole = before + last if last == left.strip() else last
    url = bool(_URL.search(whole)) or (last == left.strip() and whole.count("/") >= 2)
    return url and not right[0].isupper()


def is_word_tail(
    left: str, right: str, lexicon: Lexicon | None = None, *, before: str = ""
) -> bool:
    """Is `right` (the next line) the rest of the word that ends `left`? (pure)

    Only asked when the geometry allows it (`left` is a lone word filling its line).
    Yes when the joined word is a known word, or when the fragment is not a common word
    on its own ("Recruitmen"+"t", "neurodiver"+"gent"); no for "partnership"+"and".
    `before` is the broken pieces on the lines just above `left` ("Cambri" when judging
    "dgeshi"+"re"), so a word cut twice is judged whole. A very narrow column also cuts
    before a hyphen ("Jan"+"-25"), inside a number ("202"+"4") and inside an acronym
    ("LGBT"+"QIA+", joined only when the document uses the whole acronym).
    """
    lex = lexicon or Lexicon(english=False)
    r = right.lstrip()
    if not r or not left:
        return False
    last = left.split(" ")[-1]
    if last[-1].isdigit() and r[0].isdigit():
        return True
    if last[-1].isalnum() and len(r) > 1 and r[0] in "-\u2010\u2011" and r[1].isalnum():
        return True
    if not last[-1].isalpha():
        return False
    head, tail = _last_word(last), _first_word(r)
    if not tail:
        return False
    heads = {head, _last_word(before) + head} if before else {head}
    known = any(lex.known(h + tail) for h in heads)
    if r[0].isupper():
        return last.isupper() and known
    return r[0].islower() and (known or not lex.common(tail))


def glue(
    left: str,
    right: str,
    *,
    broken_word: bool = False,
    lexicon: Lexicon | None = None,
    before: str = "",
    url_before: str = "",
) -> str:
    """Join two pieces of one cell: no space after a hyphenated or broken word (pure).
    `before`: the broken words on the lines above; `url_before`: the one-word lines above
    (where a URL cut over several lines began)."""
    left, right = collapse(left), collapse(right)
    if not left:
        return right
    if not right:
        return left
    if joins_without_space(left, right, url_before):
        return left + right
    if broken_word and is_word_tail(left, right, lexicon, before=before):
        return left + right
    return f"{left} {right}"


def join_lines(lines: Iterable[Line], lexicon: Lexicon | None = None) -> str:
    """A cell's text from its lines (pure).

    Joined bottom-up, so that the line after a candidate break is already whole when it
    is judged ("committee" + "membershi"+"p." is judged against "membership.").
    """
    items = list(lines)
    if not items:
        return ""
    text = collapse(items[-1].text)
    for i in range(len(items) - 2, -1, -1):
        line = items[i]
        text = glue(
            line.text,
            text,
            broken_word=line.broken_word,
            lexicon=lexicon,
            before=_broken_run_above(items, i),
            url_before=_one_word_lines_above(items, i),
        )
    return text


def _one_word_lines_above(items: list[Line], i: int) -> str:
    """The one-word lines directly above line i, run together (a long URL's pieces)."""
    run = ""
    j = i - 1
    while j >= 0 and items[j].text.strip() and " " not in items[j].text.strip():
        run = items[j].text.strip() + run
        j -= 1
    return run


def _broken_run_above(items: list[Line], i: int) -> str:
    """The lone broken words on the lines directly above line i, run together."""
    run = ""
    j = i - 1
    while j >= 0 and items[j].broken_word and " " not in items[j].text.strip():
        run = items[j].text.strip() + run
        j -= 1
    return run


def vocabulary(lines_per_cell: Iterable[Iterable[Line]]) -> Counter[str]:
    """Words the document uses whole: every token except those that open a line after
    a candidate broken word (those may be word tails)."""
    vocab: Counter[str] = Counter()
    for lines in lines_per_cell:
        prev_broken = False
        for line in lines:
            tokens = line.text.split()
            for i, tok in enumerate(tokens):
                if i == 0 and prev_broken:
                    continue
                core = _core(tok)
                if core and (i < len(tokens) - 1 or not line.broken_word):
                    vocab[core] += 1
            prev_broken = line.broken_word
    return vocab
