"""The "what changed" report: ONE typed model, built from the typed changes.

`build_report` is pure: actions, ids and a Comparison in, a frozen `Report` out. The
Markdown and HTML renderings (outputs.render) only format this model, so the two can
never disagree with each other or with changes.csv.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import normalise
from compare import Segment
from normalise import DEFAULT_SCALE, RAG_STATUSES, Action, StatusScale, months_between
from outputs.periods import PeriodError, parse_period, period_end
from outputs.rag import RAG_FILL, UNRATED

#: Words kept in an action's short title.
TITLE_WORDS = 12

#: Stalled actions the report lists by name (the workbook lists them all).
STALLED_SHOWN = 5

#: End kinds of business-as-usual actions: never "stalled", there is no end to move towards.
_STANDING_ENDS = frozenset({"ongoing", "recurring"})


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
    href: str = ""  # a link that works wherever the report is sent; never a file:// path
    page: int | None = None
    pages: str = ""  # "p. 4", "pp. 3–4": where to look in the printed appendix
    #: the plan's own (unknown) columns, (printed header, text): given for a new action
    extra: tuple[tuple[str, str], ...] = ()


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


#: a value of one of the plan's own columns up to this long reads as "A → B"; longer, as
#: a word difference
SHORT_VALUE = 60


@dataclass(frozen=True)
class Reworded:
    action: ActionLink
    segments: tuple[Segment, ...]
    label: str = ""  # "" for the action text; "team", "success measure" for those cells
    #: "extra" for one of the plan's own columns ("Lead officer"), named by `label`
    kind: str = ""
    before: str = ""  # the whole cell before and after, as compare collapsed it
    after: str = ""

    @property
    def short(self) -> bool:
        """Both values short enough to show whole ("Lead officer changed: A → B")."""
        return max(len(self.before), len(self.after)) <= SHORT_VALUE


#: change kinds shown as a word difference in section 4
_REWORDED_KINDS = ("reworded", "team_changed", "measure_changed", "extra_changed")


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
class ComingUp:
    """An action starting (Blue, start in the next quarter) or due in the next quarter."""

    action: ActionLink
    kind: str  # "starts" or "due"
    when: str  # the Start or End cell as printed
    status: str


@dataclass(frozen=True)
class QualityItem:
    """One action a data-quality note is about, and what was found there, in plain words."""

    action: ActionLink
    text: str = ""


@dataclass(frozen=True)
class QualityNote:
    kind: str  # "warning", "review", "override", "correction" (compare's notes)
    text: str  # one plain sentence: "2 actions were rebuilt from rows split across pages …"
    action: ActionLink | None = None
    level: str = "check"  # "check": a person should look; "info": recorded for the audit trail
    items: tuple[QualityItem, ...] = ()
    code: str = ""  # normalise's warning code, for the workbook and for grouping


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
    coming_up: tuple[ComingUp, ...] = ()
    next_period: str = ""  # "Jul–Sep 2025": the quarter `coming_up` covers
    #: fields no action of this quarter prints ("status", "end"): their sections say so
    missing_fields: tuple[str, ...] = ()
    #: the plan's own columns: kept as printed, new this quarter, no longer printed
    column_notes: tuple[str, ...] = ()
    #: the statuses that mean "complete" on the store's scale (never overdue)
    complete: tuple[str, ...] = ("Green",)
    #: (status, name) for statuses the store shows by another name (plantrack.toml labels)
    status_labels: tuple[tuple[str, str], ...] = ()

    @property
    def complete_names(self) -> str:
        """How the overdue note names the complete statuses: "Green", "Green or Blue"."""
        return " or ".join(self.status_name(s) for s in self.complete)

    def status_name(self, status: str) -> str:
        """A status as the report and deck show it: the store's label, else as it is."""
        return dict(self.status_labels).get(status, status)

    @property
    def reworded_text(self) -> tuple[Reworded, ...]:
        """Section 4's word differences: the action, team and measure texts."""
        return tuple(w for w in self.reworded if w.kind != "extra")

    @property
    def columns_changed(self) -> tuple[Reworded, ...]:
        """Values changed in the plan's own columns ("Lead officer changed: A → B")."""
        return tuple(w for w in self.reworded if w.kind == "extra")

    @property
    def no_status(self) -> bool:
        return "status" in self.missing_fields

    @property
    def no_end(self) -> bool:
        return "end" in self.missing_fields

    @property
    def stalled_shown(self) -> tuple[Stalled, ...]:
        """The longest-stalled few: the report shows these and the count; the workbook all."""
        return self.stalled[:STALLED_SHOWN]

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


