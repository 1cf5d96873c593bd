"""The parts of the briefing page: stepping between places (the briefing's own place, never
the place filter), large figures, the measures by name, what changed since, actors, footer,
the presentation, and the briefing pack and offline copy to take away."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.intake.places import Places
from safetymap.present import outcomes as outcomes_present
from safetymap.present import pack, slides, standalone
from safetymap.present.htmltable import html_table
from safetymap.selection import briefing, since
from safetymap.selection.briefing import BriefingData, Figure, PlaceBriefing
from safetymap.ui import cache, mapview
from safetymap.ui.context import PageContext

# Projector type: larger text and figures in the main area of this page only.
LARGE_TYPE = """
<style>
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; }
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: 3.4rem; line-height: 1.1; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.2rem; }
[data-testid="stMain"] h1 { font-size: 3.4rem; }
[data-testid="stMain"] h2 { font-size: 2.1rem; }
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th { font-size: 1.1rem; }
</style>
"""


def large_type() -> None:
    st.html(LARGE_TYPE)


PLACE_KEY = "_briefing_place"  # (the place filter it was stepped under, the place shown)


def current_place(ctx: PageContext) -> str:
    """The place the briefing shows: the one stepped to, while the place filter stays what
    it was then; else the first the place filter names (``briefing.briefing_place``).
    Stepping never changes the filter, so the other pages keep theirs."""
    chosen = ctx.view.filter.places
    stored = st.session_state.get(PLACE_KEY)
    if stored is not None and stored[0] == chosen and stored[1] in ctx.places.top_level():
        return stored[1]
    return briefing.briefing_place(ctx.places, chosen)


def _go(places: Places, chosen: tuple[str, ...], current: str, delta: int) -> None:
    """Button callback: show the next or previous place (the briefing's own, not a filter)."""
    st.session_state[PLACE_KEY] = (chosen, briefing.step(places, current, delta))


AS_OF_KEY = "_present_as_of"  # (the filter's as_of when the presentation began,)


def _present(on: bool) -> None:
    """Button callback: into the presentation (``present=1`` in the URL) or out of it.
    Leaving gives the filter back the ``as_of`` it had before the presentation, so a month
    played on the slide's map is never another page's."""
    if on:
        st.query_params["present"] = "1"
        st.session_state[AS_OF_KEY] = (st.session_state.get("f_as_of"),)
        return
    if "present" in st.query_params:
        del st.query_params["present"]
    if (before := st.session_state.pop(AS_OF_KEY, None)) is not None:
        st.session_state["f_as_of"] = before[0]
        if before[0] is None:
            st.query_params.pop("as_of", None)
        else:
            st.query_params["as_of"] = before[0].isoformat()


def _step_buttons(ctx: PageContext, slide: PlaceBriefing, columns: list, keys: bool) -> None:
    """Previous and next place in ``columns``; ``keys``: the page's, with ← and → as
    Streamlit shortcuts (the presentation's own script handles its keys, its labels are
    short)."""
    lang, args = ctx.view.lang, (ctx.places, ctx.view.filter.places, slide.place_id)
    previous, following = (
        ("briefing_previous", "briefing_next") if keys else ("present_previous", "present_next")
    )
    columns[0].button(
        t(previous, lang),
        key="briefing-previous",
        icon=":material/arrow_back:",
        on_click=_go,
        args=(*args, -1),
        shortcut="Left" if keys else None,
        width="stretch",
    )
    columns[1].button(
        t(following, lang),
        key="briefing-next",
        icon=":material/arrow_forward:",
        icon_position="right",
        on_click=_go,
        args=(*args, 1),
        shortcut="Right" if keys else None,
        width="stretch",
    )


def stepper(ctx: PageContext, slide: PlaceBriefing) -> None:
    """The place's name and position, then previous / next (← and → work as they do) and
    the way into the presentation."""
    lang = ctx.view.lang
    st.title(slide.name)
    st.caption(t("briefing_position", lang, i=slide.position, n=slide.count))
    back, forward, present = st.columns([2, 2, 1.3])
    _step_buttons(ctx, slide, [back, forward], keys=True)
    present.button(
        t("present_start", lang),
        key="briefing-present-start",
        icon=":material/slideshow:",
        on_click=_present,
        args=(True,),
        type="primary",
        width="stretch",
    )


# Told by the changes' own heading ("before the data's first version"), not again above it.
TOLD_BY_CHANGES = ("since_before_first", "since_no_version")


def url_notices(ctx: PageContext, keys: tuple[str, ...] = ("since",)) -> None:
    """The URL's notices about ``keys`` (all of them when empty) on the page itself, where
    the briefing needs them (the sidebar shows them too, unless it is hidden)."""
    for notice in ctx.notices:
        if (not keys or notice.key in keys) and notice.code not in TOLD_BY_CHANGES:
            st.warning(notice.message(ctx.view.lang), icon=":material/link_off:")


def _wrap(html: str, page: bool = False) -> str:
    return f'<div class="smp-slide{" smp-page" if page else ""}">{html}</div>'


def changes(slide: PlaceBriefing, lang: Lang) -> None:
    """What changed at the place since the ``since`` of the link, every change listed."""
    if slide.since is not None and slide.changes is not None:
        body = slides.changes_html(slide.changes, slide.since, lang, limit=None)
        st.html(slides.PAGE_STYLE + _wrap(body, page=True))


def figures(shown: tuple[Figure, ...]) -> None:
    """The headline figures (``briefing.figures``), three to a row: wide enough for their
    labels on a 1024 px screen."""
    for start in range(0, len(shown), 3):
        for column, figure in zip(st.columns(3), shown[start : start + 3]):
            column.metric(figure.label, figure.value, help=figure.note or None)


def measure_lists(slide: PlaceBriefing, lang: Lang) -> None:
    """The place's measures by status and its conditions, every one named."""
    st.html(slides.PAGE_STYLE + _wrap(slides.lists_html(slide, lang, limit=None), page=True))


def outcome(ctx: PageContext, slide: PlaceBriefing) -> None:
    """The place's main outcome series beside its measures: a small chart, its latest value
    and change in numbers, its area in words and its source, and the way to follow it up."""
    series, lang = slide.outcome, ctx.view.lang
    if series is None or not series.points:
        return
    st.subheader(f"{t('briefing_outcome', lang)}: {escape_markdown(series.indicator)}")
    first, last = series.points[0][0], series.points[-1][0]
    alt_text = t(
        "briefing_outcome_alt",
        lang,
        indicator=series.indicator,
        area=series.area,
        first=first,
        last=last,
    )
    st.altair_chart(
        outcomes_present.small_chart(series, lang, width="container", height=150),
        width="stretch",
        key="briefing-outcome",
        alt=alt_text,
    )
    st.markdown(f"**{escape_markdown(series.latest(lang))}**")
    source = t("briefing_outcome_source", lang, source=series.source)
    st.caption(escape_markdown(f"{series.area} · {source}"))
    st.page_link(
        "views/followup.py",
        label=t("briefing_follow_up", lang),
        icon=":material/monitoring:",
        query_params={"follow": slide.place_id},
    )


def presentation(ctx: PageContext, data: BriefingData, slide: PlaceBriefing) -> None:
    """One place on one screen: no sidebar, no page header; its name, figures, map and the
    side panel (changes since, measures by status, main outcome); stepped with the buttons,
    ← → PageUp PageDown and space; Esc leaves."""
    lang = ctx.view.lang
    # Entered by a link (not the button): the as_of to give back is the link's.
    st.session_state.setdefault(AS_OF_KEY, (ctx.view.filter.as_of,))
    st.html(slides.APP_STYLE)
    st.html(slides.APP_SCRIPT, unsafe_allow_javascript=True)
    with st.container(key="briefing-present"):
        url_notices(ctx, keys=())
        head = st.columns([6, 1.6, 1.6, 1.5], vertical_alignment="center")
        detail = t("pack_data_date", lang, date=data.data_date)
        head[0].html(_wrap(slides.title_html(slide, lang, detail)))
        _step_buttons(ctx, slide, head[1:3], keys=False)
        head[3].button(
            t("present_leave", lang),
            key="briefing-leave",
            icon=":material/close:",
            on_click=_present,
            args=(False,),
            width="stretch",
            help=t("present_keys", lang),
        )
        st.html(_wrap(slides.figures_html(slide.figures)))
        left, right = st.columns([11, 9], gap="medium")
        with left, st.container(key="briefing-present-map"):
            mapview.preview(
                ctx,
                slide.rows,
                key="briefing-map",
                framing=(slide.place_id,),
                fill=True,
                play=ctx.view.filter.without(places=(slide.place_id,)),
            )
        right.html(_wrap(slides.side_html(slide, lang)))


def outcomes(table: pd.DataFrame, place: str, lang: Lang) -> None:
    """The figures the source documents give about the place, as a table of text."""
    heading = t("briefing_outcomes", lang)
    st.subheader(heading)
    if table.empty:
        st.caption(t("briefing_no_outcomes", lang, place=escape_markdown(place)))
        return
    st.html(html_table(table, heading))


def actors(involved: list[tuple[str, int]], lang: Lang) -> None:
    st.subheader(t("briefing_actor_list", lang))
    half = (len(involved) + 1) // 2
    for column, part in zip(st.columns(2), (involved[:half], involved[half:])):
        column.markdown("\n".join(f"- {escape_markdown(name)} ({n})" for name, n in part))


def footer(data_line: str, sources: list[str], lang: Lang) -> None:
    st.divider()
    st.caption(data_line)
    if sources:
        st.caption(t("briefing_sources", lang, sources=escape_markdown("; ".join(sources))))


def pack_data(ctx: PageContext) -> BriefingData:
    """The four places under the page's filters; the place filter only picks the page's
    place, so the pack and the offline copy leave it out."""
    lang, places = ctx.view.lang, ctx.places
    chosen = ctx.view.filter.without(places=())
    shown = chosen.apply(ctx.loaded.measures, places, ctx.recorded)
    settings = ctx.settings
    return BriefingData(
        measures=ctx.loaded.measures,
        shown=shown,
        places=places,
        context=cache.context(str(settings.context_path)),
        indicators=cache.indicators(settings)[0].table,
        recorded=ctx.recorded,
        data_label=briefing.data_label(ctx.version, settings.measures_path, lang),
        data_date=briefing.data_day(ctx.version, settings.measures_path)
        or date.today().isoformat(),
        filter_text="" if chosen.is_empty() else chosen.describe(len(shown), places, lang),
        as_of=chosen.as_of,
        today=date.today(),
        lang=lang,
        baseline=_baseline(ctx),
        outcomes=cache.briefing_outcomes(settings, lang),
    )


def _baseline(ctx: PageContext) -> since.Baseline | None:
    """What the link's ``since`` compares with: the ids of the version then in force and
    the status changes recorded after it (none before a first version)."""
    asked = ctx.view.since
    if asked is None:
        return None
    if ctx.version is None:
        return since.Baseline(asked, None, ())
    url, number = ctx.settings.store_url, ctx.version.number
    ids = cache.version_ids(url, asked.version) if asked.version else None
    return since.baseline(asked, ids, cache.events(url, number), number)


def downloads(data: BriefingData) -> None:
    """The briefing pack (PDF) and the offline presentation (HTML), made on click."""
    day = data.data_date
    st.subheader(t("pack_heading", data.lang))
    st.caption(t("pack_help", data.lang))
    st.download_button(
        t("pack_download", data.lang),
        data=lambda: pack.briefing_pdf(data),
        file_name=f"lagesbild-{day}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    st.download_button(
        t("offline_download", data.lang),
        data=lambda: standalone.offline_html(data).encode("utf-8"),
        file_name=f"trygghetskartan-{day}.html",
        mime="text/html",
        on_click="ignore",
        icon=":material/map:",
    )
