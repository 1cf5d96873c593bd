"""What the map's badges and frames count: equal to the filter's result (issue #17)."""

from __future__ import annotations

from collections import Counter

import geopandas as gpd
import pytest

from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.present import badges, mapping
from safetymap.present.badges import Badge
from safetymap.selection.filters import MeasureFilter
from tests.conftest import ROOT, make_measure, unpacked, valid_measures


@pytest.fixture(scope="module")
def shipped(places: Places) -> gpd.GeoDataFrame:
    return load_measures(ROOT / "measures.csv", places).measures


def expected_badges(shown: gpd.GeoDataFrame, places: Places) -> dict[str, Badge]:
    """The badges counted the plain way, row by row, from the filter's result."""
    found = {}
    for top in places.top_level():
        mine = shown[shown["place"].isin(places.with_descendants(top))]
        if mine.empty:
            continue
        types = Counter(mine["measure_type"])
        states = Counter(mine["status"])
        actors = Counter(name for names in mine["actors"] for name in names)
        found[top] = Badge(
            place_id=top,
            total=len(mine),
            types=tuple((m, types[m]) for m in measure_types().ids() if types[m]),
            statuses=tuple((s, states[s]) for s in statuses().ids() if states[s]),
            actors=tuple(sorted(actors.items(), key=lambda pair: (-pair[1], pair[0]))),
        )
    return found


def read_payload(payload: dict, hidden: set[int] = frozenset()) -> dict[str, dict]:
    """The badges as ``measures.js`` draws them from the payload: each place's tallies added
    up over the types not switched off (``hidden``: their positions in the vocabulary)."""
    drawn = {}
    for place_id, tallies in payload["places"]:
        entry = {"total": 0, "types": {}, "statuses": Counter(), "actors": Counter()}
        for type_index, n, by_status, by_actor in tallies:
            if type_index in hidden:
                continue
            entry["total"] += n
            entry["types"][measure_types().ids()[type_index]] = n
            entry["statuses"].update({statuses().ids()[s]: k for s, k in by_status})
            entry["actors"].update({payload["actors"][a]: k for a, k in by_actor})
        if entry["total"]:
            drawn[place_id] = entry
    return drawn


def test_focus_areas_count_on_their_place_by_type_status_and_actor(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(id="a", lat="59.4037", lon="17.942", actors="Polisen|Trafikkontoret"),
        make_measure(id="b", place="kista", actors="Polisen"),
        make_measure(id="c", place="kista-busstorg", measure_type="cameras", status="planned"),
        make_measure(id="d", place="sergels-torg", status="ongoing"),
        make_measure(
            id="e",
            kind="condition",
            measure_type="risk_area",
            place="valsta",
            status="active",
            start_date="2021",
            actors="Polisen",
        ),
    )
    data = badges.badge_data(measures, places)
    kista, klara, valsta = data.badges()
    assert kista == Badge(
        place_id="kista",
        total=3,
        types=(("lighting", 2), ("cameras", 1)),
        statuses=(("planned", 1), ("completed", 2)),
        actors=(("Polisen", 2), ("Trafikkontoret (Stockholms stad)", 2)),  # equal: by name
    )
    assert (klara.place_id, klara.total, klara.statuses) == ("klara", 1, (("ongoing", 1),))
    assert (valsta.types, valsta.statuses) == ((("risk_area", 1),), (("active", 1),))
    assert [b.place_id for b in data.badges()] == ["kista", "klara", "valsta"], "places' order"
    # Zoomed in: each place or focus area frames its rows without a point of their own.
    assert data.whole_area() == {"kista": 1, "kista-busstorg": 1, "sergels-torg": 1, "valsta": 1}


