"""Cached loaders: thin ``st.cache_*`` wrappers around the pure loaders.

Places and the background layer are read-only reference data shared by every session
(``cache_resource``: one object, never mutated). Measures are keyed by the file's path and
modification time, so a replaced file is read again on the next run.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import streamlit as st

from safetymap.loaders import LoadedMeasures, load_measures
from safetymap.places import Places, load_places


@st.cache_resource(show_spinner=False)
def places(path: str) -> Places:
    return load_places(path)


@st.cache_resource(show_spinner=False)
def context(path: str) -> gpd.GeoDataFrame:
    return gpd.read_file(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _measures(path: str, places_path: str, mtime: float) -> LoadedMeasures:
    return load_measures(path, places(places_path))


def measures(path: Path, places_path: Path) -> LoadedMeasures:
    """The measures file at ``path``, validated; re-read when the file changes."""
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _measures(str(path), str(places_path), mtime)
