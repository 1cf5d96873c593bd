"""The rows a request picks and their features: the map's filter, then ``datetime`` against a
row's dates and ``bbox`` against its geometry as shown (its place's polygon when it covers
its place); every feature with its source and quote."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import shapely

from safetymap.api import rows
from safetymap.api.params import Query
from safetymap.api.source import PublishedMeasures, PublishedOutcomes, Source
from safetymap.config import get_settings
from safetymap.intake.places import Places
from safetymap.selection.filters import MeasureFilter
from tests.conftest import ROOT, csv_bytes, make_measure

TODAY = date(2026, 6, 1)
# A box inside Kista busstorg's focus area (and so inside Kista), away from Klara.
BUSSTORG = (17.9418, 59.4035, 17.9424, 59.4039)
ROWS = [
    make_measure(id="point-in", lat="59.4037", lon="17.9421", start_date="2020", end_date="2020",
                 status="completed"),
    make_measure(id="point-out", place="kista", lat="59.41", lon="17.95", start_date="2019-Q2",
                 status="completed", status_date="2019-06"),
    make_measure(id="busstorg-area", start_date="2022-03", status="ongoing"),
    make_measure(id="kista-area", place="kista", start_date="2018", end_date="2018-05",
                 status="completed"),
    make_measure(id="klara-area", place="klara", status="planned", start_date="2027"),
    make_measure(id="undated", place="klara", status="completed"),
]  # fmt: skip


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    folder = tmp_path_factory.mktemp("rows")
    (folder / "m.csv").write_bytes(csv_bytes(ROWS))
    env = {"SAFETYMAP_DB": str(folder / "s.db"), "SAFETYMAP_MEASURES": str(folder / "m.csv")}
    return Source(get_settings(env))


@pytest.fixture(scope="module")
def published(source: Source) -> PublishedMeasures:
    return source.measures()


def _ids(published: PublishedMeasures, places: Places, **query: object) -> list[str]:
    flt = query.pop("flt", MeasureFilter(today=TODAY))
    picked = rows.pick_measures(published, flt, Query(**query), places)  # type: ignore[arg-type]
    return list(picked["id"])


def test_no_parameters_pick_every_row_in_the_versions_order(published, places) -> None:
    assert _ids(published, places) == [r["id"] for r in ROWS]


def test_the_filter_picks_what_the_map_shows(published, places) -> None:
    flt = MeasureFilter(places=("kista",), statuses=("completed",), today=TODAY)
    expected = list(flt.apply(published.measures, places, published.recorded)["id"])
    assert _ids(published, places, flt=flt) == expected == ["point-in", "point-out", "kista-area"]


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ((date(2020, 6, 1), date(2020, 6, 1)), ["point-in"]),
        ((date(2019, 4, 1), date(2019, 4, 30)), ["point-out"]),
        ((date(2019, 1, 1), date(2019, 3, 31)), []),  # between kista-area and point-out
        ((date(2025, 1, 1), None), ["busstorg-area", "klara-area"]),  # running: up to today
        ((None, date(2018, 1, 31)), ["kista-area"]),
        ((None, None), ["point-in", "point-out", "busstorg-area", "kista-area", "klara-area"]),
    ],
)
def test_datetime_meets_a_rows_dates_and_leaves_undated_rows_out(
    published, places, period, expected
) -> None:
    assert _ids(published, places, period=period) == expected


def test_bbox_meets_a_rows_own_geometry_or_its_places_polygon(published, places) -> None:
    # point-out lies in Kista but outside the box; the areas of Kista and its busstorg meet it.
    assert _ids(published, places, bbox=BUSSTORG) == ["point-in", "busstorg-area", "kista-area"]


def test_a_box_touching_a_point_meets_it(published, places) -> None:
    assert "point-in" in _ids(published, places, bbox=(17.9421, 59.4037, 17.95, 59.41))


def test_a_page_is_a_slice_of_the_picked_rows_and_counts_them_all(published, places) -> None:
    picked = rows.pick_measures(published, MeasureFilter(today=TODAY), Query(), places)
    page = rows.measure_page(picked, Query(limit=2, offset=2), places)
    assert page.matched == len(ROWS)
    assert [f["id"] for f in page.features] == ["busstorg-area", "kista-area"]
    assert rows.measure_page(picked, Query(limit=2, offset=6), places).features == []


def test_every_feature_has_its_source_quote_and_geometry_as_shown(published, places) -> None:
    picked = rows.pick_measures(published, MeasureFilter(today=TODAY), Query(), places)
    features = rows.measure_page(picked, Query(), places).features
    by_id = {f["id"]: f for f in features}
    assert by_id["point-in"]["geometry"] == {"type": "Point", "coordinates": (17.9421, 59.4037)}
    assert by_id["point-in"]["properties"]["geometry_of"] == "measure"
    area = by_id["busstorg-area"]
    assert area["properties"]["geometry_of"] == "place"
    assert shapely.geometry.shape(area["geometry"]).equals(places.frame.geometry["kista-busstorg"])
    assert all({"source", "source_quote"} <= set(f["properties"]) for f in features)


def test_one_measure_by_its_id(published, places) -> None:
    found = rows.measure_feature(published, "kista-area", places)
    assert found is not None and found["properties"]["place"] == "kista"
    assert rows.measure_feature(published, "finns-inte", places) is None


def test_as_of_gives_each_feature_the_status_it_had_that_day(published, places) -> None:
    flt = MeasureFilter(as_of=date(2019, 1, 1), today=TODAY)
    picked = rows.pick_measures(published, flt, Query(), places)
    features = rows.measure_page(picked, Query(), places).features
    assert {f["id"]: f["properties"]["status"] for f in features}["kista-area"] == "completed"
    assert "busstorg-area" not in {f["id"] for f in features}  # had not begun


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Source:
    folder = tmp_path_factory.mktemp("shipped")
    return Source(
        get_settings(
            {"SAFETYMAP_DB": str(folder / "s.db"), "SAFETYMAP_MEASURES": str(ROOT / "measures.csv")}
        )
    )


def test_indicators_are_told_apart_by_place_indicator_and_period(shipped: Source, places) -> None:
    indicators = shipped.indicators()
    page = rows.indicator_page(indicators, indicators.table, Query(), places)
    ids = [f["id"] for f in page.features]
    assert len(set(ids)) == len(ids) == page.matched == 12
    assert ids[:3] == [
        "kista.daily_transit_boardings_alightings",
        "klara.drug_scene_classification",
        "klara.risk_environment_assessment",
    ]
    assert "klara.reported_crimes.2018" in ids
    assert all(f["properties"]["geometry_of"] == "place" for f in page.features)
    found = rows.indicator_feature(indicators, "klara.reported_crimes.2018", places)
    assert found is not None and found["properties"]["value"] == "14261"
    assert rows.indicator_feature(indicators, "kista.nothing", places) is None
    second = rows.indicator_page(indicators, indicators.table, Query(limit=2, offset=5), places)
    assert [f["id"] for f in second.features] == ids[5:7]


def test_indicators_of_a_place_include_its_focus_areas_and_meet_a_period(
    shipped: Source, places
) -> None:
    indicators = shipped.indicators()
    picked = rows.pick_indicators(indicators, ("klara",), Query(), places)
    assert set(picked["place"]) <= {"klara", "sergels-torg"} and len(picked) > 0
    dated = rows.pick_indicators(indicators, (), Query(period=(date(2018, 1, 1), None)), places)
    assert all(first is not None for first in dated["period_first"])
    boxed = rows.pick_indicators(indicators, (), Query(bbox=BUSSTORG), places)
    assert set(boxed["place"]) <= {"kista", "kista-busstorg"} and len(boxed) > 0


def test_places_are_features_with_their_own_polygons(places) -> None:
    page = rows.place_page(rows.pick_places(places, (), Query(bbox=BUSSTORG)), Query())
    assert [f["id"] for f in page.features] == ["kista", "kista-busstorg"]
    assert page.features[0]["properties"]["name"] == "Kista"
    assert page.features[1]["properties"]["parent"] == "kista"
    klara = rows.place_page(rows.pick_places(places, ("klara",), Query()), Query())
    assert [f["id"] for f in klara.features] == ["klara", "sergels-torg"]


def test_a_version_from_before_the_duplicate_rule_keeps_its_rows_apart() -> None:
    """A version published before files with the same figure twice were refused."""
    table = pd.DataFrame(
        {
            "place": ["klara", "klara", "kista"],
            "indicator": ["risk_environment_assessment"] * 2 + ["reported_crimes"],
            "period": ["", "", "2018"],
        }
    )
    assert rows.indicator_ids(table) == [
        "klara.risk_environment_assessment",
        "klara.risk_environment_assessment.2",
        "kista.reported_crimes.2018",
    ]


@pytest.fixture(scope="module")
def outcomes(shipped: Source) -> PublishedOutcomes:
    return shipped.outcomes()


def _outcomes(shipped: Source, outcomes: PublishedOutcomes, **asked: object) -> pd.DataFrame:
    query = Query(**{k: asked.pop(k) for k in ("period", "bbox") if k in asked})  # type: ignore[arg-type]
    wanted = rows.OutcomeFilter(**asked)  # type: ignore[arg-type]
    return rows.pick_outcomes(outcomes, wanted, query, shipped.areas())


def test_outcomes_are_told_apart_by_area_indicator_and_period(shipped, outcomes) -> None:
    page = rows.outcome_page(outcomes.table, Query(limit=1000), shipped.areas())
    ids = [f["id"] for f in page.features]
    assert page.matched == 3600 and len(set(ids)) == len(ids) == 1000
    assert ids[0] == "kommun-0123.reported_crimes_assault.2020-01"
    every = rows.outcome_ids(outcomes.table)
    assert len(set(every)) == 3600 and every[:1000] == ids
    second = rows.outcome_page(outcomes.table, Query(limit=3, offset=998), shipped.areas())
    assert [f["id"] for f in second.features] == every[998:1001]


def test_an_outcome_has_its_areas_polygon_a_number_and_its_source(shipped, outcomes) -> None:
    areas = shipped.areas()
    found = rows.outcome_feature(outcomes, "kommun-0123.reported_crimes_total.2019-Q2", areas)
    assert found is not None
    assert shapely.geometry.shape(found["geometry"]).equals(areas.frame.geometry["kommun-0123"])
    properties = found["properties"]
    assert properties["area"] == "kommun-0123" and properties["area_name"] == "Järfälla kommun"
    assert properties["indicator"] == "reported_crimes_total"
    assert properties["period"] == "2019-Q2" and properties["unit"] == "count"
    assert isinstance(properties["value"], float) and properties["value"] > 0
    assert properties["preliminary"] is False and properties["geometry_of"] == "area"
    assert properties["source"].startswith("Brå") and properties["source_ref"]
    preliminary = rows.outcome_feature(outcomes, "kommun-0191.reported_crimes_total.2026-Q1", areas)
    assert preliminary is not None and preliminary["properties"]["preliminary"] is True
    assert rows.outcome_feature(outcomes, "kommun-0123.reported_crimes_total.1999", areas) is None


def test_outcomes_of_a_place_are_those_of_the_areas_it_lies_in(shipped, outcomes) -> None:
    assert set(_outcomes(shipped, outcomes, places=("kista",))["area"]) == {
        "kommun-0180",
        "sdo-rinkeby-kista",
    }
    assert set(_outcomes(shipped, outcomes, places=("jakobsberg-station",))["area"]) == {
        "kommun-0123"
    }
    both = _outcomes(shipped, outcomes, places=("klara", "valsta"))
    assert set(both["area"]) == {"kommun-0180", "sdo-norrmalm", "kommun-0191"}


def test_outcomes_by_area_and_indicator(shipped, outcomes) -> None:
    picked = _outcomes(
        shipped,
        outcomes,
        areas=("kommun-0123", "sdo-norrmalm"),
        indicators=("reported_crimes_total", "reported_crimes_person"),
    )
    assert set(picked["area"]) == {"kommun-0123", "sdo-norrmalm"}
    järfälla = picked[picked["area"] == "kommun-0123"]
    # The total: 11 years (2015–2025) and 46 quarters (2015-Q1–2026-Q2); the person crimes:
    # 11 years and 48 months (2020–2023). Norrmalm has only the monthly person crimes.
    assert len(järfälla[järfälla["indicator"] == "reported_crimes_total"]) == 11 + 46
    assert len(järfälla[järfälla["indicator"] == "reported_crimes_person"]) == 11 + 48
    assert set(picked[picked["area"] == "sdo-norrmalm"]["indicator"]) == {"reported_crimes_person"}
    assert list(picked.index) == sorted(picked.index)  # the version's order


def test_datetime_meets_an_outcomes_period_as_days(shipped, outcomes) -> None:
    day = date(2019, 5, 15)
    picked = _outcomes(shipped, outcomes, areas=("kommun-0123",), period=(day, day))
    assert set(picked["period"]) == {"2019", "2019-Q2"}  # the year and the quarter it lies in
    june = _outcomes(shipped, outcomes, period=(date(2021, 6, 30), date(2021, 7, 1)))
    assert set(june["period"]) == {"2021", "2021-Q2", "2021-Q3", "2021-06", "2021-07"}
    later = _outcomes(shipped, outcomes, period=(date(2026, 4, 1), None))
    assert set(later["period"]) == {"2026-Q2"}


def test_bbox_meets_an_outcomes_area(shipped, outcomes) -> None:
    busstorg = _outcomes(shipped, outcomes, bbox=BUSSTORG)
    assert set(busstorg["area"]) == {"kommun-0180", "sdo-rinkeby-kista"}
    west, south, east, north = shipped.places().frame.geometry["valsta-centrum"].bounds
    valsta = _outcomes(shipped, outcomes, bbox=(west, south, east, north))
    assert set(valsta["area"]) == {"kommun-0191"}
