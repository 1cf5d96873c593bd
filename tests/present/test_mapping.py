"""Folium output, rendered without a browser: layers, styles, escaping, no CDN."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import pytest
import shapely
from streamlit_folium import generate_leaflet_string

from safetymap.intake.places import Places
from safetymap.present import mapping, offline
from tests.conftest import ROOT, make_measure, map_data, unpacked, valid_measures

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads((ROOT / "geodata" / "context.geojson").read_text(encoding="utf-8"))


def _html(places: Places, context: dict, measures: gpd.GeoDataFrame, lang: str = "sv") -> str:
    fmap = mapping.base_map(places, context, lang)
    for layer in mapping.measure_layers(mapping.layer_data(measures, places, lang)):
        layer.add_to(fmap)
    return fmap.get_root().render()


def test_data_text_reaches_the_page_only_as_packed_data(places: Places, context) -> None:
    measures = valid_measures(
        places,
        make_measure(title=HOSTILE, actors=f"Polisen|{HOSTILE}", lat="59.4037", lon="17.942"),
    )
    html = _html(places, context, measures)
    assert "onerror" not in html
    data = map_data(html)
    assert data["rows"]["title"] == [HOSTILE], "text, for measures.js to write as text"
    assert HOSTILE in data["tables"]["actors"][0]


def test_packed_json_cannot_close_its_script_tag() -> None:
    value = {"title": "</script><script>alert('x')</script> & co", "n": [1, None]}
    text = mapping.packed_json(value)
    assert re.fullmatch(r"[A-Za-z0-9+/=]+", text)
    assert unpacked(text) == value
    assert mapping.packed_json(value) == text, "the same data, the same text"


def test_one_layer_per_type_present_after_the_rows(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(id="a", lat="59.4037", lon="17.942"),
        make_measure(id="b"),
        make_measure(id="c", place="valsta"),
        make_measure(id="d", measure_type="cameras", place="klara", status="planned"),
        make_measure(
            id="e",
            kind="condition",
            measure_type="risk_area",
            place="valsta",
            status="active",
            start_date="2021",
        ),
    )
    rows, *layers = mapping.measure_layers(mapping.layer_data(measures, places, "en"))
    assert rows.control is False, "the rows themselves are not a layer to switch off"
    names = [layer.layer_name for layer in layers]
    assert [re.sub(r"<[^>]+>", "", name) for name in names] == [
        "Lighting (3)",
        "Camera surveillance (1)",
        "Risk area (police classification) (1)",
    ], "in the page's language, no Swedish codes"
    assert all(name.startswith("<svg") for name in names), "each with its type's icon"


def test_the_selected_measure_goes_with_the_rows(places: Places) -> None:
    measures = valid_measures(
        places, make_measure(id="a"), make_measure(id="b", title="Andra", place="valsta")
    )
    data = mapping.layer_data(measures, places, "sv")
    assert mapping.selected_row(measures, "b") == (1, "b")
    assert mapping.selected_row(measures, "zz") is None
    assert mapping.selected_row(measures, None) is None
    rows, *_ = mapping.measure_layers(data, mapping.selected_row(measures, "b"))
    fmap = folium.Map(tiles=None)
    rows.add_to(fmap)
    assert 'safetymap.current.select(1, "b");' in fmap.get_root().render()
    unselected, *_ = mapping.measure_layers(data)
    assert not any("Selection" in key for key in unselected._children)


@pytest.mark.parametrize(
    "pick, expected",
    [
        ({"row": 1, "title": "Andra", "at": 1}, "b"),
        ({"row": 0, "title": "Ny belysning"}, "a"),
        ({"row": 1, "title": "Ny belysning"}, None),  # rows changed since the pick
        ({"row": 2, "title": "Andra"}, None),
        ({"row": -1, "title": "Andra"}, None),
        ({"row": "1", "title": "Andra"}, None),
        ({"row": True, "title": "Andra"}, None),
        (None, None),
        ("b", None),
    ],
)
def test_a_pick_on_the_map_names_a_shown_measure(places: Places, pick, expected) -> None:
    measures = valid_measures(
        places, make_measure(id="a"), make_measure(id="b", title="Andra", place="valsta")
    )
    assert mapping.picked_measure(measures, pick) == expected


def test_base_map_does_not_depend_on_the_data(places: Places, context) -> None:
    first = mapping.base_map(places, context, "sv").get_root().render()
    second = mapping.base_map(places, context, "sv").get_root().render()
    strip = lambda html: re.sub(r"_[0-9a-f]{32}", "", html)  # noqa: E731 - folium's ids
    assert strip(first) == strip(second)
    assert "safetymap-legend" in first
    legend = mapping.Legend("sv").html
    assert "Teckenförklaring" in legend and "Kameraövervakning" in legend


def test_each_type_has_its_own_vendored_icon_on_its_groups_colour() -> None:
    types = mapping.measure_types().ids()
    assert set(mapping.TYPE_ICONS) == set(types)
    drawings = {mapping.icon_paths(m) for m in types}
    assert len(drawings) == len(types), "one icon per type"
    for m in types:
        assert "<path" in mapping.icon_paths(m) or "<circle" in mapping.icon_paths(m)
        group = mapping.measure_types().terms[m].group
        assert f'fill="{mapping.GROUP_COLOURS[group]}"' in mapping.type_glyph(m)
    assert (ROOT / "static" / "vendor" / "lucide" / "LICENSE").is_file()
    assert 'aria-label="Belysning"' in mapping.symbol_html("lighting")
    assert 'aria-label="Lighting"' in mapping.symbol_html("lighting", lang="en")


def test_a_status_shows_by_colour_and_by_shape() -> None:
    ids = mapping.statuses().ids()
    assert set(mapping.STATUS_RINGS) == set(ids)
    cues = {
        (mapping.STATUS_COLOURS[s], mapping.STATUS_RINGS[s], mapping.STATUS_MARKS.get(s))
        for s in ids
    }
    assert len(cues) == len(ids), "no two statuses look alike"
    shapes = {(mapping.STATUS_RINGS[s], mapping.STATUS_MARKS.get(s)) for s in ids}
    # Without colour: planned (dashed), ongoing/active (solid), completed (check), cancelled
    # (cross), lifted (bar) still differ; active and ongoing belong to different kinds.
    assert len(shapes) == 5
    assert "stroke-dasharray" in mapping.status_ring("planned")
    assert "stroke-dasharray" not in mapping.status_ring("ongoing")
    assert mapping.status_mark("ongoing") == "" and mapping.status_mark("completed")
    symbol = mapping.symbol_svg("cameras", "cancelled", 30)
    assert mapping.STATUS_MARKS["cancelled"] in symbol and 'width="30"' in symbol


def test_the_background_names_its_areas(context) -> None:
    labels = mapping.context_labels(context)
    named = [f for f in context["features"] if f["properties"].get("name")]
    assert len(labels) == len(named)
    assert labels[0][:2] == ["Järfälla kommun", "kommun"]
    assert {layer for _, layer, _, _ in labels} <= {"kommun", "regso", "wider_place"}
    background = mapping.background(context)
    assert background["labels"] == labels
    assert all(set(f["properties"]) == {"layer"} for f in background["features"])
    assert mapping.context_labels(background) is background["labels"]


def test_the_map_scrolls_the_page_and_measures_in_metres(places: Places, context) -> None:
    html = mapping.base_map(places, context, "sv").get_root().render()
    assert '"scrollWheelZoom": false' in html
    assert "control.scale" not in html.replace(offline.renderer_code(), "")
    assert "L.control.scale({ imperial: false, metric: true })" in offline.renderer_code()


def test_approximate_focus_areas_are_dashed(places: Places) -> None:
    layer = mapping.places_layer(places, "sv")
    styles = {f["properties"]["id"]: layer.style_function(f) for f in layer.data["features"]}
    assert styles["kista-busstorg"]["dashArray"] and not styles["kista"]["dashArray"]


def test_status_colours_differ_for_the_life_cycle() -> None:
    colours = [mapping.STATUS_COLOURS[s] for s in ("planned", "ongoing", "completed", "active")]
    assert len(set(colours)) == 4


def test_local_assets_replace_every_cdn_link(places: Places, context) -> None:
    offline.use_local_assets()
    html = _html(places, context, valid_measures(places, make_measure()))
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "unpkg" not in html
    renderer = [url for _, url in (*mapping.MapSetup.default_js, *mapping.MapSetup.default_css)]
    for url in offline.asset_urls() + renderer:
        assert url in html
        assert (ROOT / url.removeprefix("/app/")).is_file(), url


def test_the_renderer_reaches_the_browser_in_the_maps_own_script(places: Places, context) -> None:
    # Written into the script, not loaded as files: streamlit-folium would load each file
    # only after the last one's load event. Its renaming of folium's variables must leave
    # the renderer's code as it is.
    offline.use_local_assets()
    fmap = mapping.base_map(places, mapping.with_bbox(context), "sv")
    fmap.render()
    script = generate_leaflet_string(fmap)
    header = fmap.get_root().header.render()
    code = offline.renderer_code()
    assert code in script
    assert script.index(code) + len(code) < script.index("safetymap.setup({")
    assert "measures.js" not in header and "supercluster" not in header
    assert "measures.css" in header


def test_a_renderer_that_would_close_its_script_element_is_refused(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.js").write_text("var a = 1;", encoding="utf-8")
    (tmp_path / "b.js").write_text('var b = "</SCRIPT>";', encoding="utf-8")
    monkeypatch.setattr(offline, "STATIC_DIR", tmp_path)
    monkeypatch.setattr(offline, "RENDERER_FILES", ("a.js",))
    assert offline.renderer_code.__wrapped__() == "var a = 1;"
    monkeypatch.setattr(offline, "RENDERER_FILES", ("a.js", "b.js"))
    with pytest.raises(ValueError, match="script"):
        offline.renderer_code.__wrapped__()


def test_a_click_selects_the_nearest_located_measure(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(id="a", lat="59.4037", lon="17.942"),
        make_measure(id="b", place="valsta-centrum", lat="59.6175", lon="17.8245"),
        make_measure(id="c"),
    )
    assert mapping.measure_at(measures, 59.40372, 17.94205) == "a"
    assert mapping.measure_at(measures, 59.6176, 17.8246) == "b"
    assert mapping.measure_at(measures, 59.50, 17.90) is None, "nothing within reach"
    assert mapping.measure_at(measures[measures.id == "c"], 59.4037, 17.942) is None


@pytest.mark.parametrize(
    "tiles, expected",
    [
        ("none", None),
        ("openstreetmap", "tile.openstreetmap.org"),
        ("https://tiles.example.se/{z}/{x}/{y}.png", "tiles.example.se"),
    ],
)
def test_basemap_tiles_follow_the_setting(
    places: Places, context, tiles: str, expected: str | None
) -> None:
    fmap = mapping.base_map(places, context, "sv", tiles)
    layers = [c for c in fmap._children.values() if isinstance(c, folium.TileLayer)]
    if expected is None:
        assert layers == []
        html = fmap.get_root().render().lower()
        assert "openstreetmap" not in html, "no OpenStreetMap layer or credit without tiles"
    else:
        [layer] = layers
        assert expected in layer.tiles
        html = fmap.get_root().render()
        assert '"attribution":' in html.replace(" ", "")
        if tiles == "openstreetmap":
            assert "openstreetmap.org/copyright" in html


def test_the_view_frames_the_chosen_places(places: Places) -> None:
    assert mapping.view_for(places, ()) == (mapping.OVERVIEW_CENTER, mapping.OVERVIEW_ZOOM)
    (lat, lon), zoom = mapping.view_for(places, ("sergels-torg",))
    assert places.frame.geometry["sergels-torg"].contains(shapely.Point(lon, lat))
    assert zoom >= 15
    _, wide = mapping.view_for(places, ("kista", "valsta"))
    assert wide < zoom


@pytest.mark.parametrize("runs", [1, 2])
def test_the_script_sent_to_the_browser_uses_only_layers_it_defines(
    places: Places, context, runs: int
) -> None:
    # streamlit-folium rewrites folium's variable names into its own; a layer named in a
    # way it does not rewrite would be added to the map under a name never defined, and
    # the browser would stop at it. The second run reuses the static layers' stored text.
    for _ in range(runs):
        fmap = mapping.base_map(places, mapping.with_bbox(context), "sv")
        fmap.render()
        script = generate_leaflet_string(fmap)
    defined = set(re.findall(r"\bvar (\w+) = ", script))
    added = set(re.findall(r"\b(\w+)\.addTo\(", script))
    assert {"geo_json_div_0", "geo_json_div_1"} <= added  # the background and the places
    assert added <= defined | {"map_div"}, added - defined
