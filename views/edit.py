"""Redigera: change, add or remove one measure in the browser; checked as a file is, shown as
the changes it makes, published as a new version by an analyst."""

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.ui import auth, cache, context
from safetymap.ui import edit as ui
from safetymap.versions import editing

ctx = context.current()
lang, version = ctx.view.lang, ctx.version

st.title(t("edit_page", lang))
if published := st.session_state.pop(ui.PUBLISHED_KEY, None):
    st.success(t("published_now_measures", lang, n=published))
st.caption(t("edit_intro", lang))
if version is None:
    st.info(t("edit_no_version", lang))
    st.stop()
store = cache.store(ctx.settings.store_url)
rows = ui.table(store, version)
ui.base(version, lang)

# Everything the edit decides is drawn in one container, so the sign-in below keeps its place
# in the page (as on the upload page) while the report above it grows and shrinks.
upload = None
with st.container():
    st.subheader(t("edit_step_choose", lang))
    action = ui.action(lang)
    if action == "add":
        chosen, row = None, ui.empty_row(next(iter(ctx.view.filter.places), ""))
    elif chosen := ui.choose(rows, ctx.places, lang):
        row = editing.row_of(rows, chosen)
    if action == "add" or chosen:
        edit = None
        if action == "remove":
            edit = editing.Edit(None, chosen)
        else:
            st.subheader(t(f"edit_step_{action}", lang))
            new = ui.form(rows, row, version, ctx, lang, chosen or "new")
            if new is not None and ui.edited(row, new, added=action == "add"):
                edit = editing.Edit(new, chosen)
        st.subheader(t("edit_step_check", lang))
        if edit is None:
            st.info(t("edit_nothing_yet", lang))
        else:
            upload = ui.checked(store, rows, edit, version, ctx.places)
            ui.report(upload, editing.edited_line(rows, edit), version, ctx.places, lang)

analyst = auth.analyst(lang)
if upload is not None and ui.publish(store, upload, version, analyst, lang):
    st.rerun()
