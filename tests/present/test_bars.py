"""The overview's count tables: numbers as text, bars in proportion, labels escaped."""

from __future__ import annotations

import re

import pandas as pd

from safetymap.present.bars import count_bars, count_panels
from tests.htmltables import html_tables


def _counts(*rows: tuple[str, str, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["id", "label", "count"])


def test_each_row_shows_its_label_and_number_with_a_proportional_bar() -> None:
    html = count_bars(_counts(("a", "Kista", 10), ("b", "Valsta", 5)), "Per plats")
    assert "<caption>Per plats</caption>" in html
    bar = r"<span class='bar' style='width:calc\(\(100% - 3\.5em\) \* {}\);.*?</span>"
    assert re.search(r"Kista</th><td>" + bar.format(r"1\.000") + "10<", html)
    assert re.search(r"Valsta</th><td>" + bar.format(r"0\.500") + "5<", html)


def test_colours_follow_the_ids_and_default_to_one_colour() -> None:
    html = count_bars(
        _counts(("planned", "planerad", 1), ("x", "x", 1)), "s", {"planned": "#E69F00"}
    )
    assert "background:#E69F00" in html and "background:#1F3A5F" in html


def test_labels_are_escaped() -> None:
    html = count_bars(_counts(("a", "<img src=x onerror=alert(1)>", 1)), "<b>")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<caption>&lt;b&gt;</caption>" in html


def test_no_rows_gives_an_empty_table() -> None:
    assert "<tbody></tbody>" in count_bars(_counts(), "Per typ")


def test_panels_show_each_title_as_its_table_caption_in_one_block() -> None:
    html = count_panels(
        [
            ("Per status", _counts(("planned", "planerad", 2)), {"planned": "#E69F00"}),
            ("Per plats", _counts(("a", "Kista", 3), ("b", "Valsta", 1)), None),
        ]
    )
    assert html.count("<style>") == 1, "the style once for every panel"
    assert re.findall(r"<caption>(.*?)</caption>", html) == ["Per status", "Per plats"]
    assert ".safetymap-panels .safetymap-bars caption{position:static" in html, "shown"
    assert html_tables(html) == [[["planerad", "2"]], [["Kista", "3"], ["Valsta", "1"]]]
    assert "background:#E69F00" in html


def test_panel_titles_are_escaped() -> None:
    html = count_panels([("<b>x</b>", _counts(("a", "a", 1)), None)])
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
