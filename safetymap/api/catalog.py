"""The catalogue record: the published data described in DCAT-AP-SE, as JSON-LD.

What Sveriges dataportal harvests: a catalogue (``dcat:Catalog``) with three datasets, the
measures, the indicators and the outcome series, each with its publisher, contact point,
licence, themes, keywords, where and when it lies, when it was first published and last
updated (the version in force) and its distributions: the OGC API (through a
``dcat:DataService``) and the files (CSV, GeoJSON, GeoPackage for the measures; CSV for the
indicators and the outcome series), every one under the same licence. A dataset the product
passes on from another body (the outcome series: Brå's official statistics) names that body
as its creator (``dcterms:creator``) and says where its figures come from
(``dcterms:provenance``). Vocabularies are the EU's (file types, data themes, languages,
frequencies, access rights) and IANA's media types, as DCAT-AP-SE asks. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from safetymap.api.documents import CONFORMANCE, CSV, FILES, GEOJSON, GPKG, Extent
from safetymap.versions.store import Version

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "gsp": "http://www.opengis.net/ont/geosparql#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {CSV: "CSV", GEOJSON: "GEOJSON", GPKG: "GPKG"}
IANA = "https://www.iana.org/assignments/media-types/"
OGC_API_FEATURES = "http://www.opengis.net/spec/ogcapi-features-1/1.0"
THEMES = ("JUST", "REGI")  # justice, legal system and public safety; regions and cities


@dataclass(frozen=True)
class Credit:
    """Who made a dataset's figures (a body other than the publisher), its home page, and
    where the figures come from and on what terms, in words (Swedish, English)."""

    creator: str
    homepage: str
    provenance: tuple[str, str]


@dataclass(frozen=True)
class Described:
    """One dataset as the record describes it: its collection, words (Swedish, English),
    keywords, first and in-force versions (None before the first), extent and, when another
    body made its figures, its credit."""

    collection: str
    title: tuple[str, str]
    description: tuple[str, str]
    keywords: tuple[tuple[str, ...], tuple[str, ...]]
    first: Version | None
    current: Version | None
    extent: Extent
    credit: Credit | None = None


def _text(pair: Sequence[str]) -> list[dict[str, str]]:
    return [{"@value": pair[0], "@language": "sv"}, {"@value": pair[1], "@language": "en"}]


def _moment(moment: datetime) -> dict[str, str]:
    text = moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"@value": text, "@type": "xsd:dateTime"}


def _day(day: date) -> dict[str, str]:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _ref(uri: str) -> dict[str, str]:
    return {"@id": uri}


def _bbox_wkt(extent: Extent) -> str:
    west, south, east, north = extent.bbox
    corners = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    return "POLYGON((" + ", ".join(f"{x:.6f} {y:.6f}" for x, y in corners) + "))"


def record(
    base: str, publisher: str, contact_email: str, license_url: str, datasets: Sequence[Described]
) -> dict:
    """The catalogue record of the API at ``base`` (ending in ``/``)."""
    app = base.removesuffix("api/")
    agent = f"{base}catalog.jsonld#publisher"
    contact = f"{base}catalog.jsonld#contact"
    service = base
    graph: list[dict] = []
    modified = [d.current.published_at for d in datasets if d.current is not None]
    catalog = {
        "@id": f"{base}catalog.jsonld",
        "@type": "dcat:Catalog",
        "dcterms:title": _text(("Trygghetskartan", "Trygghetskartan (Safety map)")),
        "dcterms:description": _text(
            (
                "Trygghetsåtgärder och lägesindikatorer på fyra platser, ur publicerade källor, "
                "och utfallsserier ur Brås statistik över anmälda brott.",
                "Safety measures and situation indicators at four places, from published "
                "sources, and outcome series from Brå's statistics of reported crimes.",
            )
        ),
        "dcterms:publisher": _ref(agent),
        "dcterms:license": _ref(license_url),
        "dcterms:language": _ref(EU + "language/SWE"),
        "foaf:homepage": _ref(app),
        "dcat:dataset": [_ref(f"{base}collections/{d.collection}") for d in datasets],
        "dcat:service": [_ref(service)],
    }
    if modified:
        catalog["dcterms:modified"] = _moment(max(modified))
    graph.append(catalog)
    graph.append({"@id": agent, "@type": "foaf:Agent", "foaf:name": publisher})
    card: dict = {"@id": contact, "@type": "vcard:Organization", "vcard:fn": publisher}
    if contact_email:
        card["vcard:hasEmail"] = _ref(f"mailto:{contact_email}")
    graph.append(card)
    graph.append({"@id": license_url, "@type": "dcterms:LicenseDocument"})
    graph.append(
        {
            "@id": service,
            "@type": "dcat:DataService",
            "dcterms:title": _text(("Trygghetskartans API", "Trygghetskartan's API")),
            "dcterms:description": _text(
                (
                    "OGC API – Features (GeoJSON) över de publicerade versionerna; bara läsning.",
                    "OGC API – Features (GeoJSON) over the published versions; read-only.",
                )
            ),
            "dcat:endpointURL": _ref(base),
            "dcat:endpointDescription": _ref(f"{base}openapi"),
            "dcterms:conformsTo": [_ref(OGC_API_FEATURES), *(_ref(c) for c in CONFORMANCE)],
            "dcat:servesDataset": [_ref(f"{base}collections/{d.collection}") for d in datasets],
            "dcterms:publisher": _ref(agent),
            "dcterms:license": _ref(license_url),
            "dcterms:accessRights": _ref(EU + "access-right/PUBLIC"),
        }
    )
    for described in datasets:
        graph.extend(_dataset(described, base, app, agent, contact, service, license_url))
    return {"@context": CONTEXT, "@graph": graph}


def _dataset(
    d: Described, base: str, app: str, agent: str, contact: str, service: str, license_url: str
) -> list[dict]:
    """A dataset and its distributions: the API's items, then each file of its collection."""
    dataset_id = f"{base}collections/{d.collection}"
    api = {
        "@id": f"{dataset_id}/items",
        "@type": "dcat:Distribution",
        "dcterms:title": _text(("OGC API – Features (GeoJSON)", "OGC API – Features (GeoJSON)")),
        "dcat:accessURL": _ref(base),
        "dcat:accessService": _ref(service),
        "dcterms:format": _ref(EU + "file-type/GEOJSON"),
        "dcat:mediaType": _ref(IANA + GEOJSON),
        "dcterms:conformsTo": _ref(OGC_API_FEATURES),
        "dcterms:license": _ref(license_url),
    }
    files = [
        {
            "@id": f"{base}files/{name}",
            "@type": "dcat:Distribution",
            "dcterms:title": _text((f"Hela datamängden: {name}", f"The whole dataset: {name}")),
            "dcat:accessURL": _ref(f"{base}files/{name}"),
            "dcat:downloadURL": _ref(f"{base}files/{name}"),
            "dcterms:format": _ref(EU + "file-type/" + FILE_TYPES[media]),
            "dcat:mediaType": _ref(IANA + media),
            "dcterms:license": _ref(license_url),
        }
        for name, (collection, media) in FILES.items()
        if collection == d.collection
    ]
    dataset: dict = {
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dcterms:title": _text(d.title),
        "dcterms:description": _text(d.description),
        "dcterms:publisher": _ref(agent),
        "dcat:contactPoint": _ref(contact),
        "dcat:keyword": [
            *({"@value": k, "@language": "sv"} for k in d.keywords[0]),
            *({"@value": k, "@language": "en"} for k in d.keywords[1]),
        ],
        "dcat:theme": [_ref(EU + "data-theme/" + theme) for theme in THEMES],
        "dcterms:language": _ref(EU + "language/SWE"),
        "dcterms:accrualPeriodicity": _ref(EU + "frequency/IRREG"),
        "dcterms:accessRights": _ref(EU + "access-right/PUBLIC"),
        "dcat:landingPage": _ref(app),
        "dcterms:spatial": {
            "@type": "dcterms:Location",
            "dcat:bbox": {"@value": _bbox_wkt(d.extent), "@type": "gsp:wktLiteral"},
        },
        "dcat:distribution": [_ref(api["@id"]), *(_ref(f["@id"]) for f in files)],
    }
    if d.extent.first is not None and d.extent.last is not None:
        dataset["dcterms:temporal"] = {
            "@type": "dcterms:PeriodOfTime",
            "dcat:startDate": _day(d.extent.first),
            "dcat:endDate": _day(d.extent.last),
        }
    if d.first is not None:
        dataset["dcterms:issued"] = _moment(d.first.published_at)
    if d.current is not None:
        dataset["dcterms:modified"] = _moment(d.current.published_at)
        dataset["owl:versionInfo"] = str(d.current.number)
    credited: list[dict] = []
    if d.credit is not None:
        creator = f"{dataset_id}#creator"
        dataset["dcterms:creator"] = _ref(creator)
        dataset["dcterms:provenance"] = {
            "@type": "dcterms:ProvenanceStatement",
            "rdfs:label": _text(d.credit.provenance),
        }
        credited.append(
            {
                "@id": creator,
                "@type": "foaf:Agent",
                "foaf:name": d.credit.creator,
                "foaf:homepage": _ref(d.credit.homepage),
            }
        )
    return [dataset, *credited, api, *files]
