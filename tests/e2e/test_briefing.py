"""The briefing page in headless Chromium: the arrow keys step through the four places."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from safetymap.intake.places import load_places
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


def test_the_briefing_pack_downloads_with_the_pages_filters(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}lagesbild?place=klara&status=completed")
    wait_for_app(page)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ladda ner lägesbild (PDF)").click()
    assert download.value.suggested_filename.startswith("lagesbild-")
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(download.value.path()).pages]
    assert len(pages) == 5  # the cover and the four places: the place filter picks the page only
    assert "Urval: " in pages[0] and "genomförd" in pages[0]
    klara = next(p for p in pages[1:] if " Klara Stockholm · Data per " in p)
    figures = re.search(r"(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) Genomförda Pågående", klara)
    assert figures and int(figures.group(1)) > 0 and figures.group(2, 3, 4) == ("0", "0", "0")
    with page.expect_download(timeout=60_000) as offline:
        page.get_by_role("button", name="Ladda ner karta och tidslinjer (HTML)").click()
    html = Path(offline.value.path()).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<section id="klara">' in html
