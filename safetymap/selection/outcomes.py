"""Outcome series out of the validated outcomes table: one area's values of one indicator,
period after period, and the words that say which area that is.

Pure: the table of ``intake.outcomes`` (``LoadedOutcomes.table``) and the ``Areas`` in,
typed series out. A ``Series`` holds the values of one area, indicator and granularity in
time order (the contract allows one value per area, indicator and period, so they never
clash); what the page draws and what ``effect`` compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.vocab import indicators
from safetymap.intake import outcomes as oc
from safetymap.intake.areas import Area, Areas
from safetymap.intake.dates import PartialDate, Precision
from safetymap.intake.periods import Granularity, Period

GRANULARITY_ORDER = (Granularity.YEAR, Granularity.QUARTER, Granularity.MONTH)
_PRECISION = {
    Granularity.YEAR: Precision.YEAR,
    Granularity.QUARTER: Precision.QUARTER,
    Granularity.MONTH: Precision.MONTH,
}


@dataclass(frozen=True)
class Point:
    """One value of a series: its period, the value, whether it is preliminary, and where
    it comes from."""

    period: Period
    value: float
    preliminary: bool
    source: str
    source_ref: str


@dataclass(frozen=True)
class Series:
    """The values of one area and indicator at one granularity, in time order."""

    area: str
    indicator: str
    unit: str
    granularity: Granularity
    points: tuple[Point, ...]

    def at(self, period: Period) -> Point | None:
        """The value for ``period``, or None when the series lacks it."""
        return self._by_period.get(period)

    @cached_property
    def _by_period(self) -> dict[Period, Point]:
        return {point.period: point for point in self.points}

    @property
    def first(self) -> Period:
        return self.points[0].period

    @property
    def last(self) -> Period:
        return self.points[-1].period

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(point.source for point in self.points))

    def frame(self) -> pd.DataFrame:
        """The series as a table for a chart: period (canonical text), its first and last
        day, value, preliminary."""
        return pd.DataFrame(
            {
                "period": [p.period.iso() for p in self.points],
                "first": [p.period.first for p in self.points],
                "last": [p.period.last for p in self.points],
                "value": [p.value for p in self.points],
                "preliminary": [p.preliminary for p in self.points],
            }
        )


def all_series(table: pd.DataFrame) -> list[Series]:
    """Every series of the outcomes table: by area, indicator, then years, quarters, months."""
    if table.empty:
        return []
    found = []
    ordered = table.sort_values([oc.AREA, oc.INDICATOR, oc.GRANULARITY, oc.ORDINAL])
    for (area, indicator, granularity), rows in ordered.groupby(
        [oc.AREA, oc.INDICATOR, oc.GRANULARITY], sort=False
    ):
        grain = Granularity(granularity)
        points = tuple(
            Point(
                Period(grain, int(ordinal)),
                float(value),
                bool(preliminary),
                str(source),
                str(ref),
            )
            for ordinal, value, preliminary, source, ref in zip(
                rows[oc.ORDINAL],
                rows[oc.NUMBER],
                rows[oc.PRELIMINARY],
                rows[oc.SOURCE],
                rows[oc.SOURCE_REF],
            )
        )
        found.append(Series(str(area), str(indicator), str(rows[oc.UNIT].iloc[0]), grain, points))
    return sorted(
        found, key=lambda s: (s.area, s.indicator, GRANULARITY_ORDER.index(s.granularity))
    )


def series_summary(table: pd.DataFrame, areas: Areas, lang: Lang = "sv") -> pd.DataFrame:
    """One row per series of an outcomes table, for people: area, indicator, length of
    period, first–last period, how many values and how many of them preliminary, source."""
    found = all_series(table)
    vocabulary = indicators()
    return pd.DataFrame(
        {
            t("area_col", lang): [
                areas.by_id[s.area].label(lang) if s.area in areas.by_id else s.area for s in found
            ],
            t("indicator_col", lang): [vocabulary.label(s.indicator, lang) for s in found],
            t("granularity_col", lang): [s.granularity.words(lang, plural=True) for s in found],
            t("periods_col", lang): [f"{s.first.iso()}–{s.last.iso()}" for s in found],
            t("values_col", lang): [len(s.points) for s in found],
            t("preliminary_col", lang): [sum(p.preliminary for p in s.points) for s in found],
            t("source_col", lang): ["; ".join(s.sources) for s in found],
        }
    )


def series_of(
    table: pd.DataFrame, area: str, indicator: str, granularity: Granularity | None = None
) -> list[Series]:
    """The series of ``area`` and ``indicator`` (of one ``granularity``, if given): years,
    then quarters, then months."""
    rows = table[(table[oc.AREA] == area) & (table[oc.INDICATOR] == indicator)]
    if granularity is not None:
        rows = rows[rows[oc.GRANULARITY] == granularity.value]
    return all_series(rows)


def place_series(table: pd.DataFrame, areas: Areas, place_id: str) -> list[Series]:
    """Every series counted in an area ``place_id`` lies in, the narrowest area first (the
    place itself, its stadsdelsområde, its kommun)."""
    wanted = [area.id for area in areas.containing(place_id)]
    found = all_series(table[table[oc.AREA].isin(wanted)])
    return sorted(found, key=lambda s: wanted.index(s.area))


def comparison_areas(areas: Areas, place_id: str) -> list[Area]:
    """The areas a place's series can be compared with: the wider areas it does not lie in
    (for Jakobsberg: Stockholms stad, Sigtuna kommun and the two stadsdelsområden)."""
    inside = {area.id for area in areas.containing(place_id)}
    return [area for area in areas.by_id.values() if area.wider and area.id not in inside]


def area_words(areas: Areas, area_id: str, place_id: str | None, lang: Lang = "sv") -> str:
    """Which area a series is counted in, in words, said against the place it is shown for:
    "Järfälla kommun som helhet, inte bara Jakobsbergs stationsområde"; the area's name
    alone when it is the place, or no place is given."""
    area = areas.by_id[area_id]
    name = area.label(lang)
    if place_id is None or area_id == place_id or place_id not in areas.by_id:
        return name
    place = areas.by_id[place_id].label(lang)
    if place_id in area.places:
        return t("outcome_area_wider", lang, area=name, place=place)
    return t("outcome_area_elsewhere", lang, area=name, place=place)


def period_of(date: PartialDate, granularity: Granularity) -> Period | None:
    """The period of ``granularity`` a (partial) date falls in: a measure started in
    ``2019-05`` falls in ``2019-Q2``. None when the date is known less precisely than the
    period (a start in ``2019`` falls in no one quarter)."""
    if date.precision < _PRECISION[granularity]:
        return None
    if granularity is Granularity.YEAR:
        return Period.of(granularity, date.year)
    if granularity is Granularity.QUARTER:
        return Period.of(granularity, date.year, (date.first.month - 1) // 3 + 1)
    return Period.of(granularity, date.year, date.first.month)
