"""Exports of what a view shows: CSV (back in the contract's format), GeoJSON and Excel.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) are prefixed with ``'`` in CSV and Excel (OWASP "CSV injection").
A CSV export reads back through the same validator with the same ids and values.
"""

from __future__ import annotations

import io
import json

import geopandas as gpd
import pandas as pd
import shapely

from safetymap.places import Places
from safetymap.schema import (
    ACTORS,
    COLUMN_NAMES,
    COST_SEK,
    CRS,
    GEOMETRY,
    LAT,
    LON,
    PLACE,
    WGS84,
    X,
    Y,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXPORT_COLUMNS = [c for c in COLUMN_NAMES if c not in (X, Y, CRS)]


def neutralise(value: object) -> object:
    """A text cell that cannot run as a spreadsheet formula (numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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


def _safe(table: pd.DataFrame) -> pd.DataFrame:
    return table.map(neutralise)


def table_csv(table: pd.DataFrame) -> bytes:
    """Any table as UTF-8 with BOM and ``;``, as Swedish Excel opens it; formulas neutralised."""
    return _safe(table).to_csv(index=False, sep=";").encode("utf-8-sig")


def to_csv(measures: gpd.GeoDataFrame) -> bytes:
    """The measures in the contract's columns (see ``table_csv``)."""
    return table_csv(contract_table(measures))


def to_xlsx(measures: gpd.GeoDataFrame, sheet: str = "Åtgärder") -> bytes:
    """An Excel workbook of the same table; formulas neutralised."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _safe(contract_table(measures)).to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def to_geojson(measures: gpd.GeoDataFrame, places: Places) -> bytes:
    """A FeatureCollection in WGS84; a row with no location of its own gets its place polygon
    (property ``geometry_of`` says which)."""
    table = contract_table(measures).drop(columns=[LAT, LON, GEOMETRY])
    own = list(measures.geometry)
    geometry = [
        g if g is not None else places.frame.geometry[p] for g, p in zip(own, measures[PLACE])
    ]
    table["geometry_of"] = ["measure" if g is not None else "place" for g in own]
    frame = gpd.GeoDataFrame(table, geometry=geometry, crs=WGS84)
    return json.dumps(json.loads(frame.to_json(drop_id=True)), ensure_ascii=False).encode()
