"""Karta: the map of the filtered measures first, with the list of them beside it (under it
on a narrow screen); then the selected measure, the overview figures and the places."""

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.present import stats
from safetymap.present.htmltable import html_table
from safetymap.ui import chrome, context, mapview, results

ctx = context.current()
lang, shown, places = ctx.view.lang, ctx.shown, ctx.places

st.title(t("app_title", lang))
chrome.filter_summary(ctx, count=False)

with results.map_row():
    map_column, list_column = st.columns([3, 1], gap="medium")
    with map_column:
        mapview.panel(ctx)
    with list_column:
        results.panel(ctx)
chrome.selected_measure(ctx)

st.subheader(t("figures_heading", lang))
st.write(t("intro", lang))
chrome.overview_figures(ctx)
st.page_link("views/data.py", label=t("all_rows_link", lang, n=len(shown)), icon=":material/table:")

st.subheader(t("places_heading", lang))
st.html(html_table(stats.place_summary(places, shown, lang), t("places_heading", lang)))
chrome.data_source(ctx)
