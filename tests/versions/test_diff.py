"""What a new version changes: added, removed, changed columns and dated status changes."""

from __future__ import annotations

from datetime import date

import pandas as pd

from safetymap.versions.diff import StatusEvent, dated_after, diff_tables, in_sequence

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


def test_a_status_date_before_the_change_recorded_last_gives_way_to_the_publish_day() -> None:
    assert dated_after("2019-05-27", DAY, "2026-11-15") == "2026-11-23"
    assert dated_after("2026-11", DAY, "2026-11-15") == "2026-11-23"  # may be before it
    assert dated_after("2026-11-20", DAY, "2026-11-15") == "2026-11-20"
    assert dated_after("2026-11-15", DAY, "2026-11-15") == "2026-11-15"
    assert dated_after("2019", DAY, None) == "2019"
    # A change recorded with a date after the publish day: the new one is dated with it.
    assert dated_after("2020", DAY, "2027-01") == "2027-01"


def test_recorded_changes_read_back_never_go_back_in_time() -> None:
    def event(measure_id: str, day: str) -> StatusEvent:
        return StatusEvent(measure_id, "T", "planned", "ongoing", day)

    published = {"2026-11-15": date(2026, 11, 15), "2019-05-27": date(2026, 12, 3)}
    events = [event("a", "2026-11-15"), event("b", "2019-05-27"), event("a", "2019-05-27")]
    dated = in_sequence(events, lambda e: published[e.date])
    assert [(e.measure_id, e.date) for e in dated] == [
        ("a", "2026-11-15"),
        ("b", "2019-05-27"),  # another measure's changes do not move it
        ("a", "2026-12-03"),
    ]


def test_status_changes_are_dated_against_the_recorded_history() -> None:
    history = {"a": [StatusEvent("a", "T", "planned", "ongoing", "2026-11-15")]}
    old = table({"id": "a", "status": "ongoing", "status_date": "2026-11-15"})
    new = table({"id": "a", "status": "planned", "status_date": "2019-05-27"})
    [event] = diff_tables(old, new, DAY, history=history).events
    assert (event.from_status, event.to_status, event.date) == ("ongoing", "planned", "2026-11-23")


def test_a_measure_back_in_another_status_than_its_last_recorded_one_is_a_status_change() -> None:
    history = {"a": [StatusEvent("a", "T", "planned", "ongoing", "2026-11-15")]}
    back = diff_tables(table({"id": "b"}), table({"id": "b"}, {"id": "a"}), DAY, history=history)
    assert back.added == ["a"]
    assert [(e.measure_id, e.from_status, e.to_status) for e in back.events] == [
        ("a", "ongoing", "planned")
    ]
    same = table({"id": "b"}, {"id": "a", "status": "ongoing"})
    assert diff_tables(table({"id": "b"}), same, DAY, history=history).events == []
