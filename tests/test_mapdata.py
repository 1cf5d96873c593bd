"""What the map's browser side is given: column arrays, small tables, vocabulary, text."""

from __future__ import annotations

import pandas as pd
import pytest

from safetymap import mapdata
from safetymap.places import Places
from safetymap.vocab import measure_types, statuses
from tests.conftest import make_measure, valid_measures


def test_rows_carry_what_a_popup_shows(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(
            id="a",
            start_date="2021-01",
            end_date="2021-03",
            source="Stockholms stad: Kista",
            lat="59.4037",
            lon="17.942",
        ),
    )
    data = mapdata.map_rows(measures, "sv")
    rows, tables = data["rows"], data["tables"]
    assert rows["title"] == ["Ny belysning"]
    assert "id" not in rows, "a click is resolved to its measure by the server"
    assert measure_types().ids()[rows["type"][0]] == "lighting"
    assert statuses().ids()[rows["status"][0]] == "completed"
    assert tables["places"][rows["place"][0]] == "kista-busstorg"
    assert tables["dates"][rows["dates"][0]] == "januari 2021 – mars 2021"
    assert tables["actors"][rows["actors"][0]] == "Trafikkontoret (Stockholms stad)"
    assert tables["sources"][rows["source"][0]] == "Stockholms stad: Kista"
    assert (rows["lat"][0], rows["lon"][0]) == (59.4037, 17.942)


def test_rows_without_a_point_get_none_never_an_invented_point(places: Places) -> None:
    measures = valid_measures(
        places, make_measure(id="a"), make_measure(id="b", lat="59.4037", lon="17.942")
    )
    rows = mapdata.map_rows(measures, "sv")["rows"]
    assert rows["lat"] == [None, 59.4037] and rows["lon"] == [None, 17.942]


def test_repeated_texts_are_sent_once(places: Places) -> None:
    measures = valid_measures(
        places, *(make_measure(id=f"m{i}", start_date="2020") for i in range(50))
    )
    data = mapdata.map_rows(measures, "en")
    assert data["tables"]["dates"] == ["from 2020"]
    assert data["rows"]["dates"] == [0] * 50
    assert len(data["tables"]["actors"]) == 1 and len(data["tables"]["sources"]) == 1


def test_config_has_every_type_status_place_and_template(places: Places) -> None:
    config = mapdata.map_config(places, "en", {m: f"<svg>{m}</svg>" for m in measure_types().ids()})
    assert [t["id"] for t in config["types"]] == measure_types().ids()
    assert config["types"][0]["svg"] == f"<svg>{measure_types().ids()[0]}</svg>"
    assert config["statuses"] == [statuses().label(s, "en") for s in statuses().ids()]
    assert set(config["places"]) == set(places.ids())
    kista = config["places"]["kista-busstorg"]
    (south, west), (north, east) = kista["bounds"]
    assert south < 59.4037 < north and west < 17.942 < east
    assert kista["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert "{n}" in config["text"]["inview_button"], "the browser fills in the count"


@pytest.mark.parametrize(
    "start, end, lang, text",
    [
        ("2021", "", "sv", "från 2021"),
        ("", "2020-12-31", "en", "until 31 December 2020"),
        ("2019", "2019", "sv", "2019"),
        ("", "", "sv", "–"),
    ],
)
def test_date_span_keeps_precision(start: str, end: str, lang: str, text: str) -> None:
    assert mapdata.date_span(start, end, lang) == text
    assert mapdata.date_spans(pd.Series([start, start]), pd.Series([end, end]), lang) == [
        text,
        text,
    ]
