"""The map's badges, frames, labels, wheel and selection, as a user sees them (issue #17).

Expected counts come from the data files themselves, never from numbers copied out of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from safetymap.intake.places import Places, load_places
from tests.e2e.analyst import SHIPPED, read_rows, write_rows
from tests.e2e.conftest import MAP_IFRAME, ROOT, map_frame, wait_for_app
from tools.appserver import start_app

HOSTILE = "<img src=x onerror=alert(1)>"
AppFactory = Callable[[Path], str]


@pytest.fixture(scope="module")
def places() -> Places:
    return load_places(ROOT / "geodata" / "places.geojson")


def top(places: Places, place_id: str) -> str:
    while places.by_id[place_id].parent:
        place_id = places.by_id[place_id].parent
    return place_id


def open_map(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    expect(map_frame(page).locator(".sm-board")).to_be_attached()  # the rows are drawn
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()


def badge(page: Page, place_id: str) -> Locator:
    return map_frame(page).locator(f'.sm-badge[data-place="{place_id}"]')


def zoom(page: Page) -> int:
    return page.locator(MAP_IFRAME).evaluate("(f) => f.contentWindow.map.getZoom()")


def test_each_place_has_a_badge_whose_counts_add_up_to_the_pages(
    page: Page, app_url: str, places: Places
) -> None:
    rows = read_rows(SHIPPED)
    held = Counter(top(places, r["place"]) for r in rows)
    open_map(page, app_url)
    expect(map_frame(page).locator(".sm-badge")).to_have_count(len(places.top_level()))
    for place_id in places.top_level():
        card = badge(page, place_id)
        expect(card).to_be_visible()
        expect(card.locator(".sm-total")).to_have_text(str(held[place_id]))
        # By type: one icon per type present, the numbers adding up to the place's.
        types = Counter(r["measure_type"] for r in rows if top(places, r["place"]) == place_id)
        expect(card.locator(".sm-type")).to_have_count(len(types))
        shown = [
            int(n or 1)
            for n in card.locator(".sm-type").evaluate_all(
                "(items) => items.map((i) => (i.querySelector('b') || {}).textContent)"
            )
        ]
        assert sorted(shown) == sorted(types.values())
        states = [int(s.inner_text()) for s in card.locator(".sm-state").all()]
        assert sum(states) == held[place_id]
        # By whom: the actors named on most of its rows.
        expect(card.locator(".sm-actors")).not_to_be_empty()
    totals = [int(t.inner_text()) for t in map_frame(page).locator(".sm-badge .sm-total").all()]
    assert sum(totals) == len(rows)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(str(sum(totals)))
    # At the default view the badges do not cover each other.
    boxes = [b.bounding_box() for b in map_frame(page).locator(".sm-badge").all()]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert (
                a["x"] + a["width"] <= b["x"] + 1
                or b["x"] + b["width"] <= a["x"] + 1
                or a["y"] + a["height"] <= b["y"] + 1
                or b["y"] + b["height"] <= a["y"] + 1
            ), (a, b)


def test_a_filter_changes_the_badges_without_a_new_map(page: Page, app_url: str) -> None:
    word = "park"
    hits = [
        r
        for r in read_rows(SHIPPED)
        if word.casefold() in f"{r['title']} {r['description']}".casefold()
    ]
    open_map(page, app_url)
    page.locator(MAP_IFRAME).evaluate("(f) => { f.contentWindow.sameMap = true; }")
    search = page.get_by_label("Sök i titel och beskrivning")
    search.fill(word)
    search.press("Enter")
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(str(len(hits)))
    totals = map_frame(page).locator(".sm-badge .sm-total")
    page.wait_for_function(
        """([sel, want]) => {
             const f = document.querySelector(sel);
             const cells = f.contentDocument.querySelectorAll('.sm-badge .sm-total');
             return [...cells].reduce((s, c) => s + Number(c.textContent), 0) === want;
           }""",
        arg=[MAP_IFRAME, len(hits)],
    )
    assert sum(int(t.inner_text()) for t in totals.all()) == len(hits)
    assert page.locator(MAP_IFRAME).evaluate("(f) => f.contentWindow.sameMap === true")


def test_a_badge_lists_its_measures_and_a_choice_selects_one(
    page: Page, app_url: str, places: Places
) -> None:
    rows = read_rows(SHIPPED)
    valsta = [r for r in rows if top(places, r["place"]) == "valsta"]
    open_map(page, app_url)
    badge(page, "valsta").click()
    popup = map_frame(page).locator(".leaflet-popup-content")
    expect(popup.locator(".sm-item")).to_have_count(len(valsta))
    expect(popup).to_contain_text(f"Valsta: {len(valsta)} åtgärder")
    chosen = next(r for r in valsta if not r["lat"])
    item = popup.locator(".sm-item").filter(has_text=chosen["title"]).first
    expect(item).to_contain_text(chosen["actors"].split("|")[0].strip()[:6])
    item.click()
    expect(page).to_have_url(re.compile(rf"[?&]measure={re.escape(chosen['id'])}(&|$)"))
    expect(page.get_by_role("heading", name="Vald åtgärd")).to_be_visible()
    # The list stays open with the choice marked, and the map stays where it was.
    expect(map_frame(page).locator(".leaflet-popup")).to_have_count(1)  # the others faded
    expect(popup.locator(".sm-item.selected")).to_contain_text(chosen["title"])
    assert zoom(page) == 10


def test_zoomed_in_a_place_shows_its_whole_area_measures_in_frames(
    page: Page, app_url: str
) -> None:
    rows = read_rows(SHIPPED)
    open_map(page, f"{app_url}?place=klara")
    assert zoom(page) >= 13
    for place_id in ("klara", "sergels-torg"):
        whole = [r for r in rows if r["place"] == place_id and not r["lat"]]
        card = map_frame(page).locator(f'.sm-area[data-place="{place_id}"]')
        expect(card).to_be_visible()
        expect(card.locator(".sm-caption")).to_have_text("gäller hela området")
        expect(card.locator(".sm-cell")).to_have_count(len(whole))
    expect(map_frame(page).locator(".sm-badge")).to_have_count(0)
    # A cell opens its measure and selects it.
    target = next(r for r in rows if r["place"] == "klara" and not r["lat"])
    cell = map_frame(page).locator('.sm-area[data-place="klara"] .sm-cell').first
    expect(cell).to_have_attribute("aria-label", re.compile(re.escape(target["title"])))
    cell.click()
    expect(map_frame(page).locator(".leaflet-popup-content")).to_contain_text(target["title"])
    expect(page).to_have_url(re.compile(rf"[?&]measure={re.escape(target['id'])}(&|$)"))
    selected = map_frame(page).locator(".sm-cell.selected")
    expect(selected).to_have_attribute("aria-label", re.compile(re.escape(target["title"])))


def test_a_pick_opens_one_popup_that_stays_through_the_rerun(page: Page, app_url: str) -> None:
    # A pick reruns the app, whose new rows reopen the popup: the old one must not fade out
    # beside it (two popups, a flicker) — counted on every change of the map's page.
    rows = read_rows(SHIPPED)
    target = next(r for r in rows if r["place"] == "klara" and not r["lat"])
    open_map(page, f"{app_url}?place=klara")
    cell = map_frame(page).locator('.sm-area[data-place="klara"] .sm-cell').first
    cell.evaluate(
        """(cell) => {
          const doc = cell.ownerDocument;
          doc.defaultView.mostPopups = 0;
          new MutationObserver(() => {
            const shown = doc.querySelectorAll(".leaflet-popup").length;
            doc.defaultView.mostPopups = Math.max(doc.defaultView.mostPopups, shown);
          }).observe(doc.body, { childList: true, subtree: true });
        }"""
    )
    cell.click()
    expect(page).to_have_url(re.compile(rf"[?&]measure={re.escape(target['id'])}(&|$)"))
    expect(page.get_by_role("heading", name="Vald åtgärd")).to_be_visible()
    popup = map_frame(page).locator(".leaflet-popup-content")
    expect(popup).to_have_count(1)
    expect(popup).to_contain_text(target["title"])
    assert page.locator(MAP_IFRAME).evaluate("(f) => f.contentWindow.mostPopups") == 1


def test_selecting_a_measure_elsewhere_frames_it_on_the_map(page: Page, app_url: str) -> None:
    rows = read_rows(SHIPPED)
    area = next(r for r in rows if r["place"] == "valsta" and not r["lat"])
    open_map(page, f"{app_url}?measure={area['id']}")
    assert zoom(page) >= 12
    expect(map_frame(page).locator(".leaflet-popup-content")).to_contain_text(area["title"])
    point = next(r for r in rows if r["lat"] and r["place"].startswith("kista"))
    open_map(page, f"{app_url}?measure={point['id']}")
    assert zoom(page) >= 16
    expect(map_frame(page).locator(".leaflet-popup-content")).to_contain_text(point["title"])
    centre = page.locator(MAP_IFRAME).evaluate(
        "(f) => { const c = f.contentWindow.map.getCenter(); return [c.lat, c.lng]; }"
    )
    assert centre == pytest.approx([float(point["lat"]), float(point["lon"])], abs=1e-3)


def test_the_scale_is_metric_and_the_background_is_named(page: Page, app_url: str) -> None:
    open_map(page, app_url)
    scale = map_frame(page).locator(".leaflet-control-scale")
    expect(scale).to_have_count(1)
    expect(scale).to_contain_text(re.compile(r"\d+ k?m"))
    assert not re.search(r"\b(mi|ft)\b", scale.inner_text())
    labels = map_frame(page).locator(".sm-label-kommun")
    expect(labels.filter(has_text="Sigtuna kommun")).to_have_count(1)
    open_map(page, f"{app_url}?place=klara")
    expect(map_frame(page).locator(".sm-label-regso").first).to_be_visible()
    expect(map_frame(page).locator(".sm-label-kommun")).to_have_count(0)


def test_tiles_that_cannot_load_are_neither_offered_nor_credited(page: Page, app_url: str) -> None:
    """Offline (the test browser reaches nothing beyond the loopback) the OpenStreetMap tiles
    all fail: the map hides them, takes their credit off, and its layer list stops offering
    them."""
    open_map(page, app_url)
    expect(map_frame(page).locator(".leaflet-container.sm-no-tiles")).to_have_count(1)
    expect(map_frame(page).locator(".leaflet-control-attribution")).not_to_contain_text(
        "OpenStreetMap"
    )
    expect(map_frame(page).locator(".leaflet-control-layers-base")).to_be_hidden()
    expect(map_frame(page).locator(".leaflet-tile-pane")).to_be_hidden()


def test_the_wheel_scrolls_the_page_until_the_map_is_clicked(page: Page, app_url: str) -> None:
    page.set_viewport_size({"width": 1200, "height": 700})
    open_map(page, app_url)
    frame = page.locator(MAP_IFRAME)
    frame.evaluate("(f) => f.scrollIntoView({block: 'start'})")
    before = frame.bounding_box()
    page.mouse.move(before["x"] + 300, before["y"] + 300)
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(600)
    after = frame.bounding_box()
    assert after["y"] < before["y"] - 50, "the page scrolled"
    assert zoom(page) == 10, "the map did not zoom"
    # A click into the map (on empty ground), then the wheel zooms it.
    page.mouse.click(after["x"] + 40, after["y"] + after["height"] - 120)
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(800)
    assert zoom(page) > 10
    # Once the pointer has left the map, the wheel scrolls the page again; with Ctrl held
    # it zooms the map at once.
    page.mouse.move(5, 5)
    zoomed = zoom(page)
    box = frame.bounding_box()
    page.mouse.move(box["x"] + 300, max(box["y"], 0) + 150)  # on the map's part in view
    page.mouse.wheel(0, 120)
    page.wait_for_timeout(600)
    assert zoom(page) == zoomed
    page.keyboard.down("Control")
    page.mouse.wheel(0, 120)
    page.keyboard.up("Control")
    page.wait_for_timeout(800)
    assert zoom(page) == zoomed - 1


def test_badges_and_legend_in_english(page: Page, app_url: str) -> None:
    open_map(page, f"{app_url}?lang=en")
    expect(badge(page, "klara")).to_have_attribute(
        "aria-label", re.compile(r"^Klara: \d+ measures – show the list$")
    )
    legend = map_frame(page).locator(".safetymap-legend")
    legend.locator("summary").click()
    for words in ("Situational measures", "Camera surveillance", "planned", "cancelled"):
        expect(legend).to_contain_text(words)
    expect(legend).not_to_contain_text("Kameraövervakning")
    layers = map_frame(page).locator(".leaflet-control-layers")
    assert not re.search(r"\bBE\b|\bKA\b", layers.inner_text())


@pytest.fixture
def hostile_area_file(tmp_path: Path) -> Path:
    row = {
        "id": "hostile-area",
        "title": HOSTILE,
        "place": "kista-busstorg",
        "measure_type": "cameras",
        "actors": HOSTILE,
        "status": "planned",
        "source": HOSTILE,
    }
    return write_rows(tmp_path / "hostile.csv", [row])


def test_hostile_text_is_text_in_the_badge_list_and_popup(
    app_with_measures: AppFactory, page: Page, hostile_area_file: Path, dialogs: list[str]
) -> None:
    url = app_with_measures(hostile_area_file)
    open_map(page, url)
    badge(page, "kista").click()
    popup = map_frame(page).locator(".leaflet-popup-content")
    expect(popup).to_contain_text(HOSTILE)
    open_map(page, f"{url}?place=kista")
    cell = map_frame(page).locator(".sm-cell").first
    expect(cell).to_have_attribute("aria-label", re.compile(re.escape(HOSTILE)))
    cell.click()
    expect(popup).to_contain_text(HOSTILE)
    expect(map_frame(page).locator('img[src="x"]')).to_have_count(0)
    assert dialogs == []


@pytest.fixture(scope="module")
def tileless_url() -> Iterator[str]:
    with start_app({"SAFETYMAP_TILES": "none"}) as url:
        yield url


def test_without_tiles_nothing_offers_or_credits_openstreetmap(
    page: Page, tileless_url: str
) -> None:
    open_map(page, tileless_url)
    frame = map_frame(page)
    frame.locator(".leaflet-control-layers").hover()
    expect(frame.locator(".leaflet-control-layers-list")).to_be_visible()
    expect(frame.locator(".leaflet-control-layers")).not_to_contain_text("OpenStreetMap")
    expect(frame.locator(".leaflet-control-attribution")).not_to_contain_text("OpenStreetMap")
