"""clean_text: HTML out, whitespace collapsed, only true line-break hyphenation rejoined."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalise import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<p>IT &amp; Digital strategy</p>", "IT & Digital strategy"),
        ("<p>one</p><p>two</p>", "one two"),
        ("a<br/>b", "a b"),
        ("&lt;b&gt; is text", "<b> is text"),
        ("a < b and c > d", "a < b and c > d"),
        ("  lots \n of\t\xa0space  ", "lots of space"),
        ("develop- ment", "development"),
        ("develop-\nment", "development"),
        ("organis-\nation", "organisation"),
        ("asylum-\nseeking", "asylum-seeking"),
        ("acorn- community", "acorn- community"),
        ("organi\u00ad\nsation", "organisation"),
        ("e- learning", "e- learning"),
        ("e-\nlearning", "e-learning"),
        ("non-\nbinary", "non-binary"),
        ("pre- and post-natal", "pre- and post-natal"),
        ("e-learning", "e-learning"),
        ("Anti-racism", "Anti-racism"),
        ("Anti- racism", "Anti- racism"),
        ("Anti-\nracism", "Anti-racism"),
        ("Dec-24", "Dec-24"),
        ("Jobs - ongoing commitment", "Jobs - ongoing commitment"),
        ("including: - Recruitment data", "including: - Recruitment data"),
        ("first•second", "first • second"),
        ("<ul><li>one</li><li>two</li></ul>", "• one • two"),
        ("ﬁnance", "finance"),
        ("zero\u200bwidth", "zerowidth"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


def test_the_documents_own_spelling_decides_a_doubtful_break():
    assert clean_text("a child- friendly space", {"child-friendly"}) == "a child-friendly space"
    assert clean_text("a child- friendly space") == "a child- friendly space"
    assert clean_text("a child-\nfriendly space") == "a child-friendly space"
    assert clean_text("the com- munity", {"community"}) == "the community"
    assert clean_text("the com- munity") == "the com- munity"
    # Both spellings in the document: the printed hyphen wins.
    assert (
        clean_text("our e- learning offer", {"elearning", "e-learning"}) == "our e-learning offer"
    )


def test_rejoining_can_be_switched_off():
    assert clean_text("develop- ment", rejoin_hyphens=False) == "develop- ment"


def alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


# Text without tag or entity starters: every letter and digit must survive, in order.
PLAIN = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_characters="<&\u00ad", blacklist_categories=("Cs",)),
        st.sampled_from(list("- \n\t•abcXYZ019")),
    ),
    max_size=80,
)


@settings(max_examples=500, deadline=None)
@given(PLAIN)
def test_clean_text_keeps_every_alphanumeric_character(text):
    expanded = text.translate(
        str.maketrans(
            {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
        )
    )
    assert alnum(clean_text(text)) == alnum(expanded)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_clean_text_never_raises_and_is_one_collapsed_line(text):
    out = clean_text(text)
    assert out == " ".join(out.split())


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="&"), max_size=80))
def test_clean_text_is_idempotent_without_entities(text):
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcXY1 ", min_size=1, max_size=8), max_size=5))
def test_tags_are_removed_and_their_text_kept(words):
    html = "".join(f"<p>{w}</p>" for w in words)
    assert alnum(clean_text(html)) == alnum("".join(words))
    assert "<" not in clean_text(html)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "Contact <edi@council.gov.uk> or <Jane Smith>",
            "Contact <edi@council.gov.uk> or <Jane Smith>",
        ),
        ("a < b", "a < b"),
        ("a<b and c>d", "a<b and c>d"),
        ("<b>Bold</b> <Bob>", "Bold <Bob>"),
        ('<span style="color: red">red</span>', "red"),
        ('<a href="https://x.gov.uk/edi">the plan</a>', "the plan"),
        ("Terms&copyright", "Terms&copyright"),
        ("x &not y", "x &not y"),
        ("Carers&amp;parents", "Carers&parents"),
        ("&#8211; dash", "– dash"),
    ],
)
def test_only_real_markup_is_removed(raw, clean):
    assert clean_text(raw) == clean


def test_the_loss_check_is_independent_of_cleaning():
    """letters_lost names printed letters missing from any result, whatever removed them;
    only the letters of known tags and of complete entity references may go."""
    from normalise.text import letters_lost

    raw = "Contact <edi@council.gov.uk> or <Jane Smith>"
    dropped = "".join(sorted("edicouncilgovuk" + "janesmith"))  # the old stripper's loss
    assert letters_lost(raw, "Contact or") == dropped
    assert letters_lost("<p>IT &amp; Digital</p>", "IT & Digital") == ""
    assert letters_lost("Terms&copyright", "Terms©right") == "copy"
    assert letters_lost("ﬁnance", "finance") == ""


def test_a_cell_cleaning_would_cut_is_kept_as_printed_and_flagged(monkeypatch):
    """The guard in normalise: a cleaning that drops printed letters never reaches the
    snapshot; the cell is kept as printed and flagged for a person to check."""
    import normalise.text
    from ingest import RawAction
    from normalise import normalise_actions

    def lossy(text, *args, **kwargs):  # cleaning as it was: any <...> taken for a tag
        return " ".join(__import__("re").sub(r"<[^<>]*>", " ", text or "").split())

    monkeypatch.setattr(normalise.text, "clean_text", lossy)
    cells = dict.fromkeys(
        ("theme", "theme_title", "objective", "objective_title", "printed_no", "team"), ""
    )
    cells |= dict.fromkeys(("start", "end", "success_measure", "status", "progress_update"), "")
    raw = RawAction(
        seq=0, ref="1.1", action="Contact <edi@council.gov.uk> or <Jane Smith>", **cells
    )
    (action,) = normalise_actions([raw])
    assert action.action == "Contact <edi@council.gov.uk> or <Jane Smith>"
    (flag,) = [w for w in action.warnings if w.code == "text-kept-as-printed"]
    assert flag.field == "action"
    dropped = "".join(sorted("edicouncilgovukjanesmith"))
    assert flag.message == f"cleaning would have dropped {dropped!r}; kept as printed"


@given(
    st.lists(
        st.sampled_from([*'ab<>/&;#=" \n-pliJ', "<p>", "</li>", "&amp;", "&not", "<b x=1>"]),
        max_size=40,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_cleaning_never_drops_a_printed_letter(text):
    from normalise.text import clean_cell, letters_lost

    assert letters_lost(text, clean_text(text)) == ""
    assert letters_lost(text, clean_cell(text)[0]) == ""
