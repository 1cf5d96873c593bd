"""Exports: CSV round trips through the validator (also through Swedish Excel), formula
neutralising, the template, GeoJSON, Excel."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from safetymap.contract.table import contract_table
from safetymap.intake.indicators import load_indicators, read_indicators
from safetymap.intake.loaders import load_measures, read_measures
from safetymap.intake.places import Places
from safetymap.present import export
from safetymap.versions import publishing
from safetymap.versions.store import Store
from tests.conftest import ROOT, csv_bytes, make_measure, valid_measures


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


def test_excel_export_takes_out_control_characters_excel_cannot_hold(places: Places) -> None:
    measures = read_measures(
        csv_bytes([make_measure(title="Ny\x07 belysning\x1b", description="rad\x0bett")]),
        "t.csv",
        places,
    ).measures
    sheet = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(measures))).active
    row = dict(zip([c.value for c in sheet[1]], [c.value for c in sheet[2]]))
    assert (row["title"], row["description"]) == ("Ny belysning", "radett")


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


def test_the_apis_features_are_the_geojsons_with_the_rows_id(shipped, places: Places) -> None:
    features = export.features(export.feature_frame(shipped, places))
    exported = json.loads(export.to_geojson(shipped, places))["features"]
    assert [f["id"] for f in features] == list(shipped["id"])
    assert [f["properties"] for f in features] == [f["properties"] for f in exported]
    assert all({"source", "source_quote", "geometry_of"} <= set(f["properties"]) for f in features)


def test_the_geopackage_holds_every_row_with_its_geometry(
    shipped, places: Places, tmp_path
) -> None:
    path = tmp_path / "measures.gpkg"
    path.write_bytes(export.to_gpkg(shipped, places))
    info = subprocess.run(
        ["ogrinfo", "-so", "-al", str(path)], capture_output=True, text=True, timeout=60
    )
    assert info.returncode == 0, info.stderr
    assert "Layer name: measures" in info.stdout
    assert f"Feature Count: {len(shipped)}" in info.stdout
    assert "Warning" not in info.stderr
    back = gpd.read_file(path, layer="measures")
    assert list(back["id"]) == list(shipped["id"])
    assert back.geometry.notna().all() and back.crs.to_epsg() == 4326
    shown = places.shown_geometries(shipped)
    assert all(a.equals_exact(b, 1e-6) for a, b in zip(back.geometry, shown))
    assert list(back["source_quote"]) == list(contract_table(shipped)["source_quote"])
    assert set(back["geometry_of"]) == {"measure", "place"}


# Swedish Excel: what it writes when it saves a CSV it opened (Issue 19, item 5).
EXCEL_NUMBER = re.compile(r"^-?\d+,\d+$")


def excel_saves(data: bytes, encoding: str, quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    """``data`` (an export for Swedish Excel) opened and saved by Excel: numbers as it shows
    them (trailing zeros of decimals dropped), ``;``, CRLF, quoted by Python's csv module in
    Excel's dialect, encoded as "CSV UTF-8" (``utf-8-sig``) or as "CSV
    (semikolonavgränsad)" (``cp1252``, a character it lacks becomes ``?``)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    shown = [
        [c.rstrip("0").rstrip(",") if EXCEL_NUMBER.match(c) else c for c in row] for row in rows
    ]
    out = io.StringIO(newline="")
    csv.writer(out, dialect="excel", delimiter=";", quoting=quoting).writerows(shown)
    return out.getvalue().encode(encoding, errors="replace")


@pytest.fixture
def seeded(tmp_path, places: Places) -> Store:
    """A store with the shipped measures as version 1."""
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    assert publishing.seed(store, ROOT / "measures.csv", places) is not None
    yield store
    store.close()


