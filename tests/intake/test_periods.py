"""Periods of a series: years, quarters and months, written as the contract and Brå write them."""

from __future__ import annotations

from datetime import date

import pytest

from safetymap.intake.periods import Granularity, Period, parse_period, span, span_label


@pytest.mark.parametrize(
    "text, iso, granularity",
    [
        ("2019", "2019", Granularity.YEAR),
        ("2019-Q2", "2019-Q2", Granularity.QUARTER),
        ("2019 kv 2", "2019-Q2", Granularity.QUARTER),
        ("2019K2", "2019-Q2", Granularity.QUARTER),  # as Brå's statistics write it
        ("2019 k4", "2019-Q4", Granularity.QUARTER),
        ("2019-05", "2019-05", Granularity.MONTH),
        ("2019-5", "2019-05", Granularity.MONTH),
        (" 2019-12 ", "2019-12", Granularity.MONTH),
    ],
)
def test_a_period_is_read_in_each_form(text: str, iso: str, granularity: Granularity) -> None:
    period = parse_period(text)
    assert (period.iso(), period.granularity) == (iso, granularity)


@pytest.mark.parametrize(
    "text", ["2019-05-27", "2019-Q5", "2019K0", "maj 2019", "19", "", "2019-13"]
)
def test_a_day_or_anything_else_is_not_a_period(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_periods_count_on_across_years() -> None:
    q4 = parse_period("2019-Q4")
    assert q4.shifted(1).iso() == "2020-Q1" and q4.shifted(-4).iso() == "2018-Q4"
    assert parse_period("2020-01").shifted(-1).iso() == "2019-12"
    assert parse_period("2019").shifted(3).iso() == "2022"
    assert [p.iso() for p in span(parse_period("2019-Q3"), parse_period("2020-Q2"))] == [
        "2019-Q3",
        "2019-Q4",
        "2020-Q1",
        "2020-Q2",
    ]


def test_a_period_knows_its_days_and_words() -> None:
    may = Period.of(Granularity.MONTH, 2019, 5)
    assert (may.first, may.last) == (date(2019, 5, 1), date(2019, 5, 31))
    assert (may.label("sv"), may.label("en")) == ("maj 2019", "May 2019")
    quarter = parse_period("2019-Q2")
    assert (quarter.first, quarter.last) == (date(2019, 4, 1), date(2019, 6, 30))
    assert (quarter.year, quarter.part) == (2019, 2)


def test_periods_of_one_granularity_sort_in_time() -> None:
    texts = ["2020-Q1", "2019-Q4", "2019-Q1"]
    assert [p.iso() for p in sorted(parse_period(t) for t in texts)] == [
        "2019-Q1",
        "2019-Q4",
        "2020-Q1",
    ]


def test_a_span_is_written_first_to_last() -> None:
    years = span(parse_period("2016"), parse_period("2018"))
    assert span_label(years) == "2016–2018"
    assert span_label(years[:1]) == "2016"
    with pytest.raises(ValueError):
        span(parse_period("2016"), parse_period("2018-Q1"))
