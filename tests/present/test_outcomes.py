"""The follow-up chart (series, the measures' marks, the windows), its legends and tables,
a before/after result as a table, and the briefing's small chart of the main outcome."""

from __future__ import annotations

import base64
import re
from html import unescape

import pandas as pd
import pytest

from safetymap.intake.areas import Areas
from safetymap.intake.loaders import load_measures
from safetymap.intake.periods import Granularity, parse_period
from safetymap.present import charts, outcomes
from safetymap.selection import briefing
from safetymap.selection.effect import effect_for
from safetymap.selection.outcomes import Point, Series, series_of
from tests.conftest import HOSTILE, ROOT, briefing_data, shipped_outcomes


@pytest.fixture(scope="module")
def table(areas: Areas) -> pd.DataFrame:
    return shipped_outcomes(areas.places)


@pytest.fixture(scope="module")
def lines(table, areas) -> list[outcomes.Line]:
    year = Granularity.YEAR
    jarfalla = series_of(table, "kommun-0123", "reported_crimes_total", year)[0]
    sigtuna = series_of(table, "kommun-0191", "reported_crimes_total", year)[0]
    return outcomes.lines_for(
        [(jarfalla, "treatment"), (sigtuna, "comparison")], areas, "jakobsberg", "sv"
    )


@pytest.fixture(scope="module")
def marks(areas) -> pd.DataFrame:
    rows = load_measures(ROOT / "measures.csv", areas.places).measures
    return outcomes.change_marks(briefing.place_rows(rows, areas.places, "jakobsberg"), {}, "sv")


def test_each_line_names_its_area_in_words(lines) -> None:
    assert [(line.role, line.words) for line in lines] == [
        ("treatment", "Järfälla kommun som helhet, inte bara Jakobsberg"),
        ("comparison", "Sigtuna kommun, där Jakobsberg inte ligger"),
    ]


def test_each_value_sits_in_the_middle_of_its_period(lines, areas) -> None:
    points = outcomes.series_data(lines, areas, "sv")
    first = points.iloc[0]
    assert (first.area, first.period, first.value_text) == (
        "Järfälla kommun",
        "2015",
        "10\u00a0124",
    )
    assert first.x == pd.Timestamp("2015-07-02")
    assert first.description == "Järfälla kommun, 2015: 10\u00a0124"
    assert set(points.role) == {"treatment", "comparison"} and len(points) == 22


def test_the_measures_marks_are_their_dated_status_changes(marks) -> None:
    started = marks[(marks.status == "ongoing") & (marks.date == "2019")].iloc[0]
    # Nine of Jakobsberg's measures started some time in 2019 (the citizen promise's year).
    assert started.n == 9
    assert (started.x, started.x2) == (pd.Timestamp("2019-01-01"), pd.Timestamp("2020-01-01"))
    assert started.named.count(";") == outcomes.MOST_TITLES - 1 and started.named.endswith(
        "+ 5 till"
    )
    assert started.description.startswith("pågående 2019: ")
    # A condition's start and a planned measure's status date are marked too.
    assert {"active", "planned", "completed"} <= set(marks.status)


def test_the_chart_draws_the_lines_the_marks_and_the_windows(lines, marks, areas) -> None:
    spans = outcomes.window_data(parse_period("2019"), 3, 3, "sv")
    assert list(spans.label) == ["före", "vald period", "efter"]
    assert list(spans.periods) == ["2016–2018", "2019", "2020–2022"]
    points = outcomes.series_data(lines, areas, "sv")
    chart = outcomes.follow_up_chart(points, marks, spans, "Antal", "sv", width=700)
    svg = charts.to_svg(chart)
    labels = [unescape(label) for label in re.findall(r'aria-label="([^"]*)"', svg)]
    assert "Sigtuna kommun, 2024: 17\u00a0376" in labels  # every point is named
    assert any(
        label.startswith("pågående 2019: Fältarbetare i stationsområdet") for label in labels
    )
    assert "vald period" in labels
    assert ">20\u00a0000<" in svg or "20\u00a0000" in unescape(svg)  # Swedish numbers on the axis
    english = outcomes.follow_up_chart(
        outcomes.series_data(lines, areas, "en"), marks, None, "Counts", "en", width=700
    )
    assert "20,000" in charts.to_svg(english)


