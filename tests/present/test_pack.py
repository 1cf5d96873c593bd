"""The briefing pack: a cover and one page per place, read back from the PDF's text."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from safetymap.contract.i18n import format_number
from safetymap.intake.places import Places
from safetymap.present import pack
from safetymap.selection import briefing
from safetymap.selection.since import Baseline, Since
from tests.conftest import HOSTILE, briefing_data, with_hostile_row


def _pages(pdf: bytes) -> list[str]:
    """The text of each page, with line breaks and runs of spaces as single spaces."""
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _heading(page: str) -> str:
    """The page's place and municipality, as printed under the running footer."""
    found = re.search(r"\d+ (\w+ (?:Stockholm|Järfälla|Sigtuna)) · Data", page)
    return found.group(1) if found else ""


@pytest.fixture(scope="module")
def shipped_pack(places: Places) -> tuple[list[str], briefing.BriefingData]:
    data = briefing_data(places)
    return _pages(pack.briefing_pdf(data)), data


def test_a_cover_then_one_page_per_place(shipped_pack) -> None:
    pages, data = shipped_pack
    names = [data.places.by_id[p].name for p in data.places.top_level()]
    assert len(pages) == 1 + len(names)
    assert "Trygghetskartan – lägesbild" in pages[0] and "Data per 2026-05-04" in pages[0]
    assert all(name in pages[0] for name in names)
    for page, name in zip(pages[1:], names):
        assert _heading(page).split()[0] == name
        assert "Data per 2026-05-04" in page and "Version 7 (measures.csv)" in page


def test_each_place_page_has_its_figures_timeline_actors_and_sources(shipped_pack) -> None:
    pages, data = shipped_pack
    for page, place_id in zip(pages[1:], data.places.top_level()):
        rows = briefing.place_rows(data.shown, data.places, place_id)
        headline = briefing.headline(rows)
        outcome = data.outcomes[place_id]
        figures = re.search(
            r"(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) "
            # The page's text is read with its whitespace (the no-break space too) as spaces.
            + re.escape(" ".join(format_number(outcome.points[-1][1]).split()))
            + " Genomförda Pågående Planerade Avbrutna",
            page,
        )
        assert figures, page[:400]
        assert [int(n) for n in figures.groups()] == [
            headline.completed,
            headline.ongoing,
            headline.planned,
            headline.cancelled,
            headline.active_conditions,
            headline.actors,
        ]
        assert "Tidslinje" in page and "Läget enligt källorna" in page
        top_actor = briefing.actors_involved(rows)[0][0]
        assert top_actor in page
        assert all(source in page for source in briefing.sources_of(rows))


def test_each_place_page_names_its_measures_under_their_status(shipped_pack) -> None:
    pages, data = shipped_pack
    for page, place_id in zip(pages[1:], data.places.top_level()):
        slide = briefing.place_briefing(data, place_id)
        named = page.split("Åtgärderna", 1)[1]
        groups = [*slide.measures, *slide.conditions]
        for group, following in zip(groups, [*groups[1:], None]):
            block = named.split(f"{group.heading} · {len(group.titles)}", 1)[1]
            if following is not None:
                block = block.split(f"{following.heading} · ", 1)[0]
            assert all(title in block for title in group.titles), (place_id, group.status)


def test_the_cover_shows_each_places_figures(shipped_pack) -> None:
    pages, data = shipped_pack
    assert "Plats Genomförda Pågående Planerade Avbrutna Aktiva lägesbilder Aktörer" in pages[0]
    for place_id in data.places.top_level():
        slide = briefing.place_briefing(data, place_id)
        counts = [f.value for f in slide.figures if f.key != "outcome"]
        assert f"{slide.name} {' '.join(counts)}" in pages[0]


def test_with_since_each_place_leads_with_what_changed(places: Places) -> None:
    data = briefing_data(places)
    base = Baseline(Since(date(2019, 1, 1), None), None, ())
    klara = _pages(pack.briefing_pdf(replace(data, baseline=base), ["klara"]))[1]
    assert klara.index("Sedan 2019-01-01") < klara.index("Genomförda")
    assert "Före datans första version" in klara
    assert "• Sommar på Sergels torg: ökad städning: pågående » genomförd (2019)" in klara
    quiet = Baseline(Since(date(2026, 11, 1), 7), frozenset(data.measures.id), ())
    kista = _pages(pack.briefing_pdf(replace(data, baseline=quiet), ["kista"]))[1]
    assert "Sedan 2026-11-01 Inget har ändrats här sedan dess." in kista


def test_the_indicators_of_a_place_are_on_its_page(shipped_pack) -> None:
    pages, data = shipped_pack
    klara = pages[1 + data.places.top_level().index("klara")]
    assert "Anmälda brott" in klara and "14 261" in klara and "2018" in klara


def test_chosen_places_only_and_english(places: Places) -> None:
    pages = _pages(pack.briefing_pdf(briefing_data(places, lang="en"), ["valsta", "kista"]))
    assert len(pages) == 3
    assert [_heading(p) for p in pages[1:]] == ["Valsta Sigtuna", "Kista Stockholm"]
    assert "Data as of 2026-05-04" in pages[1] and "Completed" in pages[1]


def test_text_from_the_data_is_printed_as_text_not_read_as_markup(places: Places) -> None:
    data = briefing_data(places, with_hostile_row(places))
    klara = _pages(pack.briefing_pdf(data, ["klara"]))[1]
    assert "<b>Ond</b> & Co" in klara
    assert HOSTILE in klara  # its timeline row label


def test_each_place_page_shows_its_main_outcome_with_its_change_area_and_source(
    shipped_pack,
) -> None:
    pages, data = shipped_pack
    for page, place_id in zip(pages[1:], data.places.top_level()):
        series = data.outcomes[place_id]
        heading = page.index(f"Utfall: {series.indicator}")
        # The page's text is read with its whitespace (the no-break space too) as spaces.
        said = " ".join(f"{series.latest('sv')} {series.area} · Källa: {series.source}".split())
        assert heading < page.index(said), (place_id, page)
        chart = page[heading : page.index(said)]  # the small chart's axes: periods, values
        assert "2015" in chart and "2025" in chart
    jakobsberg = pages[1 + data.places.top_level().index("jakobsberg")]
    assert (
        "2025: 13 528 (+10 % mot 2024: 12 278) Järfälla kommun som helhet, inte bara Jakobsberg "
        "· Källa: Brå, Statistik On-Line: anmälda brott per kommun och år"
    ) in jakobsberg


def test_hostile_outcome_text_is_printed_as_text(places: Places) -> None:
    data = briefing_data(places)
    series = replace(data.outcomes["valsta"], source=HOSTILE, area="<b>Område</b>")
    valsta = _pages(pack.briefing_pdf(replace(data, outcomes={"valsta": series}), ["valsta"]))[1]
    assert f"<b>Område</b> · Källa: {HOSTILE}" in valsta
