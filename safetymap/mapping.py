"""GeoDataFrames → folium layers and a Map. No Streamlit here.

Every text that comes from data is HTML-escaped before it reaches a tooltip or popup:
folium's GeoJsonTooltip/GeoJsonPopup insert values with ``innerHTML``.
"""

from __future__ import annotations

import html

import folium
import geopandas as gpd
import shapely
from branca.element import MacroElement
from jinja2 import Template

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
    METRIC_CRS,
    PLACE,
    SOURCE,
    START_DATE,
    STATUS,
    TITLE,
    WGS84,
)
from safetymap.vocab import measure_types, statuses

GROUP_COLOURS = {
    "situational": "#0072B2",
    "social": "#D55E00",
    "collaboration": "#009E73",
    "condition": "#CC79A7",
}
GROUP_SHAPES = {
    "situational": "square",
    "social": "circle",
    "collaboration": "diamond",
    "condition": "triangle",
}

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


def places_layer(places: Places, lang: Lang) -> folium.GeoJson:
    """Place polygons: official areas solid, approximate focus areas dashed. Static, so the
    base map does not change when the filter does."""
    frame = places.frame[["id", "name", "approximate", "geometry"]].copy()
    frame["tip"] = [
        f"<strong>{_esc(name)}</strong><br>"
        f"{_esc(t('approximate_yes' if approx else 'approximate_no', lang))}"
        for name, approx in zip(frame["name"], frame["approximate"])
    ]
    return folium.GeoJson(
        frame.reset_index(drop=True),
        name=t("places_heading", lang),
        style_function=lambda f: {
            "color": PLACE_COLOUR,
            "weight": 2.5 if f["properties"]["approximate"] else 2,
            "dashArray": "6 5" if f["properties"]["approximate"] else None,
            "fillColor": PLACE_COLOUR,
            "fillOpacity": 0.06 if f["properties"]["approximate"] else 0.03,
            "className": "place-outline",
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    )


def symbol_html(type_id: str, size: int = 26) -> str:
    """The map symbol of a measure type: its group's shape and colour, and its letters.

    Built only from the vocabulary (never from data), so it is safe as HTML.
    """
    term = measure_types().terms[type_id]
    colour = GROUP_COLOURS[term.group]
    half = size / 2
    shape = {
        "square": f'<rect x="2" y="2" width="{size - 4}" height="{size - 4}" rx="3"/>',
        "circle": f'<circle cx="{half}" cy="{half}" r="{half - 2}"/>',
        "diamond": f'<polygon points="{half},1 {size - 1},{half} {half},{size - 1} 1,{half}"/>',
        "triangle": f'<polygon points="{half},1 {size - 1},{size - 2} 1,{size - 2}"/>',
    }[GROUP_SHAPES[term.group]]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{_esc(term.label_sv)}">'
        f'<g fill="{colour}" stroke="#FFFFFF" stroke-width="1.5">{shape}</g>'
        f'<text x="{half}" y="{half + 3.5}" text-anchor="middle" font-family="sans-serif" '
        f'font-size="9.5" font-weight="700" fill="#FFFFFF">{_esc(term.symbol)}</text></svg>'
    )


def _located_points(rows: gpd.GeoDataFrame, type_id: str, lang: Lang) -> folium.GeoJson:
    records = rows.drop(columns="geometry").to_dict("records")
    frame = gpd.GeoDataFrame(
        {
            "id": rows[ID].tolist(),
            "tip": [
                f"{_esc(r[TITLE])} ({_esc(statuses().label(r[STATUS], lang))})" for r in records
            ],
            "info": [measure_popup(r, lang) for r in records],
        },
        geometry=rows.geometry.tolist(),
        crs=rows.crs,
    )
    icon = folium.DivIcon(
        html=symbol_html(type_id),
        icon_size=(26, 26),
        icon_anchor=(13, 13),
        class_name="measure-symbol",
    )
    return folium.GeoJson(
        frame,
        marker=folium.Marker(icon=icon),
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["info"], labels=False),
    )


