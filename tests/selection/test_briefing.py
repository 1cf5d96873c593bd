"""Briefing figures: the place shown, stepping through the four, counts, actors, sources."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.selection import briefing
from tests.conftest import ROOT, make_measure, valid_measures

SHIPPED = ROOT / "measures.csv"


def test_the_place_shown_follows_the_place_filter(places: Places) -> None:
    first = places.top_level()[0]
    assert briefing.briefing_place(places, ()) == first
    assert briefing.briefing_place(places, ("valsta",)) == "valsta"
    assert briefing.briefing_place(places, ("sergels-torg",)) == "klara"
    assert briefing.briefing_place(places, ("jakobsberg-station", "kista")) == "kista"


def test_stepping_goes_through_the_four_places_and_wraps(places: Places) -> None:
    order = places.top_level()
    assert len(order) == 4
    assert [briefing.step(places, p, 1) for p in order] == order[1:] + order[:1]
    assert [briefing.step(places, p, -1) for p in order] == order[-1:] + order[:-1]


def test_headline_counts_by_status_and_kind(places: Places) -> None:
    rows = valid_measures(
        places,
        make_measure(id="a", status="completed"),
        make_measure(id="b", status="completed", actors="Polisen"),
        make_measure(id="c", status="ongoing"),
        make_measure(id="d", status="planned"),
        make_measure(id="e", kind="condition", measure_type="open_drug_scene", status="active"),
    )
    assert briefing.headline(rows) == briefing.Headline(
        completed=2, ongoing=1, planned=1, cancelled=0, active_conditions=1, actors=2
    )


def test_a_place_holds_its_focus_areas_and_the_shipped_counts_add_up(places: Places) -> None:
    measures = load_measures(SHIPPED, places).measures
    with SHIPPED.open(encoding="utf-8", newline="") as file:
        by_place = Counter(
            places.by_id[r["place"]].parent or r["place"] for r in csv.DictReader(file)
        )
    for place_id in places.top_level():
        rows = briefing.place_rows(measures, places, place_id)
        assert len(rows) == by_place[place_id]


@pytest.mark.parametrize("place_id", ["kista", "valsta"])
def test_actors_most_involved_first_and_sources_named(places: Places, place_id: str) -> None:
    rows = briefing.place_rows(load_measures(SHIPPED, places).measures, places, place_id)
    involved = briefing.actors_involved(rows)
    counts = [n for _, n in involved]
    assert counts == sorted(counts, reverse=True) and sum(counts) >= len(rows)
    assert briefing.sources_of(rows) and all(":" in s for s in briefing.sources_of(rows))


def test_outcomes_of_a_place_and_its_focus_areas_in_words(places: Places) -> None:
    from safetymap.intake.indicators import load_indicators

    table = load_indicators(ROOT / "indicators.csv", places).table
    klara = briefing.outcomes(briefing.indicator_rows(table, places, "klara"), "sv")
    assert len(klara) == table["place"].isin(["klara", "sergels-torg"]).sum()
    crimes = klara[klara["Indikator"] == "Anmälda brott"].iloc[0]
    assert (crimes["Period"], crimes["Värde"]) == ("2018", "14\u00a0261 antal")
    assert klara["Period"].iloc[-1] == "anges inte"  # undated figures come last
    valsta = briefing.outcomes(briefing.indicator_rows(table, places, "valsta"), "en")
    assert list(valsta["Value"]) == ["riskområde"]
    assert list(valsta["Source"]) == ["Sigtuna kommun"]
    kista = briefing.indicator_rows(table, places, "kista")
    assert briefing.sources_of(kista) == ["Stockholms stad: Platssamverkan vid Kista busstorg"]
    assert briefing.outcomes(kista, "en")["Value"].tolist() == [
        "60,000 på- och avstigningar per dag"
    ]
