"""Tables for the page: counts per place and the readable measure table."""

from __future__ import annotations

from safetymap.intake.loaders import read_measures
from safetymap.intake.places import Places
from safetymap.present import stats
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


def test_counts_by_status_place_and_type(places: Places) -> None:
    measures = _measures(places)
    by_status = stats.count_by(measures, "status", ["planned", "ongoing", "completed"], str.upper)
    assert by_status.to_dict("list") == {
        "id": ["planned", "ongoing", "completed"],
        "label": ["PLANNED", "ONGOING", "COMPLETED"],
        "count": [0, 1, 2],
    }
    by_place = stats.count_by_place(measures, places).set_index("id")["count"].to_dict()
    assert by_place == {"kista": 1, "klara": 0, "jakobsberg": 0, "valsta": 2}
    assert stats.actor_count(measures) == 1
