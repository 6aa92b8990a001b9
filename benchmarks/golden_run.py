"""Golden run: the main job on the bundled samples, one SHA-256 per output, to prove a
refactor of the CLI changed nothing.

Runs `plantrack` in-process (`plantrack.cli.main`, the console script's entry) in a fresh
scratch folder: `demo`, `run` of every sample quarter (PDF and DOCX), a forced re-run,
`extract` to each format, `diff` (report folder, stdout, `--json`), `history`, and a set
of refusals with their exit codes and stderr. Prints one line per case (exit code, hashes
of stdout and stderr) and one per file written. What varies from run to run is
normalised first: the scratch folder's path, the demo's random folder name, timestamps,
the zip members' dates inside XLSX/PPTX, and the manifest's time-derived fingerprint.

    .venv/bin/python benchmarks/golden_run.py > before.txt   # on the untouched code
    .venv/bin/python benchmarks/golden_run.py > after.txt    # after the change
    diff before.txt after.txt                                 # must print nothing
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
QUARTERS = ("2024-Q4", "2025-Q1", "2025-Q2")

_STAMP = re.compile(rb"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( UTC|Z|\+00:00)?")
_DEMO = re.compile(rb"plantrack-demo-[A-Za-z0-9_]+")
_INPUTS = re.compile(rb'"inputs": "[0-9a-f]{64}"')


def normalise(data: bytes, scratch: Path) -> bytes:
    """Text with the scratch path, demo folder name and timestamps replaced."""
    for form in (str(scratch), str(scratch.resolve())):
        data = data.replace(form.encode(), b"<SCRATCH>")
    data = data.replace(str(ROOT).encode(), b"<ROOT>")
    data = _DEMO.sub(b"plantrack-demo-<X>", data)
    data = _STAMP.sub(b"<TIME>", data)
    return _INPUTS.sub(b'"inputs": "<FINGERPRINT>"', data)


def _zip_members(data: bytes, scratch: Path) -> bytes:
    """A zip's members by name, each normalised (a workbook embedded in a deck's chart is
    opened in turn: its own dates vary too)."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(z.namelist()):
            member = z.read(name)
            if name.endswith(".xlsx"):
                member = _zip_members(member, scratch)
            out.append(name.encode() + b"\0" + normalise(member, scratch))
    return b"\n".join(out)


