"""Jämför platser: the four places side by side, with the same filters and scales."""

from datetime import date

import streamlit as st

from safetymap.contract.i18n import t
from safetymap.present import charts
from safetymap.present.htmltable import html_table
from safetymap.selection import compare
from safetymap.ui import chrome, context

ctx = context.current()
lang, places, shown = ctx.view.lang, ctx.places, ctx.shown
today, flt = date.today(), ctx.view.filter

st.title(t("compare_page", lang))
chrome.filter_summary(ctx)
st.caption(t("compare_intro", lang))

st.subheader(t("compare_years", lang))
counts = compare.status_by_year(shown, places, None, today, ctx.recorded)
first = int(counts["year"].min()) if not counts.empty else today.year
years = range(max(first, flt.year_from or first), min(today.year, flt.year_to or today.year) + 1)
counts = counts[counts["year"].isin(years)]
top = int(counts.groupby(["place", "year"])["count"].sum().max()) if not counts.empty else 1
order = places.top_level()
for pair in (order[:2], order[2:]):
    for column, place_id in zip(st.columns(2), pair):
        with column:
            name = places.by_id[place_id].name
            st.markdown(f"**{name}**")
            here = counts[counts["place"] == place_id]
            if here.empty:
                st.caption(t("compare_nothing", lang))
            else:
                st.altair_chart(
                    charts.status_years_chart(here, years, top, lang),
                    width="stretch",
                    key=f"compare-{place_id}",
                    alt=t("compare_alt", lang, place=name),
                )
                with st.expander(t("compare_table", lang)):
                    st.html(
                        html_table(
                            compare.status_year_table(here, years, lang),
                            t("compare_table_caption", lang, place=name),
                        )
                    )

st.subheader(t("compare_types", lang))
st.table(compare.type_table(shown, places, lang), border="horizontal")
