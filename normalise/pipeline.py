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
from normalise.text import clean_cell, clean_text, vocabulary

_TITLE_FIELDS = ("theme", "theme_title", "objective", "objective_title", "printed_no")
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
    kept: list[ActionWarning] = []

    def clean(value: str, name: str = "") -> str:
        text, lost = clean_cell(value, vocab, settings.rejoin_hyphens)
        if lost:
            kept.append(
                warning(
                    "text-kept-as-printed",
                    f"cleaning would have dropped {lost!r}; kept as printed",
                    name,
                )
            )
        return text

    start, end = clean(raw.start, "start"), clean(raw.end, "end")
    dates = parse_dates(start, end, settings, end_is_period=_PERIOD_FLAG in (raw.flags or ()))
    status, label, status_flags = normalise_status(
        clean(raw.status, "status"),
        raw.status_colour,
        words=settings.status_words,
        scale=settings.status_scale,
    )
    texts = {
        name: clean(getattr(raw, name), name)
        for name in (*_TITLE_FIELDS, "action", "team", "success_measure", "progress_update")
    }
    action, team, measure = texts["action"], texts["team"], texts["success_measure"]
    if is_cross_reference(action, status, team, start, end, measure):
        # not an action but a pointer to one: flagged, and not missing a status
        status_flags = (warning("cross-reference", "points to another part of the plan"),)
    if _NO_STATUS_FLAG in (raw.flags or ()):
        status_flags = tuple(w for w in status_flags if w.code != "status-missing")
    extra = tuple((str(h), text) for h, t in raw.extra or () if (text := clean(t, str(h))))
    flags = (*ref.warnings, *dates.warnings, *status_flags, *kept)
    flags += ingest_flag_warnings(
        raw.flags or (), {w.code for w in flags} | {_PERIOD_FLAG, _NO_STATUS_FLAG}
    )
    provenance = raw.provenance
    return Action(
        theme=texts["theme"],
        theme_title=texts["theme_title"],
        objective=texts["objective"],
        objective_title=texts["objective_title"],
        printed_no=texts["printed_no"],
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
        progress_update=texts["progress_update"],
        source_file=provenance.file if provenance else "",
        pages=tuple(provenance.pages) if provenance else (),
        warnings=flags,
        extra=extra,
        raw=raw,
    )
