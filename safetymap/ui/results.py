"""The result list beside the map: Streamlit glue for ``safetymap.results``."""

from __future__ import annotations

import streamlit as st

from safetymap import results
from safetymap.ui import mapview
from safetymap.ui.context import PageContext
from safetymap.urlstate import to_query

# The count and the note above the list take about this much of the map's height.
HEADER_PX = 64


def map_row():
    """The container of the map and the list: two columns side by side on a wide page (the
    list's style sheet stacks them, the list folded, where the row is narrow)."""
    return st.container(key=results.ROW_KEY)


def panel(ctx: PageContext) -> None:
    """The rows the filter shows, by place, each a link that selects it; as high as the map."""
    found = results.build_results(ctx.shown, ctx.places, ctx.view.lang)
    st.html(
        results.results_html(
            found,
            to_query(ctx.view),
            ctx.view.measure,
            list_height=mapview.MAP_HEIGHT - HEADER_PX,
        )
    )
