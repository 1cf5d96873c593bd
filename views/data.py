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
downloads = (
    ("download_csv", lambda: export.to_csv(shown), "csv", "text/csv"),
    (
        "download_geojson",
        lambda: export.to_geojson(shown, ctx.places),
        "geojson",
        "application/geo+json",
    ),
    (
        "download_xlsx",
        lambda: export.to_xlsx(shown),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
)
for column, (label, build, suffix, mime) in zip(st.columns(len(downloads)), downloads):
    # Built only when clicked; the file holds exactly the rows shown above.
    column.download_button(
        t(label, lang),
        build,
        f"trygghetskartan.{suffix}",
        mime,
        on_click="ignore",
        icon=":material/download:",
        disabled=shown.empty,
    )
