"""Property tests through the public APIs: no exception escapes, no text goes missing unseen.

The stage owners test their helpers on shaped inputs (dates that look like dates, rows built
from ASCII words). These go wider: any Unicode at all into normalise's public parsers, and any
single word taken out of, or copied into, a real sample plan must be caught by ingest's
public conservation check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ingest
import normalise
from tests._fuzz_support import excerpt

REPO = Path(__file__).parents[1]
#: Any text a cell could hold, including control characters, digits and date-like words.
ANY_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789/-.– QqJanFebSepDecFYto&()\n\t\u00a0", max_size=40),
)


def _valid_iso_or_empty(value: str) -> bool:
    return value == "" or dt.date.fromisoformat(value).isoformat() == value


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, ANY_TEXT)
def test_date_parsers_never_raise_and_give_real_dates(start: str, end: str) -> None:
    fields = normalise.parse_dates(start, end)
    assert _valid_iso_or_empty(fields.start_date) and _valid_iso_or_empty(fields.end_date)
    for role in ("start", "end"):
        parsed = normalise.parse_period(end, role)
        assert _valid_iso_or_empty(parsed.first) and _valid_iso_or_empty(parsed.last)
        if parsed.first and parsed.last:
            assert parsed.first <= parsed.last
    normalise.parse_start(start)
    normalise.parse_end(end)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(ANY_TEXT, st.lists(st.text(min_size=1, max_size=12), max_size=5), st.booleans())
def test_clean_text_never_raises_on_any_text(text: str, vocabulary: list[str], rejoin: bool):
    out = normalise.clean_text(text, vocabulary, rejoin)
    assert out == " ".join(out.split())


@pytest.fixture(scope="module")
def sample_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ingest.Plan]:
    """Pages 1-2 of a real plan (a row stitched across the break), read once for every example.

    Two pages, not eleven, keep each conservation check fast enough for many examples.
    """
    source = sorted(REPO.glob("samples/*/plan-chromium.pdf"))[0]
    path = excerpt(source, [0, 1], tmp_path_factory.mktemp("conservation") / "p1-2.pdf")
    plan = ingest.read_plan(path)
    assert ingest.check_conservation(plan, path) == [], "the unaltered sample must conserve"
    return path, plan


def _with_action(plan: ingest.Plan, index: int, action: ingest.RawAction) -> ingest.Plan:
    actions = list(plan.actions)
    actions[index] = action
    return replace(plan, actions=tuple(actions))


@pytest.mark.slow
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_conservation_notices_any_word_dropped_from_any_cell(
    sample_plan: tuple[Path, ingest.Plan], data: st.DataObject
) -> None:
    path, plan = sample_plan
    index = data.draw(st.integers(0, len(plan.actions) - 1), label="action")
    action = plan.actions[index]
    columns = [c for c in ingest.COLUMNS if getattr(action, c).split()]
    column = data.draw(st.sampled_from(columns), label="column")
    words = getattr(action, column).split()
    drop = data.draw(st.integers(0, len(words) - 1), label="word")
    damaged = replace(action, **{column: " ".join(words[:drop] + words[drop + 1 :])})

    losses = ingest.check_conservation(_with_action(plan, index, damaged), path)

    assert losses, f"dropping {words[drop]!r} from {action.ref} {column} went unnoticed"
    assert all(loss.kind == "lost" for loss in losses), losses


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_conservation_notices_any_word_used_twice(
    sample_plan: tuple[Path, ingest.Plan], data: st.DataObject
) -> None:
    path, plan = sample_plan
    index = data.draw(st.integers(0, len(plan.actions) - 1), label="action")
    action = plan.actions[index]
    words = action.action.split()
    word = data.draw(st.sampled_from(words), label="word")
    column = data.draw(st.sampled_from(ingest.COLUMNS), label="column")
    damaged = replace(action, **{column: f"{getattr(action, column)} {word}".strip()})

    losses = ingest.check_conservation(_with_action(plan, index, damaged), path)

    assert losses, f"copying {word!r} into {action.ref} {column} went unnoticed"
    assert all(loss.kind == "extra" for loss in losses), losses
