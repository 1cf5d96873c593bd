"""The briefing page in AppTest: one place at a time, stepping (never the filters), figures
the same on every face, the presentation, since."""

from __future__ import annotations

import io
import re
from datetime import date
from html import unescape

import pytest
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.present import pack, standalone
from safetymap.selection import briefing, compare
from tests.conftest import ROOT, briefing_data
from tests.htmltables import html_tables


def _open(monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    """The briefing page opened from a link with ``query`` (a page switch clears the URL,
    so the link's parameters are given again on the briefing page)."""
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/briefing.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _slide_figures(at: AppTest) -> list[tuple[str, str]]:
    """The presentation's figures (label, value), as its markup holds them."""
    (figures,) = [e.value for e in at.html if 'class="smp-figures"' in e.value]
    values = re.findall(r'class="smp-value">([^<]*)<', figures)
    labels = re.findall(r'class="smp-label">([^<]*)<', figures)
    return [(unescape(label), unescape(value)) for label, value in zip(labels, values)]


def test_the_briefing_shows_one_place_with_its_figures(monkeypatch, places: Places) -> None:
    at = _open(monkeypatch, place="valsta")
    assert at.title[0].value == "Valsta"
    rows = briefing.place_rows(
        load_measures(ROOT / "measures.csv", places).measures, places, "valsta"
    )
    outcome = briefing_data(places).outcomes["valsta"]
    assert _metrics(at) == {f.label: f.value for f in briefing.figures(rows, "sv", outcome)}
    assert list(_metrics(at)) == [
        "Genomförda",
        "Pågående",
        "Planerade",
        "Avbrutna",
        "Aktiva lägesbilder",
        "Aktörer",
        "Anmälda brott totalt",
    ]
    assert "Plats 4 av 4" in [c.value for c in at.caption]
    assert any(c.value.startswith("Källor: Sigtuna kommun") for c in at.caption)
    named = next(e.value for e in at.html if 'class="smp-list"' in e.value)
    assert all(unescape(t) in unescape(named) for t in rows["title"])
    assert [b.label for b in at.get("download_button")] == [
        "Ladda ner lägesbild (PDF)",
        "Ladda ner presentationen (HTML)",
    ]


def test_stepping_leaves_the_place_filter_and_the_url_alone(monkeypatch, places: Places) -> None:
    order = places.top_level()
    at = _open(monkeypatch, place="klara")
    assert at.title[0].value == "Klara"
    next(b for b in at.button if b.label == "Nästa plats").click().run()
    assert at.title[0].value == places.by_id[order[order.index("klara") + 1]].name
    assert at.query_params["place"] in ("klara", ["klara"])
    assert at.session_state["f_place"] == ["klara"]
    for _ in range(3):
        next(b for b in at.button if b.label == "Föregående plats").click().run()
    assert at.title[0].value == places.by_id[order[order.index("klara") - 2]].name
    # A new choice of place in the filter shows that place again.
    at.multiselect(key="f_place").set_value(["valsta"]).run()
    assert at.title[0].value == "Valsta"


def test_english_briefing(monkeypatch) -> None:
    at = _open(monkeypatch, place="kista", lang="en")
    assert list(_metrics(at)) == [
        "Completed",
        "Ongoing",
        "Planned",
        "Cancelled",
        "Active conditions",
        "Actors",
        "Reported crimes, total",
    ]
    assert [b.label for b in at.button][:3] == ["Previous place", "Next place", "Present"]


def test_the_presentation_shows_the_pages_figures_and_leaves_on_request(
    monkeypatch, places: Places
) -> None:
    at = _open(monkeypatch, place="jakobsberg")
    page = list(_metrics(at).items())
    next(b for b in at.button if b.label == "Presentera").click().run()
    assert at.query_params["present"] in ("1", ["1"])
    assert not at.metric and not at.title  # its own markup instead
    assert _slide_figures(at) == page
    assert [b.label for b in at.button][:3] == ["Föregående", "Nästa", "Avsluta"]
    side = next(e.value for e in at.html if 'class="smp-side"' in e.value)
    assert "<h1>Jakobsberg</h1>" in next(e.value for e in at.html if 'class="smp-title"' in e.value)
    assert "Åtgärderna" in side and "Lägesbilder" in side
    next(b for b in at.button if b.label == "Nästa").click().run()
    assert "<h1>Valsta</h1>" in next(e.value for e in at.html if 'class="smp-title"' in e.value)
    assert at.session_state["f_place"] == ["jakobsberg"]
    next(b for b in at.button if b.label == "Avsluta").click().run()
    assert "present" not in at.query_params
    assert at.title[0].value == "Valsta" and at.metric


def test_the_page_the_presentation_the_pdf_and_the_offline_html_show_the_same_figures(
    monkeypatch, places: Places
) -> None:
    data = briefing_data(places)
    pdf = [
        " ".join(p.extract_text().split())
        for p in PdfReader(io.BytesIO(pack.briefing_pdf(data))).pages
    ]
    html = standalone.offline_html(data)
    for i, place_id in enumerate(places.top_level()):
        expected = [(f.label, f.value) for f in briefing.place_briefing(data, place_id).figures]
        at = _open(monkeypatch, place=place_id)
        assert list(_metrics(at).items()) == expected
        assert _slide_figures(_open(monkeypatch, place=place_id, present="1")) == expected
        labels, values = " ".join(x for x, _ in expected), " ".join(v for _, v in expected)
        # The PDF's text is read with its whitespace (the no-break space too) as spaces.
        assert " ".join(f"{values} {labels}".split()) in pdf[1 + i]
        screen = html.split(f'id="{place_id}"', 1)[1].split("</section>", 1)[0]
        shown = zip(
            re.findall(r'class="smp-label">([^<]*)<', screen),
            re.findall(r'class="smp-value">([^<]*)<', screen),
        )
        assert [(unescape(a), unescape(b)) for a, b in shown] == expected


def test_a_since_in_the_future_is_named_on_the_page(monkeypatch) -> None:
    at = _open(monkeypatch, place="kista", since="2999-01-01")
    assert any("since=2999-01-01 ligger i framtiden" in w.value for w in at.warning)
    assert not any('class="smp-changes"' in e.value for e in at.html)
    at = _open(monkeypatch, place="kista", since="2019-01-01")
    changes = next(e.value for e in at.html if 'class="smp-changes"' in e.value)
    assert "Sedan 2019-01-01" in changes and "Före datans första version" in changes


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
