"""#12: hostile PDFs are refused quickly, with one clear line, exit 4, the store untouched.

The reference-loop PDFs are committed (samples/bad/attacks/, written byte by byte by
samples/make_attacks.py); the bombs (100k pages, a page of 500k characters, a stream that
inflates to 1 GB) are built here at run time from the same byte-level writer.
"""

from __future__ import annotations

import importlib.util
import io
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

import ingest
from plantrack.cli import main
from tests.test_store import tree_hashes

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
ATTACKS = SAMPLES / "bad" / "attacks"

_spec = importlib.util.spec_from_file_location("make_attacks", SAMPLES / "make_attacks.py")
assert _spec and _spec.loader
make_attacks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_attacks)

LOOPS = sorted(p.name for p in ATTACKS.glob("loop-*.pdf"))
LIMIT_HINT = "(limit {bound}; raise it with --limit {name}=N)"


def run_cli(*argv: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def make_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one real quarter, which no refusal may change."""
    root = tmp_path_factory.mktemp("sec") / "store"
    code, _, err = run_cli("run", SAMPLES / "2024-Q4" / "plan.docx", "--period", "2024-Q4",
                           "--store", root)  # fmt: skip
    assert code == 0, err
    return root


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_store(tmp_path_factory)


def refused(path: Path, store: Path, *extra: object) -> str:
    """Run `path` into `store`; assert exit 4, one Error line, the store byte for byte the
    same; return the message after 'Error: PATH: '."""
    before = tree_hashes(store)
    code, out, err = run_cli("run", path, "--period", "2025-Q1", "--store", store, *extra)
    assert (code, out) == (4, ""), err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert tree_hashes(store) == before
    prefix = f"Error: {path}: "
    assert err.startswith(prefix), err
    return err[len(prefix) : -1]


def test_the_committed_attack_files_are_what_the_builder_writes() -> None:
    for name, data in make_attacks.ATTACKS.items():
        assert (ATTACKS / name).read_bytes() == data, name
        assert len(data) < 800  # "a 600-byte PDF"


@pytest.mark.parametrize("name", LOOPS)
def test_reference_loop_is_refused_in_under_a_second(name: str) -> None:
    """6 0 obj 6 0 R (or 6 -> 7 -> 6), reached from the page tree, /Kids, /Contents or
    /MediaBox, used to spin for ever; now `read_plan` refuses it at once."""
    path = ATTACKS / name
    with pytest.raises(ingest.IngestError):  # warm: first-use imports are not the loop's cost
        ingest.read_plan(ATTACKS / "page-tree-cycle.pdf", settings={"jobs": 1})
    start = time.perf_counter()
    with pytest.raises(ingest.CorruptDocumentError) as info:
        ingest.read_plan(path, settings={"jobs": 1})
    assert time.perf_counter() - start < 1.0
    chain = "6 -> 6" if "-self-" in name else "6 -> 7 -> 6"
    assert str(info.value) == f"{path}: corrupt PDF: a reference loop (objects {chain})"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["loop-self-kids.pdf", "loop-two-contents.pdf"])
def test_reference_loop_through_the_cli_leaves_the_store_alone(name: str, store: Path) -> None:
    chain = "6 -> 6" if "-self-" in name else "6 -> 7 -> 6"
    assert refused(ATTACKS / name, store) == f"corrupt PDF: a reference loop (objects {chain})"


@pytest.mark.slow
def test_a_reference_loop_ends_by_itself_as_a_command(tmp_path: Path) -> None:
    """The whole command, as a user runs it, ends by itself with the one line."""
    path = ATTACKS / "loop-two-pages.pdf"
    command = [sys.executable, "-m", "plantrack.cli", "extract", str(path)]
    done = subprocess.run(
        [*command, "-o", str(tmp_path / "x.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 4
    assert done.stderr.splitlines()[-1] == (
        f"Error: {path}: corrupt PDF: a reference loop (objects 6 -> 7 -> 6)"
    )


@pytest.mark.slow
def test_the_first_ctrl_c_stops_a_read(tmp_path: Path) -> None:
    """SIGINT while a real sample is being read: the command stops at once (exit 130)."""
    sample = SAMPLES / "2025-Q1" / "plan-libreoffice.pdf"
    out = tmp_path / "x.csv"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "plantrack.cli",
            "extract",
            "--jobs",
            "1",
            str(sample),
            "-o",
            str(out),
        ],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    start = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert time.perf_counter() - start < 5
    assert proc.returncode == 130, err
    assert err.splitlines()[-1] == "Error: interrupted"
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("page-tree-cycle.pdf", "no action-plan table found"),
        ("javascript-action.pdf", "no action-plan table found"),
    ],
)
def test_attacks_that_held_still_hold(name: str, message: str, store: Path) -> None:
    """A page tree whose /Kids lead back to the root is read once; JavaScript is never run."""
    assert refused(ATTACKS / name, store) == message


# --------------------------------------------------------------------------- bombs


def _pages_pdf(n: int) -> bytes:
    """n pages sharing one content stream: 100k pages in ~5 MB."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"
    return make_attacks.pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n),
            make_attacks.stream(b"BT /F1 12 Tf 72 720 Td (x) Tj ET"),
            make_attacks._FONT,
            *([page] * n),
        ]
    )


