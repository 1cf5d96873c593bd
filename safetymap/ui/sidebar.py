"""The shared sidebar: language and every filter, kept in the URL so a view can be shared.

On each run the URL is read and validated (``urlstate.parse_query``); it seeds the widgets the
first time a session sees it, the widgets then decide, and the URL is rewritten from them.
Bad parameters are dropped with a visible notice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.contract.problems import LANGS, Lang
from safetymap.contract.vocab import TYPE_GROUPS, actor_groups, kinds, measure_types, statuses
from safetymap.intake.places import Places
from safetymap.selection.filters import FilterOptions, MeasureFilter
from safetymap.selection.since import Published
from safetymap.selection.urlstate import (
    FOLLOWUP_KEYS,
    Known,
    Notice,
    ViewState,
    parse_query,
    to_query,
)

LANG_NAMES = {"sv": "Svenska", "en": "English"}
_SEEDED = "_url_seeded"
_YEARS_SPAN = "_years_span"  # (first, last) year the slider was last drawn with
MEASURE_KEY = "f_measure"  # the selected measure: not a widget, kept beside the widgets
VIEW_KEY = "f_view"  # (places, centre, zoom): the map writes its view into the URL itself
VIEW_PARAMS = ("lat", "lon", "zoom")
# The filter widgets' keys. Streamlit forgets a widget's value after a run that does not draw
# it (an outage of the store draws no filters): ``hold`` keeps them until the next view.
FILTER_KEYS = ("f_place", "f_actor", "f_years", "f_type", "f_status", "f_kind", "f_q", "f_as_of")
_HELD = "_filters_held"


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _without_view(params: dict[str, list[str]]) -> dict[str, list[str]]:
    """The parameters the filters are seeded from: not the map's view, nor Uppföljning's
    own choices (that page writes them and seeds its own widgets)."""
    return {
        key: values
        for key, values in params.items()
        if key not in VIEW_PARAMS and key not in FOLLOWUP_KEYS
    }


def _seed(state: ViewState, options: FilterOptions) -> None:
    """Put the URL's state into the widgets' session keys, once per distinct URL.

    The map writes its view into the URL by itself, so a URL that differs only in the view
    updates the view and leaves the widgets (which may just have changed) alone.
    """
    params = _without_view(to_query(state))
    seeded = st.session_state.get(_SEEDED)
    if state.center is not None:
        framed = st.session_state.get(VIEW_KEY, ((), None, None))[0]
        st.session_state[VIEW_KEY] = (framed, state.center, state.zoom)
    # Moving between pages clears the URL: the widgets keep the view and rewrite it.
    if seeded == params or (seeded is not None and not params):
        return
    flt = state.filter
    low, high = options.years
    st.session_state.update(
        {
            "f_lang": state.lang,
            "f_place": list(flt.places),
            "f_actor": [a for a in flt.actors if a in {n for _, n in options.actors}],
            "f_type": list(flt.types),
            "f_status": list(flt.statuses),
            "f_kind": list(flt.kinds),
            "f_years": (max(flt.year_from or low, low), min(flt.year_to or high, high)),
            "f_q": flt.query,
            "f_as_of": flt.as_of,
            MEASURE_KEY: state.measure,
            VIEW_KEY: (flt.places, state.center, state.zoom),
        }
    )
    st.session_state[_SEEDED] = params


def hold() -> None:
    """Keep the filters' values through a run that draws no filters (``FILTER_KEYS``)."""
    held = st.session_state.get(_HELD, {})
    st.session_state[_HELD] = held | {
        key: st.session_state[key] for key in FILTER_KEYS if key in st.session_state
    }


def language() -> Lang:
    """The language choice at the top of the sidebar (the URL's ``lang`` on arrival)."""
    if "f_lang" not in st.session_state and st.query_params.get("lang") in LANGS:
        st.session_state["f_lang"] = st.query_params["lang"]
    return st.sidebar.radio(
        "Språk / Language", LANGS, key="f_lang", horizontal=True, format_func=LANG_NAMES.__getitem__
    )


def view_state(
    places: Places, options: FilterOptions, published: Sequence[Published] = ()
) -> tuple[ViewState, list[Notice]]:
    """Render the sidebar and return the view it selects, with the notices about the URL
    (shown in the sidebar); the URL follows the choices. ``published``: the versions so far
    (number, day), which a ``since`` is read against."""
    known = Known(
        places,
        actors=[n for _, n in options.actors],
        measure_ids=options.measure_ids,
        years=options.years,
        published=published,
        today=date.today(),
    )
    state, notices = parse_query(_url_params(), known)
    st.session_state.update(st.session_state.pop(_HELD, {}))
    _seed(state, options)
    lang = language()
    flt = _filters(options, places, lang)
    framed, center, zoom = st.session_state.get(VIEW_KEY, ((), None, None))
    if flt.places != framed:  # a new choice of place: frame it, forget the view
        center, zoom = None, None
    st.session_state[VIEW_KEY] = (flt.places, center, zoom)
    chosen = replace(
        state,
        filter=flt,
        lang=lang,
        measure=st.session_state.get(MEASURE_KEY),
        center=center,
        zoom=zoom,
    )
    for notice in notices:
        st.sidebar.warning(notice.message(lang), icon=":material/link_off:")
    params = to_query(chosen)
    if params != _url_params():
        st.query_params.from_dict(params)
    st.session_state[_SEEDED] = _without_view(params)
    return chosen, notices