def printed_name(ref: str, objective: str = "") -> str:
    """How a reader finds an action in the printed appendix.

    A printed number stays as it is ("3.10"); plantrack's internal `1.1#2` (the action
    printed without a number after 1.1) becomes "the action after 1.1", `1.1#3` "the 2nd
    action after 1.1", so the report never shows a reference the document does not.
    """
    ref = str(ref or "").strip()
    base, sep, k = ref.partition("#")
    if not sep:
        return ref or (f"an unnumbered action in objective {objective}" if objective else "")
    k_num = int(k) if k.isdigit() and int(k) > 0 else 1
    if not base:  # nothing numbered before it in the objective: `#1` is the first such action
        where = f" in objective {objective}" if objective else ""
        return f"the {_ordinal(k_num)} unnumbered action{where}"
    n = max(1, k_num - 1)  # `1.1#2` is the first action after 1.1
    return f"the {_ordinal(n)} action after {base}".replace("the first action", "the action")


def _ordinal(n: int) -> str:
    """1 -> "first", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    if n == 1:
        return "first"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def source_name(source: str) -> str:
    """The document's file name only: the report travels, the officer's folders do not."""
    return Path(str(source)).name if source else ""


def pages_text(pages: Sequence[int]) -> str:
    """(3, 4) -> "pp. 3–4", (5,) -> "p. 5", () -> "" (a DOCX has no pages until laid out)."""
    nums = sorted(set(pages))
    if not nums:
        return ""
    if len(nums) == 1:
        return f"p. {nums[0]}"
    if nums == list(range(nums[0], nums[-1] + 1)):
        return f"pp. {nums[0]}–{nums[-1]}"
    return "pp. " + ", ".join(map(str, nums))


def link(action: Action, action_id: str) -> ActionLink:
    return ActionLink(
        action_id=action_id,
        ref=printed_name(action.ref or action.printed_no, action.objective) or "(no number)",
        title=short_title(action.action),
        theme=theme_name(action.theme, action.theme_title),
        page=action.pages[0] if action.pages else None,
        pages=pages_text(action.pages),
    )


# --------------------------------------------------------------------------- summary


def _status_key(status: str) -> str:
    return status if status in RAG_STATUSES else UNRATED


def _theme_order(*groups: Iterable[Action]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for group in groups:
        for a in group:
            seen.setdefault(a.theme, theme_name(a.theme, a.theme_title))
    return list(seen.items())


def _summary(
    key: str,
    name: str,
    current: list[Action],
    previous: list[Action] | None,
    scale: StatusScale = DEFAULT_SCALE,
) -> ThemeSummary:
    cur = Counter(_status_key(a.status) for a in current)
    prev = Counter(_status_key(a.status) for a in previous) if previous is not None else None
    rows = [
        RagRow(
            s, scale.meaning(s), "#" + RAG_FILL[s], prev[s] if prev is not None else None, cur[s]
        )
        for s in RAG_STATUSES
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
    current: Sequence[Action],
    previous: Sequence[Action] | None,
    scale: StatusScale = DEFAULT_SCALE,
) -> tuple[tuple[ThemeSummary, ...], ThemeSummary]:
    """Counts by theme and status for both quarters, in the deck's form, plus an all-themes row;
    each status beside its meaning on the store's `scale`.

    Cross-reference rows ("… – see objective 12") are not actions and are not counted.
    """
    current = counted(current)
    previous = counted(previous) if previous is not None else None
    themes = []
    for key, name in _theme_order(current, previous or ()):
        cur = [a for a in current if a.theme == key]
        prev = [a for a in previous if a.theme == key] if previous is not None else None
        themes.append(_summary(key, name, cur, prev, scale))
    overall = _summary(
        "", "All themes", list(current), list(previous) if previous is not None else None, scale
    )
    return tuple(themes), overall


# --------------------------------------------------------------------------- changes


#: normalise's warning codes as a sentence a forum member can act on: (one, many).
#: "{n}" is the count; the actions (and pages) follow the sentence.
_PLAIN: dict[str, tuple[str, str]] = {
    "stitched": (
        "1 action was rebuilt from a row split across pages — please check",
        "{n} actions were rebuilt from rows split across pages — please check",
    ),
    "date-unparsed": (
        "1 date could not be read and is shown as printed — please check",
        "{n} dates could not be read and are shown as printed — please check",
    ),
    "date-tbc": ("1 date is to be confirmed", "{n} dates are to be confirmed"),
    "date-text-repaired": (
        "1 date was read after correcting a misspelling or a word split by a narrow column",
        "{n} dates were read after correcting a misspelling or a word split by a narrow column",
    ),
    "start-not-a-date": (
        "1 start says 'ongoing' or 'annually' rather than a date",
        "{n} starts say 'ongoing' or 'annually' rather than a date",
    ),
    "end-before-start": (
        "1 action ends before it starts — please check",
        "{n} actions end before they start — please check",
    ),
    "status-missing": (
        "1 action has no RAG status — please check",
        "{n} actions have no RAG status — please check",
    ),
    "status-from-colour": (
        "1 status was taken from the cell's colour (no word printed)",
        "{n} statuses were taken from the cell's colour (no word printed)",
    ),
    "status-colour-mismatch": (
        "1 status word disagrees with its cell's colour, and the word was used — please check",
        "{n} status words disagree with their cell's colour, and the words were used — "
        "please check",
    ),
    "status-unknown": (
        "1 status is not Red, Amber, Green or Blue — please check",
        "{n} statuses are not Red, Amber, Green or Blue — please check",
    ),
    "status-variant": (
        "1 status was written another way ('Complete', 'G') and read as its RAG colour",
        "{n} statuses were written another way ('Complete', 'G') and read as their RAG colour",
    ),
    "status-ambiguous": (
        "1 status names two colours, and the one showing less progress was used — please check",
        "{n} statuses name two colours, and the one showing less progress was used — please check",
    ),
    "ref-repaired": (
        "1 number printed like a decimal was read in sequence, as the 3.1 after 3.9 is 3.10",
        "{n} numbers printed like decimals were read in sequence, as the 3.1 after 3.9 is 3.10",
    ),
    "ref-gap": (
        "1 gap in the numbering — please check",
        "{n} gaps in the numbering — please check",
    ),
    "ref-duplicate": (
        "1 number is printed twice — please check",
        "{n} numbers are printed twice — please check",
    ),
    "ref-out-of-order": (
        "1 number is out of order — please check",
        "{n} numbers are out of order — please check",
    ),
    "ref-objective-mismatch": (
        "1 number does not match the objective it sits under — please check",
        "{n} numbers do not match the objective they sit under — please check",
    ),
    "ref-unparsed": (
        "1 number is not of the form 1.2 — please check",
        "{n} numbers are not of the form 1.2 — please check",
    ),
    "ref-missing": ("1 action has no number", "{n} actions have no number"),
}

#: ingest's own observations (in an `ingest-note` warning), in plain words.
_INGEST_NOTES: dict[str, str] = {
    "no-bottom-rule": "part of the row was drawn without its bottom border",
}


def _plain_detail(code: str, message: str) -> str:
    """The warning's message without developer wording ("ingest: …", flag names)."""
    text = (message or "").strip()
    if code == "stitched" or (text.startswith("ingest: ") and code != "ingest-note"):
        return ""
    if code == "ingest-note":
        flag = text.removeprefix("ingest: ").strip()
        return _INGEST_NOTES.get(flag, flag.replace("-", " "))
    return text


