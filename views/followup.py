"""Uppföljning: is it working? A place's outcome series on the time axis of its measures,
and before and after against a comparison area."""

import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.ui import cache, chrome, context
from safetymap.ui import followup as ui

ctx = context.current()
lang = ctx.view.lang
table = cache.outcomes(ctx.settings)[0].table
areas = ui.areas(ctx)

st.title(t("followup_page", lang))
chrome.filter_summary(ctx, count=False)
st.caption(t("followup_intro", lang))
for notice in ui.start(ctx, table, areas):
    st.warning(notice.message(lang), icon=":material/link_off:")

menu, choice = ui.choose_series(ctx, table, areas)
if choice is None:
    place = ctx.places.by_id[menu.place].name
    st.info(t("followup_no_series", lang, place=escape_markdown(place)))
else:
    drawn = st.container()
    st.subheader(t("followup_effect", lang))
    st.caption(t("followup_effect_intro", lang))
    choice = ui.choose_time(ctx, menu, choice)
    with drawn:
        ui.chart(ctx, menu, choice, areas)
    ui.result(ctx, menu, choice, areas)
ui.remember(ctx, menu, choice)
chrome.data_source(ctx)
