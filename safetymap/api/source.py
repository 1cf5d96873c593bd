"""What the API serves: published versions read from the store, and the shipped places.

Only published versions are served, never a file that is not one. As the app does on its
first visit, an empty store is first filled from the shipped files (``SAFETYMAP_MEASURES``,
``SAFETYMAP_INDICATORS``, ``SAFETYMAP_OUTCOMES``) when they are valid (``publishing.seed``,
once, under the store's write lock); until some version exists there is nothing to serve
(``NoVersion``). A version never changes, so each one is loaded (validated, with its
recorded status changes and the filter's options) once and kept, by store and number;
which version is in force is asked of the store on every request (one small query), so a
new version is served from the next request on, whichever server published it. The
outcome series are counted in areas (the places and the wider kommuner and
stadsdelsområden, ``SAFETYMAP_AREAS``), loaded once like the places. Safe to share between
threads.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import geopandas as gpd
import pandas as pd

from safetymap.config import Settings
from safetymap.intake.areas import Areas, load_areas
from safetymap.intake.indicators import LoadedIndicators, load_indicators
from safetymap.intake.outcomes import GRANULARITY, ORDINAL, LoadedOutcomes, load_outcomes
from safetymap.intake.periods import Granularity, Period
from safetymap.intake.places import Places, load_places
from safetymap.selection.filters import filter_options, measures_span
from safetymap.selection.timeline import Recorded, recorded_changes
from safetymap.selection.urlstate import Known
from safetymap.versions import publishing
from safetymap.versions.store import (
    INDICATORS,
    MEASURES,
    OUTCOMES,
    Dataset,
    Store,
    StoreError,
    Version,
)

KEPT = 4  # versions of each kind kept loaded


class NoVersion(Exception):
    """Nothing of this kind is published yet (and the shipped file could not seed it)."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"no version of the {kind} is published")
        self.kind = kind


class UnknownVersion(Exception):
    """A version number that was never published; ``published`` lists those that were."""

    def __init__(self, kind: str, number: int, published: list[int]) -> None:
        super().__init__(f"there is no version {number} of the {kind}")
        self.kind, self.number, self.published = kind, number, published


@dataclass(frozen=True)
class PublishedMeasures:
    """A published version of the measures as the API filters it."""

    version: Version
    measures: gpd.GeoDataFrame
    recorded: Recorded  # status changes recorded up to this version, by measure id
    known: Known  # what the filter's values may name (the map URL's check)
    days: tuple[date, date] | None  # the first and last day the measures can fall in


@dataclass(frozen=True)
class PublishedIndicators:
    version: Version
    table: pd.DataFrame  # the valid rows (``intake.indicators``: place, indicator, period, …)
    days: tuple[date, date] | None  # the first and last day of their periods


@dataclass(frozen=True)
class PublishedOutcomes:
    version: Version
    # The valid rows (``intake.outcomes``: area, area_name, indicator, period, number, …) and
    # the first and last day of each one's period (``period_first``, ``period_last``).
    table: pd.DataFrame
    days: tuple[date, date] | None  # the first and last day of their periods


T = TypeVar("T")


