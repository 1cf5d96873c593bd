"""GeoDataFrames → folium layers and a Map. No Streamlit here.

The base map (tiles, background, places, legend, the renderer's set-up) does not change with
the filter. The measures are data for ``static/safetymap/measures.js`` (``mapdata``), which
clusters and draws them in the browser and writes their text with ``textContent``. Text that
folium itself puts into the page (place tooltips) is HTML-escaped here: folium's
GeoJsonTooltip inserts values with ``innerHTML``.
"""

from __future__ import annotations

import base64
import functools
import gzip
import html
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.utilities import get_bounds
from jinja2 import Template

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import ACTORS, ID, LOCATED, MEASURE_TYPE, METRIC_CRS, TITLE, WGS84
from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.places import Places
from safetymap.present.badges import badge_data, badge_payload
from safetymap.present.mapdata import GROUP_COLOURS, map_config, map_rows
from safetymap.present.offline import STATIC_DIR, STATIC_URL, renderer_code
from safetymap.selection.playback import Steps, play_payload

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


def context_labels(context: dict) -> list[list[object]]:
    """Names for the background: ``[name, layer, lat, lon]`` of each named kommun, RegSO and
    wider place, at a point well inside its largest part (kept in ``background``'s
    ``labels`` member, else worked out here)."""
    if "labels" in context:
        return context["labels"]
    labels = []
    for feature in context["features"]:
        name = feature["properties"].get("name")
        if not name:
            continue
        shape = shapely.geometry.shape(feature["geometry"])
        parts = getattr(shape, "geoms", [shape])
        largest = max(parts, key=lambda part: part.area)
        point = shapely.ops.polylabel(largest, tolerance=0.0005)
        layer = feature["properties"]["layer"]
        labels.append([name, layer, round(point.y, 5), round(point.x, 5)])
    return labels


