"""The parts of the briefing page: stepping between places, large figures, actors, footer,
and the briefing pack and offline copy to take away."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.intake.places import Places
from safetymap.present import pack, standalone
from safetymap.present.htmltable import html_table
from safetymap.selection import briefing
from safetymap.selection.briefing import BriefingData, Headline
from safetymap.ui import cache
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


def _go(places: Places, current: str, delta: int) -> None:
    """Button callback: show the next or previous place (the place filter, so the URL too)."""
    st.session_state["f_place"] = [briefing.step(places, current, delta)]


def stepper(places: Places, current: str, lang: Lang) -> None:
    """The place's name and position, then previous / next (← and → work as they do)."""
    order = places.top_level()
    st.title(places.by_id[current].name)
    st.caption(t("briefing_position", lang, i=order.index(current) + 1, n=len(order)))
    back, forward = st.columns(2)
    back.button(
        t("briefing_previous", lang),
        icon=":material/arrow_back:",
        on_click=_go,
        args=(places, current, -1),
        shortcut="Left",
        width="stretch",
    )
    forward.button(
        t("briefing_next", lang),
        icon=":material/arrow_forward:",
        icon_position="right",
        on_click=_go,
        args=(places, current, 1),
        shortcut="Right",
        width="stretch",
    )


def figures(headline: Headline, lang: Lang) -> None:
    """Headline figures in two rows, wide enough for their labels on a 1024 px screen."""
    rows = (
        (
            ("briefing_completed", headline.completed),
            ("briefing_ongoing", headline.ongoing),
            ("briefing_planned", headline.planned),
        ),
        (
            ("briefing_conditions", headline.active_conditions),
            ("briefing_actors", headline.actors),
            None,
        ),
    )
    for row in rows:
        for column, figure in zip(st.columns(3), row):
            if figure is not None:
                column.metric(t(figure[0], lang), figure[1])


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
    )


def downloads(ctx: PageContext) -> None:
    """The briefing pack (PDF) and the offline map and timelines (HTML), made on click."""
    data = pack_data(ctx)
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
