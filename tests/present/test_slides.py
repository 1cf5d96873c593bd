"""A place's slide: figures, measures by name and status, changes since, the main outcome;
data always escaped, and the scripts hold no data."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from datetime import date

from safetymap.intake.places import Places
from safetymap.present import slides
from safetymap.selection import briefing
from safetymap.selection.since import Baseline, Change, Since
from tests.conftest import HOSTILE, briefing_data, with_hostile_row


def _texts(html: str, css_class: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", m) for m in re.findall(rf'class="{css_class}"[^>]*>(.*?)</', html)
    ]


def test_the_figures_are_the_briefings_figures(places: Places) -> None:
    slide = briefing.place_briefing(briefing_data(places), "kista")
    html = slides.figures_html(slide.figures)
    assert _texts(html, "smp-value") == [f.value for f in slide.figures]
    assert _texts(html, "smp-label") == [f.label for f in slide.figures]


def test_the_side_names_every_measure_under_its_status(places: Places) -> None:
    slide = briefing.place_briefing(briefing_data(places), "klara")
    html = slides.side_html(slide, "sv")
    for group in (*slide.measures, *slide.conditions):
        block = html.split(f'data-status="{group.status}">', 1)[1].split("</div>", 1)[0]
        assert f"{group.heading} · {len(group.titles)}" in block
        assert re.findall(r"<li>(.*?)</li>", block) == [slides._e(x) for x in group.titles]
    assert html.index("Åtgärderna") < html.index("Lägesbilder")
    assert 'data-more="+ {n} till"' in html  # what the fitting script counts with


def test_long_lists_are_cut_to_a_screen_and_the_rest_counted(places: Places) -> None:
    slide = briefing.place_briefing(briefing_data(places), "klara")
    html = slides.lists_html(slide, "en", limit=5)
    assert len(re.findall(r"<li>", html)) == 5
    counted = re.findall(r'<li class="smp-muted smp-more" data-n="(\d+)">\+ (\d+) more</li>', html)
    assert sum(int(n) for n, _ in counted) == len(slide.rows) - 5
    assert all(a == b for a, b in counted)


def test_the_changes_lead_with_the_since_heading(places: Places) -> None:
    data = briefing_data(places)
    base = Baseline(Since(date(2026, 9, 1), 3), frozenset(), ())
    slide = briefing.place_briefing(replace(data, baseline=base), "valsta")
    html = slides.side_html(slide, "sv")
    assert html.index("Sedan 2026-09-01") < html.index("Åtgärderna")
    # Nothing was in version 3's ids: every row is new, five listed, the rest counted.
    assert html.count("<li>Ny: ") == slides.MAX_CHANGES
    assert f"+ {len(slide.rows) - slides.MAX_CHANGES} till" in html
    nothing = slides.changes_html((), Since(date(2026, 9, 1), None), "en")
    assert "Nothing has changed here since then." in nothing
    assert "Before the data&#x27;s first version" in nothing


def test_the_main_outcome_shows_when_there_is_one(places: Places) -> None:
    series = briefing.OutcomeSeries(
        "Anmälda brott",
        "Sigtuna kommun som helhet",
        "antal",
        "Brå",
        (("2024", 90.0), ("2025", 81.0)),
    )
    data = replace(briefing_data(places), outcomes={"valsta": series})
    slide = briefing.place_briefing(data, "valsta")
    html = slides.side_html(slide, "sv")
    assert "Utfall: Anmälda brott" in html and "Sigtuna kommun som helhet · Brå" in html
    assert "2025: 81 antal (−10 % mot 2024: 90)" in html  # its latest change in numbers
    line = re.search(r'class="smp-line" src="data:image/svg\+xml;base64,([^"]+)" alt=""', html)
    assert (
        "<polyline" in base64.b64decode(line.group(1)).decode()
        and ">2024</span><span>2025<" in html
    )
    assert slide.figures[-1].value == "81 antal"
    assert "Utfall" not in slides.side_html(briefing.place_briefing(data, "kista"), "sv")


def test_text_from_the_data_is_escaped_and_the_scripts_hold_none(places: Places) -> None:
    data = briefing_data(places, with_hostile_row(places))
    hostile = Change("status", "hostile", HOSTILE, "completed", "ongoing", "2026-10", True)
    slide = replace(
        briefing.place_briefing(data, "klara"),
        since=Since(date(2026, 9, 1), 3),
        changes=(hostile,),
    )
    html = slides.title_html(slide, "sv") + slides.side_html(slide, "sv")
    assert "<img src=x" not in html and "<b>" not in html
    assert re.findall(r"<img [^>]*>", html) == [  # the outcome's line only, no text in it
        re.search(r"<img [^>]*>", slides.outcome_line(slide.outcome)).group(0)
    ]
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 2  # its change and its name
    # The scripts are constants: no name from the data, the text floor filled in.
    for script in (slides.APP_SCRIPT, slides.FIT_SCRIPT):
        assert not any(p.name in script for p in places.by_id.values())
        assert "MIN_TEXT_PX" not in script and f"> {slides.MIN_TEXT_PX})" in script
