"""Snapshots: a plan's actions as one flat table, and back again.

The same columns go to CSV, Parquet and Excel, so a snapshot written by `run` can be
opened by an officer in Excel and read back by `diff` without loss.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from normalise import Action, ActionWarning
from outputs.safe import csv_uncell
from outputs.tables import write_csv, write_table

if TYPE_CHECKING:  # imported where a frame is built or read: writing a CSV needs no pandas
    import pandas as pd

#: Snapshot columns, in order (documented in the README).
SNAPSHOT_COLUMNS: tuple[str, ...] = (
    "period",
    "action_id",
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
    "status_label",
    "progress_update",
    "source_file",
    "pages",
    "warnings",
)

#: Prefix of a snapshot column holding one of the plan's own unknown columns, e.g.
#: "extra:Lead officer" (CSV, XLSX and Parquet alike: one string column per header).
EXTRA_PREFIX = "extra:"

#: Action fields copied verbatim into same-named columns.
_TEXT_FIELDS: tuple[str, ...] = tuple(
    c for c in SNAPSHOT_COLUMNS if c not in {"period", "action_id", "pages", "warnings"}
)


class SnapshotFormatError(ValueError):
    """A file given as a snapshot does not have the snapshot columns."""


def format_pages(pages: Sequence[int]) -> str:
    """(3, 4, 7) -> "3-4;7": short, and unambiguous to read back."""
    parts: list[str] = []
    nums = list(pages)
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
        i = j + 1
    return ";".join(parts)


#: More pages than any plan has (ingest refuses far fewer): a snapshot cell claiming more
#: is not plantrack's, and expanding "1-3000000000" would exhaust memory.
MAX_SNAPSHOT_PAGES = 100_000


def parse_pages(text: str) -> tuple[int, ...]:
    """Inverse of `format_pages`; ignores anything that is not a page number or range.

    Raises SnapshotFormatError for pages past MAX_SNAPSHOT_PAGES (checked before expanding).
    """
    pages: list[int] = []
    for part in str(text).split(";"):
        m = re.fullmatch(r"\s*(\d{1,12})\s*(?:-\s*(\d{1,12})\s*)?", part)
        if not m:
            continue
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if max(lo, hi) > MAX_SNAPSHOT_PAGES or len(pages) + hi - lo > MAX_SNAPSHOT_PAGES:
            raise SnapshotFormatError(
                f"not a plantrack snapshot: pages {part.strip()!r} is past page "
                f"{MAX_SNAPSHOT_PAGES}"
            )
        pages.extend(range(lo, hi + 1))
    return tuple(pages)


def format_warnings(warnings: Sequence[ActionWarning]) -> str:
    """ "code: message; code: message" — readable in a spreadsheet cell."""
    return "; ".join(f"{w.code}: {w.message}" if w.message else w.code for w in warnings)


def parse_warnings(text: str) -> tuple[ActionWarning, ...]:
    """Best-effort inverse of `format_warnings` (the `field` is not kept in a snapshot)."""
    out: list[ActionWarning] = []
    for part in re.split(r";\s(?=[a-z0-9][a-z0-9_-]*(?::\s|;|$))", str(text)) if text else []:
        code, sep, message = part.partition(": ")
        out.append(ActionWarning(code=code.strip(), message=message if sep else ""))
    return tuple(out)


def extra_headers(actions: Sequence[Action]) -> tuple[str, ...]:
    """The plan's unknown columns, by printed header, in first-seen order."""
    return tuple(dict.fromkeys(h for a in actions for h, _ in a.extra))


def snapshot_header(actions: Sequence[Action]) -> tuple[str, ...]:
    """SNAPSHOT_COLUMNS, then one `extra:<header>` column per unknown column of the plan."""
    return SNAPSHOT_COLUMNS + tuple(EXTRA_PREFIX + h for h in extra_headers(actions))


