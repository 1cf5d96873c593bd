"""The timeline page in headless Chromium: a bar is a labelled element that selects its measure."""

from __future__ import annotations

import csv
import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ROOT, wait_for_app

SHIPPED = ROOT / "measures.csv"


def shipped(measure_id: str) -> dict[str, str]:
    with SHIPPED.open(encoding="utf-8", newline="") as file:
        return next(row for row in csv.DictReader(file) if row["id"] == measure_id)


def test_clicking_a_bar_selects_its_measure_on_every_page(page: Page, app_url: str) -> None:
    measure = shipped("jakobsberg-medborgarlofte-2019-2020")
    page.goto(f"{app_url}tidslinje?place=jakobsberg")
    wait_for_app(page)
    bars = page.locator(f'[role="graphics-symbol"][aria-label^="{measure["title"]}: "]')
    expect(bars.first).to_be_visible()
    bars.first.click()
    expect(page).to_have_url(re.compile(rf"tidslinje\?.*measure={measure['id']}"))
    selected = page.get_by_role("heading", name="Vald åtgärd", exact=True)
    expect(selected).to_be_visible()
    page.get_by_role("link", name="Karta").click()
    expect(page).to_have_url(re.compile(rf"measure={measure['id']}"))
    expect(selected).to_be_visible()
    expect(page.get_by_text(measure["title"], exact=True).first).to_be_visible()
