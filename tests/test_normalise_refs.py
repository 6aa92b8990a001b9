"""Reference repair: decimal-formatted numbers fixed, everything else reported not renumbered."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest import RawAction
from normalise import repair_refs


def raw(printed: str, ref: str = "", objective: str = "3", theme: str = "A") -> RawAction:
    return RawAction(
        seq=0,
        theme=theme,
        theme_title="",
        objective=objective,
        objective_title="",
        printed_no=printed,
        ref=ref or printed,
        action="x",
        team="",
        start="",
        end="",
        success_measure="",
        status="",
        progress_update="",
    )


def refs_and_codes(actions):
    return [(r.ref, [w.code for w in r.warnings]) for r in repair_refs(actions)]


def test_decimal_formatted_number_after_n_9_becomes_n_10_and_its_children_follow():
    actions = [raw(f"3.{n}") for n in range(1, 10)] + [
        raw("3.1"),
        raw("", "3.1#2"),
        raw("3.11"),
        raw("", "3.11#2"),
    ]
    got = refs_and_codes(actions)
    assert [r for r, _ in got[9:]] == ["3.10", "3.10#2", "3.11", "3.11#2"]
    assert got[9][1] == ["ref-repaired"]
    assert all(codes == [] for _, codes in got[:9] + got[10:])


def test_two_after_19_is_20():
    actions = [raw(f"3.{n}") for n in range(1, 20)] + [raw("3.2")]
    assert refs_and_codes(actions)[-1] == ("3.20", ["ref-repaired"])


def test_gap_is_reported_not_filled():
    got = refs_and_codes(
        [raw("5.3", objective="5"), raw("5.4", objective="5"), raw("5.6", objective="5")]
    )
    assert got == [("5.3", ["ref-gap"]), ("5.4", []), ("5.6", ["ref-gap"])]
    assert (
        "5.5"
        in repair_refs([raw("5.4", objective="5"), raw("5.6", objective="5")])[1]
        .warnings[0]
        .message
    )


def test_duplicate_that_is_not_a_decimal_slip_is_kept_and_reported():
    got = refs_and_codes([raw("3.1"), raw("3.2"), raw("3.2"), raw("3.3")])
    assert got == [("3.1", []), ("3.2", []), ("3.2", ["ref-duplicate"]), ("3.3", [])]


def test_out_of_order_is_kept():
    got = refs_and_codes([raw("3.1"), raw("3.2"), raw("3.3"), raw("3.5"), raw("3.4")])
    assert got[-2:] == [("3.5", []), ("3.4", ["ref-out-of-order"])]


def test_a_reordered_objective_reports_order_not_gaps():
    got = refs_and_codes([raw(n, objective="12") for n in ("12.4", "12.1", "12.2", "12.3")])
    assert got == [
        ("12.4", []),
        ("12.1", ["ref-out-of-order"]),
        ("12.2", ["ref-out-of-order"]),
        ("12.3", ["ref-out-of-order"]),
    ]


def test_prefix_that_disagrees_with_the_objective():
    assert refs_and_codes([raw("4.1", objective="3")]) == [("4.1", ["ref-objective-mismatch"])]


def test_objectives_are_checked_separately():
    got = refs_and_codes(
        [
            raw("1.1", objective="1"),
            raw("1.2", objective="1"),
            raw("2.1", objective="2"),
            raw("1.3", objective="1"),
        ]
    )
    assert all(codes == [] for _, codes in got)


def test_unnumbered_refs_are_left_alone_when_nothing_was_repaired():
    got = refs_and_codes(
        [
            raw("1.1", objective="1"),
            raw("", "1.1#2", objective="1"),
            raw("", "weird", objective="1"),
        ]
    )
    assert [r for r, _ in got] == ["1.1", "1.1#2", "weird"]


def test_odd_numbers_and_missing_refs_are_flagged():
    got = refs_and_codes([raw("3.1a"), raw("", "")])
    assert got == [("3.1a", ["ref-unparsed"]), ("", ["ref-missing"])]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "3.1", "3.2", "3.10", "3.9", "4.1", "x", "3."]),
            st.sampled_from(["", "3.1#2", "3.9#2"]),
        ),
        max_size=20,
    )
)
def test_never_raises_and_only_repairs_by_appending_a_zero(rows):
    actions = [raw(p, p or r) for p, r in rows]
    for action, result in zip(actions, repair_refs(actions), strict=True):
        codes = [w.code for w in result.warnings]
        if action.printed_no and "ref-repaired" not in codes:
            assert result.ref == action.printed_no.rstrip(".") or "ref-unparsed" in codes
        if "ref-repaired" in codes:
            assert result.ref == action.printed_no + "0"
