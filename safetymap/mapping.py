"""GeoDataFrames → folium layers and a Map. No Streamlit here.

The base map (tiles, background, places, legend, the renderer's set-up) does not change with
the filter. The measures are data for ``static/safetymap/measures.js`` (``mapdata``), which
clusters and draws them in the browser and writes their text with ``textContent``. Text that
folium itself puts into the page (place tooltips) is HTML-escaped here: folium's
GeoJsonTooltip inserts values with ``innerHTML``.
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass
from typing import ClassVar

import folium
import geopandas as gpd
import shapely
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.utilities import get_bounds
from jinja2 import Template

from safetymap.i18n import t
from safetymap.mapdata import GROUP_COLOURS, map_config, map_rows
from safetymap.offline import STATIC_URL, renderer_code
from safetymap.places import Places
from safetymap.problems import Lang
from safetymap.schema import ID, LOCATED, MEASURE_TYPE, METRIC_CRS, WGS84
from safetymap.vocab import measure_types

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
MAP_ID = "safetymap"


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


Bounds = list[list[float]]  # [[south, west], [north, east]], as folium gives them


class _Verbatim(Element):
    """Text put into the page as it is. (branca would parse it as a template, which takes
    seconds for the rows of a large dataset.)"""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class _RenderedVerbatim(MacroElement):
    """``MacroElement.render`` without parsing the element's own output as a template."""

    def render(self, **kwargs: object) -> None:
        figure = self.get_root()
        for part, text in self._parts(kwargs):
            getattr(figure, part).add_child(_Verbatim(text), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)

    def _parts(self, kwargs: dict) -> list[tuple[str, str]]:
        """The element's header, html and script text (those its template has)."""
        macros = self._template.module.__dict__
        return [
            (part, macros[part](self, kwargs))
            for part in ("header", "html", "script")
            if part in macros
        ]


class _Map(folium.Map, _RenderedVerbatim):
    """A map whose output is not parsed again as a template."""


class _Group(folium.FeatureGroup, _RenderedVerbatim):
    """A feature group whose output is not parsed again as a template."""


class _Tooltip(folium.GeoJsonTooltip, _RenderedVerbatim):
    """A GeoJSON tooltip whose output is not parsed again as a template."""


class _LayerControl(folium.LayerControl, _RenderedVerbatim):
    """A layer control whose output is not parsed again as a template."""


class _Outlines(folium.GeoJson, _RenderedVerbatim):
    """A GeoJSON layer of outlines that do not change from run to run. Its bounds are known
    (folium would walk every coordinate to find them), and its output is made once: the
    layer and its map have fixed ids (``layer_id``, ``MAP_ID``), so the same data on the same
    map gives the same text, kept with the data it was made from. Ids are lower-case letters
    and digits, as folium's own: streamlit-folium renames variables by that pattern."""

    _made: ClassVar[dict[str, tuple[object, list[tuple[str, str]]]]] = {}

    def __init__(self, data: object, bounds: Bounds, layer_id: str, **kwargs: object) -> None:
        super().__init__(data, **kwargs)
        self.bounds = bounds
        self._id = layer_id

    def _get_self_bounds(self) -> Bounds:
        return self.bounds

    def _parts(self, kwargs: dict) -> list[tuple[str, str]]:
        key = f"{self.get_name()} on {self._parent.get_name()}"
        made = self._made.get(key)
        if made is None or made[0] is not self.data:
            made = self._made[key] = (self.data, super()._parts(kwargs))
        return made[1]


def with_bbox(geojson: dict) -> dict:
    """``geojson`` with its GeoJSON ``bbox`` member ([west, south, east, north]) set, so
    that its layer knows its bounds on every run without walking its coordinates."""
    (south, west), (north, east) = get_bounds(geojson, lonlat=True)
    return {**geojson, "bbox": [west, south, east, north]}


