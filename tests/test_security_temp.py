"""#12: no executable state in shared places (the Jinja bytecode cache under /tmp)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: renders both reports in a fresh process whose temp folder is the test's folder
_RENDER = """
import sys, tempfile
tempfile.tempdir = sys.argv[1]
import outputs.render as r
from outputs import build_report
from tests.test_outputs_report import truth_actions
actions, ids = truth_actions()
rep = build_report(actions, ids, "2024-Q4")
assert "2024-Q4" in r.render_html(rep) and "2024-Q4" in r.render_markdown(rep)
assert r._env(True).bytecode_cache is None and r._env(False).bytecode_cache is None
"""


@pytest.mark.slow
def test_rendering_never_reads_or_writes_the_shared_temp_folder(tmp_path: Path) -> None:
    """The attack planted `plantrack-jinja-<uid>/` in the temp folder; now rendering keeps
    compiled templates in memory only, so the planted file is never opened and nothing is
    added to the shared folder."""
    planted = tmp_path / f"plantrack-jinja-{os.getuid()}"
    planted.mkdir()
    payload = planted / "__jinja2_0123.cache"
    payload.write_bytes(b"j2\x00 planted pickle")
    os.utime(payload, (1_000_000, 1_000_000))  # an atime change would show a read
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    subprocess.run([sys.executable, "-c", _RENDER, str(tmp_path)], cwd=ROOT, check=True)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    assert payload.stat().st_atime == 1_000_000


def test_no_module_uses_a_fixed_name_in_a_shared_temp_folder() -> None:
    """Audit: every temp file or folder in the tree comes from mkstemp/mkdtemp/
    TemporaryDirectory (private, unique names), never gettempdir() + a fixed name."""
    offenders = []
    for path in ROOT.glob("**/*.py"):
        if {"tests", ".venv", ".git"} & set(path.relative_to(ROOT).parts):
            continue
        text = path.read_text(encoding="utf-8")
        # gettempdir() joined with a fixed name is the hazard; naming the folder in a
        # message (demo's "cannot write") is not
        fixed = re.search(r"gettempdir\(\)\)?\s*/|join\(\s*tempfile\.gettempdir", text)
        if fixed or "/tmp/" in text or "BytecodeCache" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
