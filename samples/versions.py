"""The three sample versions: V1 as published, V2 and V3 made from V1 by declarative edits.

Each later version is a short list of edits keyed by `uid` (modelled on the council's update
deck, seeds/003): status moves, sentences appended to progress updates, end dates slipping,
light rewording, one renumbering, one removal, two additions, one reordered objective, and in
V3 a changed start, team and success measure and an action moved to another objective. Refs
and seq are re-derived mechanically afterwards, and the change CSVs are computed from matched
uids, so the truth never depends on hand-written expectations.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from plan_data import SampleAction, collapse, derive_refs, load_v1

VERSIONS = ("2024-Q4", "2025-Q1", "2025-Q2")
DATE_KEYS = ("end_date", "end_kind", "recurrence")


@dataclass(frozen=True)
class Edit:
    """One declarative change to a version (kind: set, append, replace, remove, add, reorder)."""

    kind: str
    uid: str = ""
    values: dict[str, str] = field(default_factory=dict)
    order: tuple[str, ...] = ()


def set_(uid: str, **values: str) -> Edit:
    """Set cells; a new End must bring its reading (end_date, end_kind, recurrence)."""
    if "end" in values and not all(k in values for k in DATE_KEYS):
        raise ValueError(f"{uid}: a changed end needs {DATE_KEYS}")
    if "start" in values and "start_date" not in values:
        raise ValueError(f"{uid}: a changed start needs start_date")
    return Edit("set", uid, values)


def append(uid: str, sentence: str, cell: str = "progress_update") -> Edit:
    return Edit("append", uid, {"cell": cell, "text": sentence})


def reword(uid: str, old: str, new: str, cell: str = "action") -> Edit:
    return Edit("replace", uid, {"cell": cell, "old": old, "new": new})


def remove(uid: str) -> Edit:
    return Edit("remove", uid)


def add(after: str, uid: str, **values: str) -> Edit:
    return Edit("add", uid, {"after": after, **values})


def move(uid: str, after: str, printed_no: str) -> Edit:
    """Move an action to after `after`, into that action's theme and objective, renumbered."""
    return Edit("move", uid, {"after": after, "printed_no": printed_no})


def reorder(*uids: str) -> Edit:
    """Put these (consecutive) actions in this order; their printed numbers travel with them."""
    return Edit("reorder", order=uids)


# 2025-Q1: the first update after publication.
V2_EDITS: tuple[Edit, ...] = (
    set_("A01", status="Amber"),
    append("A01", "Draft guidance for hiring managers has been prepared and is being reviewed."),
    set_("A03", status="Amber"),
    append(
        "A03",
        "Review of the recruitment training has started; inclusion content is being mapped "
        "against the Disability Confident requirements.",
    ),
    set_("A76", status="Amber"),
    set_("A77", status="Amber"),
    append("A10", "Targeted emails sent to all colleagues with missing diversity fields in ERP."),
    set_("A55", status="Green"),
    append(
        "A55",
        "The EDI Champion role was relaunched in January 2025 and 38 colleagues have signed up. "
        "Action complete.",
    ),
    set_("A73", status="Green"),
    append(
        "A73",
        "Guidance reviewed by Legal and published on the EDI Hub in February 2025. "
        "Action complete.",
    ),
    set_("A85", status="Green"),
    append(
        "A85",
        "Checklist published on the EqIA Hub in March 2025 and shared with EqIA Super Users. "
        "Action complete.",
    ),
    set_("A27", status="Amber"),
    append(
        "A27",
        "The eLearning is being revised again to reflect the new reasonable adjustment policy "
        "for customers.",
    ),
    append("A84", "Two further Super Users were trained in February 2025."),
    set_("A16", end="Sep-25", end_date="2025-09-30", end_kind="date", recurrence=""),
    set_("A30", end="Jun-25", end_date="2025-06-30", end_kind="date", recurrence=""),
    set_("A72", end="Jul-25", end_date="2025-07-31", end_kind="date", recurrence=""),
    reword(
        "A24",
        "Review the update the equality",
        "Review and update the equality",
    ),
    reword(
        "A42",
        "Increase awareness of Aggression and Violence Guidance.",
        "Increase awareness of the Aggression and Violence Guidance and the template letters "
        "for managers.",
    ),
    set_("A54", printed_no="5.5"),
    remove("A28"),
    add(
        "A57",
        "N01",
        theme="A",
        objective="5",
        printed_no="5.10",
        action="Include additional content on sexual harassment in our EDI eLearning, reflecting "
        "the new duty on employers to take reasonable steps to prevent sexual harassment.",
        team="Learning & Development and EDI Team",
        start="Feb-25",
        end="Jun-25",
        start_date="2025-02-01",
        end_date="2025-06-30",
        end_kind="date",
        recurrence="",
        success_measure="Revised EDI eLearning launched with content on sexual harassment.",
        status="Amber",
        progress_update="Content drafted with the Workforce Policy and Wellbeing Team.",
    ),
)

