"""Uppföljning's choices: what can be chosen at a place, the link's choices read with their
notices, links that come back as the same choice, and before/after as the CLI gives it."""

from __future__ import annotations

import pandas as pd
import pytest

from safetymap.intake.areas import Areas
from safetymap.intake.loaders import load_measures
from safetymap.intake.periods import Granularity, parse_period
from safetymap.selection import followup
from safetymap.selection.effect import Effect, Refusal, effect_for
from safetymap.selection.followup import Choice
from tests.conftest import ROOT, make_measure, shipped_outcomes, valid_measures

PROMISE = "jakobsberg-medborgarlofte-2019-2020"


@pytest.fixture(scope="module")
def table(areas: Areas) -> pd.DataFrame:
    return shipped_outcomes(areas.places)


@pytest.fixture(scope="module")
def measures(areas: Areas) -> pd.DataFrame:
    return load_measures(ROOT / "measures.csv", areas.places).measures


@pytest.fixture(scope="module")
def jakobsberg(table, areas, measures) -> followup.Menu:
    return followup.menu_for(table, areas, measures, "jakobsberg")


def _messages(notices) -> list[str]:
    return [n.message("sv") for n in notices]


def test_a_place_offers_its_areas_series_and_the_areas_it_lies_outside(jakobsberg) -> None:
    assert jakobsberg.indicators()[0] == "reported_crimes_total"  # then the vocabulary's order
    assert "reported_crimes_total_per_100k" not in jakobsberg.indicators()  # counts only
    assert jakobsberg.areas("reported_crimes_total") == ["kommun-0123"]
    year, quarter = Granularity.YEAR, Granularity.QUARTER
    assert jakobsberg.granularities("kommun-0123", "reported_crimes_total") == [year, quarter]
    assert jakobsberg.units("kommun-0123", "reported_crimes_total", year) == ["count", "per_100k"]
    assert jakobsberg.comparisons("kommun-0123", "reported_crimes_total", year) == [
        "kommun-0180",
        "kommun-0191",
    ]
    # Monthly counts exist only for the stadsdelsområden and (2020–2023) the kommuner.
    months = jakobsberg.comparisons("kommun-0123", "reported_crimes_person", Granularity.MONTH)
    assert "sdo-rinkeby-kista" in months and "sdo-norrmalm" in months
    periods = jakobsberg.periods("kommun-0123", "reported_crimes_total", year)
    assert (periods[0].iso(), periods[-1].iso()) == ("2015", "2025")


def test_the_measures_with_a_start_are_offered_earliest_first(jakobsberg) -> None:
    starts = jakobsberg.starts
    assert [s.date.first for s in starts] == sorted(s.date.first for s in starts)
    promise = jakobsberg.start(PROMISE)
    assert promise.title == "Medborgarlöfte för ett tryggare stationsområde 2019–2020"
    assert promise.date.iso() == "2019"
    # Conditions and measures without a start are not offered.
    assert jakobsberg.start("jakobsberg-oppen-drogscen") is None
    assert jakobsberg.start("jakobsberg-trygghetscenter") is None


def test_with_nothing_chosen_the_first_of_everything(jakobsberg, areas) -> None:
    choice, notices = followup.read_choice({}, jakobsberg, areas)
    assert notices == []
    assert choice == Choice(
        place="jakobsberg",
        indicator="reported_crimes_total",
        area="kommun-0123",
        granularity=Granularity.YEAR,
    )
    assert followup.effect_of(choice, jakobsberg) is None  # no comparison, no time yet


