"""Invariant: a plan compared with itself is matched one-to-one with no changes at all."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare import compare
from normalise import Action

WORDS = ["review", "publish", "guidance", "EDI", "team", "staff", "data", "the", "and", "plan"]
text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)
small = st.sampled_from(["", "A", "B", "EDI Team", "Amber", "Green"])


@st.composite
def actions(draw):
    return Action(
        theme=draw(st.sampled_from(["A", "B"])),
        theme_title="",
        objective=draw(st.sampled_from(["1", "2", ""])),
        objective_title="",
        printed_no="",
        ref=draw(st.sampled_from(["1.1", "1.2", "2.1", ""])),
        action=draw(text),
        team=draw(small),
        start=draw(small),
        end=draw(small),
        start_date="",
        end_date="",
        end_kind="",
        recurrence="",
        success_measure=draw(text),
        status=draw(small),
        status_label="",
        progress_update=draw(text),
        source_file="",
        pages=(),
    )


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(actions(), max_size=12))
def test_compare_with_itself_is_empty(plan):
    result = compare(plan, plan)
    assert result.changes == ()
    assert len(result.matches) == len(plan)
    assert result.new_ids == result.old_ids
