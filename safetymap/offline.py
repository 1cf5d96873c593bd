"""Serve Leaflet from the app itself, never from a CDN.

folium points every map at jsdelivr/cdnjs. ``use_local_assets`` repoints the class-level asset
lists of the folium classes we use, once per process, at the copies in ``static/vendor/``
(served by Streamlit's static file serving at ``/app/static/``). Assets we do not use
(jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped so no request leaves the host.
"""

from __future__ import annotations

import folium

STATIC_URL = "/app/static"
LEAFLET_JS = [("leaflet", f"{STATIC_URL}/vendor/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{STATIC_URL}/vendor/leaflet/leaflet.css")]


def use_local_assets() -> None:
    """Point folium's Map at the vendored Leaflet (idempotent; affects the whole process)."""
    folium.Map.default_js = list(LEAFLET_JS)
    folium.Map.default_css = list(LEAFLET_CSS)


def asset_urls() -> list[str]:
    """Every URL a map page loads for its scripts and styles."""
    return [url for _, url in (*folium.Map.default_js, *folium.Map.default_css)]
