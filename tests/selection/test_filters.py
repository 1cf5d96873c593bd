"""The shared filter: every dimension, as-of status, and the filter in words."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pytest

from safetymap.intake.loaders import read_measures
from safetymap.intake.places import Places
from safetymap.selection.filters import (
    MeasureFilter,
    during,
    measure_days,
    measure_years,
    measures_span,
    meeting_box,
)
from tests.conftest import csv_bytes, make_measure

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def measures(places: Places) -> gpd.GeoDataFrame:
    rows = [
        make_measure(
            id="light-kista",
            start_date="2021-01",
            end_date="2021-03",
            description="Ljus med ungdomar",
        ),
        make_measure(
            id="police-jarva",
            place="kista",
            measure_type="police_presence",
            actors="Lokalpolisområde Järva",
            status="ongoing",
            start_date="2020",
        ),
        make_measure(
            id="cam-valsta",
            place="valsta-centrum",
            measure_type="cameras",
            actors="Sigtuna kommun | Polisen",
            status="planned",
            status_date="2022",
        ),
        make_measure(
            id="drugs-klara",
            place="klara",
            kind="condition",
            measure_type="open_drug_scene",
            actors="Polismyndigheten",
            status="lifted",
            start_date="2016",
            end_date="2019-06",
        ),
        make_measure(
            id="undated", place="sergels-torg", measure_type="cleaning", actors="Trafikkontoret"
        ),
    ]
    loaded = read_measures(csv_bytes(rows), "t.csv", places)
    assert loaded.report.ok
    return loaded.measures


def _ids(flt: MeasureFilter, measures: gpd.GeoDataFrame, places: Places) -> list[str]:
    return list(flt.apply(measures, places).id)


def test_no_filter_shows_everything(measures, places) -> None:
    flt = MeasureFilter(today=TODAY)
    assert flt.is_empty()
    assert len(flt.apply(measures, places)) == len(measures)


def test_a_place_includes_its_focus_areas(measures, places) -> None:
    assert _ids(MeasureFilter(places=("kista",)), measures, places) == [
        "light-kista",
        "police-jarva",
    ]
    assert _ids(MeasureFilter(places=("valsta",)), measures, places) == ["cam-valsta"]
    assert _ids(MeasureFilter(places=("kista-busstorg",)), measures, places) == ["light-kista"]


def test_the_police_includes_its_local_areas(measures, places) -> None:
    assert _ids(MeasureFilter(actors=("Polisen",)), measures, places) == [
        "police-jarva",
        "cam-valsta",
        "drugs-klara",
    ]
    assert _ids(MeasureFilter(actors=("Lokalpolisområde Järva (Polisen)",)), measures, places) == [
        "police-jarva"
    ]


@pytest.mark.parametrize(
    "flt, expected",
    [
        (MeasureFilter(types=("cameras", "cleaning")), ["cam-valsta", "undated"]),
        (MeasureFilter(statuses=("planned",)), ["cam-valsta"]),
        (MeasureFilter(kinds=("condition",)), ["drugs-klara"]),
        (MeasureFilter(query="UNGDOMAR"), ["light-kista"]),
        (MeasureFilter(query="kamera"), ["cam-valsta"]),  # by its type, Kameraövervakning
        (MeasureFilter(query="belysning ungdomar"), ["light-kista"]),  # every word
    ],
)
def test_simple_dimensions(measures, places, flt: MeasureFilter, expected) -> None:
    assert _ids(flt, measures, places) == expected


@pytest.mark.parametrize(
    "year_from, year_to, expected",
    [
        (2021, 2021, ["light-kista", "police-jarva"]),
        (2022, 2022, ["police-jarva", "cam-valsta"]),
        (2017, 2018, ["drugs-klara"]),
        (None, 2016, ["drugs-klara"]),
        (2025, None, ["police-jarva", "cam-valsta"]),
    ],
)
def test_year_range_matches_every_year_a_measure_can_fall_in(
    measures, places, year_from, year_to, expected
) -> None:
    flt = MeasureFilter(year_from=year_from, year_to=year_to, today=TODAY)
    assert _ids(flt, measures, places) == expected
    assert flt.undated_left_out(measures) == 1


def test_as_of_shows_the_status_then(measures, places) -> None:
    shown = MeasureFilter(as_of=date(2019, 1, 1)).apply(measures, places)
    # A row with no date at all is shown in its current status at every date.
    assert dict(zip(shown.id, shown.status)) == {"drugs-klara": "active", "undated": "completed"}
    shown = MeasureFilter(as_of=date(2021, 2, 1)).apply(measures, places)
    assert dict(zip(shown.id, shown.status)) == {
        "light-kista": "ongoing",
        "police-jarva": "ongoing",
        "drugs-klara": "lifted",
        "undated": "completed",
    }
    assert _ids(MeasureFilter(as_of=date(2021, 2, 1), statuses=("ongoing",)), measures, places) == [
        "light-kista",
        "police-jarva",
    ]


@pytest.mark.parametrize(
    "flt",
    [
        MeasureFilter(places=("jakobsberg",), actors=("Polisen",)),
        MeasureFilter(types=("open_drug_scene",), kinds=("measure",), year_from=2020),
        MeasureFilter(places=("jakobsberg",), actors=("Polisen",), year_to=2021, query="ljus"),
    ],
)
def test_a_filter_after_one_that_leaves_nothing_keeps_the_columns(
    measures, places, flt: MeasureFilter
) -> None:
    # The pages read the columns of what is shown: "no rows" must not become "no columns".
    shown = flt.apply(measures, places)
    assert shown.empty
    assert list(shown.columns) == list(measures.columns)


def test_apply_does_not_change_its_input(measures, places) -> None:
    before = list(measures.status)
    MeasureFilter(as_of=date(2019, 1, 1)).apply(measures, places)
    assert list(measures.status) == before


def test_measure_years() -> None:
    row = {"status_date": "", "start_date": "2020-Q4", "end_date": "", "status": "ongoing"}
    assert measure_years(row, TODAY) == (2020, 2026)
    done = {"status_date": "", "start_date": "2019", "end_date": "2020", "status": "completed"}
    assert measure_years(done, TODAY) == (2019, 2020)
    assert (
        measure_years(
            {"status_date": "", "start_date": "", "end_date": "", "status": "completed"}, TODAY
        )
        is None
    )


def test_measure_days_span_every_day_its_dates_can_mean() -> None:
    row = {"status_date": "", "start_date": "2020-Q4", "end_date": "", "status": "ongoing"}
    assert measure_days(row, TODAY) == (date(2020, 10, 1), TODAY)  # running: up to today
    done = {"status_date": "2021-03", "start_date": "2019", "end_date": "", "status": "completed"}
    assert measure_days(done, TODAY) == (date(2019, 1, 1), date(2021, 3, 31))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2021, 2, 1), date(2021, 2, 1), ["light-kista", "police-jarva"]),
        (date(2021, 4, 1), None, ["police-jarva", "cam-valsta"]),
        (None, date(2016, 1, 1), ["drugs-klara"]),
        (None, None, ["light-kista", "police-jarva", "cam-valsta", "drugs-klara"]),
    ],
)
def test_during_keeps_the_rows_whose_days_meet_the_period(measures, start, end, expected) -> None:
    assert list(during(measures, start, end, TODAY)["id"]) == expected


def test_the_span_of_the_measures_runs_from_the_first_day_to_the_last(measures) -> None:
    assert measures_span(measures, TODAY) == (date(2016, 1, 1), TODAY)
    assert measures_span(measures[measures["id"] == "undated"], TODAY) is None


def test_a_box_meets_a_row_where_its_place_polygon_does(measures, places) -> None:
    # Every row covers its place here: a box in Valsta centrum meets only the camera row;
    # one around Kista busstorg meets the Kista rows (busstorg is inside Kista).
    valsta = places.frame.geometry["valsta-centrum"].centroid
    box = (valsta.x - 0.0001, valsta.y - 0.0001, valsta.x + 0.0001, valsta.y + 0.0001)
    assert list(meeting_box(measures, places, box)["id"]) == ["cam-valsta"]
    west, south, east, north = places.frame.geometry["kista-busstorg"].bounds
    assert list(meeting_box(measures, places, (west, south, east, north))["id"]) == [
        "light-kista",
        "police-jarva",
    ]


@pytest.mark.parametrize(
    "flt, lang, text",
    [
        (MeasureFilter(), "sv", "5 rader"),
        (
            MeasureFilter(places=("kista",), types=("lighting",), year_from=2020, year_to=2021),
            "sv",
            "5 rader: Kista, belysning, 2020–2021",
        ),
        (
            MeasureFilter(statuses=("planned",), query="ljus", as_of=date(2021, 1, 1)),
            "en",
            "5 rows: planned, “ljus”, as of 2021-01-01",
        ),
    ],
)
def test_describe_says_what_is_shown(places, flt: MeasureFilter, lang, text) -> None:
    assert flt.describe(5, places, lang) == text
