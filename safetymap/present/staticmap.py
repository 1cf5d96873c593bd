"""A static map of one place as SVG, drawn without any network: for the briefing pack.

The same picture as the app's map, in print: the kommun and RegSO outlines as a light local
background, the place and its focus areas (approximate ones dashed), conditions as filled
areas, measures with a point as their type's symbol, and the number of measures that cover a
whole area (not invented points) in a circle on that area. Drawn in SWEREF 99 TM (metres, true
shapes and a true scale bar). Every text is escaped. Pure: no folium, no Streamlit.
"""

from __future__ import annotations

import html

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from safetymap.contract.i18n import format_number, t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import KIND, LOCATED, MEASURE_TYPE, METRIC_CRS, PLACE, STATUS, WGS84
from safetymap.contract.vocab import measure_types
from safetymap.intake.places import Places
from safetymap.present.mapdata import GROUP_COLOURS
from safetymap.present.mapping import CONTEXT_STYLE, PLACE_COLOUR, symbol_shape

PADDING = 0.12  # share of the place's extent kept around it
SYMBOL = 22  # px, a measure's symbol
COUNT_RADIUS = 13  # px, the circle holding an area's number of area-wide measures
MIN_AREA = 12  # px: a focus area smaller than this is drawn as a dashed ring this wide
SCALE_STEPS_M = (50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


class _Frame:
    """Metres (SWEREF 99 TM) → SVG pixels, the place's extent fitted into width × height."""

    def __init__(self, bounds: tuple[float, float, float, float], width: int, height: int):
        minx, miny, maxx, maxy = bounds
        pad = max(maxx - minx, maxy - miny, 200.0) * PADDING
        minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
        self.scale = min(width / (maxx - minx), height / (maxy - miny))
        self.x0 = (minx + maxx) / 2 - width / 2 / self.scale
        self.y1 = (miny + maxy) / 2 + height / 2 / self.scale
        self.box = (self.x0, self.y1 - height / self.scale, self.x0 + width / self.scale, self.y1)

    def point(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.x0) * self.scale, (self.y1 - y) * self.scale

    def path(self, geometry: BaseGeometry) -> str:
        """An SVG path of the polygons and lines in ``geometry``, clipped to the frame."""
        clipped = shapely.clip_by_rect(geometry, *self.box)
        rings = []
        for part in getattr(clipped, "geoms", [clipped]):
            if part.is_empty:
                continue
            if part.geom_type == "Polygon":
                for ring, closed in ((part.exterior, True), *((i, True) for i in part.interiors)):
                    rings.append(self._ring(ring.coords, closed))
            elif part.geom_type in ("LineString", "LinearRing"):
                rings.append(self._ring(part.coords, False))
        return " ".join(rings)

    def _ring(self, coords, closed: bool) -> str:
        points = [self.point(x, y) for x, y, *_ in coords]
        text = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points)
        return text + (" Z" if closed else "")


def _scale_bar(frame: _Frame, width: int, height: int) -> str:
    """A bar about a fifth of the map wide, at a round number of metres."""
    metres = min(SCALE_STEPS_M, key=lambda m: abs(m * frame.scale - width / 5))
    length = metres * frame.scale
    label = f"{format_number(metres / 1000)} km" if metres >= 1000 else f"{metres} m"
    x, y = 12, height - 14
    return (
        f'<g><rect x="{x - 4}" y="{y - 16}" width="{length + 8}" height="24" fill="#FFFFFF" '
        f'fill-opacity="0.85"/><path d="M{x},{y - 5} L{x},{y} L{x + length:.1f},{y} '
        f'L{x + length:.1f},{y - 5}" fill="none" stroke="#1A1A1A" stroke-width="1.5"/>'
        f'<text x="{x + length / 2:.1f}" y="{y - 4}" text-anchor="middle" font-size="10" '
        f'font-family="sans-serif" fill="#1A1A1A">{_esc(label)}</text></g>'
    )


def _symbol(type_id: str, x: float, y: float) -> str:
    return (
        f'<g transform="translate({x - SYMBOL / 2:.1f},{y - SYMBOL / 2:.1f})">'
        f"{symbol_shape(type_id, SYMBOL)}</g>"
    )


def _count(n: int, x: float, y: float) -> str:
    """The number of area-wide measures on an area, drawn like the app's clusters."""
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{COUNT_RADIUS}" fill="{PLACE_COLOUR}" '
        f'stroke="#FFFFFF" stroke-width="3"/><text x="{x:.1f}" y="{y + 4.5:.1f}" '
        'text-anchor="middle" font-size="13" font-family="sans-serif" font-weight="700" '
        f'fill="#FFFFFF">{n}</text>'
    )


