"""Cached loaders: thin ``st.cache_*`` wrappers around the pure loaders and the store.

Places and the background layer are read-only reference data shared by every session
(``cache_resource``: one object, never mutated). A published version never changes, so its
measures, filter options and recorded status changes are cached by the store's URL and the
version number; each run asks the store which version is in force (one small query), so a new
version reaches every session on its next interaction, whichever server published it. Before
the first version the measures file is shown, keyed by its path and modification time. The
indicators and the outcome series take the same path through their own stores. The map's
layer data is shared by every session that shows the same rows of the same data in the same
language.
"""

from __future__ import annotations

import json
from dataclasses import astuple
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from safetymap.config import Settings
from safetymap.contract.problems import Lang
from safetymap.intake.areas import Areas, load_areas
from safetymap.intake.indicators import LoadedIndicators, load_indicators
from safetymap.intake.loaders import LoadedMeasures, load_measures
from safetymap.intake.outcomes import LoadedOutcomes, load_outcomes
from safetymap.intake.places import Places, load_places
from safetymap.present import mapping
from safetymap.selection import playback
from safetymap.selection.briefing import OutcomeSeries, main_outcomes
from safetymap.selection.filters import FilterOptions, MeasureFilter, filter_options
from safetymap.selection.playback import Courses
from safetymap.selection.since import Published
from safetymap.selection.timeline import Recorded, StatusChange, recorded_changes
from safetymap.versions import publishing
from safetymap.versions.store import INDICATORS, OUTCOMES, RecordedEvent, Store, Version


@st.cache_resource(show_spinner=False)
def places(path: str) -> Places:
    return load_places(path)


@st.cache_resource(show_spinner=False)
def areas(places_path: str, areas_path: str) -> Areas:
    """The places and the wider areas outcome series are counted in."""
    return load_areas(places(places_path), areas_path)


@st.cache_resource(show_spinner=False)
def context(path: str) -> dict:
    """The background layer as the map draws it (``mapping.background``; folium reads the
    mapping without copying)."""
    return mapping.background(json.loads(Path(path).read_text(encoding="utf-8")))


@st.cache_resource(show_spinner=False, max_entries=4)
def _measures(path: str, places_path: str, mtime: float) -> LoadedMeasures:
    return load_measures(path, places(places_path))


def stamp(path: Path) -> float:
    """The state of the file at ``path``: its modification time (0 when it is missing)."""
    return path.stat().st_mtime if path.exists() else 0.0


DataKey = tuple[str, str, float | int]  # ("file", path, stamp) or ("version", store URL, number)


def file_key(path: Path, file_stamp: float) -> DataKey:
    """Names the measures file at ``path`` in the state ``file_stamp``."""
    return ("file", str(path), file_stamp)


def version_key(url: str, version: Version) -> DataKey:
    """Names a published version of the store at ``url``."""
    return ("version", url, version.number)


def measures(path: Path, places_path: Path, file_stamp: float) -> LoadedMeasures:
    """The measures file at ``path``, validated, in the state ``file_stamp`` (``stamp``);
    re-read when the file changes. A run that keys other caches by the file passes the one
    stamp it took, so all of them name the same state of the file."""
    return _measures(str(path), str(places_path), file_stamp)


@st.cache_resource(show_spinner=False, max_entries=4)
def _options(path: str, places_path: str, mtime: float, today: date) -> FilterOptions:
    return filter_options(_measures(path, places_path, mtime).measures, today)


def options(path: Path, places_path: Path, file_stamp: float) -> FilterOptions:
    """What the sidebar offers for the measures file at ``path`` in the state ``file_stamp``
    (worked out once a day)."""
    return _options(str(path), str(places_path), file_stamp, date.today())


@st.cache_resource(show_spinner=False)
def store(url: str) -> Store:
    """One store (and connection pool) per database, shared by every session."""
    return Store(url)


# The contract table this server just stored as a store's first version, by store URL and
# number: the version's measures are made from it without reading it back.
_seeded: dict[tuple[str, int], pd.DataFrame] = {}


