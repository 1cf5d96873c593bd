"""The store on SQLite and on a real PostgreSQL server: versions, events, rollback, locking."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pandas as pd
import pytest

from safetymap.diff import diff_tables
from safetymap.export import EXPORT_COLUMNS
from safetymap.store import INDICATORS, Store, StoreError
from tests.conftest import publish_and_kill


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


def publish(store: Store, table: pd.DataFrame, by: str = "Anna Analytiker", **kw: str):
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
