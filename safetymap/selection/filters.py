"""The shared filter: which measures a view shows, able to apply and describe itself.

Rules a user relies on:

* a place includes its focus areas (``Places.with_descendants``);
* an actor includes its units (choosing "Polisen" shows rows of every local police area);
* a year range matches a measure when any year it can fall in lies in the range (a start
  date "2021" and a running status reach up to ``today``); rows with no date at all are left
  out while a year range is set, and ``describe`` says how many;
* the free-text search matches Swedish and English word forms and compounds in the title,
  description, measure type, actors and place, every word of it (``search``);
* "as of" a date shows each measure in the status it had then (``timeline.status_on``) and
  leaves out measures that cannot have begun by then; the status filter then applies to that
  status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date

import geopandas as gpd
import numpy as np
import shapely

from safetymap.contract.problems import Lang
from safetymap.contract.schema import (
    ACTOR_GROUPS,
    ACTORS,
    DATE_COLUMNS,
    END_DATE,
    ID,
    KIND,
    MEASURE_TYPE,
    PLACE,
    STATUS,
)
from safetymap.contract.vocab import actor_groups, kinds, measure_types, statuses
from safetymap.intake.actors import ActorTable, actor_table
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.places import Places
from safetymap.selection.search import search_measures
from safetymap.selection.timeline import TERMINAL, Recorded, changes_by_measure, status_on


@dataclass(frozen=True)
class MeasureFilter:
    """Every choice of the sidebar; empty tuples and None mean "no restriction"."""

    places: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    as_of: date | None = None
    query: str = ""
    today: date = field(default_factory=date.today, compare=False)

    def is_empty(self) -> bool:
        return self == MeasureFilter(today=self.today)

    def apply(
        self, measures: gpd.GeoDataFrame, places: Places, recorded: Recorded | None = None
    ) -> gpd.GeoDataFrame:
        """The rows this filter shows (a new frame; ``status`` is the as-of status if set,
        from the rows' dates and the changes ``recorded`` between versions)."""
        # Shares the rows until something changes them (pandas copy-on-write): a view of
        # every row does not hold a copy of the data for each session.
        shown = measures.copy(deep=False)
        if self.query.strip():
            # First: the rows' searchable texts are made once for the whole frame (search.py).
            shown = shown[search_measures(measures, places, self.query)]
        if self.as_of is not None:
            shown[STATUS] = [
                status_on(changes, self.as_of) for _, changes in changes_by_measure(shown, recorded)
            ]
            shown = shown[shown[STATUS].notna()]
        if self.places:
            wanted = {
                d for p in self.places if p in places.by_id for d in places.with_descendants(p)
            }
            shown = shown[shown[PLACE].isin(wanted)]
        if self.actors:
            wanted_actors = _actor_closure(self.actors, actor_table())
            shown = _rows_where(shown, (bool(wanted_actors & set(a)) for a in shown[ACTORS]))
        for column, chosen in (
            (MEASURE_TYPE, self.types),
            (STATUS, self.statuses),
            (KIND, self.kinds),
        ):
            if chosen:
                shown = shown[shown[column].isin(chosen)]
        if self.year_from is not None or self.year_to is not None:
            shown = _rows_where(shown, (self._in_years(row) for row in _date_rows(shown)))
        return shown

    def undated_left_out(self, measures: gpd.GeoDataFrame) -> int:
        """How many rows a year range leaves out only because they have no date."""
        if self.year_from is None and self.year_to is None:
            return 0
        return sum(1 for row in _date_rows(measures) if not any(row[c] for c in DATE_COLUMNS))

    def _in_years(self, row: dict[str, str]) -> bool:
        years = measure_years(row, self.today)
        if years is None:
            return False
        first, last = years
        low = self.year_from if self.year_from is not None else first
        high = self.year_to if self.year_to is not None else last
        return first <= high and last >= low

    def describe(self, count: int, places: Places, lang: Lang = "sv") -> str:
        """The filter in words, e.g. "12 rader: Kista, belysning, 2020–2021"."""
        parts = [
            _labels(
                self.places, lambda p, _: places.by_id[p].name if p in places.by_id else p, lang
            ),
            ", ".join(self.actors),
            _labels(self.types, measure_types().label, lang).lower(),
            _labels(self.statuses, statuses().label, lang),
            _labels(self.kinds, kinds().label, lang),
        ]
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"{self.year_from or '…'}–{self.year_to or '…'}")
        if self.query.strip():
            parts.append(f"”{self.query.strip()}”" if lang == "sv" else f"“{self.query.strip()}”")
        if self.as_of is not None:
            parts.append(f"{'per' if lang == 'sv' else 'as of'} {self.as_of.isoformat()}")
        noun = (
            ("rad" if count == 1 else "rader")
            if lang == "sv"
            else ("row" if count == 1 else "rows")
        )
        chosen = [p for p in parts if p]
        return f"{count} {noun}" + (f": {', '.join(chosen)}" if chosen else "")

    def without(self, **fields: object) -> MeasureFilter:
        """A copy with some fields reset, e.g. ``without(places=())``."""
        return replace(self, **fields)


