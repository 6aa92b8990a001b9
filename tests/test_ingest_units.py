"""Unit tests of ingest's pure stages: sniffing, columns, line joining, colours, stitching,
assembly, settings. Property tests check that stitching never loses or duplicates text."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import IngestSettings
from ingest.assemble import assemble, next_ref, parse_heading, status_flags
from ingest.colour import hex_to_rgb, nearest_rag, pdf_colour_to_rgb
from ingest.columns import header_strength, map_columns, missing_required
from ingest.pdf.stitch import continuation_evidence, continuation_score, stitch
from ingest.records import COLUMNS
from ingest.rows import Cell, TableRow, cells_row, merge_rows
from ingest.sniff import sniff_bytes
from ingest.textjoin import Lexicon, Line, glue, is_word_tail, join_lines, spelling_variants

HEADER = [
    "No.",
    "Action",
    "Team responsible",
    "Start",
    "End",
    "Success measure and key outputs",
    "Status",
    "Progress update",
]


# --- sniffing -------------------------------------------------------------------------


def test_sniff_by_content_not_name():
    assert sniff_bytes(b"%PDF-1.7\n...") == "pdf"
    assert sniff_bytes(b"\xef\xbb\xbf junk before %PDF-1.4") == "pdf"  # within 1024 bytes
    assert sniff_bytes(b"PK\x03\x04rest") == "zip"
    assert sniff_bytes(b"No. Action Team\n") == ""
    assert sniff_bytes(b" " * 1100 + b"%PDF-") == ""


# --- columns ----------------------------------------------------------------------------


def test_columns_map_by_header_text():
    assert map_columns(HEADER) == dict(enumerate(COLUMNS))


def test_renamed_and_shortened_headers_map():
    m = map_columns(
        ["Ref", "Action", "Lead", "Start date", "End", "Success measures", "RAG", "Progress log"]
    )
    assert m == dict(enumerate(COLUMNS))
    assert map_columns(["#", "Action", "Owner"])[0] == "printed_no"
    assert map_columns(["#", "Action", "Owner"])[2] == "team"


def test_reordered_columns_map_by_text():
    headers = [
        "Status",
        "No.",
        "Progress log",
        "Action",
        "End",
        "Start",
        "Lead",
        "Success measures",
    ]
    m = map_columns(headers)
    assert m == {
        0: "status",
        1: "printed_no",
        2: "progress_update",
        3: "action",
        4: "end",
        5: "start",
        6: "team",
        7: "success_measure",
    }


def test_data_rows_are_not_headers():
    row = [
        "2.4",
        "Review the update the equality, diversity and inclusion policy.",
        "EDI Team and Workforce Policy and Wellbeing Team",
        "Oct-24",
        "Every 3 years",
        "Revised EDI policy developed with engagement from IDEAL network",
        "Amber",
        "Good practice examples have been collated from other organisations.",
    ]
    assert header_strength(row) < IngestSettings().min_header_columns
    assert header_strength(HEADER) == 8


def test_missing_required_columns_are_named():
    # only the action is required (issue 14): any other column may be absent
    assert missing_required(map_columns(["No.", "Action", "Team", "Progress update"])) == []
    m = map_columns(["No.", "Team responsible", "Start", "End", "Progress update"])
    assert missing_required(m) == ["Action"]


# --- joining lines -----------------------------------------------------------------------


def test_lines_join_with_a_space_but_not_after_a_hyphenated_break():
    assert join_lines([Line("Dec-"), Line("24")]) == "Dec-24"
    assert join_lines([Line("e-"), Line("learning package")]) == "e-learning package"
    assert join_lines([Line("Ongoing -"), Line("CLT colleagues")]) == "Ongoing - CLT colleagues"
    assert join_lines([Line("by:-"), Line("Hosting")]) == "by:- Hosting"
    assert join_lines([Line("Improve diversity"), Line("of applications")]) == (
        "Improve diversity of applications"
    )


def test_breaks_that_never_stand_for_a_space():
    assert glue("HR/EDI/", "IDEAL colleagues") == "HR/EDI/IDEAL colleagues"
    assert glue("launched 23/09/2024", ". Reporting") == "launched 23/09/2024. Reporting"
    assert glue("https://cambridgeshire", "insight.org.uk/population") == (
        "https://cambridgeshireinsight.org.uk/population"
    )
    assert glue("Mixed /", "other") == "Mixed / other"


def test_word_broken_by_a_narrow_column_is_rejoined_only_with_lexical_evidence():
    lex = Lexicon()
    assert join_lines([Line("Ongoin", True), Line("g")], lex) == "Ongoing"
    assert join_lines([Line("Recruitmen", True), Line("t Team")], lex) == "Recruitment Team"
    assert join_lines([Line("neurodiver", True), Line("gent staff")], lex) == "neurodivergent staff"
    # a full line that was wrapped at a space stays two words
    assert join_lines([Line("partnership", True), Line("and")], lex) == "partnership and"
    assert join_lines([Line("experience", True), Line("individuals")], lex) == (
        "experience individuals"
    )
    # without the geometric flag nothing is glued
    assert join_lines([Line("Ongoin"), Line("g")], lex) == "Ongoin g"


def test_a_word_broken_twice_is_judged_bottom_up():
    lex = Lexicon()
    lines = [Line("committee", True), Line("membershi", True), Line("p.")]
    assert join_lines(lines, lex) == "committee membership."


def test_a_very_narrow_column_cuts_anywhere_and_is_rejoined():
    """What LibreOffice does to a 9 mm Start column and a 13 mm Team column."""
    from collections import Counter

    lex = Lexicon(Counter({"cambridgeshire": 4, "lgbtqia": 2, "communication": 3}))
    # cut before a hyphen, and inside a number
    assert join_lines([Line("Jan", True), Line("-25")], lex) == "Jan-25"
    assert join_lines([Line("202", True), Line("4")], lex) == "2024"
    # a word cut twice is judged whole: "re" and "on" are words, "Cambridgeshire" is too
    lines = [Line("Cambri", True), Line("dgeshi", True), Line("re"), Line("Librari", True)]
    assert join_lines([*lines, Line("es")], lex) == "Cambridgeshire Libraries"
    lines = [Line("Comm", True), Line("unicati", True), Line("on and")]
    assert join_lines(lines, lex) == "Communication and"
    # an acronym cut in two, only when the document uses it whole
    assert join_lines([Line("LGBT", True), Line("QIA+")], lex) == "LGBTQIA+"
    assert join_lines([Line("EDI", True), Line("Team")], lex) == "EDI Team"
    # a dash that opens a list item is not a cut
    assert join_lines([Line("Ongoing", True), Line("- CLT colleagues")], lex) == (
        "Ongoing - CLT colleagues"
    )
    # without the geometric flag, none of this happens
    assert join_lines([Line("202"), Line("4")], lex) == "202 4"


def test_document_vocabulary_and_british_spelling_count_as_words():
    assert "rationalization" in spelling_variants("rationalisation")
    assert is_word_tail("rationalisat", "ion project.", Lexicon())
    from collections import Counter

    assert not is_word_tail("via", "eLearning", Lexicon(Counter({"elearning": 3})))


def test_the_english_word_list_answers_as_pyspellchecker_does():
    """Our loader reads pyspellchecker's own word counts without its correction indexes:
    every membership and frequency answer must be the library's."""
    from spellchecker import SpellChecker

    from ingest.textjoin import _english

    theirs, ours = SpellChecker(language="en"), _english()
    words = list(theirs.word_frequency.dictionary)[::50]
    words += ["Recruitment", "NHS", "Colour", "gent", "shire", "Ongoin", "xqzv", "LGBTQIA"]
    for word in words:
        assert (word in ours) == (word in theirs), word
        assert ours.word_usage_frequency(word) == theirs.word_usage_frequency(word), word
    assert "recruitment" in ours and "xqzv" not in ours


