"""Partial dates keep their precision."""

from __future__ import annotations

from datetime import date

import pytest

from safetymap.intake.dates import Precision, definitely_before, parse_partial_date


@pytest.mark.parametrize(
    "text, iso, first, last, precision",
    [
        ("2021", "2021", date(2021, 1, 1), date(2021, 12, 31), Precision.YEAR),
        ("2020-Q1", "2020-Q1", date(2020, 1, 1), date(2020, 3, 31), Precision.QUARTER),
        ("2020 kv 1", "2020-Q1", date(2020, 1, 1), date(2020, 3, 31), Precision.QUARTER),
        ("2020 kv. 4", "2020-Q4", date(2020, 10, 1), date(2020, 12, 31), Precision.QUARTER),
        ("2019 q3", "2019-Q3", date(2019, 7, 1), date(2019, 9, 30), Precision.QUARTER),
        ("2021-03", "2021-03", date(2021, 3, 1), date(2021, 3, 31), Precision.MONTH),
        ("2020-02", "2020-02", date(2020, 2, 1), date(2020, 2, 29), Precision.MONTH),
        ("2020-12-31", "2020-12-31", date(2020, 12, 31), date(2020, 12, 31), Precision.DAY),
        ("2016-5-1", "2016-05-01", date(2016, 5, 1), date(2016, 5, 1), Precision.DAY),
        ("2020-01-01 00:00:00", "2020-01-01", date(2020, 1, 1), date(2020, 1, 1), Precision.DAY),
    ],
)
def test_formats_parse_with_their_precision(
    text: str, iso: str, first: date, last: date, precision: Precision
) -> None:
    parsed = parse_partial_date(text)
    assert (parsed.iso(), parsed.first, parsed.last, parsed.precision) == (
        iso,
        first,
        last,
        precision,
    )


@pytest.mark.parametrize(
    "text",
    [
        "2021-13",
        "2021-02-30",
        "hösten 2021",
        "21",
        "2021-Q5",
        "31/12-20",
        "",
        "1850",
        "2021-03-15T10:00",
    ],
)
def test_invalid_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_partial_date(text)


@pytest.mark.parametrize(
    "text, sv, en",
    [
        ("2021", "2021", "2021"),
        ("2020-Q1", "kvartal 1 2020", "Q1 2020"),
        ("2021-03", "mars 2021", "March 2021"),
        ("2020-12-31", "31 december 2020", "31 December 2020"),
    ],
)
def test_labels_show_the_precision(text: str, sv: str, en: str) -> None:
    parsed = parse_partial_date(text)
    assert (parsed.label("sv"), parsed.label("en")) == (sv, en)


def test_a_year_is_not_first_of_january() -> None:
    year = parse_partial_date("2021")
    assert year.contains(date(2021, 7, 1)) and year.contains(date(2021, 12, 31))
    assert not definitely_before(year, parse_partial_date("2021-06"))


def test_years_lists_every_year_a_date_can_fall_in() -> None:
    assert list(parse_partial_date("2020-Q4").years()) == [2020]


def test_definitely_before_only_when_no_overlap() -> None:
    assert definitely_before(parse_partial_date("2020"), parse_partial_date("2021-01"))
    assert not definitely_before(parse_partial_date("2021-03"), parse_partial_date("2021"))
