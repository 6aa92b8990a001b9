"""The pure helpers behind `plantrack serve`: suggestions, names, rules, paths inside the store."""

from __future__ import annotations

import csv
import io

import pytest

from plantrack.errors import UsageError
from plantrack.serve.app import is_loopback, next_periods
from plantrack.serve.review import checked_rule, rules_text
from plantrack.serve.runs import safe_name
from plantrack.serve.store_view import downloads, inside


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        ("", []),
        ("2025-Q2", ["2025-Q3", "2025/26-Q2"]),  # July-September 2025 both ways
        ("2025-Q4", ["2026-Q1", "2025/26-Q4"]),  # January-March 2026
        ("2025/26-Q1", ["2025/26-Q2", "2025-Q3"]),
        ("2025/26-Q4", ["2026/27-Q1", "2026-Q2"]),  # April-June 2026
    ],
)
def test_the_next_quarter_is_suggested_in_its_own_naming_first(latest, expected) -> None:
    assert next_periods(latest) == expected


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("plan.docx", "plan.docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\officer\\Appendix A.pdf", "Appendix A.pdf"),
        ("a\x1b[31mb.pdf", "a[31mb.pdf"),
        ("", "upload"),
        ("..", "upload"),
    ],
)
def test_an_uploaded_name_keeps_no_folder_or_control_character(given, kept) -> None:
    assert safe_name(given) == kept


def test_rules_are_written_in_compares_columns_and_read_back() -> None:
    rule = checked_rule("Forbid", " ACT-0001 ", "1.1", "two\nactions")
    assert rule == {"rule": "forbid", "old": "ACT-0001", "new": "1.1", "note": "two actions"}
    text = rules_text([rule])
    assert text.splitlines()[0] == "rule,old,new,note"
    assert list(csv.DictReader(io.StringIO(text))) == [rule]


@pytest.mark.parametrize(
    ("rule", "old", "new"),
    [("merge", "ACT-0001", "1.1"), ("force", "", "1.1"), ("force", "1", " ")],
)
def test_a_bad_rule_is_a_usage_error(rule, old, new) -> None:
    with pytest.raises(UsageError):
        checked_rule(rule, old, new, "")


def test_only_regular_files_inside_the_store_are_handed_out(tmp_path) -> None:
    store = tmp_path / "store"
    (store / "reports" / "2025-Q1").mkdir(parents=True)
    (store / "reports" / "2025-Q1" / "report.md").write_text("ok")
    (tmp_path / "secret").write_text("no")
    (store / "reports" / "2025-Q1" / "report.html").symlink_to(tmp_path / "secret")
    assert inside(store, "reports/2025-Q1/report.md") == (store / "reports/2025-Q1/report.md")
    assert inside(store, "reports/2025-Q1/report.html") is None  # leads out of the store
    assert inside(store, "../secret") is None
    assert inside(store, "reports/2025-Q1") is None  # a folder


def test_downloads_of_a_financial_quarter_use_its_file_name() -> None:
    names = {d.name: d.relative for d in downloads("2025/26-Q1")}
    assert names["report.pptx"] == "reports/2025-26-Q1/report.pptx"
    assert names["snapshot.parquet"] == "snapshots/2025-26-Q1.parquet"
    assert all("/" not in d.download_name for d in downloads("2025/26-Q1"))


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
    ],
)
def test_only_loopback_addresses_count_as_this_computer_only(host, local) -> None:
    assert is_loopback(host) is local