# 2025-Q2: the second update.
V3_EDITS: tuple[Edit, ...] = (
    set_("A57", status="Green"),
    append(
        "A57",
        "Guidance for managers on embedding EDI into team working published in May 2025. "
        "Action complete.",
    ),
    set_("A35", status="Green"),
    append(
        "A35",
        "Eight new Respect at Work Contacts recruited and trained in April 2025. Action complete.",
    ),
    set_("A36", status="Green"),
    append("A36", "Expectations agreed with IDEAL and published on the EDI Hub. Action complete."),
    set_("A45", status="Amber"),
    append("A45", "Members' diversity survey agreed with Democratic Services."),
    set_("A40", status="Amber"),
    append(
        "A40",
        "Listening sessions with global majority colleagues held; findings are informing the "
        "refreshed racism and mental health resources.",
    ),
    append(
        "A09",
        "Since November 2024, disclosure rates have increased by 10.83% for disability, 4.5% "
        "for ethnicity, 6.17% for religion and 5.25% for sexual orientation.",
    ),
    append("A59", "Libraries EDI Working Group met again in April 2025."),
    append("A01", "Guidance to be launched in July 2025."),
    set_("A74", end="Dec-25", end_date="2025-12-31", end_kind="date", recurrence=""),
    set_("A56", end="Sep-25", end_date="2025-09-30", end_kind="date", recurrence=""),
    reword("A52", "review evaluation data every 6 months", "review evaluation data quarterly"),
    reword(
        "A81",
        "Seek feedback on our existing EqIA processes.",
        "Seek feedback on our existing EqIA processes, including from the IDEAL Network.",
    ),
    reorder("A84", "A81", "A82", "A83", "A85"),
    set_("A22", start="Apr-25", start_date="2025-04-01"),
    set_("A59", team="Cambridgeshire Libraries and Communities Service"),
    reword(
        "A47",
        "Increased engagement with EDI communications measured through engagement data.",
        "Increased engagement with EDI communications across all directorates, measured "
        "through engagement data.",
        cell="success_measure",
    ),
    move("A48", after="N01", printed_no="5.11"),
    add(
        "A75",
        "N02",
        theme="C",
        objective="10",
        printed_no="10.3",
        action="Develop a reasonable adjustment policy for customers, supporting officers to "
        "understand our legal requirements as a provider of services.",
        team="EDI Team and Customer Services",
        start="Apr-25",
        end="Dec-25",
        start_date="2025-04-01",
        end_date="2025-12-31",
        end_kind="date",
        recurrence="",
        success_measure="Reasonable adjustment policy for customers published and communicated "
        "to officers.",
        status="Amber",
        progress_update="Policy drafted; engagement with the IDEAL Network and service users "
        "planned for summer 2025.",
    ),
)


def _index(actions: Sequence[SampleAction], uid: str) -> int:
    for i, a in enumerate(actions):
        if a.uid == uid:
            return i
    raise KeyError(f"no action {uid}")


