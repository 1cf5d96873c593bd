"""Status changes and periods derived from a row (and from recorded changes)."""

from __future__ import annotations

from datetime import date

from safetymap.intake.dates import parse_partial_date as d
from safetymap.selection.timeline import (
    StatusChange,
    expected_dates,
    implied_changes,
    status_on,
    status_periods,
)


def _summary(changes: list[StatusChange]) -> list[tuple[str, str | None]]:
    return [(c.status, c.date.iso() if c.date else None) for c in changes]


def test_completed_measure_runs_from_start_to_end() -> None:
    changes = implied_changes("measure", "completed", "2021-01", "2021-03")
    assert _summary(changes) == [("ongoing", "2021-01"), ("completed", "2021-03")]
    periods = status_periods(changes)
    assert [(p.status, p.start.iso(), p.end.iso() if p.end else None) for p in periods] == [
        ("ongoing", "2021-01", "2021-03"),
        ("completed", "2021-03", None),
    ]


def test_planned_measure_stays_planned_and_its_dates_are_expected() -> None:
    changes = implied_changes("measure", "planned", "2020-Q1", "2020-Q1", "2019-05-27")
    assert _summary(changes) == [("planned", "2019-05-27")]
    expected = expected_dates("planned", "2020-Q1", "2020")
    assert (expected.start.iso(), expected.end.iso()) == ("2020-Q1", "2020")


def test_ongoing_measure_end_date_is_a_target_not_a_change() -> None:
    changes = implied_changes("measure", "ongoing", "2019", "2020")
    assert _summary(changes) == [("ongoing", "2019")]
    assert expected_dates("ongoing", "2019", "2020").end.iso() == "2020"
    assert expected_dates("ongoing", "2019", "2020").start is None


def test_condition_active_then_lifted() -> None:
    assert _summary(implied_changes("condition", "lifted", "2019", "2021-06")) == [
        ("active", "2019"),
        ("lifted", "2021-06"),
    ]
    assert _summary(implied_changes("condition", "active", "2021")) == [("active", "2021")]


def test_completed_without_dates_has_an_unknown_date() -> None:
    assert _summary(implied_changes("measure", "completed")) == [("completed", None)]


def test_cancelled_after_start_uses_status_date() -> None:
    changes = implied_changes("measure", "cancelled", "2020", status_date="2021-02-01")
    assert _summary(changes) == [("ongoing", "2020"), ("cancelled", "2021-02-01")]


def test_undated_completion_comes_after_a_dated_start() -> None:
    assert _summary(implied_changes("measure", "completed", "2020")) == [
        ("ongoing", "2020"),
        ("completed", None),
    ]


def test_recorded_changes_between_versions_are_merged_in_date_order() -> None:
    recorded = [StatusChange("planned", d("2019-05-27"), "version")]
    changes = implied_changes("measure", "completed", "2020-Q1", "2020-06", recorded=recorded)
    assert _summary(changes) == [
        ("planned", "2019-05-27"),
        ("ongoing", "2020-Q1"),
        ("completed", "2020-06"),
    ]


def test_status_on_a_day_respects_precision() -> None:
    changes = implied_changes("measure", "completed", "2021-01", "2021-03")
    assert status_on(changes, date(2020, 12, 31)) is None
    assert status_on(changes, date(2021, 2, 15)) == "ongoing"
    assert status_on(changes, date(2021, 2, 28)) == "ongoing"
    assert status_on(changes, date(2021, 3, 1)) == "completed", "from the first day it can be"


def test_status_on_with_only_an_unknown_date_is_the_current_status() -> None:
    assert status_on(implied_changes("measure", "completed"), date(2020, 1, 1)) == "completed"


def _segments(**row: str):
    import pandas as pd

    from safetymap.selection.timeline import timeline_segments

    base = {
        "id": "m",
        "kind": "measure",
        "status": "completed",
        "start_date": "",
        "end_date": "",
        "status_date": "",
    }
    return timeline_segments(pd.DataFrame([{**base, **row}]), date(2026, 11, 23))


def test_a_year_precision_start_is_drawn_as_uncertain() -> None:
    segments = _segments(status="ongoing", start_date="2021")
    drawn = [
        (s.status, s.x.date().isoformat(), s.x2.date().isoformat(), s.certain)
        for s in segments.itertuples()
    ]
    assert drawn == [
        ("ongoing", "2021-01-01", "2021-12-31", False),
        ("ongoing", "2021-12-31", "2026-11-23", True),
    ]


