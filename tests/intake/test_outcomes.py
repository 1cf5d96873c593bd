"""outcomes.csv: read and checked like the measures and the indicators, row by row."""

from __future__ import annotations

import pytest

from safetymap.cli.commands import format_text
from safetymap.intake.areas import Areas
from safetymap.intake.outcomes import contract_rows, load_outcomes, read_outcomes
from tests.conftest import ROOT, csv_bytes

GOOD = {
    "area": "kommun-0123",
    "indicator": "reported_crimes_total",
    "period": "2019",
    "value": "10104",
    "unit": "count",
    "preliminary": "false",
    "source": "Brå, Statistik On-Line: anmälda brott per kommun och år",
    "source_ref": "SOL meny 101, 5036 Totalt antal brott",
}


def _read(areas: Areas, *rows: dict[str, str], **kw):
    return read_outcomes(csv_bytes([{**GOOD, **row} for row in rows], **kw), "utfall.csv", areas)


def _problems(loaded, lang: str = "sv") -> list[tuple[int, str | None, str]]:
    return [(p.row, p.column, p.message(lang)) for p in loaded.report.sorted_problems()]


def test_the_shipped_series_are_valid(areas: Areas) -> None:
    loaded = load_outcomes(ROOT / "outcomes.csv", areas)
    assert loaded.readable and loaded.report.problems == [], loaded.report.to_dict()
    assert len(loaded.table) == loaded.report.rows > 3000


def test_a_row_is_one_value_of_one_indicator_for_one_area_and_period(areas: Areas) -> None:
    loaded = _read(
        areas,
        {},
        {"period": "2019K2", "value": "2 687", "source": "Brå: per kvartal"},
        {"indicator": "reported_crimes_total_per_100k", "value": "3755,5", "unit": "per 100k"},
        {"area": "Rinkeby-Kista", "period": "2023-05", "preliminary": "ja", "source": "Brå: mån"},
    )
    assert loaded.report.ok, loaded.report.to_dict()
    rows = contract_rows(loaded.table)
    assert rows[["area", "period", "value", "unit", "preliminary"]].values.tolist() == [
        ["kommun-0123", "2019", "10104", "count", "false"],
        ["kommun-0123", "2019-Q2", "2687", "count", "false"],
        ["kommun-0123", "2019", "3755.5", "per_100k", "false"],
        ["sdo-rinkeby-kista", "2023-05", "10104", "count", "true"],
    ]
    assert list(loaded.table["granularity"]) == ["year", "quarter", "year", "month"]


def test_swedish_excel_headers_labels_and_decimal_commas(areas: Areas) -> None:
    swedish = {
        "Område": "Järfälla kommun",
        "Indikator": "Anmälda brott totalt per 100 000 invånare",
        "Period": "2019",
        "Värde": "14 052,0",
        "Enhet": "per 100 000 invånare",
        "Preliminär": "nej",
        "Källa": "Brå",
        "Källhänvisning": "SOL",
    }
    loaded = read_outcomes(
        csv_bytes([swedish], delimiter=";", encoding="cp1252"), "utfall.csv", areas
    )
    assert loaded.report.ok, loaded.report.to_dict()
    assert contract_rows(loaded.table).iloc[0].tolist() == [
        "kommun-0123",
        "reported_crimes_total_per_100k",
        "2019",
        "14052",
        "per_100k",
        "false",
        "Brå",
        "SOL",
    ]


def test_a_duplicate_area_indicator_and_period_is_refused(areas: Areas) -> None:
    loaded = _read(areas, {}, {"value": "10200", "period": "2019"}, {"period": "2020"})
    assert _problems(loaded) == [
        (3, "period", "Samma område, indikator och period finns redan på rad 2."),
    ]
    assert [p.column_in_file for p in loaded.report.errors] == ["period"]
    assert list(loaded.table["period"]) == ["2019", "2020"]  # the first one is kept


def test_a_period_of_another_length_than_its_series_is_refused(areas: Areas) -> None:
    loaded = _read(areas, {}, {"period": "2020"}, {"period": "2021-Q1"}, {"period": "2021-03"})
    assert _problems(loaded, "en") == [
        (
            4,
            "period",
            "The period is a quarter, but the series (same area, indicator and source) has "
            "years since row 2; a series has one length of period.",
        ),
        (
            5,
            "period",
            "The period is a month, but the series (same area, indicator and source) has "
            "years since row 2; a series has one length of period.",
        ),
    ]
    # Another source is another series: Brå's quarterly table beside its yearly one.
    other = _read(areas, {}, {"period": "2019-Q1", "source": "Brå: per kvartal"})
    assert other.report.ok


