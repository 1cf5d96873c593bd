"""What a new version changes: added, removed, changed columns and dated status changes."""

from __future__ import annotations

from datetime import date

import pandas as pd

from safetymap.diff import StatusEvent, diff_tables

DAY = date(2026, 11, 23)


def table(*rows: dict[str, str]) -> pd.DataFrame:
    base = {"title": "T", "status": "planned", "status_date": "", "place": "kista"}
    return pd.DataFrame([{**base, **row} for row in rows])


def test_added_removed_and_changed_columns_by_id() -> None:
    old = table({"id": "a"}, {"id": "b"}, {"id": "c", "title": "Gammal"})
    new = table({"id": "a"}, {"id": "c", "title": "Ny", "place": "valsta"}, {"id": "d"})
    diff = diff_tables(old, new, DAY)
    assert diff.added == ["d"]
    assert diff.removed == ["b"]
    assert diff.changed == {"c": ["title", "place"]}
    assert diff.events == []
    assert not diff.empty


def test_status_change_is_dated_by_status_date() -> None:
    old = table({"id": "a", "status": "ongoing"})
    new = table({"id": "a", "title": "Lampor", "status": "completed", "status_date": "2026-05"})
    assert diff_tables(old, new, DAY).events == [
        StatusEvent("a", "Lampor", "ongoing", "completed", "2026-05")
    ]


def test_status_change_without_a_date_is_dated_by_the_publish_day() -> None:
    old = table({"id": "a", "status": "planned"})
    new = table({"id": "a", "status": "ongoing"})
    assert [e.date for e in diff_tables(old, new, DAY).events] == ["2026-11-23"]


def test_same_table_changes_nothing() -> None:
    same = table({"id": "a"}, {"id": "b"})
    assert diff_tables(same, same.copy(), DAY).empty
