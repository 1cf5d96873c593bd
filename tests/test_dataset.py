"""The shipped measures.csv: valid, complete over the four places, sourced, no personal data."""

from __future__ import annotations

import csv
import json
import re

import pytest

from safetymap.contract.schema import FAR_OUTSIDE_PLACE_M, METRIC_CRS
from safetymap.intake.loaders import LoadedMeasures, load_measures
from safetymap.intake.places import Places
from tests.conftest import ROOT

SOURCES = json.loads((ROOT / "sources" / "sources.json").read_text(encoding="utf-8"))
PERSON_NAMES = ("Stefan Elm", "Jenni Pers Dahlqvist", "Olov Holst")


@pytest.fixture(scope="module")
def shipped(places: Places) -> LoadedMeasures:
    return load_measures(ROOT / "measures.csv", places)


@pytest.fixture(scope="module")
def raw_rows() -> list[dict[str, str]]:
    with open(ROOT / "measures.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _flat(text: str) -> str:
    return " ".join(text.replace("•", " ").replace("\uf0b7", " ").split())


def test_shipped_file_has_no_errors_and_no_warnings(shipped: LoadedMeasures) -> None:
    assert shipped.report.problems == []
    assert len(shipped.measures) == shipped.report.rows >= 60


def test_all_four_places_have_measures(shipped: LoadedMeasures, places: Places) -> None:
    for top in places.top_level():
        assert shipped.measures.place.isin(places.with_descendants(top)).sum() >= 10, top


def test_every_row_names_a_known_source_and_quotes_it(raw_rows: list[dict[str, str]]) -> None:
    texts = {
        s["source"]: _flat((ROOT / "sources" / s["file"]).read_text(encoding="utf-8"))
        for s in SOURCES
    }
    for row in raw_rows:
        assert row["source"] in texts, row["id"]
        assert row["source_quote"].strip(), row["id"]
        assert _flat(row["source_quote"]) in texts[row["source"]], row["id"]


def test_every_source_document_is_used(raw_rows: list[dict[str, str]]) -> None:
    assert {s["source"] for s in SOURCES} == {row["source"] for row in raw_rows}


PHONE = re.compile(r"(\+46|\b0\d{1,3})[- ]?\d{2,3}[- ]?\d{2}[- ]?\d{2}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.\w+")


def test_no_personal_data(raw_rows: list[dict[str, str]]) -> None:
    for row in raw_rows:
        for column, cell in row.items():
            for name in PERSON_NAMES:
                assert name.split()[-1] not in cell, (row["id"], column)
            assert not EMAIL.search(cell), (row["id"], column)
            if not column.endswith("date"):
                assert not PHONE.search(cell), (row["id"], column)


def test_source_copies_have_names_removed() -> None:
    for source in SOURCES:
        text = (ROOT / "sources" / source["file"]).read_text(encoding="utf-8")
        for name in PERSON_NAMES:
            assert name not in text, source["file"]


def test_located_rows_lie_in_or_near_their_place(shipped: LoadedMeasures, places: Places) -> None:
    located = shipped.measures[shipped.measures.located]
    assert len(located) >= 3
    metric = located.geometry.to_crs(METRIC_CRS)
    for (row_id, place), point in zip(zip(located.id, located.place), metric):
        assert places.metric[place].distance(point) <= FAR_OUTSIDE_PLACE_M, row_id


def test_planned_items_of_the_sources_stay_planned(shipped: LoadedMeasures) -> None:
    by_id = shipped.measures.set_index("id")
    for measure_id in (
        "jakobsberg-trygghetscenter",
        "valsta-kultur-och-aktivitetscenter",
        "sergel-anpassning-samverkanslokal",
    ):
        assert by_id.status[measure_id] == "planned", measure_id


def test_dates_keep_the_documents_precision(shipped: LoadedMeasures) -> None:
    by_id = shipped.measures.set_index("id")
    assert (
        by_id.start_date["kista-ljusinstallation-ungdomar"],
        by_id.end_date["kista-ljusinstallation-ungdomar"],
    ) == ("2021-01", "2021-03")
    assert by_id.start_date["sergel-vikvagg-glas"] == "2020-Q1"
    assert by_id.end_date["jakobsberg-oppen-drogscen"] == "2020-12-31"
    assert by_id.start_date["valsta-riskomrade"] == "2021"


def test_refit_costs_add_up(shipped: LoadedMeasures) -> None:
    by_id = shipped.measures.set_index("id")
    parts = ["sergel-vikvagg-glas", "sergel-fyra-arbetsplatser", "sergel-konferensbord"]
    assert [by_id.cost_sek[p] for p in parts] == [150000, 60000, 10000]
    assert by_id.cost_sek["sergel-anpassning-samverkanslokal"] == sum(by_id.cost_sek[parts])


def test_conditions_are_the_drug_scenes_and_the_risk_area(shipped: LoadedMeasures) -> None:
    conditions = shipped.measures[shipped.measures.kind == "condition"]
    assert set(conditions.measure_type) == {"open_drug_scene", "risk_area"}
    assert {"klara", "sergels-torg", "jakobsberg-station", "valsta"} == set(conditions.place)
