"""The word-difference segment the report renders: compare's own record, not a second diff.

The report used to diff texts here itself; it now shows the segments compare made
(`compare.details.WordsDetail.segments`), so the report and changes.csv cannot disagree.
"""

from __future__ import annotations

from compare import Segment

__all__ = ["Segment"]
