"""The contract table: measures as the contract's columns, one string per cell.

What a published version stores (``versions.store``), what a diff compares and what the
contract's CSV export writes: points as lat/lon, lines and areas as WKT, actors joined by
``|``, whole costs without decimals. Pure.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from safetymap.contract.schema import (
    ACTORS,
    COLUMN_NAMES,
    COST_SEK,
    CRS,
    GEOMETRY,
    LAT,
    LON,
    X,
    Y,
)

EXPORT_COLUMNS = [c for c in COLUMN_NAMES if c not in (X, Y, CRS)]
POINT = shapely.GeometryType.POINT


def contract_table(measures: gpd.GeoDataFrame) -> pd.DataFrame:
    """The measures in the contract's columns: points as lat/lon, lines and areas as WKT.

    Worked on whole columns (shapely's array functions): at 100 000 rows a loop over the
    geometries took most of the time a first start spends storing the file."""
    table = pd.DataFrame(measures.drop(columns=GEOMETRY)).copy()
    geometries = np.asarray(measures.geometry.array, dtype=object)
    points = shapely.get_type_id(geometries) == POINT
    lat, lon = shapely.get_y(geometries), shapely.get_x(geometries)
    table[LAT] = [f"{y:.6f}" if point else "" for y, point in zip(lat.tolist(), points)]
    table[LON] = [f"{x:.6f}" if point else "" for x, point in zip(lon.tolist(), points)]
    shapes = ~points & ~shapely.is_missing(geometries)
    wkt = np.full(len(geometries), "", dtype=object)
    if shapes.any():
        wkt[shapes] = shapely.to_wkt(geometries[shapes], rounding_precision=6)
    table[GEOMETRY] = wkt.tolist()
    table[ACTORS] = [" | ".join(a) for a in measures[ACTORS]]
    missing = measures[COST_SEK].isna().to_numpy()
    costs = measures[COST_SEK].to_numpy(dtype=float, na_value=np.nan).tolist()
    table[COST_SEK] = [
        "" if gone else (f"{c:.0f}" if c == int(c) else str(c)) for c, gone in zip(costs, missing)
    ]
    return table[EXPORT_COLUMNS].fillna("").astype(str)
