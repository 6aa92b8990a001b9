"""The accepted view of WordprocessingML text: what a person reads once every tracked
change is accepted, fields show their results and comments are hidden.

Pure functions over lxml elements (namespaces already transitional):

- tracked insertions (`w:ins`) and moves into place (`w:moveTo`) are read; deletions
  (`w:del`, `w:delText`) and moves away (`w:moveFrom`) are not;
- content controls (`w:sdt`) show their content (`w:sdtContent`), never their properties,
  and an empty control showing its placeholder prompt shows nothing;
- a complex field (`w:fldChar` begin ... separate ... end) shows its result, never its
  instruction (`w:instrText`); a simple field (`w:fldSimple`) its result runs;
- comments live in their own part and are never read; hyperlinks give their text;
- a line break or tab reads as a space, a non-breaking hyphen as '-', a soft hyphen as
  nothing (the word reads whole), as do the characters U+2011 and U+00AD in text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from lxml import etree

from ingest.docx.package import W


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


#: Subtrees whose text is never part of the accepted view.
_SKIP = frozenset(
    w(t)
    for t in (
        "del",
        "moveFrom",
        "delText",
        "delInstrText",
        "instrText",
        "sdtPr",
        "sdtEndPr",
        "pPr",
        "rPr",
        "tcPr",
        "trPr",
        "tblPr",
        "tblGrid",
        "tblPrEx",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "drawing",
        "pict",
        "object",
        "sym",
    )
) | {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}

_AS_SPACE = frozenset({w("br"), w("cr"), w("tab"), w("ptab")})
_T = w("t")
_P = w("p")
_FLDCHAR = w("fldChar")
_FLDTYPE = w("fldCharType")
_NO_BREAK_HYPHEN = w("noBreakHyphen")
_SOFT_HYPHEN = w("softHyphen")
_SDT = w("sdt")
_PLACEHOLDER_SHOWN = f"{w('sdtPr')}/{w('showingPlcHdr')}"

#: Characters read differently from how they are stored.
_CHARS = str.maketrans({"\u00ad": "", "\u2011": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def as_read(text: str) -> str:
    """A text as a person reads it: soft hyphens gone, non-breaking hyphen '-', one space
    for any run of whitespace (breaks, tabs, no-break spaces) (pure)."""
    return _SPACE.sub(" ", text.translate(_CHARS)).strip()


def _pieces(el: etree._Element, fields: list[bool]) -> Iterator[str]:
    """Text pieces of `el`'s children in order; `fields` is the stack of open complex
    fields (True once past 'separate', i.e. in the result), shared across siblings."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        visible = all(fields)
        if tag == _T:
            if visible:
                yield child.text or ""
        elif tag == _FLDCHAR:
            kind = child.get(_FLDTYPE)
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif tag in _AS_SPACE:
            if visible:
                yield " "
        elif tag == _NO_BREAK_HYPHEN:
            if visible:
                yield "-"
        elif tag == _SOFT_HYPHEN:
            continue
        elif tag == _P:
            yield from _pieces(child, fields)
            yield "\n"
        elif tag == _SDT and child.find(_PLACEHOLDER_SHOWN) is not None:
            continue  # an empty control showing its prompt ("Click here to enter text.")
        else:  # runs, ins, moveTo, sdt/sdtContent, hyperlink, fldSimple, smartTag, tables
            yield from _pieces(child, fields)


def accepted_text(el: etree._Element) -> str:
    """The accepted-view text of a paragraph, cell or any container, as read (pure)."""
    return as_read("".join(_pieces(el, [])))


#: Revision marks, by what they are.
_REVISIONS: dict[str, str] = {
    w("ins"): "insertions",
    w("cellIns"): "insertions",
    w("del"): "deletions",
    w("cellDel"): "deletions",
    w("moveTo"): "moves",
    **{
        w(t): "formatting changes"
        for t in (
            "rPrChange",
            "pPrChange",
            "tcPrChange",
            "trPrChange",
            "tblPrChange",
            "tblGridChange",
            "tblPrExChange",
            "sectPrChange",
            "numberingChange",
        )
    },
}


_SINGULAR = {
    "insertions": "insertion",
    "deletions": "deletion",
    "moves": "move",
    "formatting changes": "formatting change",
}


def tracked_changes(el: etree._Element) -> Counter[str]:
    """Unaccepted revision marks under `el`, by kind (a move counts once, at its
    destination) (pure)."""
    return Counter(_REVISIONS[str(e.tag)] for e in el.iter(*_REVISIONS))


def describe_changes(counts: Counter[str]) -> str:
    """'14 unaccepted tracked changes (9 insertions, 4 deletions, 1 move)' or ''."""
    total = sum(counts.values())
    if not total:
        return ""
    kinds = ", ".join(
        f"{counts[k]} {k if counts[k] != 1 else singular}"
        for k, singular in _SINGULAR.items()
        if counts[k]
    )
    return f"{total} unaccepted tracked change{'s' if total != 1 else ''} ({kinds})"


__all__ = ["accepted_text", "as_read", "describe_changes", "tracked_changes", "w"]
