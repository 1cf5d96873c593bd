"""Exports of what a view shows: CSV (back in the contract's format), CSV for Swedish Excel,
GeoJSON, GeoPackage and Excel; the features the API serves (the GeoJSON's); and the template
an analyst starts a new file from.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) are prefixed with ``'`` in CSV and Excel (OWASP "CSV injection").
A CSV export reads back through the same validator with the same ids and values; so does the
CSV for Swedish Excel (Swedish headers and labels, decimal commas) after Excel has opened and
saved it, as "CSV UTF-8" or as "CSV (semikolonavgränsad)" in Windows-1252.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from safetymap.contract.schema import (
    ACTORS,
    COST_SEK,
    DESCRIPTION,
    END_DATE,
    GEOMETRY,
    ID,
    KIND,
    LAT,
    LON,
    MEASURE_TYPE,
    PLACE,
    PLACE_NAME,
    SOURCE,
    SOURCE_QUOTE,
    START_DATE,
    STATUS,
    STATUS_DATE,
    TITLE,
    WGS84,
)
from safetymap.contract.table import contract_table
from safetymap.contract.vocab import indicators, kinds, measure_types, statuses, units
from safetymap.intake import indicators as ind
from safetymap.intake import outcomes as oc
from safetymap.intake.areas import Areas
from safetymap.intake.places import Places

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ExportFormat = Literal["csv", "excel-csv", "geojson", "gpkg", "xlsx"]
GEOMETRY_OF = "geometry_of"  # "measure": the row's own geometry; "place": its place's polygon
GPKG_LAYER = "measures"

# The Swedish header of each exported column: one of the aliases the reader accepts
# (``schema.COLUMNS``), capitalised as Excel users write them.
SWEDISH_HEADERS: dict[str, str] = {
    ID: "Åtgärds-ID",
    TITLE: "Titel",
    PLACE: "Plats",
    KIND: "Slag",
    MEASURE_TYPE: "Åtgärdstyp",
    ACTORS: "Aktörer",
    STATUS: "Status",
    STATUS_DATE: "Statusdatum",
    START_DATE: "Startdatum",
    END_DATE: "Slutdatum",
    LAT: "Latitud",
    LON: "Longitud",
    GEOMETRY: "Geometri",
    COST_SEK: "Kostnad",
    DESCRIPTION: "Beskrivning",
    SOURCE: "Källa",
    SOURCE_QUOTE: "Citat",
}
SWEDISH_INDICATOR_HEADERS: dict[str, str] = {
    ind.PLACE: "Plats",
    ind.INDICATOR: "Indikator",
    ind.PERIOD: "Tidpunkt",
    ind.VALUE: "Värde",
    ind.UNIT: "Enhet",
    ind.SOURCE: "Källa",
    ind.SOURCE_QUOTE: "Citat",
}
SWEDISH_OUTCOME_HEADERS: dict[str, str] = {
    oc.AREA: "Område",
    oc.INDICATOR: "Indikator",
    oc.PERIOD: "Period",
    oc.VALUE: "Värde",
    oc.UNIT: "Enhet",
    oc.PRELIMINARY: "Preliminär",
    oc.SOURCE: "Källa",
    oc.SOURCE_REF: "Källhänvisning",
}
DECIMAL_COLUMNS = (LAT, LON, COST_SEK)

# The template's one row: clearly an example, and valid as it stands.
TEMPLATE_ROW: dict[str, str] = {
    ID: "exempel-1",
    TITLE: "EXEMPEL – ersätt eller ta bort raden: Ny belysning vid busstorget",
    PLACE: "Kista busstorg",
    KIND: "åtgärd",
    MEASURE_TYPE: "Belysning",
    ACTORS: "Trafikkontoret | Polisen",
    STATUS: "planerad",
    STATUS_DATE: "",
    START_DATE: "2027-Q1",
    END_DATE: "2027",
    LAT: "59,4037",
    LON: "17,942",
    GEOMETRY: "",
    COST_SEK: "250000,5",
    DESCRIPTION: "Exempelrad. Datum: 2027, 2027-03, 2027-03-15 eller 2027-Q1. Flera aktörer "
    "skiljs med |. Koordinater (WGS84) bara där en plats pekas ut.",
    SOURCE: "Källdokumentets namn eller webbadress",
    SOURCE_QUOTE: "Orden i källan som stöder raden",
}


def neutralise(value: object) -> object:
    """A text cell that cannot run as a spreadsheet formula (numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe(table: pd.DataFrame) -> pd.DataFrame:
    return table.map(neutralise)


def table_csv(table: pd.DataFrame) -> bytes:
    """Any table as UTF-8 with BOM and ``;``, as Swedish Excel opens it; formulas neutralised."""
    return _safe(table).to_csv(index=False, sep=";").encode("utf-8-sig")


def to_csv(measures: gpd.GeoDataFrame) -> bytes:
    """The measures in the contract's columns (see ``table_csv``)."""
    return table_csv(contract_table(measures))


def decimal_comma(number: str) -> str:
    """A number as Swedish Excel writes it: ``1250000.5`` → ``1250000,5``."""
    return number.replace(".", ",")


def _number_text(value: float) -> str:
    """The shortest decimal text that reads back as ``value``, never in exponent form."""
    return str(np.format_float_positional(value, trim="-"))


def swedish_table(measures: gpd.GeoDataFrame) -> pd.DataFrame:
    """The contract table in Swedish: Swedish headers, the places' names, Swedish labels for
    kind, measure type and status, decimal commas. Every header and value is one the reader
    accepts, so the table reads back as the same data."""
    table = contract_table(measures)
    if PLACE_NAME in measures:
        table[PLACE] = [n or p for n, p in zip(measures[PLACE_NAME].fillna(""), table[PLACE])]
    for column, vocabulary in ((KIND, kinds()), (MEASURE_TYPE, measure_types())):
        table[column] = [vocabulary.label(v, "sv") if v else "" for v in table[column]]
    table[STATUS] = [statuses().label(v, "sv") if v else "" for v in table[STATUS]]
    table[COST_SEK] = ["" if pd.isna(c) else _number_text(float(c)) for c in measures[COST_SEK]]
    for column in DECIMAL_COLUMNS:
        table[column] = [decimal_comma(v) for v in table[column]]
    return table.rename(columns=SWEDISH_HEADERS)


def excel_csv(table: pd.DataFrame) -> bytes:
    """A table as Swedish Excel's "CSV UTF-8" holds it: UTF-8 with BOM (so Excel shows å, ä,
    ö and every other character right), ``;`` between cells, CRLF line ends; formulas
    neutralised."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", delimiter=";", lineterminator="\r\n")
    writer.writerow(table.columns)
    writer.writerows(_safe(table).itertuples(index=False, name=None))
    return out.getvalue().encode("utf-8-sig")


def to_excel_csv(measures: gpd.GeoDataFrame) -> bytes:
    """The measures for Swedish Excel (see ``swedish_table`` and ``excel_csv``)."""
    return excel_csv(swedish_table(measures))


def template_csv() -> bytes:
    """A file to start from: the Swedish headers and one example row (id ``exempel-1``)."""
    row = pd.DataFrame([TEMPLATE_ROW])[list(SWEDISH_HEADERS)]
    return excel_csv(row.rename(columns=SWEDISH_HEADERS))


def swedish_indicator_table(table: pd.DataFrame, places: Places) -> pd.DataFrame:
    """A stored indicators table in Swedish: headers, the places' names and the indicators'
    Swedish labels. Values stay as the file gave them: they are kept as text."""
    swedish = table[list(SWEDISH_INDICATOR_HEADERS)].fillna("").astype(str).copy()
    swedish[ind.PLACE] = [
        places.by_id[p].name if p in places.by_id else p for p in swedish[ind.PLACE]
    ]
    swedish[ind.INDICATOR] = [indicators().label(i, "sv") for i in swedish[ind.INDICATOR]]
    return swedish.rename(columns=SWEDISH_INDICATOR_HEADERS)


def _xlsx_text(value: object) -> object:
    """A cell Excel's file format can hold: the control characters it refuses (openpyxl's own
    list of them; invisible in a cell anyway) taken out."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def swedish_outcome_table(table: pd.DataFrame, areas: Areas) -> pd.DataFrame:
    """A stored outcomes table in Swedish: headers, the areas' names, the indicators' and
    units' Swedish labels, decimal commas and the flag as ``ja``/``nej``; every value one the
    reader takes back as the same."""
    swedish = table[list(SWEDISH_OUTCOME_HEADERS)].fillna("").astype(str).copy()
    swedish[oc.AREA] = [areas.by_id[a].name if a in areas.by_id else a for a in swedish[oc.AREA]]
    swedish[oc.INDICATOR] = [indicators().label(i, "sv") for i in swedish[oc.INDICATOR]]
    swedish[oc.UNIT] = [units().label(u, "sv") for u in swedish[oc.UNIT]]
    swedish[oc.VALUE] = [decimal_comma(v) for v in swedish[oc.VALUE]]
    swedish[oc.PRELIMINARY] = ["ja" if f == "true" else "nej" for f in swedish[oc.PRELIMINARY]]
    return swedish.rename(columns=SWEDISH_OUTCOME_HEADERS)


