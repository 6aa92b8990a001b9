"""`plantrack serve` driven in headless Chromium (Playwright), as an officer would use it.

The three DOCX sample quarters are uploaded in order through the "Add a quarter" form;
each lands on its report, whose downloads must be the store's files; refusals show the
CLI's one-line message in the page and leave the store byte for byte as it was.
"""

from __future__ import annotations

import json

import pytest

from tests._serve import PERIODS, SAMPLES, chromium, running_server, tree_digest

BROWSER = chromium()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        BROWSER is None, reason="no Chromium on this machine (apt-get install chromium)"
    ),
]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=BROWSER, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory, browser):
    """A server on a fresh store and one page; the quarters are uploaded by the first test."""
    store = tmp_path_factory.mktemp("serve-browser") / "plantrack-store"
    with running_server(store) as server:
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1200, "height": 900}
        )
        page = context.new_page()
        page.set_default_timeout(120_000)
        yield server, page
        context.close()


def _add(page, url: str, path, period: str) -> None:
    page.goto(url + "/add")
    page.set_input_files("#file", str(path))
    page.fill("#period", period)
    page.click("button[type=submit]")


def test_uploading_the_sample_quarters_in_order_lands_on_each_report(site) -> None:
    server, page = site
    seen: list[tuple[str, int]] = []
    page.on("response", lambda r: seen.append((r.url, r.status)))
    for period in PERIODS:
        _add(page, server.url, SAMPLES / period / "plan.docx", period)
        page.wait_for_url(f"**/periods/{period}?run=*")
        assert page.locator("h1").inner_text().startswith(period)
        frame = page.frame_locator("iframe.report")
        assert frame.locator("h1").inner_text() == f"EDI strategy action plan update — {period}"
    manifest = json.loads((server.store / "manifest.json").read_text())
    latest = manifest["entries"][-1]
    summary = page.locator("p.summary").inner_text()
    assert summary.startswith(f"{latest['actions']} actions:")
    for status in ("Red", "Amber", "Green", "Blue"):
        assert f"{status} {latest['counts'][status]}" in summary
    assert "compared with 2025-Q1" in summary
    # each upload went through its progress page, which redirected to the report when done
    runs = [status for url, status in seen if "/runs/" in url]
    assert runs.count(303) == len(PERIODS)
    assert (server.store / "documents" / "2025-Q2" / "plan.docx").is_file()
    assert not list(server.store.glob(".staging*")), "the upload's staging folder is removed"


def test_the_quarters_held_page_lists_every_period_with_counts(site) -> None:
    server, page = site
    page.goto(server.url + "/")
    rows = page.locator("table.grid tbody tr")
    assert rows.count() == len(PERIODS)
    manifest = json.loads((server.store / "manifest.json").read_text())
    for row, entry in zip(rows.all(), manifest["entries"], strict=True):
        cells = row.locator("td").all_inner_texts()
        assert cells[0] == entry["period"]
        assert cells[1] == str(entry["actions"])
        assert cells[2:6] == [str(entry["counts"][s]) for s in ("Red", "Amber", "Green", "Blue")]
        assert cells[8] == "plan.docx"


def test_each_download_is_the_stored_file(site, tmp_path) -> None:
    server, page = site
    page.goto(server.url + "/periods/2025-Q2")
    expected = {
        "report-2025-Q2.html": "reports/2025-Q2/report.html",
        "report-2025-Q2.md": "reports/2025-Q2/report.md",
        "report-2025-Q2.pptx": "reports/2025-Q2/report.pptx",
        "changes-2025-Q2.xlsx": "reports/2025-Q2/changes.xlsx",
        "changes-2025-Q2.csv": "reports/2025-Q2/changes.csv",
        "snapshot-2025-Q2.xlsx": "snapshots/2025-Q2.xlsx",
        "snapshot-2025-Q2.csv": "snapshots/2025-Q2.csv",
        "snapshot-2025-Q2.parquet": "snapshots/2025-Q2.parquet",
    }
    links = page.locator("ul.downloads a")
    assert links.count() == len(expected)
    got = set()
    for link in links.all():
        with page.expect_download() as info:
            link.click()
        download = info.value
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        relative = expected[download.suggested_filename]
        assert saved.read_bytes() == (server.store / relative).read_bytes(), relative
        got.add(download.suggested_filename)
    assert got == set(expected)


def test_one_actions_history_follows_its_id_across_the_quarters(site) -> None:
    server, page = site
    page.goto(server.url + "/actions")
    page.click("a:text-is('ACT-0001')")
    page.wait_for_url("**/actions/ACT-0001")
    rows = page.locator("table.history tbody tr")
    assert rows.count() == len(PERIODS)
    periods = [r.locator("td").first.inner_text() for r in rows.all()]
    assert periods == list(PERIODS)
    statuses = [r.locator("td .rag").inner_text() for r in rows.all()]
    assert statuses == ["Blue", "Amber", "Amber"]  # the 1.1 of the samples starts in 2025-Q1


