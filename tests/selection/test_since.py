"""Since the last briefing: a day or a version read against the versions published, and what
changed after it (new measures, status changes recorded or implied by dates, conditions)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from safetymap.intake.places import Places
from safetymap.selection import since
from safetymap.selection.since import Baseline, Change, Since, SinceProblem
from safetymap.versions.store import RecordedEvent
from tests.conftest import make_measure, valid_measures

TODAY = date(2026, 11, 23)
PUBLISHED = [(1, date(2026, 3, 2)), (2, date(2026, 6, 10)), (3, date(2026, 9, 15))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-09-01", Since(date(2026, 9, 1), 2)),  # version 2 was in force that day
        ("2026-09-15", Since(date(2026, 9, 15), 3)),  # published that day: in force at its end
        ("2026-11-23", Since(date(2026, 11, 23), 3)),  # today
        ("2", Since(date(2026, 6, 10), 2, by_version=True)),
        ("v3", Since(date(2026, 9, 15), 3, by_version=True)),
    ],
)
def test_a_day_stands_for_the_version_then_in_force_and_a_number_for_itself(
    text: str, expected: Since
) -> None:
    assert since.read_since(text, PUBLISHED, TODAY) == (expected, None)
    assert expected.param() == (text.lstrip("v") if expected.by_version else text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2026-11-24", "since_future"),
        ("4", "since_unknown_version"),
        ("2026-02-30", "bad_value"),
        ("igår", "bad_value"),
        ("1.5", "bad_value"),
    ],
)
def test_a_future_day_an_unknown_version_or_other_text_is_not_used(text: str, code: str) -> None:
    assert since.read_since(text, PUBLISHED, TODAY) == (None, SinceProblem(code))


def test_a_day_before_the_first_version_is_used_with_a_notice() -> None:
    found, problem = since.read_since("2025-12-31", PUBLISHED, TODAY)
    assert found == Since(date(2025, 12, 31), None)
    assert problem == SinceProblem("since_before_first", (1, date(2026, 3, 2)))
    assert since.read_since("2025-12-31", [], TODAY)[1] == SinceProblem("since_before_first")


def test_headings_name_the_day_or_the_version() -> None:
    assert Since(date(2026, 9, 1), 2).heading("sv") == "Sedan 2026-09-01"
    by_version = Since(date(2026, 6, 10), 2, by_version=True)
    assert by_version.heading("en") == "Since version 2 (2026-06-10)"


def _event(measure_id: str, old: str | None, new: str, day: str, version: int) -> RecordedEvent:
    return RecordedEvent(
        measure_id=measure_id,
        title=measure_id,
        from_status=old,
        to_status=new,
        date=day,
        version=version,
        published_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


@pytest.fixture
def rows(places: Places):
    return valid_measures(
        places,
        make_measure(id="old", title="Gammal belysning", status="completed"),
        make_measure(id="done", title="Kameror", status="completed", status_date="2026-10-05"),
        make_measure(id="started", title="Fältgrupp", status="ongoing", start_date="2026-10"),
        make_measure(id="before", title="Väktare", status="ongoing", start_date="2026-05"),
        make_measure(id="fresh", title="Ny trappa", status="planned"),
        make_measure(
            id="scene",
            title="Öppen drogscen",
            kind="condition",
            measure_type="open_drug_scene",
            status="active",
            start_date="2026-09-20",
        ),
        make_measure(
            id="gone",
            title="Tillfälligt förbud",
            kind="condition",
            measure_type="open_drug_scene",
            status="lifted",
            start_date="2025",
            end_date="2026-11-01",
        ),
    )


def test_changes_since_a_version_new_recorded_implied_and_conditions(rows) -> None:
    base = since.baseline(
        Since(date(2026, 9, 1), 2),
        ids_then={"old", "done", "started", "before", "scene", "gone"},
        events=[
            _event("old", "ongoing", "completed", "2026-04", 2),  # recorded by version 2: before
            _event("done", "ongoing", "completed", "2026-10-05", 3),
            _event("old", "ongoing", "completed", "2026-08", 4),  # after the version in force
        ],
        up_to=3,
    )
    assert [e.version for e in base.events] == [3]
    found = since.changes_since(rows, base, TODAY)
    assert found == [
        Change("new", "fresh", "Ny trappa", "planned", None, "", False),
        # Recorded and implied by its status date: listed once, as recorded.
        Change("status", "done", "Kameror", "completed", "ongoing", "2026-10-05", True),
        Change("status", "started", "Fältgrupp", "ongoing", None, "2026-10", False),
        Change("lifted", "gone", "Tillfälligt förbud", "lifted", "active", "2026-11-01", False),
        Change("begun", "scene", "Öppen drogscen", "active", None, "2026-09-20", False),
    ]
    assert [c.text("sv") for c in found] == [
        "Ny: Ny trappa (planerad)",
        "Kameror: pågående → genomförd (5 oktober 2026)",
        "Fältgrupp: blev pågående (oktober 2026)",
        "Upphävdes: Tillfälligt förbud (1 november 2026)",
        "Började: Öppen drogscen (20 september 2026)",
    ]
    assert found[0].text("en") == "New: Ny trappa (planned)"


def test_before_the_first_version_nothing_is_new_and_every_recorded_change_counts(rows) -> None:
    base = since.baseline(
        Since(date(2026, 8, 1), None),
        None,
        [_event("old", "ongoing", "completed", "2026-04", 2)],
        3,
    )
    assert base.ids is None and len(base.events) == 1
    found = {(c.kind, c.measure_id) for c in since.changes_since(rows, base, TODAY)}
    assert ("new", "fresh") not in found
    assert {("status", "old"), ("status", "done"), ("status", "started")} <= found


def test_a_change_counts_when_it_can_have_happened_after_the_day_and_by_today(
    places: Places,
) -> None:
    rows = valid_measures(
        places,
        make_measure(id="month", status="ongoing", start_date="2026-09"),  # may be after 09-15
        make_measure(id="day", status="ongoing", start_date="2026-09-15"),  # on the day: before
        make_measure(id="future", status="completed", end_date="2027-01", start_date="2026"),
    )
    base = Baseline(Since(date(2026, 9, 15), 3), frozenset({"month", "day", "future"}), ())
    found = [(c.measure_id, c.status) for c in since.changes_since(rows, base, TODAY)]
    assert found == [("month", "ongoing"), ("future", "ongoing")]
