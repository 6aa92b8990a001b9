"""The same quarter from any two producers is no change; across producers every change is found.

Every sample quarter is published by several producers (python-docx in two layouts,
LibreOffice, Chromium; 2024-Q4 also with narrow columns, `samples/narrow/`). They render the
same words differently: line breaks, cut words, "Annual ly" vs "Annually". A change is a
change of meaning, so (issue 16):

- comparing one quarter as read from two producers gives no change and no note, for every
  pair of producers of every quarter;
- comparing quarter q with quarter q+1, each from any producer, finds exactly the true
  changes (`samples/truth/changes_*.csv`): precision = recall = 1.0 for every change kind.

Each file is read once per test session (`readings`, cached), but reading them all takes
about a minute on a 2-core machine, so the module is marked slow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import combinations, pairwise, product

import pytest

from compare import CHANGE_KINDS, changes_table, compare
from normalise import Action
from tests.test_compare_helpers import PERIODS, SAMPLES, sample_actions, truth_changes

pytestmark = pytest.mark.slow

DOCUMENT_SUFFIXES = (".pdf", ".docx")
#: extra layouts of a quarter kept in their own folder (samples/narrow/ is 2024-Q4)
EXTRA_FOLDERS = {"2024-Q4": ("narrow",)}


def producers(period: str) -> list[tuple[str, str]]:
    """(folder, file) of every sample document of a quarter."""
    folders = (period, *EXTRA_FOLDERS.get(period, ()))
    return [
        (folder, f.name)
        for folder in folders
        for f in sorted((SAMPLES / folder).iterdir())
        if f.suffix in DOCUMENT_SUFFIXES
    ]


Reader = Callable[[tuple[str, str]], tuple[Action, ...]]


@pytest.fixture(scope="session")
def readings() -> Reader:
    """Read and normalise a sample document, once per session (sample_actions is cached)."""
    return lambda doc: sample_actions(*doc)


SAME_QUARTER = [
    pytest.param(a, b, id=f"{period}:{a[1]}~{b[1]}")
    for period in PERIODS
    for a, b in combinations(producers(period), 2)
]
ACROSS = [
    pytest.param(old, new, a, b, id=f"{old}:{a[1]}->{new}:{b[1]}")
    for old, new in pairwise(PERIODS)
    for a, b in product(producers(old), producers(new))
]


def test_every_quarter_has_several_producers():
    """At least the five producers of samples/README.md (more when samples are added)."""
    counts = {p: len(producers(p)) for p in PERIODS}
    assert all(n >= 5 for n in counts.values()), counts
    assert {("narrow", "plan-narrow.docx"), ("narrow", "plan-narrow-libreoffice.pdf")} <= set(
        producers("2024-Q4")
    )
    assert len(SAME_QUARTER) == sum(n * (n - 1) // 2 for n in counts.values()) >= 41


@pytest.mark.parametrize(("a", "b"), SAME_QUARTER)
def test_the_same_quarter_from_two_producers_is_no_change(readings, a, b):
    old, new = readings(a), readings(b)
    assert len(old) == len(new) > 80
    result = compare(old, new)
    assert [(c.change, c.ref_after, c.before, c.after) for c in result.changes] == []
    assert result.notes == ()
    assert len(result.matches) == len(old)


def _keyed(rows) -> Counter:
    return Counter(
        (r["change"], r["ref_before"], r["ref_after"], r["before"], r["after"]) for r in rows
    )


@pytest.mark.parametrize(("old", "new", "a", "b"), ACROSS)
def test_across_producers_every_change_kind_keeps_precision_and_recall_one(
    readings, old, new, a, b
):
    mine = _keyed(changes_table(compare(readings(a), readings(b))))
    truth = _keyed(truth_changes(old, new))
    assert truth
    for kind in CHANGE_KINDS:
        got = Counter({k: n for k, n in mine.items() if k[0] == kind})
        want = Counter({k: n for k, n in truth.items() if k[0] == kind})
        hits = sum((got & want).values())
        precision = hits / sum(got.values()) if got else 1.0
        recall = hits / sum(want.values()) if want else 1.0
        assert (kind, precision, recall) == (kind, 1.0, 1.0), (got - want, want - got)
