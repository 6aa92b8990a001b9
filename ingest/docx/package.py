"""Open a DOCX package: its main document and theme parts, parsed safely, Strict read as
transitional.

The parts are read with zipfile and lxml rather than python-docx's loader, because that
loader refuses Strict OOXML (other namespaces and relationship types) and keeps entity
references as nodes, which cut a `w:t`'s text at the first one. Here internal entities
(declared in the part's own DOCTYPE) are expanded, and nothing outside the file is ever
read: an external entity (XXE), a DTD or a network address is refused.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from lxml import etree

from ingest.errors import CorruptDocumentError
from ingest.theme import parse_theme

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: Strict OOXML namespaces -> their transitional twins (ISO/IEC 29500-1 vs -4).
STRICT_NAMESPACES: dict[str, str] = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": W,
    "http://purl.oclc.org/ooxml/officeDocument/relationships": (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ),
    "http://purl.oclc.org/ooxml/drawingml/main": (
        "http://schemas.openxmlformats.org/drawingml/2006/main"
    ),
    "http://purl.oclc.org/ooxml/officeDocument/math": (
        "http://schemas.openxmlformats.org/officeDocument/2006/math"
    ),
}

_PARSER = etree.XMLParser(
    resolve_entities="internal", no_network=True, load_dtd=False, huge_tree=False
)
_EXTERNAL = re.compile(rb"<!ENTITY\s+%?\s*[\w.:-]+\s+(SYSTEM|PUBLIC)\b", re.I)
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"


@dataclass(frozen=True)
class DocxPackage:
    """The parts the reader needs: the document root (namespaces as transitional)."""

    document: etree._Element
    theme: dict[str, str]
    strict: bool


def parse_part(data: bytes, name: str, kind: str = "DOCX") -> etree._Element:
    """One XML part, internal entities expanded, external ones refused (never fetched)."""
    if _EXTERNAL.search(data[:65536]):
        raise CorruptDocumentError(
            f"{kind} part {name} declares an external entity; refused (nothing outside the"
            " file is read)"
        )
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(f"corrupt {kind} ({name}: {exc.msg})") from None


def to_transitional(root: etree._Element) -> bool:
    """Rename Strict-namespace tags and attributes to transitional, in place; True if
    any were found. Values are unchanged (Strict's on/off and units are not read here)."""
    found = False
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        q = etree.QName(el)
        if q.namespace in STRICT_NAMESPACES:
            el.tag = f"{{{STRICT_NAMESPACES[q.namespace]}}}{q.localname}"
            found = True
        for key in list(el.attrib):
            if not key.startswith("{"):
                continue
            aq = etree.QName(key)
            if aq.namespace in STRICT_NAMESPACES:
                el.attrib[f"{{{STRICT_NAMESPACES[aq.namespace]}}}{aq.localname}"] = el.attrib.pop(
                    key
                )
                found = True
    return found


def _targets(zf: zipfile.ZipFile, rels_name: str, base: str) -> dict[str, str]:
    """Relationship type's last word ('officeDocument', 'theme') -> part name."""
    if rels_name not in zf.namelist():
        return {}
    root = parse_part(zf.read(rels_name), rels_name)
    out: dict[str, str] = {}
    for rel in root.iter(_REL):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath(base) / target)
        out.setdefault(kind, _normpath(path))
    return out


def _normpath(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def open_package(zf: zipfile.ZipFile) -> DocxPackage:
    """The main document (found through the package relationships) and its theme."""
    names = set(zf.namelist())
    main = _targets(zf, "_rels/.rels", "").get("officeDocument", "word/document.xml")
    if main not in names:
        main = "word/document.xml"
    if main not in names:
        raise CorruptDocumentError("corrupt DOCX (no main document part)")
    folder = str(PurePosixPath(main).parent)
    rels = f"{folder}/_rels/{PurePosixPath(main).name}.rels"
    theme_name = _targets(zf, rels, folder).get("theme", f"{folder}/theme/theme1.xml")
    document = parse_part(zf.read(main), main)
    strict = to_transitional(document)
    theme_xml = None
    if theme_name in names:
        theme_root = parse_part(zf.read(theme_name), theme_name)
        theme_xml = etree.tostring(theme_root)
    return DocxPackage(document, parse_theme(theme_xml), strict)


__all__ = ["STRICT_NAMESPACES", "DocxPackage", "W", "open_package", "parse_part", "to_transitional"]
