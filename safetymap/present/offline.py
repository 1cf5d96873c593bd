"""Serve Leaflet from the app itself, never from a CDN.

folium points every map at jsdelivr/cdnjs. ``use_local_assets`` repoints the class-level asset
lists of the folium classes we use, once per process, at the copies in ``static/vendor/``
(served by Streamlit's static file serving at ``/app/static/``). Assets we do not use
(jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped so no request leaves the host.
The measure renderer and its Supercluster are not loaded as files at all: ``renderer_code``
is written into the map's own script.
"""

from __future__ import annotations

import functools
from pathlib import Path

import folium

from safetymap.config import ROOT

STATIC_URL = "/app/static"
STATIC_DIR = ROOT / "static"
# Supercluster, then the renderer that uses it: written into the map's script in this order.
RENDERER_FILES = ("vendor/supercluster/supercluster.min.js", "safetymap/measures.js")
LEAFLET_JS = [("leaflet", f"{STATIC_URL}/vendor/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/vendor/leaflet/leaflet.css")]


def use_local_assets() -> None:
    """Point folium's Map at the vendored Leaflet (idempotent; affects the whole process)."""
    folium.Map.default_js = list(LEAFLET_JS)
    folium.Map.default_css = list(LEAFLET_CSS)


def asset_urls() -> list[str]:
    """Every URL a map page loads for its scripts and styles."""
    return [url for _, url in (*folium.Map.default_js, *folium.Map.default_css)]


def script_text(path: Path) -> str:
    """The script file at ``path``, to be written into a ``<script>`` element: refused if its
    text would close that element."""
    code = path.read_text(encoding="utf-8")
    if "</script" in code.lower():
        raise ValueError(f"{path} cannot be written into a <script> element")
    return code


@functools.cache
def renderer_code() -> str:
    """The measure renderer (``RENDERER_FILES``) as one script text, for the map's own
    script. streamlit-folium loads a map's script files one after another, each only when
    the page's busy main thread gets to the last one's load event; written into the script,
    these two cost no turn of their own (the first map at 10 000 measures came about 0.2 s
    sooner, measured with ``bench/map_speed.py``-style visits taken in turn)."""
    return "\n;\n".join(script_text(STATIC_DIR / name) for name in RENDERER_FILES)
