"""Shared fixtures: the shipped places, and a small factory for measure rows and CSV bytes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import geopandas as gpd
import pytest

from safetymap.loaders import read_measures
from safetymap.places import Places, load_places

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

BASE_ROW = {
    "id": "m-1",
    "title": "Ny belysning",
    "place": "kista-busstorg",
    "measure_type": "lighting",
    "actors": "Trafikkontoret",
    "status": "completed",
}


def make_measure(**overrides: str) -> dict[str, str]:
    """A valid measure row; keyword arguments replace or add cells."""
    return {**BASE_ROW, **overrides}


def csv_bytes(
    rows: list[dict[str, str]],
    delimiter: str = ",",
    encoding: str = "utf-8",
    header: list[str] | None = None,
) -> bytes:
    """Rows written as a CSV file would be by a spreadsheet."""
    columns = header or list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode(encoding)


@pytest.fixture(scope="session")
def places() -> Places:
    return load_places(ROOT / "geodata" / "places.geojson")


def valid_measures(places: Places, *rows: dict[str, str]) -> gpd.GeoDataFrame:
    """The measures of ``rows`` as the app loads them; the rows must be valid."""
    loaded = read_measures(csv_bytes(list(rows)), "t.csv", places)
    assert loaded.report.ok, loaded.report.to_dict()
    return loaded.measures
