"""The offline HTML copy: one file, nothing loaded from elsewhere, text from data escaped."""

from __future__ import annotations

import re

from safetymap.intake.places import Places
from safetymap.present import standalone
from tests.conftest import HOSTILE, briefing_data, map_data, with_hostile_row


def test_one_file_with_every_script_and_style_inside(places: Places) -> None:
    html = standalone.offline_html(briefing_data(places))
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "/app/static" not in html
    assert "data:image/png;base64," in html  # the layer list's icon
    assert "L.map(" in html and "safetymap.setup(" in html


def test_each_place_has_its_figures_timeline_and_sources(places: Places) -> None:
    html = standalone.offline_html(briefing_data(places))
    for place_id in places.top_level():
        section = html.split(f'<section id="{place_id}">', 1)[1].split("</section>", 1)[0]
        assert f"<h2>{places.by_id[place_id].name}</h2>" in section
        assert "Genomförda: " in section and "Källor: " in section
        assert "<svg" in section  # its timeline
    assert "Data per 2026-05-04 · Version 7 (measures.csv)" in html


def test_chosen_places_only(places: Places) -> None:
    html = standalone.offline_html(briefing_data(places), ["valsta"])
    assert '<section id="valsta">' in html and '<section id="kista">' not in html


def test_markup_in_the_data_is_never_markup_in_the_file(places: Places) -> None:
    html = standalone.offline_html(briefing_data(places, with_hostile_row(places)))
    assert "<img src=x" not in html
    assert "<b>Ond</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the timeline's row label
    assert HOSTILE in map_data(html)["rows"]["title"]  # the map's data, packed
