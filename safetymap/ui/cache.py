"""Cached loaders: thin ``st.cache_*`` wrappers around the pure loaders.

Places and the background layer are read-only reference data shared by every session
(``cache_resource``: one object, never mutated). Measures are keyed by the file's path and
modification time, so a replaced file is read again on the next run.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import streamlit as st

from safetymap.filters import FilterOptions, filter_options
from safetymap.loaders import LoadedMeasures, load_measures
from safetymap.places import Places, load_places


@st.cache_resource(show_spinner=False)
def places(path: str) -> Places:
    return load_places(path)


@st.cache_resource(show_spinner=False)
def context(path: str) -> dict:
    """The background layer as a GeoJSON mapping (folium reads it without copying)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


@st.cache_resource(show_spinner=False, max_entries=4)
def _measures(path: str, places_path: str, mtime: float) -> LoadedMeasures:
    return load_measures(path, places(places_path))


def _mtime(path: Path) -> float:
    return path.stat().st_mtime if path.exists() else 0.0


def measures(path: Path, places_path: Path) -> LoadedMeasures:
    """The measures file at ``path``, validated; re-read when the file changes."""
    return _measures(str(path), str(places_path), _mtime(path))


@st.cache_resource(show_spinner=False, max_entries=4)
def _options(path: str, places_path: str, mtime: float, today: date) -> FilterOptions:
    return filter_options(_measures(path, places_path, mtime).measures, today)


def options(path: Path, places_path: Path) -> FilterOptions:
    """What the sidebar offers for the measures file at ``path`` (worked out once a day)."""
    return _options(str(path), str(places_path), _mtime(path), date.today())