def _plain_sentence(code: str, n: int, items: Sequence[QualityItem]) -> str:
    one, many = _PLAIN.get(code, ("1 other note on reading the table", "{n} other notes"))
    sentence = (one if n == 1 else many).format(n=n)
    pages = sorted({a.action.page for a in items if a.action.page is not None})
    if not pages:
        return sentence
    where = ("p. " if len(pages) == 1 else "pp. ") + ", ".join(map(str, pages))
    return f"{sentence} {where}" if sentence.endswith("please check") else f"{sentence} ({where})"


def _quality(
    current: Sequence[Action],
    ids: Sequence[str],
    comparison: Any,
    old_actions: Sequence[Action],
    old_ids: Sequence[str],
) -> list[QualityNote]:
    """Warnings grouped by what was found, each group one plain sentence naming its actions."""
    notes: list[QualityNote] = []
    levels: dict[str, str] = getattr(normalise, "WARNING_LEVELS", {})
    groups: dict[str, list[QualityItem]] = {}
    for a, i in zip(current, ids, strict=True):
        here = link(a, i)
        for w in a.warnings:
            detail = _plain_detail(w.code, w.message)
            if w.code == "stitched":
                detail = here.pages  # which pages to lay side by side
            groups.setdefault(w.code, []).append(QualityItem(here, detail))
    for code, items in groups.items():
        notes.append(
            QualityNote(
                "warning",
                _plain_sentence(code, len(items), items),
                level=levels.get(code, "check"),
                items=tuple(items),
                code=code,
            )
        )
    if comparison is not None:
        for m in getattr(comparison, "review", ()) or ():
            if 0 <= m.new_index < len(current) and 0 <= m.old_index < len(old_actions):
                old = old_actions[m.old_index]
                new = current[m.new_index]
                here = link(new, ids[m.new_index])
                text = (
                    f"{here.ref} was matched to last quarter's "
                    f"{printed_name(old.ref, old.objective)}, but another action was nearly "
                    "as close — please confirm"
                )
                notes.append(QualityNote("review", text, here, items=(QualityItem(here),)))
        for o in getattr(comparison, "overrides_applied", ()) or ():
            notes.append(QualityNote("override", f"A hand-made match correction was applied: {o}"))
        for o in getattr(comparison, "overrides_not_applied", ()) or ():
            notes.append(QualityNote("override", f"A match correction was not applied: {o}"))
        by_id = dict(zip(ids, current, strict=True))
        for n in getattr(comparison, "notes", ()) or ():
            at = link(by_id[n.action_id], n.action_id) if n.action_id in by_id else None
            notes.append(QualityNote("correction", n.message, at, "info"))
    order = {"review": 0, "override": 1, "warning": 2}
    notes.sort(key=lambda n: (n.level != "check", order.get(n.kind, 3)))
    return notes


