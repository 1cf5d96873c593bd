"""Timeline charts of places, shared by the timeline and briefing pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from safetymap import charts
from safetymap.timeline import timeline_segments
from safetymap.ui import chrome
from safetymap.ui.context import PageContext


@dataclass(frozen=True)
class Periods:
    """The shown rows as published, their drawable status periods and the time axis."""

    published: pd.DataFrame
    segments: pd.DataFrame
    domain: tuple[date, date]
    today: date


def periods(ctx: PageContext) -> Periods:
    """Periods come from the rows as published; "as of" only chooses rows and draws its line."""
    today, as_of = date.today(), ctx.view.filter.as_of
    published = ctx.loaded.measures[ctx.loaded.measures.id.isin(ctx.shown.id)]
    segments = timeline_segments(published, today, ctx.recorded)
    start = segments.x.min().date() if not segments.empty else today
    domain = (min(start, as_of or today), max(today, as_of or today))
    return Periods(published, segments, domain, today)


def place_chart(
    ctx: PageContext,
    drawn: Periods,
    place_id: str,
    heading: str | None,
    outcomes: pd.DataFrame | None = None,
) -> bool:
    """The timeline of one place (and its focus areas) under ``heading``, with its dated
    ``outcomes`` (indicator rows) on the same axis; a click selects the measure. Nothing,
    not even the heading, when the place has no dated row: False."""
    lang = ctx.view.lang
    ids = set(ctx.shown.id[ctx.shown.place.isin(ctx.places.with_descendants(place_id))])
    data = charts.timeline_data(drawn.segments[drawn.segments.id.isin(ids)], drawn.published, lang)
    if data.empty:
        return False
    if heading:
        st.subheader(heading)
    strip = None if outcomes is None else charts.indicator_data(outcomes, lang)
    domain = drawn.domain
    if strip is not None and not strip.empty:
        domain = (min(domain[0], strip.x.min().date()), domain[1])
    event = st.altair_chart(
        charts.timeline_chart(
            data,
            domain,
            drawn.today,
            ctx.view.filter.as_of,
            lang,
            strip,
        ),
        on_select="rerun",
        selection_mode=charts.SELECTION,
        key=f"timeline-{place_id}",
        width="stretch",
    )
    picked = event.selection.get(charts.SELECTION) or []
    if picked:
        chrome.select_measure(picked[0]["id"])
    return True
