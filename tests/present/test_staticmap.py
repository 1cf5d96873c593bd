"""The static map of a place: drawn from local data only, true to the rows, text escaped."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.present import staticmap
from safetymap.selection import briefing
from tests.conftest import ROOT, make_measure, valid_measures

SVG = "{http://www.w3.org/2000/svg}"
CONTEXT = json.loads((ROOT / "geodata" / "context.geojson").read_text(encoding="utf-8"))


def _svg(places: Places, rows, place_id: str) -> ET.Element:
    return ET.fromstring(staticmap.place_map_svg(places, CONTEXT, rows, place_id, "sv"))


def _texts(svg: ET.Element) -> list[str]:
    return [e.text or "" for e in svg.iter(f"{SVG}text")]


def test_the_place_its_focus_area_and_the_background_are_drawn(places: Places) -> None:
    rows = valid_measures(places, make_measure(place="jakobsberg"))
    svg = _svg(places, rows, "jakobsberg")
    outlines = [p for p in svg.iter(f"{SVG}path") if p.get("stroke") == "#1F3A5F"]
    assert len(outlines) == 2  # Jakobsberg and its station area
    assert [p.get("stroke-dasharray") for p in outlines] == [None, "7 5"]  # approximate: dashed
    background = [p for p in svg.iter(f"{SVG}path") if p.get("stroke") in ("#B0B0B0", "#6B6B6B")]
    assert len(background) > 3
    assert "Jakobsbergs stationsområde" in _texts(svg)
    assert any(text.endswith(" m") or text.endswith(" km") for text in _texts(svg))  # scale bar


def test_area_wide_measures_are_counted_on_their_area_not_given_points(places: Places) -> None:
    rows = valid_measures(
        places,
        make_measure(id="a", place="valsta"),
        make_measure(id="b", place="valsta", measure_type="cameras"),
        make_measure(id="c", place="valsta-centrum"),
    )
    svg = _svg(places, rows, "valsta")
    counts = [
        e.text
        for e in svg.iter(f"{SVG}text")
        if e.get("font-size") == "13" and e.get("fill") == "#FFFFFF"
    ]
    assert sorted(counts) == ["1", "2"]
    assert not [g for g in svg.iter(f"{SVG}g") if (g.get("transform") or "").startswith("transl")]


def test_a_measure_with_a_point_gets_its_type_symbol(places: Places) -> None:
    shipped = load_measures(ROOT / "measures.csv", places).measures
    rows = briefing.place_rows(shipped, places, "valsta")
    located = rows[rows.located]
    svg = _svg(places, rows, "valsta")
    symbols = [g for g in svg.iter(f"{SVG}g") if (g.get("transform") or "").startswith("transl")]
    assert len(located) > 0 and len(symbols) == len(located)


def test_an_active_condition_fills_its_area(places: Places) -> None:
    condition = make_measure(
        id="c", kind="condition", measure_type="open_drug_scene", status="active", place="klara"
    )
    filled = _svg(places, valid_measures(places, condition), "klara")
    lifted = _svg(places, valid_measures(places, {**condition, "status": "lifted"}), "klara")

    def fills(svg: ET.Element) -> int:
        return sum(p.get("fill-opacity") == "0.18" for p in svg.iter(f"{SVG}path"))

    assert (fills(filled), fills(lifted)) == (1, 0)


def test_place_names_are_escaped(places: Places) -> None:
    frame = places.frame.copy()
    frame.loc["sergels-torg", "name"] = "<script>alert(1)</script>"
    hostile = Places(frame.reset_index(drop=True))
    text = staticmap.place_map_svg(
        hostile, CONTEXT, valid_measures(places, make_measure(place="klara")), "klara", "sv"
    )
    assert "<script>" not in text
    assert "<script>alert(1)</script>" in _texts(ET.fromstring(text))
