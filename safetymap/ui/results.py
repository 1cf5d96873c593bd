"""The result list beside the map: Streamlit glue for ``safetymap.results``."""

from __future__ import annotations

from dataclasses import astuple

import geopandas as gpd
import streamlit as st

from safetymap.contract.problems import Lang
from safetymap.intake.places import Places
from safetymap.present import results
from safetymap.selection.urlstate import to_query
from safetymap.ui import mapview
from safetymap.ui.cache import DataKey
from safetymap.ui.context import PageContext

# The count and the note above the list take about this much of the map's height.
HEADER_PX = 64


def map_row():
    """The container of the map and the list: two columns side by side on a wide page (the
    list's style sheet stacks them, the list folded, where the row is narrow)."""
    return st.container(key=results.ROW_KEY)


@st.cache_resource(show_spinner=False, max_entries=8)
def _results(
    key: DataKey, chosen: str, lang: Lang, _shown: gpd.GeoDataFrame, _places: Places
) -> results.Results:
    return results.build_results(_shown, _places, lang)


def panel(ctx: PageContext) -> None:
    """The rows the filter shows, by place, each a link that selects it; as high as the map.
    The grouped rows are made once per data, filter and language for every session (as the
    map's layers are: ``cache.layer_data``); only the links and the selection per run."""
    found = _results(
        ctx.data_key, repr(astuple(ctx.view.filter)), ctx.view.lang, ctx.shown, ctx.places
    )
    # The style sheet apart, the same on every run: a filter changes only the list.
    st.html(results.style(mapview.MAP_HEIGHT - HEADER_PX))
    st.html(results.results_html(found, to_query(ctx.view), ctx.view.measure))
    if ctx.view.measure:  # the selected row may lie below the list's fold
        st.html(results.scroll_script(ctx.view.measure), unsafe_allow_javascript=True)
