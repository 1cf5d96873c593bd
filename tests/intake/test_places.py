"""The shipped place polygons: ids fixed by the contract, properties, size and nesting."""

from __future__ import annotations

import json

import pytest

from safetymap.contract.schema import METRIC_CRS
from safetymap.intake.places import Places, load_places
from tests.conftest import ROOT

CONTRACT_PLACES = {
    "kista": None,
    "kista-busstorg": "kista",
    "klara": None,
    "sergels-torg": "klara",
    "jakobsberg": None,
    "jakobsberg-station": "jakobsberg",
    "valsta": None,
    "valsta-centrum": "valsta",
}
PROPERTIES = {
    "id",
    "name",
    "parent",
    "municipality",
    "kommun_code",
    "source",
    "license",
    "approximate",
}


def _features(name: str) -> list[dict]:
    return json.loads((ROOT / "geodata" / name).read_text(encoding="utf-8"))["features"]


def test_places_have_exactly_the_contract_ids_and_parents(places: Places) -> None:
    assert {pid: p.parent for pid, p in places.by_id.items()} == CONTRACT_PLACES


def test_every_feature_has_the_required_properties() -> None:
    for feature in _features("places.geojson"):
        props = feature["properties"]
        assert set(props) >= PROPERTIES, props["id"]
        assert isinstance(props["approximate"], bool)
        assert props["source"] and props["license"]


def test_focus_areas_are_approximate_and_places_official(places: Places) -> None:
    for place in places.by_id.values():
        assert place.approximate == (place.parent is not None), place.id


def test_klara_says_it_includes_jakob(places: Places) -> None:
    assert "Jakob" in places.by_id["klara"].note


def _decimals(coords) -> int:
    if isinstance(coords[0], (int, float)):
        return max(len(repr(float(c)).split(".")[1]) for c in coords)
    return max(_decimals(c) for c in coords)


@pytest.mark.parametrize("name, max_kib", [("places.geojson", 40), ("context.geojson", 300)])
def test_geodata_files_are_small_with_at_most_six_decimals(name: str, max_kib: int) -> None:
    assert (ROOT / "geodata" / name).stat().st_size < max_kib * 1024
    for feature in _features(name):
        assert _decimals(feature["geometry"]["coordinates"]) <= 6


def test_focus_areas_lie_inside_their_place(places: Places) -> None:
    metric = places.frame.geometry.to_crs(METRIC_CRS)
    for place in places.by_id.values():
        if place.parent:
            assert metric[place.id].within(metric[place.parent].buffer(5)), place.id


def test_jakobsberg_includes_the_station(places: Places) -> None:
    from shapely import Point

    assert places.frame.geometry["jakobsberg"].contains(Point(17.83278, 59.42389))


@pytest.mark.parametrize(
    "text, place_id",
    [
        ("kista-busstorg", "kista-busstorg"),
        ("Sergels torg", "sergels-torg"),
        ("SERGELS TORG", "sergels-torg"),
        ("Jakobsbergs stationsområde", "jakobsberg-station"),
        ("Vattentornsparken", "valsta-centrum"),
        ("Klara-Jacob", "klara"),
        ("Gamla stan", None),
    ],
)
def test_place_matching(places: Places, text: str, place_id: str | None) -> None:
    assert places.match(text) == place_id


def test_filter_on_a_place_includes_its_focus_areas(places: Places) -> None:
    assert places.with_descendants("valsta") == ["valsta", "valsta-centrum"]
    assert places.with_descendants("sergels-torg") == ["sergels-torg"]


def test_unreadable_places_file_raises_naming_the_file(tmp_path) -> None:
    bad = tmp_path / "places.geojson"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match=r"places\.geojson"):
        load_places(bad)


def test_context_layer_has_the_three_kommuner() -> None:
    kommuner = {
        f["properties"]["name"]
        for f in _features("context.geojson")
        if f["properties"]["layer"] == "kommun"
    }
    assert kommuner == {"Stockholms stad", "Järfälla kommun", "Sigtuna kommun"}
