"""The play's part of the map's payload (``mapping.play_layer``): the map's rows are the
shown ones then those shown on other days, and each row's letters per month decode to the
as-of filter's statuses on that month's day, with no gap (no NaN, no unknown letter)."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pytest

from safetymap.contract.vocab import statuses
from safetymap.intake.places import Places
from safetymap.present import mapping
from safetymap.selection import playback
from safetymap.selection.filters import MeasureFilter
from tests.conftest import make_measure, unpacked, valid_measures

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def measures(places: Places) -> gpd.GeoDataFrame:
    return valid_measures(
        places,
        make_measure(id="a", title="A", place="kista", start_date="2021-01", end_date="2021-03"),
        make_measure(id="b", title="B", place="klara", status="ongoing", start_date="2019-06"),
        make_measure(
            id="c",
            title="C",
            place="valsta",
            status="planned",
            status_date="2023",
            actors="Polisen",
        ),
        make_measure(
            id="d", title="D", place="jakobsberg", status="ongoing", lat="59.4238", lon="17.8345"
        ),
    )


@pytest.mark.parametrize(
    "flt",
    [
        MeasureFilter(today=TODAY),
        MeasureFilter(as_of=date(2021, 2, 28), today=TODAY),
        MeasureFilter(as_of=date(2018, 1, 31), statuses=("ongoing",), today=TODAY),
    ],
)
def test_each_months_letters_are_the_as_of_filters_statuses(measures, places, flt):
    shown = flt.apply(measures, places)
    candidates = playback.play_rows(flt, measures, places)
    steps = playback.play_steps(playback.courses(measures, TODAY), flt, candidates)
    payload = unpacked(
        mapping.layer_data(shown, places, "sv", (steps, candidates), flt.as_of).rows_packed
    )
    play, rows = payload["play"], payload["rows"]
    # The shown rows first, as the map's picks and selection count them; then the others.
    assert rows["title"][: len(shown)] == shown["title"].tolist()
    assert play["shown"] == len(shown)
    assert len(rows["title"]) == len(candidates)
    assert len(play["codes"]) == len(rows["title"])
    assert len(play["actor_lists"]) == len(payload["tables"]["actors"])
    titles = dict(zip(measures.title, measures.id))
    ids = statuses().ids()
    for k, day in enumerate(play["days"]):
        expected = flt.without(as_of=date.fromisoformat(day)).apply(measures, places)
        drawn = {
            titles[title]: ids[ord(code[k]) - ord("a")]
            for title, code in zip(rows["title"], play["codes"])
            if code[k] != "-"
        }
        assert drawn == dict(zip(expected.id, expected.status)), day
    assert play["days"][-1] == TODAY.isoformat()
    at = flt.as_of or TODAY
    assert play["months"][play["at"]] == at.strftime("%Y-%m")
    assert all(set(code) <= set("-abcdef") for code in play["codes"])


def test_without_play_the_payload_has_none(measures, places):
    payload = unpacked(mapping.layer_data(measures, places, "sv").rows_packed)
    assert "play" not in payload
