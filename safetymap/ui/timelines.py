"""Timeline charts of places, shared by the timeline and briefing pages."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from safetymap.present import charts
from safetymap.selection.timeline import Periods
from safetymap.selection.timeline import periods as timeline_periods
from safetymap.ui import chrome
from safetymap.ui.context import PageContext


def periods(ctx: PageContext, shown: gpd.GeoDataFrame | None = None) -> Periods:
    """The drawable periods of the rows the page shows (or ``shown``), as published."""
    rows = ctx.shown if shown is None else shown
    return timeline_periods(
        ctx.loaded.measures, rows.id, date.today(), ctx.view.filter.as_of, ctx.recorded
    )


def place_chart(
    ctx: PageContext,
    drawn: Periods,
    place_id: str,
    heading: str | None,
    outcomes: pd.DataFrame | None = None,
    shown: gpd.GeoDataFrame | None = None,
) -> bool:
    """The timeline of one place (and its focus areas) under ``heading``, with its dated
    ``outcomes`` (indicator rows) on the same axis; a click selects the measure. Nothing,
    not even the heading, when the place has no dated row: False. ``shown``: the rows to
    draw from (default: the page's)."""
    lang = ctx.view.lang
    rows = ctx.shown if shown is None else shown
    chart = charts.place_timeline(
        drawn, rows, ctx.places, place_id, ctx.view.filter.as_of, lang, outcomes
    )
    if chart is None:
        return False
    if heading:
        st.subheader(heading)
    event = st.altair_chart(
        chart,
        on_select="rerun",
        selection_mode=charts.SELECTION,
        key=f"timeline-{place_id}",
        width="stretch",
    )
    picked = event.selection.get(charts.SELECTION) or []
    if picked:
        chrome.select_measure(picked[0]["id"])
    return True
