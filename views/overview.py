"""Map (interim): the filtered data as a table and a plain map of the four places."""

import streamlit as st
from streamlit_folium import st_folium

from safetymap import mapping, stats
from safetymap.i18n import t
from safetymap.ui import cache, chrome, context

ctx = context.current()
lang, flt, shown, places = ctx.view.lang, ctx.view.filter, ctx.shown, ctx.places

st.title(t("app_title", lang))
st.write(t("intro", lang))
st.info(t("interim_note", lang))
chrome.filter_summary(ctx, count=False)
chrome.overview_figures(ctx)

left, right = st.columns([3, 2])
with left:
    st.subheader(t("map_heading", lang))
    background = cache.context(str(ctx.settings.context_path))
    fmap = mapping.overview_map(places, background, shown, lang)
    st_folium(fmap, height=600, use_container_width=True, returned_objects=[], key="overview")
    st.caption(t("map_caption", lang))
with right:
    st.subheader(t("places_heading", lang))
    st.dataframe(stats.place_summary(places, shown, lang), hide_index=True)

st.subheader(t("table_heading", lang))
st.dataframe(stats.measure_table(shown, lang), hide_index=True, width="stretch")
st.caption(t("data_file", lang, path=ctx.settings.measures_path.name))