def canonical(path: Path, scratch: Path) -> bytes:
    """The bytes that must not change: zip members by name (dates aside), Parquet as its
    table, everything else as normalised text."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".pptx"):
        return _zip_members(path.read_bytes(), scratch)
    if suffix == ".parquet":
        import pandas as pd

        frame = pd.read_parquet(path)
        text = frame.to_csv(index=False) + repr(list(frame.dtypes.astype(str)))
        return normalise(text.encode("utf-8"), scratch)
    return normalise(path.read_bytes(), scratch)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def cases(s: Path) -> list[tuple[str, list[str]]]:
    """(name, argv) in order; later cases read what earlier ones wrote."""
    store = str(s / "store")
    docx = str(s / "docx-store")
    q = {p: str(SAMPLES / p / "plan-libreoffice.pdf") for p in QUARTERS}
    d = {p: str(SAMPLES / p / "plan.docx") for p in QUARTERS}
    out: list[tuple[str, list[str]]] = [
        ("demo", ["demo", "--dir", str(s / "demo")]),
        ("demo-quiet", ["demo", "--dir", str(s / "demo-q"), "--quiet"]),
    ]
    for p in QUARTERS:
        out.append((f"run-pdf-{p}", ["run", q[p], "--period", p, "--store", store]))
    for p in QUARTERS:
        out.append((f"run-docx-{p}", ["run", d[p], "--period", p, "--store", docx, "--raw-csv"]))
    out += [
        (
            "run-force-same",
            ["run", d["2025-Q2"], "--period", "2025-Q2", "--store", docx, "--force"],
        ),
        (
            "run-force-file",
            ["run", d["2025-Q1"], "--period", "2025-Q1", "--store", docx, "--force"],
        ),
        ("run-exists", ["run", d["2025-Q2"], "--period", "2025-Q2", "--store", docx]),
        ("run-same-file", ["run", d["2025-Q2"], "--period", "2025-Q3", "--store", docx]),
        ("run-same-months", ["run", d["2025-Q2"], "--period", "2025/26-Q1", "--store", docx]),
        (
            "run-financial",
            [
                "run",
                str(SAMPLES / "2025-Q2" / "plan-chromium.pdf"),
                "--period",
                "2025/26-Q2",
                "--store",
                docx,
                "-q",
            ],
        ),
        (
            "run-earlier",
            [
                "run",
                str(SAMPLES / "2024-Q4" / "plan-libreoffice.pdf"),
                "--period",
                "2024-Q3",
                "--store",
                docx,
            ],
        ),
        ("history", ["history", "--store", store]),
        ("history-docx", ["history", "--store", docx]),
        ("history-quiet", ["--quiet", "history", "--store", docx]),
        ("extract-csv", ["extract", d["2025-Q1"], "-o", str(s / "x" / "q1.csv")]),
        (
            "extract-xlsx",
            [
                "extract",
                q["2025-Q1"],
                "-o",
                str(s / "x" / "q1.xlsx"),
                "--period",
                "2025-Q1",
                "--jobs",
                "1",
            ],
        ),
        ("extract-parquet", ["extract", d["2025-Q2"], "-o", str(s / "x" / "q2.parquet"), "-v"]),
        ("extract-raw", ["extract", d["2025-Q1"], "-o", str(s / "x" / "raw.csv"), "--raw-csv"]),
        (
            "extract-sheet",
            [
                "extract",
                str(SAMPLES / "sheets" / "2025-Q1" / "plan.xlsx"),
                "-o",
                str(s / "x" / "sheet.csv"),
            ],
        ),
        (
            "extract-columns",
            [
                "extract",
                str(SAMPLES / "columns" / "lead-officer" / "2025-Q2.docx"),
                "-o",
                str(s / "x" / "lead.csv"),
            ],
        ),
        (
            "extract-many",
            [
                "extract",
                d["2024-Q4"],
                d["2025-Q1"],
                str(SAMPLES / "bad" / "empty.pdf"),
                "-o",
                str(s / "many"),
                "--jobs",
                "1",
            ],
        ),
        ("diff-dir", ["diff", d["2024-Q4"], d["2025-Q1"], "-o", str(s / "diff")]),
        (
            "diff-stdout",
            [
                "diff",
                str(s / "docx-store" / "snapshots" / "2025-Q1.parquet"),
                d["2025-Q2"],
                "--period",
                "2025-Q2",
                "--previous-period",
                "2025-Q1",
            ],
        ),
        ("diff-json", ["diff", d["2025-Q1"], d["2025-Q2"], "--json"]),
        (
            "diff-csv-snapshot",
            [
                "diff",
                str(s / "docx-store" / "snapshots" / "2024-Q4.csv"),
                str(s / "docx-store" / "snapshots" / "2025-Q1.csv"),
                "--json",
            ],
        ),
        (
            "diff-columns",
            [
                "diff",
                str(SAMPLES / "columns" / "lead-officer" / "2025-Q1.docx"),
                str(SAMPLES / "columns" / "lead-officer" / "2025-Q2.docx"),
                "--json",
            ],
        ),
        # refusals
        ("no-args", []),
        ("version", ["--version"]),
        ("unknown-command", ["frobnicate"]),
        ("missing-period", ["run", d["2025-Q1"]]),
        ("missing-file-arg", ["run", "--period", "2025-Q1"]),
        ("bad-period", ["run", d["2025-Q1"], "--period", "2025-Q5", "--store", store]),
        ("unknown-option", ["extract", d["2025-Q1"], "-o", str(s / "u.csv"), "--bogus"]),
        ("extra-argument", ["diff", d["2025-Q1"], d["2025-Q2"], d["2024-Q4"]]),
        ("option-no-value", ["run", d["2025-Q1"], "--period"]),
        ("bad-jobs", ["extract", d["2025-Q1"], "-o", str(s / "j.csv"), "--jobs", "-2"]),
        ("bad-jobs-text", ["extract", d["2025-Q1"], "-o", str(s / "j.csv"), "--jobs", "x"]),
        ("bad-limit", ["extract", d["2025-Q1"], "-o", str(s / "l.csv"), "--limit", "bogus=1"]),
        (
            "bad-limit-value",
            ["extract", d["2025-Q1"], "-o", str(s / "l.csv"), "--limit", "pages=0"],
        ),
        ("limit-hit", ["extract", q["2025-Q1"], "-o", str(s / "l.csv"), "--limit", "pages=1"]),
        ("bad-port", ["serve", "--port", "eighty"]),
        ("missing-file", ["run", str(s / "nowhere.pdf"), "--period", "2025-Q1", "--store", store]),
        (
            "missing-file-new",
            ["run", str(s / "nowhere.pdf"), "--period", "2025-Q3", "--store", store],
        ),
        ("folder-input", ["extract", str(SAMPLES), "-o", str(s / "f.csv")]),
        ("bad-format", ["extract", d["2025-Q1"], "-o", str(s / "out.json")]),
        ("no-out-folder", ["extract", d["2025-Q1"], "-o", str(s / "no" / "such" / "o.csv")]),
        ("diff-out-file", ["diff", d["2025-Q1"], d["2025-Q2"], "-o", q["2025-Q1"]]),
        ("no-store", ["history", "--store", str(s / "none")]),
        ("empty-pdf", ["extract", str(SAMPLES / "bad" / "empty.pdf"), "-o", str(s / "e.csv")]),
        ("not-a-plan", ["extract", str(SAMPLES / "bad" / "invoice.pdf"), "-o", str(s / "e.csv")]),
        ("encrypted", ["extract", str(SAMPLES / "bad" / "encrypted.pdf"), "-o", str(s / "e.csv")]),
        ("xxe", ["extract", str(SAMPLES / "bad" / "xxe.docx"), "-o", str(s / "e.csv")]),
        (
            "missing-column",
            [
                "extract",
                str(SAMPLES / "bad" / "missing-action-column.docx"),
                "-o",
                str(s / "e.csv"),
            ],
        ),
        ("bad-demo-dir", ["demo", "--dir", str(s / "nowhere")]),
        (
            "run-bad-doc",
            [
                "run",
                str(SAMPLES / "bad" / "truncated.pdf"),
                "--period",
                "2025-Q4",
                "--store",
                store,
                "--debug",
            ],
        ),
    ]
    return out


def main() -> int:
    from plantrack.cli import main as cli_main

    scratch = Path(tempfile.mkdtemp(prefix="plantrack-golden-"))
    (scratch / "demo").mkdir()
    (scratch / "demo-q").mkdir()
    (scratch / "x").mkdir()
    try:
        for name, argv in cases(scratch):
            out, err = io.StringIO(), io.StringIO()
            code = cli_main(argv, stdout=out, stderr=err)
            stdout = normalise(out.getvalue().encode(), scratch)
            stderr = normalise(err.getvalue().encode(), scratch)
            if "--debug" in argv:  # a traceback names line numbers: keep its last line only
                stderr = stderr.rstrip(b"\n").rsplit(b"\n", 1)[-1]
            shown = stderr.decode().strip().replace("\n", " | ")[:160]
            print(f"case {name}: exit {code} stdout {sha(stdout)} stderr {sha(stderr)} {shown}")
            if name == "diff-json":
                json.loads(out.getvalue())  # it is JSON
        for path in sorted(p for p in scratch.rglob("*") if p.is_file()):
            rel = normalise(str(path.relative_to(scratch)).encode(), scratch).decode()
            print(f"file {rel}: {sha(canonical(path, scratch))}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
