"""What every page needs for one run: settings, places, the loaded data, the view and the
rows it shows. Built once per run by ``dashboard.py`` (which renders the shared sidebar),
read by the pages."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import streamlit as st

from safetymap.config import Settings, get_settings
from safetymap.intake.loaders import LoadedMeasures
from safetymap.intake.places import Places
from safetymap.selection.since import Published
from safetymap.selection.timeline import Recorded
from safetymap.selection.urlstate import Notice, ViewState
from safetymap.ui import cache, sidebar
from safetymap.versions.store import Version

_KEY = "_page_context"
_PAGE_KEY = "_page"
VISIT_KEY = "_page_visit"  # counts arrivals on a page from another one


@dataclass(frozen=True)
class PageContext:
    settings: Settings
    places: Places
    loaded: LoadedMeasures
    view: ViewState
    shown: gpd.GeoDataFrame
    version: Version | None  # None: no version published yet, the measures file is shown
    recorded: Recorded  # status changes recorded between versions, by measure id
    data_key: cache.DataKey  # names the data shown, for caches shared by sessions
    notices: tuple[Notice, ...] = ()  # what the URL held that was not used as given


def build() -> PageContext:
    """Load the data, render the sidebar, apply its filter; keep the result for the page."""
    settings = get_settings()
    places = cache.places(str(settings.places_path))
    url = settings.store_url
    version = cache.current_version(url, settings.measures_path, settings.places_path)
    if version is None:
        file_stamp = cache.stamp(settings.measures_path)  # once: every cache names one state
        key = cache.file_key(settings.measures_path, file_stamp)
        loaded = cache.measures(settings.measures_path, settings.places_path, file_stamp)
        options = cache.options(settings.measures_path, settings.places_path, file_stamp)
        recorded: Recorded = {}
        published: tuple[Published, ...] = ()
    else:
        key = cache.version_key(url, version)
        loaded = cache.version_measures(url, version, settings.places_path)
        options = cache.version_options(url, version, settings.places_path)
        recorded = cache.recorded(url, version.number)
        published = cache.published(url, version.number)
    view, notices = sidebar.view_state(places, options, published)
    shown = view.filter.apply(loaded.measures, places, recorded)
    context = PageContext(
        settings, places, loaded, view, shown, version, recorded, key, tuple(notices)
    )
    st.session_state[_KEY] = context
    return context


def current() -> PageContext:
    """The context ``dashboard.py`` built for this run."""
    return st.session_state[_KEY]


def enter(page: str) -> None:
    """Note the page this run shows; a different page than last time is a new visit."""
    if st.session_state.get(_PAGE_KEY) != page:
        st.session_state[_PAGE_KEY] = page
        st.session_state[VISIT_KEY] = st.session_state.get(VISIT_KEY, 0) + 1