def remember_view(view: ViewState, center: tuple[float, float], zoom: int) -> None:
    """The map's current view (reported by the map): kept in the session, and the URL
    written whole from the session's state (``view`` with this view and the selected
    measure). The URL a rerun starts from is the browser's, which may not yet hold what a
    run just before put there: a click that selects a measure and pans the map to open its
    popup reports both at once."""
    framed = st.session_state.get(VIEW_KEY, ((), None, None))[0]
    if st.session_state.get(VIEW_KEY) == (framed, center, zoom):
        return
    st.session_state[VIEW_KEY] = (framed, center, zoom)
    now = replace(view, center=center, zoom=zoom, measure=st.session_state.get(MEASURE_KEY))
    st.query_params.from_dict(to_query(now))


def remember_as_of(view: ViewState, day: date) -> None:
    """The day the map's play control was paused at: into the URL as ``as_of`` (with the
    rest of the view as the session has it), which seeds the sidebar's date on the rerun
    that follows."""
    _, center, zoom = st.session_state.get(VIEW_KEY, ((), None, None))
    now = replace(
        view,
        filter=replace(view.filter, as_of=day),
        center=center,
        zoom=zoom,
        measure=st.session_state.get(MEASURE_KEY),
    )
    st.query_params.from_dict(to_query(now))


def _fit_years(low: int, top: int) -> None:
    """Keep the year slider's value within the data's years when they change (a new version
    may span fewer or more years): every year stays every year, and a chosen range is kept
    within the new years instead of being dropped."""
    drawn = st.session_state.get(_YEARS_SPAN)
    st.session_state[_YEARS_SPAN] = (low, top)
    kept = st.session_state.get("f_years")
    if kept is None or drawn == (low, top):
        return
    if kept == drawn:
        st.session_state["f_years"] = (low, top)
    else:
        start, end = (min(max(year, low), top) for year in kept)
        st.session_state["f_years"] = (start, end)


def _filters(options: FilterOptions, places: Places, lang: Lang) -> MeasureFilter:
    bar = st.sidebar
    bar.header(t("filters", lang))
    place_ids = places.ids()
    chosen_places = bar.multiselect(
        t("place_col", lang),
        place_ids,
        key="f_place",
        placeholder=t("all", lang),
        select_all=False,
        format_func=lambda p: (
            places.by_id[p].name if places.by_id[p].parent is None else f"↳ {places.by_id[p].name}"
        ),
    )
    group_of = dict((n, g) for g, n in options.actors)
    chosen_actors = bar.multiselect(
        t("actors", lang),
        [n for _, n in options.actors],
        key="f_actor",
        placeholder=t("all", lang),
        select_all=False,
        format_func=lambda n: (
            f"{actor_groups().label(group_of[n], lang)} · {n}" if group_of[n] else n
        ),
    )
    low, high = options.years
    top = max(high, low + 1)
    _fit_years(low, top)
    years = bar.slider(t("years", lang), low, top, key="f_years")
    type_ids = measure_types().ids()
    chosen_types = bar.multiselect(
        t("type", lang),
        type_ids,
        key="f_type",
        placeholder=t("all", lang),
        select_all=False,
        format_func=lambda m: (
            f"{TYPE_GROUPS[measure_types().terms[m].group][lang == 'en']}"
            f" · {measure_types().label(m, lang)}"
        ),
    )
    chosen_status = bar.multiselect(
        t("status", lang),
        statuses().ids(),
        key="f_status",
        placeholder=t("all", lang),
        select_all=False,
        format_func=lambda s: statuses().label(s, lang),
    )
    chosen_kinds = bar.multiselect(
        t("kind", lang),
        kinds().ids(),
        key="f_kind",
        placeholder=t("all", lang),
        select_all=False,
        format_func=lambda k: kinds().label(k, lang),
    )
    query = bar.text_input(t("search", lang), key="f_q", max_chars=200)
    as_of = bar.date_input(
        t("as_of", lang), key="f_as_of", format="YYYY-MM-DD", help=t("as_of_help", lang)
    )
    return MeasureFilter(
        places=tuple(chosen_places),
        actors=tuple(chosen_actors),
        types=tuple(chosen_types),
        statuses=tuple(chosen_status),
        kinds=tuple(chosen_kinds),
        year_from=years[0] if years[0] > low else None,
        year_to=years[1] if years[1] < high else None,
        as_of=as_of,
        query=query.strip(),
    )
