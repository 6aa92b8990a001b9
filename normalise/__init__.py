"""normalise: raw actions in, clean typed actions out. Never raises on odd input.

Public entry points: `normalise(plan)` and `normalise_actions(actions)`; the pure helpers
each reads one part of a row and is usable on its own.
"""

from normalise.codes import WARNING_CODES, WARNING_LEVELS
from normalise.dates import (
    DateFields,
    ParsedDate,
    months_between,
    parse_dates,
    parse_end,
    parse_period,
    parse_start,
)
from normalise.pipeline import normalise, normalise_actions
from normalise.records import Action, ActionWarning, NormalisedPlan
from normalise.refs import RefRepair, repair_refs
from normalise.scale import DEFAULT_SCALE, RAG_STATUSES, StatusScale
from normalise.settings import NormaliseSettings
from normalise.status import CONSERVATIVE_ORDER, STATUS_LABELS, normalise_status
from normalise.text import clean_text

__all__ = [
    "CONSERVATIVE_ORDER",
    "DEFAULT_SCALE",
    "RAG_STATUSES",
    "STATUS_LABELS",
    "WARNING_CODES",
    "WARNING_LEVELS",
    "Action",
    "ActionWarning",
    "DateFields",
    "NormaliseSettings",
    "NormalisedPlan",
    "ParsedDate",
    "RefRepair",
    "StatusScale",
    "clean_text",
    "months_between",
    "normalise",
    "normalise_actions",
    "normalise_status",
    "parse_dates",
    "parse_end",
    "parse_period",
    "parse_start",
    "repair_refs",
]