def _outline(frame: _Frame, places: Places, place: str, main: bool) -> str:
    """A place's outline; an approximate focus area dashed, and at least ``MIN_AREA`` wide."""
    shape = places.metric.loc[place]
    dashed = ' stroke-dasharray="7 5"' if places.by_id[place].approximate else ""
    style = f'stroke="{PLACE_COLOUR}" stroke-width="{2.5 if main else 2}"{dashed}'
    minx, miny, maxx, maxy = shape.bounds
    if max(maxx - minx, maxy - miny) * frame.scale < MIN_AREA:
        x, y = frame.point(*shape.centroid.coords[0])
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MIN_AREA / 2}" fill="none" {style}/>'
    return (
        f'<path d="{frame.path(shape)}" fill="{PLACE_COLOUR}" fill-opacity="0.05" '
        f'fill-rule="evenodd" {style}/>'
    )


def _anchor(places: Places, place_id: str, ids: list[str]) -> shapely.Point:
    """Where an area's count goes: inside it, away from its focus areas when it has any."""
    shape = places.metric.loc[place_id]
    inner = [i for i in ids if places.by_id[i].parent == place_id]
    if inner:
        rest = shape.difference(shapely.union_all(list(places.metric.loc[inner])).buffer(150))
        if not rest.is_empty:
            shape = rest
    return polylabel(max(getattr(shape, "geoms", [shape]), key=lambda g: g.area), tolerance=5)


def place_map_svg(
    places: Places,
    context: dict,
    rows: gpd.GeoDataFrame,
    place_id: str,
    lang: Lang,
    width: int = 720,
    height: int = 420,
) -> str:
    """The place ``place_id`` with its focus areas and ``rows`` (its shown measures)."""
    ids = places.with_descendants(place_id)
    frame = _Frame(tuple(places.metric.loc[ids].total_bounds), width, height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_esc(t("briefing_map", lang))}: {_esc(places.by_id[place_id].name)}">',
        f'<rect width="{width}" height="{height}" fill="#F7F7F5"/>',
    ]
    background = gpd.GeoDataFrame.from_features(context["features"], crs=WGS84).to_crs(METRIC_CRS)
    for layer in ("regso", "kommun"):
        colour, weight = CONTEXT_STYLE[layer]
        for geometry in background.geometry[background["layer"] == layer]:
            if d := frame.path(geometry.boundary):
                parts.append(
                    f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{weight}"/>'
                )
    conditions = rows[(rows[KIND] == "condition") & (rows[STATUS] == "active") & ~rows[LOCATED]]
    for place in conditions[PLACE].unique():
        parts.append(
            f'<path d="{frame.path(places.metric.loc[place])}" fill="{GROUP_COLOURS["condition"]}" '
            f'fill-opacity="0.18" fill-rule="evenodd" stroke="{GROUP_COLOURS["condition"]}" '
            'stroke-width="2.5" stroke-dasharray="2 5"/>'
        )
    for place in ids:
        parts.append(_outline(frame, places, place, place == place_id))
    area = rows[~rows[LOCATED] & (rows[KIND] == "measure")][PLACE].value_counts()
    for place in ids:
        x, y = frame.point(*_anchor(places, place, ids).coords[0])
        if place != place_id:
            name = _esc(places.by_id[place].name)
            label = (
                f'x="{x:.1f}" y="{y - COUNT_RADIUS - 6:.1f}" text-anchor="middle" '
                'font-size="12" font-family="sans-serif" font-weight="700"'
            )
            parts.append(
                f'<text {label} fill="#FFFFFF" stroke="#FFFFFF" stroke-width="3">{name}</text>'
                f'<text {label} fill="{PLACE_COLOUR}">{name}</text>'
            )
        if place in area:
            parts.append(_count(int(area[place]), x, y))
    located = rows[rows[LOCATED]]
    points = gpd.GeoSeries(located.geometry.values, crs=rows.crs).to_crs(METRIC_CRS)
    for type_id, point in zip(located[MEASURE_TYPE], points):
        x, y = frame.point(*point.representative_point().coords[0])
        parts.append(_symbol(type_id, x, y))
    parts.append(_scale_bar(frame, width, height))
    parts.append(
        f'<text x="{width - 8}" y="{height - 8}" text-anchor="end" font-size="9" '
        f'font-family="sans-serif" fill="#595959">{_esc(t("static_map_credit", lang))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def legend_types(rows: gpd.GeoDataFrame) -> list[str]:
    """The measure types the map of ``rows`` shows, in vocabulary order."""
    present = set(rows[MEASURE_TYPE])
    return [m for m in measure_types().ids() if m in present]
