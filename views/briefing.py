"""Lägesbild: one place at a time, in large type, for briefings on a projector or a tablet."""

import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.selection import briefing
from safetymap.ui import briefing as ui
from safetymap.ui import cache, chrome, context, mapview, timelines

ctx = context.current()
lang, places = ctx.view.lang, ctx.places
place_id = briefing.briefing_place(places, ctx.view.filter.places)
rows = briefing.place_rows(ctx.shown, places, place_id)
figures = briefing.indicator_rows(cache.indicators(ctx.settings)[0].table, places, place_id)
name = places.by_id[place_id].name

ui.large_type()
ui.stepper(places, place_id, lang)
chrome.data_notices(ctx.loaded, lang)
if not ctx.view.filter.is_empty():
    st.caption(escape_markdown(ctx.view.filter.describe(len(rows), places, lang)))
st.caption(t("briefing_keys", lang))
if rows.empty:
    st.info(t("briefing_empty", lang, place=name))
else:
    ui.figures(briefing.headline(rows), lang)
    st.subheader(t("briefing_map", lang))
    mapview.preview(ctx, rows, key="briefing-map", framing=(place_id,), height=520)
    st.subheader(t("briefing_timeline", lang))
    if not timelines.place_chart(ctx, timelines.periods(ctx), place_id, None, figures):
        st.caption(t("briefing_no_timeline", lang, place=name))
    ui.outcomes(briefing.outcomes(figures, lang), name, lang)
    ui.actors(briefing.actors_involved(rows), lang)
    chrome.selected_measure(ctx)
ui.footer(chrome.data_line(ctx), briefing.sources_of(rows, figures), lang)
ui.downloads(ctx)