class Source:
    """The published data of one store (``settings.store_url``) and the shipped places."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._places: Places | None = None
        self._areas: Areas | None = None
        self._stores: dict[str, Store] = {}
        self._loaded: OrderedDict[tuple[str, int, date], object] = OrderedDict()

    def places(self) -> Places:
        with self._lock:
            if self._places is None:
                self._places = load_places(self.settings.places_path)
            return self._places

    def areas(self) -> Areas:
        """The places and the wider areas outcome series are counted in."""
        places = self.places()
        with self._lock:
            if self._areas is None:
                self._areas = load_areas(places, self.settings.areas_path)
            return self._areas

    def store(self, dataset: Dataset = MEASURES) -> Store:
        """One store (engine and connection pool) per kind, opened on first use."""
        with self._lock:
            if dataset.name not in self._stores:
                self._stores[dataset.name] = Store(self.settings.store_url, dataset)
            return self._stores[dataset.name]

    def versions(self, dataset: Dataset = MEASURES) -> list[Version]:
        """Every published version of a kind, newest first."""
        return self.store(dataset).versions()

    def version(self, dataset: Dataset, number: int | None) -> Version:
        """Version ``number``, or the one in force (``None``); an empty store is seeded first."""
        store = self.store(dataset)
        if number is not None:
            try:
                return store.version(number)
            except StoreError:
                published = sorted(v.number for v in store.versions())
                raise UnknownVersion(dataset.name, number, published) from None
        version = store.current() or self._seed(store, dataset)
        if version is None:
            raise NoVersion(dataset.name)
        return version

    def measures(self, number: int | None = None) -> PublishedMeasures:
        """Measures version ``number`` (default: the one in force), loaded once."""
        version = self.version(MEASURES, number)
        return self._kept(MEASURES, version, lambda: self._load_measures(version))

    def indicators(self, number: int | None = None) -> PublishedIndicators:
        """Indicators version ``number`` (default: the one in force), loaded once."""
        version = self.version(INDICATORS, number)
        store, places = self.store(INDICATORS), self.places()
        return self._kept(
            INDICATORS,
            version,
            lambda: _indicators(version, publishing.version_indicators(store, version, places)),
        )

    def outcomes(self, number: int | None = None) -> PublishedOutcomes:
        """Outcomes version ``number`` (default: the one in force), loaded once."""
        version = self.version(OUTCOMES, number)
        store, areas = self.store(OUTCOMES), self.areas()
        return self._kept(
            OUTCOMES,
            version,
            lambda: _outcomes(version, publishing.version_outcomes(store, version, areas)),
        )

    def _kept(self, dataset: Dataset, version: Version, load: Callable[[], T]) -> T:
        # Keyed by the day too: the filter's options (years up to today) move with it.
        key = (dataset.name, version.number, date.today())
        with self._lock:
            if key in self._loaded:
                self._loaded.move_to_end(key)
                return self._loaded[key]  # type: ignore[return-value]
        loaded = load()
        with self._lock:
            self._loaded[key] = loaded
            while len(self._loaded) > 2 * KEPT:
                self._loaded.popitem(last=False)
        return loaded

    def _load_measures(self, version: Version) -> PublishedMeasures:
        store, places = self.store(), self.places()
        measures = publishing.version_measures(store, version, places).measures
        recorded = recorded_changes(e for e in store.events() if e.version <= version.number)
        options = filter_options(measures)
        known = Known(
            places,
            actors=[name for _, name in options.actors],
            measure_ids=frozenset(measures["id"]),
            years=options.years,
        )
        days = measures_span(measures, date.today())
        return PublishedMeasures(version, measures, recorded, known, days)

    def _seed(self, store: Store, dataset: Dataset) -> Version | None:
        """Fill an empty store from the shipped file, as the app's first visit does."""
        places = self.places()
        if dataset is INDICATORS:
            path = self.settings.indicators_path
            publishing.seed_indicators(store, load_indicators(path, places), path)
        elif dataset is OUTCOMES:
            path = self.settings.outcomes_path
            publishing.seed_outcomes(store, load_outcomes(path, self.areas()), path)
        else:
            publishing.seed(store, self.settings.measures_path, places)
        return store.current()


def _indicators(version: Version, loaded: LoadedIndicators) -> PublishedIndicators:
    table = loaded.table
    firsts = [d for d in table["period_first"] if isinstance(d, date)]
    lasts = [d for d in table["period_last"] if isinstance(d, date)]
    days = (min(firsts), max(lasts)) if firsts and lasts else None
    return PublishedIndicators(version, table, days)


def _outcomes(version: Version, loaded: LoadedOutcomes) -> PublishedOutcomes:
    table = loaded.table.copy()
    keys = list(zip(table[GRANULARITY], table[ORDINAL]))
    spans = {key: Period(Granularity(key[0]), int(key[1])) for key in set(keys)}
    table["period_first"] = [spans[key].first for key in keys]
    table["period_last"] = [spans[key].last for key in keys]
    days = (min(table["period_first"]), max(table["period_last"])) if keys else None
    return PublishedOutcomes(version, table, days)
