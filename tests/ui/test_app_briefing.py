"""The briefing page in AppTest: one place at a time, stepping, figures, kept in the URL."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.selection import briefing, compare
from tests.conftest import ROOT
from tests.htmltables import html_tables


def _open(monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/briefing.py").run()
    assert not at.exception, at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_briefing_shows_one_place_with_its_figures(monkeypatch, places: Places) -> None:
    at = _open(monkeypatch, place="valsta")
    assert at.title[0].value == "Valsta"
    rows = briefing.place_rows(
        load_measures(ROOT / "measures.csv", places).measures, places, "valsta"
    )
    expected = briefing.headline(rows)
    assert _metrics(at) == {
        "Genomförda": str(expected.completed),
        "Pågående": str(expected.ongoing),
        "Planerade": str(expected.planned),
        "Aktiva lägesbilder": str(expected.active_conditions),
        "Aktörer": str(expected.actors),
    }
    assert "Plats 4 av 4" in [c.value for c in at.caption]
    assert any(c.value.startswith("Källor: Sigtuna kommun") for c in at.caption)
    assert [b.label for b in at.get("download_button")] == [
        "Ladda ner lägesbild (PDF)",
        "Ladda ner karta och tidslinjer (HTML)",
    ]


def test_next_and_previous_step_through_the_places_and_into_the_url(
    monkeypatch, places: Places
) -> None:
    order = places.top_level()
    at = _open(monkeypatch)
    assert at.title[0].value == places.by_id[order[0]].name
    next_button = next(b for b in at.button if b.label == "Nästa plats")
    next_button.click().run()
    assert at.title[0].value == places.by_id[order[1]].name
    assert at.query_params["place"] in (order[1], [order[1]])
    back = next(b for b in at.button if b.label == "Föregående plats")
    back.click().run()
    back = next(b for b in at.button if b.label == "Föregående plats")
    back.click().run()
    assert at.title[0].value == places.by_id[order[-1]].name


def test_english_briefing(monkeypatch) -> None:
    at = _open(monkeypatch, place="kista", lang="en")
    assert set(_metrics(at)) == {"Completed", "Ongoing", "Planned", "Active conditions", "Actors"}
    assert [b.label for b in at.button][:2] == ["Previous place", "Next place"]


def test_compare_page_shows_the_four_places_on_one_scale(monkeypatch, places: Places) -> None:
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("views/compare.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Jämför platser"
    names = [m.value for m in at.markdown if m.value.startswith("**")]
    assert names == [f"**{places.by_id[p].name}**" for p in places.top_level()]
    types = at.table[0].value
    assert list(types.columns) == [places.by_id[p].name for p in places.top_level()]
    # Each place's bars can also be read as text: a table of years and statuses, folded away.
    counts = compare.status_by_year(
        load_measures(ROOT / "measures.csv", places).measures, places, None, date.today()
    )
    this_year = counts[counts.year == date.today().year].groupby("place")["count"].sum()
    assert [e.label for e in at.expander] == ["Siffrorna som tabell"] * 4
    tables = [html_tables(e.value)[0] for e in at.html if "safetymap-table" in e.value]
    assert len(tables) == 4
    for place_id, table in zip(places.top_level(), tables):
        header, *years = table
        assert header[0] == "År" and len(header) > 1
        assert [int(row[0]) for row in years] == sorted(int(row[0]) for row in years)
        # This year's row holds the place's own rows, in the status each has today.
        assert sum(int(n) for n in years[-1][1:]) == this_year[place_id], place_id
