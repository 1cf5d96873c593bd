"""The page shown while the store of versions cannot be used (issue #24).

What is wrong, which setting points at it and what to do, in the page's language; the
sidebar keeps the pages and the language; and the page tries the store again by itself, so
it shows the data again as soon as the database answers, without a reload.
"""

from __future__ import annotations

import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.ui import sidebar
from safetymap.versions.store import Store, StoreUnavailable

RETRY_SECONDS = 5


def panel(error: StoreUnavailable, url: str, lang: Lang) -> None:
    """The outage in words, and a retry every ``RETRY_SECONDS`` until the store answers."""
    sidebar.hold()
    st.title(t("store_heading", lang))
    st.error(escape_markdown(error.message(lang)), icon=":material/cloud_off:")
    st.caption(t("store_retrying", lang, seconds=RETRY_SECONDS))
    _retry(url)


@st.fragment(run_every=RETRY_SECONDS)
def _retry(url: str) -> None:
    try:
        probe = Store(url)
    except StoreUnavailable:
        return
    probe.close()
    st.rerun(scope="app")
