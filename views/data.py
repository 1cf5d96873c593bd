"""Data: the filtered rows as a sortable table, and downloads of exactly those rows."""

import streamlit as st

from safetymap import export, stats
from safetymap.i18n import t
from safetymap.ui import chrome, context

ctx = context.current()
lang, shown = ctx.view.lang, ctx.shown

st.title(t("data_page", lang))
chrome.filter_summary(ctx)
rows_height = min(600, 35 * (len(shown) + 1) + 3)  # no empty grid under a short result
st.dataframe(stats.measure_table(shown, lang), hide_index=True, width="stretch", height=rows_height)

st.caption(t("downloads_help", lang))
csv_col, geojson_col, xlsx_col = st.columns(3)
csv_col.download_button(
    t("download_csv", lang),
    lambda: export.to_csv(shown),
    "trygghetskartan.csv",
    "text/csv",
    on_click="ignore",
    icon=":material/download:",
    disabled=shown.empty,
)
geojson_col.download_button(
    t("download_geojson", lang),
    lambda: export.to_geojson(shown, ctx.places),
    "trygghetskartan.geojson",
    "application/geo+json",
    on_click="ignore",
    icon=":material/download:",
    disabled=shown.empty,
)
xlsx_col.download_button(
    t("download_xlsx", lang),
    lambda: export.to_xlsx(shown),
    "trygghetskartan.xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    icon=":material/download:",
    disabled=shown.empty,
)
