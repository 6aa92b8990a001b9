"""The JSON API of `plantrack serve`, over HTTP against the app started as a process.

Refusals must carry the CLI's exact one-line message and leave the store byte for byte as
it was; runs must store what `plantrack run` stores and link files from inside the store.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import time
from pathlib import Path

import pytest

from plantrack.cli import main
from tests._serve import PERIODS, PLANTRACK, SAMPLES, running_server, tree_digest


def _cli_error(argv: list[str], cwd: Path) -> str:
    """The message `plantrack` prints for a refusal, without its `Error: ` prefix."""
    err = io.StringIO()
    here = Path.cwd()
    os.chdir(cwd)
    try:
        code = main(argv, stdout=io.StringIO(), stderr=err)
    finally:
        os.chdir(here)
    assert code != 0
    line = err.getvalue().strip()
    assert line.startswith("Error: ") and "\n" not in line
    return line.removeprefix("Error: ")


def _upload(client, path: Path, period: str):
    with path.open("rb") as fh:
        return client.post("/api/runs", files={"file": (path.name, fh)}, data={"period": period})


# --------------------------------------------------------------------------- a fresh store


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    store = tmp_path_factory.mktemp("serve-fresh") / "plantrack-store"
    with running_server(store) as server:
        yield server


@pytest.mark.slow
def test_banner_says_where_and_that_only_this_computer_can_open_it(fresh) -> None:
    assert f"open {fresh.url}/ in your browser" in fresh.banner
    assert "Only this computer can open it" in fresh.banner
    assert "--host 0.0.0.0" in fresh.banner and "no login" in fresh.banner


def test_no_store_yet_lists_no_periods_and_creates_nothing(fresh) -> None:
    with fresh.client() as c:
        r = c.get("/api/periods")
    assert r.status_code == 200 and r.json() == {"periods": []}
    assert not fresh.store.exists()


def test_invalid_period_is_the_cli_message_and_creates_no_store(fresh, tmp_path) -> None:
    doc = SAMPLES / "2024-Q4" / "plan.docx"
    with fresh.client() as c:
        r = _upload(c, doc, "2025-Q5")
    expected = _cli_error(["run", str(doc), "--period", "2025-Q5"], tmp_path)
    assert r.status_code == 400
    assert r.json() == {"error": expected}
    assert not fresh.store.exists()


def test_corrupt_document_is_the_cli_message_naming_the_upload(fresh) -> None:
    bad = SAMPLES / "bad" / "corrupt.docx"
    with fresh.client() as c:
        r = _upload(c, bad, "2024-Q4")
    store = fresh.store
    expected = _cli_error(
        ["run", bad.name, "--period", "2024-Q4", "--store", str(store)], bad.parent
    )
    assert r.status_code == 422
    assert r.json()["error"] == expected
    assert bad.name in expected and ".staging" not in expected
    assert not store.exists(), "a refused first upload leaves no store folder (nor staging)"


@pytest.mark.slow
def test_upload_over_the_limit_is_refused_with_413(tmp_path) -> None:
    big = SAMPLES / "2024-Q4" / "plan.docx"
    assert big.stat().st_size > 0.01 * 1024 * 1024
    store = tmp_path / "plantrack-store"
    with running_server(store, "--max-upload-mb", "0.01") as server, server.client() as c:
        r = _upload(c, big, "2024-Q4")
    assert r.status_code == 413
    assert "larger than the limit of 0.01 MB" in r.json()["error"]
    assert not store.exists()


def test_missing_file_field_is_a_usage_refusal(fresh) -> None:
    with fresh.client() as c:
        r = c.post("/api/runs", data={"period": "2024-Q4"})
    assert r.status_code == 400
    assert r.json() == {"error": "choose the appendix to upload (PDF, DOCX or XLSX)"}


def test_unknown_period_is_a_404_with_the_message(fresh) -> None:
    with fresh.client() as c:
        r = c.get("/api/periods/2030-Q1")
    assert r.status_code == 404
    assert (
        r.json()["error"].startswith("no plantrack store at")
        or "not in the store" in (r.json()["error"])
    )


# --------------------------------------------------------------------------- three quarters


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The three DOCX sample quarters uploaded in order through the API."""
    store = tmp_path_factory.mktemp("serve-api") / "plantrack-store"
    with running_server(store) as server:
        with server.client() as c:
            answers = [_upload(c, SAMPLES / p / "plan.docx", p) for p in PERIODS]
        yield server, answers


