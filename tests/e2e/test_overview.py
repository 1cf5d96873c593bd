"""The overview page as a user sees it, in headless Chromium with no network.

Expected counts come from the data files themselves (read with ``csv``/``json``), never
from numbers copied out of the shipped file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from safetymap.contract.problems import Report
from safetymap.contract.vocab import measure_types
from safetymap.intake.loaders import load_measures
from safetymap.intake.places import load_places
from tests.e2e.analyst import SHIPPED, read_rows, write_rows
from tests.e2e.conftest import MAP_IFRAME, ROOT, map_frame, wait_for_app

PLACES = ROOT / "geodata" / "places.geojson"
AppFactory = Callable[[Path], str]
Validator = Callable[[Path], Report]

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_MEASURE = {
    "id": "hostile-1",
    "title": HOSTILE,
    "place": "kista-busstorg",
    "measure_type": "lighting",
    "actors": "polisen",
    "status": "completed",
    "lat": "59.4037",
    "lon": "17.942",
    "source": HOSTILE,
}


# --- data files ---------------------------------------------------------------------------


def located(rows: list[dict[str, str]]) -> int:
    """Rows that give their own point (both lat and lon)."""
    return sum(1 for row in rows if row.get("lat") and row.get("lon"))


def place_count() -> int:
    return len(json.loads(PLACES.read_text(encoding="utf-8"))["features"])


@pytest.fixture(scope="module")
def validate() -> Validator:
    """The project's validator, in process: what ``python -m safetymap validate`` runs."""
    places = load_places(PLACES)
    return lambda path: load_measures(path, places).report


# --- page -------------------------------------------------------------------------------


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


def circles(page: Page) -> Locator:
    """Measure symbols: one marker per row with a location of its own, when not clustered."""
    return map_frame(page).locator(".leaflet-marker-icon.measure-symbol")


def clusters(page: Page) -> Locator:
    """Numbered circles standing for several located rows close together."""
    return map_frame(page).locator(".leaflet-marker-icon.measure-cluster")


def expect_points(page: Page, count: int) -> None:
    """The map draws ``count`` located rows: single symbols plus the rows in clusters."""
    frame = page.frame_locator(MAP_IFRAME)
    expect(frame.locator(".leaflet-container")).to_be_attached()
    drawn = page.locator(MAP_IFRAME).evaluate(
        """(iframe, want) => new Promise((done) => {
             const doc = iframe.contentDocument;
             const count = () => doc.querySelectorAll(".measure-symbol").length +
               [...doc.querySelectorAll(".measure-cluster")]
                 .reduce((sum, c) => sum + Number(c.textContent), 0);
             const until = Date.now() + 15000;
             const poll = () => (count() === want || Date.now() > until) ? done(count())
                                                                         : setTimeout(poll, 100);
             poll();
           })""",
        count,
    )
    assert drawn == count


def inview_button(page: Page) -> Locator:
    return map_frame(page).locator(".safetymap-inview-toggle")


def map_view(page: Page) -> tuple[float, float, int]:
    """The map's centre (lat, lon) and zoom, as Leaflet has them."""
    expect(inview_button(page)).to_be_attached()  # made by the same script as the map
    view = page.locator(MAP_IFRAME).evaluate(
        "(f) => { const m = f.contentWindow.map; const c = m.getCenter();"
        " return [c.lat, c.lng, m.getZoom()]; }"
    )
    return view[0], view[1], view[2]


def polygons(page: Page) -> Locator:
    """Place outlines (official and approximate), drawn on every map."""
    return map_frame(page).locator("path.place-outline")


def areas(page: Page) -> Locator:
    """Conditions without a location of their own, drawn as dated overlays on their place."""
    return map_frame(page).locator("path.area-condition")


def heading(page: Page, text: str) -> Locator:
    return page.get_by_role("heading", name=text, exact=True)


def table(page: Page, index: int) -> Locator:
    """The accessible (hidden) twin of the ``index``-th st.dataframe, whose grid is a canvas."""
    return page.get_by_test_id("stDataFrame").nth(index).locator("table")


def open_first_row_cell(page: Page, grid: Locator, column: str) -> Locator:
    """Open the read-only cell overlay (as Enter does for a keyboard user) of ``column`` in
    the first row of ``grid``; return its text box."""
    header = grid.locator("th").filter(has_text=re.compile(f"^{re.escape(column)}$"))
    steps = int(header.get_attribute("aria-colindex")) - 1
    grid.get_by_test_id("glide-cell-0-0").focus()
    for _ in range(steps):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    return page.locator("textarea.gdg-input")


