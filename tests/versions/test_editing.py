"""One measure changed, added or removed: the new table, ids, points, and the same check as
a file."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from safetymap.contract.table import EXPORT_COLUMNS
from safetymap.intake.places import Places
from safetymap.versions import publishing
from safetymap.versions.editing import (
    FILE_NAME,
    Edit,
    PointError,
    PointSystem,
    actor_names,
    actors_cell,
    add_actor,
    apply_edit,
    changed_columns,
    edit_report,
    edited_line,
    point_columns,
    point_system,
    row_of,
    slug,
    suggest_id,
    table_bytes,
)
from safetymap.versions.store import Store
from tests.conftest import ROOT


@pytest.fixture
def shipped(tmp_path: Path, places: Places) -> Store:
    """A SQLite store holding the shipped file as version 1."""
    store = Store(f"sqlite:///{tmp_path / 'edit.db'}")
    publishing.seed(store, ROOT / "measures.csv", places)
    return store


def _table(*ids: str) -> pd.DataFrame:
    rows = [{c: "" for c in EXPORT_COLUMNS} | {"id": i, "title": f"T {i}"} for i in ids]
    return pd.DataFrame(rows, columns=EXPORT_COLUMNS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ny belysning vid busstorget", "ny-belysning-vid-busstorget"),
        ("Åtgärd: ÖKAD närvaro (2026)!", "atgard-okad-narvaro-2026"),
        ("  --  ", ""),
        ("Kameraövervakning i gångtunneln", "kameraovervakning-i-gangtunneln"),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_suggest_id_joins_place_and_title_and_is_unique() -> None:
    assert suggest_id("kista-busstorg", "Ny belysning", []) == "kista-busstorg-ny-belysning"
    taken = ["kista-busstorg-ny-belysning", "KISTA-BUSSTORG-NY-BELYSNING-2"]
    assert suggest_id("kista-busstorg", "Ny belysning", taken) == "kista-busstorg-ny-belysning-3"
    assert suggest_id("valsta", "", []) == "valsta"
    assert suggest_id("", "", []) == "atgard"


def test_a_suggested_id_fits_the_contract_even_for_a_long_title() -> None:
    title = "Belysning " * 20
    first = suggest_id("jakobsberg-station", title, [])
    second = suggest_id("jakobsberg-station", title, [first])
    assert len(first) <= 64 and len(second) <= 64
    assert second.endswith("-2") and first != second
    assert not first.endswith("-")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Polisen|Trafikkontoret", ["Polisen", "Trafikkontoret"]),
        (" Polisen |  | polisen | Polisen ", ["Polisen", "polisen"]),
        (
            "Polismyndigheten, lokalpolisområde Norrmalm",
            ["Polismyndigheten, lokalpolisområde Norrmalm"],
        ),
        ("", []),
    ],
)
def test_actor_names_split_on_the_bar_only(text: str, names: list[str]) -> None:
    assert actor_names(text) == names


def test_actors_cell_and_add_actor() -> None:
    assert actors_cell("Polisen|  Trafikkontoret ") == "Polisen | Trafikkontoret"
    assert add_actor("", "Polisen") == "Polisen"
    assert add_actor("Polisen", "Trafikkontoret") == "Polisen | Trafikkontoret"
    assert add_actor("Polisen | Trafikkontoret", "Polisen") == "Polisen | Trafikkontoret"


def test_point_columns_from_wgs84_with_decimal_commas() -> None:
    assert point_columns(PointSystem.WGS84, "59,4037", "17.942") == {
        "lat": "59.403700",
        "lon": "17.942000",
        "geometry": "",
    }


def test_point_columns_from_sweref_are_reprojected_to_wgs84() -> None:
    # Kista busstorg in SWEREF 99 TM (x easting, y northing).
    cells = point_columns(PointSystem.SWEREF, "667 000", "6 588 500")
    assert 59.3 < float(cells["lat"]) < 59.5 and 17.8 < float(cells["lon"]) < 18.1


def test_no_point_and_empty_fields_leave_the_row_covering_its_place() -> None:
    empty = {"lat": "", "lon": "", "geometry": ""}
    assert point_columns(PointSystem.NONE, "59.4", "17.9") == empty
    assert point_columns(PointSystem.WGS84, " ", "") == empty


def test_keep_returns_a_line_or_area_unchanged() -> None:
    row = {"lat": "", "lon": "", "geometry": "LINESTRING (17.9 59.4, 17.91 59.41)"}
    assert point_columns(PointSystem.KEEP, kept=row) == row
    assert point_system(row) is PointSystem.KEEP
    assert point_system({"lat": "59.4", "lon": "17.9", "geometry": ""}) is PointSystem.WGS84
    assert point_system({"lat": "", "lon": "", "geometry": ""}) is PointSystem.NONE


@pytest.mark.parametrize(
    ("system", "first", "second", "code"),
    [
        (PointSystem.WGS84, "59.4", "", "pair"),
        (PointSystem.WGS84, "norr", "17.9", "number"),
        (PointSystem.SWEREF, "59.4", "17.9", "bounds"),
    ],
)
def test_coordinates_that_cannot_be_a_point_are_named(
    system: PointSystem, first: str, second: str, code: str
) -> None:
    with pytest.raises(PointError, match=code) as raised:
        point_columns(system, first, second)
    assert raised.value.code == code


def test_a_change_replaces_the_row_in_its_place_and_leaves_the_table_alone() -> None:
    table = _table("a", "b", "c")
    changed = apply_edit(table, Edit({"id": "b", "title": " Ny titel ", "actors": "X|Y"}, "b"))
    assert list(changed["id"]) == ["a", "b", "c"]
    assert changed.loc[1, "title"] == "Ny titel"
    assert changed.loc[1, "actors"] == "X | Y"
    assert list(changed.columns) == EXPORT_COLUMNS
    assert list(table["title"]) == ["T a", "T b", "T c"]


def test_a_change_may_rename_the_id_an_addition_comes_last_a_removal_drops() -> None:
    table = _table("a", "b")
    assert list(apply_edit(table, Edit({"id": "b2"}, "b"))["id"]) == ["a", "b2"]
    assert list(apply_edit(table, Edit({"id": "c"}))["id"]) == ["a", "b", "c"]
    assert list(apply_edit(table, Edit(None, "a"))["id"]) == ["b"]


def test_an_edit_of_an_unknown_measure_is_refused() -> None:
    with pytest.raises(KeyError, match="'zz'"):
        apply_edit(_table("a"), Edit(None, "zz"))
    with pytest.raises(ValueError, match="needs a row"):
        Edit(None, None)


def test_row_of() -> None:
    assert row_of(_table("a", "b"), "b")["title"] == "T b"
    with pytest.raises(KeyError, match="'q'"):
        row_of(_table("a"), "q")


def test_a_status_change_is_checked_as_a_file_and_diffed_with_its_date(
    shipped: Store, places: Places
) -> None:
    table = shipped.table()
    row = row_of(table, "kista-platssamverkan-busstorg")
    assert row["status"] == "ongoing"
    edited = apply_edit(
        table, Edit(row | {"status": "completed", "status_date": "2026-10"}, row["id"])
    )
    checked = publishing.check(shipped, table_bytes(edited), FILE_NAME, places)
    assert checked.publishable
    assert checked.diff.changed == {"kista-platssamverkan-busstorg": ["status", "status_date"]}
    assert not checked.diff.added and not checked.diff.removed
    [event] = checked.diff.events
    assert (event.from_status, event.to_status, event.date) == ("ongoing", "completed", "2026-10")
    version = publishing.publish(shipped, checked, by="Anna", note="klar").version
    assert (version.number, version.file_name) == (2, FILE_NAME)
    assert row_of(shipped.table(), row["id"])["status"] == "completed"


def test_an_unchanged_table_reads_back_as_no_change(shipped: Store, places: Places) -> None:
    checked = publishing.check(shipped, table_bytes(shipped.table()), FILE_NAME, places)
    assert checked.publishable and checked.diff.empty


def test_an_added_row_with_errors_is_reported_as_a_file_is_and_blocks_publishing(
    shipped: Store, places: Places
) -> None:
    row = {
        "id": suggest_id("kista-busstorg", "Ny belysning", shipped.table()["id"]),
        "title": "Ny belysning",
        "place": "kista-busstorg",
        "kind": "measure",
        "measure_type": "lighting",
        "actors": "Trafikkontoret",
        "status": "planned",
        "start_date": "2026-13",
    }
    edited = apply_edit(shipped.table(), Edit(row))
    checked = publishing.check(shipped, table_bytes(edited), FILE_NAME, places)
    assert not checked.publishable
    [error] = checked.loaded.report.errors
    assert (error.column, error.value) == ("start_date", "2026-13")
    fixed = apply_edit(shipped.table(), Edit(row | {"start_date": "2026-Q3"}))
    checked = publishing.check(shipped, table_bytes(fixed), FILE_NAME, places)
    assert checked.publishable and checked.diff.added == [row["id"]]


def test_a_removed_row_is_diffed_as_removed(shipped: Store, places: Places) -> None:
    table = shipped.table()
    gone = table["id"].iloc[0]
    checked = publishing.check(
        shipped, table_bytes(apply_edit(table, Edit(None, gone))), FILE_NAME, places
    )
    assert checked.publishable and checked.diff.removed == [gone]


def test_a_duplicate_id_is_the_validators_error(shipped: Store, places: Places) -> None:
    table = shipped.table()
    row = row_of(table, table["id"].iloc[0])
    edited = apply_edit(table, Edit(row))  # added with an id already taken
    checked = publishing.check(shipped, table_bytes(edited), FILE_NAME, places)
    assert not checked.publishable


def test_table_bytes_keep_cells_a_spreadsheet_would_prefix() -> None:
    table = _table("a")
    table.loc[0, "title"] = "-10 % brott"
    assert b"\n" in table_bytes(table) and b"-10 % brott" in table_bytes(table)
    assert b"'-10" not in table_bytes(table)


def test_changed_columns_ignore_spacing_and_the_actors_separators_spacing() -> None:
    old = {"id": "a", "title": "T", "actors": "X | Y", "status": "planned"}
    assert changed_columns(old, old | {"title": " T ", "actors": "X|Y"}) == []
    assert changed_columns(old, old | {"status": "ongoing", "status_date": "2026"}) == [
        "status",
        "status_date",
    ]


def test_edited_line_is_the_rows_line_in_the_file_written() -> None:
    table = _table("a", "b", "c")
    assert edited_line(table, Edit({"id": "b"}, "b")) == 3
    assert edited_line(table, Edit({"id": "d"})) == 5
    assert edited_line(table, Edit(None, "a")) is None


def test_an_edit_report_keeps_every_error_and_only_the_edited_rows_warnings(
    shipped: Store, places: Places
) -> None:
    table = shipped.table()
    # Two rows name an actor the alias table does not know (a warning); one is edited, and
    # another row gets an error.
    table.loc[0, "actors"] = "Okänd förening"
    table.loc[1, "actors"] = "Okänd förening"
    table.loc[2, "start_date"] = "2026-13"
    edit = Edit(row_of(table, table["id"].iloc[1]) | {"title": "Ny titel"}, table["id"].iloc[1])
    checked = publishing.check(shipped, table_bytes(apply_edit(table, edit)), FILE_NAME, places)
    report = checked.loaded.report
    assert {(p.row, p.severity.name) for p in report.problems} >= {
        (2, "WARNING"),
        (3, "WARNING"),
        (4, "ERROR"),
    }
    shown = edit_report(report, edited_line(table, edit))
    assert {(p.row, p.severity.name) for p in shown.problems} == {(3, "WARNING"), (4, "ERROR")}
    assert len(report.problems) == 3  # the checked report itself is left as it was