def _stalled(
    current: Sequence[Action],
    ids: Sequence[str],
    period: str,
    history: Sequence[HistorySnapshot],
    scale: StatusScale = DEFAULT_SCALE,
) -> list[Stalled]:
    """Actions that should be moving whose status and progress text have not changed for
    two quarters or more: not complete (Green), not ongoing/recurring, not planned (Blue)
    before its start."""
    end = as_of(period).isoformat()
    indexed = [(h.period, dict(zip(h.ids, h.actions, strict=True))) for h in history]
    out: list[Stalled] = []
    for a, i in zip(current, ids, strict=True):
        if a.status in scale.complete or not a.status:
            continue
        if a.end_kind in _STANDING_ENDS:
            continue  # business as usual: same status every quarter is what it should show
        if a.status in scale.planned and (not a.start_date or a.start_date > end):
            continue  # planned, not due to start yet (or no start given): waiting is expected
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


def _overdue(
    current: Sequence[Action],
    ids: Sequence[str],
    period: str,
    scale: StatusScale = DEFAULT_SCALE,
) -> list[Overdue]:
    """Actions past their end date that are not complete on the store's scale."""
    end = as_of(period)
    out = []
    for a, i in zip(current, ids, strict=True):
        if a.status in scale.complete or not a.end_date:
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


def next_quarter(period: str) -> tuple[date, date] | None:
    """The three months after the period (first and last day), or None for an unnamed period."""
    try:
        end = period_end(period)
    except PeriodError:
        return None
    first = end + timedelta(days=1)
    month0 = first.month - 1 + 2
    year, month = first.year + month0 // 12, month0 % 12 + 1
    return first, date(year, month, calendar.monthrange(year, month)[1])


