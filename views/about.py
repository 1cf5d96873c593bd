"""About the data: the source documents, the places and how the data is to be read."""

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.contract.sources import load_sources
from safetymap.present import stats
from safetymap.ui import chrome, context

ctx = context.current()
lang, measures = ctx.view.lang, ctx.loaded.measures

st.title(t("about_page", lang))
chrome.data_date(ctx)
st.subheader(t("sources_heading", lang))
st.write(t("sources_intro", lang))
sources = load_sources(ctx.settings.sources_path)
st.table(stats.source_table(sources, measures, lang), hide_index=True, border="horizontal")
st.subheader(t("places_heading", lang))
st.table(stats.place_table(ctx.places, lang), hide_index=True, border="horizontal")
st.subheader(t("method_heading", lang))
st.markdown(t("method", lang))
