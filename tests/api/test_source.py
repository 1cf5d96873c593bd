"""What the API serves: published versions only, the one in force unless another is asked
for; an empty store filled from the shipped file as the app's first visit fills it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from safetymap.api.source import NoVersion, Source, UnknownVersion
from safetymap.config import get_settings
from safetymap.intake.places import Places
from safetymap.versions import publishing
from safetymap.versions.store import INDICATORS, OUTCOMES, Store
from tests.conftest import ROOT, csv_bytes, make_measure


def _source(tmp_path: Path, measures: Path = ROOT / "measures.csv", **env: str) -> Source:
    return Source(
        get_settings(
            {"SAFETYMAP_DB": str(tmp_path / "s.db"), "SAFETYMAP_MEASURES": str(measures), **env}
        )
    )


def _publish(source: Source, rows: list[dict[str, str]], places: Places, dataset=None) -> None:
    store = source.store() if dataset is None else source.store(dataset)
    checked = publishing.check(store, csv_bytes(rows), "up.csv", places)
    publishing.publish(store, checked, by="Test")


def test_an_empty_store_is_filled_from_the_shipped_file_once(tmp_path: Path) -> None:
    source = _source(tmp_path)
    first = source.measures()
    assert first.version.number == 1 and len(first.measures) == 78
    assert source.measures().version.number == 1
    assert [v.number for v in source.versions()] == [1]
    assert source.indicators().version.number == 1
    assert source.outcomes().version.number == 1


def test_the_version_in_force_unless_another_is_asked_for(tmp_path: Path, places: Places) -> None:
    source = _source(tmp_path)
    source.measures()
    _publish(source, [make_measure(id="only-one")], places)
    assert list(source.measures().measures["id"]) == ["only-one"]
    assert source.measures().version.number == 2
    assert len(source.measures(1).measures) == 78


def test_an_unknown_version_names_the_published_ones(tmp_path: Path) -> None:
    source = _source(tmp_path)
    source.measures()
    with pytest.raises(UnknownVersion) as unknown:
        source.measures(7)
    assert unknown.value.published == [1]


def test_nothing_is_served_before_a_version_is_published(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(csv_bytes([make_measure(status="klar")]))  # not valid: never seeded
    source = _source(tmp_path, broken)
    with pytest.raises(NoVersion):
        source.measures()
    assert Store(source.settings.store_url).current() is None


def test_the_file_on_disk_is_never_served_once_a_version_exists(
    tmp_path: Path, places: Places
) -> None:
    source = _source(tmp_path)
    source.measures()
    # The file changes after the first version: only a publish makes it data.
    changed = tmp_path / "changed.csv"
    changed.write_bytes(csv_bytes([make_measure(id="unpublished")]))
    later = _source(tmp_path, changed)
    assert "unpublished" not in set(later.measures().measures["id"])


def test_the_filter_knows_the_versions_actors_and_years(tmp_path: Path) -> None:
    published = _source(tmp_path).measures()
    assert "Polisen" in published.known.actors
    assert published.known.years is not None and published.known.years[0] <= 2019
    assert published.days is not None and published.days[0].year == published.known.years[0]


def test_indicators_are_served_from_their_own_versions(tmp_path: Path, places: Places) -> None:
    source = _source(tmp_path)
    assert len(source.indicators().table) == 12
    store = source.store(INDICATORS)
    data = b"place,indicator,period,value,unit,source\nkista,reported_crimes,2018,5,st,K\n"
    checked = publishing.check_indicators(store, data, "ind.csv", places)
    publishing.publish(store, checked, by="Test")
    assert list(source.indicators().table["value"]) == ["5"]
    assert len(source.indicators(1).table) == 12


OUTCOME_HEADER = "area,indicator,period,value,unit,preliminary,source,source_ref\n"


def test_outcomes_are_served_from_their_own_versions(tmp_path: Path) -> None:
    source = _source(tmp_path)
    shipped = source.outcomes()
    assert len(shipped.table) == 3600 and shipped.version.number == 1
    assert shipped.days is not None and shipped.days[0] == date(2015, 1, 1)
    store = source.store(OUTCOMES)
    data = (
        OUTCOME_HEADER + "kommun-0123,reported_crimes_total,2019-Q2,1250,count,ja,Brå,K\n"
    ).encode()
    checked = publishing.check_outcomes(store, data, "brå.csv", source.areas())
    publishing.publish(store, checked, by="Test")
    now = source.outcomes()
    assert now.version.number == 2 and list(now.table["value"]) == ["1250"]
    # A quarter spans its three months' days.
    assert (now.table["period_first"][0], now.table["period_last"][0]) == (
        date(2019, 4, 1),
        date(2019, 6, 30),
    )
    assert now.days == (date(2019, 4, 1), date(2019, 6, 30))
    assert len(source.outcomes(1).table) == 3600
    with pytest.raises(UnknownVersion) as unknown:
        source.outcomes(3)
    assert unknown.value.published == [1, 2]


def test_no_outcomes_are_served_before_a_version_of_them_is_published(tmp_path: Path) -> None:
    broken = tmp_path / "outcomes.csv"
    broken.write_text(OUTCOME_HEADER + "mars,reported_crimes_total,2019,5,count,,Brå,K\n")
    source = _source(tmp_path, SAFETYMAP_OUTCOMES=str(broken))
    with pytest.raises(NoVersion) as nothing:
        source.outcomes()
    assert nothing.value.kind == "outcomes"
    assert source.measures().version.number == 1  # the other kinds are served all the same
