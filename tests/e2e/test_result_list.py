"""Karta's map first and its list of the rows shown, in headless Chromium with no network.

Expected rows come from the shipped file itself (``analyst.read_rows``), never from numbers
copied out of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from bench.synthetic import synthetic_csv
from safetymap.intake.loaders import load_measures
from safetymap.intake.places import load_places
from safetymap.present.results import LIMIT
from safetymap.selection.filters import MeasureFilter
from tests.e2e.analyst import SHIPPED, read_rows, write_rows
from tests.e2e.conftest import MAP_IFRAME, ROOT, map_frame, wait_for_app

HOSTILE = "<img src=x onerror=alert(1)>"
MAP_SHARE = 0.6  # of the window's height, at least


def open_app(page: Page, url: str) -> None:
    """Open ``url`` and wait for the page to have run, its map to have drawn its rows (and
    taken its height) and its list to be there."""
    page.goto(url)
    wait_for_app(page)
    expect(page.locator(MAP_IFRAME)).to_be_visible()
    expect(map_frame(page).locator(".sm-board")).to_be_attached()
    expect(page.locator(".smr-results")).to_be_attached()


def result_list(page: Page) -> Locator:
    return page.locator(".smr-results")


def listed_titles(page: Page) -> list[str]:
    entries = result_list(page).locator(".smr-title")
    expect(entries.first).to_be_attached()
    return entries.all_text_contents()  # rows out of the box's view are not rendered


def metric(page: Page) -> Locator:
    """The page's count of the rows shown (its first figure)."""
    return page.get_by_test_id("stMetricValue").first


def rows_in(places: set[str]) -> list[dict[str, str]]:
    return [r for r in read_rows(SHIPPED) if r["place"] in places]


def shown_by(query: str) -> list[str]:
    """Titles of the shipped rows the app's own filter keeps for the search ``query``."""
    places = load_places(ROOT / "geodata" / "places.geojson")
    measures = load_measures(SHIPPED, places).measures
    return MeasureFilter(query=query).apply(measures, places)["title"].tolist()


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("?place=klara", lambda: [r["title"] for r in rows_in({"klara", "sergels-torg"})]),
        ("?q=kamera", lambda: shown_by("kamera")),
    ],
    ids=["place", "search"],
)
def test_the_list_names_the_rows_shown_and_counts_them(
    page: Page, app_url: str, query: str, titles: Callable[[], list[str]]
) -> None:
    expected = titles()
    assert 0 < len(expected) < len(read_rows(SHIPPED))
    open_app(page, app_url + query)
    expect(result_list(page).locator("li")).to_have_count(len(expected))
    assert sorted(listed_titles(page)) == sorted(expected)
    count = result_list(page).locator(".smr-results-count")
    expect(count).to_have_text(f"{len(expected)} åtgärder och lägesbilder")
    expect(metric(page)).to_have_text(str(len(expected)))


def test_clicking_an_entry_selects_its_measure_and_keeps_the_filter(
    page: Page, app_url: str
) -> None:
    klara = rows_in({"klara", "sergels-torg"})
    chosen = klara[-1]
    open_app(page, f"{app_url}?place=klara")
    entry = result_list(page).locator("a", has_text=chosen["title"])
    expect(entry).to_have_count(1)
    entry.click()
    expect(page).to_have_url(re.compile(rf"[?&]measure={re.escape(chosen['id'])}(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]place=klara(&|$)"))
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Vald åtgärd", exact=True)).to_be_visible()
    expect(
        page.get_by_text(chosen["description"] or chosen["title"], exact=True).first
    ).to_be_visible()
    selected = result_list(page).locator("a[aria-current]")
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text(chosen["title"])
    expect(metric(page)).to_have_text(str(len(klara)))


