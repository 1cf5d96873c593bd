"""The store on SQLite and on a real PostgreSQL server: versions, events, rollback, locking."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import uuid
from contextlib import ExitStack
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, insert, inspect, select

from safetymap.contract.table import EXPORT_COLUMNS
from safetymap.intake.dates import parse_partial_date
from safetymap.selection.timeline import (
    changes_by_measure,
    recorded_changes,
    status_on,
    timeline_segments,
)
from safetymap.versions.diff import diff_tables
from safetymap.versions.store import (
    INDICATORS,
    OUTCOMES,
    Store,
    StoreError,
    Superseded,
    metadata,
)
from tests.conftest import DATA, ROOT, fresh_database, publish_and_kill


def contract(*rows: dict[str, str]) -> pd.DataFrame:
    """A contract table: every column present, empty where a row gives nothing."""
    base = {"kind": "measure", "status": "planned", "title": "Belysning", "place": "kista"}
    return (
        pd.DataFrame([{**base, **row} for row in rows])
        .reindex(columns=EXPORT_COLUMNS, fill_value="")
        .fillna("")
    )


FIRST = contract({"id": "a"}, {"id": "b", "kind": "condition", "status": "active"})
SECOND = contract(
    {"id": "a", "status": "ongoing", "status_date": "2026-03"},
    {"id": "c", "title": "Kameror"},
)


def publish(store: Store, table: pd.DataFrame, by: str = "Anna Analytiker", **kw):
    published = store.publish(table, by=by, file_name="åtgärder.csv", sha256="f" * 64, **kw)
    assert published is not None
    return published


def test_an_empty_store_has_no_version_and_no_rows(store: Store) -> None:
    assert store.current() is None
    assert store.versions() == []
    assert store.table().empty


def test_publish_records_who_when_what_and_keeps_the_rows(store: Store) -> None:
    before = datetime.now(UTC)
    version, diff = publish(store, FIRST, note="Första versionen")
    assert (version.number, version.rows, version.measures, version.conditions) == (1, 2, 1, 1)
    assert (version.published_by, version.file_name, version.note) == (
        "Anna Analytiker",
        "åtgärder.csv",
        "Första versionen",
    )
    assert store.current() == version == store.version(1)
    assert store.current().published_at >= before.replace(microsecond=0)
    pd.testing.assert_frame_equal(store.table(), FIRST)
    assert diff.empty and store.events() == []


def test_a_new_version_records_its_status_changes_and_leaves_the_old_one_intact(
    store: Store,
) -> None:
    publish(store, FIRST)
    version, diff = publish(store, SECOND, by="Bo")
    assert version.number == 2
    assert (diff.added, diff.removed, diff.changed) == (
        ["c"],
        ["b"],
        {"a": ["status", "status_date"]},
    )
    [event] = store.events()
    assert (event.measure_id, event.from_status, event.to_status, event.date, event.version) == (
        "a",
        "planned",
        "ongoing",
        "2026-03",
        2,
    )
    assert [v.number for v in store.versions()] == [2, 1]
    pd.testing.assert_frame_equal(store.table(1), FIRST)
    pd.testing.assert_frame_equal(store.table(), SECOND)


def test_rollback_publishes_the_old_rows_again_as_a_new_version(store: Store) -> None:
    publish(store, FIRST)
    publish(store, SECOND)
    version, diff = store.rollback(1, by="Bo", note="fel fil")
    assert (version.number, version.restores, version.note, version.published_by) == (
        3,
        1,
        "fel fil",
        "Bo",
    )
    pd.testing.assert_frame_equal(store.table(3), FIRST)
    assert [v.number for v in store.versions()] == [3, 2, 1]
    assert [(e.from_status, e.to_status, e.version) for e in store.events(["a"])] == [
        ("planned", "ongoing", 2),
        ("ongoing", "planned", 3),
    ]
    assert diff.added == ["b"] and diff.removed == ["c"]


def test_unknown_versions_are_refused_with_their_number(store: Store) -> None:
    publish(store, FIRST)
    with pytest.raises(StoreError, match="no version 7"):
        store.rollback(7, by="Bo")
    with pytest.raises(StoreError, match="no version 7"):
        store.table(7)
    assert [v.number for v in store.versions()] == [1]


def test_only_if_empty_seeds_once(store: Store) -> None:
    assert publish(store, FIRST, by="seed", only_if_empty=True)[0].number == 1
    assert store.publish(SECOND, by="seed", file_name="x", sha256="0", only_if_empty=True) is None
    assert [v.number for v in store.versions()] == [1]


def test_two_publishers_at_the_same_moment_both_succeed_one_after_the_other(
    store_url: str,
) -> None:
    seed = Store(store_url)
    publish(seed, FIRST)
    tables = {"anna": SECOND, "bo": contract({"id": "a", "status": "completed"})}
    start = threading.Barrier(len(tables))
    errors: list[BaseException] = []

    def publisher(name: str) -> None:
        own = Store(store_url)
        try:
            start.wait()
            publish(own, tables[name], by=name)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            own.close()

    threads = [threading.Thread(target=publisher, args=(name,)) for name in tables]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    versions = sorted(seed.versions(), key=lambda v: v.number)
    assert [v.number for v in versions] == [1, 2, 3]
    assert {v.published_by for v in versions[1:]} == set(tables)
    # Each was compared with the version in force when it ran, not with version 1 twice.
    events = seed.events()
    for later in versions[1:]:
        expected = diff_tables(
            seed.table(later.number - 1), seed.table(later.number), later.published_at.date()
        )
        assert [
            (e.measure_id, e.from_status, e.to_status) for e in events if e.version == later.number
        ] == [(e.measure_id, e.from_status, e.to_status) for e in expected.events]
    seed.close()


def test_a_publisher_killed_mid_transaction_leaves_the_previous_version_in_force(
    store_url: str,
) -> None:
    store = Store(store_url)
    publish(store, FIRST)
    publish_and_kill(store_url)
    after = Store(store_url)
    assert [v.number for v in after.versions()] == [1]
    pd.testing.assert_frame_equal(after.table(), FIRST)
    # The lock died with the publisher: the next publish goes through as version 2.
    assert publish(after, SECOND)[0].number == 2
    after.close()
    store.close()


# A publisher in a process of its own: it opens the store, says "ready", and on a line from
# standard input publishes one row on top of version 1, then says what became of it.
ON_TOP_OF_ONE = """
import sys
import pandas as pd
from safetymap.contract.table import EXPORT_COLUMNS
from safetymap.versions.store import Store, Superseded

