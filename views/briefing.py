"""Lägesbild: one place at a time, in large type, for briefings on a projector or a tablet;
with ``present=1`` the same place as a presentation, one screen with no sidebar."""

import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.selection import briefing
from safetymap.ui import briefing as ui
from safetymap.ui import chrome, context, mapview, timelines

ctx = context.current()
lang = ctx.view.lang
data = ui.pack_data(ctx)
slide = briefing.place_briefing(data, ui.current_place(ctx))

if ctx.view.present:
    ui.presentation(ctx, data, slide)
else:
    ui.large_type()
    ui.stepper(ctx, slide)
    chrome.data_notices(ctx.loaded, lang)
    ui.url_notices(ctx)
    if data.filter_text:
        st.caption(escape_markdown(data.filter_text))
    st.caption(t("briefing_keys", lang))
    ui.changes(slide, lang)
    if slide.rows.empty:
        st.info(t("briefing_empty", lang, place=escape_markdown(slide.name)))
    else:
        ui.figures(slide.figures)
        st.subheader(t("briefing_map", lang))
        framing = (slide.place_id,)
        mapview.preview(ctx, slide.rows, key="briefing-map", framing=framing, height=520)
        if slide.outcome is None:
            ui.measure_lists(slide, lang)
        else:
            named, followed = st.columns([3, 2], gap="large")
            with named:
                ui.measure_lists(slide, lang)
            with followed:
                ui.outcome(ctx, slide)
        st.subheader(t("briefing_timeline", lang))
        drawn = timelines.periods(ctx, data.shown)
        shown = timelines.place_chart(
            ctx, drawn, slide.place_id, None, slide.indicators, shown=data.shown
        )
        if not shown:
            st.caption(t("briefing_no_timeline", lang, place=escape_markdown(slide.name)))
        ui.outcomes(briefing.outcomes(slide.indicators, lang), slide.name, lang)
        ui.actors(slide.actors, lang)
        chrome.selected_measure(ctx)
    ui.footer(chrome.data_line(ctx), slide.sources, lang)
    ui.downloads(data)
