"""The map panel: a fragment, so that a click or a change of view reruns only the map.

The map opens at a *frame* (centre, zoom) that stays the same while the map is on screen:
streamlit-folium reloads the whole map when its base changes, and moves it (which reports
the view back and reruns once more) when it is given a centre. The frame is renewed only
when the page is entered, the language changes or other places are chosen. What the user
then does to the view comes back through the component value (``static/safetymap/measures.js``
reports it, only after the user's own moves) and goes into the URL. So does the month the
play control is paused at (``as_of``), through the sidebar's own state, rerunning the page.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from safetymap.contract.i18n import t
from safetymap.present import mapping, slides
from safetymap.selection.filters import MeasureFilter
from safetymap.ui import cache, chrome, sidebar
from safetymap.ui.context import VISIT_KEY, PageContext

FRAME_KEY = "_map_frame"
PICK_KEY = "_map_pick"
PLAY_KEY = "_map_play"
MAP_HEIGHT = 680  # px: over 60 % of a 1080-px window, whole below Karta's title
# streamlit-folium renders the map (``Map.render``) whatever ``render`` says; ``True`` first
# renders the whole page figure as well, which sends the same arguments (compared once, with
# every id aside) for a third more of its time on every run.
RENDER_FIGURE = False

View = tuple[tuple[float, float], int]


def _frame(ctx: PageContext) -> View:
    """Where the map opens: the link's view, else one framing the chosen places."""
    token = (ctx.view.filter.places, ctx.view.lang, st.session_state.get(VISIT_KEY))
    stored = st.session_state.get(FRAME_KEY)
    if stored is None or stored[0] != token:
        center, zoom = mapping.view_for(ctx.places, ctx.view.filter.places)
        stored = (token, (ctx.view.center or center, ctx.view.zoom or zoom))
        st.session_state[FRAME_KEY] = stored
    return stored[1]


def _follow(ctx: PageContext, reported: dict) -> None:
    """Put the view the user panned or zoomed to (reported by ``measures.js``) into the URL."""
    if view := reported.get("view"):
        centre = (round(view["lat"], 5), round(view["lng"], 5))
        sidebar.remember_view(ctx.view, centre, int(view["zoom"]))


@st.fragment
def panel(ctx: PageContext) -> None:
    """The map of the filtered measures, its caption, and the measure a click selects."""
    lang = ctx.view.lang
    reported = st_folium(
        mapping.base_map(
            ctx.places,
            cache.context(str(ctx.settings.context_path)),
            lang,
            ctx.settings.tiles,
            _frame(ctx),
        ),
        height=MAP_HEIGHT,
        use_container_width=True,
        # Clicks only (ignored: measures.js reports picks and views itself); streamlit-folium
        # would report a view right after the first draw.
        returned_objects=["last_object_clicked"],
        key="map",
        # Only these layers change with the filter: streamlit-folium swaps them in place.
        feature_group_to_add=mapping.measure_layers(
            cache.layer_data(
                ctx.data_key,
                ctx.view.filter,
                lang,
                ctx.shown,
                ctx.places,
                play=(ctx.loaded.measures, ctx.recorded),
            ),
            mapping.selected_row(ctx.shown, ctx.view.measure),
        ),
        layer_control=mapping.layer_control(),
        render=RENDER_FIGURE,
    )
    st.caption(t("map_caption", lang))
    reported = reported or {}
    _follow(ctx, reported)
    if (day := _played(reported.get("as_of"))) is not None and day != ctx.view.filter.as_of:
        sidebar.remember_as_of(ctx.view, day)
        st.rerun()
    if measure_id := _picked(ctx, reported.get("pick")):
        chrome.select_measure(measure_id)


def _played(report: object) -> date | None:
    """The day a new pause of the play control (or a move of its slider) names: taken once,
    by its time, like a pick; None when there is none or it is not a day up to today."""
    if not isinstance(report, dict) or report.get("at") == st.session_state.get(PLAY_KEY):
        return None
    st.session_state[PLAY_KEY] = report.get("at")
    try:
        day = date.fromisoformat(str(report.get("day")))
    except ValueError:
        return None
    return day if day <= date.today() else None


def _picked(ctx: PageContext, pick: object) -> str | None:
    """The measure a new pick on the map names (a symbol, a badge's list, a frame's cell).
    The map's value comes back on every run until its next report: a pick is taken once,
    by its time, so that it never undoes a selection made elsewhere since."""
    if not isinstance(pick, dict) or pick.get("at") == st.session_state.get(PICK_KEY):
        return None
    st.session_state[PICK_KEY] = pick.get("at")
    return mapping.picked_measure(ctx.shown, pick)


@st.fragment
def preview(
    ctx: PageContext,
    measures: gpd.GeoDataFrame,
    key: str,
    framing: tuple[str, ...] = (),
    height: int = MAP_HEIGHT,
    fill: bool = False,
    play: MeasureFilter | None = None,
) -> None:
    """A map of ``measures`` framing the places ``framing`` (default: all), with the same
    layers and no selection: an upload not yet published, or a briefing's place. A fragment:
    the value streamlit-folium reports once the map has drawn reruns only the map, not the
    page around it (the upload's report and diff, or a sign-in being sent). ``fill``: the map
    is as high as its iframe, whose height the page's style may set (the presentation).
    ``play``: the filter ``measures`` are the rows of, which the map's play control steps
    through month by month (a pause writes its day into the URL as ``as_of``)."""
    lang = ctx.view.lang
    fmap = mapping.base_map(
        ctx.places,
        cache.context(str(ctx.settings.context_path)),
        lang,
        ctx.settings.tiles,
        mapping.view_for(ctx.places, framing),
    )
    if fill:
        slides.FillFrame().add_to(fmap)
    if play is None:
        layers = mapping.layer_data(measures, ctx.places, lang)
    else:
        data = (ctx.loaded.measures, ctx.recorded)
        layers = cache.layer_data(ctx.data_key, play, lang, measures, ctx.places, play=data)
    reported = st_folium(
        fmap,
        height=height,
        use_container_width=True,
        returned_objects=[],
        key=key,
        feature_group_to_add=mapping.measure_layers(layers),
        layer_control=mapping.layer_control(),
        render=RENDER_FIGURE,
    )
    if play is not None and isinstance(reported, dict):
        day = _played(reported.get("as_of"))
        if day is not None and day != ctx.view.filter.as_of:
            sidebar.remember_as_of(ctx.view, day)
            st.rerun()
