"""Folium output, rendered without a browser: layers, styles, escaping, no CDN."""

from __future__ import annotations

import folium
import geopandas as gpd
import pytest

from safetymap import mapping, offline
from safetymap.loaders import read_measures
from safetymap.places import Places
from tests.conftest import ROOT, csv_bytes, make_measure

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def context() -> gpd.GeoDataFrame:
    return gpd.read_file(ROOT / "geodata" / "context.geojson")


def _measures(places: Places, *rows: dict[str, str]) -> gpd.GeoDataFrame:
    loaded = read_measures(csv_bytes(list(rows)), "t.csv", places)
    assert loaded.report.ok, loaded.report.to_dict()
    return loaded.measures


def _html(
    places: Places, context: gpd.GeoDataFrame, measures: gpd.GeoDataFrame, lang: str = "sv"
) -> str:
    return mapping.overview_map(places, context, measures, lang).get_root().render()


def test_data_text_is_escaped_in_tooltip_and_popup(places: Places, context) -> None:
    measures = _measures(
        places,
        make_measure(title=HOSTILE, actors=f"Polisen|{HOSTILE}", lat="59.4037", lon="17.942"),
    )
    [feature] = mapping.located_measures_layer(measures, "sv").data["features"]
    for key in ("tip", "info"):
        assert "<img" not in feature["properties"][key]
        assert "&lt;img src=x onerror=alert(1)&gt;" in feature["properties"][key]
    html = _html(places, context, measures)
    for code, char in (("\\u003c", "<"), ("\\u003e", ">"), ("\\u0026", "&")):
        html = html.replace(code, char)
    assert HOSTILE not in html


def test_popup_lists_type_status_actors_dates_and_source(places: Places) -> None:
    measures = _measures(
        places,
        make_measure(start_date="2021-01", end_date="2021-03", source="Stockholms stad: Kista"),
    )
    popup = mapping.measure_popup(measures.drop(columns="geometry").iloc[0].to_dict(), "sv")
    for text in (
        "Belysning",
        "genomförd",
        "Trafikkontoret (Stockholms stad)",
        "januari 2021 – mars 2021",
        "Stockholms stad: Kista",
    ):
        assert text in popup


def test_layers_are_named_and_only_located_rows_become_markers(places: Places, context) -> None:
    measures = _measures(
        places, make_measure(id="a", lat="59.4037", lon="17.942"), make_measure(id="b")
    )
    fmap = mapping.overview_map(places, context, measures, "en")
    layers = [c for c in fmap._children.values() if isinstance(c, folium.GeoJson)]
    assert [layer.layer_name for layer in layers] == [
        "Background: municipalities and RegSO",
        "Places",
        "Measures with their own location (1)",
    ]
    assert len(layers[1].data["features"]) == 8
    assert len(layers[2].data["features"]) == 1


def test_approximate_focus_areas_are_dashed(places: Places) -> None:
    layer = mapping.places_layer(places, _measures(places, make_measure()), "sv")
    styles = {f["properties"]["id"]: layer.style_function(f) for f in layer.data["features"]}
    assert styles["kista-busstorg"]["dashArray"] and not styles["kista"]["dashArray"]


def test_status_colours_differ_for_the_life_cycle() -> None:
    colours = [mapping.STATUS_COLOURS[s] for s in ("planned", "ongoing", "completed", "active")]
    assert len(set(colours)) == 4


@pytest.mark.parametrize(
    "start, end, lang, text",
    [
        ("2021", "", "sv", "från 2021"),
        ("", "2020-12-31", "en", "until 31 December 2020"),
        ("2019", "2019", "sv", "2019"),
        ("", "", "sv", "–"),
    ],
)
def test_date_span_keeps_precision(start: str, end: str, lang: str, text: str) -> None:
    assert mapping.date_span(start, end, lang) == text


def test_local_assets_replace_every_cdn_link(places: Places, context) -> None:
    offline.use_local_assets()
    html = _html(places, context, _measures(places, make_measure()))
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "unpkg" not in html
    for url in offline.asset_urls():
        assert url in html
        assert (ROOT / url.removeprefix("/app/")).is_file(), url
