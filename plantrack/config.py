"""The store's configuration file, `plantrack.toml`: what a publisher's columns mean.

Read with tomllib and validated on load, so a typo is one clear line (`Error:
plantrack.toml: …`, exit 2) before any document is read, never a traceback. Written,
commented, on a store's first run, so an officer finds every option where the snapshots are.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest import COLUMNS
from plantrack.errors import UsageError

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_CONFIG",
    "StoreConfig",
    "load_config",
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

[dates]
# 05/06/2025 is 5 June when true (UK), May 6 when false.
# day_first = true
"""


@dataclass(frozen=True)
class StoreConfig:
    """The validated configuration: header aliases (printed header -> field or "extra") and
    the date policy."""

    aliases: tuple[tuple[str, str], ...] = ()
    day_first: bool = True
    status_words: tuple[tuple[str, str], ...] = ()

    @property
    def ingest_settings(self) -> dict[str, Any]:
        return {"column_aliases": self.aliases} if self.aliases else {}

    @property
    def normalise_settings(self) -> dict[str, Any]:
        return {"dayfirst": self.day_first, "status_words": self.status_words}


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
        or sorted(set(status) - {"words"})
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
    rag = ("Red", "Amber", "Green", "Blue")
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
    return StoreConfig(tuple(pairs), day_first, tuple(words.items()))


def load_config(store_dir: Path) -> StoreConfig:
    """The store's configuration; the defaults when it has no plantrack.toml."""
    path = Path(store_dir) / CONFIG_NAME
    if not path.is_file():
        return StoreConfig()
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