def snapshot_rows(
    actions: Sequence[Action], ids: Sequence[str], period: str
) -> list[tuple[str, ...]]:
    """One row per action, every cell a string ("" for missing), in `snapshot_header` order
    (SNAPSHOT_COLUMNS, then the extra columns)."""
    extras = extra_headers(actions)
    if len(ids) != len(actions):
        raise ValueError(f"{len(actions)} actions but {len(ids)} action ids")
    rows = []
    for action, action_id in zip(actions, ids, strict=True):
        row = {"period": period, "action_id": action_id}
        for name in _TEXT_FIELDS:
            value = getattr(action, name)
            row[name] = "" if value is None else str(value)
        row["pages"] = format_pages(action.pages)
        row["warnings"] = format_warnings(action.warnings)
        own = dict(action.extra)
        rows.append(tuple(row[c] for c in SNAPSHOT_COLUMNS) + tuple(own.get(h, "") for h in extras))
    return rows


def snapshot_frame(actions: Sequence[Action], ids: Sequence[str], period: str) -> pd.DataFrame:
    """`snapshot_rows` as a DataFrame of strings."""
    import pandas as pd

    header = list(snapshot_header(actions))
    frame = pd.DataFrame(snapshot_rows(actions, ids, period), columns=header)
    return frame.astype({c: "string" for c in header})


def write_snapshot(
    actions: Sequence[Action],
    ids: Sequence[str],
    period: str,
    path: Path,
    *,
    raw_csv: bool = False,
) -> Path:
    """Write a snapshot in the format `path`'s suffix names (.csv, .parquet, .xlsx).

    CSV cells that would start a formula get a leading apostrophe unless `raw_csv`.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return write_csv(
            snapshot_header(actions), snapshot_rows(actions, ids, period), path, raw=raw_csv
        )
    if path.suffix.lower() == ".xlsx":  # the store's snapshot workbook: text cells, printable
        from outputs.workbook import write_snapshot_workbook

        return write_snapshot_workbook(actions, ids, period, path)
    return write_table(snapshot_frame(actions, ids, period), path, raw_csv=raw_csv)


def actions_from_frame(frame: pd.DataFrame) -> tuple[list[Action], list[str], str]:
    """Rebuild (actions, action_ids, period) from a snapshot table."""
    missing = [c for c in SNAPSHOT_COLUMNS if c not in frame.columns]
    if missing:
        raise SnapshotFormatError(
            "not a plantrack snapshot: missing column(s) " + ", ".join(missing)
        )
    extras = [str(c) for c in frame.columns if str(c).startswith(EXTRA_PREFIX)]
    frame = frame.astype({c: "string" for c in (*SNAPSHOT_COLUMNS, *extras)}).fillna("")
    actions: list[Action] = []
    ids: list[str] = []
    periods = set()
    for rec in frame.to_dict("records"):
        fields: dict[str, Any] = {name: str(rec[name]) for name in _TEXT_FIELDS}  # str fields
        actions.append(
            Action(
                **fields,
                pages=parse_pages(rec["pages"]),
                warnings=parse_warnings(str(rec["warnings"])),
                extra=tuple((c[len(EXTRA_PREFIX) :], str(rec[c])) for c in extras if str(rec[c])),
            )
        )
        ids.append(str(rec["action_id"]))
        periods.add(str(rec["period"]))
    period = periods.pop() if len(periods) == 1 else ""
    return actions, ids, period


def read_table(path: Path) -> pd.DataFrame:
    """Read a snapshot table from .csv or .parquet, keeping every cell a string."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":  # plantrack's CSV cells may carry the formula-guard apostrophe
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return frame.rename(columns=csv_uncell).map(csv_uncell)
    if suffix == ".parquet":
        return pd.read_parquet(path)
    raise SnapshotFormatError(f"cannot read a snapshot from '{path.suffix}' (use .csv or .parquet)")


def read_snapshot(path: Path) -> tuple[list[Action], list[str], str]:
    """Load a snapshot written by plantrack: (actions, action_ids, period)."""
    return actions_from_frame(read_table(Path(path)))