def test_a_negative_count_and_impossible_values_are_refused(areas: Areas) -> None:
    loaded = _read(
        areas,
        {"value": "-5"},
        {"period": "2020", "value": "12.5"},
        {
            "period": "2021",
            "value": "-3",
            "unit": "per_100k",
            "indicator": "reported_crimes_total_per_100k",
        },
        {"period": "2022", "value": "140", "unit": "procent", "indicator": "share_feeling_unsafe"},
        {"period": "2023", "value": "många"},
        {"period": "2024", "value": "nan"},
    )
    assert _problems(loaded) == [
        (2, "value", "Ett antal kan inte vara negativt."),
        (3, "value", "Ett antal är ett heltal."),
        (4, "value", "Värdet kan inte vara negativt (per 100 000 invånare)."),
        (5, "value", "En andel i procent ligger mellan 0 och 100."),
        (6, "value", "Inte ett tal."),
        (7, "value", "Inte ett tal."),
    ]
    assert loaded.table.empty


def test_an_unknown_area_is_refused_with_the_nearest_one(areas: Areas) -> None:
    loaded = _read(areas, {"area": "Järfäla kommun"}, {"period": "2020", "area": "Uppsala"})
    first, second = loaded.report.sorted_problems()
    assert (first.row, first.column, first.suggestion.sv) == (2, "area", "Järfälla kommun")
    assert first.message("sv").startswith("Okänt område. Menade du Järfälla kommun? Ange")
    assert "kommun-0123" in first.message("sv") and "sdo-norrmalm" in first.message("sv")
    assert (second.row, second.suggestion) == (3, None)
    assert second.message("en").startswith("Unknown area. Use an area id or name: kista,")


def test_units_and_indicators_must_fit_a_series(areas: Areas) -> None:
    loaded = _read(
        areas,
        {"unit": "per_100k"},
        {"period": "2020", "unit": "styck"},
        {"period": "2021", "indicator": "drug_scene_classification"},
        {"period": "2022", "indicator": "anmälda brot totalt"},
    )
    problems = loaded.report.sorted_problems()
    assert [(p.row, p.column, p.code) for p in problems] == [
        (2, "unit", "unit_mismatch"),
        (3, "unit", "unit_unknown"),
        (4, "indicator", "indicator_not_series"),
        (5, "indicator", "indicator_unknown"),
    ]
    assert problems[0].message("sv") == (
        "Indikatorn Anmälda brott totalt anges i enheten antal, men raden har per 100 000 invånare."
    )
    assert "Allowed values: count; per 100,000 inhabitants; percent." in problems[1].message("en")
    assert (
        problems[2]
        .message("en")
        .startswith("The indicator Classified as an open drug scene has no series")
    )
    assert problems[3].suggestion.sv == "Anmälda brott totalt"


@pytest.mark.parametrize("text", ["2019-05-27", "våren 2019", "2019-Q5"])
def test_a_day_or_a_loose_period_is_refused(areas: Areas, text: str) -> None:
    (problem,) = _read(areas, {"period": text}).report.errors
    assert (problem.column, problem.value, problem.code) == ("period", text, "period_format")
    assert "2019-Q2" in problem.message("sv")


def test_the_preliminary_flag_is_yes_or_no(areas: Areas) -> None:
    loaded = _read(areas, {"preliminary": ""}, {"period": "2020", "preliminary": "kanske"})
    assert [(p.row, p.code) for p in loaded.report.errors] == [(3, "flag_format")]
    assert list(loaded.table["preliminary"]) == [False]


def test_required_columns_and_cells(areas: Areas) -> None:
    lacking = read_outcomes(csv_bytes([{"area": "kommun-0123", "value": "1"}]), "u.csv", areas)
    assert lacking.report.lacks_columns and lacking.table.empty
    blank = _read(areas, {"source": "", "source_ref": ""})
    assert [(p.column, p.code) for p in blank.report.sorted_problems()] == [
        ("source", "required"),
        ("source_ref", "required"),
    ]


def test_the_text_report_names_file_row_and_column_as_written(areas: Areas) -> None:
    swedish = {"Område": "Järfälla kommun", "Indikator": "reported_crimes_total"}
    rows = [
        {
            **swedish,
            "Period": "2019",
            "Värde": "-1",
            "Enhet": "antal",
            "Källa": "Brå",
            "Tabell": "x",
        },
        {
            **swedish,
            "Period": "2019",
            "Värde": "5",
            "Enhet": "antal",
            "Källa": "Brå",
            "Tabell": "x",
        },
    ]
    loaded = read_outcomes(csv_bytes(rows), "utfall.csv", areas)
    text = format_text(loaded.report, "sv")
    assert "FEL: rad 2, kolumn Värde (value), värde '-1': Ett antal kan inte vara negativt." in text
    assert (
        "FEL: rad 3, kolumn Period: Samma område, indikator och period finns redan på rad 2."
        in (text)
    )
    assert text.startswith("utfall.csv: 2 rader")
