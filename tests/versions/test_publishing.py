"""Files into versions and back: only valid files publish, a version loads like its file."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from safetymap.contract.table import contract_table
from safetymap.intake.areas import Areas
from safetymap.intake.indicators import load_indicators
from safetymap.intake.loaders import load_measures, read_measures
from safetymap.intake.outcomes import load_outcomes
from safetymap.intake.places import Places
from safetymap.present import export
from safetymap.versions import publishing
from safetymap.versions.changes import change_lines
from safetymap.versions.store import INDICATORS, OUTCOMES, Store, Superseded
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
    version = publishing.publish(store, checked, by="Anna", note="ny lista").version
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
        contract_table(from_store.measures), contract_table(from_file.measures)
    )


def test_an_exported_version_reads_back_to_the_same_rows(store: Store, places: Places) -> None:
    version = publishing.seed(store, SHIPPED, places)
    assert version is not None
    measures = publishing.version_measures(store, version, places).measures
    again = read_measures(export.to_csv(measures), "export.csv", places)
    assert again.report.ok
    pd.testing.assert_frame_equal(contract_table(again.measures), store.table())


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
    version = publishing.publish(
        store, publishing.check(store, data, "f.csv", places), by="A"
    ).version
    assert store.table().title.tolist() == [formula]  # stored exactly as given
    measures = publishing.version_measures(store, version, places).measures
    exported = export.to_csv(measures).decode("utf-8-sig").splitlines()[1].split(";")
    assert "'" + formula.replace('"', '""') in ";".join(exported)
    assert "'@SUM(1+1)" in exported


INDICATORS_FILE = ROOT / "indicators.csv"


@pytest.fixture
def indicator_store(store_url: str) -> Store:
    return Store(store_url, INDICATORS)


def test_indicators_seed_publish_and_load_back_through_the_same_validator(
    indicator_store: Store, places: Places
) -> None:
    shipped = load_indicators(INDICATORS_FILE, places)
    first = publishing.seed_indicators(indicator_store, shipped, INDICATORS_FILE)
    assert first is not None and first.published_by == publishing.INDICATORS_SEED_AUTHOR
    back = publishing.version_indicators(indicator_store, first, places)
    assert back.report.ok
    pd.testing.assert_frame_equal(
        publishing.indicator_table(back), publishing.indicator_table(shipped)
    )
    # Swedish Excel: semicolons, cp1252, one figure changed.
    text = INDICATORS_FILE.read_text(encoding="utf-8").replace(",14261,", ",14300,")
    rows = list(csv.reader(text.splitlines()))
    data = "\r\n".join(";".join(row) for row in rows).encode("cp1252")
    checked = publishing.check_indicators(indicator_store, data, "nya.csv", places)
    assert checked.publishable, checked.loaded.report.to_dict()
    assert list(checked.diff.changed) == ["klara · reported_crimes · 2018"]
    second = publishing.publish(indicator_store, checked, by="Anna", note="ny siffra").version
    assert second.number == 2
    table = publishing.version_indicators(indicator_store, second, places).table
    assert "14300" in set(table["number"].dropna().astype(int).astype(str))


def test_an_indicators_file_with_errors_is_refused_and_changes_nothing(
    indicator_store: Store, places: Places
) -> None:
    shipped = load_indicators(INDICATORS_FILE, places)
    publishing.seed_indicators(indicator_store, shipped, INDICATORS_FILE)
    text = INDICATORS_FILE.read_text(encoding="utf-8").replace("klara,", "nowhere,", 1)
    checked = publishing.check_indicators(indicator_store, text.encode(), "fel.csv", places)
    assert not checked.publishable
    assert {p.column for p in checked.loaded.report.errors} == {"place"}
    with pytest.raises(ValueError, match="not published"):
        publishing.publish(indicator_store, checked, by="Anna")
    assert [v.number for v in indicator_store.versions()] == [1]
    assert publishing.seed_indicators(indicator_store, checked.loaded, INDICATORS_FILE) is None


def test_issue_19s_sequence_from_a_swedish_excel_file_ends_in_the_status_in_force(
    store: Store, places: Places
) -> None:
    """The issue's exact sequence, through the files an analyst handles (on SQLite and
    PostgreSQL): the shipped data as version 1; its Swedish Excel export, saved by Excel in
    Windows-1252, with the planned camera measure made ongoing on 2026-11-15, as version 2;
    a rollback to version 1. The rollback's change is dated at the rollback, so the log, the
    timeline and "as of" today end in planned, as version 1 says."""
    from datetime import UTC, datetime

    from safetymap.selection.timeline import (
        changes_by_measure,
        recorded_changes,
        status_on,
        timeline_segments,
    )
    from tests.present.test_export import excel_saves

    camera = "jakobsberg-kameraovervakning"
    publishing.seed(store, SHIPPED, places)
    shipped = publishing.version_measures(store, store.current(), places).measures
    assert shipped.set_index("id").loc[camera, ["status", "status_date"]].tolist() == [
        "planned",
        "2019-05-27",
    ]
    text = excel_saves(export.to_excel_csv(shipped), "cp1252").decode("cp1252")
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    header = rows[0]
    row = next(r for r in rows if r[0] == camera)
    row[header.index("Status")], row[header.index("Statusdatum")] = "pågående", "2026-11-15"
    data = "\r\n".join(";".join(f'"{c}"' for c in r) for r in rows).encode("cp1252")
    checked = publishing.check(store, data, "åtgärder från Excel.csv", places)
    assert checked.loaded.report.ok and checked.diff.changed == {camera: ["status", "status_date"]}
    publishing.publish(store, checked, by="Anna")

    preview = publishing.rollback_preview(store, 1, places)
    version, diff = store.rollback(1, by="Bo")
    today = version.published_at.date()
    assert [(e.from_status, e.to_status, e.date) for e in preview.diff.events] == [
        ("ongoing", "planned", f"{datetime.now(UTC).date()}")
    ]
    assert diff.events == preview.diff.events, "the preview shows what the rollback records"
    assert [(e.to_status, e.date) for e in store.events([camera])] == [
        ("ongoing", "2026-11-15"),
        ("planned", f"{today}"),
    ]
    table = store.table()
    recorded = recorded_changes(store.events())
    [(_, changes)] = list(changes_by_measure(table[table.id == camera], recorded))
    assert status_on(changes, today) == "planned"
    drawn = timeline_segments(table[table.id == camera], today, recorded)
    assert drawn.status.iloc[-1] == "planned"
    assert table.set_index("id").loc[camera, "status"] == "planned"


OUTCOMES_FILE = ROOT / "outcomes.csv"
JARFALLA_2019 = "kommun-0123,reported_crimes_total,2019,9450,"


@pytest.fixture
def outcome_store(store_url: str) -> Store:
    return Store(store_url, OUTCOMES)


def test_a_changed_series_shows_its_diff_and_rolls_back(
    outcome_store: Store, places: Places, areas: Areas
) -> None:
    shipped = load_outcomes(OUTCOMES_FILE, areas)
    first = publishing.seed_outcomes(outcome_store, shipped, OUTCOMES_FILE)
    assert first is not None and first.published_by == publishing.OUTCOMES_SEED_AUTHOR
    back = publishing.version_outcomes(outcome_store, first, areas)
    assert back.report.ok and len(back.table) == len(shipped.table)
    pd.testing.assert_frame_equal(publishing.stored_table(back), publishing.stored_table(shipped))

    # Brå revises a figure, a preliminary quarter becomes final, and a year is dropped.
    text = OUTCOMES_FILE.read_text(encoding="utf-8")
    assert JARFALLA_2019 in text
    text = text.replace(JARFALLA_2019, "kommun-0123,reported_crimes_total,2019,9461,")
    lines = text.splitlines()
    q1 = next(
        i for i, line in enumerate(lines) if "kommun-0191,reported_crimes_total,2026-Q1," in line
    )
    lines[q1] = lines[q1].replace(",true,", ",false,")
    dropped = next(
        i for i, line in enumerate(lines) if "kommun-0191,reported_crimes_theft,2015," in line
    )
    del lines[dropped]
    checked = publishing.check_outcomes(
        outcome_store, "\n".join(lines).encode(), "brå-2026.csv", areas
    )
    assert checked.publishable, checked.loaded.report.to_dict()
    assert checked.diff.removed == ["kommun-0191 · reported_crimes_theft · 2015"]
    assert checked.diff.added == []
    assert checked.diff.values == {
        "kommun-0123 · reported_crimes_total · 2019": {"value": ("9450", "9461")},
        "kommun-0191 · reported_crimes_total · 2026-Q1": {"preliminary": ("true", "false")},
    }
    lines_sv = change_lines(checked.diff, "sv")
    assert "~ kommun-0123 · reported_crimes_total · 2019: Värde: 9450 → 9461" in lines_sv
    assert "- kommun-0191 · reported_crimes_theft · 2015 (borttagen)" in lines_sv

    second = publishing.publish(outcome_store, checked, by="Anna", note="Brås revidering").version
    assert second.number == 2 and outcome_store.table(1).equals(publishing.stored_table(shipped))
    now = publishing.version_outcomes(outcome_store, second, areas).table
    assert now.loc[
        (now.area == "kommun-0123")
        & (now.period == "2019")
        & (now.indicator == "reported_crimes_total"),
        "number",
    ].tolist() == [9461.0]

    preview = publishing.rollback_preview(outcome_store, 1, places, areas)
    assert preview.diff.added == ["kommun-0191 · reported_crimes_theft · 2015"]
    assert preview.diff.values["kommun-0123 · reported_crimes_total · 2019"] == {
        "value": ("9461", "9450")
    }
    restored, diff = outcome_store.rollback(1, by="Bo", note="fel fil")
    assert (restored.number, restored.restores) == (3, 1)
    assert diff.values == preview.diff.values and diff.added == preview.diff.added
    assert outcome_store.table().equals(outcome_store.table(1))
    # The outcomes' versions are numbered apart from the measures' and the indicators'.
    assert Store(outcome_store.url).current() is None
    assert Store(outcome_store.url, INDICATORS).current() is None


def test_an_outcomes_file_with_errors_is_refused_and_changes_nothing(
    outcome_store: Store, areas: Areas
) -> None:
    publishing.seed_outcomes(outcome_store, load_outcomes(OUTCOMES_FILE, areas), OUTCOMES_FILE)
    text = OUTCOMES_FILE.read_text(encoding="utf-8").replace(
        JARFALLA_2019, JARFALLA_2019.replace("9450", "-9450")
    )
    checked = publishing.check_outcomes(outcome_store, text.encode(), "fel.csv", areas)
    assert not checked.publishable
    assert [(p.column, p.code) for p in checked.loaded.report.errors] == [
        ("value", "count_negative")
    ]
    with pytest.raises(ValueError, match="not published"):
        publishing.publish(outcome_store, checked, by="Anna")
    assert [v.number for v in outcome_store.versions()] == [1]


def test_a_file_published_after_another_version_landed_says_what_it_reverted(
    store: Store, places: Places
) -> None:
    first = [make_measure(status="planned"), make_measure(id="m-2", status="planned")]
    publishing.publish(store, publishing.check(store, csv_bytes(first), "v1.csv", places), by="A")
    mine = [make_measure(status="planned"), make_measure(id="m-2", status="completed")]
    checked = publishing.check(store, csv_bytes(mine), "anna.csv", places)
    assert checked.against == 1 and list(checked.diff.changed) == ["m-2"]
    # Bo publishes meanwhile: m-1 ongoing, and a new m-3.
    bos = [make_measure(status="ongoing"), first[1], make_measure(id="m-3")]
    publishing.publish(store, publishing.check(store, csv_bytes(bos), "bo.csv", places), by="Bo")
    # Only on top of version 1: refused, nothing written.
    with pytest.raises(Superseded):
        publishing.publish(store, checked, by="Anna", on_top_of=1)
    assert len(store.versions()) == 2
    published = publishing.publish(store, checked, by="Anna")
    assert published.version.number == 3
    # What was recorded (against version 2), not what the check showed (against version 1).
    assert published.diff.removed == ["m-3"]
    assert sorted(published.diff.changed) == ["m-1", "m-2"]
    [landed] = published.landed
    assert (landed.version.number, landed.version.published_by) == (2, "Bo")
    assert landed.reverted.added == ["m-3"]
    assert landed.reverted.values == {"m-1": {"status": ("planned", "ongoing")}}
    assert publishing.landed(store, 2, 2, checked.table) == []