# --- colours -------------------------------------------------------------------------------


def test_fill_colours_map_to_the_nearest_rag():
    assert nearest_rag(hex_to_rgb("FFC000")) == "Amber"
    assert nearest_rag(hex_to_rgb("00B050")) == "Green"
    assert nearest_rag(hex_to_rgb("FF0000")) == "Red"
    assert nearest_rag(pdf_colour_to_rgb((0.357, 0.608, 0.835))) == "Blue"
    assert nearest_rag(pdf_colour_to_rgb((1.0, 0.749, 0.0))) == "Amber"
    assert nearest_rag(pdf_colour_to_rgb((0.1216, 0.2196, 0.3922))) == ""  # navy header
    assert nearest_rag(hex_to_rgb("FFFFFF")) == ""
    assert nearest_rag(hex_to_rgb("D9D9D9")) == ""
    assert nearest_rag(pdf_colour_to_rgb((1.0, 0.0, 0.0, 0.0))) == "Blue"  # CMYK cyan
    assert nearest_rag(pdf_colour_to_rgb((0.0, 1.0, 1.0, 0.0))) == "Red"  # CMYK red
    assert hex_to_rgb("auto") is None


def test_status_word_and_colour_disagreeing_is_flagged():
    assert status_flags("Green", "Amber") == ("status-colour-mismatch",)
    assert status_flags("Green", "Green") == ()
    assert status_flags("", "Red") == ("status-from-colour",)
    assert status_flags("Green", "") == ()


