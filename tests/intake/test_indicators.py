"""indicators.csv: read and checked like the measures; every figure names its source."""

from __future__ import annotations

import csv
import re

import pytest

from safetymap.contract.sources import load_sources
from safetymap.intake.indicators import load_indicators, read_indicators
from safetymap.intake.places import Places
from tests.conftest import ROOT, csv_bytes

SHIPPED = ROOT / "indicators.csv"
GOOD = {
    "plats": "Valsta",
    "indikator": "Polisens klassning av området",
    "period": "2021",
    "värde": "riskområde",
    "enhet": "klassning",
    "källa": "Sigtuna kommun: Gemensamt arbete bakom ökad trygghet",
}


def test_the_shipped_indicators_are_valid(places: Places) -> None:
    loaded = load_indicators(SHIPPED, places)
    assert loaded.readable and loaded.report.ok, loaded.report.to_dict()
    with SHIPPED.open(encoding="utf-8", newline="") as file:
        assert len(loaded.table) == sum(1 for _ in csv.DictReader(file))


def test_every_shipped_figure_is_quoted_from_its_registered_source(places: Places) -> None:
    sources = {s.source: s for s in load_sources(ROOT / "sources" / "sources.json")}
    table = load_indicators(SHIPPED, places).table
    for record in table.itertuples(index=False):
        assert record.source in sources, record.source
        text = " ".join((ROOT / "sources" / sources[record.source].file).read_text("utf-8").split())
        assert record.source_quote and " ".join(record.source_quote.split()) in text
        # The value as written in the quote (numbers may carry a thousands space there).
        digits = re.sub(r"\D", "", record.value)
        quoted = re.sub(r"(?<=\d)[ \u00a0](?=\d{3})", "", record.source_quote)
        assert (digits and digits in re.sub(r"\D", " ", quoted).split()) or (
            record.value.casefold() in record.source_quote.casefold()
        ), (record.indicator, record.value)


def test_swedish_excel_headers_labels_and_decimal_commas(places: Places) -> None:
    rows = [
        GOOD,
        {
            **GOOD,
            "indikator": "Andel boende som känner sig otrygga",
            "värde": "20,5",
            "enhet": "procent",
        },
    ]
    loaded = read_indicators(csv_bytes(rows, delimiter=";", encoding="cp1252"), "i.csv", places)
    assert loaded.report.ok, loaded.report.to_dict()
    assert (loaded.report.encoding, loaded.report.delimiter) == ("cp1252", ";")
    assert list(loaded.table.indicator) == ["police_area_classification", "share_feeling_unsafe"]
    assert list(loaded.table.place) == ["valsta", "valsta"]
    assert loaded.table.number.iloc[1] == pytest.approx(20.5)


def test_each_problem_names_its_row_and_column(places: Places) -> None:
    rows = [
        GOOD,
        {**GOOD, "plats": "Mars"},
        {**GOOD, "indikator": "lycka", "period": "2021"},
        {**GOOD, "indikator": "Anmälda brott", "värde": "många", "enhet": "antal"},
        {**GOOD, "period": "våren"},
        {**GOOD, "enhet": "", "period": "2022"},
        GOOD,
    ]
    loaded = read_indicators(csv_bytes(rows), "i.csv", places)
    found = sorted((p.row, p.column, p.code) for p in loaded.report.errors)
    assert found == [
        (3, "place", "place_unknown"),
        (4, "indicator", "indicator_unknown"),
        (5, "value", "number_format"),
        (6, "period", "date_format"),
        (7, "unit", "required"),
        (8, "indicator", "indicator_duplicate"),
    ]
    assert len(loaded.table) == 1
    duplicate = next(p for p in loaded.report.errors if p.code == "indicator_duplicate")
    assert "rad 2" in duplicate.message("sv")


def test_the_same_figure_from_another_source_is_a_duplicate(places: Places) -> None:
    # Versions tell figures apart by place, indicator and period: a second row of the same
    # would be published beside the first with nothing saying which one holds.
    other = {**GOOD, "källa": "Polisen: Lägesbild 2021", "värde": "särskilt utsatt område"}
    loaded = read_indicators(csv_bytes([GOOD, other]), "i.csv", places)
    [problem] = loaded.report.errors
    assert (problem.row, problem.column, problem.code) == (3, "indicator", "indicator_duplicate")
    assert problem.message("sv") == "Samma plats, indikator och period finns redan på rad 2."
    assert list(loaded.table["row"]) == [2]


def test_a_measures_file_is_refused_with_the_missing_columns(places: Places) -> None:
    loaded = read_indicators((ROOT / "measures.csv").read_bytes(), "measures.csv", places)
    assert loaded.readable and loaded.table.empty  # a CSV file, but not of indicators
    [problem] = loaded.report.errors
    assert problem.code == "header_missing"
    assert "indicator, value, unit" in problem.message("en")
    assert "indikator (indicator), värde (value), enhet (unit)" in problem.message("sv")


def test_problems_name_the_files_headers_and_suggest_the_nearest_indicator(
    places: Places,
) -> None:
    rows = [{**GOOD, "indikator": "Anmälda bott", "period": "2018"}, {**GOOD, "plats": "Valstaa"}]
    loaded = read_indicators(csv_bytes(rows, delimiter=";"), "i.csv", places)
    indicator, place = sorted(loaded.report.errors, key=lambda p: p.row)
    assert (indicator.column_label(), indicator.suggestion.say("sv")) == (
        "indikator (indicator)",
        "Anmälda brott",
    )
    assert indicator.message("en").startswith(
        "Unknown indicator. Did you mean Reported crimes? Allowed values: Reported crimes, "
    )
    assert (place.column_label(), place.suggestion.say("en")) == ("plats (place)", "Valsta")