def metric(page: Page) -> Locator:
    """The first metric: the number of rows shown."""
    return page.get_by_test_id("stMetricValue").first


def tracebacks(page: Page) -> Locator:
    return page.get_by_test_id("stException")


# --- shipped data -------------------------------------------------------------------------


def test_map_draws_places_and_located_measures_offline(
    page: Page, app_url: str, offsite_requests: list[str]
) -> None:
    rows = read_rows(SHIPPED)
    open_app(page, app_url)
    expect(polygons(page)).to_have_count(place_count())
    expect_points(page, located(rows))
    # One overlay per condition type and place among the rows without a location; the
    # measures without one are counted on their place's badge.
    overlays = {
        (r["measure_type"], r["place"]) for r in rows if not r["lat"] and r["kind"] == "condition"
    }
    expect(areas(page)).to_have_count(len(overlays))
    expect(map_frame(page).locator(".sm-badge")).to_have_count(4)
    expect(map_frame(page).locator(".safetymap-legend")).to_contain_text("Teckenförklaring")
    page.wait_for_load_state("networkidle")
    # Only basemap tiles may come from elsewhere; with them blocked the data still draws.
    assert all(urlsplit(u).hostname == "tile.openstreetmap.org" for u in offsite_requests), (
        offsite_requests
    )


def test_metric_and_tables_count_the_rows(page: Page, app_url: str) -> None:
    rows = read_rows(SHIPPED)
    open_app(page, app_url)
    expect(metric(page)).to_have_text(str(len(rows)))
    places = page.get_by_role("table", name="Platser")
    expect(places.locator("tbody tr")).to_have_count(place_count())
    page.get_by_role("link", name=f"Alla {len(rows)} rader som tabell (Data)").click()
    expect(heading(page, "Data")).to_be_visible()
    # aria-rowcount includes the header row.
    expect(table(page, 0)).to_have_attribute("aria-rowcount", str(len(rows) + 1))


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("", ("I siffror", "Platser"), ("In figures", "Places")),
        ("?lang=en", ("In figures", "Places"), ("I siffror", "Platser")),
    ],
    ids=["sv", "en"],
)
def test_headings_follow_the_language(
    page: Page, app_url: str, query: str, shown: tuple[str, ...], hidden: tuple[str, ...]
) -> None:
    open_app(page, app_url + query)
    for text in shown:
        expect(heading(page, text)).to_be_visible()
    for text in hidden:
        expect(heading(page, text)).to_have_count(0)


def spots(rows: list[dict[str, str]]) -> Counter[tuple[str, str]]:
    """How many rows give each point."""
    return Counter((r["lat"], r["lon"]) for r in rows if r["lat"])


def test_measure_symbols_carry_their_type_icons(page: Page, app_url: str) -> None:
    rows = [r for r in read_rows(SHIPPED) if r["lat"]]
    shared = {spot for spot, n in spots(rows).items() if n > 1}
    alone = [r for r in rows if (r["lat"], r["lon"]) not in shared]
    types: set[str | None] = set()
    # One place at a time: framed closely enough that only rows at one spot are clustered.
    for place in ("kista", "valsta"):
        here = [r for r in alone if r["place"].startswith(place)]
        open_app(page, f"{app_url}?place={place}")
        expect(circles(page)).to_have_count(len(here))
        types |= {m.get_attribute("data-type") for m in circles(page).locator(".sm-sym").all()}
        for marker in circles(page).all():
            assert marker.inner_text().strip() == "", "an icon, no letters"
            assert marker.get_attribute("aria-label")
    assert len(rows) == sum(r["place"].startswith(("kista", "valsta")) for r in rows)
    assert types == {r["measure_type"] for r in alone}


def test_rows_at_one_spot_are_one_cluster_that_lists_them(page: Page, app_url: str) -> None:
    rows = read_rows(SHIPPED)
    spot, count = spots(rows).most_common(1)[0]
    assert count > 1, "the shipped data has two rows at one spot (Vattentornsparken)"
    titles = [r["title"] for r in rows if (r["lat"], r["lon"]) == spot]
    open_app(page, f"{app_url}?lat={spot[0]}&lon={spot[1]}&zoom=18")
    cluster = clusters(page).filter(has_text=re.compile(f"^{count}$"))
    expect(cluster).to_have_count(1)
    cluster.click()
    popup = map_frame(page).locator(".leaflet-popup-content")
    for title in titles:
        expect(popup).to_contain_text(title)
    expect(clusters(page)).to_have_count(1)