@pytest.mark.slow
def test_runs_answer_with_period_counts_and_links_as_stored(loaded) -> None:
    server, answers = loaded
    manifest = __import__("json").loads((server.store / "manifest.json").read_text())
    entries = {e["period"]: e for e in manifest["entries"]}
    for period, r in zip(PERIODS, answers, strict=True):
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["period"] == period
        assert body["actions"] == entries[period]["actions"]
        for status in ("Red", "Amber", "Green", "Blue"):
            assert body["counts"][status] == entries[period]["counts"][status]
        assert body["links"]["page"] == f"/periods/{period}"
    assert answers[0].json()["previous_period"] == ""
    assert "changes.csv" not in answers[0].json()["links"]["files"]  # a first quarter has none
    assert answers[2].json()["previous_period"] == "2025-Q1"
    assert answers[2].json()["changes"] > 0


@pytest.mark.slow
def test_each_quarter_names_the_kept_document_it_was_read_from(loaded) -> None:
    """Provenance: the manifest and every action name a file still there after the upload."""
    server, _ = loaded
    manifest = __import__("json").loads((server.store / "manifest.json").read_text())
    for entry in manifest["entries"]:
        kept = server.store.resolve() / "documents" / entry["period"] / "plan.docx"
        assert entry["source_file"] == str(kept)
        assert kept.read_bytes() == (SAMPLES / entry["period"] / "plan.docx").read_bytes()
        with (server.store / "snapshots" / f"{entry['period']}.csv").open(
            encoding="utf-8-sig"
        ) as fh:
            assert {row["source_file"] for row in csv.DictReader(fh)} == {str(kept)}
    assert sorted(p.name for p in (server.store / "documents").iterdir()) == list(PERIODS)


@pytest.mark.slow
def test_every_link_serves_the_stored_file_byte_for_byte(loaded) -> None:
    server, answers = loaded
    stored = {
        "report.html": "reports/2025-Q2/report.html",
        "report.md": "reports/2025-Q2/report.md",
        "report.pptx": "reports/2025-Q2/report.pptx",
        "changes.xlsx": "reports/2025-Q2/changes.xlsx",
        "changes.csv": "reports/2025-Q2/changes.csv",
        "snapshot.xlsx": "snapshots/2025-Q2.xlsx",
        "snapshot.csv": "snapshots/2025-Q2.csv",
        "snapshot.parquet": "snapshots/2025-Q2.parquet",
    }
    links = answers[2].json()["links"]["files"]
    assert set(links) == set(stored)
    with server.client() as c:
        for name, relative in stored.items():
            r = c.get(links[name])
            assert r.status_code == 200, name
            assert r.content == (server.store / relative).read_bytes(), name
    assert (server.store / stored["snapshot.parquet"]).read_bytes()[:4] == b"PAR1"


@pytest.mark.slow
def test_periods_list_and_one_period_agree(loaded) -> None:
    server, _ = loaded
    with server.client() as c:
        listed = c.get("/api/periods").json()["periods"]
        one = c.get("/api/periods/2025-Q1").json()
    assert [p["period"] for p in listed] == list(PERIODS)
    assert one == listed[1]


@pytest.mark.slow
def test_duplicate_period_is_the_cli_message_and_the_store_is_byte_identical(loaded, tmp_path):
    server, _ = loaded
    doc = SAMPLES / "2025-Q2" / "plan.docx"
    before = tree_digest(server.store)
    with server.client() as c:
        r = _upload(c, doc, "2025-Q2")
    expected = _cli_error(
        ["run", doc.name, "--period", "2025-Q2", "--store", str(server.store)], doc.parent
    )
    assert r.status_code == 409
    assert r.json() == {"error": expected}
    assert tree_digest(server.store) == before


@pytest.mark.slow
def test_same_file_under_a_new_period_is_refused_and_the_store_is_byte_identical(loaded):
    server, _ = loaded
    doc = SAMPLES / "2025-Q2" / "plan.docx"
    before = tree_digest(server.store)
    with server.client() as c:
        r = _upload(c, doc, "2025-Q3")
    assert r.status_code == 409
    assert r.json()["error"] == (
        f"{doc.name} is the same file as 2025-Q2 in the store (same SHA-256), not a new plan "
        "for 2025-Q3; use --force to store it as 2025-Q3 anyway"
    )
    assert tree_digest(server.store) == before