def background(context: dict) -> dict:
    """The context outlines as the map draws them: each feature with only the property its
    style reads (sources and licences stay in the file; they would add a quarter to what
    every viewer is sent), the names with a point each (``labels``, a foreign member that
    GeoJSON readers pass over), and the bounds."""
    return with_bbox(
        {
            "type": "FeatureCollection",
            "labels": context_labels(context),
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
    """The SVG content of a measure type's letter symbol in a ``size`` box: its group's shape
    and colour, and its letters (the static map of the briefing pack draws these). Built only
    from the vocabulary (never from data): safe as SVG."""
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


# The icon of each measure type: a Lucide icon (static/vendor/lucide, ISC), drawn white on a
# disc of its group's colour; the status is the ring around the disc and a mark at its foot.
TYPE_ICONS = {
    "lighting": "lightbulb",
    "cameras": "cctv",
    "cleaning": "brush-cleaning",
    "physical_redesign": "hammer",
    "park_renovation": "trees",
    "safety_inspection": "clipboard-check",
    "design_program": "pencil-ruler",
    "police_presence": "siren",
    "guards": "shield-user",
    "field_workers": "hand-heart",
    "night_walks": "moon",
    "placemaking": "music",
    "community_program": "graduation-cap",
    "collaboration": "handshake",
    "open_drug_scene": "syringe",
    "risk_area": "triangle-alert",
}
ICON_DIR = STATIC_DIR / "vendor" / "lucide" / "icons"
# Status cue beyond colour (Okabe–Ito, ``STATUS_COLOURS``): the ring's line and a mark.
# Planned: dashed ring; ongoing and active: solid ring; completed: solid ring and a check;
# cancelled: dotted ring and a cross; lifted: dotted ring and a bar.
STATUS_RINGS = {
    "planned": "4.2 2.6",
    "ongoing": None,
    "completed": None,
    "cancelled": "0.1 3.2",
    "active": None,
    "lifted": "0.1 3.2",
}
STATUS_MARKS = {
    "completed": "M23.4 26.2l1.9 1.9 3.3-3.6",
    "cancelled": "M23.8 23.8l4.4 4.4M28.2 23.8l-4.4 4.4",
    "lifted": "M23.4 26h5.2",
}
NEUTRAL = "#6B6B6B"
SYMBOL_BOX = 32  # the symbols' viewBox: 0 0 32 32


@functools.cache
def icon_paths(type_id: str) -> str:
    """The drawing of a measure type's Lucide icon (24 × 24 box, stroked, no fill)."""
    text = (ICON_DIR / f"{TYPE_ICONS[type_id]}.svg").read_text(encoding="utf-8")
    inner = re.search(r"<svg[^>]*>(.*)</svg>", text, re.S)
    if inner is None:
        raise ValueError(f"{TYPE_ICONS[type_id]}.svg: no <svg> element")
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", inner.group(1))).strip()


def type_glyph(type_id: str) -> str:
    """A measure type's disc and icon, SVG content in the 32 × 32 symbol box."""
    colour = GROUP_COLOURS[measure_types().terms[type_id].group]
    return (
        f'<circle cx="16" cy="16" r="11.2" fill="{colour}"/>'
        '<g transform="translate(9.2 9.2) scale(0.567)" fill="none" stroke="#FFFFFF" '
        'stroke-width="2.3" stroke-linecap="round" stroke-linejoin="round">'
        f"{icon_paths(type_id)}</g>"
    )


def status_ring(status_id: str) -> str:
    """A status's ring around the disc (white backing, coloured line), SVG content."""
    dash = STATUS_RINGS[status_id]
    style = f' stroke-dasharray="{dash}" stroke-linecap="round"' if dash else ""
    return (
        '<circle cx="16" cy="16" r="15.4" fill="#FFFFFF"/>'
        f'<circle cx="16" cy="16" r="13.6" fill="none" stroke="{STATUS_COLOURS[status_id]}" '
        f'stroke-width="3"{style}/>'
    )


def status_mark(status_id: str) -> str:
    """A status's mark at the symbol's foot (check, cross, bar), or nothing."""
    path = STATUS_MARKS.get(status_id)
    if path is None:
        return ""
    return (
        f'<circle cx="26" cy="26" r="5.6" fill="{STATUS_COLOURS[status_id]}" '
        'stroke="#FFFFFF" stroke-width="1.4"/>'
        f'<path d="{path}" fill="none" stroke="#FFFFFF" stroke-width="1.8" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def symbol_svg(type_id: str | None, status_id: str | None, size: int = 26, label: str = "") -> str:
    """A symbol as an ``<svg>`` element, as ``measures.js`` puts it together: the type's disc
    and icon in the status's ring and mark; a type alone fills the box, a status alone rings
    a grey disc. From the vocabulary only; ``label`` (escaped here) names it for screen
    readers, else it is hidden."""
    if status_id:
        ring = status_ring(status_id)
    elif type_id:
        ring = ""
    else:
        ring = (
            '<circle cx="16" cy="16" r="15.4" fill="#FFFFFF"/>'
            f'<circle cx="16" cy="16" r="13.6" fill="none" stroke="{NEUTRAL}" stroke-width="1"/>'
        )
    if not type_id:
        glyph = f'<circle cx="16" cy="16" r="8" fill="{NEUTRAL}"/>'
    elif status_id:
        glyph = type_glyph(type_id)
    else:
        glyph = f'<g transform="translate(-5.6 -5.6) scale(1.35)">{type_glyph(type_id)}</g>'
    mark = status_mark(status_id) if status_id else ""
    name = f'role="img" aria-label="{_esc(label)}"' if label else 'aria-hidden="true"'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {SYMBOL_BOX} {SYMBOL_BOX}" {name}>{ring}{glyph}{mark}</svg>'
    )


def symbol_html(type_id: str, size: int = 26, lang: Lang = "sv") -> str:
    """The icon of a measure type with no status, as an ``<svg>`` element (legend, layers)."""
    return symbol_svg(type_id, None, size, measure_types().label(type_id, lang))


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

    def __init__(self, places: Places, lang: Lang, labels: list | None = None) -> None:
        super().__init__()
        self._name = "MapSetup"
        self.code = renderer_code()
        self.config = map_config(places, lang, symbol_art(), labels or [])


def symbol_art() -> dict[str, dict[str, str | list[str]]]:
    """The SVG pieces the browser puts symbols together from: each type's disc and icon, each
    status's ring and mark (``measures.js`` stacks ring, disc and mark in a 32 × 32 box)."""
    return {
        "types": {m: type_glyph(m) for m in measure_types().ids()},
        "statuses": {s: [status_ring(s), status_mark(s)] for s in STATUS_RINGS},
    }


def packed_json(value: object) -> str:
    """``value`` as JSON, gzip-compressed, in base64: what ``measures.js`` unpacks with the
    browser's own ``DecompressionStream``. A fifth to a tenth of the JSON's size, which every
    step to the map handles (folium's and streamlit-folium's passes over the map's script,
    the websocket, the page, the map's frame, the script's parser). Only letters, digits,
    ``+``, ``/`` and ``=``: nothing in it can close a ``<script>`` or be read as markup. The
    same value always gives the same text (no time in the gzip header)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(text, compresslevel=6, mtime=0)).decode("ascii")


class _MeasureRows(_RenderedVerbatim):
    """The filtered rows (``packed_json``), drawn (clustered, in view only) into the parent
    group once the browser has unpacked them."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        safetymap.current = new safetymap.Measures("{{ this.packed }}")
            .addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, packed: str) -> None:
        super().__init__()
        self._name = "MeasureRows"
        self.packed = packed


class _Selection(_RenderedVerbatim):
    """The selected measure (its row among the shown rows, and its id): the browser frames
    it and opens its popup or list entry when it is not the one it framed last."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        safetymap.current.select({{ this.row }}, {{ this.measure_id|tojson }});
        {% endmacro %}
    """)

    def __init__(self, row: int, measure_id: str) -> None:
        super().__init__()
        self._name = "Selection"
        self.row = int(row)
        self.measure_id = measure_id


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
    """What the measure layers are made of: the rows and the counts of their places' badges
    (``mapdata``, ``badges``) as packed JSON (``packed_json``), the number of rows of each
    measure type present (vocabulary order) and the language. Plain and immutable, so one
    value can serve every viewer of the same rows; making it is most of a map's cost on the
    server."""

    rows_packed: str
    type_counts: tuple[tuple[str, int], ...]
    lang: Lang