def test_a_same_spot_clusters_list_opens_again_and_again(page: Page, app_url: str) -> None:
    """#24: the list opened once, then every later click threw "Cannot set properties of
    null" (the marker's focus listener reached for the tooltip the first click unbound)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    rows = read_rows(SHIPPED)
    spot, count = spots(rows).most_common(1)[0]
    titles = [r["title"] for r in rows if (r["lat"], r["lon"]) == spot]
    open_app(page, f"{app_url}?lat={spot[0]}&lon={spot[1]}&zoom=18")
    popup = map_frame(page).locator(".leaflet-popup-content")
    for _ in range(3):
        clusters(page).filter(has_text=re.compile(f"^{count}$")).click()
        for title in titles:
            expect(popup).to_contain_text(title)
        map_frame(page).locator(".leaflet-popup-close-button").click()
        expect(popup).to_have_count(0)
    assert errors == []


# Moves the map so that the first element matching the selector sits 12 px inside the
# given edge of the map (the map's own panBy, no animation).
TO_EDGE = """([selector, edge]) => {
  const map = window[Object.keys(window).find((k) => k.startsWith("map_"))];
  const box = document.querySelector(selector).getBoundingClientRect();
  const size = map.getSize(), x = box.left + box.width / 2, y = box.top + box.height / 2;
  const by = {right: [x - (size.x - 12), 0], left: [x - 12, 0],
              bottom: [0, y - (size.y - 12)], top: [0, y - 12]}[edge];
  map.panBy(by, {animate: false});
}"""


@pytest.mark.parametrize("edge", ["right", "bottom", "top", "left"])
def test_a_popup_at_the_maps_edge_opens_inside_it_and_stays(
    page: Page, app_url: str, edge: str
) -> None:
    """#24: a popup near the map's edge threw ``layerPointToContainerPoint`` and closed. It
    pans the map so the whole popup shows, and stays open."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_app(page, f"{app_url}?place=kista")
    symbol = circles(page).first
    expect(symbol).to_be_visible()
    frame = next(f for f in page.frames if f.evaluate("() => typeof L !== 'undefined'"))
    frame.evaluate(TO_EDGE, [".leaflet-marker-icon.measure-symbol", edge])
    symbol.click(force=True)  # at the edge, the layer control may cover part of it
    popup = map_frame(page).locator(".leaflet-popup")
    expect(popup).to_be_visible()
    page.wait_for_timeout(1000)  # the autopan has ended, and the app's rerun
    expect(popup).to_be_visible()
    inside = frame.evaluate(
        """() => {
          const map = document.querySelector(".leaflet-container").getBoundingClientRect();
          const box = document.querySelector(".leaflet-popup").getBoundingClientRect();
          return box.left >= map.left && box.right <= map.right
            && box.top >= map.top && box.bottom <= map.bottom;
        }"""
    )
    assert inside, "the whole popup is inside the map"
    assert errors == []


def test_a_shared_url_reproduces_the_filtered_view(page: Page, app_url: str) -> None:
    valsta = [r for r in read_rows(SHIPPED) if r["place"] in {"valsta", "valsta-centrum"}]
    open_app(page, f"{app_url}?place=valsta&lang=en")
    expect(metric(page)).to_have_text(str(len(valsta)))
    expect_points(page, located(valsta))
    expect(heading(page, "In figures")).to_be_visible()
    expect(page.get_by_text(f"{len(valsta)} rows: Valsta", exact=True)).to_be_visible()