@pytest.mark.slow
def test_files_outside_the_fixed_names_are_never_served(loaded) -> None:
    server, _ = loaded
    (server.store.parent / "secret.txt").write_text("not for the web")
    with server.client() as c:
        for path in (
            "/periods/2025-Q2/files/manifest.json",
            "/periods/2025-Q2/files/..%2F..%2Fmanifest.json",
            "/periods/2025-Q2/files/..%2F..%2F..%2Fsecret.txt",
            "/periods/..%2F..%2Fsecret.txt/files/report.html",
        ):
            r = c.get(path)
            assert r.status_code == 404, path
            assert b"not for the web" not in r.content


@pytest.mark.slow
def test_a_symlink_leading_out_of_the_store_is_not_followed(loaded) -> None:
    server, _ = loaded
    secret = server.store.parent / "outside.md"
    secret.write_text("outside the store")
    target = server.store / "reports" / "2024-Q4" / "report.md"
    saved = target.read_bytes()
    target.unlink()
    target.symlink_to(secret)
    try:
        with server.client() as c:
            r = c.get("/periods/2024-Q4/files/report.md")
        assert r.status_code == 404
    finally:
        target.unlink()
        target.write_bytes(saved)


@pytest.mark.slow
def test_the_report_is_served_with_a_policy_that_runs_no_script(loaded) -> None:
    server, _ = loaded
    with server.client() as c:
        report = c.get("/periods/2025-Q2/files/report.html")
        page = c.get("/periods/2025-Q2")
    csp = report.headers["content-security-policy"]
    assert "sandbox" in csp and "script-src" not in csp and "default-src 'none'" in csp
    assert "script-src" not in page.headers["content-security-policy"]  # none: default 'none'
    assert '<iframe class="report"' in page.text and "sandbox" in page.text


@pytest.mark.slow
def test_reflected_text_is_escaped(loaded) -> None:
    server, _ = loaded
    with server.client() as c:
        r = c.get("/actions/<img src=x onerror=alert(1)>")
    assert r.status_code == 404
    assert "<img src=x" not in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text


@pytest.mark.slow
def test_split_in_the_overrides_editor_writes_the_rule_and_recompares(loaded) -> None:
    server, _ = loaded
    changes = server.store / "reports" / "2025-Q2" / "changes.csv"
    with server.client() as c:
        r = c.post(
            "/overrides",
            data={"rule": "forbid", "old": "ACT-0001", "new": "1.1", "note": "two actions"},
        )
        assert r.status_code == 303, r.text
        with (server.store / "overrides.csv").open(encoding="utf-8-sig", newline="") as fh:
            rules = list(csv.DictReader(fh))
        assert rules == [{"rule": "forbid", "old": "ACT-0001", "new": "1.1", "note": "two actions"}]
        with changes.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert {"change": "removed", "action_id": "ACT-0001"}.items() <= next(
            r for r in rows if r["action_id"] == "ACT-0001"
        ).items()
        added = [r for r in rows if r["change"] == "added" and r["ref_after"] == "1.1"]
        assert len(added) == 1 and added[0]["action_id"] != "ACT-0001"
        page = c.get("/overrides")
        assert "forbid" in page.text and "ACT-0001" in page.text
        # removing the rule compares again: ACT-0001 is 1.1 once more
        assert c.post("/overrides", data={"remove": "0"}).status_code == 303
    with changes.open(encoding="utf-8-sig", newline="") as fh:
        assert not any(
            r["action_id"] == "ACT-0001" and r["change"] == "removed" for r in csv.DictReader(fh)
        )
    assert "forbid" not in (server.store / "overrides.csv").read_text()


@pytest.mark.slow
def test_a_bad_rule_is_refused_in_the_page_and_changes_nothing(loaded) -> None:
    server, _ = loaded
    before = tree_digest(server.store)
    with server.client() as c:
        r = c.post("/overrides", data={"rule": "merge", "old": "ACT-0001", "new": "1.1"})
    assert r.status_code == 400
    assert "Error: rule must be one of" in r.text
    assert tree_digest(server.store) == before


@pytest.mark.slow
def test_the_form_upload_reads_in_the_background_and_reports_its_state(tmp_path) -> None:
    store = tmp_path / "plantrack-store"
    doc = SAMPLES / "2024-Q4" / "plan.docx"
    with running_server(store) as server, server.client() as c:
        with doc.open("rb") as fh:
            r = c.post("/add", files={"file": (doc.name, fh)}, data={"period": "2024-Q4"})
        assert r.status_code == 303
        job = r.headers["location"].rsplit("/", 1)[-1]
        states = []
        for _ in range(600):
            status = c.get(f"/api/runs/{job}").json()
            states.append(status["state"])
            if status["state"] in ("done", "error"):
                break
            time.sleep(0.1)
        assert status == {
            "id": job,
            "period": "2024-Q4",
            "file": "plan.docx",
            "state": "done",
            "pages_done": status["pages_done"],
            "pages_total": status["pages_total"],
            "error": "",
        }
        assert set(states) <= {"waiting", "reading", "done"}
        page = c.get(f"/runs/{job}")
        assert page.status_code == 303
        assert page.headers["location"] == f"/periods/2024-Q4?run={job}"
        assert c.get("/api/runs/nope").status_code == 404