def _page_with(content: bytes, *, flate: bool) -> bytes:
    data = zlib.compress(content, 9) if flate else content
    return make_attacks.pdf_bytes(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            make_attacks.stream(data, b" /Filter /FlateDecode" if flate else b""),
            make_attacks._FONT,
        ]
    )


@pytest.mark.slow
def test_a_pdf_of_100k_pages_is_refused_before_any_page_is_read(
    tmp_path: Path, store: Path
) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pages_pdf(100_000))
    start = time.perf_counter()
    message = refused(path, store)
    assert time.perf_counter() - start < 15  # was 234 s
    assert message == "over the reading limit: more than 1000 pages " + LIMIT_HINT.format(
        bound=1000, name="pages"
    )


def test_the_page_limit_is_exact_and_settable(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    path.write_bytes(_pages_pdf(6))
    with pytest.raises(ingest.LimitExceededError, match="more than 5 pages"):
        ingest.read_plan(path, settings={"jobs": 1, "limits": {"pages": 5}})
    with pytest.raises(ingest.NoActionTableError):  # 6 pages pass a limit of 6
        ingest.read_plan(path, settings={"jobs": 1, "limits": {"pages": 6}})


def _rss_of(code: str) -> tuple[str, int]:
    """Run `code` in a fresh interpreter; its last line of output and its own peak RSS in
    MB. The child reads its own high-water mark (VmHWM, of the memory it has since exec):
    RUSAGE_CHILDREN is the largest child the test process ever waited for, and ru_maxrss
    keeps the forked copy of a test process that has grown large over the suite."""
    measured = code + (
        "\nfrom pathlib import Path\n"
        "hwm = [l for l in Path('/proc/self/status').read_text().splitlines()"
        " if l.startswith('VmHWM:')]\n"
        "print('peak-rss-kb', hwm[0].split()[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", measured], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    lines = done.stdout.strip().splitlines()
    assert lines and lines[-1].startswith("peak-rss-kb "), done.stderr
    peak = int(lines[-1].split()[1]) // 1024
    return (lines[:-1] or [done.stderr])[-1], peak


_READ = """
import ingest, sys
try:
    ingest.read_plan(sys.argv[1] if len(sys.argv) > 1 else {path!r}, settings={{"jobs": 1}})
except ingest.IngestError as exc:
    print(exc.message)
"""


@pytest.mark.slow
def test_a_page_of_500k_characters_stops_at_the_limit_in_bounded_memory(tmp_path: Path) -> None:
    """One page of 500,000 characters took 1.1 GB; layout now stops at 100,000."""
    path = tmp_path / "chars.pdf"
    text = b"BT /F1 4 Tf 10 10 Td " + b"(abcdefghij) Tj " * 50_000 + b"ET"
    path.write_bytes(_page_with(text, flate=True))
    start = time.perf_counter()
    message, peak = _rss_of(_READ.format(path=str(path)))
    assert message == "over the reading limit: page 1 has more than 100000 characters " + (
        LIMIT_HINT.format(bound=100000, name="page_chars")
    )
    assert time.perf_counter() - start < 60
    assert peak < 700, peak


@pytest.mark.slow
def test_a_stream_inflating_to_1_gb_is_refused_before_it_is_inflated(
    tmp_path: Path, store: Path
) -> None:
    """A 1 MB FlateDecode content stream of 1 GB took 2.1 GB of memory; it is now measured
    in 1 MB steps, keeping nothing, and refused past 100 MB."""
    path = tmp_path / "stream.pdf"
    inflater = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    data = b"".join(inflater.compress(chunk) for _ in range(1024)) + inflater.flush()
    path.write_bytes(
        make_attacks.pdf_bytes(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
                make_attacks.stream(data, b" /Filter /FlateDecode"),
            ]
        )
    )
    assert path.stat().st_size < 2 << 20
    message = refused(path, store)
    assert message == (
        "over the reading limit: PDF stream (object 4) inflates to more than 100 MB "
        + LIMIT_HINT.format(bound="100 MB", name="member_mb")
    )


