"""Ladda upp: check a file row by row, compare it with the version in force, publish it."""

import streamlit as st

from safetymap.i18n import t
from safetymap.ui import auth, cache, context, mapview
from safetymap.ui import upload as ui

MAX_UPLOAD_MB = st.get_option("server.maxUploadSize")
UPLOADS_KEY = "_uploads"  # a new key empties the file chooser after publishing

ctx = context.current()
lang, version = ctx.view.lang, ctx.version
store = cache.store(ctx.settings.store_url)

st.title(t("upload_page", lang))
if published := st.session_state.pop(ui.PUBLISHED_KEY, None):
    st.success(t("published_now", lang, n=published))
st.caption(t("upload_intro", lang, limit=MAX_UPLOAD_MB))
file = st.file_uploader(
    t("upload_label", lang),
    type=["csv", "txt", "tsv"],
    key=f"upload-{st.session_state.get(UPLOADS_KEY, 0)}",
)
if file is None:
    if version is None:
        st.info(t("upload_none_empty", lang))
    else:
        st.info(t("upload_none", lang, n=version.number))
    auth.analyst(lang)  # an analyst may sign in before choosing the file
    st.stop()

upload = ui.checked(store, file.getvalue(), file.name, ctx.places, version)
report = upload.loaded.report
if not upload.loaded.readable:
    st.error(t("unreadable_upload", lang, name=file.name, message=report.errors[0].message(lang)))
    st.stop()
ui.detected(report, lang)
ui.problems(report, file.name, lang)
ui.diff(upload.diff, upload.previous, upload.table, version, bool(report.errors), lang)
if not upload.loaded.measures.empty:
    st.subheader(t("preview_heading", lang))
    mapview.preview(ctx, upload.loaded.measures, key="upload-preview")
if ui.publish(store, upload, version, lang):
    st.session_state[UPLOADS_KEY] = st.session_state.get(UPLOADS_KEY, 0) + 1
    st.rerun()
