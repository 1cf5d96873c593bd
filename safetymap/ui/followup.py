"""The parts of the Uppföljning page: its choices (kept in the URL), the chart of the
outcome series with the place's measures, and before and after against a comparison.

The choices are widgets seeded from the link (``urlstate.FOLLOWUP_KEYS``, read by
``followup.read_choice`` with notices) when the link brings new ones, and from the
session's last choice after a visit to another page (Streamlit forgets a widget's value
after a run that does not draw it); then the widgets decide, and the URL is written from
them. The page's place is its own choice, which starts from the place filter's first place
and follows that filter when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.contract.vocab import indicators
from safetymap.intake.areas import Areas
from safetymap.intake.periods import Granularity, parse_period
from safetymap.present import outcomes as present
from safetymap.present.htmltable import html_table
from safetymap.selection import briefing, followup
from safetymap.selection.effect import PER, Effect, Refusal, effect_limits, effect_sentence
from safetymap.selection.followup import Choice, Menu
from safetymap.selection.urlstate import FOLLOWUP_KEYS, Notice
from safetymap.ui import cache, context
from safetymap.ui.context import PageContext

STATE_KEY = "_followup"
NONE = ""  # the "no comparison area" / "none chosen" option of a menu


@dataclass(frozen=True)
class Kept:
    """The page's last choice: the place filter it was made under, the parameters it
    wrote into the URL and the visit to the page it was made on (``context.VISIT_KEY``)."""

    places: tuple[str, ...]
    written: dict[str, str]
    choice: Choice | None
    visit: int


def areas(ctx: PageContext) -> Areas:
    settings = ctx.settings
    return cache.areas(str(settings.places_path), str(settings.areas_path))


def _seed(choice: Choice | None, place: str, missing_only: bool = False) -> None:
    """The widgets' values from ``choice`` (all of them, or those Streamlit forgot)."""
    values: dict[str, Any] = {"fu_place": place}
    if choice is not None:
        values |= {
            "fu_indicator": choice.indicator,
            "fu_area": choice.area,
            "fu_granularity": choice.granularity.value,
            "fu_unit": choice.unit,
            "fu_comparison": choice.comparison or NONE,
            "fu_time": "at" if choice.at is not None else "start",
            "fu_start": choice.start or NONE,
            "fu_at": choice.at.iso() if choice.at is not None else NONE,
            "fu_before": choice.before,
            "fu_after": choice.after,
        }
    for key, value in values.items():
        if not missing_only or key not in st.session_state:
            st.session_state[key] = value


def _keep(key: str, options: list, default: Any) -> None:
    """A widget's value stays one of its ``options`` (they change with the choices above)."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def start(ctx: PageContext, table: pd.DataFrame, found: Areas) -> list[Notice]:
    """Seed the widgets for this run: from the link when it brings new choices, from the
    place filter when that changed, else (after another page) from the last choice.
    Returns the link's notices."""
    raw = dict(ctx.view.followup)
    kept: Kept | None = st.session_state.get(STATE_KEY)
    lang, chosen = ctx.view.lang, ctx.view.filter.places
    default = followup.default_place(ctx.places, chosen)
    if kept is None or (raw and raw != kept.written):
        place, notices = followup.read_place(raw, ctx.places, default)
        menu = followup.menu_for(table, found, ctx.shown, place)
        choice, more = followup.read_choice(raw, menu, found, lang)
        _seed(choice, place)
        return notices + more
    if kept.places != chosen:
        menu = followup.menu_for(table, found, ctx.shown, default)
        _seed(followup.with_place(kept.choice, menu, found), default)
        return []
    # Back from another page, Streamlit has forgotten the widgets (or keeps a stale value
    # of one): all of them start from the last choice.
    place = kept.choice.place if kept.choice else kept.written.get("follow", default)
    _seed(kept.choice, place, missing_only=kept.visit == _visit())
    return []


def _visit() -> int:
    return st.session_state.get(context.VISIT_KEY, 0)


def place_label(ctx: PageContext, place_id: str) -> str:
    place = ctx.places.by_id[place_id]
    return place.name if place.parent is None else f"↳ {place.name}"


