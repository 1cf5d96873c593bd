"""What a table undoes of the versions published after the one it was checked against."""

from __future__ import annotations

import pandas as pd

from safetymap.contract.table import EXPORT_COLUMNS
from safetymap.versions.changes import change_lines
from safetymap.versions.landed import reverted
from safetymap.versions.store import INDICATORS

KEY = ("id",)


def table(*rows: dict[str, str]) -> pd.DataFrame:
    base = {"kind": "measure", "status": "planned", "title": "Belysning", "place": "kista"}
    return (
        pd.DataFrame([{**base, **row} for row in rows])
        .reindex(columns=EXPORT_COLUMNS, fill_value="")
        .fillna("")
    )


BASE = table({"id": "a"}, {"id": "b"}, {"id": "c"})


def test_a_file_checked_before_another_version_undoes_its_status_change() -> None:
    # Bo set a to ongoing in version 2; Anna's file, made from version 1, changes b's title.
    bo = table({"id": "a", "status": "ongoing"}, {"id": "b"}, {"id": "c"})
    anna = table({"id": "a"}, {"id": "b", "title": "Ny titel"}, {"id": "c"})
    [undone] = reverted(BASE, [(2, bo)], anna, KEY)
    assert undone.version == 2
    assert (undone.diff.added, undone.diff.removed) == ([], [])
    assert undone.diff.values == {"a": {"status": ("planned", "ongoing")}}
    assert change_lines(undone.diff, "sv") == ["~ a: Status: planerad → pågående"]


def test_what_the_file_does_too_or_leaves_alone_is_not_undone() -> None:
    bo = table({"id": "a", "status": "ongoing"}, {"id": "b"}, {"id": "c"})
    # The same change made in the file, or a file made from version 2 itself.
    same = table({"id": "a", "status": "ongoing"}, {"id": "b", "title": "x"}, {"id": "c"})
    assert reverted(BASE, [(2, bo)], same, KEY) == []
    assert reverted(BASE, [], BASE, KEY) == []


def test_added_and_removed_rows_and_a_removed_row_that_was_changed() -> None:
    # Version 2 adds d and removes c; version 3 changes b. The file (from version 1) has c,
    # lacks d, and leaves b out altogether.
    second = table({"id": "a"}, {"id": "b"}, {"id": "d"})
    third = table({"id": "a"}, {"id": "b", "status": "completed"}, {"id": "d"})
    mine = table({"id": "a"}, {"id": "c"})
    two, three = reverted(BASE, [(2, second), (3, third)], mine, KEY)
    assert (two.version, two.diff.added, two.diff.removed, two.diff.changed) == (
        2,
        ["d"],
        ["c"],
        {},
    )
    assert (three.version, three.diff.values) == (3, {"b": {"status": ("planned", "completed")}})


def test_a_field_changed_twice_is_named_by_the_last_version_from_base_to_in_force() -> None:
    second = table({"id": "a", "status": "ongoing"}, {"id": "b"}, {"id": "c"})
    third = table({"id": "a", "status": "completed"}, {"id": "b"}, {"id": "c"})
    [undone] = reverted(BASE, [(2, second), (3, third)], BASE, KEY)
    assert (undone.version, undone.diff.values) == (3, {"a": {"status": ("planned", "completed")}})
    # Changed and changed back: nothing left to undo.
    back = table({"id": "a"}, {"id": "b"}, {"id": "c"})
    assert reverted(BASE, [(2, second), (3, back)], BASE, KEY) == []


def test_indicators_are_told_apart_by_place_indicator_and_period() -> None:
    columns = list(INDICATORS.columns)
    row = {"place": "klara", "indicator": "reported_crimes", "period": "2018", "value": "14261"}
    base = pd.DataFrame([row]).reindex(columns=columns, fill_value="")
    landed = pd.DataFrame([{**row, "value": "14300"}]).reindex(columns=columns, fill_value="")
    [undone] = reverted(base, [(4, landed)], base, INDICATORS.key)
    assert undone.diff.values == {"klara · reported_crimes · 2018": {"value": ("14261", "14300")}}
