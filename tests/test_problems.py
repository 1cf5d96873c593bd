"""The message catalogue: every problem can be said in Swedish and English."""

from __future__ import annotations

import string

import pytest

from safetymap.problems import MESSAGES, Report, error, warning


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
