"""Files into versions and back: only valid files publish, a version loads like its file."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from safetymap import export, publishing
from safetymap.loaders import load_measures, read_measures
from safetymap.places import Places
from safetymap.store import Store
from tests.conftest import ROOT, csv_bytes, make_measure

SHIPPED = ROOT / "measures.csv"


def read_csv_rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_a_rejected_file_changes_nothing(store: Store, places: Places) -> None:
    publishing.seed(store, SHIPPED, places)
    before = store.table()
    bad = csv_bytes([make_measure(), make_measure(id="m-2", status="klar")], delimiter=";")
    checked = publishing.check(store, bad, "fel.csv", places)
    assert not checked.publishable
    assert [(p.row, p.column) for p in checked.loaded.report.errors] == [(3, "status")]
    with pytest.raises(ValueError, match=r"fel\.csv: 1 errors, not published"):
        publishing.publish(store, checked, by="Anna")
    assert [v.number for v in store.versions()] == [1]
    pd.testing.assert_frame_equal(store.table(), before)


def test_a_valid_file_is_compared_then_published_with_its_hash(
    store: Store, places: Places
) -> None:
    publishing.seed(store, SHIPPED, places)
    rows = [make_measure(), make_measure(id="m-2", status="ongoing", status_date="2026-10")]
    data = csv_bytes(rows, delimiter=";", encoding="cp1252")
    checked = publishing.check(store, data, "uppdatering.csv", places)
    assert checked.publishable
    assert checked.diff.added == ["m-1", "m-2"]
    assert len(checked.diff.removed) == len(load_measures(SHIPPED, places).measures)
    version = publishing.publish(store, checked, by="Anna", note="ny lista")
    assert (version.number, version.rows, version.sha256) == (2, 2, publishing.sha256(data))
    assert list(store.table().id) == ["m-1", "m-2"]


def test_seeding_takes_a_valid_file_once_and_never_an_invalid_one(
    store: Store, places: Places, tmp_path
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(csv_bytes([make_measure(status="klar")]))
    assert publishing.seed(store, broken, places) is None
    assert publishing.seed(store, tmp_path / "missing.csv", places) is None
    assert store.current() is None
    first = publishing.seed(store, SHIPPED, places)
    assert first is not None and first.published_by == publishing.SEED_AUTHOR
    assert publishing.seed(store, SHIPPED, places) is None
    assert [v.number for v in store.versions()] == [1]


def test_a_version_loads_exactly_like_its_file(store: Store, places: Places) -> None:
    version = publishing.seed(store, SHIPPED, places)
    assert version is not None
    from_store = publishing.version_measures(store, version, places)
    from_file = load_measures(SHIPPED, places)
    assert from_store.report.ok and from_store.report.rows == len(from_file.measures)
    pd.testing.assert_frame_equal(
        export.contract_table(from_store.measures), export.contract_table(from_file.measures)
    )


def test_an_exported_version_reads_back_to_the_same_rows(store: Store, places: Places) -> None:
    version = publishing.seed(store, SHIPPED, places)
    assert version is not None
    measures = publishing.version_measures(store, version, places).measures
    again = read_measures(export.to_csv(measures), "export.csv", places)
    assert again.report.ok
    pd.testing.assert_frame_equal(export.contract_table(again.measures), store.table())


def test_rows_left_out_for_errors_are_not_reported_as_removed(store: Store, places: Places) -> None:
    publishing.seed(store, SHIPPED, places)
    rows = read_csv_rows(SHIPPED)
    rows[0]["status"] = "klar"
    checked = publishing.check(store, csv_bytes(rows), "fel.csv", places)
    assert not checked.publishable
    assert checked.diff.removed == [] and checked.diff.added == []


def test_a_published_formula_is_exported_as_text(store: Store, places: Places) -> None:
    formula = '=HYPERLINK("http://example.invalid","Klicka")'
    data = csv_bytes([make_measure(title=formula, source="@SUM(1+1)")])
    version = publishing.publish(store, publishing.check(store, data, "f.csv", places), by="A")
    assert store.table().title.tolist() == [formula]  # stored exactly as given
    measures = publishing.version_measures(store, version, places).measures
    exported = export.to_csv(measures).decode("utf-8-sig").splitlines()[1].split(";")
    assert "'" + formula.replace('"', '""') in ";".join(exported)
    assert "'@SUM(1+1)" in exported
