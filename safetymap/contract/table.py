"""The contract table: measures as the contract's columns, one string per cell.

What a published version stores (``versions.store``), what a diff compares and what the
contract's CSV export writes: points as lat/lon, lines and areas as WKT, actors joined by
``|``, whole costs without decimals. Pure.
"""

from __future__ import annotations

import geopandas as gpd
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


def contract_table(measures: gpd.GeoDataFrame) -> pd.DataFrame:
    """The measures in the contract's columns: points as lat/lon, lines and areas as WKT."""
    table = pd.DataFrame(measures.drop(columns=GEOMETRY)).copy()
    geometries = list(measures.geometry)
    points = [g if g is not None and g.geom_type == "Point" else None for g in geometries]
    table[LAT] = [f"{p.y:.6f}" if p else "" for p in points]
    table[LON] = [f"{p.x:.6f}" if p else "" for p in points]
    table[GEOMETRY] = [
        shapely.to_wkt(g, rounding_precision=6) if g is not None and g.geom_type != "Point" else ""
        for g in geometries
    ]
    table[ACTORS] = [" | ".join(a) for a in measures[ACTORS]]
    table[COST_SEK] = [
        f"{c:.0f}" if pd.notna(c) and c == int(c) else ("" if pd.isna(c) else str(c))
        for c in measures[COST_SEK]
    ]
    return table[EXPORT_COLUMNS].fillna("").astype(str)