def test_excel_csv_has_swedish_headers_labels_and_decimal_commas(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(cost_sek="1250000.5", lat="59.4037", lon="17.942", status="ongoing"),
    )
    data = export.to_excel_csv(measures)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    [row] = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    assert list(row) == list(export.SWEDISH_HEADERS.values())
    assert list(row)[:7] == [
        "Åtgärds-ID",
        "Titel",
        "Plats",
        "Slag",
        "Åtgärdstyp",
        "Aktörer",
        "Status",
    ]
    assert (row["Slag"], row["Status"], row["Plats"]) == ("åtgärd", "pågående", "Kista busstorg")
    assert row["Åtgärdstyp"] == "Belysning"
    assert (row["Kostnad"], row["Latitud"], row["Longitud"]) == (
        "1250000,5",
        "59,403700",
        "17,942000",
    )


def test_excel_csv_neutralises_formulas(places: Places) -> None:
    measures = valid_measures(places, make_measure(title="=cmd|' /C calc'!A0"))
    assert ";'=cmd|' /C calc'!A0;" in export.to_excel_csv(measures).decode("utf-8-sig")


def test_the_shipped_data_has_no_character_windows_1252_lacks() -> None:
    """So the cp1252 round trip below covers every row; the one after it shows what happens
    to a character outside cp1252."""
    (ROOT / "measures.csv").read_text(encoding="utf-8").encode("cp1252")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL])
def test_excel_csv_saved_by_excel_publishes_as_the_same_data(
    seeded: Store, shipped, places: Places, encoding: str, quoting: int
) -> None:
    saved = excel_saves(export.to_excel_csv(shipped), encoding, quoting)
    assert b"59,6175" in saved and b"59,617500" not in saved  # as Excel shows it
    loaded = read_measures(saved, "åtgärder.csv", places)
    assert loaded.report.problems == [], loaded.report.to_dict("en")
    assert loaded.report.encoding == ("cp1252" if encoding == "cp1252" else "utf-8-sig")
    checked = publishing.check(seeded, saved, "åtgärder.csv", places)
    assert checked.publishable and checked.diff.empty, checked.diff


def test_a_character_outside_windows_1252_is_lost_in_excels_plain_csv(
    seeded: Store, places: Places
) -> None:
    """Excel's "CSV (semikolonavgränsad)" writes ``?`` for what Windows-1252 cannot encode:
    the file is still valid, so the change shows only in the diff. "CSV UTF-8" keeps it."""
    measures = valid_measures(places, make_measure(title="Gångväg → busstorget, Łukasiewicz"))
    seeded.publish(contract_table(measures), by="Anna", file_name="a.csv", sha256="0")
    data = export.to_excel_csv(measures)
    kept = publishing.check(seeded, excel_saves(data, "utf-8-sig"), "b.csv", places)
    assert kept.diff.empty
    lost = publishing.check(seeded, excel_saves(data, "cp1252"), "b.csv", places)
    assert lost.publishable and lost.diff.changed == {"m-1": ["title"]}
    assert lost.loaded.measures.title[0] == "Gångväg ? busstorget, ?ukasiewicz"


def test_the_template_is_one_valid_example_row_under_the_swedish_headers(
    places: Places,
) -> None:
    data = export.template_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r["Åtgärds-ID"] for r in rows] == ["exempel-1"]
    assert rows[0]["Titel"].startswith("EXEMPEL")
    for saved in (data, excel_saves(data, "cp1252")):
        loaded = read_measures(saved, "mall.csv", places)
        assert loaded.report.problems == [], loaded.report.to_dict("en")
        assert loaded.measures.cost_sek[0] == 250000.5


def test_indicators_for_swedish_excel_read_back_as_the_same_figures(places: Places) -> None:
    shipped = load_indicators(ROOT / "indicators.csv", places)
    table = publishing.indicator_table(shipped)
    swedish = export.swedish_indicator_table(table, places)
    assert list(swedish.columns)[:4] == ["Plats", "Indikator", "Tidpunkt", "Värde"]
    assert "Anmälda brott" in set(swedish["Indikator"])
    for encoding in ("utf-8-sig", "cp1252"):
        saved = excel_saves(export.excel_csv(swedish), encoding)
        again = read_indicators(saved, "indikatorer.csv", places)
        assert again.report.problems == [], again.report.to_dict("en")
        pd.testing.assert_frame_equal(publishing.indicator_table(again), table)