def apply_edit(actions: list[SampleAction], edit: Edit) -> list[SampleAction]:
    """One edit, returning a new list (refs are re-derived afterwards by `renumber`)."""
    out = list(actions)
    if edit.kind == "set":
        i = _index(out, edit.uid)
        out[i] = replace(out[i], **edit.values)
    elif edit.kind == "append":
        i = _index(out, edit.uid)
        cell = edit.values["cell"]
        old = getattr(out[i], cell)
        out[i] = replace(out[i], **{cell: f"{old} {edit.values['text']}".strip()})
    elif edit.kind == "replace":
        i = _index(out, edit.uid)
        cell, old, new = edit.values["cell"], edit.values["old"], edit.values["new"]
        text = getattr(out[i], cell)
        if old not in text:
            raise ValueError(f"{edit.uid}: {old!r} not in {cell}")
        out[i] = replace(out[i], **{cell: text.replace(old, new, 1)})
    elif edit.kind == "remove":
        del out[_index(out, edit.uid)]
    elif edit.kind == "add":
        values = dict(edit.values)
        i = _index(out, values.pop("after"))
        anchor = out[i]
        if (anchor.theme, anchor.objective) != (values["theme"], values["objective"]):
            raise ValueError(f"{edit.uid}: must be added inside its objective")
        new = SampleAction(
            uid=edit.uid,
            seq=0,
            ref="",
            theme_title=anchor.theme_title,
            objective_title=anchor.objective_title,
            **values,
        )
        out.insert(i + 1, new)
    elif edit.kind == "move":
        moving = out.pop(_index(out, edit.uid))
        anchor = out[_index(out, edit.values["after"])]
        moved = replace(
            moving,
            theme=anchor.theme,
            theme_title=anchor.theme_title,
            objective=anchor.objective,
            objective_title=anchor.objective_title,
            printed_no=edit.values["printed_no"],
        )
        out.insert(_index(out, anchor.uid) + 1, moved)
    elif edit.kind == "reorder":
        positions = sorted(_index(out, u) for u in edit.order)
        if positions != list(range(positions[0], positions[0] + len(positions))):
            raise ValueError("reordered actions must be consecutive")
        moved = [out[_index(out, u)] for u in edit.order]
        out[positions[0] : positions[-1] + 1] = moved
    else:
        raise ValueError(f"unknown edit {edit.kind}")
    return out


def renumber(actions: list[SampleAction]) -> list[SampleAction]:
    """Re-derive seq and ref mechanically from document order and printed numbers."""
    refs = derive_refs([(a.objective, a.printed_no) for a in actions])
    return [replace(a, seq=i, ref=r) for i, (a, r) in enumerate(zip(actions, refs, strict=True), 1)]


def build_versions() -> dict[str, list[SampleAction]]:
    """{period: actions} for V1..V3."""
    v1 = load_v1()
    v2, v3 = v1, None
    for edit in V2_EDITS:
        v2 = apply_edit(v2, edit)
    v2 = renumber(v2)
    v3 = v2
    for edit in V3_EDITS:
        v3 = apply_edit(v3, edit)
    v3 = renumber(v3)
    return dict(zip(VERSIONS, (v1, v2, v3), strict=True))


CHANGE_COLUMNS = ("change", "uid", "ref_before", "ref_after", "before", "after")
# (change kind, how to read the compared value from an action), in report order.
COMPARED = (
    ("status_changed", lambda a: a.status),
    ("reworded", lambda a: a.action),
    ("renumbered", lambda a: a.ref),
    ("moved", lambda a: f"{a.theme}/{a.objective}"),
    ("start_changed", lambda a: a.start),
    ("end_changed", lambda a: a.end),
    ("team_changed", lambda a: a.team),
    ("measure_changed", lambda a: a.success_measure),
    ("progress_updated", lambda a: a.progress_update),
)


def changes(old: list[SampleAction], new: list[SampleAction]) -> list[dict[str, str]]:
    """True changes between two versions, by uid, with the mechanical rules of COMMON.md.

    Matched and added actions in new-document order, then removed ones in old-document order.
    """
    old_by_uid = {a.uid: a for a in old}
    new_uids = {a.uid for a in new}
    rows = []
    for a in new:
        b = old_by_uid.get(a.uid)
        if b is None:
            rows.append(
                dict(zip(CHANGE_COLUMNS, ("added", a.uid, "", a.ref, "", a.action), strict=True))
            )
            continue
        for kind, value in COMPARED:
            before, after = collapse(value(b)), collapse(value(a))
            if before != after:
                rows.append(
                    dict(
                        zip(CHANGE_COLUMNS, (kind, a.uid, b.ref, a.ref, before, after), strict=True)
                    )
                )
    for b in old:
        if b.uid not in new_uids:
            rows.append(
                dict(zip(CHANGE_COLUMNS, ("removed", b.uid, b.ref, "", b.action, ""), strict=True))
            )
    return rows


def write_changes(versions: dict[str, list[SampleAction]], out: Path) -> None:
    """changes_<old>_<new>.csv for each successive pair."""
    periods = list(versions)
    for old, new in pairwise(periods):
        path = out / f"changes_{old}_{new}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=CHANGE_COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(changes(versions[old], versions[new]))
