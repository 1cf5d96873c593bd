"""Areas: the places and the wider areas their outcome series are counted in."""

from __future__ import annotations

import json

import pytest
import shapely

from safetymap.contract.schema import METRIC_CRS
from safetymap.intake.areas import Areas, load_areas
from safetymap.intake.places import Places
from tests.conftest import ROOT

WIDER = ["kommun-0180", "kommun-0123", "kommun-0191", "sdo-rinkeby-kista", "sdo-norrmalm"]


def test_every_area_of_the_contract_is_there_with_its_polygon(areas: Areas) -> None:
    assert set(WIDER) <= set(areas.ids())
    assert set(areas.places.ids()) <= set(areas.ids())
    for area_id in areas.ids():
        polygon = areas.frame.geometry[area_id]
        assert polygon.is_valid and not polygon.is_empty, area_id


@pytest.mark.parametrize(
    "place, expected",
    [
        ("jakobsberg-station", ["jakobsberg-station", "jakobsberg", "kommun-0123"]),
        ("kista", ["kista", "sdo-rinkeby-kista", "kommun-0180"]),
        ("sergels-torg", ["sergels-torg", "klara", "sdo-norrmalm", "kommun-0180"]),
        ("valsta", ["valsta", "kommun-0191"]),
    ],
)
def test_a_place_lies_in_its_areas_narrowest_first(
    areas: Areas, place: str, expected: list[str]
) -> None:
    assert [area.id for area in areas.containing(place)] == expected


def test_the_shipped_outlines_hold_the_places_they_say_they_hold(areas: Areas) -> None:
    metric = areas.frame.to_crs(METRIC_CRS).geometry
    for area_id in WIDER:
        area = metric[area_id].buffer(50)  # outlines from different maps meet within metres
        for place_id in areas.by_id[area_id].places:
            assert area.contains(metric[place_id]), (area_id, place_id)
        others = set(areas.places.ids()) - set(areas.by_id[area_id].places)
        for place_id in others:
            assert not shapely.intersects(metric[area_id].buffer(-50), metric[place_id])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("kommun-0123", "kommun-0123"),
        ("Järfälla kommun", "kommun-0123"),
        ("jarfalla", "kommun-0123"),
        ("Stockholm kommun", "kommun-0180"),  # as Brå's monthly export names it
        ("Stadsdelsområde Rinkeby-Kista (Sthlm)", "sdo-rinkeby-kista"),
        ("Norrmalm", "sdo-norrmalm"),
        ("Kista busstorg", "kista-busstorg"),
        ("Uppsala", None),
    ],
)
def test_an_area_is_named_by_id_name_or_alias(
    areas: Areas, text: str, expected: str | None
) -> None:
    assert areas.match(text) == expected


def test_each_wider_area_credits_its_source_and_licence() -> None:
    features = json.loads((ROOT / "geodata" / "areas.geojson").read_text(encoding="utf-8"))
    for feature in features["features"]:
        props = feature["properties"]
        assert props["source"] and props["license"], props["id"]
        if props["level"] == "stadsdelsomrade":
            assert "stockholm-stadsdelar" in props["source"] and props["license"] == "CC0-1.0"
    readme = (ROOT / "geodata" / "README.md").read_text(encoding="utf-8")
    assert "areas.geojson" in readme and "CC0-1.0" in readme


def test_an_area_may_not_take_a_places_id(places: Places, tmp_path) -> None:
    features = json.loads((ROOT / "geodata" / "areas.geojson").read_text(encoding="utf-8"))
    features["features"][0]["properties"]["id"] = "kista"
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps(features), encoding="utf-8")
    with pytest.raises(ValueError, match="kista"):
        load_areas(places, path)


def test_a_wider_area_has_names_in_both_languages(areas: Areas) -> None:
    area = areas.by_id["kommun-0191"]
    assert (area.label("sv"), area.label("en")) == ("Sigtuna kommun", "Sigtuna Municipality")
    assert area.wider and not areas.by_id["valsta"].wider