def to_xlsx(measures: gpd.GeoDataFrame, sheet: str = "Åtgärder") -> bytes:
    """An Excel workbook of the same table; formulas neutralised, control characters out."""
    buffer = io.BytesIO()
    table = _safe(contract_table(measures)).map(_xlsx_text)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def feature_frame(measures: gpd.GeoDataFrame, places: Places) -> gpd.GeoDataFrame:
    """The measures as features in WGS84: the contract's columns (each row with its source
    and quote), each row's geometry as shown (its own, or its place's polygon for a row that
    covers its place: ``Places.shown_geometries``) and ``geometry_of`` saying which
    (``measure`` or ``place``)."""
    table = contract_table(measures).drop(columns=[LAT, LON, GEOMETRY])
    table[GEOMETRY_OF] = ["measure" if g is not None else "place" for g in measures.geometry]
    return gpd.GeoDataFrame(table, geometry=places.shown_geometries(measures), crs=WGS84)


def features(frame: gpd.GeoDataFrame) -> list[dict]:
    """The GeoJSON features of a ``feature_frame``, each with the row's id as its own."""
    found = frame.to_geo_dict(drop_id=True)["features"]
    for feature, row_id in zip(found, frame[ID]):
        feature["id"] = row_id
    return found


def to_geojson(measures: gpd.GeoDataFrame, places: Places) -> bytes:
    """A FeatureCollection in WGS84 (``feature_frame``); a row with no location of its own
    gets its place polygon (property ``geometry_of`` says which)."""
    collection = feature_frame(measures, places).to_geo_dict(drop_id=True)
    return json.dumps(collection, ensure_ascii=False).encode()


def to_gpkg(measures: gpd.GeoDataFrame, places: Places) -> bytes:
    """A GeoPackage with one layer, ``measures``: the rows of ``feature_frame`` (every row
    with its geometry, ``geometry_of`` and its source and quote), in WGS84."""
    frame = feature_frame(measures, places)
    with tempfile.TemporaryDirectory(prefix="safetymap-gpkg-") as folder:
        path = Path(folder) / "measures.gpkg"
        # GeoPackage 1.2, which every GIS of the last years reads (GDAL 3.6 warns on 1.4).
        frame.to_file(path, driver="GPKG", layer=GPKG_LAYER, engine="pyogrio", VERSION="1.2")
        return path.read_bytes()


def measures_file(measures: gpd.GeoDataFrame, places: Places, fmt: ExportFormat) -> bytes:
    """The measures as a file of format ``fmt``."""
    if fmt == "geojson":
        return to_geojson(measures, places)
    if fmt == "gpkg":
        return to_gpkg(measures, places)
    return {"csv": to_csv, "excel-csv": to_excel_csv, "xlsx": to_xlsx}[fmt](measures)