def test_the_legends_are_text_with_pictures_beside_it(lines, marks) -> None:
    spans = outcomes.window_data(parse_period("2019"), 3, 3, "sv")
    series = outcomes.series_legend_html(lines, "sv")
    assert (
        "Heldragen linje: Järfälla kommun som helhet, inte bara Jakobsberg. Källa: Brå, "
        "Statistik On-Line: anmälda brott per kommun och år."
    ) in series
    assert "Streckad linje: Sigtuna kommun" in series
    legend = outcomes.marks_legend_html(marks, spans, "sv")
    texts = re.findall(r'alt="" width="\d+" height="\d+">([^<]+)</span>', legend)
    assert texts == [
        "planerad",
        "pågående",
        "genomförd",
        "aktiv",
        "före 2016–2018",
        "vald period 2019",
        "efter 2020–2022",
        "preliminär siffra",
    ]
    # Inline SVG does not pass st.html: each picture is an image with no text of its own.
    assert "<svg" not in legend and legend.count('<img src="data:image/svg+xml;base64,') == 8


def test_text_from_the_data_is_escaped_in_the_legends(areas) -> None:
    hostile = Series(
        "kommun-0123",
        "reported_crimes_total",
        "count",
        Granularity.YEAR,
        (Point(parse_period("2020"), 5.0, False, HOSTILE, HOSTILE),),
    )
    (line,) = outcomes.lines_for([(hostile, "treatment")], areas, "jakobsberg", "sv")
    html = outcomes.series_legend_html([line], "sv")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_figures_as_a_table(lines, areas) -> None:
    frame = outcomes.series_table(lines, areas, "sv")
    assert list(frame.columns) == ["Period", "Järfälla kommun", "Sigtuna kommun"]
    assert frame.iloc[0].tolist() == ["2015", "10\u00a0124", "7\u00a0776"]
    assert len(frame) == 11


def test_a_result_as_a_table_and_res_in_words(table, areas) -> None:
    effect = effect_for(
        table, "kommun-0123", "kommun-0191", "reported_crimes_total", parse_period("2019"), 3, 3
    )
    frame = outcomes.effect_table(effect, areas, "sv")
    assert list(frame.columns) == ["Område", "Före (2016–2018)", "Efter (2020–2022)", "Förändring"]
    assert frame.values.tolist() == [
        ["Järfälla kommun (området)", "29\u00a0976", "30\u00a0078", "+0,3\u00a0%"],
        ["Sigtuna kommun (jämförelseområdet)", "22\u00a0838", "21\u00a0449", "\u22126,1\u00a0%"],
    ]
    assert outcomes.res_text(effect, "sv") == ("0,94", "0,91–0,96")
    assert outcomes.res_text(effect, "en") == ("0.94", "0.91–0.96")
    heading = outcomes.chart_heading("reported_crimes_total", "per_100k", Granularity.YEAR, "sv")
    assert heading == "Anmälda brott totalt per år, per 100 000 invånare"


def test_the_small_chart_of_a_places_main_outcome(places) -> None:
    series = briefing_data(places).outcomes["jakobsberg"]
    svg = charts.to_svg(outcomes.small_chart(series, "sv"))
    labels = [unescape(label) for label in re.findall(r'aria-label="([^"]*)"', svg)]
    assert "2025: 13\u00a0528" in labels and "2015: 10\u00a0124" in labels
    assert ">2015<" in svg and ">2025<" in svg


def test_an_icon_is_an_image_of_its_svg() -> None:
    picture = outcomes.icon('<svg xmlns="http://www.w3.org/2000/svg"/>', 3, 4)
    data = re.search(r"base64,([^\"]+)", picture).group(1)
    assert base64.b64decode(data) == b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    assert 'alt="" width="3" height="4"' in picture
