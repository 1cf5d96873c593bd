"""Timeline: status periods of the filtered measures, one chart per place."""

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.present import stats
from safetymap.selection.timeline import undated_ids
from safetymap.ui import chrome, context, timelines

ctx = context.current()
lang = ctx.view.lang

st.title(t("timeline_page", lang))
chrome.filter_summary(ctx)
st.caption(t("timeline_intro", lang))

drawn = timelines.periods(ctx)
if not drawn.segments.empty:
    for place_id in ctx.places.top_level():
        timelines.place_chart(ctx, drawn, place_id, ctx.places.by_id[place_id].name)

chrome.selected_measure(ctx)
if undated := undated_ids(drawn.published, ctx.recorded):
    with st.expander(t("undated_heading", lang, n=len(undated))):
        st.caption(t("undated_intro", lang))
        undated_rows = drawn.published[drawn.published.id.isin(undated)]
        st.dataframe(stats.measure_table(undated_rows, lang), hide_index=True)
