"""Interim overview: the filtered data as a table and a plain map of the four places."""

import streamlit as st
from streamlit_folium import st_folium

from safetymap import mapping, stats
from safetymap.config import get_settings
from safetymap.i18n import t
from safetymap.ui import cache, chrome, sidebar

settings = get_settings()
places = cache.places(str(settings.places_path))
loaded = cache.measures(settings.measures_path, settings.places_path)
view = sidebar.view_state(loaded.measures, places)
lang, flt = view.lang, view.filter
shown = flt.apply(loaded.measures, places)

st.title(t("app_title", lang))
st.write(t("intro", lang))
st.info(t("interim_note", lang))
chrome.data_notices(loaded, lang)
st.metric(t("rows_metric", lang), len(shown))
st.caption(flt.describe(len(shown), places, lang))
if undated := flt.undated_left_out(loaded.measures):
    st.caption(t("undated_left_out", lang, n=undated))
if shown.empty and not loaded.measures.empty:
    st.warning(t("nothing_matches", lang))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("map_heading", lang))
    fmap = mapping.overview_map(places, cache.context(str(settings.context_path)), shown, lang)
    st_folium(fmap, height=600, use_container_width=True, returned_objects=[], key="overview")
    st.caption(t("map_caption", lang))
with right:
    st.subheader(t("places_heading", lang))
    st.dataframe(stats.place_summary(places, shown, lang), hide_index=True)

st.subheader(t("table_heading", lang))
st.dataframe(stats.measure_table(shown, lang), hide_index=True, width="stretch")
st.caption(t("data_file", lang, path=settings.measures_path.name))
