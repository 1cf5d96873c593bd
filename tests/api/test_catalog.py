"""The DCAT-AP-SE catalogue record: a catalogue of the two datasets with publisher, contact,
licence, update date (the version in force) and distributions: the API and every file."""

from __future__ import annotations

from datetime import UTC, date, datetime

from safetymap.api import catalog, documents
from safetymap.versions.store import Version

BASE = "https://trygghet.example/api/"
LICENSE = "http://creativecommons.org/publicdomain/zero/1.0/"
FIRST = Version(1, datetime(2025, 1, 2, 8, 0, tzinfo=UTC), "seed", "m.csv", "a", 78, 70, 8, "")
CURRENT = Version(4, datetime(2026, 5, 4, 10, 0, tzinfo=UTC), "Anna", "n.csv", "b", 80, 72, 8, "")
EXTENT = documents.Extent((17.82, 59.31, 18.09, 59.62), date(2016, 5, 1), date(2026, 12, 7))


def _record(contact: str = "data@kommun.example") -> dict:
    measures = catalog.Described(
        "measures", ("Åtgärder", "Measures"), ("Om", "About"), (("trygghet",), ("safety",)),
        FIRST, CURRENT, EXTENT,
    )  # fmt: skip
    indicators = catalog.Described(
        "indicators", ("Indikatorer", "Indicators"), ("Om", "About"), (("brott",), ("crime",)),
        None, None, documents.Extent(EXTENT.bbox),
    )  # fmt: skip
    return catalog.record(BASE, "Sigtuna kommun", contact, LICENSE, [measures, indicators])


def _nodes(record: dict) -> dict[str, dict]:
    return {node["@id"]: node for node in record["@graph"]}


def _prefixes(value: object) -> set[str]:
    """Every prefix a compact IRI in a key or a ``@type`` uses."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if ":" in key and not key.startswith("@"):
                found.add(key.split(":", 1)[0])
            if key == "@type" and isinstance(item, str) and ":" in item:
                found.add(item.split(":", 1)[0])
            found |= _prefixes(item)
    elif isinstance(value, list):
        for item in value:
            found |= _prefixes(item)
    return found


def test_every_prefix_used_is_in_the_context() -> None:
    record = _record()
    assert _prefixes(record["@graph"]) <= set(record["@context"])


def test_the_catalogue_has_both_datasets_its_publisher_and_the_api() -> None:
    nodes = _nodes(_record())
    catalogue = nodes[BASE + "catalog.jsonld"]
    assert catalogue["@type"] == "dcat:Catalog"
    assert [d["@id"] for d in catalogue["dcat:dataset"]] == [
        BASE + "collections/measures",
        BASE + "collections/indicators",
    ]
    assert catalogue["dcterms:modified"]["@value"] == "2026-05-04T10:00:00Z"
    assert nodes[catalogue["dcterms:publisher"]["@id"]]["foaf:name"] == "Sigtuna kommun"
    service = nodes[BASE]
    assert service["@type"] == "dcat:DataService"
    assert service["dcat:endpointDescription"]["@id"] == BASE + "openapi"


def test_a_dataset_says_when_it_was_published_and_updated_and_how_to_reach_it() -> None:
    nodes = _nodes(_record())
    measures = nodes[BASE + "collections/measures"]
    assert measures["@type"] == "dcat:Dataset"
    assert {t["@language"] for t in measures["dcterms:title"]} == {"sv", "en"}
    assert measures["dcterms:issued"]["@value"] == "2025-01-02T08:00:00Z"
    assert measures["dcterms:modified"]["@value"] == "2026-05-04T10:00:00Z"
    assert measures["owl:versionInfo"] == "4"
    assert measures["dcterms:temporal"]["dcat:startDate"]["@value"] == "2016-05-01"
    assert measures["dcterms:spatial"]["dcat:bbox"]["@value"].startswith(
        "POLYGON((17.820000 59.310000"
    )
    contact = nodes[measures["dcat:contactPoint"]["@id"]]
    assert contact["vcard:hasEmail"]["@id"] == "mailto:data@kommun.example"
    formats = {}
    for ref in measures["dcat:distribution"]:
        distribution = nodes[ref["@id"]]
        assert distribution["dcterms:license"]["@id"] == LICENSE
        formats[distribution["dcterms:format"]["@id"].rsplit("/", 1)[1]] = distribution
    assert set(formats) == {"GEOJSON", "CSV", "GPKG"}  # the API's GeoJSON and the files
    assert formats["GPKG"]["dcat:downloadURL"]["@id"] == BASE + "files/measures.gpkg"
    assert formats["CSV"]["dcat:mediaType"]["@id"].endswith("/text/csv")
    api = nodes[BASE + "collections/measures/items"]
    assert api["dcat:accessService"]["@id"] == BASE


def test_a_dataset_with_no_version_yet_has_no_dates_and_a_contact_may_lack_an_email() -> None:
    nodes = _nodes(_record(contact=""))
    indicators = nodes[BASE + "collections/indicators"]
    assert "dcterms:modified" not in indicators and "dcterms:issued" not in indicators
    assert [
        nodes[d["@id"]]["dcterms:format"]["@id"].rsplit("/", 1)[1]
        for d in indicators["dcat:distribution"]
    ] == ["GEOJSON", "CSV"]
    assert "vcard:hasEmail" not in nodes[indicators["dcat:contactPoint"]["@id"]]


def test_a_dataset_made_by_another_body_credits_it() -> None:
    credit = catalog.Credit(
        "Brottsförebyggande rådet (Brå)", "https://bra.se/", ("Källa: Brå.", "Source: Brå.")
    )
    outcomes = catalog.Described(
        "outcomes", ("Utfallsserier", "Outcome series"), ("Om", "About"), (("brott",), ("crime",)),
        FIRST, CURRENT, EXTENT, credit,
    )  # fmt: skip
    record = catalog.record(BASE, "Sigtuna kommun", "", LICENSE, [outcomes])
    assert _prefixes(record["@graph"]) <= set(record["@context"])
    nodes = _nodes(record)
    dataset = nodes[BASE + "collections/outcomes"]
    creator = nodes[dataset["dcterms:creator"]["@id"]]
    assert creator["foaf:name"] == "Brottsförebyggande rådet (Brå)"
    assert creator["foaf:homepage"]["@id"] == "https://bra.se/"
    assert nodes[dataset["dcterms:publisher"]["@id"]]["foaf:name"] == "Sigtuna kommun"
    assert dataset["dcterms:provenance"]["rdfs:label"][1] == {
        "@value": "Source: Brå.",
        "@language": "en",
    }
    formats = [
        nodes[d["@id"]]["dcterms:format"]["@id"].rsplit("/", 1)[1]
        for d in dataset["dcat:distribution"]
    ]
    assert formats == ["GEOJSON", "CSV"]
    assert nodes[dataset["dcat:distribution"][1]["@id"]]["dcat:downloadURL"]["@id"] == (
        BASE + "files/outcomes.csv"
    )
    measures = _nodes(_record())[BASE + "collections/measures"]
    assert "dcterms:creator" not in measures  # the publisher's own data
