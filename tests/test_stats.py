"""Tables for the page: counts per place and the readable measure table."""

from __future__ import annotations

from safetymap import stats
from safetymap.loaders import read_measures
from safetymap.places import Places
from tests.conftest import csv_bytes, make_measure


def _measures(places: Places):
    rows = [
        make_measure(id="a", lat="59.4037", lon="17.942"),
        make_measure(id="b", place="valsta", start_date="2020-Q1", status="ongoing"),
        make_measure(id="c", place="valsta"),
    ]
    return read_measures(csv_bytes(rows), "t.csv", places).measures


def test_place_summary_counts_rows_and_located_rows(places: Places) -> None:
    table = stats.place_summary(places, _measures(places), "sv")
    by_place = table.set_index("Plats")
    assert by_place.loc["↳ Kista busstorg", "Rader"] == 1
    assert by_place.loc["↳ Kista busstorg", "Med egen punkt"] == 1
    assert by_place.loc["Valsta", "Rader"] == 2
    assert by_place.loc["Valsta", "Avgränsning"] == "officiell"
    assert len(table) == 8


def test_measure_table_uses_labels_in_the_chosen_language(places: Places) -> None:
    table = stats.measure_table(_measures(places), "en")
    row = table.set_index("id").loc["b"]
    assert (row["Type"], row["Status"], row["When"], row["Place"]) == (
        "Lighting",
        "ongoing",
        "from Q1 2020",
        "Valsta",
    )
    assert row["Actors"] == "Trafikkontoret (Stockholms stad)"
