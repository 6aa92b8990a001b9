"""The normalise stage: raw actions in, clean typed actions out.

Each part of a row is read by its own pure function (text, dates, status, refs); this
module only chains them and gathers their warnings. It never raises on odd input.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ingest import COLUMNS, Plan, RawAction
from normalise.codes import WARNING_CODES, warning
from normalise.crossref import is_cross_reference
from normalise.dates import parse_dates
from normalise.records import Action, ActionWarning, NormalisedPlan
from normalise.refs import RefRepair, repair_refs
from normalise.settings import NormaliseSettings
from normalise.status import normalise_status
from normalise.text import clean_text, vocabulary

_TEXT_FIELDS = ("theme", "theme_title", "objective", "objective_title", *COLUMNS)

#: ingest's flags that are facts about the table, not warnings: an End cell read from a
#: single Timescale column; a table printing no Status column (so no status is no slip)
_PERIOD_FLAG = "end-is-period"
_NO_STATUS_FLAG = "no-status-column"

Settings = NormaliseSettings | Mapping[str, Any] | None


def normalise(plan: Plan, settings: Settings = None) -> NormalisedPlan:
    """Normalise a whole plan; the facts about its source are carried over unchanged."""
    return NormalisedPlan(
        source=plan.source,
        sha256=plan.sha256,
        kind=plan.kind,
        page_count=plan.page_count,
        actions=normalise_actions(plan.actions, settings),
        title=clean_text(plan.title),
    )


def normalise_actions(
    actions: Sequence[RawAction], settings: Settings = None
) -> tuple[Action, ...]:
    """Normalise actions in document order (order matters for reference repair)."""
    settings = NormaliseSettings.resolve(settings)
    vocab = vocabulary(getattr(raw, name, "") for raw in actions for name in _TEXT_FIELDS)
    refs = repair_refs(actions)
    return tuple(_action(raw, ref, vocab, settings) for raw, ref in zip(actions, refs, strict=True))


def ingest_flag_warnings(flags: Sequence[str], already: set[str]) -> tuple[ActionWarning, ...]:
    """Ingest's observations as warnings: known codes keep their code, others are notes."""
    out: list[ActionWarning] = []
    for flag in dict.fromkeys(f.strip() for f in flags if isinstance(f, str) and f.strip()):
        if flag in already:
            continue
        if flag in WARNING_CODES:
            out.append(warning(flag, f"ingest: {WARNING_CODES[flag]}"))
        else:
            out.append(warning("ingest-note", f"ingest: {flag}"))
    return tuple(out)


def _action(
    raw: RawAction, ref: RefRepair, vocab: frozenset[str], settings: NormaliseSettings
) -> Action:
    def clean(value: str) -> str:
        return clean_text(value, vocab, settings.rejoin_hyphens)

    start, end = clean(raw.start), clean(raw.end)
    dates = parse_dates(start, end, settings, end_is_period=_PERIOD_FLAG in (raw.flags or ()))
    status, label, status_flags = normalise_status(
        clean(raw.status), raw.status_colour, words=settings.status_words
    )
    action, team, measure = clean(raw.action), clean(raw.team), clean(raw.success_measure)
    if is_cross_reference(action, status, team, start, end, measure):
        # not an action but a pointer to one: flagged, and not missing a status
        status_flags = (warning("cross-reference", "points to another part of the plan"),)
    if _NO_STATUS_FLAG in (raw.flags or ()):
        status_flags = tuple(w for w in status_flags if w.code != "status-missing")
    flags = (*ref.warnings, *dates.warnings, *status_flags)
    flags += ingest_flag_warnings(
        raw.flags or (), {w.code for w in flags} | {_PERIOD_FLAG, _NO_STATUS_FLAG}
    )
    provenance = raw.provenance
    return Action(
        theme=clean(raw.theme),
        theme_title=clean(raw.theme_title),
        objective=clean(raw.objective),
        objective_title=clean(raw.objective_title),
        printed_no=clean(raw.printed_no),
        ref=ref.ref,
        action=action,
        team=team,
        start=start,
        end=end,
        start_date=dates.start_date,
        end_date=dates.end_date,
        end_kind=dates.end_kind,
        recurrence=dates.recurrence,
        success_measure=measure,
        status=status,
        status_label=label,
        progress_update=clean(raw.progress_update),
        source_file=provenance.file if provenance else "",
        pages=tuple(provenance.pages) if provenance else (),
        warnings=flags,
        extra=tuple((str(h), clean(t)) for h, t in raw.extra or () if clean(t)),
        raw=raw,
    )
