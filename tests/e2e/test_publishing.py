"""An analyst publishes a Swedish Excel CSV in the browser; another session sees it at once."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from safetymap import auth
from tests.e2e.conftest import ROOT, wait_for_app
from tools.appserver import start_app

PASSWORD = "ett långt lösenord"
CHANGED = "kista-platssamverkan-busstorg"  # ongoing in the shipped data
ADDED = {
    "id": "kista-ny-belysning-2026",
    "title": "Ny belysning längs gångstråket",
    "place": "kista-busstorg",
    "kind": "measure",
    "measure_type": "lighting",
    "actors": "Trafikkontoret",
    "status": "planned",
    "source": "Analytikerns test",
}


@pytest.fixture(scope="module")
def analyst_app() -> Iterator[str]:
    """A server with an analyst password and its own empty store (seeded on first visit)."""
    with start_app({auth.HASH_ENV: auth.hash_password(PASSWORD)}) as url:
        yield url


def excel_export(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The shipped rows as Swedish Excel saves them (``;``, Windows-1252), with one measure
    completed (no status date: the publish day counts) and one added."""
    with (ROOT / "measures.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    changed = next(r for r in rows if r["id"] == CHANGED)
    assert changed["status"] == "ongoing" and not changed["status_date"]
    changed["status"] = "completed"
    rows.append({column: ADDED.get(column, "") for column in rows[0]})
    path = tmp_path / "åtgärder från Excel.csv"
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path, changed


def metric(page: Page, label: str):
    return page.get_by_test_id("stMetric").filter(has_text=label)


def test_upload_diff_publish_and_a_second_session_sees_it(
    analyst_app: str, page: Page, browser: Browser, tmp_path: Path
) -> None:
    path, changed = excel_export(tmp_path)
    page.goto(f"{analyst_app}ladda-upp")
    wait_for_app(page)
    expect(page.get_by_text("Versionen som gäller nu är version 1.")).to_be_visible()
    page.locator('input[type="file"]').set_input_files(path)

    expect(metric(page, "Teckenkodning")).to_contain_text("cp1252")
    expect(metric(page, "Avgränsare")).to_contain_text("semikolon")
    expect(page.get_by_text("Inga fel och inga varningar.")).to_be_visible()
    expect(metric(page, "Tillagda")).to_contain_text("1")
    expect(metric(page, "Borttagna")).to_contain_text("0")
    expect(metric(page, "Statusändringar")).to_contain_text("1")
    expect(page.get_by_role("heading", name="Förhandsgranskning på kartan")).to_be_visible()

    page.get_by_label("Ditt namn (sparas med versionen)").fill("Anna Analytiker")
    page.get_by_label("Analytikerlösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in som analytiker").click()
    expect(page.get_by_text("Inloggad som analytiker: Anna Analytiker")).to_be_visible()
    page.get_by_label("Anteckning (varför, vad är nytt)").fill("Platssamverkan klar")
    page.get_by_role("button", name="Publicera som version 2").click()
    expect(page.get_by_text("Version 2 är publicerad")).to_be_visible()

    # A second browser session, already open before the publish, sees the new version.
    other = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="sv-SE")
    try:
        viewer = other.new_page()
        viewer.goto(f"{analyst_app}tidslinje?place=kista")
        wait_for_app(viewer)
        completed = viewer.locator(
            f'[role="graphics-symbol"][aria-label^="{changed["title"]}: genomförd, "]'
        )
        expect(completed.first).to_be_attached()
        viewer.get_by_role("link", name="Historik", exact=True).click()
        # Data frames draw on a canvas; their cells are also in the page as text.
        versions, log = (
            viewer.get_by_test_id("stDataFrame").nth(0),
            viewer.get_by_test_id("stDataFrame").nth(1),
        )
        expect(versions).to_contain_text("Platssamverkan klar")
        expect(versions).to_contain_text("Anna Analytiker")
        expect(log).to_contain_text(changed["title"])
        # The Data page keeps the Kista filter and counts the added row.
        viewer.get_by_role("link", name="Data", exact=True).click()
        expect(viewer.get_by_test_id("stMetric").first).to_contain_text(
            re.compile(rf"^\D*{kista_rows() + 1}$")
        )
    finally:
        other.close()


def kista_rows() -> int:
    with (ROOT / "measures.csv").open(encoding="utf-8", newline="") as file:
        return sum(1 for row in csv.DictReader(file) if row["place"].startswith("kista"))