def test_the_time_budget_stops_a_slow_document_in_one_process_and_in_workers() -> None:
    """A real 10-page sample under a budget too small for it: refused, whether its pages are
    read here (jobs=1) or in worker processes (jobs=2), soon after the budget ends."""
    path = SAMPLES / "2025-Q1" / "plan-libreoffice.pdf"
    for jobs in (1, 2):
        start = time.perf_counter()
        with pytest.raises(ingest.LimitExceededError) as info:
            ingest.read_plan(path, settings={"jobs": jobs, "limits": {"seconds": 0.3}})
        assert time.perf_counter() - start < 5
        assert str(info.value) == (
            f"{path}: over the reading limit: reading took more than 0.3 s "
            + LIMIT_HINT.format(bound="0.3 s", name="seconds")
        )


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(store: Path) -> None:
    path = SAMPLES / "2025-Q1" / "plan-libreoffice.pdf"
    size = path.stat().st_size / 2**20
    message = refused(path, store, "--limit", "file_mb=0.01")
    assert message == f"over the reading limit: file is {size:.1f} MB " + LIMIT_HINT.format(
        bound="0.01 MB", name="file_mb"
    )


@pytest.mark.slow
def test_ordinary_samples_read_the_same_under_the_default_limits() -> None:
    """The guards change nothing for a real plan (same actions with and without them)."""
    path = SAMPLES / "2025-Q1" / "plan-libreoffice.pdf"
    wide = {"pages": 10**6, "page_chars": 10**8, "member_mb": 10**5, "seconds": 0}
    assert (
        ingest.read_plan(path).actions == ingest.read_plan(path, settings={"limits": wide}).actions
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (
            "bogus=1",
            "use NAME=N with NAME one of file_mb, pages, rows, page_chars, member_mb, "
            "seconds: 'bogus=1'",
        ),
        ("pages=0", "limit pages must be positive, got 0"),
        ("rows=1.5", "limit rows needs a number: 'rows=1.5'"),
    ],
)
def test_a_bad_limit_option_is_a_usage_error(option: str, message: str, tmp_path: Path) -> None:
    code, _, err = run_cli("extract", ATTACKS / "loop-self-kids.pdf", "-o", tmp_path / "o.csv",
                           "--limit", option)  # fmt: skip
    assert code == 2
    assert err == f"Error: argument --limit: {message} (see 'plantrack extract --help')\n"
