"""Time on the map (#21): the play control steps the statuses month by month in the browser,
and a pause (or a move of the slider) keeps the month in the URL as ``as_of``.

Expected statuses and counts come from ``selection.playback`` over the shipped file (the
as-of filter's own rules), never from numbers copied out of it.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect

from safetymap.config import get_settings
from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places, load_places
from safetymap.present.mapping import STATUS_COLOURS
from safetymap.selection import playback
from safetymap.selection.filters import MeasureFilter
from tests.e2e.conftest import MAP_IFRAME, ROOT, map_frame, wait_for_app

LIGHT = "Ljusinstallation skapad i samverkan med ungdomar"  # Kista busstorg, whole area


@pytest.fixture(scope="module")
def places() -> Places:
    return load_places(ROOT / "geodata" / "places.geojson")


@pytest.fixture(scope="module")
def steps(places: Places) -> playback.Steps:
    measures = load_measures(get_settings().measures_path, places).measures
    flt = MeasureFilter()
    course = playback.courses(measures, date.today())
    return playback.play_steps(course, flt, playback.play_rows(flt, measures, places))


def month_index(steps: playback.Steps, month: str) -> int:
    return [m.strftime("%Y-%m") for m in steps.months].index(month)


def open_map(page: Page, url: str) -> Locator:
    page.goto(url)
    wait_for_app(page)
    expect(map_frame(page).locator(".sm-board")).to_be_attached()
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    control = map_frame(page).locator(".safetymap-play")
    expect(control).to_be_visible()
    return control


def light_cell(page: Page) -> Locator:
    return map_frame(page).locator(
        f'.sm-area[data-place="kista-busstorg"] .sm-cell[aria-label^="{LIGHT}"]'
    )


def ring_colour(cell: Locator) -> str:
    return cell.locator("svg circle[stroke]").first.get_attribute("stroke")


def month_end(month: str) -> str:
    return playback.month_end(date.fromisoformat(f"{month}-01")).isoformat()


def test_play_then_pause_keeps_the_month_in_the_url(page: Page, app_url: str) -> None:
    control = open_map(page, f"{app_url}?place=kista")
    today = date.today().strftime("%Y-%m")
    expect(control).to_have_attribute("data-step", today)  # it stands at today
    play = control.get_by_role("button", name="Spela upp månad för månad")
    control.get_by_label("Hastighet").select_option("2")
    play.click()
    expect(control).not_to_have_attribute("data-step", today)  # from the first month on
    date_label = map_frame(page).locator(".sm-play-date")
    expect(date_label).to_be_visible()
    pause = control.get_by_role("button", name=re.compile("^Pausa"))
    expect(pause).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1500)  # a few steps
    pause.click()
    month = control.get_attribute("data-step")
    assert month != today
    expect(page).to_have_url(re.compile(rf"[?&]as_of={month_end(month)}(&|$)"))
    expect(page.get_by_text(f"per {month_end(month)}")).to_be_visible()  # the filter's line
    # After the rerun the map stands at the paused month, its date large on it.
    expect(control).to_have_attribute("data-step", month)
    expect(date_label).to_be_visible()
    expect(date_label).not_to_be_empty()


def test_a_measure_changes_colour_at_the_month_its_status_changes(
    page: Page, app_url: str, steps: playback.Steps
) -> None:
    control = open_map(page, f"{app_url}?place=kista")
    slider = control.get_by_role("slider", name="Månad")
    slider.fill(str(month_index(steps, "2020-12")))
    expect(control).to_have_attribute("data-step", "2020-12")
    expect(light_cell(page)).to_have_count(0)  # not begun yet
    slider.fill(str(month_index(steps, "2021-02")))
    expect(map_frame(page).locator(".sm-play-date")).to_have_text("februari 2021")
    expect(light_cell(page)).to_have_attribute("aria-label", f"{LIGHT} (pågående)")
    assert ring_colour(light_cell(page)) == STATUS_COLOURS["ongoing"]
    # The keyboard moves one month: completed in March 2021.
    slider.focus()
    page.keyboard.press("ArrowRight")
    expect(control).to_have_attribute("data-step", "2021-03")
    expect(light_cell(page)).to_have_attribute("aria-label", f"{LIGHT} (genomförd)")
    assert ring_colour(light_cell(page)) == STATUS_COLOURS["completed"]
    # A move of the slider is kept in the URL too.
    expect(page).to_have_url(re.compile(r"[?&]as_of=2021-03-31(&|$)"))
    expect(light_cell(page)).to_have_attribute("aria-label", f"{LIGHT} (genomförd)")


def test_the_badges_count_each_month_as_the_as_of_filter(
    page: Page, app_url: str, steps: playback.Steps, places: Places
) -> None:
    control = open_map(page, app_url)
    kista = set(places.with_descendants("kista"))
    badge = map_frame(page).locator('.sm-badge[data-place="kista"]')
    measures = load_measures(get_settings().measures_path, places).measures
    place_of = dict(zip(measures.id, measures.place))
    for month in ("2020-06", "2021-02", "2021-03"):
        control.get_by_role("slider", name="Månad").fill(str(month_index(steps, month)))
        expect(control).to_have_attribute("data-step", month)
        shown = playback.shown_on(steps, month_index(steps, month))
        here = [s for i, s in shown.items() if place_of[i] in kista]
        expect(badge.locator(".sm-total")).to_have_text(str(len(here)))
        completed = badge.locator('.sm-state[title^="genomförd"]')
        expect(completed).to_have_attribute(
            "title", f"genomförd: {sum(s == 'completed' for s in here)}"
        )


def test_a_link_with_as_of_opens_the_map_at_its_month(page: Page, app_url: str) -> None:
    control = open_map(page, f"{app_url}?place=kista&as_of=2021-02-28")
    expect(control).to_have_attribute("data-step", "2021-02")
    expect(map_frame(page).locator(".sm-play-date")).to_have_text("februari 2021")
    expect(light_cell(page)).to_have_attribute("aria-label", f"{LIGHT} (pågående)")
    # Play and pause from the keyboard: the button takes Enter.
    button = control.locator(".sm-play-button")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(control).not_to_have_attribute("data-step", "2021-02")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "false")
    month = control.get_attribute("data-step")
    expect(page).to_have_url(re.compile(rf"[?&]as_of={month_end(month)}(&|$)"))


def test_the_play_control_in_english(page: Page, app_url: str) -> None:
    control = open_map(page, f"{app_url}?lang=en&as_of=2021-03-31")
    expect(control.get_by_role("button", name="Play month by month")).to_be_visible()
    expect(control.get_by_label("Speed")).to_be_visible()
    expect(map_frame(page).locator(".sm-play-date")).to_have_text("March 2021")


SLIDE_TITLE = ".st-key-briefing-present .smp-title h1"
SLIDE_MAP = f".st-key-briefing-present-map {MAP_IFRAME}"


def test_the_presentation_plays_its_map_and_leaving_restores_as_of(
    page: Page, app_url: str
) -> None:
    page.goto(f"{app_url}lagesbild?place=kista&present=1")
    wait_for_app(page)
    title = page.locator(SLIDE_TITLE)
    expect(title).to_have_text("Kista")
    slide_map = page.frame_locator(SLIDE_MAP)
    control = slide_map.locator(".safetymap-play")
    expect(control).to_be_visible()
    play = control.locator(".sm-play-button")
    control.get_by_label("Hastighet").select_option("2")
    play.click()
    expect(play).to_have_attribute("aria-pressed", "true")
    expect(slide_map.locator(".sm-play-date")).to_be_visible()
    page.wait_for_timeout(1200)
    play.click()  # pause
    month = control.get_attribute("data-step")
    expect(page).to_have_url(re.compile(rf"[?&]as_of={month_end(month)}(&|$)"))
    expect(title).to_have_text("Kista")
    expect(page.frame_locator(SLIDE_MAP).locator(".safetymap-play")).to_have_attribute(
        "data-step", month
    )
    # With the focus on the play control the clicker's keys still step the places.
    page.frame_locator(SLIDE_MAP).locator(".sm-play-slider").focus()
    page.keyboard.press("PageDown")
    expect(title).not_to_have_text("Kista")
    stepped = title.inner_text()
    page.frame_locator(SLIDE_MAP).locator(".sm-play-button").focus()
    page.keyboard.press("Space")
    expect(title).not_to_have_text(stepped)
    page.keyboard.press("PageUp")
    expect(title).to_have_text(stepped)
    # Leaving gives the filter back the as_of it had: none.
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"as_of="))
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Karta").click()
    wait_for_app(page)
    expect(page.get_by_text(re.compile(r"per \d{4}-\d\d-\d\d"))).to_have_count(0)
    assert "as_of" not in page.url