def test_karta_in_a_link_opens_the_map_with_the_links_filters(page: Page, app_url: str) -> None:
    # The other pages have Swedish paths (/tidslinje, /data): /karta is the map's.
    chosen = {"valsta", "valsta-centrum", "klara", "sergels-torg"}
    rows = [r for r in read_rows(SHIPPED) if r["place"] in chosen]
    open_app(page, f"{app_url}karta?place=valsta&place=mars&place=klara&lang=en")
    expect(heading(page, "In figures")).to_be_visible()
    expect(metric(page)).to_have_text(str(len(rows)))
    expect_points(page, located(rows))
    expect(page.get_by_role("dialog")).to_have_count(0)  # no "Page not found"
    # What the link held that the map cannot use is noted, as on any page.
    notice = "Invalid value 'mars' for place was ignored."
    expect(page.get_by_test_id("stSidebar").get_by_text(notice)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/\?place=valsta&place=klara&lang=en$"))
    expect(page.get_by_role("link", name="Map", exact=True)).to_have_attribute(
        "aria-current", "page"
    )


def test_a_search_updates_the_count_the_map_and_the_url(page: Page, app_url: str) -> None:
    word = "Vattentornsparken"
    hits = [
        r
        for r in read_rows(SHIPPED)
        if word.casefold() in f"{r['title']} {r['description']}".casefold()
    ]
    assert 0 < len(hits) < len(read_rows(SHIPPED))
    open_app(page, app_url)
    search = page.get_by_label("Sök i titel och beskrivning")
    search.fill(word)
    search.press("Enter")
    expect(metric(page)).to_have_text(str(len(hits)))
    expect_points(page, located(hits))
    expect(page).to_have_url(re.compile(f"[?&]q={word}"))


# --- other data files ---------------------------------------------------------------------


def test_hostile_text_is_shown_as_text(
    app_with_measures: AppFactory,
    page: Page,
    validate: Validator,
    tmp_path: Path,
    dialogs: list[str],
) -> None:
    path = write_rows(tmp_path / "hostile.csv", [HOSTILE_MEASURE])
    assert validate(path).ok, "the hostile file must pass the validator"
    open_app(page, app_with_measures(path))

    marker = circles(page)
    expect(marker).to_have_count(1)
    # A click focuses the map, which scrolls a partly visible iframe: show it whole first.
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    frame = map_frame(page)
    marker.hover()
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(HOSTILE)
    marker.click()
    # The popup reopens when the click's selection redraws the layers: the newest one.
    expect(frame.locator(".leaflet-popup-content").last).to_contain_text(HOSTILE)
    expect(frame.locator('img[src="x"]')).to_have_count(0)

    page.get_by_role("link", name="Data", exact=True).click()
    cell = open_first_row_cell(page, table(page, 0), "Titel")
    expect(cell).to_be_visible()
    expect(cell).to_have_value(HOSTILE)
    expect(page.locator('img[src="x"]')).to_have_count(0)
    assert dialogs == []


def test_file_with_errors_shows_a_warning_with_the_count(
    app_with_measures: AppFactory, page: Page, validate: Validator, tmp_path: Path
) -> None:
    rows = read_rows(SHIPPED)
    rows[0]["place"] = "Atlantis"
    path = write_rows(tmp_path / "errors.csv", rows)
    errors = len(validate(path).errors)
    assert errors >= 1
    open_app(page, app_with_measures(path))
    warning = page.get_by_test_id("stAlertContentWarning")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(re.compile(rf"\b{errors} fel\b"))
    expect(metric(page)).to_have_text(str(len(rows) - errors))
    assert tracebacks(page).count() == 0


def test_missing_file_shows_an_error_not_a_traceback(
    app_with_measures: AppFactory, page: Page, tmp_path: Path
) -> None:
    missing = tmp_path / "does-not-exist.csv"
    open_app(page, app_with_measures(missing))
    error = page.get_by_test_id("stAlertContentError").first
    expect(error).to_be_visible()
    expect(error).to_contain_text("kunde inte läsas")
    expect(error).to_contain_text(missing.name)
    expect(metric(page)).to_have_text("0")
    expect(polygons(page)).to_have_count(place_count())
    expect(circles(page)).to_have_count(0)
    assert tracebacks(page).count() == 0


def test_a_shared_data_link_works_on_a_fresh_server(
    app_with_measures: AppFactory, page: Page
) -> None:
    # The very first request of a new server is a deep link: it must go through dashboard.py.
    url = app_with_measures(SHIPPED)
    conditions = [r for r in read_rows(SHIPPED) if r["kind"] == "condition"]
    open_app(page, f"{url}data?kind=condition")
    expect(heading(page, "Data")).to_be_visible()
    expect(metric(page)).to_have_text(str(len(conditions)))
    expect(tracebacks(page)).to_have_count(0)
    page.get_by_role("link", name="Om datan").click()
    expect(heading(page, "Om datan")).to_be_visible()
    expect(metric(page)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"om-datan\?kind=condition"))


def test_clicking_a_symbol_selects_the_measure_on_every_page(page: Page, app_url: str) -> None:
    kista = [r for r in read_rows(SHIPPED) if r["place"].startswith("kista") and r["lat"]]
    assert len(kista) == 1
    open_app(page, f"{app_url}?place=kista")
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    expect(circles(page)).to_have_count(1)
    circles(page).click()
    expect(page).to_have_url(re.compile(rf"[?&]measure={kista[0]['id']}"))
    expect(heading(page, "Vald åtgärd")).to_be_visible()
    expect(page.get_by_text(kista[0]["title"], exact=True).first).to_be_visible()
    page.get_by_role("link", name="Tidslinje").click()
    expect(heading(page, "Vald åtgärd")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"tidslinje\?.*measure={kista[0]['id']}"))


