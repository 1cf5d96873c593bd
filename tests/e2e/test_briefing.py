"""The briefing page in headless Chromium: the arrow keys step through the four places."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from safetymap.places import load_places
from tests.e2e.conftest import MAP_IFRAME, ROOT, map_frame, wait_for_app


def test_arrow_keys_step_through_the_places_and_the_map_follows(page: Page, app_url: str) -> None:
    places = load_places(ROOT / "geodata" / "places.geojson")
    order, names = places.top_level(), {p.id: p.name for p in places.by_id.values()}
    page.goto(f"{app_url}lagesbild")
    wait_for_app(page)
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text(names[order[0]])
    expect(map_frame(page).locator(".leaflet-container")).to_be_attached()
    page.locator("body").press("ArrowRight")
    expect(title).to_have_text(names[order[1]])
    expect(page).to_have_url(re.compile(rf"lagesbild\?place={order[1]}$"))
    page.locator("body").press("ArrowLeft")
    expect(title).to_have_text(names[order[0]])
    page.locator("body").press("ArrowLeft")  # wraps around to the last place
    expect(title).to_have_text(names[order[-1]])
    expect(page.locator(MAP_IFRAME)).to_have_count(1)
