"""Numbers and locations: decimal commas, SWEREF 99 reprojection and the Sweden check.

Where the CRS changes: x/y in EPSG:3006 or EPSG:3011 are reprojected here, once, to WGS84
(EPSG:4326) with ``always_xy=True`` so that x is always the easting. Everything after this
module holds WGS84.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import shapely
from pyproj import Transformer

from safetymap import problems as pr
from safetymap.schema import (
    CRS,
    CRS_NAMES,
    GEOMETRY,
    LAT,
    LON,
    PROJECTED_BOUNDS,
    SWEDEN_LAT,
    SWEDEN_LON,
    SWEREF99_TM,
    WGS84,
    X,
    Y,
)

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
GEOMETRY_TYPES = ("Point", "LineString", "Polygon")


def parse_number(text: str) -> float:
    """Parse a number as Swedish and English spreadsheets write it.

    Spaces, no-break spaces (U+00A0, U+202F) and apostrophes are thousands separators.
    With both ``.`` and ``,`` present the last one is the decimal mark; a single ``,`` is a
    decimal comma; several ``,`` are thousands separators. Raises ValueError otherwise.
    """
    try:
        return float(text)  # the common case, "59.4037", without the regex work below
    except ValueError:
        pass
    cleaned = _SPACES.sub("", text)
    if "," in cleaned and "." in cleaned:
        thousands = "." if cleaned.rfind(",") > cleaned.rfind(".") else ","
        cleaned = cleaned.replace(thousands, "").replace(",", ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(",") > 1:
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.match(cleaned) or cleaned.lower() in {"nan", "inf", "-inf"}:
        raise ValueError(f"not a number: {text!r}")
    return float(cleaned)


def in_sweden(lat: float, lon: float) -> bool:
    return SWEDEN_LAT[0] <= lat <= SWEDEN_LAT[1] and SWEDEN_LON[0] <= lon <= SWEDEN_LON[1]


@cache
def _transformer(crs: str) -> Transformer:
    return Transformer.from_crs(crs, WGS84, always_xy=True)


def to_wgs84(xs: Sequence[float], ys: Sequence[float], crs: str) -> tuple[list[float], list[float]]:
    """Reproject eastings/northings in ``crs`` to (lons, lats) in WGS84."""
    lons, lats = _transformer(crs).transform(list(xs), list(ys))
    return list(lons), list(lats)


@dataclass
class _Pending:
    """A point still in ``crs`` (WGS84 lon/lat or projected x/y), built in one batch later."""

    index: int
    row: int
    x: float
    y: float
    crs: str
    raw: str


def resolve_locations(
    cells: Sequence[dict[str, str]], rows: Sequence[int]
) -> tuple[list[shapely.Geometry | None], list[pr.Problem]]:
    """Turn each record's lat/lon, x/y/crs or WKT geometry into a WGS84 geometry (or None).

    Problems name the row, the column and the value. Projected points are reprojected in
    one batch per CRS.
    """
    geometries: list[shapely.Geometry | None] = [None] * len(cells)
    problems: list[pr.Problem] = []
    pending: list[_Pending] = []
    for i, (cell, row) in enumerate(zip(cells, rows)):
        found = _resolve_one(cell, row, problems)
        if isinstance(found, _Pending):
            found.index = i
            pending.append(found)
        else:
            geometries[i] = found
    for crs in {p.crs for p in pending}:
        batch = [p for p in pending if p.crs == crs]
        xs, ys = [p.x for p in batch], [p.y for p in batch]
        lons, lats = (xs, ys) if crs == WGS84 else to_wgs84(xs, ys, crs)
        inside = [in_sweden(lat, lon) for lon, lat in zip(lons, lats)]
        points = shapely.points([(lon, lat) for lon, lat, ok in zip(lons, lats, inside) if ok])
        for p, point in zip((p for p, ok in zip(batch, inside) if ok), points):
            geometries[p.index] = point
        problems.extend(
            pr.error("coords_outside_sweden", p.row, X, p.raw, lat=f"{lat:.5f}", lon=f"{lon:.5f}")
            for p, lon, lat, ok in zip(batch, lons, lats, inside)
            if not ok
        )
    return geometries, problems


def _numbers(
    cell: dict[str, str], row: int, names: tuple[str, str], problems: list[pr.Problem]
) -> tuple[float, float] | None:
    a, b = cell.get(names[0], ""), cell.get(names[1], "")
    if not a and not b:
        return None
    if not a or not b:
        present, missing = (names[0], names[1]) if a else (names[1], names[0])
        problems.append(
            pr.error("coords_pair", row, missing, None, present=present, missing=missing)
        )
        return None
    values = []
    for name, text in zip(names, (a, b)):
        try:
            values.append(parse_number(text))
        except ValueError:
            problems.append(pr.error("number_format", row, name, text))
    return (values[0], values[1]) if len(values) == 2 else None


def _resolve_one(
    cell: dict[str, str], row: int, problems: list[pr.Problem]
) -> shapely.Geometry | _Pending | None:
    wkt = cell.get(GEOMETRY, "")
    has_latlon = bool(cell.get(LAT) or cell.get(LON))
    has_xy = bool(cell.get(X) or cell.get(Y))
    if wkt and (has_latlon or has_xy):
        problems.append(pr.error("geometry_and_coords", row, GEOMETRY, wkt))
        return None
    if wkt:
        return _parse_wkt(wkt, row, problems)
    if has_latlon and has_xy:
        problems.append(pr.error("coords_both_kinds", row, X, None))
        return None
    crs_text = cell.get(CRS, "")
    crs = CRS_NAMES.get(" ".join(crs_text.lower().split())) if crs_text else None
    if crs_text and crs is None:
        problems.append(pr.error("crs_unknown", row, CRS, crs_text))
        return None
    if has_latlon:
        return _latlon(cell, row, problems)
    pair = _numbers(cell, row, (X, Y), problems)
    if pair is None:
        return None
    x, y = pair
    crs = crs or SWEREF99_TM
    raw = f"{cell.get(X)}, {cell.get(Y)}"
    if crs == WGS84:
        return _checked_point(y, x, row, X, raw, problems)
    xmin, ymin, xmax, ymax = PROJECTED_BOUNDS[crs]
    if not (xmin <= x <= xmax and ymin <= y <= ymax):
        code = (
            "coords_xy_swapped"
            if (xmin <= y <= xmax and ymin <= x <= ymax)
            else "coords_outside_crs"
        )
        problems.append(
            pr.error(
                code,
                row,
                X,
                raw,
                crs=crs,
                xmin=f"{xmin:.0f}",
                xmax=f"{xmax:.0f}",
                ymin=f"{ymin:.0f}",
                ymax=f"{ymax:.0f}",
            )
        )
        return None
    return _Pending(-1, row, x, y, crs, raw)


def _latlon(cell: dict[str, str], row: int, problems: list[pr.Problem]) -> _Pending | None:
    pair = _numbers(cell, row, (LAT, LON), problems)
    if pair is None:
        return None
    lat, lon = pair
    return _checked_point(lat, lon, row, LAT, f"{cell.get(LAT)}, {cell.get(LON)}", problems)


def _checked_point(
    lat: float, lon: float, row: int, column: str, raw: str, problems: list[pr.Problem]
) -> _Pending | None:
    if in_sweden(lat, lon):
        return _Pending(-1, row, lon, lat, WGS84, raw)
    code = "coords_latlon_swapped" if in_sweden(lon, lat) else "coords_outside_sweden"
    problems.append(pr.error(code, row, column, raw, lat=f"{lat:g}", lon=f"{lon:g}"))
    return None


def _parse_wkt(wkt: str, row: int, problems: list[pr.Problem]) -> shapely.Geometry | None:
    geometry = shapely.from_wkt(wkt, on_invalid="ignore")
    if geometry is None or geometry.is_empty:
        problems.append(pr.error("geometry_invalid", row, GEOMETRY, wkt))
        return None
    if geometry.geom_type not in GEOMETRY_TYPES:
        problems.append(pr.error("geometry_type", row, GEOMETRY, wkt, type=geometry.geom_type))
        return None
    if not geometry.is_valid:
        problems.append(
            pr.error(
                "geometry_topology", row, GEOMETRY, wkt, reason=shapely.is_valid_reason(geometry)
            )
        )
        return None
    minx, miny, maxx, maxy = geometry.bounds
    if not (in_sweden(miny, minx) and in_sweden(maxy, maxx)):
        problems.append(
            pr.error("coords_outside_sweden", row, GEOMETRY, wkt, lat=f"{miny:g}", lon=f"{minx:g}")
        )
        return None
    return geometry
