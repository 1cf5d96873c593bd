"""The API's query parameters: its own (paging, bbox, datetime, version, lang, f) and the
app's filter names, checked exactly as the map's URL checks them, every refusal naming its
parameter."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from safetymap.api.params import (
    DEFAULT_LIMIT,
    FILTER_KEYS,
    MAX_LIMIT,
    BadRequest,
    Query,
    read_filter,
    read_ids,
    read_query,
)
from safetymap.intake.places import Places
from safetymap.selection.filters import MeasureFilter
from safetymap.selection.urlstate import Known, parse_query

ITEMS = ("limit", "offset", "bbox", "datetime", "version", *FILTER_KEYS)


@pytest.fixture(scope="module")
def known(places: Places) -> Known:
    return Known(
        places, actors=("Grannsamverkan Kista",), measure_ids=("kista-a",), years=(2016, 2026)
    )


def _q(**params: str | list[str]) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in params.items()}


def _refused(params: dict[str, list[str]], allowed=ITEMS) -> BadRequest:
    with pytest.raises(BadRequest) as refused:
        read_query(params, allowed)
    return refused.value


def test_no_parameters_give_the_first_page_of_the_default_size() -> None:
    assert read_query({}, ITEMS) == Query("sv", DEFAULT_LIMIT, 0, None, None, None)


def test_paging_bbox_datetime_and_version_are_read() -> None:
    query = read_query(
        _q(limit="7", offset="14", bbox="17.9,59.3,18.1,59.5", datetime="2020-01-01/..",
           version="2", lang="en", f="json"),
        ITEMS,
    )  # fmt: skip
    assert query == Query("en", 7, 14, (17.9, 59.3, 18.1, 59.5), (date(2020, 1, 1), None), 2)


def test_a_page_larger_than_the_cap_is_lowered_to_it() -> None:
    assert read_query(_q(limit="100000"), ITEMS).limit == MAX_LIMIT


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("limit", "0"),
        ("limit", "-5"),
        ("limit", "ten"),
        ("limit", "2.5"),
        ("offset", "-1"),
        ("offset", "x"),
        ("version", "0"),
        ("version", "v2"),
        ("bbox", "17.9,59.3,18.1"),
        ("bbox", "18.1,59.3,17.9,59.5"),  # west of east
        ("bbox", "17.9,59.5,18.1,59.3"),  # south of north
        ("bbox", "17.9,59.3,18.1,nan"),
        ("bbox", "17.9,-91,18.1,59.5"),
        ("bbox", "a,b,c,d"),
        ("datetime", "2021"),
        ("datetime", "2021-02-30"),
        ("datetime", "2022-01-01/2021-01-01"),
        ("datetime", "2021-01-01/2021-02-01/2021-03-01"),
        ("datetime", "yesterday/.."),
        ("f", "html"),
        ("lang", "fr"),
    ],
)
def test_a_value_that_cannot_be_used_is_refused_naming_its_parameter(key: str, value: str) -> None:
    refused = _refused(_q(**{key: value}))
    assert [p.parameter for p in refused.problems] == [key]
    assert key in refused.problems[0].message


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2021-05-01", (date(2021, 5, 1), date(2021, 5, 1))),
        ("2021-05-01T10:30:00Z", (date(2021, 5, 1), date(2021, 5, 1))),
        ("2021-05-01T23:30:00+02:00", (date(2021, 5, 1), date(2021, 5, 1))),
        ("2020-01-01/2021-12-31", (date(2020, 1, 1), date(2021, 12, 31))),
        ("../2021-12-31", (None, date(2021, 12, 31))),
        ("/2021-12-31", (None, date(2021, 12, 31))),
        ("2020-01-01/", (date(2020, 1, 1), None)),
        ("../..", (None, None)),
    ],
)
def test_datetime_is_a_day_a_moment_or_an_interval(text: str, period) -> None:
    assert read_query(_q(datetime=text), ITEMS).period == period


def test_a_bbox_with_heights_keeps_its_horizontal_box() -> None:
    query = read_query(_q(bbox="17.9,59.3,0,18.1,59.5,100"), ITEMS)
    assert query.bbox == (17.9, 59.3, 18.1, 59.5)


def test_an_unknown_parameter_is_refused_with_the_ones_that_apply() -> None:
    refused = _refused(_q(zoom="14", measure="kista-a"), ("limit", "offset", "bbox"))
    assert [p.parameter for p in refused.problems] == ["zoom", "measure"]
    assert refused.problems[0].message == (
        "Okänd parameter zoom. Här gäller: limit, offset, bbox, lang, f."
    )


def test_a_single_parameter_given_twice_is_refused_a_list_may_repeat() -> None:
    refused = _refused(_q(limit=["5", "6"], place=["kista", "klara"]))
    assert [p.parameter for p in refused.problems] == ["limit"]


def test_every_problem_is_named_at_once_in_the_language_asked_for() -> None:
    refused = _refused(_q(limit="0", bbox="x", lang="en"))
    assert [p.parameter for p in refused.problems] == ["limit", "bbox"]
    assert refused.problems[0].message.startswith("limit must be a whole number from 1")


def test_the_filter_means_what_it_means_in_the_maps_url(known: Known) -> None:
    params = _q(
        place=["kista", "valsta-centrum"],
        actor="polisen",  # an alias: the actor's name is used
        type=["lighting", "cameras"],
        status="ongoing",
        kind="measure",
        year_from="2019",
        year_to="2021",
        as_of="2020-06-30",
        q="ljus",
        limit="5",
    )
    flt = read_filter(params, known, "sv")
    assert flt == MeasureFilter(
        places=("kista", "valsta-centrum"),
        actors=("Polisen",),
        types=("lighting", "cameras"),
        statuses=("ongoing",),
        kinds=("measure",),
        year_from=2019,
        year_to=2021,
        as_of=date(2020, 6, 30),
        query="ljus",
    )


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        (
            _q(place="mars"),
            "place",
            "Ogiltigt värde 'mars' för place. Tillåtna värden: kista, kista-busstorg, klara, "
            "sergels-torg, jakobsberg, jakobsberg-station, valsta, valsta-centrum.",
        ),
        (_q(status="klar"), "status", "Ogiltigt värde 'klar' för status. Tillåtna värden: "),
        (_q(actor="Ingen alls"), "actor", "Ogiltigt värde 'Ingen alls' för actor."),
        (_q(year_from="2031"), "year_from", "year_from=2031 ligger utanför datans år (2016–2026)."),
        (_q(year_from="2022", year_to="2020"), "year_from", "year_from är större än year_to."),
        (_q(as_of="2021-02-30"), "as_of", "Ogiltigt värde '2021-02-30' för as_of."),
        (_q(q=["ljus", "mörker"]), "q", "q angavs flera gånger; ange det en gång."),
        (_q(q="x" * 250), "q", "Ogiltigt värde"),
        (_q(type=["lighting"] * 51), "type", "För många värden för type: högst 50."),
    ],
)
def test_a_filter_value_the_map_would_not_use_is_refused(
    known: Known, params, parameter: str, message: str
) -> None:
    with pytest.raises(BadRequest) as refused:
        read_filter(params, known, "sv")
    assert refused.value.problems[0].parameter == parameter
    assert refused.value.problems[0].message.startswith(message)


FILTER_VALUES = {
    "place": ["kista", "valsta-centrum", "mars", "KISTA", ""],
    "actor": ["Polisen", "polisen", "Grannsamverkan Kista", "Ingen alls"],
    "type": ["lighting", "cameras", "Belysning"],
    "status": ["planned", "ongoing", "klar"],
    "kind": ["measure", "condition", "x"],
    "year_from": ["2016", "2020", "2031", "1899", "tjugo", ""],
    "year_to": ["2019", "2026", "2101", "x"],
    "as_of": ["2020-01-01", "2021-02-30", "2021"],
    "q": ["ljus", "", "<img src=x>", "x" * 250],
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    params=hs.lists(hs.sampled_from(sorted(FILTER_VALUES)), unique=True, max_size=5).flatmap(
        lambda keys: hs.fixed_dictionaries(
            {k: hs.lists(hs.sampled_from(FILTER_VALUES[k]), min_size=1, max_size=2) for k in keys}
        )
    )
)
def test_the_api_refuses_exactly_what_the_map_would_not_use(known: Known, params) -> None:
    state, notices = parse_query(params, known)
    try:
        flt = read_filter(params, known, "en")
    except BadRequest as refused:
        assert [p.parameter for p in refused.problems] == [n.key for n in notices]
    else:
        assert not notices and flt == state.filter


OUTCOME_KEYS = ("limit", "offset", "bbox", "datetime", "version", "area", "indicator", "place")
AREAS = ("kista", "kommun-0123", "kommun-0191", "sdo-norrmalm")


def test_the_outcomes_areas_and_indicators_may_repeat() -> None:
    params = _q(area=["kommun-0123", "kommun-0191"], indicator=["a", "b"], place=["kista"])
    assert read_query(params, OUTCOME_KEYS) == Query()
    refused = _refused(_q(area="kista"), ITEMS)  # the measures know no area
    assert [p.parameter for p in refused.problems] == ["area"]


def test_area_ids_are_read_once_each_in_the_order_given() -> None:
    params = _q(area=["kommun-0191", " kommun-0123", "kommun-0191"])
    assert read_ids(params, "area", AREAS, "sv") == ("kommun-0191", "kommun-0123")
    assert read_ids({}, "area", AREAS, "sv") == ()


def test_an_unknown_id_is_refused_naming_its_parameter_and_the_ids_that_are() -> None:
    with pytest.raises(BadRequest) as refused:
        read_ids(_q(area=["kommun-0123", "Järfälla", "mars"]), "area", AREAS, "en")
    assert [p.parameter for p in refused.value.problems] == ["area", "area"]
    assert refused.value.problems[0].message == (
        "Invalid value 'Järfälla' for area. "
        "Allowed values: kista, kommun-0123, kommun-0191, sdo-norrmalm."
    )
    with pytest.raises(BadRequest) as many:
        read_ids(_q(indicator=["x"] * 51), "indicator", ("x",), "sv")
    assert many.value.problems[0].message == "För många värden för indicator: högst 50."
