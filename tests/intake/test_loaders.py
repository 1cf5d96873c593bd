"""Loading from disk: missing and unreadable files are reported, not raised."""

from __future__ import annotations

from pathlib import Path

from safetymap.intake.loaders import load_measures, read_measures
from safetymap.intake.places import Places
from tests.conftest import csv_bytes, make_measure


def test_loads_a_file_from_disk(places: Places, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(csv_bytes([make_measure()], delimiter=";", encoding="cp1252"))
    loaded = load_measures(path, places)
    assert loaded.readable and loaded.report.ok and len(loaded.measures) == 1
    assert loaded.report.path == str(path)


def test_missing_file_is_reported_by_name(places: Places, tmp_path: Path) -> None:
    loaded = load_measures(tmp_path / "saknas.csv", places)
    assert not loaded.readable and len(loaded.measures) == 0
    assert loaded.report.errors[0].message("en") == "The file saknas.csv does not exist."


def test_a_directory_is_unreadable_not_a_crash(places: Places, tmp_path: Path) -> None:
    loaded = load_measures(tmp_path, places)
    assert not loaded.readable
    assert loaded.report.errors[0].code == "file_unreadable"


def test_unreadable_csv_gives_empty_measures_with_the_columns(
    places: Places, tmp_path: Path
) -> None:
    path = tmp_path / "tom.csv"
    path.write_bytes(b"")
    loaded = load_measures(path, places)
    assert not loaded.readable and loaded.report.errors[0].code == "file_empty"
    assert {"id", "place", "geometry"} <= set(loaded.measures.columns)


def test_the_report_counts_rows_per_coordinate_system(places: Places) -> None:
    rows = [
        make_measure(id="a", lat="59.4037", lon="17.942"),
        make_measure(id="b", x="667000", y="6583000"),
        make_measure(id="c", x="150000", y="6580000", crs="SWEREF 99 18 00"),
        make_measure(id="d"),
    ]
    report = read_measures(csv_bytes(rows), "t.csv", places).report
    assert report.coordinates == {"EPSG:4326": 1, "EPSG:3006": 1, "EPSG:3011": 1, "": 1}