def _area_rows(rows: gpd.GeoDataFrame, places: Places, type_id: str, lang: Lang) -> folium.GeoJson:
    """Rows without a location of their own, drawn on their place: one shape per place."""
    term = measure_types().terms[type_id]
    condition = term.kind == "condition"
    features = []
    for place_id, group in rows.groupby(PLACE, sort=False):
        items = "".join(
            f"<li>{_esc(r[TITLE])} – {_esc(statuses().label(r[STATUS], lang))}, "
            f"{_esc(date_span(r[START_DATE], r[END_DATE], lang))}</li>"
            for r in group.drop(columns="geometry").to_dict("records")
        )
        features.append(
            {
                "id": place_id,
                "tip": f"<strong>{_esc(term.label(lang))}</strong> · "
                f"{_esc(places.by_id[place_id].name)}<ul>{items}</ul>",
                "geometry": places.frame.geometry[place_id],
            }
        )
    frame = gpd.GeoDataFrame(features, geometry="geometry", crs=WGS84)
    colour = GROUP_COLOURS[term.group]
    return folium.GeoJson(
        frame,
        style_function=lambda f: {
            "color": colour,
            "weight": 3 if condition else 2,
            "dashArray": "2 6" if condition else "8 4",
            "fillColor": colour,
            "fillOpacity": 0.22 if condition else 0.08,
            "className": "area-condition" if condition else "area-measure",
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    )


def measure_layers(
    measures: gpd.GeoDataFrame, places: Places, lang: Lang
) -> list[folium.FeatureGroup]:
    """One layer per measure type present: located rows as its symbol, the others (and
    conditions) as an overlay on their place, never as invented points."""
    layers = []
    for type_id in measure_types().ids():
        rows = measures[measures[MEASURE_TYPE] == type_id]
        if rows.empty:
            continue
        term = measure_types().terms[type_id]
        group = folium.FeatureGroup(name=f"{term.symbol} {term.label(lang)} ({len(rows)})")
        located = rows[rows[LOCATED]]
        if not located.empty:
            _located_points(located, type_id, lang).add_to(group)
        if not (area := rows[~rows[LOCATED]]).empty:
            _area_rows(area, places, type_id, lang).add_to(group)
        layers.append(group)
    return layers


class Legend(MacroElement):
    """A static legend in the map's corner: one line per measure type, then the line styles."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var legend = L.control({position: "bottomleft"});
        legend.onAdd = function () {
            var div = L.DomUtil.create("div", "safetymap-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        legend.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self._name = "Legend"
        lines = "".join(
            f'<div class="row">{symbol_html(m, 18)}<span>{_esc(measure_types().label(m, lang))}'
            "</span></div>"
            for m in measure_types().ids()
        )
        self.html = (
            '<details style="background:#FFFFFF;color:#1A1A1A;padding:6px 8px;'
            "border-radius:4px;font:12px sans-serif;max-height:340px;overflow:auto;"
            'box-shadow:0 1px 4px rgba(0,0,0,.3)">'
            f"<summary><strong>{_esc(t('legend', lang))}</strong></summary>{lines}"
            f'<div class="row">{_esc(t("legend_area", lang))}</div></details>'
            "<style>.safetymap-legend .row{display:flex;gap:6px;align-items:center;"
            "margin:2px 0}</style>"
        )


def base_map(
    places: Places, context: gpd.GeoDataFrame, lang: Lang = "sv", tiles: str = "none"
) -> folium.Map:
    """The map that does not change with the filter: tiles (if any), the local background,
    places and legend. Everything but the tiles is local, so it shows its data offline."""
    fmap = folium.Map(
        location=OVERVIEW_CENTER, zoom_start=OVERVIEW_ZOOM, tiles=None, control_scale=True
    )
    if tiles.lower() == "openstreetmap":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", opacity=0.55).add_to(fmap)
    elif tiles.lower() != "none":
        folium.TileLayer(tiles, name=t("basemap", lang), attr=tiles).add_to(fmap)
    context_layer(context, lang).add_to(fmap)
    places_layer(places, lang).add_to(fmap)
    Legend(lang).add_to(fmap)
    return fmap


def layer_control() -> folium.LayerControl:
    """The layer list (folded into its button so it does not hide the map; it opens on
    hover and keyboard focus); given to st_folium so it lists the dynamic layers too."""
    return folium.LayerControl(collapsed=True)


def measure_at(
    measures: gpd.GeoDataFrame, lat: float, lon: float, tolerance_m: float = 60.0
) -> str | None:
    """The id of the located measure nearest a clicked point, if one lies within reach."""
    located = measures[measures[LOCATED]]
    if located.empty:
        return None
    click = gpd.GeoSeries([shapely.Point(lon, lat)], crs=WGS84).to_crs(METRIC_CRS).iloc[0]
    distances = located.geometry.to_crs(METRIC_CRS).distance(click)
    nearest = distances.idxmin()
    return str(located.at[nearest, ID]) if distances[nearest] <= tolerance_m else None


def view_for(places: Places, place_ids: tuple[str, ...]) -> tuple[tuple[float, float], int]:
    """Map centre and zoom that frame the chosen places (all four when none is chosen)."""
    chosen = [p for p in place_ids if p in places.by_id]
    if not chosen:
        return OVERVIEW_CENTER, OVERVIEW_ZOOM
    minx, miny, maxx, maxy = places.frame.geometry.loc[chosen].total_bounds
    span = max(maxx - minx, (maxy - miny) * 2)  # a degree of latitude is ~2 of longitude here
    zoom = next(
        (
            z
            for z, limit in (
                (16, 0.006),
                (15, 0.012),
                (14, 0.025),
                (13, 0.05),
                (12, 0.1),
                (11, 0.2),
            )
            if span <= limit
        ),
        OVERVIEW_ZOOM,
    )
    return ((miny + maxy) / 2, (minx + maxx) / 2), zoom
