"""URL query parameters ⇄ view state: round trip, and bad input ignored with a notice."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from safetymap.intake.places import Places
from safetymap.selection.filters import MeasureFilter
from safetymap.selection.since import Since
from safetymap.selection.urlstate import Known, ViewState, api_items_path, parse_query, to_query

PUBLISHED = ((1, date(2020, 1, 10)), (2, date(2021, 2, 1)))


@pytest.fixture(scope="module")
def known(places: Places) -> Known:
    return Known(
        places,
        actors=("Grannsamverkan Kista",),
        measure_ids=("kista-a", "m.1"),
        published=PUBLISHED,
        today=date(2026, 11, 23),
    )


def _parse(known: Known, **params: str | list[str]):
    return parse_query({k: v if isinstance(v, list) else [v] for k, v in params.items()}, known)


FULL = ViewState(
    MeasureFilter(
        places=("kista", "valsta-centrum"),
        actors=("Polisen", "Grannsamverkan Kista"),
        types=("lighting", "cameras"),
        statuses=("ongoing",),
        kinds=("measure",),
        year_from=2019,
        year_to=2021,
        as_of=date(2020, 6, 30),
        query="ljus & mörker",
    ),
    lang="en",
    measure="kista-a",
    center=(59.4037, 17.942),
    zoom=15,
    since=Since(date(2021, 3, 1), 2),
    present=True,
    followup=(("follow", "valsta"), ("comparison", "kommun-0123"), ("at", "2020")),
)


@pytest.mark.parametrize("state", [ViewState(), FULL])
def test_round_trip(known: Known, state: ViewState) -> None:
    parsed, notices = parse_query(to_query(state), known)
    assert notices == []
    assert parsed == state


def test_defaults_make_an_empty_query() -> None:
    assert to_query(ViewState()) == {}


def test_lists_are_repeated_keys(known: Known) -> None:
    query = to_query(FULL)
    assert query["place"] == ["kista", "valsta-centrum"]
    assert query["as_of"] == ["2020-06-30"] and query["lang"] == ["en"]


@pytest.mark.parametrize(
    "params, key",
    [
        ({"place": "gamla-stan"}, "place"),
        ({"type": "Belysning"}, "type"),
        ({"status": "done"}, "status"),
        ({"kind": "x"}, "kind"),
        ({"actor": "Ingen Alls"}, "actor"),
        ({"year_from": "20x1"}, "year_from"),
        ({"year_to": "3000"}, "year_to"),
        ({"as_of": "2021-02-30"}, "as_of"),
        ({"as_of": "2021"}, "as_of"),
        ({"lang": "de"}, "lang"),
        ({"measure": "no-such-id"}, "measure"),
        ({"measure": "<script>"}, "measure"),
        ({"lat": "48.8", "lon": "2.3"}, "lat"),
        ({"lat": "nan", "lon": "17.9"}, "lat"),
        ({"zoom": "99"}, "zoom"),
        ({"q": "x" * 201}, "q"),
        ({"utm_source": "mail"}, "utm_source"),
        ({"since": "2026-11-24"}, "since"),
        ({"since": "3"}, "since"),
        ({"since": "1 mars"}, "since"),
        ({"present": "ja"}, "present"),
    ],
)
def test_bad_values_are_dropped_with_a_notice(known: Known, params, key: str) -> None:
    state, notices = _parse(known, **params)
    assert [n.key for n in notices] == [key]
    assert notices[0].message("sv") and notices[0].message("en")
    assert state == ViewState()


def test_good_values_survive_next_to_bad_ones(known: Known) -> None:
    state, notices = _parse(known, place=["kista", "nowhere", "kista"], type="cameras")
    assert state.filter.places == ("kista",) and state.filter.types == ("cameras",)
    assert [(n.key, n.value) for n in notices] == [("place", "nowhere")]


def test_actor_alias_is_normalised(known: Known) -> None:
    state, notices = _parse(known, actor=["polisen", "Lokalpolisområde Järva"])
    assert notices == []
    assert state.filter.actors == ("Polisen", "Lokalpolisområde Järva (Polisen)")


def test_swapped_years_are_swapped_back(known: Known) -> None:
    state, notices = _parse(known, year_from="2022", year_to="2019")
    assert (state.filter.year_from, state.filter.year_to) == (2019, 2022)
    assert [n.code for n in notices] == ["years_swapped"]


@pytest.mark.parametrize(
    ("params", "years"),
    [
        ({"year_to": "1900"}, (None, 2016)),
        ({"year_from": "2050"}, (2026, None)),
        ({"year_from": "1990", "year_to": "2099"}, (2016, 2026)),
    ],
)
def test_a_year_outside_the_datas_years_is_moved_into_them_with_a_notice(
    known: Known, params: dict[str, str], years: tuple[int | None, int | None]
) -> None:
    spanning = replace(known, years=(2016, 2026))
    state, notices = _parse(spanning, **params)
    assert (state.filter.year_from, state.filter.year_to) == years
    assert [(n.code, n.key, n.value) for n in notices] == [
        ("year_outside", key, value) for key, value in params.items()
    ]
    first = notices[0]
    used = years[0] if first.key == "year_from" else years[1]
    assert first.message("sv") == (
        f"{first.key}={first.value} ligger utanför datans år (2016–2026); närmaste år, {used}, "
        "används."
    )
    assert "outside the data's years (2016–2026)" in first.message("en")


def test_a_year_inside_the_datas_years_is_kept(known: Known) -> None:
    state, notices = _parse(replace(known, years=(2016, 2026)), year_from="2016", year_to="2026")
    assert (state.filter.year_from, state.filter.year_to) == (2016, 2026) and notices == []


def test_a_repeated_single_value_uses_the_last(known: Known) -> None:
    state, notices = _parse(known, lang=["sv", "en"])
    assert state.lang == "en" and [n.code for n in notices] == ["repeated"]


def test_notice_messages_name_the_parameter(known: Known) -> None:
    _, [notice] = _parse(known, place="gamla-stan")
    assert notice.message("sv") == "Ogiltigt värde 'gamla-stan' för place ignorerades."
    assert notice.message("en") == "Invalid value 'gamla-stan' for place was ignored."


def test_since_a_version_and_the_presentation_round_trip(known: Known) -> None:
    state, notices = _parse(known, since="v2", present="1")
    assert notices == []
    assert state.since == Since(date(2021, 2, 1), 2, by_version=True) and state.present
    assert to_query(state) == {"since": ["2"], "present": ["1"]}
    assert to_query(_parse(known, present="0")[0]) == {}


def test_since_before_the_first_version_is_kept_with_a_notice(known: Known) -> None:
    state, [notice] = _parse(known, since="2019-05-01")
    assert state.since == Since(date(2019, 5, 1), None)
    assert notice.message("sv") == (
        "since=2019-05-01 ligger före datans första version (1, publicerad 2020-01-10): bara "
        "de ändringar som åtgärdernas datum ger visas; nya åtgärder kan inte skiljas ut."
    )
    assert "in the future" in _parse(known, since="2027-01-01")[1][0].message("en")
    assert _parse(known, since="4")[1][0].message("sv") == (
        "Det finns ingen version 4; since ignorerades."
    )


def test_the_follow_up_pages_choices_pass_through_as_given(known: Known) -> None:
    """Uppföljning reads its own parameters against its data (``followup.read_choice``):
    here they are kept as the link gave them, the last of a repeated one, none too long."""
    state, notices = _parse(
        known,
        follow="valsta",
        start="no-such-measure",
        before=["2", "4"],
        area="x" * 101,
    )
    assert state.followup == (("follow", "valsta"), ("start", "no-such-measure"), ("before", "4"))
    assert [n.message("sv") for n in notices] == [
        f"Ogiltigt värde '{'x' * 40}…' för area ignorerades.",
        "before angavs flera gånger; det sista värdet används.",
    ]
    assert to_query(state)["start"] == ["no-such-measure"]


def test_the_apis_items_carry_the_filter_named_as_in_the_maps_url() -> None:
    assert api_items_path(MeasureFilter()) == "/api/collections/measures/items"
    flt = MeasureFilter(places=("kista", "klara"), query="ljus & mörker", year_from=2020)
    assert api_items_path(flt, "en") == (
        "/api/collections/measures/items?place=kista&place=klara&year_from=2020"
        "&q=ljus+%26+m%C3%B6rker&lang=en"
    )