store = Store(sys.argv[1])
table = pd.DataFrame([{"id": sys.argv[2], "title": "T", "kind": "measure", "status": "planned"}])
table = table.reindex(columns=EXPORT_COLUMNS, fill_value="").fillna("")
print("ready", flush=True)
sys.stdin.readline()
try:
    version, _ = store.publish(table, by=sys.argv[2], file_name="f.csv", sha256="0", on_top_of=1)
    print(f"published {version.number}")
except Superseded as error:
    print(f"superseded by {error.current.number} ({error.current.published_by})")
"""


def test_publishers_at_once_on_top_of_one_version_land_one_and_refuse_the_rest(
    store_url: str,
) -> None:
    """Publishers that each checked their file against version 1 and may only land on it (the
    upload page, once its analyst has seen what the file changes): one lands, the others are
    told which version came first, and nothing of theirs is written."""
    store = Store(store_url)
    publish(store, FIRST)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    names = ["anna", "bo", "cilla", "dan"]
    publishers = [
        subprocess.Popen(
            [sys.executable, "-c", ON_TOP_OF_ONE, store_url, name],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name in names
    ]
    for publisher in publishers:
        assert publisher.stdout.readline().strip() == "ready"
    for publisher in publishers:  # all at once
        publisher.stdin.write("\n")
        publisher.stdin.flush()
    said = [publisher.communicate(timeout=120)[0].strip() for publisher in publishers]
    [winner] = [name for name, line in zip(names, said) if line == "published 2"]
    assert sorted(said) == sorted(["published 2"] + [f"superseded by 2 ({winner})"] * 3)
    assert [v.number for v in store.versions()] == [2, 1]
    assert list(store.table().id) == [winner]
    with pytest.raises(Superseded) as raised:
        publish(store, FIRST, on_top_of=1)
    assert raised.value.current.number == 2 and len(store.versions()) == 2
    assert publish(store, FIRST, on_top_of=2)[0].number == 3
    store.close()


def test_indicators_have_versions_of_their_own_beside_the_measures(store_url: str) -> None:
    measures, indicators = Store(store_url), Store(store_url, INDICATORS)
    publish(measures, FIRST)
    first = pd.DataFrame(
        [
            {"place": "klara", "indicator": "reported_crimes", "period": "2018", "value": "14261"},
            {"place": "kista", "indicator": "daily_passers", "period": "", "value": "60000"},
        ]
    ).reindex(columns=list(INDICATORS.columns), fill_value="")
    version, diff = indicators.publish(first, by="Anna", file_name="i.csv", sha256="1")
    assert (version.number, version.rows, diff.empty) == (1, 2, True)
    second = first.copy()
    second.loc[0, "value"] = "14300"
    second.loc[2] = ["valsta", "risk_area", "2021", "riskområde", "", "", ""]
    version, diff = indicators.publish(second, by="Anna", file_name="i2.csv", sha256="2")
    assert diff.added == ["valsta · risk_area · 2021"]
    assert diff.changed == {"klara · reported_crimes · 2018": ["value"]}
    assert diff.removed == [] and diff.events == []
    restored, _ = indicators.rollback(1, by="Bo")
    assert restored.number == 3 and indicators.table().equals(indicators.table(1))
    assert [v.number for v in measures.versions()] == [1]  # the measures are untouched
    assert measures.table().equals(FIRST)


# --- status history consistent with the version in force (issue #19) ----------------------

LEGACY_STORE = DATA / "store-2fd453a.sqlite"
CAMERA = "jakobsberg-kameraovervakning"


def status_today(table: pd.DataFrame, events: list, today: date) -> dict[str, str | None]:
    """Each row's status "as of" ``today``, as the pages derive it (rows + recorded changes)."""
    recorded = recorded_changes(events)
    return {i: status_on(changes, today) for i, changes in changes_by_measure(table, recorded)}


