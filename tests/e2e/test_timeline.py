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


def test_in_a_narrow_window_the_time_axis_keeps_its_room_and_the_legend_fits(
    page: Page, app_url: str
) -> None:
    """A laptop window with the sidebar open leaves the timeline about 560 px: long titles are
    shortened rather than squeezing the years, and all six statuses stay in the legend."""
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(f"{app_url}tidslinje?place=klara&lang=en")
    wait_for_app(page)
    chart = page.get_by_test_id("stVegaLiteChart").first
    plot = chart.locator('[aria-roledescription="rect mark container"]').first
    titles = chart.locator('[aria-roledescription="axis"][aria-label^="Y-axis"]')
    expect(plot).to_be_visible()
    box, plot_box, titles_box = chart.bounding_box(), plot.bounding_box(), titles.bounding_box()
    assert plot_box["width"] >= titles_box["width"], (plot_box, titles_box)
    for status in ("planned", "ongoing", "completed", "cancelled", "active", "lifted"):
        label = chart.get_by_text(status, exact=True).bounding_box()
        assert label["x"] + label["width"] <= box["x"] + box["width"], (status, label, box)
