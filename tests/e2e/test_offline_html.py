"""The offline HTML copy opened from a file in Chromium with every request blocked."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Request, Route, expect

from safetymap.intake.places import Places
from safetymap.present import standalone
from tests.conftest import HOSTILE, briefing_data, with_hostile_row


def test_the_map_and_timelines_draw_with_no_server_and_no_network(
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
    symbols = page.locator(".measure-symbol, .measure-cluster")
    expect(symbols.first).to_be_visible()
    # The list of what is in view counts every row (the map opens on all four places).
    expect(page.locator(".safetymap-inview-toggle")).to_contain_text(str(len(data.shown)))
    for place_id in places.top_level():
        expect(page.locator(f"#{place_id} svg").first).to_be_visible()
    expect(page.locator(f"#klara svg [aria-label^='{HOSTILE}']").first).to_be_attached()
    page.locator(".safetymap-inview-toggle").click()
    expect(page.locator(".safetymap-inview-panel")).to_contain_text(HOSTILE)
    assert dialogs == []
    assert [r.url for r in failed] == [] and requested == []
    context.close()
