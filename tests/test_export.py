"""Exports: CSV round trip through the validator, formula neutralising, GeoJSON, Excel."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest

from safetymap import export
from safetymap.loaders import load_measures, read_measures
from safetymap.places import Places
from tests.conftest import ROOT, csv_bytes, make_measure


@pytest.fixture(scope="module")
def shipped(places: Places):
    return load_measures(ROOT / "measures.csv", places).measures


def test_csv_export_reads_back_identically(shipped, places: Places) -> None:
    data = export.to_csv(shipped)
    assert data.startswith(b"\xef\xbb\xbf")
    again = read_measures(data, "export.csv", places)
    assert again.report.problems == []
    columns = [
        "id",
        "title",
        "place",
        "kind",
        "measure_type",
        "actors",
        "status",
        "status_date",
        "start_date",
        "end_date",
        "cost_sek",
        "description",
        "source",
        "source_quote",
    ]
    assert again.measures[columns].astype(str).equals(shipped[columns].astype(str))
    assert [g.wkt if g else None for g in again.measures.geometry] == [
        g.wkt if g else None for g in shipped.geometry
    ]


@pytest.mark.parametrize(
    "value, safe",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+46 8 123", "'+46 8 123"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Ny belysning", "Ny belysning"),
        (12.5, 12.5),
    ],
)
def test_formulas_are_neutralised(value, safe) -> None:
    assert export.neutralise(value) == safe


def test_csv_and_excel_exports_carry_no_formula(places: Places) -> None:
    measures = read_measures(
        csv_bytes([make_measure(title="=cmd|' /C calc'!A0", description="@SUM(1+1)")]),
        "t.csv",
        places,
    ).measures
    assert b"'=cmd" in export.to_csv(measures)
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(measures))).active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row["title"] == "'=cmd|' /C calc'!A0" and row["description"] == "'@SUM(1+1)"
    assert all(c.data_type != "f" for c in sheet[2])


def test_geojson_gives_area_wide_rows_their_place(shipped, places: Places) -> None:
    collection = json.loads(export.to_geojson(shipped, places))
    features = collection["features"]
    assert len(features) == len(shipped)
    by_id = {f["properties"]["id"]: f for f in features}
    park = by_id["valsta-vattentornsparken-upprustning"]
    assert park["properties"]["geometry_of"] == "measure"
    assert park["geometry"]["type"] == "Point"
    area = by_id["valsta-riskomrade"]
    assert area["properties"]["geometry_of"] == "place"
    assert area["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert area["properties"]["actors"] == "Polisen"
