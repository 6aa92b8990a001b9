"""Repair action references: decimal-formatted numbers, and the #k refs that follow them.

A number typed into a spreadsheet cell as a decimal loses its trailing zero ("3.10" is
printed "3.1"). The only change made is that one: a printed number that is not greater
than the previous number in its objective, and that becomes the natural successor when a
"0" is appended. Gaps, duplicates and other oddities are reported, never renumbered.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ingest import RawAction
from normalise.codes import warning
from normalise.records import ActionWarning
from normalise.text import clean_text

_NUMBER = re.compile(r"^(\d+)\.(\d+)\.?$")


@dataclass(frozen=True)
class RefRepair:
    """The canonical ref of one action, with any reference warnings."""

    ref: str
    warnings: tuple[ActionWarning, ...] = ()


@dataclass
class _Objective:
    """What one (theme, objective) has printed so far: its highest number and every number."""

    major: str = ""
    last: int | None = None
    first_index: dict[int, int] = field(default_factory=dict)  # number -> first action index


def repair_refs(actions: Sequence[RawAction]) -> tuple[RefRepair, ...]:
    """The canonical ref of each action, in order. Pure; never raises on odd refs.

    Numbered actions are checked within their (theme, objective); an unnumbered action keeps
    ingest's provisional "<number>#k" ref, re-based onto the repaired number when the number
    it follows was repaired. Gaps are judged on the whole objective, so a reordered
    objective (12.4 printed before 12.1) reports order, not missing numbers.
    """
    objectives: dict[tuple[str, str], _Objective] = {}
    governing = ("", "")  # (provisional number, repaired number) of the last numbered action
    refs: list[str] = []
    flags: list[list[ActionWarning]] = []
    for index, raw in enumerate(actions):
        printed = clean_text(raw.printed_no)
        provisional = clean_text(raw.ref)
        own = provisional if provisional and "#" not in provisional else printed
        match = _NUMBER.match(printed)
        if not printed:
            ref, found = _unnumbered(provisional, governing)
        elif not match:
            ref = own
            found = [
                warning("ref-unparsed", f"printed number {printed!r} is not <objective>.<n>", "ref")
            ]
            governing = (ref, ref)
        else:
            objective = clean_text(raw.objective)
            state = objectives.setdefault((clean_text(raw.theme), objective), _Objective())
            ref, found = _numbered(match.group(1), match.group(2), objective, state, index)
            governing = (own, ref)
        refs.append(ref)
        flags.append(found)
    for state in objectives.values():
        for index, message in _gaps(state):
            flags[index].append(warning("ref-gap", message, "ref"))
    return tuple(RefRepair(ref, tuple(found)) for ref, found in zip(refs, flags, strict=True))


def _numbered(
    major: str, minor_text: str, objective: str, state: _Objective, index: int
) -> tuple[str, list[ActionWarning]]:
    found: list[ActionWarning] = []
    printed = f"{major}.{minor_text}"
    minor = int(minor_text)
    last = state.last
    if last is not None and minor <= last and int(minor_text + "0") == last + 1:
        minor_text += "0"
        minor = int(minor_text)
        found.append(
            warning(
                "ref-repaired",
                f"printed {printed!r} after {major}.{last} read as {major}.{minor_text}",
                "ref",
            )
        )
    ref = f"{major}.{minor_text}"
    digits = objective.strip()
    if digits.isdigit() and int(digits) != int(major):
        found.append(
            warning("ref-objective-mismatch", f"{ref} sits under objective {digits}", "ref")
        )
    if minor in state.first_index:
        found.append(
            warning(
                "ref-duplicate",
                f"{ref} is used more than once in objective {digits or major}",
                "ref",
            )
        )
    elif last is not None and minor < last:
        found.append(warning("ref-out-of-order", f"{ref} comes after {major}.{last}", "ref"))
    state.first_index.setdefault(minor, index)
    state.major = state.major or major
    state.last = minor if last is None else max(last, minor)
    return ref, found


def _gaps(state: _Objective) -> list[tuple[int, str]]:
    """(action index, message) for each run of numbers missing in an objective."""
    out: list[tuple[int, str]] = []
    previous = 0
    for number in sorted(state.first_index):
        if number > previous + 1:
            missing = [f"{state.major}.{n}" for n in range(previous + 1, number)]
            shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
            out.append((state.first_index[number], f"no {shown} before {state.major}.{number}"))
        previous = number
    return out


def _unnumbered(provisional: str, governing: tuple[str, str]) -> tuple[str, list[ActionWarning]]:
    number, repaired = governing
    if not provisional:
        return "", [warning("ref-missing", "no printed number and no ref", "ref")]
    rebase = (
        number
        and repaired != number
        and provisional.startswith(number + "#")
        and not provisional.startswith(repaired + "#")
    )
    return (repaired + provisional[len(number) :] if rebase else provisional), []