def test_a_completed_measure_ends_where_completion_begins() -> None:
    segments = _segments(start_date="2021-01-15", end_date="2021-03")
    drawn = [
        (s.status, s.x.date().isoformat(), s.x2.date().isoformat(), s.certain)
        for s in segments.itertuples()
    ]
    assert drawn == [
        ("ongoing", "2021-01-15", "2021-03-01", True),
        ("completed", "2021-03-01", "2021-03-31", False),
        ("completed", "2021-03-31", "2026-11-23", True),
    ]


def _drawn(segments) -> list[tuple[str, str, str, bool, str, bool]]:
    return [
        (s.status, s.x.date().isoformat(), s.x2.date().isoformat(), s.certain, s.end, s.ended)
        for s in segments.itertuples()
    ]


def test_a_completed_measure_without_an_end_date_is_never_drawn_ongoing_up_to_today() -> None:
    """Started in 2020, completed at a date nobody gave: ongoing some time in 2020, then
    completed some time between then and today, both faint; ongoing ends at an unknown
    date, not today."""
    assert _drawn(_segments(start_date="2020")) == [
        ("ongoing", "2020-01-01", "2020-12-31", False, "", True),
        ("completed", "2020-12-31", "2026-11-23", False, "", False),
    ]
    # Started on a known day: the start is a point, completion faint from that day on.
    segments = _segments(start_date="2021-04-12")
    assert _drawn(segments) == [
        ("ongoing", "2021-04-12", "2021-04-12", True, "", True),
        ("completed", "2021-04-12", "2026-11-23", False, "", False),
    ]
    assert list(segments.start) == ["2021-04-12", ""]
    # The drawn status last is the status in force, as on every other row.
    assert _segments(status="cancelled", start_date="2019-Q2").status.iloc[-1] == "cancelled"


def test_a_recorded_plan_then_a_completion_of_unknown_date_after_the_start() -> None:
    import pandas as pd

    from safetymap.selection.timeline import timeline_segments

    row = {"id": "m", "kind": "measure", "status": "completed", "start_date": "2021-05"}
    recorded = {"m": [StatusChange("planned", d("2020-02-01"), "version")]}
    drawn = timeline_segments(
        pd.DataFrame([{**row, "end_date": "", "status_date": ""}]), date(2026, 11, 23), recorded
    )
    assert _drawn(drawn) == [
        ("planned", "2020-02-01", "2021-05-01", True, "2021-05", False),
        ("ongoing", "2021-05-01", "2021-05-31", False, "", True),
        ("completed", "2021-05-31", "2026-11-23", False, "", False),
    ]


def test_undated_measures_are_listed_not_drawn() -> None:
    import pandas as pd

    from safetymap.selection.timeline import undated_ids

    assert _segments().empty
    frame = pd.DataFrame(
        [
            {
                "id": "a",
                "kind": "measure",
                "status": "completed",
                "start_date": "",
                "end_date": "",
                "status_date": "",
            },
            {
                "id": "b",
                "kind": "measure",
                "status": "ongoing",
                "start_date": "2020",
                "end_date": "",
                "status_date": "",
            },
        ]
    )
    assert undated_ids(frame) == ["a"]


def test_every_shipped_measure_is_drawn_or_listed_as_undated(places) -> None:
    from safetymap.intake.loaders import load_measures
    from safetymap.selection.timeline import timeline_segments, undated_ids
    from tests.conftest import ROOT

    measures = load_measures(ROOT / "measures.csv", places).measures
    drawn = set(timeline_segments(measures, date(2026, 11, 23)).id)
    undated = set(undated_ids(measures))
    assert drawn | undated == set(measures.id) and not drawn & undated
    light = timeline_segments(
        measures[measures.id == "kista-ljusinstallation-ungdomar"], date(2026, 11, 23)
    )
    periods = list(dict.fromkeys(zip(light.status, light.start, light.end)))
    assert periods == [("ongoing", "2021-01", "2021-03"), ("completed", "2021-03", "")]
    assert list(light.certain) == [False, True, False, True], "month starts are uncertain"


def test_recorded_changes_on_one_day_keep_the_order_they_were_recorded_in() -> None:
    # A change undone the same day (v2 ongoing, v3 a rollback to planned): planned is last,
    # although a planned status sorts before an ongoing one in the life cycle.
    recorded = [
        StatusChange("ongoing", d("2026-11-15"), "version"),
        StatusChange("planned", d("2026-11-15"), "version"),
    ]
    changes = implied_changes("measure", "planned", status_date="2019-05-27", recorded=recorded)
    assert _summary(changes) == [
        ("planned", "2019-05-27"),
        ("ongoing", "2026-11-15"),
        ("planned", "2026-11-15"),
    ]
    assert status_on(changes, date(2026, 11, 15)) == "planned"
