"""Briefing figures: the place shown, stepping through the four, counts, actors, sources."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.selection import briefing
from tests.conftest import ROOT, briefing_data, make_measure, shipped_outcomes, valid_measures

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


def test_one_function_makes_the_figures_every_face_shows(places: Places) -> None:
    rows = valid_measures(
        places,
        make_measure(id="a", status="completed"),
        make_measure(id="b", status="cancelled", actors="Polisen"),
        make_measure(id="e", kind="condition", measure_type="open_drug_scene", status="active"),
    )
    made = briefing.figures(rows, "sv")
    assert [(f.key, f.label, f.value) for f in made] == [
        ("briefing_completed", "Genomförda", "1"),
        ("briefing_ongoing", "Pågående", "0"),
        ("briefing_planned", "Planerade", "0"),
        ("briefing_cancelled", "Avbrutna", "1"),
        ("briefing_conditions", "Aktiva lägesbilder", "1"),
        ("briefing_actors", "Aktörer", "2"),
    ]
    assert [f.label for f in briefing.figures(rows, "en")][3] == "Cancelled"


def test_with_an_outcome_series_its_latest_value_is_a_figure_too(places: Places) -> None:
    series = briefing.OutcomeSeries(
        indicator="Anmälda brott",
        area="Järfälla kommun som helhet",
        unit="antal",
        source="Brå",
        points=(("2023", 1200.0), ("2024", 1500.0), ("2025", 1350.0)),
    )
    assert series.change() == pytest.approx(-10.0)
    rows = valid_measures(places, make_measure())
    *counts, outcome = briefing.figures(rows, "sv", series)
    assert len(counts) == 6
    assert (outcome.key, outcome.label, outcome.value) == (
        "outcome",
        "Anmälda brott",
        "1\u00a0350 antal",
    )
    assert outcome.note == "2025 · −10 % mot 2024 · Järfälla kommun som helhet"
    single = briefing.OutcomeSeries("x", "y", "", "z", (("2025", 3.0),))
    assert single.change() is None and briefing.figures(rows, "en", single)[-1].note == "2025 · y"


def test_measures_by_status_latest_change_first_conditions_apart(places: Places) -> None:
    rows = valid_measures(
        places,
        make_measure(
            id="a", title="Äldst klar", status="completed", end_date="2019", start_date="2018"
        ),
        make_measure(
            id="b", title="Senast klar", status="completed", end_date="2024-05", start_date="2023"
        ),
        make_measure(id="c", title="Odaterad klar", status="completed"),
        make_measure(id="d", title="Pågår", status="ongoing", start_date="2022"),
        make_measure(
            id="e",
            title="Drogscen",
            kind="condition",
            measure_type="open_drug_scene",
            status="active",
        ),
    )
    measures, conditions = briefing.by_status(rows, "sv")
    assert [(g.status, g.heading, g.titles) for g in measures] == [
        ("completed", "Genomförda", ("Senast klar", "Äldst klar", "Odaterad klar")),
        ("ongoing", "Pågående", ("Pågår",)),
    ]
    assert [(g.status, g.heading, g.titles) for g in conditions] == [
        ("active", "Aktiva lägesbilder", ("Drogscen",))
    ]


def test_a_place_briefing_holds_what_every_face_shows(places: Places) -> None:
    data = briefing_data(places)
    slide = briefing.place_briefing(data, "jakobsberg")
    rows = briefing.place_rows(data.shown, places, "jakobsberg")
    assert (slide.name, slide.municipality, slide.position, slide.count) == (
        "Jakobsberg",
        "Järfälla",
        3,
        4,
    )
    assert slide.outcome == data.outcomes["jakobsberg"]
    assert slide.figures == briefing.figures(rows, "sv", slide.outcome)
    named = [title for g in (*slide.measures, *slide.conditions) for title in g.titles]
    assert sorted(named) == sorted(rows["title"])
    assert slide.since is None and slide.changes is None


def test_a_places_main_outcome_is_its_narrowest_areas_reported_crimes_by_year(areas) -> None:
    table = shipped_outcomes(areas.places)
    main = briefing.main_series(table, areas, "kista")
    # Rinkeby-Kista's monthly series hold no total: Stockholm's yearly one is the main.
    assert (main.area, main.indicator, main.granularity.value) == (
        "kommun-0180",
        "reported_crimes_total",
        "year",
    )
    found = briefing.main_outcomes(table, areas, "sv")
    assert list(found) == areas.places.top_level()
    jakobsberg = found["jakobsberg"]
    assert (jakobsberg.indicator, jakobsberg.area, jakobsberg.unit) == (
        "Anmälda brott totalt",
        "Järfälla kommun som helhet, inte bara Jakobsberg",
        "",
    )
    assert jakobsberg.source == "Brå, Statistik On-Line: anmälda brott per kommun och år"
    assert jakobsberg.points[0] == ("2015", 10124.0) and len(jakobsberg.points) == 11
    assert jakobsberg.latest("sv") == "2025: 13\u00a0528 (+10 % mot 2024: 12\u00a0278)"
    english = briefing.main_outcomes(table, areas, "en")["valsta"]
    assert english.area == "Sigtuna Municipality as a whole, not only Valsta"
    assert english.latest("en").startswith("2025: 9,655 (−44 % against 2024: 17,376)")
    # Only the rates: no main outcome (the briefing shows counts).
    rates = table[table["unit"] == "per_100k"]
    assert briefing.main_outcomes(rates, areas, "sv") == {}


def test_a_preliminary_latest_value_says_so() -> None:
    series = briefing.OutcomeSeries(
        "Anmälda brott",
        "Sigtuna kommun",
        "",
        "Brå",
        (("kvartal 1 2026", 2000.0),),
        ("kvartal 1 2026",),
    )
    assert series.latest("sv") == "kvartal 1 2026: 2\u00a0000 (preliminär)"