def test_the_links_choices_give_the_clis_figures(jakobsberg, areas, table) -> None:
    raw = {"comparison": "kommun-0191", "start": PROMISE}
    choice, notices = followup.read_choice(raw, jakobsberg, areas)
    assert notices == []
    effect = followup.effect_of(choice, jakobsberg)
    assert isinstance(effect, Effect)
    # What ``python -m safetymap effect … --at 2019 --before 3 --after 3`` computes.
    cli = effect_for(
        table, "kommun-0123", "kommun-0191", "reported_crimes_total", parse_period("2019"), 3, 3
    )
    assert effect == cli
    assert (effect.treatment.before, effect.treatment.after) == (29976, 30078)
    assert (effect.comparison.before, effect.comparison.after) == (22838, 21449)
    by_period = followup.read_choice(
        {"comparison": "kommun-0191", "at": "2019"}, jakobsberg, areas
    )[0]
    assert followup.effect_of(by_period, jakobsberg) == cli


def test_what_does_not_fit_is_left_out_with_a_notice(jakobsberg, areas) -> None:
    raw = {
        "indicator": "reported_crimes_total_per_100k",
        "area": "sdo-norrmalm",
        "unit": "promille",
        "comparison": "kommun-0123",
        "start": "kista-ljusinstallation-ungdomar",
        "before": "0",
        "after": "tre",
    }
    choice, notices = followup.read_choice(raw, jakobsberg, areas)
    assert (choice.indicator, choice.area, choice.unit) == (
        "reported_crimes_total",
        "kommun-0123",
        "count",
    )
    assert choice.comparison is None and choice.start is None
    assert (choice.before, choice.after) == (1, followup.WINDOW)
    messages = _messages(notices)
    assert messages[0].startswith(
        "indicator=reported_crimes_total_per_100k kan inte väljas här (att välja: Anmälda brott "
        "totalt, "
    )
    assert "area=sdo-norrmalm kan inte väljas här (att välja: Järfälla kommun)" in messages[1]
    assert (
        messages[2]
        == "unit=promille kan inte väljas här (att välja: count, per_100k); det ignorerades."
    )
    assert messages[3] == (
        "comparison=kommun-0123 kan inte väljas här (att välja: Stockholms stad, Sigtuna "
        "kommun); det ignorerades."
    )
    assert messages[4] == (
        "start=kista-ljusinstallation-ungdomar är ingen åtgärd med startdatum i Jakobsberg med "
        "de valda filtren; det ignorerades."
    )
    assert messages[5:] == [
        "before=0 ska vara ett heltal från 1 till 20; 1 används.",
        "after=tre ska vara ett heltal från 1 till 20; 3 används.",
    ]


def test_a_period_outside_the_series_or_besides_a_start_is_left_out(jakobsberg, areas) -> None:
    choice, notices = followup.read_choice({"at": "2031"}, jakobsberg, areas)
    assert choice.at is None
    assert _messages(notices) == [
        "at=2031 är ingen period i serien (2015–2025, per år); det ignorerades."
    ]
    choice, notices = followup.read_choice({"at": "2019 kv 7"}, jakobsberg, areas)
    assert choice.at is None and _messages(notices) == [
        "Ogiltigt värde '2019 kv 7' för at ignorerades."
    ]
    both = {"start": PROMISE, "at": "2019"}
    choice, notices = followup.read_choice(both, jakobsberg, areas)
    assert (choice.start, choice.at) == (PROMISE, None)
    assert _messages(notices) == ["Både start och at angavs; åtgärdens start används."]


def test_a_quarter_chosen_without_a_length_of_period_chooses_quarters(jakobsberg, areas) -> None:
    choice, notices = followup.read_choice({"at": "2019-Q2"}, jakobsberg, areas)
    assert notices == []
    assert (choice.granularity, choice.at) == (Granularity.QUARTER, parse_period("2019-Q2"))


def test_a_start_known_to_the_year_cannot_be_placed_in_a_quarter(jakobsberg, areas) -> None:
    raw = {"comparison": "kommun-0191", "start": PROMISE, "granularity": "quarter"}
    choice, _ = followup.read_choice(raw, jakobsberg, areas)
    refused = followup.effect_of(choice, jakobsberg)
    assert isinstance(refused, Refusal)
    assert refused.message("sv", areas) == (
        "Starten för Medborgarlöfte för ett tryggare stationsområde 2019–2020 är känd bara till "
        "2019, så den faller inte i ett bestämt kvartal; välj en längre periodlängd, eller en "
        "period i stället för åtgärdens start."
    )
    assert "falls in no one quarter" in refused.message("en", areas)


