"""Every command and every option of the CLI is documented in the README (issue 20).

Walks click's command tree: each command has its row in the README's "Subcommands"
table, and that row names every option the command takes; the options every command
shares are in the line after the table.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from plantrack.cli import COMMANDS, cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
SHARED = ("--quiet", "--verbose", "--debug", "--help")


def _section(title: str) -> str:
    start = README.index(f"### {title}\n")
    end = README.index("\n### ", start + 1)
    return README[start:end]


def _rows() -> dict[str, str]:
    """The Subcommands table: command name -> its row."""
    rows = {}
    for line in _section("Subcommands").splitlines():
        found = re.match(r"\| `(\w+)[ `]", line)
        if found:
            rows[found.group(1)] = line
    return rows


def _long_options(command: click.Command) -> list[str]:
    ctx = click.Context(command)
    return sorted(
        opt
        for p in command.get_params(ctx)
        if isinstance(p, click.Option)
        for opt in p.opts
        if opt.startswith("--") and opt not in SHARED
    )


def test_every_command_has_a_row() -> None:
    assert set(_rows()) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_a_command_is_in_its_row(name: str) -> None:
    row = _rows()[name]
    missing = [o for o in _long_options(COMMANDS[name]) if not re.search(rf"{o}(?![\w-])", row)]
    assert missing == [], f"README's row for `{name}` does not mention {missing}"


def test_the_shared_options_are_documented_once_for_all() -> None:
    section = _section("Subcommands")
    start = section.index("Options for every command")
    line = (section + "\n\n")[start : (section + "\n\n").index("\n\n", start)]
    for option in ("--quiet", "--verbose", "--debug", "--help", "--version"):
        assert option in line, option
    group_options = {o for p in cli.get_params(click.Context(cli)) for o in p.opts}
    assert group_options - {"-q", "-v", "-h"} <= set(SHARED) | {"--version"}
    for command in COMMANDS.values():  # and every command does take them
        opts = {o for p in command.get_params(click.Context(command)) for o in p.opts}
        assert set(SHARED) <= opts