def test_a_row_below_the_lists_fold_is_in_view_once_selected(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_url)
    rows = result_list(page).locator("a")
    expect(rows).to_have_count(len(read_rows(SHIPPED)))
    far = rows.nth(len(read_rows(SHIPPED)) - 5)
    title = far.locator(".smr-title").inner_text()
    far.scroll_into_view_if_needed()
    far.click()
    expect(page).to_have_url(re.compile(r"[?&]measure="))
    wait_for_app(page)
    selected = result_list(page).locator("a[aria-current]")
    expect(selected).to_contain_text(title)
    expect(selected).to_be_in_viewport()
    box, frame = selected.bounding_box(), result_list(page).bounding_box()
    assert box is not None and frame is not None
    assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (1920, 1080),
        (1024, 768),
        (390, 844),
    ],
    ids=["1920x1080", "1024x768", "390x844"],
)
def test_the_map_comes_first_and_fills_most_of_the_window(
    page: Page, app_url: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, app_url)
    box = page.locator(MAP_IFRAME).bounding_box()
    assert box is not None
    assert 0 <= box["y"] < height * 0.4, f"the map's top edge at {box['y']} px"
    assert box["height"] >= MAP_SHARE * height, f"the map is {box['height']} px high"


def test_beside_the_map_on_a_wide_window_the_list_is_in_view(page: Page, app_url: str) -> None:
    rows = read_rows(SHIPPED)
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_url)
    mapped = page.locator(MAP_IFRAME).bounding_box()
    listed = result_list(page).bounding_box()
    assert mapped is not None and listed is not None
    assert listed["x"] >= mapped["x"] + mapped["width"], "the list is beside the map"
    assert abs(listed["y"] - mapped["y"]) < 20 and listed["height"] <= mapped["height"] + 20
    expect(result_list(page).locator(".smr-results-toggle")).to_be_hidden()
    expect(result_list(page).locator("li").first).to_be_visible()
    expect(result_list(page).locator("li")).to_have_count(len(rows))


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (390, 844)], ids=["1024", "phone"])
def test_under_the_map_on_a_narrow_window_the_list_is_folded(
    page: Page, app_url: str, width: int, height: int
) -> None:
    rows = read_rows(SHIPPED)
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, app_url)
    mapped = page.locator(MAP_IFRAME).bounding_box()
    toggle = result_list(page).locator(".smr-results-toggle")
    expect(toggle).to_have_text(f"Lista: {len(rows)} åtgärder och lägesbilder")
    listed = toggle.bounding_box()
    assert mapped is not None and listed is not None
    assert listed["y"] >= mapped["y"] + mapped["height"], "the list comes after the map"
    expect(result_list(page).locator("li").first).to_be_hidden()
    toggle.click()
    expect(result_list(page).locator("li").first).to_be_visible()
    toggle.click()
    expect(result_list(page).locator("li").first).to_be_hidden()


def test_a_hostile_title_is_listed_as_text(
    app_with_measures: Callable[[Path], str], page: Page, tmp_path: Path, dialogs: list[str]
) -> None:
    hostile = {
        **read_rows(SHIPPED)[0],
        "id": "hostile-1",
        "title": HOSTILE,
        "actors": "<b>Ond</b> & Co",
        "place": "klara",
    }
    path = write_rows(tmp_path / "hostile.csv", [*read_rows(SHIPPED), hostile])
    open_app(page, app_with_measures(path) + "?place=klara")
    entry = result_list(page).locator("a", has_text=HOSTILE)
    expect(entry).to_have_count(1)
    expect(entry.locator(".smr-who")).to_contain_text("<b>Ond</b> & Co")
    expect(page.locator('img[src="x"]')).to_have_count(0)
    expect(result_list(page).locator("b")).to_have_count(0)
    entry.click()
    expect(page).to_have_url(re.compile(r"[?&]measure=hostile-1(&|$)"))
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Vald åtgärd", exact=True)).to_be_visible()
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert dialogs == []


def test_ten_thousand_rows_list_the_first_two_hundred_and_say_so(
    app_with_measures: Callable[[Path], str], page: Page, tmp_path: Path
) -> None:
    path = tmp_path / "synthetic.csv"
    path.write_bytes(synthetic_csv(10_000))
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_with_measures(path))
    expect(metric(page)).to_have_text("10000")  # the page's count; the list writes "10 000"
    expect(result_list(page).locator(".smr-results-count")).to_have_text(
        "10\u00a0000 åtgärder och lägesbilder"
    )
    expect(result_list(page).locator(".smr-results-more")).to_have_text(
        "Visar 200 av 10\u00a0000 – förfina filtren för att se resten."
    )
    expect(result_list(page).locator("li")).to_have_count(LIMIT)
    expect(result_list(page).locator("h3")).to_have_count(4)
