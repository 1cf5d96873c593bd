"""Trygghetskartan's dashboard: the script every session runs (``app.py`` serves it). Page
config, the shared sidebar and navigation."""

import streamlit as st

from safetymap.config import get_settings
from safetymap.contract.i18n import t
from safetymap.present.offline import use_local_assets
from safetymap.ui import context, outage, sidebar
from safetymap.ui.widgetwords import widget_words
from safetymap.versions.store import StoreUnavailable

st.set_page_config(page_title="Trygghetskartan", layout="wide")
use_local_assets()
# As the link gave them: the sidebar rewrites the URL to what it could use.
linked = {key: st.query_params.get_all(key) for key in st.query_params}
try:
    built: context.PageContext | StoreUnavailable = context.build()
    lang = built.view.lang
except StoreUnavailable as error:  # the pages and the language stay; the data waits
    built, lang = error, sidebar.language()
# Last in the sidebar, where the room Streamlit gives an element holding only a script is
# not seen.
st.sidebar.html(widget_words(lang), unsafe_allow_javascript=True)
map_page = st.Page("views/overview.py", title=t("map_page", lang), url_path="start", default=True)


def karta() -> None:
    """``/karta`` (named like the other pages' paths) opens the map, served at ``/``, with
    the link's query parameters (so that the map's run notes what it cannot use)."""
    st.switch_page(map_page, query_params=linked)


page = st.navigation(
    [
        map_page,
        st.Page(karta, title=t("map_page", lang), url_path="karta", visibility="hidden"),
        st.Page("views/timeline.py", title=t("timeline_page", lang), url_path="tidslinje"),
        st.Page("views/briefing.py", title=t("briefing_page", lang), url_path="lagesbild"),
        st.Page("views/followup.py", title=t("followup_page", lang), url_path="uppfoljning"),
        st.Page("views/compare.py", title=t("compare_page", lang), url_path="jamfor"),
        st.Page("views/data.py", title=t("data_page", lang), url_path="data"),
        st.Page("views/about.py", title=t("about_page", lang), url_path="om-datan"),
        st.Page("views/upload.py", title=t("upload_page", lang), url_path="ladda-upp"),
        st.Page("views/edit.py", title=t("edit_page", lang), url_path="redigera"),
        st.Page("views/history.py", title=t("history_page", lang), url_path="historik"),
    ]
)
context.enter(page.url_path)
if isinstance(built, StoreUnavailable):
    outage.panel(built, get_settings().store_url, lang)
else:
    try:
        page.run()
    except StoreUnavailable as error:  # the store went away while the page read it
        outage.panel(error, get_settings().store_url, lang)
