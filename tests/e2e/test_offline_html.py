"""The offline HTML copy opened from a file in Chromium with every request blocked: it
presents itself, one screen at a time, stepped with the keys a clicker sends."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Request, Route, expect

from safetymap.intake.places import Places
from safetymap.present import standalone
from tests.conftest import HOSTILE, briefing_data, with_hostile_row


def test_the_presentation_steps_with_the_keys_with_no_server_and_no_network(
    browser: Browser, places: Places, tmp_path: Path
) -> None:
    path = tmp_path / "trygghetskartan.html"
    data = briefing_data(places, with_hostile_row(places))
    path.write_text(standalone.offline_html(data), encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    requested: list[str] = []
    dialogs: list[str] = []

    def block(route: Route) -> None:
        if route.request.url == path.as_uri():
            route.continue_()
        else:
            requested.append(route.request.url)
            route.abort()

    context.route("**/*", block)
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    failed: list[Request] = []
    page.on("requestfailed", lambda request: failed.append(request))
    page.goto(path.as_uri())

    expect(page.locator(".leaflet-container path.place-outline").first).to_be_attached()
    assert page.locator(".leaflet-container path.place-outline").count() == len(places.ids())
    symbols = page.locator(".measure-symbol, .measure-cluster, .measure-badge")
    expect(symbols.first).to_be_visible()
    # The overview's map opens on all four places: its list counts every row.
    expect(page.locator(".safetymap-inview-toggle")).to_contain_text(str(len(data.shown)))
    expect(page.locator("#oversikt")).to_be_visible()
    order = places.top_level()
    for place_id in order:
        page.keyboard.press("ArrowRight")
        screen = page.locator(f"#{place_id}")
        expect(screen).to_be_visible()
        expect(screen.locator("h1")).to_have_text(places.by_id[place_id].name)
        expect(screen.locator(".smp-map-slot #smp-map .leaflet-container")).to_be_visible()
        expect(screen.locator(".smp-value")).to_have_count(7)  # six counts, the main outcome
        assert page.url.endswith(f"#{place_id}")
        assert page.locator(".smp-screen:not([hidden])").count() == 1
        page.keyboard.press("PageDown")  # its timeline and sources
        expect(page.locator(f"#{place_id}-mer svg").first).to_be_visible()
    page.keyboard.press("ArrowRight")  # wraps around to the overview
    expect(page.locator("#oversikt")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.locator(f"#{order[-1]}")).to_be_visible()
    page.locator(f"#{order[-1]} button[data-step='-1']").click()
    expect(page.locator(f"#{order[-2]}-mer")).to_be_visible()
    page.goto(f"{path.as_uri()}#klara")  # an address names a screen
    klara = page.locator("#klara")
    expect(klara).to_be_visible()
    expect(klara.locator(".smp-side")).to_contain_text(HOSTILE)
    page.keyboard.press("Space")
    expect(page.locator(f"#klara-mer svg [aria-label^='{HOSTILE}']").first).to_be_attached()
    page.goto(f"{path.as_uri()}#klara")
    page.locator(".safetymap-inview-toggle").click()
    expect(page.locator(".safetymap-inview-panel")).to_contain_text(HOSTILE)
    assert dialogs == []
    assert [r.url for r in failed] == [] and requested == []
    context.close()
