"""Data: the filtered rows as a sortable table, and downloads of exactly those rows."""

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.present import stats
from safetymap.ui import chrome, context

ctx = context.current()
lang, shown = ctx.view.lang, ctx.shown

st.title(t("data_page", lang))
chrome.filter_summary(ctx)
rows_height = min(600, 35 * (len(shown) + 1) + 3)  # no empty grid under a short result
st.dataframe(stats.measure_table(shown, lang), hide_index=True, width="stretch", height=rows_height)

st.caption(t("downloads_help", lang))
# Built only when clicked; the files hold exactly the rows shown above.
chrome.download_buttons(lambda: shown, ctx.places, lang, "trygghetskartan", disabled=shown.empty)
chrome.template_button(lang)
chrome.api_link(ctx)
