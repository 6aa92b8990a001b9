"""Clean a cell's text: HTML out, whitespace collapsed, line-break hyphenation rejoined.

The result is one line per cell (the comparison rule of every truth file) that keeps
every letter and digit that was printed; the raw text stays in ``Action.raw``.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable

#: HTML elements a cell copied from a web page or a CMS can carry. Only these are markup:
#: "<edi@council.gov.uk>" and "<Jane Smith>" are text, and so is "a < b".
HTML_TAGS: frozenset[str] = frozenset(
    [
        "a",
        "abbr",
        "b",
        "big",
        "blockquote",
        "br",
        "caption",
        "center",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "o:p",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
    ]
)
#: One tag: a known element name, then `name=value` attributes, nothing else (so the
#: "<b and c>" of "a<b and c>d" is text, not a <b> tag with two bare attributes).
_TAG = re.compile(
    r"</?([A-Za-z][A-Za-z0-9]*(?::[A-Za-z]+)?)"
    r"((?:\s+[A-Za-z_:][-\w:.]*\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+))*)\s*/?>"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
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
        if name not in HTML_TAGS:
            return match.group(0)  # "<Jane Smith>": text in angle brackets, kept
        if name in _LIST_ITEM_TAGS and not match.group(0).startswith("</"):
            return " • "
        return " "

    return _TAG.sub(replace, text)


def _letters(text: str) -> str:
    """The letters and digits of a text, compatibility-folded (so "ﬁ" counts as "f", "i")."""
    return "".join(filter(str.isalnum, unicodedata.normalize("NFKC", text).casefold()))


def letters_lost(raw: str | None, cleaned: str) -> str:
    """The letters and digits printed in `raw` that `cleaned` no longer has, or "" (pure).

    Checked independently of how cleaning works: only the letters inside HTML tags of a
    known element and inside entity references (`&amp;`) may go. Anything else missing is
    a loss, however it came about.
    """
    if not raw:
        return ""
    printed = _ENTITY.sub(" ", raw)
    printed = _TAG.sub(lambda m: " " if m.group(1).lower() in HTML_TAGS else m.group(0), printed)
    before, after = _letters(printed), _letters(cleaned)
    if before == after:  # the usual case: cleaning changed only spaces and punctuation
        return ""
    missing = Counter(before) - Counter(after)
    return "".join(sorted(missing.elements()))


def clean_cell(
    text: str | None, vocabulary: Collection[str] = (), rejoin_hyphens: bool = True
) -> tuple[str, str]:
    """`clean_text`, checked: (clean text, "") or, when cleaning would drop printed letters,
    (the text as printed with its spaces collapsed, the letters it would have dropped)."""
    cleaned = clean_text(text, vocabulary, rejoin_hyphens)
    lost = letters_lost(text if isinstance(text, str) else str(text or ""), cleaned)
    if not lost:
        return cleaned, ""
    return " ".join(str(text).split()), lost


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

    Never raises. Only tags of known HTML elements are removed ("<Jane Smith>" is text),
    before entities are decoded, so an escaped "&lt;b&gt;" is text and survives as "<b>".
    Only complete references (with their ";") are decoded: "Terms&copyright" stays as it
    is. Bullets are kept as printed, separated by spaces.
    """
    if not text:
        return ""
    if not isinstance(text, str):
        text = str(text)
    text = _strip_tags(text)
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)  # '&not' alone is text
    text = text.translate(_INVISIBLE).translate(_LIGATURES)
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _GLUED_BULLET.sub(r" \1", text)
    text = _BULLET_GLUED_AFTER.sub(r"\1 ", text)
    if rejoin_hyphens:
        text = _rejoin(text, vocabulary)
    return " ".join(text.split())
