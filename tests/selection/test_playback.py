"""Time played on the map: each step's statuses are the as-of filter's on that step's day."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import numpy as np
import pytest

from safetymap.config import get_settings
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.selection import playback
from safetymap.selection.filters import MeasureFilter
from safetymap.selection.timeline import StatusChange
from tests.conftest import make_measure, valid_measures

TODAY = date(2026, 11, 23)
RECORDED = {
    "police-jarva": [StatusChange("completed", parse_partial_date("2024-05"), "version")],
}


@pytest.fixture(scope="module")
def measures(places: Places) -> gpd.GeoDataFrame:
    return valid_measures(
        places,
        make_measure(id="light-kista", place="kista", start_date="2021-01", end_date="2021-03"),
        make_measure(
            id="police-jarva",
            place="kista",
            measure_type="police_presence",
            status="ongoing",
            start_date="2020",
        ),
        make_measure(
            id="cam-valsta",
            place="valsta-centrum",
            measure_type="cameras",
            status="planned",
            status_date="2022",
        ),
        make_measure(
            id="drugs-klara",
            place="klara",
            kind="condition",
            measure_type="open_drug_scene",
            status="lifted",
            start_date="2016",
            end_date="2019-06",
        ),
        make_measure(id="undated", place="jakobsberg", status="ongoing"),
        # The same cells as police-jarva, without its recorded change: a course of its own.
        make_measure(
            id="police-twin",
            place="kista",
            measure_type="police_presence",
            status="ongoing",
            start_date="2020",
        ),
    )


@pytest.fixture(scope="module")
def shipped(places: Places) -> gpd.GeoDataFrame:
    return load_measures(get_settings().measures_path, places).measures


FILTERS = [
    MeasureFilter(today=TODAY),
    MeasureFilter(places=("kista",), today=TODAY),
    MeasureFilter(statuses=("ongoing", "planned"), today=TODAY),
    MeasureFilter(year_from=2021, year_to=2022, today=TODAY),
    MeasureFilter(types=("lighting",), statuses=("completed",), today=TODAY),
]


def _check_every_step(measures, places, flt, recorded=None):
    course = playback.courses(measures, TODAY, recorded)
    steps = playback.play_steps(course, flt, playback.play_rows(flt, measures, places))
    assert steps.months[-1] == date(2026, 11, 1)
    for k, day in enumerate(steps.days()):
        shown = flt.without(as_of=day).apply(measures, places, recorded)
        assert playback.shown_on(steps, k) == dict(zip(shown.id, shown.status)), day
    return steps


@pytest.mark.parametrize("flt", FILTERS)
@pytest.mark.parametrize("recorded", [None, RECORDED])
def test_every_step_is_the_as_of_filter_on_its_day(measures, places, flt, recorded):
    _check_every_step(measures, places, flt, recorded)


@pytest.mark.parametrize("flt", FILTERS[:3])
def test_every_step_of_the_shipped_data(shipped, places, flt):
    steps = _check_every_step(shipped, places, flt)
    assert steps.months[0] == date(2016, 5, 1)


def test_a_measure_changes_status_at_its_month(measures, places):
    flt = MeasureFilter(today=TODAY)
    steps = playback.play_steps(
        playback.courses(measures, TODAY), flt, playback.play_rows(flt, measures, places)
    )
    at = {m.strftime("%Y-%m"): k for k, m in enumerate(steps.months)}
    assert "light-kista" not in playback.shown_on(steps, at["2020-12"])
    assert playback.shown_on(steps, at["2021-02"])["light-kista"] == "ongoing"
    assert playback.shown_on(steps, at["2021-03"])["light-kista"] == "completed"
    assert steps.days()[-1] == TODAY  # the last step is today, not the month's end


def test_an_early_as_of_starts_the_play_at_its_month(measures, places):
    flt = MeasureFilter(as_of=date(2012, 4, 9), today=TODAY)
    steps = _check_every_step(measures, places, flt)
    assert steps.months[0] == date(2012, 4, 1)
    assert steps.at(date(2012, 4, 9)) == 0
    assert playback.shown_on(steps, 0) == {"undated": "ongoing"}


def test_rows_alike_share_a_course_but_a_recorded_change_is_its_own(measures):
    course = playback.courses(measures, TODAY, RECORDED)
    row = {i: k for k, i in enumerate(course.ids)}
    ongoing, completed = 1, 2  # positions in the vocabulary
    assert course.codes[row["police-twin"], -1] == ongoing
    assert course.codes[row["police-jarva"], -1] == completed


def test_the_play_starts_at_the_filters_first_month(measures, places):
    flt = MeasureFilter(places=("valsta",), today=TODAY)
    steps = playback.play_steps(
        playback.courses(measures, TODAY), flt, playback.play_rows(flt, measures, places)
    )
    assert steps.months[0] == date(2022, 1, 1)


def test_payload_codes_are_letters_per_month(measures, places):
    flt = MeasureFilter(today=TODAY)
    steps = playback.play_steps(
        playback.courses(measures, TODAY), flt, playback.play_rows(flt, measures, places)
    )
    order = list(reversed(steps.ids))
    payload = playback.play_payload(steps, order, date(2021, 3, 31))
    assert len(payload["months"]) == len(payload["days"]) == len(steps.months)
    assert payload["months"][payload["at"]] == "2021-03"
    assert all(len(text) == len(steps.months) for text in payload["codes"])
    assert all(set(text) <= set("-abcdef") for text in payload["codes"])
    ids = ["planned", "ongoing", "completed", "cancelled", "active", "lifted"]
    for k in range(len(steps.months)):
        drawn = {
            order[i]: ids[ord(text[k]) - ord("a")]
            for i, text in enumerate(payload["codes"])
            if text[k] != "-"
        }
        assert drawn == playback.shown_on(steps, k)


def test_courses_have_no_gaps(measures):
    course = playback.courses(measures, TODAY)
    assert course.codes.dtype == np.int8
    assert ((course.codes >= playback.HIDDEN) & (course.codes < 6)).all()