# --- assembly -------------------------------------------------------------------------------


def test_headings_parse():
    assert parse_heading("Theme B: Our communities: Further ...") == (
        "theme",
        "B",
        "Our communities: Further ...",
    )
    assert parse_heading("Objective 12: To assess") == ("objective", "12", "To assess")
    assert parse_heading("Appendix 1")[0] == "other"


def test_context_is_carried_down_and_unnumbered_actions_get_hash_refs():
    rows = [
        TableRow("banner", text="Theme A: Our workforce"),
        TableRow("banner", text="Objective 1: Attract"),
        cells_row({"printed_no": "1.1", "action": "First"}),
        cells_row({"action": "Second"}),
        cells_row({"action": "Third"}),
        TableRow("banner", text="Objective 2: Enhance"),
        cells_row({"printed_no": "2.1", "action": "Fourth"}),
        cells_row({"action": "Fifth"}),
        TableRow("banner", text="Theme B: Communities"),
        cells_row({"printed_no": "6.1", "action": "Sixth"}),
    ]
    actions, headings = assemble(rows, "f.pdf")
    assert [a.ref for a in actions] == ["1.1", "1.1#2", "1.1#3", "2.1", "2.1#2", "6.1"]
    assert [a.printed_no for a in actions] == ["1.1", "", "", "2.1", "", "6.1"]
    assert [(a.theme, a.objective) for a in actions] == [
        ("A", "1"),
        ("A", "1"),
        ("A", "1"),
        ("A", "2"),
        ("A", "2"),
        ("B", ""),
    ]
    assert actions[0].theme_title == "Our workforce"
    assert actions[3].objective_title == "Enhance"
    assert [a.seq for a in actions] == [1, 2, 3, 4, 5, 6]
    assert [h.kind for h in headings] == ["theme", "objective", "objective", "theme"]


def test_next_ref_is_pure():
    from ingest.assemble import Context

    ref, ctx = next_ref(Context(), "3.1")
    assert ref == "3.1"
    ref2, _ = next_ref(ctx, "")
    assert ref2 == "3.1#2"
    assert next_ref(ctx, "")[0] == "3.1#2"  # ctx unchanged


# --- stitching --------------------------------------------------------------------------------


def _row(texts: dict[str, str], **kw) -> TableRow:
    return cells_row(
        texts, page_top=kw.pop("top", False), page_bottom=kw.pop("bottom", False), **kw
    )


PREV = {
    "printed_no": "1.2",
    "action": "Disclosure: Continue to raise awareness of",
    "team": "EDI Team, HR and",
    "start": "Jan-23",
    "end": "Review",
    "success_measure": "Increase in disclosure rates",
    "status": "Amber",
    "progress_update": "Ongoing - CLT colleagues",
}


def test_a_continuation_fragment_is_appended_cell_by_cell():
    prev = _row(PREV, bottom=True, pages=(1,), closed=False)
    frag = _row(
        {
            "action": "disclosing diversity data.",
            "team": "Communications",
            "end": "quarterly",
            "progress_update": "receive a quarterly update.",
        },
        top=True,
        pages=(2,),
        status_colour="Amber",
    )
    assert continuation_score(prev, frag) >= 1.0
    rows = stitch([[prev], [frag]])
    assert len(rows) == 1
    merged = rows[0]
    assert (
        merged.cell("action")
        == "Disclosure: Continue to raise awareness of disclosing diversity data."
    )
    assert merged.cell("team") == "EDI Team, HR and Communications"
    assert merged.cell("end") == "Review quarterly"
    assert merged.cell("status") == "Amber"
    assert merged.pages == (1, 2) and "stitched" in merged.flags


