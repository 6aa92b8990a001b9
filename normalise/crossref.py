"""Cross-reference rows: a row that points elsewhere instead of being an action.

The seed's 4.1 reads "Equality Impact Assessments – see objective 12" with no team, dates,
success measure or status: the work is tracked under objective 12. The council's update deck
does not count it (Workforce 56, not 57), so neither does the report's RAG summary; the row
stays in the snapshot, flagged `cross-reference`, so nothing printed is lost.
"""

from __future__ import annotations

import re

#: "see objective 12", "see also action 3.2", "(see section 4)", "refer to objective 12"
_POINTER = re.compile(
    r"\b(?:see(?:\s+also)?|refer\s+to|covered\s+(?:under|by|in))\s+"
    r"(?:objectives?|actions?|sections?|themes?|items?|appendix|page)\s+[0-9A-Za-z]",
    re.IGNORECASE,
)


def is_cross_reference(action: str, status: str, *cells: str) -> bool:
    """True for a status-less row whose text points to another part of the plan.

    `cells` are the row's team, start, end and success measure: a row with any of them, or
    with a status, is an action (perhaps one missing its status), never a cross-reference.
    """
    if status.strip() or any(c.strip() for c in cells):
        return False
    return bool(_POINTER.search(action))
