"""Timeline: status periods of the filtered measures, one chart per place."""

from datetime import date

import streamlit as st

from safetymap import charts, stats
from safetymap.i18n import t
from safetymap.timeline import timeline_segments, undated_ids
from safetymap.ui import chrome, context

ctx = context.current()
lang, shown, places, as_of = ctx.view.lang, ctx.shown, ctx.places, ctx.view.filter.as_of
today = date.today()

st.title(t("timeline_page", lang))
chrome.filter_summary(ctx)
st.caption(t("timeline_intro", lang))

# Periods come from the rows as published; "as of" only chooses which rows and draws its line.
published = ctx.loaded.measures[ctx.loaded.measures.id.isin(shown.id)]
segments = timeline_segments(published, today, ctx.recorded)
if not segments.empty:
    domain = (min(segments.x.min().date(), as_of or today), max(today, as_of or today))
    for place_id in places.top_level():
        ids = set(shown.id[shown.place.isin(places.with_descendants(place_id))])
        data = charts.timeline_data(segments[segments.id.isin(ids)], published, lang)
        if data.empty:
            continue
        st.subheader(places.by_id[place_id].name)
        event = st.altair_chart(
            charts.timeline_chart(data, domain, today, as_of, lang),
            on_select="rerun",
            selection_mode=charts.SELECTION,
            key=f"timeline-{place_id}",
            width="stretch",
        )
        picked = event.selection.get(charts.SELECTION) or []
        if picked:
            chrome.select_measure(picked[0]["id"])

chrome.selected_measure(ctx)
if undated := undated_ids(published, ctx.recorded):
    with st.expander(t("undated_heading", lang, n=len(undated))):
        st.caption(t("undated_intro", lang))
        undated_rows = published[published.id.isin(undated)]
        st.dataframe(stats.measure_table(undated_rows, lang), hide_index=True)
