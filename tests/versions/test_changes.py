"""A diff in words: each changed field as old → new, labels in the page's language."""

from __future__ import annotations

from datetime import date

import pandas as pd

from safetymap.versions.changes import change_lines, column_label, field_changes, value_text
from safetymap.versions.diff import diff_tables

BASE = {"title": "Kameror", "status": "planned", "status_date": "", "measure_type": "cameras"}


def table(*rows: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame([{**BASE, **row} for row in rows])


def test_a_changed_field_reads_old_to_new_with_labels_in_the_pages_language() -> None:
    old = table({"id": "a"}, {"id": "b"})
    new = table({"id": "a", "status": "ongoing", "status_date": "2026-11-15"}, {"id": "c"})
    diff = diff_tables(old, new, date(2026, 12, 3))
    assert field_changes(diff, "a", "sv") == (
        "Status: planerad → pågående; Statusdatum: – → 2026-11-15"
    )
    assert field_changes(diff, "a", "en") == (
        "Status: planned → ongoing; Status date: – → 2026-11-15"
    )
    assert change_lines(diff, "sv") == [
        "+ c (tillagd)",
        "- b (borttagen)",
        "~ a: Status: planerad → pågående; Statusdatum: – → 2026-11-15",
    ]


def test_columns_are_named_as_a_swedish_file_names_them() -> None:
    assert [column_label(c, "sv") for c in ("measure_type", "cost_sek", "lat", "unit")] == [
        "Åtgärdstyp",
        "Kostnad",
        "Latitud",
        "Enhet",
    ]
    assert column_label("measure_type", "en") == "Measure type"


def test_a_long_text_is_shortened_and_text_stays_as_written() -> None:
    long = "Ord " * 40
    shown = value_text("description", long, "sv")
    assert len(shown) <= 60 and shown.endswith("…") and long.startswith(shown[:-1])
    assert value_text("title", "<b>fet</b>", "sv") == "<b>fet</b>"
    assert value_text("measure_type", "cameras", "en") == "Camera surveillance"