def quarter_label(first: date, last: date) -> str:
    """(2025-07-01, 2025-09-30) -> "Jul–Sep 2025" (years shown on both sides when they differ)."""
    a, b = first.strftime("%b"), last.strftime("%b %Y")
    return f"{a} {first.year}–{b}" if first.year != last.year else f"{a}–{b}"


def _coming_up(
    current: Sequence[Action],
    ids: Sequence[str],
    period: str,
    scale: StatusScale = DEFAULT_SCALE,
) -> list[ComingUp]:
    """Planned (Blue) actions whose start falls in the next quarter, then the actions not yet
    complete due in it."""
    window = next_quarter(period)
    if window is None:
        return []
    lo, hi = (d.isoformat() for d in window)
    starts, due = [], []
    for a, i in zip(current, ids, strict=True):
        if a.status in scale.planned and a.start_date and lo <= a.start_date <= hi:
            starts.append(ComingUp(link(a, i), "starts", a.start, a.status))
        if a.status not in scale.complete and a.end_date and lo <= a.end_date <= hi:
            due.append(ComingUp(link(a, i), "due", a.end, a.status or UNRATED))
    return starts + due


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
    scale: StatusScale | None = None,
) -> Report:
    """Build the report model. `history` lists older quarters, newest first (previous included).

    `scale`: the store's status scale (plantrack.toml [status]): what each status means in
    the RAG summary, which statuses are complete (never overdue) and planned; the update
    deck's when None.
    """
    rag = StatusScale.resolve(scale)
    old_list = list(old_actions or [])
    old_id_list = list(old_ids or (comparison.old_ids if comparison is not None else []))
    themes, overall = rag_summary(actions, old_list if old_actions is not None else None, rag)
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
            buckets["added"].append(replace(link(new, ch.action_id), extra=new.extra))
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
                printed_name(old.ref, old.objective),
                printed_name(new.ref, new.objective),
                move is not None,
                move.where_before if move is not None else "",
                move.where_after if move is not None else "",
            )
        elif ch.change == "extra_changed":
            buckets["reworded"].append(
                Reworded(here, info.segments, info.label, "extra", ch.before, ch.after)
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
        source=source_name(source),
        previous_source=source_name(previous_source),
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
        overdue=tuple(_overdue(actions, ids, period, rag)),
        stalled=tuple(_stalled(actions, ids, period, history, rag)) if history else (),
        quality=tuple(_quality(actions, ids, comparison, old_list, old_id_list)),
        change_counts=dict(counts),
        period_description=_describe(period),
        coming_up=tuple(_coming_up(actions, ids, period, rag)),
        next_period=quarter_label(*window) if (window := next_quarter(period)) else "",
        missing_fields=_missing_fields(actions),
        column_notes=_column_notes(actions, comparison, old_actions is not None),
        complete=rag.complete,
        status_labels=rag.labels,
    )


def _missing_fields(actions: Sequence[Action]) -> tuple[str, ...]:
    """The optional fields the report's sections need that no action prints (a plan
    without a Status or an End column): "status", "end"."""
    if not actions:
        return ()
    return tuple(f for f in ("status", "end") if not any(getattr(a, f) for a in actions))


def _column_notes(
    actions: Sequence[Action], comparison: Any, has_previous: bool
) -> tuple[str, ...]:
    """One line each: the plan's own columns kept as printed, and a changed column set."""
    kept = list(dict.fromkeys(h for a in actions for h, _ in a.extra))
    out = []
    if kept:
        out.append("Columns kept as printed (not part of the standard plan): " + ", ".join(kept))
    if comparison is not None and has_previous:
        added = getattr(comparison, "columns_added", ())
        removed = getattr(comparison, "columns_removed", ())
        if added:
            out.append("New column(s) this quarter: " + ", ".join(added))
        if removed:
            out.append("Column(s) no longer printed: " + ", ".join(removed))
    return tuple(out)


def _describe(period: str) -> str:
    """The period's kind and months in words, or "" when it is not a named quarter."""
    try:
        return parse_period(period).describe
    except PeriodError:
        return ""