def choose_series(
    ctx: PageContext, table: pd.DataFrame, found: Areas
) -> tuple[Menu, Choice | None]:
    """The place, the outcome, its area, length of period and unit, and the comparison
    area; the choice's time and windows are still the seeded ones (``choose_time``)."""
    lang = ctx.view.lang
    vocabulary = indicators()

    def area_name(area_id: str) -> str:
        return found.by_id[area_id].label(lang) if area_id else t("followup_no_comparison", lang)

    top = st.columns([1, 1.6, 1.3])
    second = st.columns([1, 1.6, 1.3])
    _keep("fu_place", ctx.places.ids(), followup.default_place(ctx.places, ()))
    place = top[0].selectbox(
        t("place_col", lang),
        ctx.places.ids(),
        key="fu_place",
        format_func=lambda p: place_label(ctx, p),
    )
    menu = followup.menu_for(table, found, ctx.shown, place)
    first = followup.default_choice(menu, found)
    if first is None:
        return menu, None
    offered = menu.indicators()
    _keep("fu_indicator", offered, first.indicator)
    indicator = top[1].selectbox(
        t("followup_indicator", lang),
        offered,
        key="fu_indicator",
        format_func=lambda i: vocabulary.label(i, lang),
    )
    offered = menu.areas(indicator)
    _keep("fu_area", offered, offered[0])
    area = top[2].selectbox(t("area_col", lang), offered, key="fu_area", format_func=area_name)
    lengths = [g.value for g in menu.granularities(area, indicator)]
    _keep("fu_granularity", lengths, lengths[0])
    granularity = Granularity(
        second[1].radio(
            t("granularity_col", lang),
            lengths,
            key="fu_granularity",
            horizontal=True,
            format_func=lambda g: PER[Granularity(g)].say(lang),
        )
    )
    units = menu.units(area, indicator, granularity)
    _keep("fu_unit", units, "count")
    unit = second[2].radio(
        t("followup_unit", lang),
        units,
        key="fu_unit",
        horizontal=True,
        format_func=lambda u: t(f"followup_unit_{u}", lang),
    )
    compared = [NONE, *menu.comparisons(area, indicator, granularity)]
    _keep("fu_comparison", compared, NONE)
    comparison = second[0].selectbox(
        t("followup_comparison", lang), compared, key="fu_comparison", format_func=area_name
    )
    return menu, Choice(
        place=place,
        indicator=indicator,
        area=area,
        granularity=granularity,
        unit=unit,
        comparison=comparison or None,
    )


def choose_time(ctx: PageContext, menu: Menu, choice: Choice) -> Choice:
    """A measure's start or a period, and how many periods before and after."""
    lang = ctx.view.lang
    columns = st.columns([1.2, 2.4, 1, 1])
    _keep("fu_time", list(followup.TIMES), "start")
    time = columns[0].radio(
        t("followup_time", lang),
        list(followup.TIMES),
        key="fu_time",
        format_func=lambda k: t(f"followup_time_{k}", lang),
    )
    start = at = None
    if time == "start":
        offered = [NONE, *(s.id for s in menu.starts)]
        _keep("fu_start", offered, NONE)
        labels = {s.id: f"{s.title} ({s.date.label(lang)})" for s in menu.starts}
        labels[NONE] = t("followup_choose_measure", lang)
        start = columns[1].selectbox(
            t("followup_measure", lang), offered, key="fu_start", format_func=labels.__getitem__
        )
        if not menu.starts:
            place = ctx.places.by_id[choice.place].name
            columns[1].caption(t("followup_no_starts", lang, place=escape_markdown(place)))
    else:
        periods = menu.periods(choice.area, choice.indicator, choice.granularity)
        offered = [NONE, *(p.iso() for p in periods)]
        _keep("fu_at", offered, NONE)
        at = columns[1].selectbox(
            t("period_col", lang),
            offered,
            key="fu_at",
            format_func=lambda p: (
                parse_period(p).label(lang) if p else t("followup_choose_period", lang)
            ),
        )
    windows = {}
    for column, key in zip(columns[2:], ("before", "after")):
        _keep(f"fu_{key}", list(range(1, followup.MAX_WINDOW + 1)), followup.WINDOW)
        windows[key] = int(
            column.number_input(
                t(f"followup_{key}", lang),
                min_value=1,
                max_value=followup.MAX_WINDOW,
                step=1,
                key=f"fu_{key}",
            )
        )
    return replace(
        choice,
        start=start or None,
        at=parse_period(at) if at else None,
        before=windows["before"],
        after=windows["after"],
    )


def remember(ctx: PageContext, menu: Menu, choice: Choice | None) -> None:
    """Keep the choice for the next run and write it into the URL (only what differs from
    the page's defaults)."""
    default_place = followup.default_place(ctx.places, ctx.view.filter.places)
    params: dict[str, str] = {}
    if choice is not None:
        params = followup.to_params(choice, menu, default_place)
    elif menu.place != default_place:
        params = {"follow": menu.place}
    st.session_state[STATE_KEY] = Kept(ctx.view.filter.places, params, choice, _visit())
    for key in FOLLOWUP_KEYS:
        if key in params and st.query_params.get(key) != params[key]:
            st.query_params[key] = params[key]
        elif key not in params and key in st.query_params:
            del st.query_params[key]


