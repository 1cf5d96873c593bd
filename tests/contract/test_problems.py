"""The message catalogue: every problem can be said in Swedish and English."""

from __future__ import annotations

import string

import pytest

from safetymap.contract.problems import (
    MESSAGES,
    Report,
    Words,
    error,
    grouped,
    in_file_words,
    row_ranges,
    warning,
    words_list,
)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_use_the_same_placeholders(code: str) -> None:
    sv, en = MESSAGES[code]
    assert sv != en
    assert _fields(sv) == _fields(en)


def test_report_separates_errors_from_warnings() -> None:
    report = Report("f.csv")
    report.add(
        [warning("actor_unknown", 3, "actors", "X", actor="X"), error("required", 2, "title")]
    )
    assert not report.ok
    assert [p.code for p in report.errors] == ["required"]
    assert [p.row for p in report.sorted_problems()] == [2, 3]


def test_the_same_problem_on_many_rows_is_one_group_with_its_rows() -> None:
    report = Report("f.csv")
    report.add(
        [error("status_unknown", row, "status", "klar", choices="a, b") for row in (9, 2, 3, 4, 7)]
    )
    report.add(warning("actor_unknown", 5, "actors", "X", actor="X"))
    report.add(error("date_format", 6, "start_date", "2023-13-01"))
    groups = grouped(report, "en")
    assert [(g.severity, g.column, g.rows) for g in groups] == [
        ("error", "status", (2, 3, 4, 7, 9)),  # errors first, the most rows first
        ("error", "start_date", (6,)),
        ("warning", "actors", (5,)),
    ]
    assert groups[0].message == "Unknown status. Allowed values: a, b."
    assert row_ranges(groups[0].rows) == "2–4, 7, 9"


def test_row_ranges_stop_after_the_most_runs() -> None:
    assert row_ranges(tuple(range(2, 100_002))) == "2–100001"
    assert row_ranges((1, 3, 5, 7), most=3) == "1, 3, 5, …"


def test_allowed_values_and_the_suggestion_are_said_in_the_page_language() -> None:
    statuses = words_list([Words("planerad", "planned"), Words("pågående", "ongoing")])
    problem = error(
        "status_unknown",
        3,
        "status",
        "pågånde",
        choices=statuses,
        suggestion=Words("pågående", "ongoing"),
    )
    assert problem.message("sv") == (
        "Okänd status. Menade du pågående? Tillåtna värden: planerad, pågående."
    )
    assert problem.message("en") == (
        "Unknown status. Did you mean ongoing? Allowed values: planned, ongoing."
    )
    assert problem.to_dict("en")["suggestion"] == "ongoing"
    plain = error("status_unknown", 3, "status", "x", choices=statuses)
    assert plain.message("sv") == "Okänd status. Tillåtna värden: planerad, pågående."
    assert plain.to_dict("sv")["suggestion"] is None


def test_a_list_of_labels_holding_commas_is_parted_by_semicolons() -> None:
    found = words_list([Words("Belysning", "Lighting"), Words("Aktivering, kultur", "Culture")])
    assert (found.say("sv"), found.say("en")) == (
        "Belysning; Aktivering, kultur",
        "Lighting, Culture",
    )


@pytest.mark.parametrize(
    "column, header, label",
    [
        ("measure_type", "Åtgärdstyp", "Åtgärdstyp (measure_type)"),
        ("status", "Status", "Status"),  # the same name but for case: said once
        ("lat", "Latitud", "Latitud (lat)"),
        ("place", None, "place"),  # not in the file
    ],
)
def test_a_problem_names_its_column_as_the_file_does(
    column: str, header: str | None, label: str
) -> None:
    headers = {column: header} if header else {}
    [problem] = in_file_words([error("required", 2, column)], headers)
    assert problem.column_label() == label
    assert problem.to_dict("sv")["column"] == column
    assert problem.to_dict("sv")["column_in_file"] == header


def test_a_message_naming_columns_names_them_as_the_file_does() -> None:
    headers = {"lat": "Latitud", "lon": "Longitud"}
    problem = error("coords_pair", 2, "lon", None, present="lat", missing="lon")
    [named] = in_file_words([problem], headers)
    assert named.message("sv") == "Ange både Latitud och Longitud, eller ingen av dem."


def test_groups_name_the_column_as_the_file_does() -> None:
    report = Report("f.csv")
    report.add(in_file_words([error("required", r, "title") for r in (2, 3)], {"title": "Titel"}))
    assert [(g.column, g.rows) for g in grouped(report, "sv")] == [("Titel (title)", (2, 3))]
