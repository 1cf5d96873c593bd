"""What an analyst does in the browser: an Excel export to upload, signing in, publishing."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ROOT, wait_for_app

PASSWORD = "ett långt lösenord"
SHIPPED = ROOT / "measures.csv"
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


def read_rows(path: Path = SHIPPED) -> list[dict[str, str]]:
    """The rows of a measures file (the shipped one unless given)."""
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def write_rows(
    path: Path, rows: list[dict[str, str]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    """``rows`` as a CSV file at ``path`` (a spreadsheet's export: pass ``"cp1252"`` and
    ``";"`` for Swedish Excel)."""
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def excel_export(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The shipped rows as Swedish Excel saves them (``;``, Windows-1252), with one measure
    completed (no status date: the publish day counts) and one added."""
    rows = read_rows()
    changed = next(r for r in rows if r["id"] == CHANGED)
    assert changed["status"] == "ongoing" and not changed["status_date"]
    changed["status"] = "completed"
    rows.append({column: ADDED.get(column, "") for column in rows[0]})
    return write_rows(tmp_path / "åtgärder från Excel.csv", rows, "cp1252", ";"), changed


ENCODING = re.compile("Teckenkodning|Encoding")  # the report's first figure, sv or en


def metric(page: Page, label: str | re.Pattern[str]):
    return page.get_by_test_id("stMetric").filter(has_text=label)


def choose_file(page: Page, path: Path) -> None:
    """On the upload page: choose ``path`` and wait until the page has read it, its report
    shown and the run that drew it ended.

    Waiting for the app alone is not enough: right after the file is chosen the page is
    still idle (the upload goes first, then the run starts), so what a test did next would
    race that run. ``test_publishing`` types into the sign-in during such a run on purpose.
    """
    page.locator('input[type="file"]').set_input_files(path)
    expect(metric(page, ENCODING)).to_be_visible()
    wait_for_app(page)


def sign_in_and_publish(page: Page, password: str, note: str, number: int) -> None:
    """On the upload page with a valid file chosen (``choose_file``): sign in as Anna
    Analytiker, publish."""
    page.get_by_label("Ditt namn (sparas med versionen)").fill("Anna Analytiker")
    page.get_by_label("Analytikerlösenord").fill(password)
    page.get_by_role("button", name="Logga in som analytiker").click()
    expect(page.get_by_text("Inloggad som analytiker: Anna Analytiker")).to_be_visible()
    page.get_by_label("Anteckning (varför, vad är nytt)").fill(note)
    page.get_by_role("button", name=f"Publicera som version {number}").click()
    expect(page.get_by_text(f"Version {number} är publicerad")).to_be_visible()
