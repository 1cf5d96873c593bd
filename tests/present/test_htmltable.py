"""Small summaries as plain tables: every cell shown as text, numbers right-aligned."""

from __future__ import annotations

import pandas as pd

from safetymap.present.htmltable import html_table
from tests.htmltables import html_tables


def test_the_table_shows_the_header_and_every_cell_as_text() -> None:
    frame = pd.DataFrame({"Plats": ["Kista", "↳ Kista busstorg"], "Rader": [12, 3]})
    (table,) = html_tables(html_table(frame, "Platser"))
    assert table == [["Plats", "Rader"], ["Kista", "12"], ["↳ Kista busstorg", "3"]]


def test_numbers_are_right_aligned_and_the_first_column_names_its_row() -> None:
    markup = html_table(pd.DataFrame({"Plats": ["Kista"], "Rader": [12]}), "Platser")
    assert "<th scope='row'>Kista</th><td class=num>12</td>" in markup
    assert "<th scope='col'>Plats</th><th scope='col' class=num>Rader</th>" in markup
    # A numeric first column (a row number) lines up under its header too.
    markup = html_table(pd.DataFrame({"Rad": [7], "Meddelande": ["Fel"]}), "Fel")
    assert "<th scope='col' class=num>Rad</th>" in markup
    assert "<th scope='row' class=num>7</th><td>Fel</td>" in markup


def test_headers_cells_and_caption_are_escaped() -> None:
    evil = "<img src=x onerror=alert(1)>"
    markup = html_table(pd.DataFrame({evil: [evil]}), evil)
    assert "<img" not in markup
    assert html_tables(markup) == [[[evil], [evil]]]
    assert "<caption>&lt;img src=x onerror=alert(1)&gt;</caption>" in markup
