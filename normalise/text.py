"""Clean a cell's text: HTML out, whitespace collapsed, line-break hyphenation rejoined.

The result is one line per cell (the comparison rule of every truth file) that keeps
every letter and digit that was printed; the raw text stays in ``Action.raw``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable

#: Tags whose boundaries separate words (so "</p><p>" never fuses two words).
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_LIST_ITEM_TAGS = frozenset({"li"})
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad\s*")
#: A bullet glyph glued to the text before it gets a space so list items stay apart.
_GLUED_BULLET = re.compile(r"(?<=\S)([•●▪◦‣∙])")
_BULLET_GLUED_AFTER = re.compile(r"([•●▪◦‣∙])(?=[^\s•●▪◦‣∙])")
#: A lowercase word, a hyphen, whitespace, a lowercase word: a possible line-break hyphenation.
_BROKEN = re.compile(r"(?<![\w-])([a-z]+)-(\s+)([a-z]+)(?![\w-])")
#: Any other hyphen at the end of a line: the line break goes, the hyphen stays ("Anti-\nracism").
_HYPHEN_AT_LINE_END = re.compile(r"(?<=[A-Za-z0-9])-[^\S\n]*\n\s*(?=[A-Za-z0-9])")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")

#: Prefixes that English writes with a real hyphen: "non- binary" stays "non-binary".
COMPOUND_PREFIXES: frozenset[str] = frozenset(
    [
        "anti",
        "co",
        "cross",
        "de",
        "e",
        "ex",
        "face",
        "full",
        "half",
        "high",
        "inter",
        "long",
        "low",
        "make",
        "mid",
        "multi",
        "non",
        "off",
        "on",
        "one",
        "out",
        "over",
        "part",
        "post",
        "pre",
        "pro",
        "re",
        "self",
        "semi",
        "short",
        "socio",
        "sub",
        "super",
        "two",
        "under",
        "well",
        "wide",
        "all",
        "cost",
        "drop",
        "follow",
        "sign",
        "step",
        "user",
    ]
)
#: Word endings a hyphenation routine splits off ("develop-ment", "organis-ation"). A second
#: half that is one of these cannot be a word of its own, so the break is a hyphenation.
SUFFIX_FRAGMENTS: frozenset[str] = frozenset(
    [
        "ment",
        "ments",
        "tion",
        "tions",
        "sion",
        "sions",
        "ation",
        "ations",
        "ition",
        "itions",
        "ness",
        "ity",
        "ities",
        "ance",
        "ances",
        "ence",
        "ences",
        "ents",
        "able",
        "ably",
        "ible",
        "ibly",
        "ally",
        "ised",
        "ising",
        "isation",
        "isations",
        "ise",
        "ises",
        "ize",
        "ized",
        "izing",
        "ization",
        "ative",
        "atively",
        "ful",
        "fully",
        "less",
        "ous",
        "ious",
        "eous",
        "ship",
        "ships",
        "ical",
        "ically",
        "ality",
        "ivity",
        "ular",
        "ure",
        "ures",
        "ting",
        "ding",
        "ling",
        "ened",
        "ening",
        "ically",
        "iety",
        "ency",
        "ancy",
        "ism",
        "isms",
        "ist",
        "ists",
        "ive",
        "ives",
        "ory",
        "ary",
        "ery",
        "ities",
        "ual",
        "uals",
        "ial",
        "ially",
        "ability",
        "ibility",
        "ements",
        "ational",
    ]
)
#: Second halves that show a suspended hyphen ("pre- and post-natal"), never a broken word.
_CONJUNCTIONS = frozenset({"and", "or", "nor", "to"})


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Lowercase words (and hyphenated compounds) used anywhere in a document.

    normalise passes the whole plan's vocabulary to `clean_text`, so a break is rejoined
    when the document spells the joined word elsewhere, and kept hyphenated when it writes
    the compound with a hyphen elsewhere.
    """
    words: set[str] = set()
    for text in texts:
        for token in (text or "").lower().split():
            words.update(_WORD.findall(token.strip(".,;:()[]'\"")))
    return frozenset(words)


def _strip_tags(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1).lower()
        if name in _LIST_ITEM_TAGS and not match.group(0).startswith("</"):
            return " • "
        return " "

    return _TAG.sub(replace, text)


def _rejoin(text: str, vocab: Collection[str]) -> str:
    """Rejoin "develop- ment" into "development" only when it is a line-break hyphenation.

    Word and LibreOffice do not hyphenate by default, so a hyphen at a line end is usually a
    real one ("asylum-seeking"): joining needs evidence. Rule, for two lowercase halves:
    a second half of "and"/"or"/"to" is a suspended hyphen, left alone; if the document
    writes "left-right" elsewhere, keep the hyphen; if it spells the joined word elsewhere,
    join; otherwise join only when the second half is a word ending that cannot stand alone
    (SUFFIX_FRAGMENTS: "ment", "ation", ...) and the first half has at least 2 letters and
    is not a prefix English writes with a hyphen (COMPOUND_PREFIXES). A break that is not
    joined keeps its hyphen; the whitespace after it is dropped only if it was a newline
    (so "Anti-<line break>racism" becomes "Anti-racism", never "Antiracism").
    """

    def replace(match: re.Match[str]) -> str:
        left, space, right = match.groups()
        joined, compound = left + right, f"{left}-{right}"
        if right in _CONJUNCTIONS:
            return match.group(0)
        if compound in vocab:
            return compound
        if joined in vocab:
            return joined
        if len(left) >= 2 and right in SUFFIX_FRAGMENTS and left not in COMPOUND_PREFIXES:
            return joined
        return compound if "\n" in space else match.group(0)

    return _HYPHEN_AT_LINE_END.sub("-", _BROKEN.sub(replace, text))


def clean_text(
    text: str | None, vocabulary: Collection[str] = (), rejoin_hyphens: bool = True
) -> str:
    """One clean line: tags stripped, entities decoded, hyphenation rejoined, spaces collapsed.

    Never raises. Tags are removed before entities are decoded, so an escaped "&lt;b&gt;"
    is text and survives as "<b>". Bullets are kept as printed, separated by spaces.
    """
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = _strip_tags(text)
    text = html.unescape(text)
    text = text.translate(_INVISIBLE).translate(_LIGATURES)
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _GLUED_BULLET.sub(r" \1", text)
    text = _BULLET_GLUED_AFTER.sub(r"\1 ", text)
    if rejoin_hyphens:
        text = _rejoin(text, vocabulary)
    return " ".join(text.split())
