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
    last: int | None = None
    seen: set[int] = field(default_factory=set)


def _missing(after: int, before: int, major: str) -> str:
    numbers = [f"{major}.{n}" for n in range(after + 1, before)]
    return ", ".join(numbers[:5]) + (" ..." if len(numbers) > 5 else "")


def repair_refs(actions: Sequence[RawAction]) -> tuple[RefRepair, ...]:
    """The canonical ref of each action, in order. Pure; never raises on odd refs.

    Numbered actions are checked within their (theme, objective); an unnumbered action keeps
    ingest's provisional "<number>#k" ref, re-based onto the repaired number when the number
    it follows was repaired.
    """
    objectives: dict[tuple[str, str], _Objective] = {}
    governing = ("", "")  # (provisional number, repaired number) of the last numbered action
    out: list[RefRepair] = []
    for raw in actions:
        printed = clean_text(raw.printed_no)
        provisional = clean_text(raw.ref)
        if not printed:
            out.append(_unnumbered(provisional, governing))
            continue
        match = _NUMBER.match(printed)
        if not match:
            ref = provisional if provisional and "#" not in provisional else printed
            governing = (ref, ref)
            out.append(
                RefRepair(
                    ref,
                    (
                        warning(
                            "ref-unparsed",
                            f"printed number {printed!r} is not <objective>.<n>",
                            "ref",
                        ),
                    ),
                )
            )
            continue
        state = objectives.setdefault((raw.theme, raw.objective), _Objective())
        ref, flags = _numbered(match.group(1), match.group(2), printed, raw.objective, state)
        governing = (provisional if provisional and "#" not in provisional else printed, ref)
        out.append(RefRepair(ref, flags))
    return tuple(out)


def _numbered(
    major: str, minor_text: str, printed: str, objective: str, state: _Objective
) -> tuple[str, tuple[ActionWarning, ...]]:
    flags: list[ActionWarning] = []
    minor = int(minor_text)
    if state.last is not None and minor <= state.last and int(minor_text + "0") == state.last + 1:
        minor_text += "0"
        minor = int(minor_text)
        flags.append(
            warning(
                "ref-repaired",
                f"printed {printed!r} after {major}.{state.last} read as {major}.{minor_text}",
                "ref",
            )
        )
    ref = f"{major}.{minor_text}"
    objective_digits = objective.strip()
    if objective_digits.isdigit() and int(objective_digits) != int(major):
        flags.append(
            warning(
                "ref-objective-mismatch", f"{ref} sits under objective {objective_digits}", "ref"
            )
        )
    if minor in state.seen:
        flags.append(
            warning(
                "ref-duplicate",
                f"{ref} is used more than once in objective {objective_digits or major}",
                "ref",
            )
        )
    elif state.last is None and minor > 1:
        flags.append(
            warning(
                "ref-gap", f"{ref} is the first number; missing {_missing(0, minor, major)}", "ref"
            )
        )
    elif state.last is not None and minor > state.last + 1:
        flags.append(
            warning("ref-gap", f"missing {_missing(state.last, minor, major)} before {ref}", "ref")
        )
    elif state.last is not None and minor < state.last:
        flags.append(warning("ref-out-of-order", f"{ref} comes after {major}.{state.last}", "ref"))
    state.seen.add(minor)
    state.last = minor if state.last is None else max(state.last, minor)
    return ref, tuple(flags)


def _unnumbered(provisional: str, governing: tuple[str, str]) -> RefRepair:
    number, repaired = governing
    if not provisional:
        return RefRepair("", (warning("ref-missing", "no printed number and no ref", "ref"),))
    if (
        number
        and repaired != number
        and provisional.startswith(number + "#")
        and not provisional.startswith(repaired + "#")
    ):
        return RefRepair(repaired + provisional[len(number) :])
    return RefRepair(provisional)
