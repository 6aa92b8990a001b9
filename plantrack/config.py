"""The store's configuration file, `plantrack.toml`: what a publisher's columns mean.

Read with tomllib and validated on load, so a typo is one clear line (`Error:
plantrack.toml: …`, exit 2) before any document is read, never a traceback. Written,
commented, on a store's first run, so an officer finds every option where the snapshots are.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest import COLUMNS
from ingest.colour import own_colours
from normalise import DEFAULT_SCALE, RAG_STATUSES, StatusScale
from plantrack.errors import UsageError

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_CONFIG",
    "StoreConfig",
    "load_config",
    "load_config_file",
    "parse_config",
    "write_default_config",
]

CONFIG_NAME = "plantrack.toml"

#: What a header may be mapped to: a field, or "extra" to keep it as its own column.
TARGETS: tuple[str, ...] = (*COLUMNS, "extra")

DEFAULT_CONFIG = """\
# plantrack.toml: how plantrack reads this store's plans (see README, "The store's
# configuration file"). Every setting is optional; delete a line to get the default.

[columns]
# Headers this publisher prints, mapped to a field (printed_no, action, team, start, end,
# success_measure, status, progress_update) or to "extra" to keep the column as its own,
# even where the built-in vocabulary would read it as a field.
# aliases = { "Shared Outcome" = "success_measure", "Direction of travel" = "extra" }

# The key column: the header whose text is the row's "action" (what is tracked from
# quarter to quarter). A risk register's key is its risk title:
# key = "Risk title"

[status]
# This publisher's own status words, each read as one of Red, Amber, Green, Blue (before
# the built-in spellings such as "Complete" or "G"):
# words = { "On track" = "Green", "At risk" = "Amber", "Off track" = "Red" }

# What each status means to this publisher: shown beside its colour in the report's and
# the deck's RAG summary and kept as each action's status_label. The update deck's by
# default; a KPI report's RAG is performance against target, for example:
# meanings = { Red = "Off target", Amber = "Near target", Green = "On target", Blue = "Exceeded" }

# The name a status is shown by in the report and deck, where not its colour (snapshots,
# changes.csv and the workbook keep the colour name):
# labels = { Blue = "Complete" }

# The progress order, least progress first; statuses in one [ ] share a level. A move up
# the order is "progressed", down is "regressed", reaching the last level is "completed".
# In a BRAG scheme Blue is "Complete", above Green: order = ["Red", "Amber", "Green", "Blue"]
# order = [["Red", "Blue"], "Amber", "Green"]

# Statuses meaning "planned, not started yet": listed as coming up when they start next
# quarter, never stalled before their start. Never on the last level (a BRAG order drops
# Blue from here by itself).
# planned = ["Blue"]

# Cell fill colours (hex RRGGBB) read as a status in Word and spreadsheet tables, before
# the built-in palette of Office reds, ambers, greens and blues:
# colours = { "7030A0" = "Blue", "FF6600" = "Red" }

[dates]
# 05/06/2025 is 5 June when true (UK), May 6 when false.
# day_first = true
"""


@dataclass(frozen=True)
class StoreConfig:
    """The validated configuration: header aliases (printed header -> field or "extra"), the
    status vocabulary, scale and fill colours, and the date policy."""

    aliases: tuple[tuple[str, str], ...] = ()
    day_first: bool = True
    status_words: tuple[tuple[str, str], ...] = ()
    #: what each status means and their progress order (compare and the report read it)
    status_scale: StatusScale = DEFAULT_SCALE
    #: (hex colour, status) pairs: fills read as a status before the built-in palette
    status_colours: tuple[tuple[str, str], ...] = ()

    @property
    def fingerprint(self) -> str:
        """A short stable hash of the settings: a stored result read under other settings
        (an edited plantrack.toml) is not the answer for the same document any more."""
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:16]

    @property
    def ingest_settings(self) -> dict[str, Any]:
        """Overrides for ingest's IngestSettings (only what the file sets)."""
        out: dict[str, Any] = {}
        if self.aliases:
            out["column_aliases"] = self.aliases
        if self.status_colours:
            out["status_colours"] = self.status_colours
        return out

    @property
    def normalise_settings(self) -> dict[str, Any]:
        """Overrides for normalise's NormaliseSettings."""
        return {
            "dayfirst": self.day_first,
            "status_words": self.status_words,
            "status_scale": self.status_scale,
        }


def _fail(path: Path, message: str) -> UsageError:
    return UsageError(f"{path}: {message}")


