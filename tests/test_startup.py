"""Start-up cost: commands import only what they use (issue 8).

`plantrack extract` to CSV is the command officers run most; pandas, pyarrow and numpy
together take longer to import than a short PDF takes to parse on two cores.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import compare
import outputs
from outputs.tables import write_csv

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pandas", "numpy", "pyarrow", "scipy", "jinja2", "openpyxl")


def _loaded_after(code: str) -> dict[str, bool]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = out.stdout.split()
    return {m: m in loaded for m in HEAVY}


def test_cli_import_loads_no_heavy_library():
    loaded = _loaded_after("import plantrack.cli")
    assert not any(loaded.values()), loaded


def _loaded_by_extract(doc: Path, out: Path) -> dict[str, bool]:
    code = (
        "from plantrack.cli import main\n"
        f"assert main(['extract', {str(doc)!r}, '-o', {str(out)!r}, '--quiet']) == 0"
    )
    return _loaded_after(code)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["plan-libreoffice.pdf", "plan.docx"])
def test_extract_to_csv_loads_no_heavy_library(tmp_path, name):
    out = tmp_path / "q.csv"
    loaded = _loaded_by_extract(ROOT / "samples" / "2025-Q1" / name, out)
    assert out.stat().st_size > 1000
    assert not any(loaded.values()), loaded


@pytest.mark.slow
def test_snapshot_by_parquet_still_loads_pandas(tmp_path):
    """The lazy imports move pandas, they do not lose it: Parquet needs it and gets it."""
    out = tmp_path / "q.parquet"
    assert _loaded_by_extract(ROOT / "samples" / "2025-Q1" / "plan.docx", out)["pandas"]
    assert len(pd.read_parquet(out)) > 50


@pytest.mark.parametrize("package", [outputs, compare])
def test_every_public_name_resolves(package):
    assert set(package.__all__) == set(package._EXPORTS)
    for name in package.__all__:
        value = getattr(package, name)
        home = importlib.import_module(f"{package.__name__}.{package._EXPORTS[name]}")
        assert value is getattr(home, name)
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


def test_write_csv_writes_the_bytes_pandas_writes(tmp_path):
    """`write_csv` replaced `DataFrame.to_csv` for snapshots: files must not change."""
    columns = ["a", "b, with comma", 'c "quoted"']
    rows = [
        ["plain", "", "line one\nline two"],
        ['say "hi"', "Jan-25, Mar-25", "–’ é ✓"],
        ["", "", ""],
        [" leading space", "trailing\r\n", "tab\there"],
    ]
    ours = write_csv(columns, rows, tmp_path / "ours.csv")
    theirs = tmp_path / "pandas.csv"
    pd.DataFrame(rows, columns=columns).to_csv(
        theirs, index=False, encoding="utf-8-sig", lineterminator="\r\n"
    )
    assert ours.read_bytes() == theirs.read_bytes()
    assert ours.read_bytes().startswith(b"\xef\xbb\xbf")
