"""The "what changed" report: ONE typed model, built from the typed changes.

`build_report` is pure: actions, ids and a Comparison in, a frozen `Report` out. The
Markdown and HTML renderings (outputs.render) only format this model, so the two can
never disagree with each other or with changes.csv.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import normalise
from compare import Segment
from normalise import Action
from outputs.periods import PeriodError, months_between, parse_period, period_end
from outputs.rag import RAG_DEFINITIONS, RAG_FILL, RAG_ORDER, UNRATED

#: Words kept in an action's short title.
TITLE_WORDS = 12


@dataclass(frozen=True)
class HistorySnapshot:
    """An older quarter, for 'stalled' (how long an action has stood still)."""

    period: str
    actions: tuple[Action, ...]
    ids: tuple[str, ...]


@dataclass(frozen=True)
class ActionLink:
    """How the report names an action: reference, short title, a link to its page."""

    action_id: str
    ref: str
    title: str
    theme: str
    href: str = ""
    page: int | None = None


@dataclass(frozen=True)
class StatusMove:
    action: ActionLink
    before: str
    after: str
    direction: str = ""  # compare's: "progressed", "regressed", "changed"


@dataclass(frozen=True)
class RefMove:
    action: ActionLink
    ref_before: str
    ref_after: str
    moved: bool  # changed theme/objective, not just number
    where_before: str = ""
    where_after: str = ""


@dataclass(frozen=True)
class Reworded:
    action: ActionLink
    segments: tuple[Segment, ...]
    label: str = ""  # "" for the action text; "team", "success measure" for those cells


#: change kinds shown as a word difference in section 4
_REWORDED_KINDS = ("reworded", "team_changed", "measure_changed")


@dataclass(frozen=True)
class DateMove:
    action: ActionLink
    column: str  # "start" or "end"
    before: str
    after: str
    months: int | None  # positive = later
    direction: str  # "slipped", "brought forward", "changed"


@dataclass(frozen=True)
class ProgressNote:
    action: ActionLink
    sentences: tuple[str, ...]
    edited_only: bool = False  # text changed but no new sentence


@dataclass(frozen=True)
class Overdue:
    action: ActionLink
    end: str
    end_date: str
    status: str
    months: int


@dataclass(frozen=True)
class Stalled:
    action: ActionLink
    status: str
    quarters: int
    since: str


@dataclass(frozen=True)
class QualityNote:
    kind: str  # "warning", "review", "override", "correction" (compare's notes)
    text: str
    action: ActionLink | None = None
    level: str = "check"  # "check": a person should look; "info": recorded for the audit trail


@dataclass(frozen=True)
class RagRow:
    status: str
    definition: str
    colour: str  # "#RRGGBB", "" for unrated
    previous: int | None
    current: int


@dataclass(frozen=True)
class ThemeSummary:
    key: str
    name: str
    rows: tuple[RagRow, ...]
    previous_total: int | None
    current_total: int


@dataclass(frozen=True)
class Report:
    title: str
    period: str
    previous_period: str
    source: str
    previous_source: str
    generated: str
    tool_version: str
    themes: tuple[ThemeSummary, ...]
    overall: ThemeSummary
    completed: tuple[StatusMove, ...] = ()
    started: tuple[StatusMove, ...] = ()
    regressions: tuple[StatusMove, ...] = ()
    other_status: tuple[StatusMove, ...] = ()
    added: tuple[ActionLink, ...] = ()
    removed: tuple[ActionLink, ...] = ()
    renumbered: tuple[RefMove, ...] = ()
    reworded: tuple[Reworded, ...] = ()
    dates_moved: tuple[DateMove, ...] = ()
    progress: tuple[ProgressNote, ...] = ()
    overdue: tuple[Overdue, ...] = ()
    stalled: tuple[Stalled, ...] = ()
    quality: tuple[QualityNote, ...] = ()
    change_counts: dict[str, int] = field(default_factory=dict)
    #: which kind of quarter `period` is, in words ("financial year 2025/26, quarter 1
    #: (April–June 2025)"); "" for an unnamed period (a diff of two files)
    period_description: str = ""

    @property
    def has_previous(self) -> bool:
        return bool(self.previous_period) or self.overall.previous_total is not None

    @property
    def summary_columns(self) -> tuple[ThemeSummary, ...]:
        """Each theme, then all themes together: the columns of the summary table."""
        return (*self.themes, self.overall)

    @property
    def summary_rows(self) -> tuple[tuple[RagRow, tuple[RagRow, ...]], ...]:
        """(status row, that status's row in every summary column), in deck order."""
        out = []
        for row in self.overall.rows:
            cells = []
            for col in self.summary_columns:
                match = next((r for r in col.rows if r.status == row.status), None)
                prev = 0 if col.previous_total is not None else None
                cells.append(match or RagRow(row.status, row.definition, row.colour, prev, 0))
            out.append((row, tuple(cells)))
        return tuple(out)


# --------------------------------------------------------------------------- naming


def theme_name(theme: str, theme_title: str) -> str:
    """The deck's short theme name: "Our workforce: Foster…" -> "Workforce"."""
    m = re.match(r"\s*our\s+([A-Za-z]+)", theme_title or "", flags=re.IGNORECASE)
    if m:
        return m.group(1).capitalize()
    title = " ".join((theme_title or "").split()[:6])
    if theme and title:
        return f"{theme}: {title}"
    return f"Theme {theme}" if theme else (title or "No theme")


def short_title(text: str, words: int = TITLE_WORDS) -> str:
    """First `words` words of an action, with an ellipsis when cut."""
    parts = str(text).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def source_href(source_file: str, pages: Sequence[int]) -> str:
    """file:// link to the source, at the action's first page for PDFs."""
    if not source_file:
        return ""
    try:
        uri = Path(source_file).expanduser().resolve().as_uri()
    except (OSError, ValueError):
        return ""
    if source_file.lower().endswith(".pdf") and pages:
        uri += f"#page={pages[0]}"
    return uri


def link(action: Action, action_id: str) -> ActionLink:
    return ActionLink(
        action_id=action_id,
        ref=action.ref or action.printed_no or "(no ref)",
        title=short_title(action.action),
        theme=theme_name(action.theme, action.theme_title),
        href=source_href(action.source_file, action.pages),
        page=action.pages[0] if action.pages else None,
    )


# --------------------------------------------------------------------------- summary


def _status_key(status: str) -> str:
    return status if status in RAG_DEFINITIONS else UNRATED


def _theme_order(*groups: Iterable[Action]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for group in groups:
        for a in group:
            seen.setdefault(a.theme, theme_name(a.theme, a.theme_title))
    return list(seen.items())


def _summary(
    key: str, name: str, current: list[Action], previous: list[Action] | None
) -> ThemeSummary:
    cur = Counter(_status_key(a.status) for a in current)
    prev = Counter(_status_key(a.status) for a in previous) if previous is not None else None
    rows = [
        RagRow(
            s, RAG_DEFINITIONS[s], "#" + RAG_FILL[s], prev[s] if prev is not None else None, cur[s]
        )
        for s in RAG_ORDER
    ]
    if cur[UNRATED] or (prev is not None and prev[UNRATED]):
        rows.append(
            RagRow(
                UNRATED,
                "No status given",
                "",
                prev[UNRATED] if prev is not None else None,
                cur[UNRATED],
            )
        )
    return ThemeSummary(
        key=key,
        name=name,
        rows=tuple(rows),
        previous_total=len(previous) if previous is not None else None,
        current_total=len(current),
    )


def counted(actions: Iterable[Action]) -> list[Action]:
    """The actions the deck counts: not the rows normalise flagged as cross-references."""
    return [a for a in actions if not any(w.code == "cross-reference" for w in a.warnings)]


def rag_summary(
    current: Sequence[Action], previous: Sequence[Action] | None
) -> tuple[tuple[ThemeSummary, ...], ThemeSummary]:
    """Counts by theme and status for both quarters, in the deck's form, plus an all-themes row.

    Cross-reference rows ("… – see objective 12") are not actions and are not counted.
    """
    current = counted(current)
    previous = counted(previous) if previous is not None else None
    themes = []
    for key, name in _theme_order(current, previous or ()):
        cur = [a for a in current if a.theme == key]
        prev = [a for a in previous if a.theme == key] if previous is not None else None
        themes.append(_summary(key, name, cur, prev))
    overall = _summary(
        "", "All themes", list(current), list(previous) if previous is not None else None
    )
    return tuple(themes), overall


# --------------------------------------------------------------------------- changes


def _quality(
    current: Sequence[Action],
    ids: Sequence[str],
    comparison: Any,
    old_actions: Sequence[Action],
    old_ids: Sequence[str],
) -> list[QualityNote]:
    notes: list[QualityNote] = []
    levels: dict[str, str] = getattr(normalise, "WARNING_LEVELS", {})
    for a, i in zip(current, ids, strict=True):
        for w in a.warnings:
            text = f"{w.code}: {w.message}" if w.message else w.code
            notes.append(QualityNote("warning", text, link(a, i), levels.get(w.code, "check")))
    if comparison is not None:
        for m in getattr(comparison, "review", ()) or ():
            if 0 <= m.new_index < len(current) and 0 <= m.old_index < len(old_actions):
                old = old_actions[m.old_index]
                new = current[m.new_index]
                text = (
                    f"matched to {old.ref} of the previous quarter with score {m.score:.0f}: "
                    "a close second candidate exists, please confirm"
                )
                notes.append(QualityNote("review", text, link(new, ids[m.new_index])))
        for o in getattr(comparison, "overrides_applied", ()) or ():
            notes.append(QualityNote("override", f"applied: {o}"))
        for o in getattr(comparison, "overrides_not_applied", ()) or ():
            notes.append(QualityNote("override", f"not applied: {o}"))
        by_id = dict(zip(ids, current, strict=True))
        for n in getattr(comparison, "notes", ()) or ():
            here = link(by_id[n.action_id], n.action_id) if n.action_id in by_id else None
            notes.append(QualityNote("correction", f"{n.code}: {n.message}", here, "info"))
    order = {"review": 0, "override": 1, "warning": 2}
    notes.sort(key=lambda n: (n.level != "check", order.get(n.kind, 3)))
    return notes


def _stalled(
    current: Sequence[Action],
    ids: Sequence[str],
    period: str,
    history: Sequence[HistorySnapshot],
) -> list[Stalled]:
    """Actions whose status and progress text have not changed for two quarters or more."""
    end = as_of(period).isoformat()
    indexed = [(h.period, dict(zip(h.ids, h.actions, strict=True))) for h in history]
    out: list[Stalled] = []
    for a, i in zip(current, ids, strict=True):
        if a.status == "Green" or not a.status:
            continue
        if a.status == "Blue" and a.start_date and a.start_date > end:
            continue  # planned for later: waiting is expected
        quarters, since = 1, period
        for p, by_id in indexed:
            old = by_id.get(i)
            if (
                old is None
                or old.status != a.status
                or _same_text(old.progress_update) != _same_text(a.progress_update)
            ):
                break
            quarters, since = quarters + 1, p
        if quarters >= 2:
            out.append(Stalled(link(a, i), a.status, quarters, since))
    out.sort(key=lambda s: -s.quarters)  # longest first; document order within
    return out


def as_of(period: str) -> date:
    """The date 'overdue' is judged at: the period's last day, or today for an unnamed period."""
    try:
        return period_end(period)
    except PeriodError:
        return date.today()


def _same_text(text: str) -> str:
    return " ".join(str(text).split())


def _overdue(current: Sequence[Action], ids: Sequence[str], period: str) -> list[Overdue]:
    end = as_of(period)
    out = []
    for a, i in zip(current, ids, strict=True):
        if a.status == "Green" or not a.end_date:
            continue
        try:
            due = date.fromisoformat(a.end_date)
        except ValueError:
            continue
        if due < end:
            out.append(
                Overdue(
                    link(a, i), a.end, a.end_date, a.status or UNRATED, months_between(due, end)
                )
            )
    out.sort(key=lambda o: (-o.months, o.end_date))
    return out


def build_report(
    actions: Sequence[Action],
    ids: Sequence[str],
    period: str,
    *,
    old_actions: Sequence[Action] | None = None,
    old_ids: Sequence[str] | None = None,
    previous_period: str = "",
    comparison: Any = None,
    history: Sequence[HistorySnapshot] = (),
    title: str = "EDI strategy action plan update",
    source: str = "",
    previous_source: str = "",
    generated: str = "",
    tool_version: str = "",
) -> Report:
    """Build the report model. `history` lists older quarters, newest first (previous included)."""
    old_list = list(old_actions or [])
    old_id_list = list(old_ids or (comparison.old_ids if comparison is not None else []))
    themes, overall = rag_summary(actions, old_list if old_actions is not None else None)
    new_by_id = dict(zip(ids, actions, strict=True))
    old_by_id = dict(zip(old_id_list, old_list, strict=False))
    if history == () and old_actions is not None:
        history = (HistorySnapshot(previous_period, tuple(old_list), tuple(old_id_list)),)

    buckets: dict[str, list[Any]] = {
        k: []
        for k in [
            "completed",
            "started",
            "regressions",
            "other_status",
            "added",
            "removed",
            "renumbered",
            "reworded",
            "dates_moved",
            "progress",
        ]
    }
    counts: Counter[str] = Counter()
    ref_moves: dict[str, RefMove] = {}
    changes = list(comparison.changes) if comparison is not None else []
    for ch in changes:
        counts[ch.change] += 1
        new, old = new_by_id.get(ch.action_id), old_by_id.get(ch.action_id)
        if ch.change == "added" and new is not None:
            buckets["added"].append(link(new, ch.action_id))
            continue
        if ch.change == "removed" and old is not None:
            buckets["removed"].append(link(old, ch.action_id))
            continue
        if new is None or old is None:
            continue
        here = link(new, ch.action_id)
        info = ch.info  # compare's typed detail: rendered here, never recomputed
        if ch.change == "status_changed":
            if info.milestone == "completed":
                key = "completed"
            elif info.milestone == "started":
                key = "started"
            else:
                key = "regressions" if info.direction == "regressed" else "other_status"
            buckets[key].append(StatusMove(here, info.before, info.after, info.direction))
        elif ch.change in ("renumbered", "moved"):
            prior = ref_moves.get(ch.action_id)
            move = info if ch.change == "moved" else None
            if move is None and prior is not None and prior.moved:
                continue  # the move already named both places
            ref_moves[ch.action_id] = RefMove(
                here,
                ch.ref_before,
                ch.ref_after,
                move is not None,
                move.where_before if move is not None else "",
                move.where_after if move is not None else "",
            )
        elif ch.change in _REWORDED_KINDS:
            buckets["reworded"].append(Reworded(here, info.segments, info.label))
        elif ch.change in ("start_changed", "end_changed"):
            buckets["dates_moved"].append(
                DateMove(here, info.column, info.before, info.after, info.months, info.direction)
            )
        elif ch.change == "progress_updated":
            buckets["progress"].append(
                ProgressNote(here, info.sentences, info.mode in ("edited", "cleared"))
            )
    buckets["renumbered"] = list(ref_moves.values())

    return Report(
        title=title,
        period=period,
        previous_period=previous_period,
        source=source,
        previous_source=previous_source,
        generated=generated,
        tool_version=tool_version,
        themes=themes,
        overall=overall,
        completed=tuple(buckets["completed"]),
        started=tuple(buckets["started"]),
        regressions=tuple(buckets["regressions"]),
        other_status=tuple(buckets["other_status"]),
        added=tuple(buckets["added"]),
        removed=tuple(buckets["removed"]),
        renumbered=tuple(buckets["renumbered"]),
        reworded=tuple(buckets["reworded"]),
        dates_moved=tuple(buckets["dates_moved"]),
        progress=tuple(buckets["progress"]),
        overdue=tuple(_overdue(actions, ids, period)),
        stalled=tuple(_stalled(actions, ids, period, history)) if history else (),
        quality=tuple(_quality(actions, ids, comparison, old_list, old_id_list)),
        change_counts=dict(counts),
        period_description=_describe(period),
    )


def _describe(period: str) -> str:
    """The period's kind and months in words, or "" when it is not a named quarter."""
    try:
        return parse_period(period).describe
    except PeriodError:
        return ""