def test_a_click_on_the_map_keeps_the_page_still_when_the_maps_top_is_out_of_view(
    page: Page, app_url: str
) -> None:
    kista = shipped_located("kista")
    open_app(page, f"{app_url}?place=kista")
    expect(circles(page)).to_have_count(1)
    # Scroll the page so that the map's top edge is 150 px above the window; its symbol,
    # lower down, stays in view.
    page.locator(MAP_IFRAME).evaluate(
        """(map) => {
             const scrolls = (box) => box.scrollHeight > box.clientHeight &&
               ["auto", "scroll"].includes(getComputedStyle(box).overflowY);
             let box = map.parentElement;
             while (box && !scrolls(box)) box = box.parentElement;
             (box || document.scrollingElement).scrollBy(0, map.getBoundingClientRect().top + 150);
           }"""
    )
    before = page.locator(MAP_IFRAME).bounding_box()
    assert before is not None and before["y"] < 0
    circles(page).click()
    expect(page).to_have_url(re.compile(rf"[?&]measure={kista[0]['id']}"))
    after = page.locator(MAP_IFRAME).bounding_box()
    assert after is not None and after["y"] == pytest.approx(before["y"], abs=2)


# --- the map's own behaviour ---------------------------------------------------------------


def shipped_located(prefix: str) -> list[dict[str, str]]:
    return [r for r in read_rows(SHIPPED) if r["lat"] and r["place"].startswith(prefix)]


def test_a_cluster_stands_for_near_points_and_splits_when_clicked(page: Page, app_url: str) -> None:
    # At the overview zoom the located Valsta rows (a few hundred metres apart) are one cluster.
    valsta = shipped_located("valsta")
    assert len(valsta) >= 3
    open_app(page, app_url)
    cluster = clusters(page).filter(has_text=re.compile(f"^{len(valsta)}$"))
    expect(cluster).to_have_count(1)
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    cluster.click()
    expect(cluster).to_have_count(0)
    expect(circles(page).first).to_be_visible()
    expect_points(page, len(valsta))


def test_a_shared_view_opens_where_it_was_and_lists_what_is_in_it(page: Page, app_url: str) -> None:
    rows = read_rows(SHIPPED)
    kista = [r for r in rows if r["place"] in {"kista", "kista-busstorg"}]
    open_app(page, f"{app_url}?lat=59.40380&lon=17.94240&zoom=16")
    lat, lon, zoom = map_view(page)
    assert (round(lat, 4), round(lon, 4), zoom) == (59.4038, 17.9424, 16)
    # In view: Kista's own point, and every row of the places the view reaches into.
    expect(inview_button(page)).to_have_text(f"Lista: {len(kista)} i kartbilden")
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    inview_button(page).click()
    panel = map_frame(page).locator(".safetymap-inview-panel")
    expect(panel.locator("li")).to_have_count(len(kista))
    expect(panel).to_contain_text(kista[0]["title"])
    assert shipped_located("valsta")[0]["title"] not in panel.inner_text()


def test_zooming_writes_the_view_into_the_url_without_losing_the_filter(
    page: Page, app_url: str
) -> None:
    open_app(page, f"{app_url}?kind=measure")
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    before = map_view(page)[2]
    map_frame(page).locator(".leaflet-control-zoom-in").click()
    expect(page).to_have_url(re.compile(rf"[?&]zoom={before + 1}\b"))
    expect(page).to_have_url(re.compile(r"[?&]kind=measure\b"))
    search = page.get_by_label("Sök i titel och beskrivning")
    search.fill("park")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=park\b"))
    expect(page).to_have_url(re.compile(rf"[?&]zoom={before + 1}\b"))


def test_switching_a_type_off_hides_its_symbols_and_list_rows(page: Page, app_url: str) -> None:
    [point] = shipped_located("kista")
    label = measure_types().label(point["measure_type"], "sv")
    open_app(page, f"{app_url}?place=kista")
    expect(circles(page)).to_have_count(1)
    before = inview_button(page).inner_text()
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    map_frame(page).locator(".leaflet-control-layers").hover()
    map_frame(page).locator("label", has_text=label).locator("input").uncheck()
    expect(circles(page)).to_have_count(0)
    expect(inview_button(page)).not_to_have_text(before)


def test_opening_the_map_runs_the_app_once(page: Page, app_url: str) -> None:
    # A map that reported its view as soon as it was drawn would make the app run again.
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    open_app(page, app_url)
    expect_points(page, located(read_rows(SHIPPED)))
    page.wait_for_timeout(1500)  # streamlit-folium reports 250 ms after the first draw
    assert len(sent) == 1, "one request for the first run, none after the map is drawn"
