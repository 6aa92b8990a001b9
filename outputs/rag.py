"""How the RAG statuses are drawn: fill and text colours, and the "Not rated" row.

The scale itself (the four statuses, their order, what each means) lives in
`normalise.scale`, so a store's plantrack.toml changes it once for every stage; this module
keeps only what the outputs add: the colours, so the Excel fills, the HTML report, the deck
and the chart can never disagree.
"""

from __future__ import annotations

from normalise import DEFAULT_SCALE, RAG_STATUSES

#: Deck order of the statuses (normalise's; re-exported for the outputs' callers).
RAG_ORDER: tuple[str, ...] = RAG_STATUSES

#: The default scale's definitions (a store's own are in its StatusScale).
RAG_DEFINITIONS: dict[str, str] = dict(DEFAULT_SCALE.meanings)

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