def test_a_fragment_continuing_only_one_column_is_stitched():
    prev = _row({**PREV, "progress_update": "The group has identified a dedicated"}, bottom=True)
    frag = _row({"progress_update": "contact in HR."}, top=True)
    rows = stitch([[prev], [frag]])
    assert len(rows) == 1
    assert rows[0].cell("progress_update") == "The group has identified a dedicated contact in HR."


def test_a_value_broken_across_the_page_is_glued_without_space():
    prev = _row({**PREV, "end": "Dec-"}, bottom=True)
    frag = _row({"end": "24", "action": "more text"}, top=True)
    merged = stitch([[prev], [frag]])[0]
    assert merged.cell("end") == "Dec-24"
    ev = continuation_evidence(prev, frag, 12.0)
    assert ev["word_cut_at_page_foot"] > 0


def test_a_genuine_unnumbered_action_starting_a_page_stays_apart():
    prev = _row({**PREV, "action": "Review our external webpage."}, bottom=True)
    genuine = _row(
        {
            "action": "Produce a briefing document",
            "team": "EDI Team",
            "start": "Sep-24",
            "end": "May-25",
            "success_measure": "Briefing produced.",
            "status": "Amber",
            "progress_update": "The EDI data page has been updated.",
        },
        top=True,
    )
    assert continuation_score(prev, genuine) < 1.0
    assert len(stitch([[prev], [genuine]])) == 2


def test_numbered_rows_and_rows_after_room_left_are_never_continuations():
    prev = _row(PREV, bottom=True, room_below=80.0)
    numbered = _row({"printed_no": "1.3", "action": "lowercase start"}, top=True)
    assert continuation_score(prev, numbered) == -math.inf
    frag = _row({"action": "lowercase text"}, top=True)
    assert continuation_evidence(prev, frag, 12.0)["room_left_on_page"] < 0


def test_a_heading_split_across_pages_is_rejoined():
    head = TableRow("banner", text="Objective 11: Promote this behaviour in all", page_bottom=True)
    tail = TableRow("banner", text="interactions with our communities.", page_top=True)
    rows = stitch([[head], [tail]])
    assert [r.text for r in rows] == [
        "Objective 11: Promote this behaviour in all interactions with our communities."
    ]


def test_only_page_top_rows_are_candidates():
    prev = _row(PREV, bottom=True)
    frag = _row({"action": "lowercase text"}, top=False)
    assert len(stitch([[prev], [frag]])) == 2


_text = st.text(
    alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=0, max_size=12
)
_cells = st.lists(st.lists(_text, max_size=3), min_size=len(COLUMNS), max_size=len(COLUMNS))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(_cells, _cells)
def test_merging_rows_keeps_every_character_of_every_cell(upper, lower):
    a = TableRow("cells", tuple(Cell(tuple(Line(t) for t in c)) for c in upper))
    b = TableRow("cells", tuple(Cell(tuple(Line(t) for t in c)) for c in lower))
    merged = merge_rows(a, b)
    for i in range(len(COLUMNS)):
        want = "".join("".join(c[i]) for c in (upper, lower)).replace(" ", "")
        assert merged.cells[i].text.replace(" ", "") == want


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_cells, max_size=4), max_size=4))
def test_stitching_never_loses_or_duplicates_text(pages):
    rows = [
        [
            TableRow(
                "cells",
                tuple(Cell(tuple(Line(t) for t in c)) for c in cells),
                page_top=(i == 0),
                page_bottom=(i == len(page) - 1),
            )
            for i, cells in enumerate(page)
        ]
        for page in pages
    ]
    before = sorted("".join(t for p in pages for r in p for c in r for t in c).replace(" ", ""))
    out = stitch(rows)
    after = sorted("".join(c.text for r in out for c in r.cells).replace(" ", ""))
    assert before == after


# --- settings ----------------------------------------------------------------------------------


def test_settings_resolve_and_validate():
    assert IngestSettings.resolve(None) == IngestSettings()
    assert IngestSettings.resolve({"snap_tolerance": 4}).snap_tolerance == 4
    s = IngestSettings(password="x")
    assert IngestSettings.resolve(s) is s
    with pytest.raises(ValueError, match="unknown ingest settings"):
        IngestSettings.resolve({"nope": 1})
    with pytest.raises(ValueError):
        IngestSettings(snap_tolerance=-1)
    with pytest.raises(ValueError):
        IngestSettings(column_match_threshold=0)
