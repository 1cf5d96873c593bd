"""What the map's browser side is given: column arrays, small tables, vocabulary, text."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import shapely

from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.places import Places
from safetymap.present import mapdata
from safetymap.versions.diff import Diff
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


ART = {
    "types": {m: f"<g>{m}</g>" for m in measure_types().ids()},
    "statuses": {s: [f"<circle>{s}</circle>", ""] for s in statuses().ids()},
}


def test_config_has_every_type_status_place_and_template(places: Places) -> None:
    labels = [["Klara-Jacob", "regso", 59.33, 18.06]]
    config = mapdata.map_config(places, "en", ART, labels)
    assert [t["id"] for t in config["types"]] == measure_types().ids()
    assert config["types"][0]["glyph"] == f"<g>{measure_types().ids()[0]}</g>"
    assert {t["group"] for t in config["types"]} == {
        "situational",
        "social",
        "collaboration",
        "condition",
    }
    assert [s["label"] for s in config["statuses"]] == [
        statuses().label(s, "en") for s in statuses().ids()
    ]
    assert config["statuses"][0]["ring"] == f"<circle>{statuses().ids()[0]}</circle>"
    assert set(config["places"]) == set(places.ids())
    kista = config["places"]["kista-busstorg"]
    (south, west), (north, east) = kista["bounds"]
    assert south < 59.4037 < north and west < 17.942 < east
    assert kista["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert kista["parent"] == "kista" and config["places"]["kista"]["parent"] is None
    assert config["labels"] == labels
    assert "{n}" in config["text"]["inview_button"], "the browser fills in the count"
    assert config["text"]["whole_area"] == "applies to the whole area"


@pytest.mark.parametrize("place_id", ["kista", "kista-busstorg", "klara", "sergels-torg", "valsta"])
def test_a_places_badge_points_inside_it(places: Places, place_id: str) -> None:
    lat, lon = mapdata.anchor(places.frame.geometry[place_id])
    assert places.frame.geometry[place_id].contains(shapely.Point(lon, lat))


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


# --- a preview's changes (issue #19) ---------------------------------------------------------


def test_a_preview_marks_added_changed_and_removed_rows_and_draws_removed_ones_from_the_old(
    places: Places,
) -> None:
    from safetymap.contract.table import contract_table
    from safetymap.versions.diff import diff_tables

    old = valid_measures(
        places,
        make_measure(id="kept"),
        make_measure(id="moved", lat="59.4037", lon="17.942"),
        make_measure(id="gone", place="valsta", title="Borttagen åtgärd"),
    )
    new = valid_measures(
        places,
        make_measure(id="kept"),
        make_measure(id="moved", lat="59.4040", lon="17.9425"),
        make_measure(id="fresh", place="klara"),
    )
    diff = diff_tables(contract_table(old), contract_table(new), date(2026, 11, 23))
    rows = mapdata.preview_rows(new, old, diff)
    assert list(zip(rows["id"], rows[mapdata.CHANGE])) == [
        ("kept", ""),
        ("moved", "changed"),
        ("fresh", "added"),
        ("gone", "removed"),
    ]
    # The removed row as the version in force has it: its title and place, no point.
    assert rows["title"].iloc[-1] == "Borttagen åtgärd" and not rows["located"].iloc[-1]
    assert rows.crs == new.crs
    assert mapdata.changed_places(rows) == ("kista-busstorg", "klara", "valsta")
    assert mapdata.change_counts(rows) == {"added": 1, "changed": 1, "removed": 1}

    sent = mapdata.map_rows(rows, "sv")["rows"]
    kinds = [None if k is None else mapdata.CHANGE_KINDS[k] for k in sent["change"]]
    assert kinds == [None, "changed", "added", "removed"]
    # Located and area-wide alike: the changed row keeps its new point, the others none.
    assert sent["lat"] == [None, 59.404, None, None]


def test_a_map_that_is_no_preview_or_previews_no_change_sends_no_changes(
    places: Places,
) -> None:
    measures = valid_measures(places, make_measure(id="a"))
    assert "change" not in mapdata.map_rows(measures, "sv")["rows"]
    assert mapdata.changed_places(measures) == () and mapdata.change_counts(measures) == {}
    # The same file again: nothing to mark, so no legend either.
    same = mapdata.preview_rows(measures, measures, Diff())
    assert list(same[mapdata.CHANGE]) == [""]
    assert "change" not in mapdata.map_rows(same, "sv")["rows"]
    assert mapdata.changed_places(same) == () and mapdata.change_counts(same) == {}


@pytest.mark.parametrize(
    ("lang", "labels"),
    [("sv", ["tillagd", "ändrad", "borttagen"]), ("en", ["added", "changed", "removed"])],
)
def test_the_changes_legend_speaks_the_pages_language(
    places: Places, lang: str, labels: list[str]
) -> None:
    config = mapdata.map_config(places, lang, ART, [])
    assert [c["id"] for c in config["changes"]] == list(mapdata.CHANGE_KINDS)
    assert [c["label"] for c in config["changes"]] == labels
    assert [c["sign"] for c in config["changes"]] == ["+", "✎", "−"]
    assert config["text"]["changes_legend"] == ("Ändringar" if lang == "sv" else "Changes")


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


@pytest.mark.parametrize("kind", mapdata.CHANGE_KINDS)
def test_each_change_sign_reads_on_its_tag(kind: str) -> None:
    mark = mapdata.CHANGE_MARKS[kind]
    light, dark = sorted((_luminance(mark.colour), _luminance(mark.ink)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5  # WCAG 2.1 AA for text
