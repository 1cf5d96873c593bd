"""Numbers and locations: decimal commas, SWEREF 99 reprojection and the Sweden check.

Where the CRS changes: x/y in EPSG:3006 or EPSG:3011 are reprojected here, once, to WGS84
(EPSG:4326) with ``always_xy=True`` so that x is always the easting. Everything after this
module holds WGS84.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely
from pyproj import Transformer

from safetymap.contract import problems as pr
from safetymap.contract.schema import (
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
LOCATION_COLUMNS = (LAT, LON, X, Y, CRS, GEOMETRY)


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


def crs_named(text: str) -> str | None:
    """The CRS a ``crs`` cell names (case and spacing ignored); None for none we know."""
    return CRS_NAMES.get(" ".join(text.lower().split()))


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
    columns: Mapping[str, Sequence[str]], rows: Sequence[int]
) -> tuple[list[shapely.Geometry | None], list[pr.Problem]]:
    """Turn each record's lat/lon, x/y/crs or WKT geometry into a WGS84 geometry (or None).

    ``columns`` maps column names to one cell per record (a column the table lacks may be
    absent); only the location columns are read. Problems name the row, the column and the
    value.

    Plain points (lat and lon alone, or x and y alone in SWEREF 99 TM), the bulk of every
    file, are parsed and checked column by column; a point that does not pass, and every
    other record, takes the record-by-record path below, which alone words problems.
    Projected points are reprojected in one batch per CRS.
    """
    n = len(rows)
    columns = {name: columns[name] for name in LOCATION_COLUMNS if name in columns}
    present = {name: filled(columns.get(name), n) for name in LOCATION_COLUMNS}
    geometries = np.full(n, None, dtype=object)
    done = ~np.logical_or.reduce(list(present.values()))  # no location: None, no problem
    latlon = np.flatnonzero(
        present[LAT] & present[LON] & ~(present[X] | present[Y] | present[CRS] | present[GEOMETRY])
    )
    xy = np.flatnonzero(
        present[X] & present[Y] & ~(present[LAT] | present[LON] | present[GEOMETRY])
    )
    crs_of = np.array(_crs_ids(columns.get(CRS), xy), dtype=object)
    batches = [(latlon, LAT, LON, WGS84)] + [
        (xy[crs_of == crs], X, Y, crs) for crs in PROJECTED_BOUNDS
    ]
    for index, first, second, crs in batches:
        a = _floats([columns[first][i] for i in index])
        b = _floats([columns[second][i] for i in index])
        lons, lats = (b, a) if crs == WGS84 else _projected(a, b, crs)
        ok = _inside_sweden(lats, lons)
        geometries[index[ok]] = shapely.points(lons[ok], lats[ok])
        done[index[ok]] = True
    problems: list[pr.Problem] = []
    rest = np.flatnonzero(~done)
    records = [{c: cells[i] for c, cells in columns.items()} for i in rest]
    found = _resolve_records(records, [rows[i] for i in rest], problems)
    for i, geometry in zip(rest, found):
        geometries[i] = geometry
    return list(geometries), problems


def filled(cells: Sequence[str] | None, n: int) -> np.ndarray:
    """Which of ``n`` records have a (non-empty) cell in a column (None: the table lacks it)."""
    if cells is None:
        return np.zeros(n, dtype=bool)
    return np.fromiter(map(bool, cells), dtype=bool, count=n)


def _floats(texts: list[str]) -> np.ndarray:
    """Each text as ``float`` reads it, NaN where it does not (the record path says why)."""
    try:
        return np.fromiter(map(float, texts), dtype=float, count=len(texts))
    except ValueError:
        return np.fromiter(map(_float_or_nan, texts), dtype=float, count=len(texts))


def _float_or_nan(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan


def _crs_ids(cells: Sequence[str] | None, index: np.ndarray) -> list[str | None]:
    """The CRS each record at ``index`` names (SWEREF 99 TM when blank; None if unknown)."""
    if cells is None:
        return [SWEREF99_TM] * len(index)
    named = {t: crs_named(t) for t in {cells[i] for i in index}}
    return [named[cells[i]] if cells[i] else SWEREF99_TM for i in index]


def _projected(xs: np.ndarray, ys: np.ndarray, crs: str) -> tuple[np.ndarray, np.ndarray]:
    """Projected x/y to WGS84 lon/lat; NaN for a point outside the CRS's bounds."""
    xmin, ymin, xmax, ymax = PROJECTED_BOUNDS[crs]
    inside = (xs >= xmin) & (xs <= xmax) & (ys >= ymin) & (ys <= ymax)
    lons, lats = np.full(len(xs), math.nan), np.full(len(xs), math.nan)
    if inside.any():
        lons[inside], lats[inside] = _transformer(crs).transform(xs[inside], ys[inside])
    return lons, lats


def _inside_sweden(lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    return (
        (lats >= SWEDEN_LAT[0])
        & (lats <= SWEDEN_LAT[1])
        & (lons >= SWEDEN_LON[0])
        & (lons <= SWEDEN_LON[1])
    )


def _resolve_records(
    cells: Sequence[dict[str, str]], rows: Sequence[int], problems: list[pr.Problem]
) -> list[shapely.Geometry | None]:
    """``resolve_locations`` one record at a time; every location problem is worded here."""
    geometries: list[shapely.Geometry | None] = [None] * len(cells)
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
    return geometries


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
    crs = crs_named(crs_text) if crs_text else None
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
