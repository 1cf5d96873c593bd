"""Shared page chrome: notices about the data file."""

from __future__ import annotations

import streamlit as st

from safetymap.i18n import t
from safetymap.loaders import LoadedMeasures
from safetymap.problems import Lang


def data_notices(loaded: LoadedMeasures, lang: Lang) -> None:
    """Tell the user plainly when the data file has problems; never hide them."""
    report = loaded.report
    if not loaded.readable:
        st.error(t("data_unreadable", lang, message=report.errors[0].message(lang)))
    elif report.errors:
        st.warning(t("data_problems", lang, path=report.path, n=len(report.errors)))
