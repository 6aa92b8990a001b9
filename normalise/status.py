"""Read the Status cell as one of the four RAG statuses.

The update deck defines the colours: Red "Not started", Amber "In progress", Green
"Completed", Blue "Planned, not started" (a store's plantrack.toml may say otherwise: see
`normalise.scale`). Officers also type the definitions themselves, initials, or two
colours; all of these are read, and anything else is kept and flagged.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

from normalise.codes import warning
from normalise.records import ActionWarning
from normalise.scale import DEFAULT_MEANINGS, DEFAULT_SCALE, RAG_STATUSES, StatusScale

#: The update deck's definitions of the four statuses (the default scale's meanings).
STATUS_LABELS: dict[str, str] = dict(DEFAULT_MEANINGS)
#: Order used when a cell names two statuses: the one reporting less progress wins
#: (the default scale's; a store's own scale gives its own).
CONSERVATIVE_ORDER: tuple[str, ...] = DEFAULT_SCALE.conservative_order

#: Squashed spellings (lowercase, no spaces or punctuation) of each status.
_VARIANTS: dict[str, str] = {
    **dict.fromkeys(["red", "r", "notstarted"], "Red"),
    **dict.fromkeys(["amber", "a", "inprogress", "underway", "started", "ongoing"], "Amber"),
    **dict.fromkeys(["green", "g", "complete", "completed", "done", "achieved"], "Green"),
    **dict.fromkeys(["blue", "b", "planned", "plannednotstarted", "notyetstartedplanned"], "Blue"),
}
_FUZZY_MIN = 5
_SPLIT = re.compile(r"[/&+|,;()\[\]]|\s-\s|-|\band\b|\bor\b|\bto\b")


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _lookup(text: str) -> tuple[str, bool] | None:
    """(status, exact) for one spelling; exact means the RAG name itself was printed."""
    key = _squash(text)
    if not key:
        return None
    if key in _VARIANTS:
        status = _VARIANTS[key]
        return status, key == status.lower()
    if len(key) >= _FUZZY_MIN:
        for variant, status in _VARIANTS.items():
            if len(variant) >= _FUZZY_MIN and OSA.distance(key, variant) <= 1:
                return status, False
    return None


def colour_status(colour: str) -> str:
    """A RAG name from ingest's fill colour ("amber", "Amber " -> "Amber"), "" if not one."""
    key = _squash(colour or "")
    return key.capitalize() if key in {s.lower() for s in RAG_STATUSES} else ""


def normalise_status(
    word: str | None,
    colour: str | None = "",
    field: str = "status",
    words: tuple[tuple[str, str], ...] = (),
    scale: StatusScale = DEFAULT_SCALE,
) -> tuple[str, str, tuple[ActionWarning, ...]]:
    """(status, status_label, warnings) for a Status cell's word and its fill colour.

    `words`: the publisher's own (word, RAG name) pairs, matched (case, spaces and
    punctuation aside) before the built-in spellings, without a status-variant flag.
    `scale`: what each status means here (the label) and which of two named statuses
    shows less progress. Never raises. An unknown word is kept as printed with an empty
    label.
    """
    shown = " ".join((word or "").split()) if isinstance(word, str) else ""
    own = {_squash(w): rag for w, rag in words}
    if shown and _squash(shown) in own:
        status = own[_squash(shown)]
        fill = colour_status(colour if isinstance(colour, str) else "")
        flags: tuple[ActionWarning, ...] = ()
        if fill and fill != status:
            msg = f"status {shown!r} is {status} but the cell is filled {fill}"
            flags = (warning("status-colour-mismatch", msg, field),)
        return status, scale.meaning(status), flags
    fill = colour_status(colour if isinstance(colour, str) else "")
    if not shown:
        if fill:
            return (
                fill,
                scale.meaning(fill),
                (warning("status-from-colour", f"no status word; read the {fill} fill", field),),
            )
        return "", "", (warning("status-missing", "no status word or RAG colour", field),)

    status, flags = _read_word(shown, field, scale.conservative_order)
    if status not in RAG_STATUSES:
        return shown, "", flags
    if fill and fill != status:
        flags += (
            warning(
                "status-colour-mismatch",
                f"status {shown!r} is {status} but the cell is filled {fill}",
                field,
            ),
        )
    return status, scale.meaning(status), flags


def _read_word(
    shown: str, field: str, order: tuple[str, ...]
) -> tuple[str, tuple[ActionWarning, ...]]:
    if hit := _lookup(shown):
        status, exact = hit
        flags = (
            ()
            if exact
            else (warning("status-variant", f"status {shown!r} read as {status}", field),)
        )
        return status, flags
    parts = [p for p in _SPLIT.split(shown.lower()) if _squash(p)]
    hits = [_lookup(p) for p in parts]
    if parts and all(hits):
        found = {h[0] for h in hits if h}
        status = min(found, key=order.index)
        if len(found) > 1:
            names = "/".join(sorted(found, key=order.index))
            return status, (
                warning(
                    "status-ambiguous", f"status {shown!r} names {names}; using {status}", field
                ),
            )
        if all(h and h[1] for h in hits) and len(parts) == 1:
            return status, ()
        return status, (warning("status-variant", f"status {shown!r} read as {status}", field),)
    return shown, (warning("status-unknown", f"status {shown!r} is not a RAG status", field),)
