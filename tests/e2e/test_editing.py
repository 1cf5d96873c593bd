"""An analyst changes one measure's status in the browser: checked, diffed, published, and
seen on the map and in the Data page (among the completed measures, where it was not)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from safetymap.versions import auth
from tests.e2e.analyst import CHANGED, PASSWORD, metric, read_rows
from tests.e2e.conftest import MAP_IFRAME, map_frame, wait_for_app
from tests.e2e.test_accessibility import _serious_violations
from tools.appserver import start_app


@pytest.fixture(scope="module")
def analyst_app() -> Iterator[str]:
    """A server with an analyst password and its own empty store (seeded on first visit)."""
    with start_app({auth.HASH_ENV: auth.hash_password(PASSWORD)}) as url:
        yield url


def _choose(page: Page, label: str, option: str, typed: str = "") -> None:
    """Pick ``option`` in the page's select labelled ``label`` (typing ``typed`` first)."""
    select = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label)
    select.first.scroll_into_view_if_needed()
    select.first.locator("input").click()
    if typed:
        page.keyboard.type(typed)
    page.get_by_role("option", name=option).first.click()
    wait_for_app(page)


def test_a_status_change_with_its_date_is_diffed_published_and_shown(
    analyst_app: str, page: Page
) -> None:
    row = next(r for r in read_rows() if r["id"] == CHANGED)
    assert row["status"] == "ongoing"
    completed = f"{analyst_app}data?place=kista&status=completed"
    page.goto(completed)
    wait_for_app(page)
    expect(page.get_by_test_id("stDataFrame").first).not_to_contain_text(row["title"])
    page.get_by_role("link", name="Redigera", exact=True).click()
    wait_for_app(page)
    expect(page.get_by_role("heading", name="1. Vad vill du göra?")).to_be_visible()
    page.get_by_label("Ditt namn (sparas med versionen)").fill("Anna Analytiker")
    page.get_by_label("Analytikerlösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in som analytiker").click()
    expect(page.get_by_text("Inloggad som analytiker: Anna Analytiker")).to_be_visible()

    _choose(page, "Åtgärd", row["title"], typed=CHANGED)
    expect(page.get_by_text("Ändra ett fält ovan")).to_be_visible()
    _choose(page, "Status", "genomförd")
    date = page.get_by_role("textbox", name="Statusdatum")
    date.fill("2026-10")
    date.press("Enter")
    wait_for_app(page)

    expect(page.get_by_text("Inga fel och inga varningar.")).to_be_visible()
    expect(metric(page, "Ändrade")).to_contain_text("1")
    expect(metric(page, "Statusändringar")).to_contain_text("1")
    changes = page.get_by_test_id("stDataFrame").first
    expect(changes).to_contain_text("✎ ändrad")
    expect(changes).to_contain_text("Status: pågående → genomförd")
    expect(page.get_by_test_id("stDataFrame").nth(1)).to_contain_text("2026-10")
    # The form, the check and the changes meet WCAG 2.1 AA as the other pages do.
    assert _serious_violations(page) == []

    page.get_by_label("Anteckning (varför, vad är nytt)").fill("Platssamverkan klar")
    page.get_by_role("button", name="Publicera som version 2").click()
    expect(page.get_by_text("Version 2 är publicerad")).to_be_visible()

    # The map (the measure covers its place: a symbol in its place's frame), the list beside
    # it and the Data page show the measure completed.
    page.goto(f"{analyst_app}?place=kista&status=completed")
    wait_for_app(page)
    cell = map_frame(page).get_by_role("button", name=f"{row['title']} (genomförd)", exact=True)
    expect(cell).to_be_attached()
    expect(page.get_by_role("link", name=row["title"]).first).to_be_attached()
    page.goto(completed)
    wait_for_app(page)
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text(row["title"])


def test_an_added_measure_gets_its_point_from_a_click_on_the_map(
    analyst_app: str, page: Page
) -> None:
    page.goto(f"{analyst_app}redigera")
    wait_for_app(page)
    main = page.get_by_test_id("stMain")
    page.get_by_text("Lägg till en åtgärd").click()
    wait_for_app(page)
    _choose(page, "Plats", "Kista busstorg")
    title = main.get_by_role("textbox", name="Titel", exact=True)
    title.fill("Ny belysning vid trappan")
    title.press("Enter")
    wait_for_app(page)
    expect(main.get_by_role("textbox", name="Id", exact=True)).to_have_value(
        "kista-busstorg-ny-belysning-vid-trappan"
    )
    _choose(page, "Åtgärdstyp", "Belysning")
    _choose(page, "Lägg till en känd aktör", "Trafikkontoret", typed="Trafikkontoret")
    expect(main.get_by_role("textbox", name="Aktörer", exact=True)).to_have_value(
        re.compile("Trafikkontoret")
    )
    page.get_by_text("Välj punkten på en karta").click()
    wait_for_app(page)
    leaflet = page.frame_locator(MAP_IFRAME).locator(".leaflet-container").first
    expect(leaflet).to_be_visible()
    box = leaflet.bounding_box()
    assert box is not None
    leaflet.click(position={"x": box["width"] / 2 + 10, "y": box["height"] / 2 + 10})
    latitude = main.get_by_role("textbox", name=re.compile("^Latitud"))
    expect(latitude).to_have_value(re.compile(r"^59\.4\d+$"))
    longitude = main.get_by_role("textbox", name=re.compile("^Longitud"))
    point = (latitude.input_value(), longitude.input_value())
    wait_for_app(page)
    expect(page.get_by_text("Inga fel och inga varningar.")).to_be_visible()
    expect(metric(page, "Tillagda")).to_contain_text("1")
    wait_for_app(page)

    # The picking map reports its drawing once more after the click, while the analyst
    # signs in: that report reruns only the map, never the sign-in being sent.
    page.get_by_label("Ditt namn (sparas med versionen)").fill("Anna Analytiker")
    page.get_by_label("Analytikerlösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in som analytiker").click()
    expect(page.get_by_text("Inloggad som analytiker: Anna Analytiker")).to_be_visible()
    button = page.get_by_role("button", name=re.compile(r"^Publicera som version \d+$"))
    expect(button).to_be_visible()
    number = int(button.inner_text().rsplit(" ", 1)[1])
    button.click()
    expect(page.get_by_text(f"Version {number} är publicerad")).to_be_visible()

    # On the map, the new measure's symbol stands on the point clicked (close enough that
    # no other point shares a cluster with it).
    page.goto(f"{analyst_app}?lat={point[0]}&lon={point[1]}&zoom=19")
    wait_for_app(page)
    symbol = map_frame(page).locator(
        '.measure-symbol[aria-label="Belysning: Ny belysning vid trappan (planerad)"]'
    )
    expect(symbol).to_be_attached()
