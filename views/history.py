"""Historik: every published version of the measures and of the indicators, downloads of
any of them, the status log, rollback."""

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.ui import cache, context
from safetymap.ui import history as ui

ctx = context.current()
lang = ctx.view.lang

st.title(t("history_page", lang))
if rolled_back := st.session_state.pop(ui.ROLLED_BACK_KEY, None):
    kind, new, old = rolled_back
    st.success(t(f"rolled_back_{kind}", lang, m=new, n=old))
st.caption(t("history_intro", lang))
cache.indicators(ctx.settings)  # an empty indicators store is seeded like the measures'
measures_tab, indicators_tab = st.tabs(
    [t("upload_kind_measures", lang), t("upload_kind_indicators", lang)]
)
for tab, store in (
    (measures_tab, cache.store(ctx.settings.store_url)),
    (indicators_tab, cache.indicator_store(ctx.settings.store_url)),
):
    with tab:
        versions = store.versions()
        if not versions:
            st.info(t("history_empty", lang))
            continue
        st.subheader(t("versions_heading", lang))
        st.dataframe(ui.version_table(versions, lang), hide_index=True, width="stretch")
        ui.downloads(store, versions, ctx.places, lang)
        if store.dataset.name == "measures":
            ui.status_log(store, lang)
        if ui.rollback(store, versions, ctx.places, lang):
            st.rerun()