def last_drawn_status(table: pd.DataFrame, events: list, today: date) -> dict[str, str]:
    """Each row's status in the Tidslinje's last drawn period."""
    segments = timeline_segments(table, today, recorded_changes(events))
    return {i: rows.status.iloc[-1] for i, rows in segments.groupby("id", sort=False)}


def replayed(events: list) -> dict[str, str]:
    """The change log replayed in date order: each measure's last status."""
    ordered = sorted(events, key=lambda e: parse_partial_date(e.date))
    return {e.measure_id: e.to_status for e in ordered}


def assert_history_agrees_with_version_in_force(store: Store, today: date) -> None:
    table, events = store.table(), store.events()
    in_force = dict(zip(table["id"], table["status"]))
    assert status_today(table, events, today) == in_force
    log = replayed(events)
    drawn = {i: s for i, s in last_drawn_status(table, events, today).items() if i in log}
    assert drawn == {i: in_force[i] for i in drawn}
    assert {i: log[i] for i in in_force if i in log} == {
        i: in_force[i] for i in log if i in in_force
    }


def test_a_rollback_dates_the_change_it_undoes_at_the_rollback(store: Store) -> None:
    """Issue #19: v2 made a planned camera measure ongoing (2026-11-15); rolling back to v1
    recorded ongoing → planned dated 2019-05-27, the row's old status_date, so the log,
    the timeline and "as of" today ended in ongoing while the version in force said planned."""
    v1 = contract({"id": CAMERA, "status": "planned", "status_date": "2019-05-27"})
    v2 = contract({"id": CAMERA, "status": "ongoing", "status_date": "2026-11-15"})
    publish(store, v1)
    publish(store, v2)
    version, diff = store.rollback(1, by="Bo")
    today = version.published_at.date()
    [event] = diff.events
    assert (event.from_status, event.to_status, event.date) == ("ongoing", "planned", f"{today}")
    assert [(e.to_status, e.date) for e in store.events()] == [
        ("ongoing", "2026-11-15"),
        ("planned", f"{today}"),
    ]
    assert status_today(store.table(), store.events(), today) == {CAMERA: "planned"}
    assert last_drawn_status(store.table(), store.events(), today) == {CAMERA: "planned"}


def test_a_rollback_keeps_its_rows_status_date_when_that_is_later_than_what_it_undoes(
    store: Store,
) -> None:
    publish(store, contract({"id": "a", "status": "ongoing", "status_date": "2026-11-20"}))
    publish(store, contract({"id": "a", "status": "completed", "status_date": "2026-11-15"}))
    publish(store, contract({"id": "a", "status": "ongoing", "status_date": "2026-11-20"}))
    # v3 restores v1's row: its status_date (20 Nov) is after the change it undoes (15 Nov).
    assert [(e.to_status, e.date) for e in store.events()] == [
        ("completed", "2026-11-15"),
        ("ongoing", "2026-11-20"),
    ]


def test_a_measure_back_after_a_version_without_it_records_its_changed_status(
    store: Store,
) -> None:
    publish(store, contract({"id": "a", "status": "planned"}))
    publish(store, contract({"id": "a", "status": "ongoing", "status_date": "2026-02"}))
    publish(store, contract({"id": "b"}))
    version, diff = store.rollback(1, by="Bo")
    today = version.published_at.date()
    assert [(e.from_status, e.to_status, e.date) for e in diff.events] == [
        ("ongoing", "planned", f"{today}")
    ]
    assert_history_agrees_with_version_in_force(store, today)


