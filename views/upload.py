"""Ladda upp: check a file row by row, compare it with the version in force, publish it.

Measures, indicators or outcome series: the same checks, report, comparison and publishing,
each into its own store."""

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.ui import auth, cache, context
from safetymap.ui import upload as ui

MAX_UPLOAD_MB = st.get_option("server.maxUploadSize")
FILE_TYPES = ["csv", "txt", "tsv"]
UPLOADS_KEY = "_uploads"  # a new key empties the file chooser after publishing

ctx = context.current()
lang = ctx.view.lang

st.title(t("upload_page", lang))
notice = st.container()  # the same place on every run, like the file's container below
if published := st.session_state.pop(ui.PUBLISHED_KEY, None):
    notice.success(t(f"published_now_{published[0]}", lang, n=published[1]))
kind = ui.kind(lang)
if kind == "indicators":
    store = cache.indicator_store(ctx.settings.store_url)
    version = cache.indicators(ctx.settings)[1]
elif kind == "outcomes":
    store = cache.outcome_store(ctx.settings.store_url)
    version = cache.outcomes(ctx.settings)[1]
else:
    store, version = cache.store(ctx.settings.store_url), ctx.version
with st.container(gap=None):  # the script's empty element adds no space below the text
    st.caption(t(f"upload_intro_{kind}", lang, limit=MAX_UPLOAD_MB))
    st.html(ui.uploader_words(lang, MAX_UPLOAD_MB, FILE_TYPES), unsafe_allow_javascript=True)
file = st.file_uploader(
    t(f"upload_label_{kind}", lang),
    type=FILE_TYPES,
    key=f"upload-{kind}-{st.session_state.get(UPLOADS_KEY, 0)}",
)

# Everything the chosen file decides is drawn in one container, so the sign-in below stays
# at the same place in the page while a file is read. Streamlit redraws a form that moves
# as a new one, and what was being typed into it is lost.
with st.container():
    upload = ui.file_report(ctx, store, file, version, kind, lang)

analyst = auth.analyst(lang)  # an analyst may sign in before choosing the file
if upload is not None and ui.publish(store, upload, version, analyst, lang):
    st.session_state[UPLOADS_KEY] = st.session_state.get(UPLOADS_KEY, 0) + 1
    st.rerun()
