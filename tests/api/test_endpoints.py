"""The endpoints over a real store (SQLite), called as the worker calls them: the outcome
series' items, files, refusals and catalogue entry."""

from __future__ import annotations

import csv
import io
import json

import pytest
from starlette.responses import Response

from safetymap.api.endpoints import Api
from safetymap.api.source import Source
from safetymap.config import get_settings
from tests.api.conftest import api_request


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    folder = tmp_path_factory.mktemp("endpoints")
    return Api(Source(get_settings({"SAFETYMAP_DB": str(folder / "s.db")})))


def _answer(api: Api, endpoint: str, path: str, query: str = "", **path_params: str) -> Response:
    return api.answer(endpoint, api_request(path, query.encode(), **path_params))


def _items(api: Api, query: str = "") -> Response:
    return _answer(api, "items", "/collections/outcomes/items", query, collection="outcomes")


def test_the_outcomes_are_served_from_the_version_in_force(api: Api) -> None:
    answer = _items(api, "area=sdo-rinkeby-kista&indicator=reported_crimes_person&limit=10")
    assert answer.status_code == 200 and answer.media_type == "application/geo+json"
    page = json.loads(answer.body)
    assert page["numberMatched"] == 48 and page["version"]["number"] == 1
    assert page["features"][0]["id"] == "sdo-rinkeby-kista.reported_crimes_person.2020-01"
    next_link = next(link["href"] for link in page["links"] if link["rel"] == "next")
    assert "area=sdo-rinkeby-kista" in next_link and "offset=10" in next_link
    one = _answer(
        api,
        "item",
        "/collections/outcomes/items/x",
        collection="outcomes",
        feature="sdo-rinkeby-kista.reported_crimes_person.2020-01",
    )
    assert json.loads(one.body)["properties"] == page["features"][0]["properties"]


@pytest.mark.parametrize(
    ("query", "parameters"),
    [
        ("area=mars", ["area"]),
        ("indicator=police_area_classification", ["indicator"]),  # an indicator with no series
        ("area=mars&area=kommun-0123&indicator=x&place=y", ["area", "indicator", "place"]),
        ("status=ongoing", ["status"]),
        ("version=5", ["version"]),
    ],
)
def test_a_value_the_outcomes_do_not_know_is_a_400_naming_it(api: Api, query, parameters) -> None:
    answer = _items(api, query + "&lang=en")
    assert answer.status_code == 400 and answer.media_type == "application/json"
    body = json.loads(answer.body)
    assert body["parameter"] == parameters[0]
    assert [p["parameter"] for p in body["problems"]] == parameters
    assert parameters[0] in body["description"]


def test_the_outcomes_file_holds_every_row_picked_in_the_contracts_columns(api: Api) -> None:
    answer = _answer(api, "file", "/files/outcomes.csv", "place=valsta", name="outcomes.csv")
    assert answer.media_type == "text/csv"
    table = list(csv.DictReader(io.StringIO(answer.body.decode("utf-8-sig")), delimiter=";"))
    matched = json.loads(_items(api, "place=valsta&limit=1").body)["numberMatched"]
    assert len(table) == matched > 0 and {r["area"] for r in table} == {"kommun-0191"}
    assert list(table[0]) == [
        "area", "indicator", "period", "value", "unit", "preliminary", "source", "source_ref",
    ]  # fmt: skip


def test_the_collections_and_the_catalogue_name_the_outcomes(api: Api) -> None:
    collections = json.loads(_answer(api, "collections", "/collections").body)["collections"]
    outcomes = next(c for c in collections if c["id"] == "outcomes")
    assert outcomes["version"]["number"] == 1
    assert outcomes["extent"]["temporal"]["interval"][0][0] == "2015-01-01T00:00:00Z"
    bbox = outcomes["extent"]["spatial"]["bbox"][0]
    places = next(c for c in collections if c["id"] == "places")["extent"]["spatial"]["bbox"][0]
    assert bbox[0] < places[0] and bbox[3] > places[3]  # the kommuner reach beyond the places
    record = json.loads(_answer(api, "catalog", "/catalog.jsonld").body)
    nodes = {node["@id"]: node for node in record["@graph"]}
    dataset = nodes["http://127.0.0.1:8501/api/collections/outcomes"]
    assert nodes[dataset["dcterms:creator"]["@id"]]["foaf:name"] == "Brottsförebyggande rådet (Brå)"
    assert dataset["owl:versionInfo"] == "1"
