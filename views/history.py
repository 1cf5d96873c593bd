"""Historik: every published version, downloads of any of them, the status log, rollback."""

import streamlit as st

from safetymap.i18n import t
from safetymap.ui import cache, context
from safetymap.ui import history as ui

ctx = context.current()
lang = ctx.view.lang
store = cache.store(ctx.settings.store_url)

st.title(t("history_page", lang))
if rolled_back := st.session_state.pop(ui.ROLLED_BACK_KEY, None):
    st.success(t("rolled_back", lang, m=rolled_back[0], n=rolled_back[1]))
st.caption(t("history_intro", lang))
versions = store.versions()
if not versions:
    st.info(t("history_empty", lang))
    st.stop()

st.subheader(t("versions_heading", lang))
st.dataframe(ui.version_table(versions, lang), hide_index=True, width="stretch")
ui.downloads(store, versions, ctx.places, lang)
ui.status_log(store, lang)
if ui.rollback(store, versions, lang):
    st.rerun()
