"""#12: the conservation check grows linearly with the document (200k tiny DOCX rows ran
past 10 minutes because every row unit filtered every action).

Timed as a ratio between N and 8N rows, measured in the same run (best of three), so a
loaded machine shifts both sides alike: linear work gives ~8, quadratic ~64 (4N gave 17
with the old line put back); the bound, 20, leaves room for a loaded machine.
"""

from __future__ import annotations

import gc
import time

import pytest

from ingest.conservation import match_words, output_items


@pytest.mark.slow
def test_matching_alone_is_linear_in_units_and_items() -> None:
    """The matcher as a DOCX check calls it: one row unit per action, 2,000 vs 16,000."""
    from ingest.records import Plan, Provenance, RawAction

    def seconds(n: int) -> float:
        blank = dict.fromkeys(
            ("theme", "theme_title", "objective", "objective_title", "printed_no", "team",
             "start", "end", "success_measure", "status", "progress_update"), "",
        )  # fmt: skip
        actions = tuple(
            RawAction(
                seq=i + 1,
                ref=f"1.{i}",
                action=f"word{i} staff",
                provenance=Provenance("x.docx", (), table=0, rows=(i,)),
                **blank,
            )
            for i in range(n)
        )
        plan = Plan(source="x.docx", sha256="", kind="docx", page_count=0, actions=actions)
        units = [((i + 1) + 100_000, [(f"word{i}", 0.0, 0.0), ("staff", 0.0, 0.0)])
                 for i in range(n)]  # fmt: skip
        best = float("inf")
        gc.collect()
        gc.disable()  # as timeit does: the collector's passes grow with the whole test
        try:  # session's heap, not with this document
            for _ in range(3):
                start = time.perf_counter()
                assert match_words(units, output_items(plan), glued_words=False) == []
                best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
        return best

    assert seconds(16_000) / seconds(2_000) < 20
