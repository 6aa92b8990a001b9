"""Check the hand-made truth (q0_actions.csv) cell by cell against the seed text dump.

Independent re-reading of the seed: rows are tab-separated; header, theme, objective and
dump-artefact lines are skipped; a row with empty No., Start, End and Status is a page-break
fragment and is joined (one space) onto the previous action, cell by cell. `<p>` tags are dump
artefacts and are stripped. Run locally: it needs /work/shared (not in CI).
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

SHARED = Path("/work/shared")
SEED = SHARED / "seeds" / "000_6240ed4cfa869032.txt"
TRUTH = SHARED / "truth" / "q0_actions.csv"
FIELDS = [
    "printed_no",
    "action",
    "team",
    "start",
    "end",
    "success_measure",
    "status",
    "progress_update",
]


def clean(text: str) -> str:
    """Strip dump `<p>` tags and collapse whitespace."""
    return " ".join(re.sub(r"</?p>", " ", text).split())


def read_seed_actions(lines: list[str]) -> list[dict[str, str]]:
    """Re-read the seed into actions with theme/objective, stitching page-break fragments."""
    actions: list[dict[str, str]] = []
    theme = objective = ""
    for line in lines:
        raw = line.rstrip("\n")
        if not raw.strip() or raw.startswith("No.\t") or set(raw.replace("\t", "")) <= {"-"}:
            continue
        m = re.match(r"Theme ([A-Z]):", raw)
        if m:
            theme = m.group(1)
            continue
        m = re.match(r"Objective (\d+):", raw)
        if m:
            objective = m.group(1)
            continue
        if "\t" not in raw:  # document title and other free text
            continue
        cells = [clean(c) for c in raw.split("\t")]
        cells += [""] * (8 - len(cells))
        row = dict(zip(FIELDS, cells[:8], strict=True))
        fragment = (
            not row["printed_no"] and not row["start"] and not row["end"] and not row["status"]
        )
        if fragment and actions:
            prev = actions[-1]
            for f in FIELDS[1:]:
                if row[f]:
                    prev[f] = (prev[f] + " " + row[f]).strip()
            continue
        row.update(theme=theme, objective=objective)
        actions.append(row)
    return actions


MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


def period(text: str) -> tuple[str, str] | None:
    """First and last ISO day of a 'Mon-YY' or 'YYYY' cell, else None."""
    import calendar

    m = re.fullmatch(r"([A-Z][a-z]{2})-(\d\d)", text)
    if m:
        y, mo = 2000 + int(m.group(2)), MONTHS[m.group(1)]
        return f"{y}-{mo:02d}-01", f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01", f"{text}-12-31"
    return None


def check_dates(truth: list[dict[str, str]]) -> int:
    """q0_dates.csv must carry the same Start/End texts and their mechanical reading."""
    dates = list(csv.DictReader((SHARED / "truth" / "q0_dates.csv").open(encoding="utf-8")))
    bad = 0
    for t, d in zip(truth, dates, strict=True):
        if (t["ref"], t["start"], t["end"]) != (d["ref"], d["start"], d["end"]):
            bad += 1
            print("dates row mismatch", t["ref"], d["ref"])
        s, e = period(t["start"]), period(t["end"])
        if s and s[0] != d["start_date"]:
            bad += 1
            print("start_date", t["ref"], t["start"], d["start_date"])
        if e and (e[1] != d["end_date"] or d["end_kind"] != "date"):
            bad += 1
            print("end_date", t["ref"], t["end"], d["end_date"])
        if t["end"] and not e and (d["end_date"] or d["end_kind"] not in ("ongoing", "recurring")):
            bad += 1
            print("end kind", t["ref"], t["end"], d["end_kind"])
    return bad


def main() -> int:
    seed = read_seed_actions(SEED.read_text(encoding="utf-8").splitlines())
    truth = list(csv.DictReader(TRUTH.open(encoding="utf-8")))
    problems = 0
    if len(seed) != len(truth):
        print(f"count differs: seed {len(seed)} truth {len(truth)}")
        problems += 1
    for s, t in zip(seed, truth, strict=False):
        for f in ["theme", "objective", *FIELDS]:
            if clean(s[f]) != clean(t[f]):
                problems += 1
                print(f"seq {t['seq']} ref {t['ref']} {f}:\n  seed : {s[f]!r}\n  truth: {t[f]!r}")
    problems += check_dates(truth)
    print(f"{len(truth)} truth rows x {2 + len(FIELDS)} cells compared; {problems} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
