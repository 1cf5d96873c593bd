"""The OGC API – Features documents: the landing page's links, conformance, a collection,
paging links that keep every other parameter, and an OpenAPI definition of every path."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import parse_qsl, urlsplit

import pytest

from safetymap.api import documents
from safetymap.api.params import MAX_LIMIT, Query
from safetymap.versions.store import Version

BASE = "http://example.org:8501/api/"
VERSION = Version(3, datetime(2026, 5, 4, 10, 0, tzinfo=UTC), "Anna", "m.csv", "x", 78, 70, 8, "")


def _rels(document: dict) -> dict[str, str]:
    return {link["rel"]: link["href"] for link in document["links"]}


def test_the_landing_page_links_the_definition_conformance_data_and_record() -> None:
    rels = _rels(documents.landing(BASE, "sv", "https://licence.example/"))
    assert rels["service-desc"] == BASE + "openapi"
    assert rels["conformance"] == rels[documents.OGC_REL + "conformance"] == BASE + "conformance"
    assert rels["data"] == rels[documents.OGC_REL + "data"] == BASE + "collections"
    assert rels["describedby"] == BASE + "catalog.jsonld"
    assert rels["license"] == "https://licence.example/"
    assert rels["alternate"] == "http://example.org:8501/"


def test_english_is_asked_for_with_lang() -> None:
    landing = documents.landing(BASE, "en", "https://licence.example/")
    assert landing["title"] == "Trygghetskartan – open data"
    assert _rels(landing)["data"] == BASE + "collections?lang=en"


def test_core_and_geojson_conformance_are_declared() -> None:
    classes = documents.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in classes
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in classes


def test_a_collection_names_its_extent_items_and_version_in_force() -> None:
    extent = documents.Extent((17.8, 59.3, 18.1, 59.6), date(2016, 5, 1), date(2026, 12, 7))
    found = documents.collection(documents.MEASURES, BASE, "sv", extent, VERSION)
    assert found["id"] == "measures" and found["itemType"] == "feature"
    assert found["extent"]["spatial"]["bbox"] == [[17.8, 59.3, 18.1, 59.6]]
    assert found["extent"]["temporal"]["interval"] == [
        ["2016-05-01T00:00:00Z", "2026-12-07T00:00:00Z"]
    ]
    assert _rels(found)["items"] == BASE + "collections/measures/items"
    assert found["version"] == {"number": 3, "published": "2026-05-04T10:00:00Z"}
    places = documents.collection(documents.PLACES, BASE, "sv", documents.Extent(extent.bbox), None)
    assert "version" not in places


def _page(matched: int, returned: int, limit: int, offset: int, given=()) -> dict:
    features = [{"type": "Feature", "id": str(i)} for i in range(returned)]
    query = Query(limit=limit, offset=offset)
    items = BASE + "collections/measures/items"
    return documents.feature_page(features, matched, query, items, given, VERSION)


def _query(href: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(href).query, keep_blank_values=True)


def test_the_first_page_links_the_next_and_keeps_the_filter_as_given() -> None:
    given = [("place", "kista"), ("place", "klara"), ("q", "ljus & mörker"), ("limit", "2")]
    page = _page(matched=5, returned=2, limit=2, offset=0, given=given)
    assert page["numberMatched"] == 5 and page["numberReturned"] == 2
    rels = _rels(page)
    assert "prev" not in rels
    assert _query(rels["next"]) == [
        ("place", "kista"),
        ("place", "klara"),
        ("q", "ljus & mörker"),
        ("limit", "2"),
        ("offset", "2"),
    ]
    assert rels["collection"] == BASE + "collections/measures"


@pytest.mark.parametrize(
    ("offset", "returned", "next_offset", "prev_offset"),
    [(2, 2, "4", "0"), (4, 1, None, "2"), (3, 2, None, "1"), (1, 2, "3", "0"), (9, 0, None, "7")],
)
def test_next_and_prev_step_by_the_page(offset, returned, next_offset, prev_offset) -> None:
    rels = _rels(_page(matched=5, returned=returned, limit=2, offset=offset))
    assert (dict(_query(rels["next"]))["offset"] if "next" in rels else None) == next_offset
    assert dict(_query(rels["prev"]))["offset"] == prev_offset


def test_the_openapi_definition_has_every_path_and_the_page_cap() -> None:
    api = documents.openapi(BASE)
    assert api["openapi"].startswith("3.0")
    for spec in documents.COLLECTIONS:
        for path in ("", "/items", "/items/{featureId}"):
            assert f"/collections/{spec.id}{path}" in api["paths"]
        names = [
            p["$ref"].rsplit("/", 1)[1]
            for p in api["paths"][f"/collections/{spec.id}/items"]["get"]["parameters"]
        ]
        assert set(spec.keys) | {"lang", "f"} == set(names)
    assert api["components"]["parameters"]["limit"]["schema"]["maximum"] == MAX_LIMIT
    assert {f"/files/{name}" for name in documents.FILES} <= set(api["paths"])


def test_the_outcome_series_are_a_collection_of_their_own_with_a_file() -> None:
    assert [spec.id for spec in documents.COLLECTIONS] == [
        "measures",
        "indicators",
        "outcomes",
        "places",
    ]
    outcomes = documents.BY_ID["outcomes"]
    assert outcomes.versioned and {"area", "indicator", "place", "datetime"} <= set(outcomes.keys)
    assert documents.FILES["outcomes.csv"] == ("outcomes", documents.CSV)
    rels = documents.landing(BASE, "sv", "https://licence.example/")["links"]
    assert BASE + "files/outcomes.csv" in {link["href"] for link in rels}
    # A client given a filtered URL of the outcomes reads the documents with it too.
    assert {"area", "indicator"} <= set(documents.DOCUMENT_KEYS)
    parameters = documents.openapi(BASE)["components"]["parameters"]
    assert "reported_crimes_total" in parameters["indicator"]["schema"]["items"]["enum"]
    assert "kommun-" in parameters["area"]["description"]
