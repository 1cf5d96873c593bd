"""Shared page chrome: the data file's state and what the filter shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import geopandas as gpd
import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.loaders import LoadedMeasures
from safetymap.intake.places import Places
from safetymap.present import bars, export, stats
from safetymap.present.htmltable import html_table
from safetymap.present.mapping import STATUS_COLOURS
from safetymap.selection import briefing
from safetymap.selection.urlstate import api_items_path
from safetymap.ui import sidebar

if TYPE_CHECKING:
    from safetymap.ui.context import PageContext


def data_notices(loaded: LoadedMeasures, lang: Lang) -> None:
    """Tell the user plainly when the data file has problems; never hide them."""
    report = loaded.report
    if not loaded.readable:
        message = escape_markdown(report.errors[0].message(lang))
        st.error(t("data_unreadable", lang, message=message))
    elif report.errors:
        path = escape_markdown(report.path)
        st.warning(t("data_problems", lang, path=path, n=len(report.errors)))


def filter_summary(ctx: PageContext, count: bool = True) -> None:
    """The number shown (unless the page shows it itself), the filter in words, and a plain
    message when nothing matches."""
    lang, flt, shown = ctx.view.lang, ctx.view.filter, ctx.shown
    data_notices(ctx.loaded, lang)
    if count:
        st.metric(t("rows_metric", lang), len(shown))
    st.caption(escape_markdown(flt.describe(len(shown), ctx.places, lang)))
    if undated := flt.undated_left_out(ctx.loaded.measures):
        st.caption(t("undated_left_out", lang, n=undated))
    if shown.empty and not ctx.loaded.measures.empty:
        st.warning(t("nothing_matches", lang))


def _data_day(ctx: PageContext) -> str | None:
    return briefing.data_day(ctx.version, ctx.settings.measures_path)


def data_line(ctx: PageContext) -> str:
    """Which version (or, before the first, which file) the page shows, as Markdown text."""
    return briefing.data_label(
        ctx.version, ctx.settings.measures_path, ctx.view.lang, escape_markdown
    )


def data_source(ctx: PageContext) -> None:
    st.caption(data_line(ctx))


def data_date(ctx: PageContext) -> None:
    """When the data was last changed, and any problem it has."""
    if changed := _data_day(ctx):
        st.caption(t("data_date", ctx.view.lang, date=changed))
    data_notices(ctx.loaded, ctx.view.lang)


def select_measure(measure_id: str) -> None:
    """Make ``measure_id`` the selected measure on every page (and in the URL, even when this
    run started from a browser URL that does not hold it yet)."""
    if st.query_params.get("measure") != measure_id:
        st.query_params["measure"] = measure_id
    if st.session_state.get(sidebar.MEASURE_KEY) != measure_id:
        st.session_state[sidebar.MEASURE_KEY] = measure_id
        st.rerun()


def selected_measure(ctx: PageContext) -> None:
    """The selected measure's facts and source, as text (never as markup)."""
    rows = ctx.loaded.measures[ctx.loaded.measures["id"] == ctx.view.measure]
    if rows.empty:
        return
    heading = t("selected_heading", ctx.view.lang)
    st.subheader(heading)
    st.html(html_table(stats.measure_details(rows.iloc[0], ctx.view.lang), heading, header=False))


def overview_figures(ctx: PageContext) -> None:
    """Counts by status, place and type, the number of actors and the data date."""
    lang, shown = ctx.view.lang, ctx.shown
    total, actors, changed = st.columns(3)
    total.metric(t("rows_metric", lang), len(shown))
    actors.metric(t("actors_metric", lang), stats.actor_count(shown))
    if day := _data_day(ctx):
        changed.metric(t("data_date_metric", lang), day)
    status_ids = statuses().ids()
    counts = (
        (
            "by_status",
            stats.count_by(shown, "status", status_ids, lambda s: statuses().label(s, lang)),
            STATUS_COLOURS,
        ),
        ("by_place", stats.count_by_place(shown, ctx.places), None),
        (
            "by_type",
            stats.count_by(
                shown,
                "measure_type",
                measure_types().ids(),
                lambda m: measure_types().label(m, lang),
            ),
            None,
        ),
    )
    st.html(
        bars.count_panels(
            [
                (t(title, lang), found[found["count"] > 0], colours)
                for title, found, colours in counts
            ]
        )
    )


CSV_MIME = "text/csv"
# (label, format, file name after the stem, MIME type)
DOWNLOADS: tuple[tuple[str, export.ExportFormat, str, str], ...] = (
    ("download_excel_csv", "excel-csv", "-excel.csv", CSV_MIME),
    ("download_csv", "csv", ".csv", CSV_MIME),
    ("download_geojson", "geojson", ".geojson", "application/geo+json"),
    ("download_gpkg", "gpkg", ".gpkg", "application/geopackage+sqlite3"),
    (
        "download_xlsx",
        "xlsx",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
)


def download_buttons(
    measures: Callable[[], gpd.GeoDataFrame],
    places: Places,
    lang: Lang,
    stem: str,
    disabled: bool = False,
) -> None:
    """CSV for Swedish Excel, CSV in the contract's columns, GeoJSON, GeoPackage and Excel
    downloads of ``measures()``, built only when clicked."""
    # One row that wraps where the page is narrow: every label stays whole.
    row = st.container(horizontal=True)
    for label, fmt, suffix, mime in DOWNLOADS:
        row.download_button(
            t(label, lang),
            lambda fmt=fmt: export.measures_file(measures(), places, fmt),
            f"{stem}{suffix}",
            mime,
            on_click="ignore",
            icon=":material/download:",
            disabled=disabled,
            key=f"{stem}-{fmt}",
        )


def template_button(lang: Lang) -> None:
    """The template to start a new measures file from (Swedish headers, one example row)."""
    st.download_button(
        t("download_template", lang),
        export.template_csv,
        "trygghetskartan-mall.csv",
        CSV_MIME,
        on_click="ignore",
        icon=":material/note_add:",
        help=t("download_template_help", lang),
        key="template-csv",
    )


def api_link(ctx: PageContext) -> None:
    """Where the same selection is in the API (its items, the version in force as the link
    is opened), and the address a GIS adds it by; before the first version, that the API
    serves published versions only."""
    lang = ctx.view.lang
    st.subheader(t("api_heading", lang))
    if ctx.version is None:
        st.caption(t("api_unpublished", lang))
        return
    origin = _origin(st.context.url)
    st.markdown(t("api_link", lang, url=origin + api_items_path(ctx.view.filter, lang)))
    st.caption(t("api_qgis", lang))
    st.code(f"{origin}/api/", language=None)


def _origin(url: str | None) -> str:
    """``scheme://host:port`` of the page's URL in the browser ("" when unknown: links are
    then relative to the page's host)."""
    if not url:
        return ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