def test_windows_reaching_outside_the_series_are_refused_in_words(jakobsberg, areas) -> None:
    raw = {"comparison": "kommun-0191", "start": PROMISE, "before": "6"}
    refused = followup.effect_of(followup.read_choice(raw, jakobsberg, areas)[0], jakobsberg)
    assert isinstance(refused, Refusal)
    assert refused.message("sv", areas) == (
        "Järfälla kommun saknar värden för 2013, 2014 i perioderna före (2013–2018); serien "
        "går från 2015 till 2025. Välj färre perioder eller en annan tidpunkt."
    )


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"comparison": "kommun-0191", "start": PROMISE},
        {"granularity": "quarter", "at": "2019-Q3", "comparison": "kommun-0180", "before": "8"},
        {"indicator": "reported_crimes_person", "unit": "per_100k", "after": "2"},
        {"follow": "valsta", "comparison": "kommun-0123", "at": "2020"},
    ],
)
def test_a_link_comes_back_as_the_same_choice(raw, table, areas, measures) -> None:
    place, notices = followup.read_place(raw, areas.places, "jakobsberg")
    menu = followup.menu_for(table, areas, measures, place)
    choice, more = followup.read_choice(raw, menu, areas)
    assert notices == more == []
    params = followup.to_params(choice, menu, "jakobsberg")
    assert params == raw  # nothing the page would take anyway is written
    assert followup.read_choice(params, menu, areas)[0] == choice


def test_the_place_is_the_filters_first_or_the_links(areas) -> None:
    places = areas.places
    assert followup.default_place(places, ()) == places.top_level()[0]
    assert followup.default_place(places, ("jakobsberg-station", "kista")) == "jakobsberg-station"
    assert followup.read_place({"follow": "valsta"}, places, "kista") == ("valsta", [])
    place, notices = followup.read_place({"follow": "atlantis"}, places, "kista")
    assert place == "kista"
    assert _messages(notices) == ["Ogiltigt värde 'atlantis' för follow ignorerades."]


def test_another_place_keeps_what_it_can_of_the_choice(table, areas, measures) -> None:
    jakobsberg = followup.menu_for(table, areas, measures, "jakobsberg")
    raw = {
        "granularity": "quarter",
        "unit": "per_100k",
        "comparison": "kommun-0191",
        "at": "2019-Q1",
    }
    choice = followup.read_choice(raw, jakobsberg, areas)[0]
    kista = followup.menu_for(table, areas, measures, "kista")
    moved = followup.with_place(choice, kista, areas)
    assert (moved.place, moved.area, moved.granularity, moved.unit) == (
        "kista",
        "kommun-0180",
        Granularity.QUARTER,
        "per_100k",
    )
    assert moved.comparison is None and moved.at is None


def test_only_the_filtered_rows_offer_their_starts(table, areas) -> None:
    rows = valid_measures(
        areas.places,
        make_measure(id="a", place="valsta-centrum", status="ongoing", start_date="2021-03"),
        make_measure(id="b", place="kista-busstorg", status="ongoing", start_date="2020"),
    )
    menu = followup.menu_for(table, areas, rows, "valsta")
    assert [s.id for s in menu.starts] == ["a"]  # its focus area's measure, not Kista's
    choice = followup.read_choice({"start": "a", "granularity": "quarter"}, menu, areas)[0]
    assert followup.chosen_period(choice, menu) == parse_period("2021-Q1")


def test_a_place_without_series_has_no_choice(areas, measures) -> None:
    empty = shipped_outcomes(areas.places).iloc[0:0]
    menu = followup.menu_for(empty, areas, measures, "klara")
    assert followup.read_choice({"indicator": "x"}, menu, areas) == (None, [])
