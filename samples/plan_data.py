"""The sample plan as data: V1 read from the hand-checked truth, refs derived mechanically.

Everything the producers draw and every truth CSV comes from the `SampleAction` rows built here,
so the documents and their ground truth cannot disagree.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "source"
SEED = SOURCE / "000_6240ed4cfa869032.txt"

HEADER = (
    "No.",
    "Action",
    "Team responsible",
    "Start",
    "End",
    "Success measure and key outputs",
    "Status",
)
TRUTH_COLUMNS = [
    "uid",
    "seq",
    "theme",
    "theme_title",
    "objective",
    "objective_title",
    "printed_no",
    "ref",
    "action",
    "team",
    "start",
    "end",
    "start_date",
    "end_date",
    "end_kind",
    "recurrence",
    "success_measure",
    "status",
    "progress_update",
]


@dataclass(frozen=True)
class SampleAction:
    """One action row of a sample version, with everything its truth row needs."""

    uid: str
    seq: int
    theme: str
    theme_title: str
    objective: str
    objective_title: str
    printed_no: str
    ref: str
    action: str
    team: str
    start: str
    end: str
    start_date: str
    end_date: str
    end_kind: str
    recurrence: str
    success_measure: str
    status: str
    progress_update: str


def collapse(text: str) -> str:
    """Whitespace-collapse a cell, the comparison rule every truth file uses."""
    return " ".join(text.split())


def read_titles(seed_text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Theme and objective titles as printed in the seed ("Theme A: <title>")."""
    themes: dict[str, str] = {}
    objectives: dict[str, str] = {}
    for line in seed_text.splitlines():
        m = re.match(r"Theme ([A-Z]): (.+)", line)
        if m:
            themes[m.group(1)] = collapse(m.group(2))
        m = re.match(r"Objective (\d+): (.+)", line)
        if m:
            objectives[m.group(1)] = collapse(m.group(2))
    return themes, objectives


def progress_heading(theme: str) -> str:
    """Last header column as published: 'Progress update' in Theme A, 'Progress log' after."""
    return "Progress update" if theme == "A" else "Progress log"


def derive_refs(printed: list[tuple[str, str]]) -> list[str]:
    """Canonical refs from (objective, printed No.) in document order.

    A printed number is its own ref; an empty No. is `<last number>#k`. A printed number already
    used in its objective right after `<obj>.9` is the "3.1 printed for 3.10" slip and is repaired.
    """
    refs: list[str] = []
    last = ""
    k = 1
    seen: set[str] = set()
    for objective, no in printed:
        if no:
            if no in seen and last == f"{objective}.9" and no == f"{objective}.1":
                no = f"{objective}.10"
            seen.add(no)
            last, k = no, 1
            refs.append(no)
        else:
            k += 1
            refs.append(f"{last}#{k}")
    return refs


def load_v1() -> list[SampleAction]:
    """V1 (2024-Q4): the seed appendix as published, from the hand-checked truth CSVs."""
    themes, objectives = read_titles(SEED.read_text(encoding="utf-8"))
    rows = list(csv.DictReader((SOURCE / "q0_actions.csv").open(encoding="utf-8")))
    dates = {d["ref"]: d for d in csv.DictReader((SOURCE / "q0_dates.csv").open(encoding="utf-8"))}
    refs = derive_refs([(r["objective"], r["printed_no"]) for r in rows])
    actions = []
    for r, ref in zip(rows, refs, strict=True):
        if ref != r["ref"]:
            raise ValueError(f"derived ref {ref} != truth ref {r['ref']}")
        d = dates[ref]
        actions.append(
            SampleAction(
                uid=f"A{int(r['seq']):02d}",
                seq=int(r["seq"]),
                theme=r["theme"],
                theme_title=themes[r["theme"]],
                objective=r["objective"],
                objective_title=objectives[r["objective"]],
                printed_no=r["printed_no"],
                ref=ref,
                action=r["action"],
                team=r["team"],
                start=r["start"],
                end=r["end"],
                start_date=d["start_date"],
                end_date=d["end_date"],
                end_kind=d["end_kind"],
                recurrence=d["recurrence"],
                success_measure=r["success_measure"],
                status=r["status"],
                progress_update=r["progress_update"],
            )
        )
    return actions


def write_truth(actions: list[SampleAction], path: Path) -> None:
    """One row per action, cells whitespace-collapsed, columns exactly TRUTH_COLUMNS."""
    assert [f.name for f in fields(SampleAction)] == TRUTH_COLUMNS
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=TRUTH_COLUMNS, lineterminator="\n")
        w.writeheader()
        for a in actions:
            row = asdict(a)
            w.writerow({k: collapse(str(v)) for k, v in row.items()})


def read_truth(path: Path) -> list[dict[str, str]]:
    """A truth CSV as dicts (used by the checker and the tests)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))
