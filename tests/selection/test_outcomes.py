"""Outcome series out of the outcomes table, and the words that say which area they count."""

from __future__ import annotations

import pandas as pd
import pytest

from safetymap.intake.areas import Areas
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.outcomes import load_outcomes
from safetymap.intake.periods import Granularity, parse_period
from safetymap.selection.outcomes import (
    area_words,
    comparison_areas,
    period_of,
    place_series,
    series_of,
)
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def table(areas: Areas) -> pd.DataFrame:
    return load_outcomes(ROOT / "outcomes.csv", areas).table


def test_a_series_holds_one_area_indicator_and_granularity_in_time_order(
    table: pd.DataFrame,
) -> None:
    yearly, quarterly = series_of(table, "kommun-0123", "reported_crimes_total")
    assert (yearly.granularity, quarterly.granularity) == (Granularity.YEAR, Granularity.QUARTER)
    assert [p.period.iso() for p in yearly.points] == [str(y) for y in range(2015, 2026)]
    assert (quarterly.first.iso(), quarterly.last.iso()) == ("2015-Q1", "2026-Q2")
    assert quarterly.at(parse_period("2026-Q1")).preliminary
    assert not quarterly.at(parse_period("2025-Q4")).preliminary
    assert quarterly.at(parse_period("2014-Q4")) is None
    # The four quarters of a year add up to Brå's yearly total (sources/outcomes/SOURCES.md).
    quarters = sum(quarterly.at(parse_period(f"2019-Q{q}")).value for q in range(1, 5))
    assert quarters == yearly.at(parse_period("2019")).value
    frame = yearly.frame()
    assert list(frame.columns) == ["period", "first", "last", "value", "preliminary"]
    assert len(frame) == 11 and yearly.unit == "count"
    assert yearly.sources == ("Brå, Statistik On-Line: anmälda brott per kommun och år",)


def test_a_place_s_series_are_those_of_the_areas_it_lies_in(
    table: pd.DataFrame, areas: Areas
) -> None:
    found = place_series(table, areas, "kista-busstorg")
    assert {s.area for s in found} == {"sdo-rinkeby-kista", "kommun-0180"}
    assert found[0].area == "sdo-rinkeby-kista"  # the narrowest first
    monthly = [s for s in found if s.granularity is Granularity.MONTH]
    assert {s.area for s in monthly} == {"sdo-rinkeby-kista", "kommun-0180"}


def test_the_comparison_areas_are_the_wider_ones_the_place_is_not_in(areas: Areas) -> None:
    assert [a.id for a in comparison_areas(areas, "jakobsberg")] == [
        "kommun-0180",
        "kommun-0191",
        "sdo-rinkeby-kista",
        "sdo-norrmalm",
    ]


@pytest.mark.parametrize(
    "area, place, lang, words",
    [
        (
            "kommun-0123",
            "jakobsberg-station",
            "sv",
            "Järfälla kommun som helhet, inte bara Jakobsbergs stationsområde",
        ),
        (
            "kommun-0123",
            "jakobsberg",
            "en",
            "Järfälla Municipality as a whole, not only Jakobsberg",
        ),
        ("kommun-0191", "jakobsberg", "sv", "Sigtuna kommun, där Jakobsberg inte ligger"),
        ("sdo-norrmalm", None, "en", "Norrmalm district"),
        ("klara", "klara", "sv", "Klara"),
    ],
)
def test_a_series_names_its_area_against_the_place(
    areas: Areas, area: str, place: str | None, lang: str, words: str
) -> None:
    assert area_words(areas, area, place, lang) == words


@pytest.mark.parametrize(
    "date, granularity, period",
    [
        ("2019-05-27", Granularity.QUARTER, "2019-Q2"),
        ("2019-05", Granularity.MONTH, "2019-05"),
        ("2019-05", Granularity.YEAR, "2019"),
        ("2019-Q3", Granularity.QUARTER, "2019-Q3"),
        ("2019", Granularity.QUARTER, None),  # a start known to the year is in no one quarter
        ("2019-Q3", Granularity.MONTH, None),
    ],
)
def test_a_measure_s_start_falls_in_a_period(
    date: str, granularity: Granularity, period: str | None
) -> None:
    found = period_of(parse_partial_date(date), granularity)
    assert (found.iso() if found else None) == period