@pytest.mark.parametrize(
    ("sample", "period", "message"),
    [
        (
            "2025-Q2/plan.docx",
            "2025-Q2",
            "period 2025-Q2 is already in the store {store}; use --force to replace it",
        ),
        ("bad/corrupt.docx", "2025-Q3", "corrupt.docx: "),
        ("bad/notes.pdf", "2025-Q3", "notes.pdf: "),
    ],
)
def test_a_refused_upload_shows_the_one_line_message_and_changes_nothing(
    site, sample, period, message
) -> None:
    server, page = site
    before = tree_digest(server.store)
    _add(page, server.url, SAMPLES / sample, period)
    page.wait_for_selector("p.error")
    shown = page.locator("main p.error").inner_text()
    assert shown.startswith("Error: " + message.format(store=server.store))
    assert "\n" not in shown and ".staging" not in shown
    assert "Nothing in the store was changed." in page.locator("main").inner_text()
    assert tree_digest(server.store) == before


def test_an_invalid_period_is_refused_in_the_form_itself(site) -> None:
    server, page = site
    before = tree_digest(server.store)
    _add(page, server.url, SAMPLES / "2025-Q2" / "plan.docx", "2025-Q5")
    shown = page.locator("main p.error").inner_text()
    assert shown == (
        "Error: invalid period '2025-Q5': use the form YYYY-Qn, e.g. 2025-Q3 (calendar), "
        "or YYYY/YY-Qn, e.g. 2025/26-Q1 (financial year from April)"
    )
    assert page.locator("#period").input_value() == "2025-Q5"  # kept for correcting
    assert tree_digest(server.store) == before


def test_the_add_form_suggests_the_next_quarter_in_both_namings(site) -> None:
    server, page = site
    page.goto(server.url + "/add")
    assert page.locator("#period").input_value() == "2025-Q3"
    options = page.locator("#suggested option").evaluate_all("os => os.map(o => o.value)")
    assert options == ["2025-Q3", "2025/26-Q2"]


def test_the_overrides_editor_saves_a_rule_recompares_and_removes_it(site) -> None:
    server, page = site
    changes = server.store / "reports" / "2025-Q2" / "changes.csv"
    page.goto(server.url + "/overrides")
    assert "2025-Q2 compared with 2025-Q1 (from plan.docx)" in page.locator("main").inner_text()
    page.select_option("#rule", "forbid")
    page.fill("#old", "ACT-0001")
    page.fill("#new", "1.1")
    page.fill("#note", "<b>two</b> actions")
    page.click("form.card button[type=submit]")
    page.wait_for_selector("p.ok")
    assert "2025-Q2 was compared again" in page.locator("p.ok").inner_text()
    cells = page.locator("table.grid tbody tr").last.locator("td").all_inner_texts()
    assert cells[:4] == ["forbid", "ACT-0001", "1.1", "<b>two</b> actions"]  # shown as text
    assert "ACT-0001,1.1,removed" not in changes.read_text()  # columns: change first
    assert any(
        line.startswith("removed,ACT-0001,1.1,") for line in changes.read_text().splitlines()
    )
    page.click("button[name=remove]")
    page.wait_for_selector("p.ok")
    assert "No rules yet." in page.locator("main").inner_text()
    assert not any(
        line.startswith("removed,ACT-0001,") for line in changes.read_text().splitlines()
    )


def test_a_document_over_the_upload_limit_is_refused_in_the_form(browser, tmp_path) -> None:
    store = tmp_path / "plantrack-store"
    with running_server(store, "--max-upload-mb", "0.01") as server:
        page = browser.new_page()
        _add(page, server.url, SAMPLES / "2024-Q4" / "plan.docx", "2024-Q4")
        shown = page.locator("main p.error").inner_text()
        page.close()
    assert shown == (
        "Error: the upload is larger than the limit of 0.01 MB; start plantrack serve with a "
        "larger --max-upload-mb to allow it"
    )
    assert not store.exists()


def test_an_earlier_quarter_added_later_offers_to_recompare_the_next_one(browser, tmp_path):
    store = tmp_path / "plantrack-store"
    with running_server(store) as server:
        page = browser.new_page()
        page.set_default_timeout(120_000)
        _add(page, server.url, SAMPLES / "2025-Q2" / "plan.docx", "2025-Q2")
        page.wait_for_url("**/periods/2025-Q2?run=*")
        tracked = SAMPLES / "word" / "2025-Q1" / "plan-tracked.docx"
        _add(page, server.url, tracked, "2025-Q1")
        page.wait_for_url("**/periods/2025-Q1?run=*")
        notes = page.locator("section.notes li").all_inner_texts()
        assert notes[0].startswith("plan-tracked.docx: the document has 63 unaccepted tracked")
        assert "Compare 2025-Q2 with 2025-Q1 now" in page.locator("main").inner_text()
        page.click("text=Compare 2025-Q2 with 2025-Q1 now")
        page.wait_for_selector("p.ok")
        assert "2025-Q2 was compared again" in page.locator("p.ok").inner_text()
        assert page.locator("text=Compare 2025-Q2 with 2025-Q1 now").count() == 0
        page.close()
    manifest = json.loads((store / "manifest.json").read_text())
    assert {e["period"]: e["previous_period"] for e in manifest["entries"]} == {
        "2025-Q1": "",
        "2025-Q2": "2025-Q1",
    }
    assert (store / "reports" / "2025-Q2" / "changes.csv").is_file()
