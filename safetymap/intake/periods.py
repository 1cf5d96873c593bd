"""Periods of an outcome series: a year (``2019``), a quarter (``2019-Q2``) or a month
(``2019-05``).

A period knows its granularity and its place on that granularity's count of periods
(``ordinal``: years, quarters or months since year 0), so that "the three quarters before
2019-Q2" is arithmetic, and a series can tell a missing period from one that is there.
Besides the forms of ``dates.parse_partial_date`` a quarter may be written as Brå's
statistics write it, ``2019K2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safetymap.contract.problems import Lang
from safetymap.intake.dates import PartialDate, Precision, parse_partial_date


class Granularity(StrEnum):
    """How long one period of a series is."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"

    @property
    def per_year(self) -> int:
        return {"year": 1, "quarter": 4, "month": 12}[self.value]

    def words(self, lang: Lang = "sv", plural: bool = False) -> str:
        """ "år", "kvartal", "månad"/"månader" ("year(s)", "quarter(s)", "month(s)")."""
        sv = {
            "year": ("år", "år"),
            "quarter": ("kvartal", "kvartal"),
            "month": ("månad", "månader"),
        }
        en = {
            "year": ("year", "years"),
            "quarter": ("quarter", "quarters"),
            "month": ("month", "months"),
        }
        return (sv if lang == "sv" else en)[self.value][plural]


_PRECISION = {
    Precision.YEAR: Granularity.YEAR,
    Precision.QUARTER: Granularity.QUARTER,
    Precision.MONTH: Granularity.MONTH,
}
_BRA_QUARTER = re.compile(r"^(\d{4})\s*-?\s*K\s*([1-4])$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    """One period: its granularity and its ordinal (years, quarters or months since year 0).
    Periods compare by granularity, then in time; only periods of one granularity follow
    each other."""

    granularity: Granularity
    ordinal: int

    @classmethod
    def of(cls, granularity: Granularity, year: int, part: int = 1) -> Period:
        """The ``part``-th quarter or month of ``year`` (a year: ``part`` is 1)."""
        if not 1 <= part <= granularity.per_year:
            raise ValueError(f"no {granularity.value} {part} in a year")
        return cls(granularity, year * granularity.per_year + part - 1)

    @property
    def year(self) -> int:
        return self.ordinal // self.granularity.per_year

    @property
    def part(self) -> int:
        """The quarter (1–4) or month (1–12) in its year; 1 for a year."""
        return self.ordinal % self.granularity.per_year + 1

    def shifted(self, periods: int) -> Period:
        """The period ``periods`` periods later (earlier when negative)."""
        return Period(self.granularity, self.ordinal + periods)

    def iso(self) -> str:
        """The contract's canonical text: ``2019``, ``2019-Q2``, ``2019-05``."""
        if self.granularity is Granularity.YEAR:
            return str(self.year)
        if self.granularity is Granularity.QUARTER:
            return f"{self.year}-Q{self.part}"
        return f"{self.year}-{self.part:02d}"

    def partial_date(self) -> PartialDate:
        """The days the period covers, as a partial date of the same precision."""
        return parse_partial_date(self.iso())

    @property
    def first(self) -> date:
        return self.partial_date().first

    @property
    def last(self) -> date:
        return self.partial_date().last

    def label(self, lang: Lang = "sv") -> str:
        """In words: ``2019``, ``kvartal 2 2019`` / ``Q2 2019``, ``maj 2019`` / ``May 2019``."""
        return self.partial_date().label(lang)

    def __str__(self) -> str:
        return self.iso()


def parse_period(text: str) -> Period:
    """A year, a quarter (``2019-Q2``, ``2019 kv 2``, ``2019K2``) or a month (``2019-05``).

    Raises ``ValueError`` for anything else, a day (too fine for a series) included."""
    cleaned = " ".join(text.strip().split())
    bra = _BRA_QUARTER.match(cleaned)
    if bra:
        cleaned = f"{bra.group(1)}-Q{bra.group(2)}"
    partial = parse_partial_date(cleaned)
    if partial.precision not in _PRECISION:
        raise ValueError(f"a day is not a period of a series: {text!r}")
    granularity = _PRECISION[partial.precision]
    part = 1 if granularity is Granularity.YEAR else partial.first.month
    if granularity is Granularity.QUARTER:
        part = (partial.first.month - 1) // 3 + 1
    return Period.of(granularity, partial.year, part)


def span(first: Period, last: Period) -> list[Period]:
    """Every period from ``first`` to ``last`` (both of one granularity), in order."""
    if first.granularity is not last.granularity:
        raise ValueError(f"{first} and {last} are of different granularities")
    return [Period(first.granularity, n) for n in range(first.ordinal, last.ordinal + 1)]


def span_label(periods: list[Period]) -> str:
    """A run of periods in words: ``2016–2018``, ``2019-Q1–2019-Q3``, or the one period."""
    if not periods:
        return ""
    if len(periods) == 1:
        return periods[0].iso()
    return f"{periods[0].iso()}–{periods[-1].iso()}"