def background(context: dict) -> dict:
    """The context outlines as the map draws them: each feature with only the property its
    style reads (names, sources and licences stay in the file; they would add a quarter
    to what every viewer is sent), and the bounds."""
    return with_bbox(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"layer": feature["properties"]["layer"]},
                    "geometry": feature["geometry"],
                }
                for feature in context["features"]
            ],
        }
    )


def context_layer(context: dict, lang: Lang) -> folium.GeoJson:
    """Kommun and RegSO outlines (a GeoJSON mapping, not copied): a light local background
    that needs no tiles."""
    west, south, east, north = context.get("bbox") or with_bbox(context)["bbox"]
    return _Outlines(
        context,
        [[south, west], [north, east]],
        f"context{lang}",
        name=t("context_layer", lang),
        style_function=lambda f: {
            "color": CONTEXT_STYLE[f["properties"]["layer"]][0],
            "weight": CONTEXT_STYLE[f["properties"]["layer"]][1],
            "fill": False,
        },
        interactive=False,
    )


@functools.lru_cache(maxsize=8)
def _places_geojson(places: Places, lang: Lang) -> dict:
    """The place polygons with their tooltips, as GeoJSON (made once per language: folium
    would convert the frame again on every run)."""
    frame = places.frame[["id", "name", "approximate", "geometry"]].copy()
    frame["tip"] = [
        f"<strong>{_esc(name)}</strong><br>"
        f"{_esc(t('approximate_yes' if approx else 'approximate_no', lang))}"
        for name, approx in zip(frame["name"], frame["approximate"])
    ]
    return json.loads(frame.reset_index(drop=True).to_crs(WGS84).to_json())


def places_layer(places: Places, lang: Lang) -> folium.GeoJson:
    """Place polygons: official areas solid, approximate focus areas dashed. Static, so the
    base map does not change when the filter does."""
    west, south, east, north = places.frame.total_bounds
    return _Outlines(
        _places_geojson(places, lang),
        [[south, west], [north, east]],
        f"places{lang}",
        name=t("places_heading", lang),
        style_function=lambda f: {
            "color": PLACE_COLOUR,
            "weight": 2.5 if f["properties"]["approximate"] else 2,
            "dashArray": "6 5" if f["properties"]["approximate"] else None,
            "fillColor": PLACE_COLOUR,
            "fillOpacity": 0.06 if f["properties"]["approximate"] else 0.03,
            "className": "place-outline",
        },
        tooltip=_Tooltip(fields=["tip"], labels=False),
    )


def symbol_shape(type_id: str, size: float = 26) -> str:
    """The SVG content of a measure type's symbol in a ``size`` box: its group's shape and
    colour, and its letters. Built only from the vocabulary (never from data): safe as SVG."""
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
        f'<g fill="{colour}" stroke="#FFFFFF" stroke-width="1.5">{shape}</g>'
        f'<text x="{half}" y="{half + size * 0.135}" text-anchor="middle" '
        f'font-family="sans-serif" font-size="{size * 0.365:.1f}" font-weight="700" '
        f'fill="#FFFFFF">{_esc(term.symbol)}</text>'
    )


def symbol_html(type_id: str, size: int = 26) -> str:
    """The map symbol of a measure type as an ``<svg>`` element (``symbol_shape``)."""
    label = _esc(measure_types().terms[type_id].label_sv)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img" aria-label="{label}">'
        f"{symbol_shape(type_id, size)}</svg>"
    )