def test_the_most_named_actors_come_first(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(id="a", actors="Trafikkontoret"),
        make_measure(id="b", actors="Polisen|Trafikkontoret"),
        make_measure(id="c", actors="Polisen|Trafikkontoret", measure_type="cameras"),
        make_measure(id="d", actors="Bostadsbolagen"),
    )
    (kista,) = badges.badge_data(measures, places).badges()
    assert [name for name, _ in kista.actors] == [
        "Trafikkontoret (Stockholms stad)",
        "Polisen",
        "Bostadsbolagen",
    ]
    assert [n for _, n in kista.actors] == [3, 2, 1]


def test_a_type_switched_off_leaves_the_badges_and_frames(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(id="a", place="kista", actors="Polisen"),
        make_measure(id="b", place="kista", measure_type="cameras", status="planned"),
        make_measure(id="c", place="valsta", measure_type="cameras", status="planned"),
    )
    data = badges.badge_data(measures, places)
    (kista,) = data.badges(hidden={"cameras"})
    assert (kista.total, kista.types) == (1, (("lighting", 1),))
    assert kista.statuses == (("completed", 1),)
    assert dict(kista.actors) == {"Polisen": 1}
    assert data.whole_area(hidden={"cameras"}) == {"kista": 1}
    assert data.badges(hidden={"cameras", "lighting"}) == ()
    # The browser leaves the same types out of the payload's tallies.
    cameras = measure_types().ids().index("cameras")
    drawn = read_payload(badges.badge_payload(data), hidden={cameras})
    assert set(drawn) == {"kista"} and drawn["kista"]["total"] == 1


def test_no_rows_no_badges(places: Places, shipped: gpd.GeoDataFrame) -> None:
    shown = MeasureFilter(query="ordsomintefinns").apply(shipped, places)
    assert shown.empty
    data = badges.badge_data(shown, places)
    assert data.badges() == () and data.whole_area() == {}
    assert badges.badge_payload(data) == {"places": [], "areas": [], "actors": []}


@pytest.mark.parametrize(
    "chosen",
    [
        MeasureFilter(),
        MeasureFilter(places=("klara",)),
        MeasureFilter(places=("valsta", "jakobsberg")),
        MeasureFilter(types=("cameras", "collaboration", "open_drug_scene")),
        MeasureFilter(statuses=("planned", "active")),
        MeasureFilter(kinds=("condition",)),
        MeasureFilter(actors=("Polisen",)),
        MeasureFilter(query="kamera"),
        MeasureFilter(year_from=2021, year_to=2022),
    ],
    ids=["all", "klara", "two-places", "types", "statuses", "conditions", "police", "q", "years"],
)
def test_badges_on_the_shipped_rows_equal_the_filters_result(
    places: Places, shipped: gpd.GeoDataFrame, chosen: MeasureFilter
) -> None:
    shown = chosen.apply(shipped, places)
    assert not shown.empty
    data = badges.badge_data(shown, places)
    found = {badge.place_id: badge for badge in data.badges()}
    assert found == expected_badges(shown, places)
    assert sum(badge.total for badge in found.values()) == len(shown), "add up to the page's"
    whole = Counter(shown["place"][~shown["located"]])
    assert data.whole_area() == dict(whole)
    # What the browser draws from the payload is the same.
    drawn = read_payload(badges.badge_payload(data))
    assert {p: e["total"] for p, e in drawn.items()} == {p: b.total for p, b in found.items()}
    for place_id, badge in found.items():
        assert drawn[place_id]["types"] == dict(badge.types)
        assert dict(drawn[place_id]["statuses"]) == dict(badge.statuses)
        assert dict(drawn[place_id]["actors"]) == dict(badge.actors)


def test_the_map_layer_carries_the_badges(places: Places, shipped: gpd.GeoDataFrame) -> None:
    shown = MeasureFilter(places=("klara",)).apply(shipped, places)
    layer = unpacked(mapping.layer_data(shown, places, "sv").rows_packed)
    assert layer["badges"] == badges.badge_payload(badges.badge_data(shown, places))
    assert [place_id for place_id, _ in layer["badges"]["places"]] == ["klara"]
    areas = {area for area, _ in layer["badges"]["areas"]}
    assert areas == {"klara", "sergels-torg"}