def layer_data(
    measures: gpd.GeoDataFrame,
    places: Places,
    lang: Lang,
    play: tuple[Steps, gpd.GeoDataFrame] | None = None,
    as_of: date | None = None,
) -> LayerData:
    """The layers' material for ``measures`` (at ``places``) in ``lang``. ``play``: the
    filter's play steps and the rows they show on some day (``playback.play_rows``); the
    rows the filter does not show now follow ``measures`` on the map, hidden until a step
    shows them, and the payload carries each row's status per month (``play_layer``)."""
    counts = measures[MEASURE_TYPE].value_counts()
    rows = _with_play_rows(measures, play)
    payload = {**map_rows(rows, lang), "badges": badge_payload(badge_data(measures, places))}
    if play is not None:
        payload["play"] = play_layer(rows, len(measures), play[0], as_of)
    return LayerData(
        packed_json(payload),
        tuple((m, int(counts[m])) for m in measure_types().ids() if m in counts),
        lang,
    )


def _with_play_rows(
    measures: gpd.GeoDataFrame, play: tuple[Steps, gpd.GeoDataFrame] | None
) -> gpd.GeoDataFrame:
    """The map's rows: the shown ones, then (playing) those shown only on other days."""
    if play is None:
        return measures
    extra = play[1][~play[1][ID].isin(measures[ID]).to_numpy()]
    if extra.empty:
        return measures
    rows = pd.concat([measures, extra.to_crs(measures.crs)], ignore_index=True)
    return gpd.GeoDataFrame(rows, geometry=measures.geometry.name, crs=measures.crs)


def play_layer(rows: gpd.GeoDataFrame, shown: int, steps: Steps, as_of: date | None) -> dict:
    """The play's part of the payload of the map's ``rows`` (the ``shown`` ones first):
    ``playback.play_payload`` in their order, how many are shown now (``shown``) and the
    actors of each row's actor entry (``actor_lists``, as ``map_rows`` indexes them), so
    that the browser counts the badges of a step as ``badges.badge_data`` does."""
    lists = dict.fromkeys((", ".join(a), tuple(a)) for a in rows[ACTORS])
    return {
        **play_payload(steps, rows[ID].astype(str).tolist(), as_of),
        "shown": shown,
        "actor_lists": [list(names) for _, names in lists],
    }


