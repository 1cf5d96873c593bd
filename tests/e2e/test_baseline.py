"""The benchmarks' baseline page (``bench/baseline``) draws its one symbol offline, as the
benchmark waits for it, so that the machine's floor it prints is a real first map."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from bench.baseline import start_baseline
from tests.e2e.conftest import map_frame


def test_the_baseline_page_draws_its_symbol_with_the_apps_own_leaflet(
    page: Page, offsite_requests: list[str]
) -> None:
    with start_baseline() as url:
        page.goto(url)
        expect(page.get_by_role("heading", name="Baseline")).to_be_visible()
        expect(map_frame(page).locator(".measure-symbol")).to_have_text("1")
        expect(map_frame(page).locator(".leaflet-container")).to_be_visible()
        page.close()
    assert offsite_requests == []
