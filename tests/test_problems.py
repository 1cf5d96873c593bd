"""The message catalogue: every problem can be said in Swedish and English."""

from __future__ import annotations

import string

import pytest

from safetymap.problems import MESSAGES, Report, error, grouped, row_ranges, warning


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
    assert groups[0].message == "Unknown status. Allowed: a, b."
    assert row_ranges(groups[0].rows) == "2–4, 7, 9"


def test_row_ranges_stop_after_the_most_runs() -> None:
    assert row_ranges(tuple(range(2, 100_002))) == "2–100001"
    assert row_ranges((1, 3, 5, 7), most=3) == "1, 3, 5, …"
