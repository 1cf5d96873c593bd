"""Historik: every published version of the measures, the indicators and the outcome series,
downloads of any of them, the status log, rollback."""

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
cache.outcomes(ctx.settings)  # and so is the outcome series'
areas = cache.areas(str(ctx.settings.places_path), str(ctx.settings.areas_path))
tabs = st.tabs([t(f"upload_kind_{kind}", lang) for kind in ("measures", "indicators", "outcomes")])
for tab, store in zip(
    tabs,
    (
        cache.store(ctx.settings.store_url),
        cache.indicator_store(ctx.settings.store_url),
        cache.outcome_store(ctx.settings.store_url),
    ),
):
    with tab:
        versions = store.versions()
        if not versions:
            st.info(t("history_empty", lang))
            continue
        st.subheader(t("versions_heading", lang))
        st.dataframe(ui.version_table(versions, lang), hide_index=True, width="stretch")
        ui.downloads(store, versions, areas, lang)
        if store.dataset.name == "measures":
            ui.status_log(store, lang)
        if ui.rollback(store, versions, areas, lang):
            st.rerun()
