"""The RAG scale as the council's update deck uses it: colour, definition, display colours.

One place for the order, the words and the hex colours, so the Excel fills, the HTML
report and the chart can never disagree.
"""

from __future__ import annotations

#: Deck order and definitions (EDI strategy action plan update, RAG summary slide).
RAG_ORDER: tuple[str, ...] = ("Red", "Amber", "Green", "Blue")

RAG_DEFINITIONS: dict[str, str] = {
    "Red": "Not started",
    "Amber": "In progress",
    "Green": "Completed",
    "Blue": "Planned, not started",
}

#: Fill colours (RRGGBB) and the text colour that stays readable on each.
RAG_FILL: dict[str, str] = {
    "Red": "C0392B",
    "Amber": "F2A900",
    "Green": "2E8B57",
    "Blue": "2F6DB5",
}
RAG_TEXT: dict[str, str] = {"Red": "FFFFFF", "Amber": "1A1A1A", "Green": "FFFFFF", "Blue": "FFFFFF"}

#: The label used for actions whose status is empty or not a RAG word.
UNRATED = "Not rated"