@pytest.mark.slow
def test_uploads_sent_back_to_back_all_run(tmp_path) -> None:
    """The second upload waits while the first one's save cleans the store's staging."""
    store = tmp_path / "plantrack-store"
    with running_server(store) as server, server.client() as c:
        jobs = []
        for period in PERIODS:
            with (SAMPLES / period / "plan.docx").open("rb") as fh:
                r = c.post("/add", files={"file": ("plan.docx", fh)}, data={"period": period})
            jobs.append(r.headers["location"].rsplit("/", 1)[-1])
        for job in jobs:
            for _ in range(900):
                status = c.get(f"/api/runs/{job}").json()
                if status["state"] in ("done", "error"):
                    break
                time.sleep(0.1)
            assert (status["state"], status["error"]) == ("done", ""), status
        assert [p["period"] for p in c.get("/api/periods").json()["periods"]] == list(PERIODS)
    assert not (store / "documents" / ".incoming").exists()


def test_listening_for_others_warns_that_there_is_no_login(tmp_path) -> None:
    with running_server(tmp_path / "plantrack-store", "--host", "0.0.0.0") as server:
        assert "Warning: listening on 0.0.0.0: there is no login" in server.banner


@pytest.mark.slow
def test_a_port_in_use_is_one_error_line_and_exit_2(fresh, tmp_path) -> None:
    port = fresh.url.rsplit(":", 1)[1]
    done = subprocess.run(
        [str(PLANTRACK), "serve", "--port", port, "--store", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"Error: cannot listen on 127.0.0.1:{port} (")
    assert done.stderr.count("\n") == 1


def test_a_post_from_another_web_site_is_refused_and_changes_nothing(fresh) -> None:
    doc = SAMPLES / "2024-Q4" / "plan.docx"
    with fresh.client() as c, doc.open("rb") as fh:
        r = c.post(
            "/add",
            files={"file": (doc.name, fh)},
            data={"period": "2024-Q4"},
            headers={"Origin": "http://evil.example"},
        )
    assert r.status_code == 403
    assert r.json() == {"error": "refused: the request came from another web site"}
    assert not fresh.store.exists()


def test_a_host_other_than_this_computer_is_refused_when_local_only(fresh) -> None:
    with fresh.client() as c:
        r = c.get("/api/periods", headers={"Host": "rebound.example"})
    assert r.status_code == 400
    assert "this plantrack serve answers only at 127.0.0.1" in r.json()["error"]


@pytest.mark.slow
def test_a_financial_year_quarter_is_named_with_a_slash_and_filed_without_one(tmp_path) -> None:
    store = tmp_path / "plantrack-store"
    with running_server(store) as server, server.client() as c:
        r = _upload(c, SAMPLES / "2024-Q4" / "plan.docx", "2024/25-Q3")  # October-December 2024
        assert r.status_code == 201, r.text
        body = r.json()
        assert body["period"] == "2024/25-Q3"
        assert body["links"]["page"] == "/periods/2024-25-Q3"
        assert body["links"]["files"]["report.pptx"] == "/periods/2024-25-Q3/files/report.pptx"
        by_slash = c.get("/api/periods/2024/25-Q3").json()
        assert by_slash == c.get("/api/periods/2024-25-Q3").json()
        assert by_slash["period"] == "2024/25-Q3" and by_slash["actions"] == body["actions"]
        page = c.get("/periods/2024-25-Q3")
        assert page.status_code == 200
        assert "financial year 2024/25, quarter 3 (October–December 2024)" in page.text
        deck = c.get(body["links"]["files"]["report.pptx"])
        assert deck.content == (store / "reports" / "2024-25-Q3" / "report.pptx").read_bytes()
        # the same months under the calendar name are refused, as by the CLI
        again = _upload(c, SAMPLES / "2025-Q1" / "plan.docx", "2024-Q4")
    assert again.status_code == 409
    assert again.json()["error"].startswith("period 2024-Q4 covers the same months as 2024/25-Q3")