def _rows_where(frame: gpd.GeoDataFrame, keep: Iterable[bool]) -> gpd.GeoDataFrame:
    """The rows of ``frame`` for which ``keep`` (one flag a row) is true. A boolean array, not
    a list: ``frame[[]]`` would pick no columns instead of no rows when ``frame`` is empty."""
    return frame[np.fromiter(keep, dtype=bool, count=len(frame))]


def measure_days(row: dict[str, str], today: date) -> tuple[date, date] | None:
    """First and last day a measure can fall in, or None when it has no date at all.

    A partial date spans every day it can mean ("2021-Q1": 1 January to 31 March); a running
    status (planned, ongoing, active) with no end reaches up to ``today``.
    """
    dates = [parse_partial_date(row[c]) for c in DATE_COLUMNS if row[c]]
    if not dates:
        return None
    first = min(d.first for d in dates)
    last = max(d.last for d in dates)
    if row[STATUS] not in TERMINAL and not row[END_DATE]:
        last = max(last, today)
    return first, last


def measure_years(row: dict[str, str], today: date) -> tuple[int, int] | None:
    """First and last year a measure can fall in (``measure_days``), or None."""
    days = measure_days(row, today)
    return None if days is None else (days[0].year, days[1].year)


def measures_span(measures: gpd.GeoDataFrame, today: date) -> tuple[date, date] | None:
    """The first and last day the measures can fall in (``measure_days``), or None when
    none has a date."""
    spans = [s for s in (measure_days(row, today) for row in _date_rows(measures)) if s]
    if not spans:
        return None
    return min(s[0] for s in spans), max(s[1] for s in spans)


def during(
    measures: gpd.GeoDataFrame, start: date | None, end: date | None, today: date
) -> gpd.GeoDataFrame:
    """The rows whose days (``measure_days``) meet the period from ``start`` to ``end``
    (None: open on that side); rows with no date are left out, as a year range leaves them."""

    def meets(row: dict[str, str]) -> bool:
        days = measure_days(row, today)
        if days is None:
            return False
        return (start is None or days[1] >= start) and (end is None or days[0] <= end)

    return _rows_where(measures, (meets(row) for row in _date_rows(measures)))


Box = tuple[float, float, float, float]  # WGS84: min lon, min lat, max lon, max lat


def meeting_box(measures: gpd.GeoDataFrame, places: Places, box: Box) -> gpd.GeoDataFrame:
    """The rows whose geometry as shown meets ``box`` (touching counts): a row's own point,
    line or area, or, for a row that covers its place, the place's polygon."""
    shapes = np.asarray(places.shown_geometries(measures), dtype=object)
    return measures[shapely.intersects(shapes, shapely.box(*box))]


def _date_rows(measures: gpd.GeoDataFrame) -> list[dict[str, str]]:
    """Each row's dates and status (built from whole columns: a frame's records walk
    every cell)."""
    names = [*DATE_COLUMNS, STATUS]
    columns = [measures[name].tolist() for name in names]
    return [dict(zip(names, values)) for values in zip(*columns)]


def _actor_closure(names: tuple[str, ...], table: ActorTable) -> set[str]:
    """The chosen actors plus every known unit under them (by display name)."""
    chosen_ids = {a.id for a in table.actors.values() if a.name in names}
    wanted = set(names)
    for actor in table.actors.values():
        if chosen_ids & {actor.id, *table.ancestors(actor.id)}:
            wanted.add(actor.name)
    return wanted


def _labels(values: tuple[str, ...], label: Callable[[str, Lang], str], lang: Lang) -> str:
    return ", ".join(label(v, lang) for v in values)


@dataclass(frozen=True)
class FilterOptions:
    """What the sidebar offers for a dataset: actors grouped by kind, the span of years, and
    the ids a link may select (worked out once per dataset, not on every run)."""

    actors: tuple[tuple[str, str], ...]  # (group id, name), sorted by group then name
    years: tuple[int, int]
    measure_ids: frozenset[str] = frozenset()


def filter_options(measures: gpd.GeoDataFrame, today: date | None = None) -> FilterOptions:
    """The choices that make sense for ``measures`` (actors present, years they span)."""
    today = today or date.today()
    group_order = {g: i for i, g in enumerate(actor_groups().ids())}
    seen: dict[str, str] = {}
    for names, groups in zip(measures[ACTORS], measures[ACTOR_GROUPS]):
        for name, group in zip(names, groups):
            seen.setdefault(name, group)
    actors = tuple(
        sorted(
            ((g, n) for n, g in seen.items()),
            key=lambda gn: (group_order.get(gn[0], len(group_order)), gn[1]),
        )
    )
    # Rows share a few combinations of dates and status: each one's years worked out once.
    names = [*DATE_COLUMNS, STATUS]
    distinct = set(zip(*(measures[name].tolist() for name in names)))
    rows = (dict(zip(names, values)) for values in distinct)
    spans = [s for s in (measure_years(r, today) for r in rows) if s]
    years = (
        (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (today.year, today.year)
    )
    return FilterOptions(actors, years, frozenset(measures[ID].astype(str).tolist()))
