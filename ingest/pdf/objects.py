"""A page's objects as pdfplumber builds them, with its characters built three times faster.

pdfplumber's `Page.parse_objects` turns every pdfminer object into a dict by filtering
each attribute through a closure and resolving it recursively (`resolve_all`). For a
character, all but a few of those values are plain floats and strings, and that generic
path is most of the cost of reading a page: on the sample plans it takes 1.5-2.5 s of a
3 s document, while the same dicts built directly take 0.4-0.8 s. `page_objects` builds
the character dicts directly, with the same keys in the same order and the same values
(`tests/test_pdf_objects.py` compares them with pdfplumber's own on every sample and
corpus PDF), and hands every other object (rules, rectangles, images, curves) to
pdfplumber's `process_object` unchanged. The result is stored as the page's `_objects`,
so every pdfplumber call after it (`chars`, `extract_words`, `find_tables`) uses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from unicodedata import normalize

from pdfminer.layout import LTChar, LTComponent, LTContainer
from pdfplumber.page import ALL_ATTRS, fix_fontname_bytes
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

Obj = dict[str, Any]

_PLAIN = frozenset((float, int, str, bool, type(None)))


def _resolved(value: Any) -> Any:
    """`resolve_all(value)`, skipping the walk for the plain values a character holds."""
    kind = type(value)
    if kind in _PLAIN or (kind is tuple and all(type(v) in _PLAIN for v in value)):
        return value
    return resolve_all(value)


def _colour(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


class _CharMaker:
    """Builds one page's character dicts exactly as `Page.process_object` does."""

    def __init__(self, page: Any) -> None:
        self.number = page.page_number
        self.height = page.height
        self.x_shift, self.y_shift = page.mediabox[:2]
        self.doctop = page.initial_doctop
        self.unicode_norm = page.pdf.unicode_norm
        self.spaces: dict[Any, Any] = {}  # colour-space name -> its decoded name

    def space(self, cs: Any) -> Any:
        name = cs.name
        if name not in self.spaces:
            self.spaces[name] = resolve_and_decode(name)
        return self.spaces[name]

    def make(self, obj: LTChar) -> Obj:
        raw = obj.__dict__
        # the plain test inlined: a call per attribute of every character costs ~10%
        attr = {
            k: v if type(v) in _PLAIN else _resolved(v) for k, v in raw.items() if k in ALL_ATTRS
        }
        attr["object_type"] = "char"
        attr["page_number"] = self.number
        for cs in ("ncs", "scs"):
            if cs in raw:
                attr[cs] = self.space(raw[cs])
        text = obj.get_text()
        attr["text"] = normalize(self.unicode_norm, text) if self.unicode_norm else text
        state = obj.graphicstate
        attr["stroking_color"] = _colour(state.scolor)
        attr["non_stroking_color"] = _colour(state.ncolor)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        attr["top"] = (self.height - attr["y1"]) + self.y_shift
        attr["bottom"] = (self.height - attr["y0"]) + self.y_shift
        attr["doctop"] = self.doctop + attr["top"]
        if self.x_shift != 0:
            attr["x0"] = attr["x0"] + self.x_shift
            attr["x1"] = attr["x1"] + self.x_shift
        return attr


def page_objects(page: Any) -> dict[str, list[Obj]]:
    """The page's objects by kind, equal to pdfplumber's `page.parse_objects()`."""
    objects: dict[str, list[Obj]] = {}
    chars = _CharMaker(page)
    laparams = page.pdf.laparams is not None

    def add(attr: Obj) -> None:
        kind = attr["object_type"]
        if kind != "anno":
            objects.setdefault(kind, []).append(attr)

    def walk(items: Iterable[LTComponent]) -> None:
        for obj in items:
            if isinstance(obj, LTContainer):
                if laparams:
                    add(page.process_object(obj))
                walk(obj._objs)
            elif type(obj) is LTChar:  # a subclass takes pdfplumber's own path
                objects.setdefault("char", []).append(chars.make(obj))
            else:
                add(page.process_object(obj))

    walk(page.layout._objs)
    return objects


def build_objects(page: Any) -> None:
    """Give a laid-out page its objects (once), for every pdfplumber call after it."""
    if not hasattr(page, "_objects"):
        page._objects = page_objects(page)