def parse_config(data: dict[str, Any], path: Path) -> StoreConfig:
    """Validate a parsed TOML table (pure except for the path named in messages)."""
    unknown = sorted(set(data) - {"columns", "status", "dates"})
    if unknown:
        raise _fail(path, f"unknown section [{unknown[0]}] (known: [columns], [status], [dates])")
    columns = data.get("columns", {})
    status = data.get("status", {})
    dates = data.get("dates", {})
    if not all(isinstance(t, dict) for t in (columns, status, dates)):
        raise _fail(path, "[columns], [status] and [dates] must be tables")
    extra_keys = (
        sorted(set(columns) - {"aliases", "key"})
        or sorted(set(status) - {"words", "meanings", "labels", "order", "planned", "colours"})
        or sorted(set(dates) - {"day_first"})
    )
    if extra_keys:
        raise _fail(path, f"unknown setting {extra_keys[0]!r}")
    aliases = columns.get("aliases", {})
    if not isinstance(aliases, dict):
        raise _fail(path, "[columns] aliases must be a table of header = field")
    pairs: list[tuple[str, str]] = []
    for header, target in aliases.items():
        if not isinstance(target, str) or target not in TARGETS:
            raise _fail(
                path,
                f"[columns] aliases: {header!r} = {target!r} is not one of " + ", ".join(TARGETS),
            )
        pairs.append((header, target))
    key = columns.get("key")
    if key is not None:
        if not isinstance(key, str) or not key.strip():
            raise _fail(path, '[columns] key must be a header, e.g. key = "Risk title"')
        pairs.append((key, "action"))
    words = status.get("words", {})
    rag = RAG_STATUSES
    if not isinstance(words, dict):
        raise _fail(path, "[status] words must be a table of word = status")
    for word, value in words.items():
        if value not in rag:
            raise _fail(
                path, f"[status] words: {word!r} = {value!r} is not one of " + ", ".join(rag)
            )
    day_first = dates.get("day_first", True)
    if not isinstance(day_first, bool):
        raise _fail(path, "[dates] day_first must be true or false")
    return StoreConfig(
        tuple(pairs),
        day_first,
        tuple(words.items()),
        _scale(status, path),
        _colours(status, path),
    )


#: a status label is shown in a chip and a narrow deck column
LABEL_MAX = 24

_ORDER_EXAMPLE = 'e.g. order = [["Red", "Blue"], "Amber", "Green"]'


def _scale(status: dict[str, Any], path: Path) -> StatusScale:
    """[status] meanings, order and planned over the update deck's scale."""
    rag = RAG_STATUSES
    meanings = status.get("meanings", {})
    if not isinstance(meanings, dict):
        raise _fail(
            path, '[status] meanings must be a table of status = meaning, e.g. Green = "On target"'
        )
    for name, text in meanings.items():
        if name not in rag:
            raise _fail(path, f"[status] meanings: {name!r} is not one of " + ", ".join(rag))
        if not isinstance(text, str) or not text.strip():
            raise _fail(path, f"[status] meanings: {name} must be a non-empty text")
    labels = status.get("labels", {})
    if not isinstance(labels, dict):
        raise _fail(
            path, '[status] labels must be a table of status = name, e.g. Blue = "Complete"'
        )
    for name, text in labels.items():
        if name not in rag:
            raise _fail(path, f"[status] labels: {name!r} is not one of " + ", ".join(rag))
        if not isinstance(text, str) or not text.strip() or len(text) > LABEL_MAX:
            raise _fail(
                path, f"[status] labels: {name} must be a name of 1 to {LABEL_MAX} characters"
            )
    levels = DEFAULT_SCALE.levels
    if "order" in status:
        order = status["order"]
        if not isinstance(order, list) or not all(
            isinstance(e, str) or (isinstance(e, list) and all(isinstance(x, str) for x in e))
            for e in order
        ):
            raise _fail(path, f"[status] order must be a list of statuses, {_ORDER_EXAMPLE}")
        levels = tuple((e,) if isinstance(e, str) else tuple(e) for e in order)
        flat = [x for level in levels for x in level]
        if sorted(flat) != sorted(rag) or len(levels) < 2 or not all(levels):
            raise _fail(
                path,
                "[status] order must name each of Red, Amber, Green, Blue once, least "
                f"progress first, in at least two levels ({_ORDER_EXAMPLE})",
            )
    planned = status.get("planned")
    if planned is None:
        planned = [s for s in DEFAULT_SCALE.planned if s not in levels[-1]]
    if not isinstance(planned, list) or not all(p in rag for p in planned):
        raise _fail(path, '[status] planned must be a list of statuses, e.g. planned = ["Blue"]')
    if set(planned) & set(levels[-1]):
        raise _fail(
            path, f"[status] planned: {planned[0]} is on the last (complete) level of the order"
        )
    merged = {**dict(DEFAULT_SCALE.meanings), **meanings}
    try:
        return StatusScale(tuple(merged.items()), levels, tuple(planned), tuple(labels.items()))
    except ValueError as exc:  # what the checks above leave (a status planned twice)
        raise _fail(path, f"[status] {exc}") from None


def _colours(status: dict[str, Any], path: Path) -> tuple[tuple[str, str], ...]:
    """[status] colours: hex fill colours read as a status."""
    colours = status.get("colours", {})
    if not isinstance(colours, dict):
        raise _fail(path, '[status] colours must be a table of "RRGGBB" = status')
    pairs = tuple((str(k), v) for k, v in colours.items())
    if not all(isinstance(v, str) for _, v in pairs):
        raise _fail(path, '[status] colours must be a table of "RRGGBB" = status')
    try:
        own_colours(pairs)
    except ValueError as exc:
        raise _fail(path, f"[status] colours: {exc}") from None
    return pairs


def load_config(store_dir: Path) -> StoreConfig:
    """The store's configuration; the defaults when it has no plantrack.toml."""
    path = Path(store_dir) / CONFIG_NAME
    if not path.is_file():
        return StoreConfig()
    return load_config_file(path)


def load_config_file(path: Path) -> StoreConfig:
    """A plantrack.toml wherever it is (a store's, or one named by --config), validated."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"cannot read ({exc})") from None
    return parse_config(data, path)


def write_default_config(store_dir: Path) -> Path:
    """Write the commented default file into a store that has none; returns its path."""
    path = Path(store_dir) / CONFIG_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    return path