def lines(menu: Menu, choice: Choice, found: Areas, lang: Lang) -> list[present.Line]:
    """The series the chart draws: the area's, and the comparison's when chosen."""
    shown = [(choice.area, "treatment")]
    if choice.comparison:
        shown.append((choice.comparison, "comparison"))
    series = [
        (s, role)
        for area, role in shown
        if (s := menu.find(area, choice.series_indicator, choice.granularity)) is not None
    ]
    return present.lines_for(series, found, choice.place, lang)


def chart(ctx: PageContext, menu: Menu, choice: Choice, found: Areas) -> None:
    """The outcome series (named in words, with their sources), the place's measures'
    starts and status changes on the same time axis, the windows shaded, and the figures
    as a table."""
    lang = ctx.view.lang
    heading = present.chart_heading(choice.indicator, choice.unit, choice.granularity, lang)
    st.subheader(heading)
    drawn = lines(menu, choice, found, lang)
    st.html(present.series_legend_html(drawn, lang))
    if choice.comparison and len(drawn) < 2:
        missing = t(
            "followup_no_line",
            lang,
            area=found.by_id[choice.comparison].label(lang),
            indicator=indicators().label(choice.indicator, lang),
            per=PER[choice.granularity].say(lang),
        )
        st.caption(escape_markdown(missing))
    rows = briefing.place_rows(ctx.shown, ctx.places, choice.place)
    marks = present.change_marks(rows, ctx.recorded, lang)
    at = followup.chosen_period(choice, menu)
    spans = (
        present.window_data(at, choice.before, choice.after, lang)
        if at is not None and not isinstance(at, Refusal)
        else None
    )
    points = present.series_data(drawn, found, lang)
    y_title = t(f"followup_unit_{choice.unit}", lang)
    names = " och " if lang == "sv" else " and "
    first, last = drawn[0].series.first.label(lang), drawn[0].series.last.label(lang)
    alt_text = t(
        "followup_chart_alt",
        lang,
        indicator=indicators().label(choice.indicator, lang),
        per=PER[choice.granularity].say(lang),
        areas=names.join(found.by_id[line.series.area].label(lang) for line in drawn),
        first=first,
        last=last,
    )
    st.altair_chart(
        present.follow_up_chart(points, marks, spans, y_title, lang),
        width="stretch",
        key="followup-chart",
        alt=alt_text,
    )
    st.html(present.marks_legend_html(marks, spans, lang))
    st.caption(t("followup_chart_note", lang))
    with st.expander(t("followup_table", lang)):
        st.html(html_table(present.series_table(drawn, found, lang), heading))


def result(ctx: PageContext, menu: Menu, choice: Choice, found: Areas) -> None:
    """Before and after against the comparison: both areas' counts and change, RES with
    its interval, the sentence and its limits; a refusal in words; or what is still to
    choose."""
    lang = ctx.view.lang
    outcome = followup.effect_of(choice, menu)
    if outcome is None:
        missing = "followup_needs_comparison" if not choice.comparison else "followup_needs_time"
        st.info(t(missing, lang), icon=":material/info:")
        return
    if isinstance(outcome, Refusal):
        st.warning(escape_markdown(outcome.message(lang, found)), icon=":material/block:")
        return
    _effect(ctx, menu, choice, outcome, found)


def _effect(ctx: PageContext, menu: Menu, choice: Choice, effect: Effect, found: Areas) -> None:
    lang = ctx.view.lang
    chosen = menu.start(choice.start) if choice.start else None
    if chosen is not None:
        said = t(
            "followup_start_period",
            lang,
            title=chosen.title,
            date=chosen.date.label(lang),
            period=effect.at.label(lang),
        )
        st.caption(escape_markdown(said))
    table = present.effect_table(effect, found, lang)
    caption = t("followup_effect_caption", lang)
    st.html(f'<div style="overflow-x:auto">{html_table(table, caption)}</div>')
    res, interval = present.res_text(effect, lang)
    left, right = st.columns(2)
    left.metric(t("followup_res", lang), res, help=t("followup_res_help", lang))
    right.metric(t("followup_ci", lang), interval)
    st.markdown(escape_markdown(effect_sentence(effect, found, lang)))
    st.markdown(f"**{t('followup_limits', lang)}**")
    limits = effect_limits(effect, found, lang, choice.place)
    st.markdown("\n".join(f"- {escape_markdown(limit)}" for limit in limits))