def measure_layers(
    data: LayerData, selected: tuple[int, str] | None = None
) -> list[folium.FeatureGroup]:
    """The filtered measures as layers: first one group holding the rows (not in the layer
    control), then one group per measure type present, which the layer control lists with
    its icon and count. Rows with a point are clustered symbols; the others are counted on
    their place's badge, never drawn as invented points. ``selected`` (row among the shown
    rows, id) is the measure to frame. New objects on every call: streamlit-folium changes
    them."""
    rows = _Group(name="measures", control=False)
    _MeasureRows(data.rows_packed).add_to(rows)
    if selected is not None:
        _Selection(*selected).add_to(rows)
    counts = dict(data.type_counts)
    layers = [rows]
    for index, type_id in enumerate(measure_types().ids()):
        if type_id not in counts:
            continue
        label = _esc(measure_types().label(type_id, data.lang))
        icon = symbol_svg(type_id, None, 18)
        group = _Group(name=f'{icon}<span class="sm-layer">{label} ({counts[type_id]})</span>')
        _TypeSwitch(index).add_to(group)
        layers.append(group)
    return layers


GROUPS = ("situational", "social", "collaboration", "condition")


class Legend(_RenderedVerbatim):
    """The legend in the map's corner, folded into its heading until opened: every type by
    group, every status, and how places show their measures."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var legend = L.control({position: "bottomleft"});
        legend.onAdd = function (map) {
            var div = L.DomUtil.create("div", "safetymap-legend");
            div.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        legend.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self._name = "Legend"
        types = measure_types()
        groups = "".join(
            f'<div class="group"><div class="head">{_esc(t("group_" + group, lang))}</div>'
            + "".join(
                f'<div class="row">{symbol_svg(m, None, 18)}<span>{_esc(types.label(m, lang))}'
                "</span></div>"
                for m in types.ids()
                if types.terms[m].group == group
            )
            + "</div>"
            for group in GROUPS
        )
        states = "".join(
            f'<div class="row">{symbol_svg(None, s, 18)}<span>{_esc(statuses().label(s, lang))}'
            "</span></div>"
            for s in statuses().ids()
        )
        self.html = (
            f"<details><summary>{_esc(t('legend', lang))}</summary>"
            f'<div class="types">{groups}</div>'
            f'<div class="head">{_esc(t("status", lang))}</div><div class="states">{states}</div>'
            f'<p class="note">{_esc(t("legend_badge", lang))}</p></details>'
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
    # No wheel zoom until the map is clicked (measures.js), and a metric scale of its own.
    fmap = _Map(
        location=center, zoom_start=zoom, tiles=None, control_scale=False, scroll_wheel_zoom=False
    )
    fmap._id = MAP_ID  # a fixed id: the static layers' text is the same on every run
    if tiles.lower() == "openstreetmap":
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap", opacity=0.55).add_to(fmap)
    elif tiles.lower() != "none":
        folium.TileLayer(tiles, name=t("basemap", lang), attr=tiles).add_to(fmap)
    context_layer(context, lang).add_to(fmap)
    places_layer(places, lang).add_to(fmap)
    Legend(lang).add_to(fmap)
    MapSetup(places, lang, context_labels(context)).add_to(fmap)
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


def selected_row(measures: gpd.GeoDataFrame, measure_id: str | None) -> tuple[int, str] | None:
    """The selected measure's row among ``measures`` (the shown rows, in the order the map
    is given them) and its id, or None when it is not shown."""
    if not measure_id:
        return None
    found = np.flatnonzero(measures[ID].to_numpy() == measure_id)
    return (int(found[0]), measure_id) if len(found) else None


def picked_measure(measures: gpd.GeoDataFrame, pick: object) -> str | None:
    """The id of the measure a pick on the map names (``measures.js``: its row among the
    shown rows and its title), or None when it does not name one of ``measures`` (a pick
    made on rows that have changed since)."""
    if not isinstance(pick, dict):
        return None
    row, title = pick.get("row"), pick.get("title")
    if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < len(measures):
        return None
    if measures[TITLE].iloc[row] != title:
        return None
    return str(measures[ID].iloc[row])
