"""The DOCX reader's pure parts on small pieces of WordprocessingML: the accepted view of
text, the colour a shading shows, safe parsing and Strict namespaces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from ingest.docx.package import W, parse_part, to_transitional
from ingest.docx.shading import shading_colour
from ingest.docx.tables import table_grid
from ingest.docx.text import accepted_text, as_read, describe_changes, tracked_changes
from ingest.errors import CorruptDocumentError
from ingest.theme import OFFICE_THEME, word_tint

NS = f'xmlns:w="{W}"'


def xml(body: str) -> etree._Element:
    return etree.fromstring(f"<w:p {NS}>{body}</w:p>")


def r(text: str, tag: str = "t") -> str:
    return f"<w:r><w:{tag}>{text}</w:{tag}></w:r>"


@pytest.mark.parametrize(
    ("body", "text"),
    [
        (r("Review ") + f"<w:ins>{r('and update')}</w:ins>", "Review and update"),
        (r("Review ") + f"<w:del>{r('the update ', 'delText')}</w:del>" + r("policy"),
         "Review policy"),
        (f"<w:moveFrom>{r('late ')}</w:moveFrom>" + r("Done ")
         + f"<w:moveTo>{r('late')}</w:moveTo>", "Done late"),
        (r("EDI ") + "<w:sdt><w:sdtPr><w:alias w:val='Lead'/></w:sdtPr>"
         f"<w:sdtContent>{r('Team')}</w:sdtContent></w:sdt>", "EDI Team"),
        (r("Lead:") + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
         f"<w:sdtContent>{r('Click or tap here to enter text.')}</w:sdtContent></w:sdt>", "Lead:"),
        (r("See ") + "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
         + r(" DOCPROPERTY Lead \\* MERGEFORMAT ", "instrText")
         + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + r("HR")
         + "<w:r><w:fldChar w:fldCharType='end'/></w:r>" + r(" team"), "See HR team"),
        ("<w:r><w:fldChar w:fldCharType='begin'/></w:r>" + r(" IF ", "instrText")
         + "<w:r><w:fldChar w:fldCharType='begin'/></w:r>" + r(" PAGE ", "instrText")
         + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + r("2")
         + "<w:r><w:fldChar w:fldCharType='end'/></w:r>" + r(' = 2 "yes" "no" ', "instrText")
         + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + r("yes")
         + "<w:r><w:fldChar w:fldCharType='end'/></w:r>", "yes"),
        (f"<w:fldSimple w:instr=' REF _Ref1 \\h '>{r('Annual')}</w:fldSimple>", "Annual"),
        (f"<w:hyperlink>{r('intranet')}</w:hyperlink>", "intranet"),
        ("<w:r><w:t>one</w:t><w:br/><w:t>two</w:t><w:tab/><w:t>three</w:t></w:r>", "one two three"),
        ("<w:r><w:t>Jan</w:t><w:noBreakHyphen/><w:t>25</w:t></w:r>", "Jan-25"),
        ("<w:r><w:t>Recruit</w:t><w:softHyphen/><w:t>ment</w:t></w:r>", "Recruitment"),
        (r("long\u2011term equal\u00adity\u00a0now"), "long-term equality now"),
        (r("text") + "<w:commentRangeStart w:id='1'/>"
         "<w:r><w:commentReference w:id='1'/></w:r>", "text"),
    ],
    ids=["ins", "del", "move", "sdt", "placeholder", "field", "nested-field", "fldSimple",
         "hyperlink", "br-tab", "no-break-hyphen", "soft-hyphen", "characters", "comment"],
)  # fmt: skip
def test_accepted_text(body, text):
    assert accepted_text(xml(body)) == text


def test_as_read_and_change_counts():
    assert as_read(" a\tb\n c\u00ad d ") == "a b c d"
    p = xml(f"<w:ins>{r('x')}</w:ins><w:del>{r('y', 'delText')}</w:del><w:ins>{r('z')}</w:ins>")
    counts = tracked_changes(p)
    assert (counts["insertions"], counts["deletions"]) == (2, 1)
    assert describe_changes(counts) == "3 unaccepted tracked changes (2 insertions, 1 deletion)"


def test_deleted_rows_are_gone_and_rows_in_controls_are_rows():
    tc = "<w:tc><w:p>{}</w:p></w:tc>"
    tbl = etree.fromstring(
        f"<w:tbl {NS}>"
        f"<w:tr>{tc.format(r('kept'))}</w:tr>"
        f"<w:tr><w:trPr><w:del w:id='1'/></w:trPr>{tc.format(r('gone', 'delText'))}</w:tr>"
        f"<w:sdt><w:sdtContent><w:tr>{tc.format(r('in control'))}"
        f"<w:sdt><w:sdtContent>{tc.format(r('cell control'))}</w:sdtContent></w:sdt>"
        "</w:tr></w:sdtContent></w:sdt>"
        "</w:tbl>"
    )
    grid = table_grid(tbl, OFFICE_THEME)
    assert [(row.index, [c.text for c in row.cells]) for row in grid] == [
        (0, ["kept"]),
        (2, ["in control", "cell control"]),
    ]
    assert [c.start for c in grid[1].cells] == [0, 1]


def shd(**attrs: str) -> etree._Element:
    a = " ".join(f'w:{k}="{v}"' for k, v in attrs.items())
    return etree.fromstring(f"<w:shd {NS} {a}/>")


@pytest.mark.parametrize(
    ("attrs", "colour"),
    [
        ({"val": "clear", "color": "auto", "fill": "FFC000"}, "FFC000"),
        ({"val": "solid", "color": "FF0000", "fill": "auto"}, "FF0000"),
        ({"val": "solid", "color": "auto", "fill": "00B050"}, "00B050"),
        ({"val": "clear", "fill": "auto", "themeFill": "accent6"}, "70AD47"),
        ({"val": "clear", "fill": "FFFFFF", "themeFill": "accent1", "themeFillShade": "BF"},
         word_tint("4472C4", None, "BF")),
        ({"val": "clear", "fill": "auto", "themeFill": "accent4", "themeFillTint": "99"},
         word_tint("FFC000", "99", None)),
        ({"val": "pct50", "color": "FF0000", "fill": "FFFFFF"}, "FF8080"),
        ({"val": "nil"}, ""),
        ({"val": "clear", "fill": "auto"}, ""),
    ],
)  # fmt: skip
def test_shading_colour(attrs, colour):
    assert shading_colour(shd(**attrs), OFFICE_THEME) == colour


def test_tint_lightens_and_shade_darkens():
    assert word_tint("4472C4", "FF", None) == "4472C4"
    light, dark = word_tint("4472C4", "66", None), word_tint("4472C4", None, "80")
    assert int(light[:2], 16) > 0x44 and int(dark[4:], 16) < 0xC4


def test_internal_entities_are_expanded_never_cutting_text():
    doc = (
        b'<?xml version="1.0"?><!DOCTYPE w:p [<!ENTITY cc "Cambridgeshire">]>'
        + f"<w:p {NS}><w:r><w:t>Libraries in &cc; and Peterborough</w:t></w:r></w:p>".encode()
    )
    assert accepted_text(parse_part(doc, "word/document.xml")) == (
        "Libraries in Cambridgeshire and Peterborough"
    )


@pytest.mark.parametrize(
    "subset",
    [
        b'<!ENTITY x SYSTEM "file:///etc/hostname">',
        b'<!ENTITY x PUBLIC "-//x//EN" "http://example.org/x.dtd">',
        b'<!ENTITY % p SYSTEM "file:///etc/hostname"> %p;',
    ],
)
def test_external_entities_are_refused(subset):
    doc = (
        b"<!DOCTYPE w:p ["
        + subset
        + b"]>"
        + f"<w:p {NS}><w:r><w:t>a &x; b</w:t></w:r></w:p>".encode()
    )
    with pytest.raises(CorruptDocumentError, match="declares an external entity; refused"):
        parse_part(doc, "word/document.xml")


def test_entity_expansion_bombs_are_refused():
    levels = [b'<!ENTITY a0 "xxxxxxxxxx">'] + [
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">'.encode() for i in range(1, 9)
    ]
    doc = (
        b"<!DOCTYPE w:p ["
        + b"".join(levels)
        + b"]>"
        + f"<w:p {NS}><w:r><w:t>&a8;</w:t></w:r></w:p>".encode()
    )
    with pytest.raises(CorruptDocumentError, match="corrupt DOCX"):
        parse_part(doc, "word/document.xml")


def test_strict_namespaces_read_as_transitional():
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    root = etree.fromstring(
        f'<w:p xmlns:w="{strict}"><w:r><w:t>Hello</w:t></w:r>'
        f'<w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>'
    )
    assert to_transitional(root)
    assert root.tag == f"{{{W}}}p"
    assert root.find(f".//{{{W}}}fldChar").get(f"{{{W}}}fldCharType") == "begin"
    assert not to_transitional(xml(r("x")))


_SEGMENT_KINDS = ("plain", "ins", "del", "moveTo", "moveFrom", "sdt", "field", "hyperlink")
_WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_SEGMENT_KINDS), _WORDS), min_size=1, max_size=12))
def test_accepted_view_keeps_exactly_what_survives_acceptance(segments):
    """Whatever mix of tracked changes, controls, fields and links a paragraph holds, its
    accepted view is the kept segments in order: nothing deleted, nothing of a field's
    code, nothing dropped."""
    parts, kept = [], []
    for kind, word in segments:
        text = f"{word} "
        if kind == "plain":
            parts.append(r(text))
        elif kind in ("ins", "moveTo", "hyperlink"):
            parts.append(f"<w:{kind}>{r(text)}</w:{kind}>")
        elif kind == "del":
            parts.append(f"<w:del>{r(text, 'delText')}</w:del>")
        elif kind == "moveFrom":
            parts.append(f"<w:moveFrom>{r(text)}</w:moveFrom>")
        elif kind == "sdt":
            parts.append(f"<w:sdt><w:sdtContent>{r(text)}</w:sdtContent></w:sdt>")
        else:
            parts.append(
                "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
                + r(f" DOCPROPERTY {word}code ", "instrText")
                + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
                + r(text)
                + "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
            )
        if kind not in ("del", "moveFrom"):
            kept.append(text)
    assert accepted_text(xml("".join(parts))) == as_read("".join(kept))