def current_version(url: str, measures_path: Path, places_path: Path) -> Version | None:
    """The version in force; an empty store is first seeded from the measures file."""
    opened = store(url)
    version = opened.current()
    if version is None:
        # The file's validation is cached by its modification time: while it stays invalid,
        # a run costs one query, not a fresh read and validation of the file.
        loaded = measures(measures_path, places_path, stamp(measures_path))
        seeded = publishing.seed_table(opened, loaded, measures_path)
        if seeded is not None:
            version, _seeded[(url, seeded[0].number)] = seeded
        else:
            version = opened.current()
    return version


@st.cache_resource(show_spinner=False, max_entries=4)
def _version_measures(url: str, number: int, places_path: str) -> LoadedMeasures:
    opened = store(url)
    version = opened.version(number)
    table = _seeded.pop((url, number), None)
    if table is not None:
        return publishing.table_measures(table, version, places(places_path))
    return publishing.version_measures(opened, version, places(places_path))


def version_measures(url: str, version: Version, places_path: Path) -> LoadedMeasures:
    return _version_measures(url, version.number, str(places_path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _version_options(url: str, number: int, places_path: str, today: date) -> FilterOptions:
    return filter_options(_version_measures(url, number, places_path).measures, today)


def version_options(url: str, version: Version, places_path: Path) -> FilterOptions:
    return _version_options(url, version.number, str(places_path), date.today())


Play = tuple[gpd.GeoDataFrame, Recorded]  # every row of the data and its recorded changes


@st.cache_resource(show_spinner=False, max_entries=4)
def _courses(
    key: DataKey, today: date, _measures: gpd.GeoDataFrame, _recorded: Recorded
) -> Courses:
    return playback.courses(_measures, today, _recorded)


def courses(key: DataKey, measures: gpd.GeoDataFrame, recorded: Recorded) -> Courses:
    """Every row's status month by month (``playback.courses``) of the data ``key`` names:
    once per data and day, for every filter's play."""
    return _courses(key, date.today(), measures, recorded)


@st.cache_resource(show_spinner=False, max_entries=8)
def _layer_data(
    key: DataKey,
    chosen: str,
    lang: Lang,
    _shown: gpd.GeoDataFrame,
    _places: Places,
    _view_filter: MeasureFilter,
    _play: Play | None,
) -> mapping.LayerData:
    if _play is None:
        return mapping.layer_data(_shown, _places, lang)
    measures, recorded = _play
    candidates = playback.play_rows(_view_filter, measures, _places)
    steps = playback.play_steps(courses(key, measures, recorded), _view_filter, candidates)
    return mapping.layer_data(_shown, _places, lang, (steps, candidates), _view_filter.as_of)


def layer_data(
    key: DataKey,
    view_filter: MeasureFilter,
    lang: Lang,
    shown: gpd.GeoDataFrame,
    known_places: Places,
    play: Play | None = None,
) -> mapping.LayerData:
    """The map layers' material for ``shown``, the rows ``view_filter`` picks from the data
    ``key`` names at ``known_places``: made once for every session with the same view (the
    filter's day too; its fields as one text, which Streamlit's hashing cannot confuse with
    other fields). ``play``: the data's rows and recorded changes, for the play control's
    steps (taken from ``courses``)."""
    chosen = repr((astuple(view_filter), play is not None))
    return _layer_data(key, chosen, lang, shown, known_places, view_filter, play)


@st.cache_resource(show_spinner=False, max_entries=4)
def recorded(url: str, number: int) -> dict[str, list[StatusChange]]:
    """Status changes recorded up to version ``number``, by measure id."""
    return recorded_changes(e for e in store(url).events() if e.version <= number)


@st.cache_resource(show_spinner=False, max_entries=4)
def events(url: str, number: int) -> tuple[RecordedEvent, ...]:
    """Status changes recorded up to version ``number``, oldest first, with their versions."""
    return tuple(e for e in store(url).events() if e.version <= number)


@st.cache_resource(show_spinner=False, max_entries=4)
def published(url: str, number: int) -> tuple[Published, ...]:
    """The versions up to ``number``: each one's number and the (local) day it was published."""
    return tuple(
        (v.number, v.published_at.astimezone().date())
        for v in store(url).versions()
        if v.number <= number
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def version_ids(url: str, number: int) -> frozenset[str]:
    """The measure ids version ``number`` holds."""
    return frozenset(store(url).table(number)["id"])


@st.cache_resource(show_spinner=False, max_entries=2)
def _indicators(path: str, places_path: str, mtime: float) -> LoadedIndicators:
    return load_indicators(path, places(places_path))


def indicators_file(path: Path, places_path: Path) -> LoadedIndicators:
    """The indicators file at ``path``, validated; re-read when the file changes."""
    return _indicators(str(path), str(places_path), stamp(path))


@st.cache_resource(show_spinner=False)
def indicator_store(url: str) -> Store:
    """The store of the indicators' versions in the same database."""
    return Store(url, INDICATORS)


@st.cache_resource(show_spinner=False, max_entries=4)
def _version_indicators(url: str, number: int, places_path: str) -> LoadedIndicators:
    opened = indicator_store(url)
    return publishing.version_indicators(opened, opened.version(number), places(places_path))


def indicators(settings: Settings) -> tuple[LoadedIndicators, Version | None]:
    """The indicators in force and their version; an empty store is first seeded from the
    indicators file (when valid), and until then the file is shown."""
    opened = indicator_store(settings.store_url)
    version = opened.current()
    if version is None:
        loaded = indicators_file(settings.indicators_path, settings.places_path)
        seeded = publishing.seed_indicators(opened, loaded, settings.indicators_path)
        version = seeded or opened.current()
        if version is None:
            return loaded, None
    return _version_indicators(
        settings.store_url, version.number, str(settings.places_path)
    ), version


@st.cache_resource(show_spinner=False, max_entries=2)
def _outcomes(path: str, places_path: str, areas_path: str, mtime: float) -> LoadedOutcomes:
    return load_outcomes(path, areas(places_path, areas_path))


@st.cache_resource(show_spinner=False)
def outcome_store(url: str) -> Store:
    """The store of the outcome series' versions in the same database."""
    return Store(url, OUTCOMES)


@st.cache_resource(show_spinner=False, max_entries=4)
def _version_outcomes(url: str, number: int, places_path: str, areas_path: str) -> LoadedOutcomes:
    opened = outcome_store(url)
    found = areas(places_path, areas_path)
    return publishing.version_outcomes(opened, opened.version(number), found)


def outcomes(settings: Settings) -> tuple[LoadedOutcomes, Version | None]:
    """The outcome series in force and their version; an empty store is first seeded from the
    outcomes file (when valid), and until then the file is shown."""
    opened = outcome_store(settings.store_url)
    version = opened.current()
    places_path, areas_path = str(settings.places_path), str(settings.areas_path)
    if version is None:
        path = settings.outcomes_path
        loaded = _outcomes(str(path), places_path, areas_path, stamp(path))
        seeded = publishing.seed_outcomes(opened, loaded, path)
        version = seeded or opened.current()
        if version is None:
            return loaded, None
    return _version_outcomes(settings.store_url, version.number, places_path, areas_path), version


@st.cache_resource(show_spinner=False, max_entries=8)
def _main_outcomes(
    key: tuple, _loaded: LoadedOutcomes, places_path: str, areas_path: str, lang: Lang
) -> dict[str, OutcomeSeries]:
    return main_outcomes(_loaded.table, areas(places_path, areas_path), lang)


def briefing_outcomes(settings: Settings, lang: Lang) -> dict[str, OutcomeSeries]:
    """Each place's main outcome series in ``lang`` (``briefing.main_outcomes``), made
    once per outcomes version (or state of the outcomes file) and language."""
    loaded, version = outcomes(settings)
    path = settings.outcomes_path
    key = ("file", str(path), stamp(path)) if version is None else ("version", version.number)
    key = (settings.store_url, *key)
    places_path, areas_path = str(settings.places_path), str(settings.areas_path)
    return _main_outcomes(key, loaded, places_path, areas_path, lang)
