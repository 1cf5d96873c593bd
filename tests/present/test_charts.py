"""The timeline chart spec: status colours and shapes, uncertain spans, today and as-of rules."""

from __future__ import annotations

import json
import re
from datetime import date

import altair as alt
import pytest

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.present import charts
from safetymap.present.mapping import STATUS_COLOURS
from safetymap.selection.timeline import timeline_segments
from tests.conftest import ROOT

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def jakobsberg(places: Places):
    measures = load_measures(ROOT / "measures.csv", places).measures
    measures = measures[measures.place.isin(places.with_descendants("jakobsberg"))]
    segments = timeline_segments(measures, TODAY)
    return charts.timeline_data(segments, measures, "sv")


def _spec(data, as_of=None, lang="sv") -> dict:
    return charts.timeline_chart(data, (date(2016, 1, 1), TODAY), TODAY, as_of, lang).to_dict()


def test_every_dated_measure_gets_a_row(jakobsberg) -> None:
    spec = _spec(jakobsberg)
    rows = jakobsberg.label.nunique()
    assert spec["height"] == charts.ROW_HEIGHT * rows + charts.AXES_HEIGHT
    assert "Öppen drogscen vid stationsområdet i Jakobsberg" in set(jakobsberg.label)


def test_status_has_colour_and_shape(jakobsberg) -> None:
    text = json.dumps(_spec(jakobsberg), ensure_ascii=False)
    for colour in STATUS_COLOURS.values():
        assert colour in text
    for shape in charts.STATUS_SHAPES.values():
        assert shape in text
    assert "genomförd" in text and "planerad" in text


def test_partial_start_is_faint_and_labelled_at_its_precision(jakobsberg) -> None:
    promise = jakobsberg[jakobsberg.id == "jakobsberg-medborgarlofte-2019-2020"]
    assert list(promise.certain) == [False, True]
    assert set(promise.from_label) == {"2019"}
    assert "datum.certain" in json.dumps(_spec(jakobsberg))


def test_today_and_as_of_lines(jakobsberg) -> None:
    text = json.dumps(_spec(jakobsberg, as_of=date(2020, 6, 30)), ensure_ascii=False)
    assert "idag" in text and "per datum 2020-06-30" in text
    assert "per datum" not in json.dumps(_spec(jakobsberg), ensure_ascii=False)


def test_english_labels(jakobsberg, places: Places) -> None:
    measures = load_measures(ROOT / "measures.csv", places).measures
    data = charts.timeline_data(timeline_segments(measures, TODAY), measures, "en")
    text = json.dumps(_spec(data, lang="en"), ensure_ascii=False)
    assert "completed" in text and "today" in text and "Time" in text


def test_same_title_twice_gets_its_id(places: Places) -> None:
    import pandas as pd

    measures = pd.DataFrame(
        {
            "id": ["a", "b"],
            "title": ["Kameror", "Kameror"],
            "place_name": ["Valsta", "Kista"],
            "kind": ["measure"] * 2,
            "status": ["ongoing"] * 2,
            "start_date": ["2020", "2021"],
            "end_date": [""] * 2,
            "status_date": [""] * 2,
        }
    )
    data = charts.timeline_data(timeline_segments(measures, TODAY), measures, "sv")
    assert set(data.label) == {"Kameror (a)", "Kameror (b)"}


def test_each_period_is_described_in_words_for_screen_readers(jakobsberg) -> None:
    promise = jakobsberg[jakobsberg.id == "jakobsberg-medborgarlofte-2019-2020"]
    title = promise.title.iloc[0]
    assert all(d.startswith(f"{title}: ") and ", 2019 – " in d for d in promise.description)
    spec = _spec(jakobsberg)
    described = [layer for layer in spec["layer"] if "description" in layer.get("encoding", {})]
    assert len(described) == 2
    # Drawn as SVG so every bar is its own labelled element, not pixels on a canvas.
    assert spec["usermeta"]["embedOptions"]["renderer"] == "svg"


def test_dated_indicators_share_the_time_axis_above_the_timeline(jakobsberg, places) -> None:
    from safetymap.intake.indicators import load_indicators

    table = load_indicators(ROOT / "indicators.csv", places).table
    rows = table[table.place.isin(places.with_descendants("jakobsberg"))]
    strip = charts.indicator_data(rows, "sv")
    assert list(strip.label) == ["Klassning som öppen drogscen"]
    assert list(strip.value) == ["öppen drogscen"]
    spec = charts.timeline_chart(
        jakobsberg, (date(2016, 1, 1), TODAY), TODAY, None, "sv", strip
    ).to_dict()
    # One more row, on top, in the same layered chart (so on the same axes).
    assert (
        spec["height"] == charts.ROW_HEIGHT * (jakobsberg.label.nunique() + 1) + charts.AXES_HEIGHT
    )
    sort = spec["layer"][0]["encoding"]["y"]["sort"]
    assert sort[0] == "Klassning som öppen drogscen"
    assert "öppen drogscen" in json.dumps(spec["datasets"], ensure_ascii=False)
    # Undated figures are left to the table: no strip without a dated one.
    undated = table[table.place == "kista"]
    assert charts.indicator_data(undated, "sv").empty
    assert (
        "vconcat"
        not in charts.timeline_chart(
            jakobsberg,
            (date(2016, 1, 1), TODAY),
            TODAY,
            None,
            "sv",
            charts.indicator_data(undated, "sv"),
        ).to_dict()
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_status_legend_fits_a_narrow_comparison_chart(places: Places, lang: str) -> None:
    """The compare page sets the places side by side, two to a row: the legend of all six
    statuses must stay inside a chart that narrow instead of running off its edge."""
    from safetymap.selection.compare import status_by_year

    measures = load_measures(ROOT / "measures.csv", places).measures
    counts = status_by_year(measures, places, None, TODAY, {})
    here = counts[counts.place == "jakobsberg"]
    chart = charts.status_years_chart(here, range(2016, 2027), 12, lang).properties(width=300)

    unlabelled = chart.to_dict()
    unlabelled["encoding"]["color"]["legend"] = None

    def drawn_width(drawn: alt.TopLevelMixin) -> float:
        return float(re.search(r'<svg[^>]*\bwidth="([\d.]+)"', charts.to_svg(drawn)).group(1))

    assert drawn_width(chart) <= drawn_width(alt.Chart.from_dict(unlabelled))


def test_a_completion_of_unknown_date_is_worded_so_and_has_no_start_symbol() -> None:
    import pandas as pd

    measures = pd.DataFrame(
        {
            "id": ["a"],
            "title": ["Utredning"],
            "place_name": ["Kista"],
            "kind": ["measure"],
            "status": ["completed"],
            "start_date": ["2020"],
            "end_date": [""],
            "status_date": [""],
        }
    )
    data = charts.timeline_data(timeline_segments(measures, TODAY), measures, "sv")
    assert list(data.description) == [
        "Utredning: pågående, 2020 – datum okänt",
        "Utredning: genomförd, datum okänt – –",
    ]
    english = charts.timeline_data(timeline_segments(measures, TODAY), measures, "en")
    assert english.description.iloc[0] == "Utredning: ongoing, 2020 – date unknown"
    spec = _spec(data)
    [starts] = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "point"]
    assert "datum.start != ''" in json.dumps(starts["transform"])