class MapSetup(JSCSSMixin, _RenderedVerbatim):
    """Writes the measure renderer (vendored Supercluster and ``static/safetymap``,
    ``offline.renderer_code``) into the map's script, loads its styles, and gives it what
    does not change with the filter: vocabulary, UI text and place shapes."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this.code|safe }}
        safetymap.setup({{ this.config|tojson }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)
    default_css: ClassVar = [("safetymap_measures_css", f"{STATIC_URL}/safetymap/measures.css")]

    def __init__(self, places: Places, lang: Lang) -> None:
        super().__init__()
        self._name = "MapSetup"
        self.code = renderer_code()
        symbols = {m: symbol_html(m) for m in measure_types().ids()}
        self.config = map_config(places, lang, symbols)


def script_json(value: object) -> str:
    """``value`` as JSON that is safe inside a ``<script>``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _MeasureRows(_RenderedVerbatim):
    """The filtered rows, drawn (clustered, in view only) into the parent group."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        safetymap.current = new safetymap.Measures({{ this.data_json|safe }})
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, data_json: str) -> None:
        super().__init__()
        self._name = "MeasureRows"
        self.data_json = data_json


class _TypeSwitch(_RenderedVerbatim):
    """Makes the parent group one type's entry in the layer control: its place overlays,
    and its symbols shown or hidden with the group."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        safetymap.current.bindType({{ this._parent.get_name() }}, {{ this.index }});
        {% endmacro %}
    """)

    def __init__(self, index: int) -> None:
        super().__init__()
        self._name = "TypeSwitch"
        self.index = index


@dataclass(frozen=True)
class LayerData:
    """What the measure layers are made of: the rows as script-safe JSON (``mapdata``), the
    number of rows of each measure type present (vocabulary order) and the language. Plain
    and immutable, so one value can serve every viewer of the same rows; making the JSON is
    most of a map's cost on the server."""

    rows_json: str
    type_counts: tuple[tuple[str, int], ...]
    lang: Lang


def layer_data(measures: gpd.GeoDataFrame, lang: Lang) -> LayerData:
    """The layers' material for ``measures`` in ``lang``."""
    counts = measures[MEASURE_TYPE].value_counts()
    return LayerData(
        script_json(map_rows(measures, lang)),
        tuple((m, int(counts[m])) for m in measure_types().ids() if m in counts),
        lang,
    )


def measure_layers(data: LayerData) -> list[folium.FeatureGroup]:
    """The filtered measures as layers: first one group holding the rows (not in the layer
    control), then one group per measure type present, which the layer control lists with
    its count. Rows with a point are clustered symbols; the others are drawn on their place,
    never as invented points. New objects on every call: streamlit-folium changes them."""
    rows = _Group(name="measures", control=False)
    _MeasureRows(data.rows_json).add_to(rows)
    counts = dict(data.type_counts)
    layers = [rows]
    for index, type_id in enumerate(measure_types().ids()):
        if type_id not in counts:
            continue
        term = measure_types().terms[type_id]
        group = _Group(name=f"{term.symbol} {term.label(data.lang)} ({counts[type_id]})")
        _TypeSwitch(index).add_to(group)
        layers.append(group)
    return layers


class Legend(_RenderedVerbatim):
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
    places: Places,
    context: dict,
    lang: Lang = "sv",
    tiles: str = "none",
    view: tuple[tuple[float, float], int] = (OVERVIEW_CENTER, OVERVIEW_ZOOM),
) -> folium.Map:
    """The map that does not change with the filter: tiles (if any), the local background,
    places and legend, opening at ``view`` (centre, zoom). Everything but the tiles is
    local, so it shows its data offline."""
    center, zoom = view
    fmap = _Map(location=center, zoom_start=zoom, tiles=None, control_scale=True)
    fmap._id = MAP_ID  # a fixed id: the static layers' text is the same on every run
    if tiles.lower() == "openstreetmap":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", opacity=0.55).add_to(fmap)
    elif tiles.lower() != "none":
        folium.TileLayer(tiles, name=t("basemap", lang), attr=tiles).add_to(fmap)
    context_layer(context, lang).add_to(fmap)
    places_layer(places, lang).add_to(fmap)
    Legend(lang).add_to(fmap)
    MapSetup(places, lang).add_to(fmap)
    return fmap


def layer_control() -> folium.LayerControl:
    """The layer list (folded into its button so it does not hide the map; it opens on
    hover and keyboard focus); given to st_folium so it lists the dynamic layers too."""
    return _LayerControl(collapsed=True)


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
