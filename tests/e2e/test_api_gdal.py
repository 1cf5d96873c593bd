"""GDAL's own OGC API – Features client (the OAPIF driver of Debian's ``gdal-bin``, what QGIS
and other GIS build on) reads the running API: it lists the collections, copies the measures
and the outcome series to a GeoPackage with every row, and a bbox around Kista gives exactly
the measures whose geometry (their own, or their place's polygon) meets it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from safetymap.config import ROOT
from safetymap.intake.areas import load_areas
from safetymap.intake.loaders import load_measures
from safetymap.intake.outcomes import load_outcomes
from safetymap.intake.places import Places
from safetymap.selection.filters import MeasureFilter
from tests.e2e.analyst import SHIPPED
from tools.appserver import start_app

TIMEOUT_S = 120


@pytest.fixture(scope="module")
def api() -> Iterator[str]:
    """The API of a server on the shipped data (its first request seeds version 1)."""
    with start_app() as url:
        yield f"OAPIF:{url}api/"


def _gdal(*command: str, debug: bool = False) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "CPL_DEBUG": "ON" if debug else "OFF", "GDAL_HTTP_PROXY": ""}
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, env=env)


@pytest.fixture(scope="module")
def shipped(places: Places) -> gpd.GeoDataFrame:
    return load_measures(SHIPPED, places).measures


def test_ogrinfo_lists_the_collections(api: str) -> None:
    listed = _gdal("ogrinfo", "-ro", "-q", api)
    assert listed.returncode == 0, listed.stderr
    assert [line.split(":")[1].split()[0] for line in listed.stdout.splitlines() if line] == [
        "measures",
        "indicators",
        "outcomes",
        "places",
    ]
    summary = _gdal("ogrinfo", "-ro", "-so", api, "measures")
    assert "Feature Count: 78" in summary.stdout, summary.stdout + summary.stderr


def test_ogr2ogr_copies_every_measure_with_its_geometry(
    api: str, shipped: gpd.GeoDataFrame, places: Places, tmp_path: Path
) -> None:
    out = tmp_path / "measures.gpkg"
    copied = _gdal("ogr2ogr", "-f", "GPKG", str(out), api, "measures")
    assert copied.returncode == 0, copied.stderr
    frame = gpd.read_file(out, layer="measures")
    assert sorted(frame["id"]) == sorted(shipped["id"])
    by_id = dict(zip(frame["id"], frame.geometry))
    shown = dict(zip(shipped["id"], places.shown_geometries(shipped)))
    assert all(by_id[i].equals_exact(g, 1e-6) for i, g in shown.items())
    assert set(frame["geometry_of"]) == {"measure", "place"}
    assert frame["source_quote"].str.len().gt(0).any()


def test_ogr2ogr_copies_every_outcome_with_its_areas_polygon(
    api: str, places: Places, tmp_path: Path
) -> None:
    areas = load_areas(places, ROOT / "geodata" / "areas.geojson")
    shipped = load_outcomes(ROOT / "outcomes.csv", areas).table
    out = tmp_path / "outcomes.gpkg"
    copied = _gdal("ogr2ogr", "-f", "GPKG", str(out), api, "outcomes")
    assert copied.returncode == 0, copied.stderr
    frame = gpd.read_file(out, layer="outcomes")
    expected = [f"{a}.{i}.{p}" for a, i, p in zip(shipped["area"], shipped["indicator"],
                                                   shipped["period"])]  # fmt: skip
    assert list(frame["id"]) == expected and len(frame) == 3600
    assert frame["value"].tolist() == shipped["number"].tolist()
    assert set(frame["geometry_of"]) == {"area"}
    shapes = dict(zip(frame["area"], frame.geometry))
    assert all(shapes[a].equals_exact(areas.frame.geometry[a], 1e-6) for a in shapes)


def test_a_bbox_around_kista_gives_exactly_the_measures_that_meet_it(
    api: str, shipped: gpd.GeoDataFrame, places: Places, tmp_path: Path
) -> None:
    west, south, east, north = places.frame.geometry["kista"].bounds
    box = shapely.box(west, south, east, north)
    expected = sorted(i for i, g in zip(shipped["id"], places.shown_geometries(shipped))
                      if g.intersects(box))  # fmt: skip
    assert 0 < len(expected) < len(shipped)
    out = tmp_path / "kista.gpkg"
    spat = [str(v) for v in (west, south, east, north)]
    copied = _gdal("ogr2ogr", "-f", "GPKG", "-spat", *spat, str(out), api, "measures", debug=True)
    assert copied.returncode == 0, copied.stderr
    assert "bbox=" in copied.stderr  # the server picked the rows, not only GDAL
    assert sorted(gpd.read_file(out, layer="measures")["id"]) == expected


def test_a_filtered_url_gives_gdal_the_maps_selection(
    api: str, shipped: gpd.GeoDataFrame, places: Places, tmp_path: Path
) -> None:
    expected = sorted(MeasureFilter(places=("kista",)).apply(shipped, places)["id"])
    out = tmp_path / "kista.gpkg"
    copied = _gdal("ogr2ogr", "-f", "GPKG", str(out), f"{api}?place=kista", "measures")
    assert copied.returncode == 0, copied.stderr
    assert sorted(gpd.read_file(out, layer="measures")["id"]) == expected