def legacy_copy(store_url: str, tmp_path: Path) -> Store:
    """The store that the code of 2fd453a wrote for issue #19's sequence (tests/data/README),
    as a SQLite file or copied table by table into the PostgreSQL database at ``store_url``."""
    copy = tmp_path / "legacy.db"
    shutil.copyfile(LEGACY_STORE, copy)
    if store_url.startswith("sqlite"):
        return Store(f"sqlite:///{copy}")
    opened = Store(store_url)
    legacy = create_engine(f"sqlite:///{copy}")
    held = set(inspect(legacy).get_table_names())  # tables added since 2fd453a are not in it
    with legacy.connect() as source, opened.engine.begin() as target:
        for table in (t for t in metadata.sorted_tables if t.name in held):
            # The events' numbers are left to PostgreSQL's sequence (they keep their order).
            columns = [c for c in table.columns if c.autoincrement is not True]
            query = select(*columns).order_by(*table.primary_key.columns)
            rows = [row._asdict() for row in source.execute(query)]
            if rows:
                target.execute(insert(table), rows)
    legacy.dispose()
    return opened


def test_a_store_written_before_the_fix_reads_its_rollback_at_the_rollback(
    store_url: str, tmp_path: Path
) -> None:
    legacy = legacy_copy(store_url, tmp_path)
    rollback = legacy.version(3)
    assert rollback.restores == 1
    today = rollback.published_at.date()
    camera = [(e.to_status, e.date) for e in legacy.events([CAMERA])]
    assert camera == [("ongoing", "2026-11-15"), ("planned", f"{today}")]
    assert legacy.table().set_index("id").loc[CAMERA, "status"] == "planned"
    assert_history_agrees_with_version_in_force(legacy, today)
    # A later change is dated after the repaired one, not after the stored 2019-05-27.
    changed = legacy.table()
    changed.loc[changed["id"] == CAMERA, ["status", "status_date"]] = ["ongoing", "2026-11-16"]
    _, diff = publish(legacy, changed)
    assert [(e.to_status, e.date) for e in diff.events] == [
        ("ongoing", f"{datetime.now(UTC).date()}")
    ]
    legacy.close()


def test_a_store_written_before_the_outcome_series_gets_their_tables(tmp_path: Path) -> None:
    copy = tmp_path / "legacy.db"
    shutil.copyfile(LEGACY_STORE, copy)
    outcomes = Store(f"sqlite:///{copy}", OUTCOMES)
    assert outcomes.current() is None and outcomes.table().empty
    assert [v.number for v in Store(f"sqlite:///{copy}").versions()] == [3, 2, 1]
    outcomes.close()


IDS = ("a", "b", "c")
STATUSES = ("planned", "ongoing", "completed", "cancelled")


@st.composite
def status_dates(draw: st.DrawFn, today: date) -> str:
    """A blank or partial status date, from 2015 to ``today``, at any precision."""
    day = draw(st.dates(date(2015, 1, 1), today))
    form = draw(st.sampled_from(["", "year", "quarter", "month", "day"]))
    return {
        "": "",
        "year": f"{day.year}",
        "quarter": f"{day.year}-Q{(day.month - 1) // 3 + 1}",
        "month": f"{day:%Y-%m}",
        "day": day.isoformat(),
    }[form]


@st.composite
def versions(draw: st.DrawFn, today: date) -> pd.DataFrame:
    """A version of up to three measures, each in any status with any status date."""
    present = draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True))
    return contract(
        *(
            {
                "id": measure_id,
                "status": draw(st.sampled_from(STATUSES)),
                "status_date": draw(status_dates(today)),
            }
            for measure_id in sorted(present)
        )
    )


@st.composite
def steps(draw: st.DrawFn) -> list[pd.DataFrame | int]:
    """Publishes (a table) and rollbacks (the number of a version before them)."""
    today = datetime.now(UTC).date()
    made: list[pd.DataFrame | int] = [draw(versions(today))]
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            made.append(draw(st.integers(1, len(made))))
        else:
            made.append(draw(versions(today)))
    return made


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sequence=steps())
def test_any_publishes_and_rollbacks_leave_a_history_that_ends_in_the_version_in_force(
    backend: str, sequence: list[pd.DataFrame | int], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    with ExitStack() as stack:
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}"
        else:
            url = stack.enter_context(fresh_database(request.getfixturevalue("postgres_url")))
        store = Store(url)
        stack.callback(store.close)
        for step in sequence:
            if isinstance(step, int):
                store.rollback(step, by="Bo")
            else:
                publish(store, step)
            assert_history_agrees_with_version_in_force(store, datetime.now(UTC).date())
