"""The offline HTML copy: one file that presents itself, nothing loaded from elsewhere, text
from data escaped."""

from __future__ import annotations

import json
import re
from html import escape, unescape

from safetymap.intake.places import Places
from safetymap.present import mapping, standalone
from safetymap.selection import briefing
from tests.conftest import HOSTILE, briefing_data, map_data, with_hostile_row


def test_one_file_with_every_script_and_style_inside(places: Places) -> None:
    html = standalone.offline_html(briefing_data(places))
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "/app/static" not in html
    assert "data:image/png;base64," in html  # the layer list's icon
    assert "L.map(" in html and "safetymap.setup(" in html


def _screen(html: str, screen_id: str) -> str:
    return html.split(f'id="{screen_id}"', 1)[1].split("</section>", 1)[0]


def test_one_screen_per_place_then_its_timeline_after_an_overview(places: Places) -> None:
    data = briefing_data(places)
    html = standalone.offline_html(data)
    ids = re.findall(r'<section class="smp-screen[^"]*" id="([\w-]+)"', html)
    assert ids == ["oversikt"] + [x for p in places.top_level() for x in (p, f"{p}-mer")]
    assert "Data per 2026-05-04 · Version 7 (measures.csv)" in _screen(html, "oversikt")
    for place_id in places.top_level():
        slide = briefing.place_briefing(data, place_id)
        screen = _screen(html, place_id)
        assert f"<h1>{slide.name}</h1>" in screen and "smp-map-slot" in screen
        assert re.findall(r'class="smp-value">([^<]*)<', screen) == [f.value for f in slide.figures]
        for group in slide.measures:
            assert all(f"<li>{escape(x)}</li>" in screen for x in group.titles)
        assert 'data-step="1"' in screen and 'data-step="-1"' in screen
        view = json.loads(unescape(re.search(r'data-view="([^"]+)"', screen).group(1)))
        center, zoom = mapping.view_for(places, (place_id,))
        assert view == {"center": list(center), "zoom": zoom}
        side = html.split(f'id="{place_id}"', 1)[1].split('<section class="smp-screen', 1)[0]
        outcome = data.outcomes[place_id]  # its main outcome beside the measures
        assert f"<h2>Utfall: {outcome.indicator}</h2>" in side
        assert f'<p class="smp-latest">{escape(outcome.latest("sv"))}</p>' in side
        assert f"{escape(outcome.area)} · {escape(outcome.source)}" in side
        assert 'class="smp-line" src="data:image/svg+xml;base64,' in side
        more = _screen(html, f"{place_id}-mer")
        assert "<svg" in more and "Källor: " in more  # its timeline, its sources
    # One map, in the overview's slot until a screen takes it.
    assert html.count('id="smp-map"') == 1
    assert _screen(html, "oversikt").count('id="smp-map"') == 1


def test_chosen_places_only(places: Places) -> None:
    html = standalone.offline_html(briefing_data(places), ["valsta"])
    assert 'id="valsta"' in html and 'id="kista"' not in html


def test_markup_in_the_data_is_never_markup_in_the_file(places: Places) -> None:
    html = standalone.offline_html(briefing_data(places, with_hostile_row(places)))
    assert "<img src=x" not in html
    assert "<b>Ond</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the timeline's row label
    assert HOSTILE in map_data(html)["rows"]["title"]  # the map's data, packed
