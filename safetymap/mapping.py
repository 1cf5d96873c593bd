"""GeoDataFrames → folium layers and a Map. No Streamlit here.

Every text that comes from data is HTML-escaped before it reaches a tooltip or popup:
folium's GeoJsonTooltip/GeoJsonPopup insert values with ``innerHTML``.
"""

from __future__ import annotations

import html

import folium
import geopandas as gpd

from safetymap.dates import parse_partial_date
from safetymap.i18n import t
from safetymap.places import Places
from safetymap.problems import Lang
from safetymap.schema import (
    ACTORS,
    END_DATE,
    ID,
    LOCATED,
    MEASURE_TYPE,
    PLACE,
    SOURCE,
    START_DATE,
    STATUS,
    TITLE,
)
from safetymap.vocab import measure_types, statuses

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
STATUS_COLOURS = {
    "planned": "#E69F00",
    "ongoing": "#0072B2",
    "completed": "#009E73",
    "cancelled": "#7F7F7F",
    "active": "#D55E00",
    "lifted": "#7F7F7F",
}
PLACE_COLOUR = "#1F3A5F"
CONTEXT_STYLE = {
    "kommun": ("#6B6B6B", 1.5),
    "regso": ("#B0B0B0", 0.6),
    "wider_place": ("#8C8C8C", 1.0),
}
OVERVIEW_CENTER = (59.475, 17.945)  # midway between Klara (south) and Valsta (north)
OVERVIEW_ZOOM = 10


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def date_span(start: str, end: str, lang: Lang) -> str:
    """'mars 2021 – juni 2021', 'från 2020', … at the precision the dates have."""
    first = parse_partial_date(start).label(lang) if start else ""
    last = parse_partial_date(end).label(lang) if end else ""
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"{'från' if lang == 'sv' else 'from'} {first}"
    if last:
        return f"{'till' if lang == 'sv' else 'until'} {last}"
    return "–"


def measure_popup(row: dict, lang: Lang) -> str:
    """The popup HTML of one measure: every value escaped."""
    fields = [
        (t("type", lang), measure_types().label(row[MEASURE_TYPE], lang)),
        (t("status", lang), statuses().label(row[STATUS], lang)),
        (t("actors", lang), ", ".join(row[ACTORS])),
        (t("dates", lang), date_span(row[START_DATE], row[END_DATE], lang)),
        (t("source", lang), row[SOURCE]),
    ]
    rows = "".join(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>" for k, v in fields)
    return f"<strong>{_esc(row[TITLE])}</strong><table>{rows}</table>"


def context_layer(context: gpd.GeoDataFrame, lang: Lang) -> folium.GeoJson:
    """Kommun and RegSO outlines: a light local background that needs no tiles."""
    return folium.GeoJson(
        context[["layer", "name", "geometry"]],
        name=t("context_layer", lang),
        style_function=lambda f: {
            "color": CONTEXT_STYLE[f["properties"]["layer"]][0],
            "weight": CONTEXT_STYLE[f["properties"]["layer"]][1],
            "fill": False,
        },
        interactive=False,
    )


def places_layer(places: Places, measures: gpd.GeoDataFrame, lang: Lang) -> folium.GeoJson:
    """Place polygons: official areas solid, approximate focus areas dashed."""
    counts = measures[PLACE].value_counts().to_dict()
    frame = places.frame[["id", "name", "approximate", "geometry"]].copy()
    frame["tip"] = [
        f"<strong>{_esc(name)}</strong><br>"
        f"{_esc(t('approximate_yes' if approx else 'approximate_no', lang))}<br>"
        f"{_esc(t('area_wide', lang, n=counts.get(pid, 0)))}"
        for pid, name, approx in zip(frame["id"], frame["name"], frame["approximate"])
    ]
    return folium.GeoJson(
        frame.reset_index(drop=True),
        name=t("places_heading", lang),
        style_function=lambda f: {
            "color": PLACE_COLOUR,
            "weight": 2.5 if f["properties"]["approximate"] else 2,
            "dashArray": "6 5" if f["properties"]["approximate"] else None,
            "fillColor": PLACE_COLOUR,
            "fillOpacity": 0.12 if f["properties"]["approximate"] else 0.06,
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    )


def located_measures_layer(measures: gpd.GeoDataFrame, lang: Lang) -> folium.GeoJson:
    """Measures the source places at a spot, as circles coloured (and labelled) by status."""
    located = measures[measures[LOCATED]]
    records = located.drop(columns="geometry").to_dict("records")
    frame = gpd.GeoDataFrame(
        {
            "id": located[ID].tolist(),
            "status": located[STATUS].tolist(),
            "tip": [
                f"{_esc(r[TITLE])} ({_esc(statuses().label(r[STATUS], lang))})" for r in records
            ],
            "info": [measure_popup(r, lang) for r in records],
        },
        geometry=located.geometry.tolist(),
        crs=located.crs,
    )
    return folium.GeoJson(
        frame,
        name=t("located_layer", lang, n=len(frame)),
        marker=folium.CircleMarker(radius=8, weight=2, fill=True, fill_opacity=0.9),
        style_function=lambda f: {
            "color": "#FFFFFF",
            "fillColor": STATUS_COLOURS.get(f["properties"]["status"], "#000000"),
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["info"], labels=False),
    )


def overview_map(
    places: Places, context: gpd.GeoDataFrame, measures: gpd.GeoDataFrame, lang: Lang = "sv"
) -> folium.Map:
    """A plain map of the four places and the located measures, drawn without tiles."""
    fmap = folium.Map(
        location=OVERVIEW_CENTER, zoom_start=OVERVIEW_ZOOM, tiles=None, control_scale=True
    )
    context_layer(context, lang).add_to(fmap)
    places_layer(places, measures, lang).add_to(fmap)
    if measures[LOCATED].any():
        located_measures_layer(measures, lang).add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap
