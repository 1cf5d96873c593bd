"""Shared page chrome: page config, language choice and the data-file notices."""

from __future__ import annotations

import streamlit as st

from safetymap.i18n import t
from safetymap.loaders import LoadedMeasures
from safetymap.problems import LANGS, Lang

LANG_KEY = "lang"
LANG_NAMES = {"sv": "Svenska", "en": "English"}


def language() -> Lang:
    """The language chosen in the sidebar, kept in the URL (``?lang=en``) across reruns."""
    current = st.query_params.get(LANG_KEY, "sv")
    if current not in LANGS:
        current = "sv"
    chosen = st.sidebar.radio(
        "Språk / Language",
        LANGS,
        index=LANGS.index(current),
        format_func=LANG_NAMES.__getitem__,
        horizontal=True,
        key="lang_choice",
    )
    if chosen != "sv":
        st.query_params[LANG_KEY] = chosen
    elif LANG_KEY in st.query_params:
        del st.query_params[LANG_KEY]
    return chosen


def data_notices(loaded: LoadedMeasures, lang: Lang) -> None:
    """Tell the user plainly when the data file has problems; never hide them."""
    report = loaded.report
    if not loaded.readable:
        st.error(t("data_unreadable", lang, message=report.errors[0].message(lang)))
    elif report.errors:
        st.warning(t("data_problems", lang, path=report.path, n=len(report.errors)))
