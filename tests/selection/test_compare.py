"""Comparing places: statuses at the end of each year, and measures by type."""

from __future__ import annotations

from datetime import date

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.selection import compare
from tests.conftest import ROOT, make_measure, valid_measures

TODAY = date(2026, 11, 23)


def test_each_place_counts_its_focus_areas(places: Places) -> None:
    assert compare.top_place(places, "sergels-torg") == "klara"
    assert compare.top_place(places, "valsta") == "valsta"


def test_a_row_counts_in_the_status_it_had_at_each_years_end(places: Places) -> None:
    rows = valid_measures(
        places,
        make_measure(id="a", status="completed", start_date="2021-03", end_date="2022-06"),
        make_measure(id="b", status="ongoing", start_date="2022", place="valsta"),
        make_measure(id="c", status="completed"),  # no date: never on the year axis
    )
    table = compare.status_by_year(rows, places, range(2020, 2027), TODAY)
    got = {(r.place, r.year, r.status): r.count for r in table.itertuples()}
    assert got[("kista", 2021, "ongoing")] == 1
    assert got[("kista", 2022, "completed")] == 1
    assert ("kista", 2020, "ongoing") not in got  # not started yet
    # "2022" counts from 1 January 2022, the first day it can have happened.
    assert got[("valsta", 2022, "ongoing")] == got[("valsta", 2026, "ongoing")] == 1
    assert sum(got.values()) == 6 + 5  # a: 2021–2026, b: 2022–2026, c: never


def test_types_by_place_add_up_to_the_rows_of_each_place(places: Places) -> None:
    measures = load_measures(ROOT / "measures.csv", places).measures
    table = compare.type_table(measures, places, "sv")
    assert list(table.columns) == [places.by_id[p].name for p in places.top_level()]
    assert int(table.to_numpy().sum()) == len(measures)
    assert "Belysning" in table.index and (table.sum(axis=1) > 0).all()


def test_without_years_the_axis_runs_from_the_first_change_to_this_year(places: Places) -> None:
    rows = valid_measures(
        places,
        make_measure(id="a", status="completed", start_date="2021-03", end_date="2022-06"),
        make_measure(id="c", status="completed"),
    )
    table = compare.status_by_year(rows, places, None, TODAY)
    assert sorted(set(table.year)) == list(range(2021, 2027))
    assert compare.status_by_year(rows.iloc[1:], places, None, TODAY).empty


def test_a_places_bars_read_as_a_table_of_years_and_statuses(places: Places) -> None:
    rows = valid_measures(
        places,
        make_measure(id="a", status="completed", start_date="2021-03", end_date="2022-06"),
        make_measure(id="b", status="ongoing", start_date="2022"),
        make_measure(id="c", status="ongoing", start_date="2023", place="valsta"),
    )
    counts = compare.status_by_year(rows, places, range(2020, 2025), TODAY)
    kista = counts[counts.place == "kista"]
    table = compare.status_year_table(kista, range(2020, 2025), "sv")
    # A row per year, before anything started too; only the statuses Kista has, in order.
    assert list(table.columns) == ["År", "pågående", "genomförd"]
    assert table.values.tolist() == [
        ["2020", 0, 0],
        ["2021", 1, 0],
        ["2022", 1, 1],
        ["2023", 1, 1],
        ["2024", 1, 1],
    ]
    english = compare.status_year_table(kista, range(2020, 2025), "en")
    assert list(english.columns) == ["Year", "ongoing", "completed"]
