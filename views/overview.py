"""Karta: overview figures, the map of the filtered measures (with its list of what is in
view), and the places."""

import streamlit as st

from safetymap import stats
from safetymap.htmltable import html_table
from safetymap.i18n import t
from safetymap.ui import chrome, context, mapview

ctx = context.current()
lang, shown, places = ctx.view.lang, ctx.shown, ctx.places

st.title(t("app_title", lang))
st.write(t("intro", lang))
chrome.filter_summary(ctx, count=False)
chrome.overview_figures(ctx)

st.subheader(t("map_heading", lang))
mapview.panel(ctx)
chrome.selected_measure(ctx)

st.page_link("views/data.py", label=t("all_rows_link", lang, n=len(shown)), icon=":material/table:")

st.subheader(t("places_heading", lang))
st.html(html_table(stats.place_summary(places, shown, lang), t("places_heading", lang)))
chrome.data_source(ctx)
