"""The OGC API – Features documents, as plain dicts: the landing page, conformance, the
collections, a page of features with its paging links, one feature, and the OpenAPI
definition. Pure: the server gives each the API's base URL (``…/api/``) and what to say.

Collections are described by ``CollectionSpec`` in ``COLLECTIONS``; a new kind of data
is served by one more spec here and its rows in ``rows`` (as the outcome series are).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from safetymap.api.params import (
    DEFAULT_LIMIT,
    FILTER_KEYS,
    ID_KEYS,
    MAX_LIMIT,
    PAGING_KEYS,
    Query,
)
from safetymap.contract.problems import Lang
from safetymap.contract.vocab import kinds, measure_types, statuses
from safetymap.intake.outcomes import series_indicators
from safetymap.selection.filters import Box
from safetymap.versions.store import Version

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = (
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
)
JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
JSONLD = "application/ld+json"
CSV = "text/csv"
GPKG = "application/geopackage+sqlite3"
OGC_REL = "http://www.opengis.net/def/rel/ogc/1.0/"


@dataclass(frozen=True)
class CollectionSpec:
    """One collection: its id, words (Swedish, English) and the query parameters its items
    take besides ``lang`` and ``f``."""

    id: str
    title: tuple[str, str]
    description: tuple[str, str]
    keys: tuple[str, ...]
    versioned: bool


MEASURES = CollectionSpec(
    "measures",
    ("Trygghetsåtgärder", "Safety measures"),
    (
        "Åtgärder och förhållanden för trygghet på fyra platser, som de publicerade källorna "
        "anger dem: var, när, av vem, med status, källa och citat. En åtgärd som gäller hela "
        "sin plats har platsens polygon (geometry_of = place), aldrig en påhittad punkt.",
        "Safety measures and conditions at four places as the published sources give them: "
        "where, when, by whom, their status, source and quote. A measure that covers its "
        "whole place carries the place's polygon (geometry_of = place), never a made-up point.",
    ),
    (*PAGING_KEYS, "bbox", "datetime", "version", *FILTER_KEYS),
    versioned=True,
)
INDICATORS = CollectionSpec(
    "indicators",
    ("Lägesindikatorer", "Situation indicators"),
    (
        "Siffror som källorna anger om läget på en plats (anmälda brott, andel som känner sig "
        "otrygga, resande per dag …), med period, källa och citat; platsens polygon.",
        "Figures the sources give about the situation at a place (reported crimes, the share "
        "who feel unsafe, travellers a day …), with period, source and quote; the place's "
        "polygon.",
    ),
    (*PAGING_KEYS, "bbox", "datetime", "version", "place"),
    versioned=True,
)
OUTCOMES = CollectionSpec(
    "outcomes",
    ("Utfallsserier", "Outcome series"),
    (
        "Brås officiella statistik över anmälda brott (Källa: Brå) som serier per område och "
        "period (år, kvartal, månad), antal och per 100 000 invånare, preliminära värden "
        "markerade, med källa och tabellhänvisning. Områdena är kommuner, stadsdelsområden och "
        "platser; varje värde har sitt områdes polygon (geometry_of = area), som ofta är "
        "vidare än platsen.",
        "Brå's official statistics of reported crimes (Source: Brå) as series by area and "
        "period (year, quarter, month), counts and per 100,000 inhabitants, preliminary "
        "values marked, with source and table reference. The areas are kommuner (municipalities), "
        "stadsdelsområden (city districts) and places; each value carries its area's polygon "
        "(geometry_of = area), often wider than the place.",
    ),
    (*PAGING_KEYS, "bbox", "datetime", "version", *ID_KEYS, "place"),
    versioned=True,
)
PLACES = CollectionSpec(
    "places",
    ("Platser", "Places"),
    (
        "De fyra platserna och deras fokusområden (SCB RegSO 2025 och ungefärliga områden).",
        "The four places and their focus areas (SCB RegSO 2025 and approximate areas).",
    ),
    (*PAGING_KEYS, "bbox", "place"),
    versioned=False,
)
COLLECTIONS: tuple[CollectionSpec, ...] = (MEASURES, INDICATORS, OUTCOMES, PLACES)
# The documents about the API (landing page, collections …) take the items' parameters and
# leave them be: a client given a filtered URL (GDAL adds its query to every request it makes)
# reads them too.
DOCUMENT_KEYS = tuple(dict.fromkeys(key for spec in COLLECTIONS for key in spec.keys))
BY_ID = {spec.id: spec for spec in COLLECTIONS}
# A file holds every row a request picks: no paging.
FILE_KEYS = {
    "measures": ("bbox", "datetime", "version", *FILTER_KEYS),
    "indicators": ("bbox", "datetime", "version", "place"),
    "outcomes": ("bbox", "datetime", "version", *ID_KEYS, "place"),
}
FILES: dict[str, tuple[str, str]] = {  # name → (collection, media type)
    "measures.csv": ("measures", CSV),
    "measures.geojson": ("measures", GEOJSON),
    "measures.gpkg": ("measures", GPKG),
    "indicators.csv": ("indicators", CSV),
    "outcomes.csv": ("outcomes", CSV),
}

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Trygghetskartan – öppna data", "Trygghetskartan – open data"),
    "description": (
        "Publicerade versioner av trygghetsåtgärderna på fyra platser (Kista busstorg, "
        "Klara/Sergels torg, Jakobsbergs stationsområde, Valsta) som OGC API – Features. "
        "Bara läsning; den version som gäller om inte version=N anges.",
        "Published versions of the safety measures at four places (Kista busstorg, "
        "Klara/Sergels torg, Jakobsberg station area, Valsta) as OGC API – Features. "
        "Read-only; the version in force unless version=N is given.",
    ),
    "self": ("Det här dokumentet", "This document"),
    "service_desc": ("API:ts definition (OpenAPI 3.0)", "The API definition (OpenAPI 3.0)"),
    "conformance": ("Standarder API:t följer", "Conformance classes"),
    "data": ("Samlingarna", "The collections"),
    "catalog": ("Katalogpost (DCAT-AP-SE)", "Catalogue record (DCAT-AP-SE)"),
    "items": ("Objekten", "The items"),
    "collection": ("Samlingen", "The collection"),
    "next": ("Nästa sida", "Next page"),
    "prev": ("Föregående sida", "Previous page"),
    "app": ("Kartan", "The map"),
    "license": ("Licens", "Licence"),
    "file": ("Hela urvalet som fil", "The whole selection as a file"),
}


def _w(key: str, lang: Lang) -> str:
    sv, en = WORDS[key]
    return sv if lang == "sv" else en


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "sv" else pair[1]


def link(href: str, rel: str, media_type: str, title: str = "") -> dict[str, str]:
    found = {"href": href, "rel": rel, "type": media_type}
    if title:
        found["title"] = title
    return found


def _lang_query(lang: Lang) -> str:
    return "" if lang == "sv" else "?lang=en"


def landing(base: str, lang: Lang, license_url: str) -> dict:
    """The landing page: what the API is, and links to its definition, conformance, data,
    catalogue record and files (``base`` ends with ``/``)."""
    q = _lang_query(lang)
    return {
        "title": _w("title", lang),
        "description": _w("description", lang),
        "links": [
            link(base + q, "self", JSON, _w("self", lang)),
            link(base + "openapi" + q, "service-desc", OPENAPI, _w("service_desc", lang)),
            link(base + "conformance" + q, "conformance", JSON, _w("conformance", lang)),
            link(base + "conformance" + q, OGC_REL + "conformance", JSON),
            link(base + "collections" + q, "data", JSON, _w("data", lang)),
            link(base + "collections" + q, OGC_REL + "data", JSON),
            link(base + "catalog.jsonld", "describedby", JSONLD, _w("catalog", lang)),
            link(license_url, "license", "text/html", _w("license", lang)),
            link(base.removesuffix("api/") + q, "alternate", "text/html", _w("app", lang)),
            *(
                link(base + "files/" + name, "enclosure", media, name)
                for name, (_, media) in FILES.items()
            ),
        ],
    }


def conformance() -> dict:
    return {"conformsTo": list(CONFORMANCE)}


@dataclass(frozen=True)
class Extent:
    """Where and when a collection's rows lie: WGS84 bounds and first and last day."""

    bbox: Box
    first: date | None = None
    last: date | None = None


def collection(
    spec: CollectionSpec, base: str, lang: Lang, extent: Extent, version: Version | None
) -> dict:
    """One collection's description, with links to its items; a versioned one names the
    version in force (``version``: None when none is published yet)."""
    q = _lang_query(lang)
    url = f"{base}collections/{spec.id}"
    found: dict = {
        "id": spec.id,
        "title": _pick(spec.title, lang),
        "description": _pick(spec.description, lang),
        "itemType": "feature",
        "crs": [CRS84],
        "extent": {
            "spatial": {"bbox": [list(extent.bbox)], "crs": CRS84},
            "temporal": {
                "interval": [[_day(extent.first), _day(extent.last)]],
                "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian",
            },
        },
        "links": [
            link(url + q, "self", JSON, _w("self", lang)),
            link(url + "/items" + q, "items", GEOJSON, _w("items", lang)),
        ],
    }
    if spec.versioned:
        found["version"] = version_info(version)
    return found


def version_info(version: Version | None) -> dict | None:
    """What a response says of the version it serves."""
    if version is None:
        return None
    return {"number": version.number, "published": _moment(version.published_at)}


def collections(base: str, lang: Lang, described: Sequence[dict]) -> dict:
    q = _lang_query(lang)
    return {
        "links": [link(base + "collections" + q, "self", JSON, _w("self", lang))],
        "collections": list(described),
    }


def feature_page(
    features: list[dict],
    matched: int,
    query: Query,
    items_url: str,
    given: Sequence[tuple[str, str]],
    version: Version | None,
) -> dict:
    """A page of features: the counts, the time, links to this page, the next and the
    previous one (each with the request's other parameters as given) and the collection."""
    others = [(k, v) for k, v in given if k not in PAGING_KEYS]
    lang = query.lang

    def page(offset: int) -> str:
        return items_url + "?" + urlencode([*others, ("limit", query.limit), ("offset", offset)])

    links = [link(page(query.offset), "self", GEOJSON, _w("self", lang))]
    if query.offset + len(features) < matched:
        links.append(link(page(query.offset + len(features)), "next", GEOJSON, _w("next", lang)))
    if query.offset > 0:
        previous = max(0, query.offset - query.limit)
        links.append(link(page(previous), "prev", GEOJSON, _w("prev", lang)))
    links.append(link(items_url.removesuffix("/items") + _lang_query(lang), "collection", JSON))
    found: dict = {
        "type": "FeatureCollection",
        "numberMatched": matched,
        "numberReturned": len(features),
        "timeStamp": _moment(datetime.now(UTC)),
        "links": links,
    }
    if version is not None:
        found["version"] = version_info(version)
    found["features"] = features
    return found


def feature(found: dict, item_url: str, lang: Lang, version: Version | None) -> dict:
    """One feature with links to itself and its collection."""
    collection_url = item_url.rsplit("/items/", 1)[0]
    q = _lang_query(lang)
    answer = {
        **found,
        "links": [
            link(item_url + q, "self", GEOJSON, _w("self", lang)),
            link(collection_url + q, "collection", JSON, _w("collection", lang)),
        ],
    }
    if version is not None:
        answer["version"] = version_info(version)
    return answer


def _day(day: date | None) -> str | None:
    return None if day is None else f"{day.isoformat()}T00:00:00Z"


def _moment(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- OpenAPI ---------------------------------------------------------------------------------


def _parameter(name: str, description: str, schema: dict, explode: bool = False) -> dict:
    found = {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        "style": "form",
        "explode": explode,
    }
    return found


def _parameters() -> dict[str, dict]:
    """Every query parameter of the API, by name (described in English)."""
    string = {"type": "string"}
    ids = {"type": "array", "items": {"type": "string"}}

    def vocabulary(values: list[str]) -> dict:
        return {"type": "array", "items": {"type": "string", "enum": values}}

    return {
        "limit": _parameter(
            "limit",
            f"Rows a page (default {DEFAULT_LIMIT}; more than {MAX_LIMIT} is lowered to it).",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
        ),
        "offset": _parameter(
            "offset", "Rows to skip (the next link carries it).", {"type": "integer", "minimum": 0}
        ),
        "bbox": _parameter(
            "bbox",
            "min lon,min lat,max lon,max lat (WGS84): the rows whose geometry meets the box.",
            {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
        ),
        "datetime": _parameter(
            "datetime",
            "A day or moment (RFC 3339) or an interval a/b (open end: .. or empty): the rows "
            "whose dates meet it (a measure's dates, an indicator's or an outcome's period: "
            "2019-Q2 is 1 April to 30 June 2019); rows with no date are left out.",
            string,
        ),
        "version": _parameter(
            "version",
            "A published version's number (default: the version in force).",
            {"type": "integer", "minimum": 1},
        ),
        "lang": _parameter(
            "lang", "Words of titles and messages: sv (default) or en.", {"enum": ["sv", "en"]}
        ),
        "f": _parameter("f", "The format: json (the only one).", {"enum": ["json", "geojson"]}),
        "place": _parameter(
            "place",
            "Place ids (repeatable); a place includes its focus areas. Of the outcome series: "
            "the rows of the areas the place or its focus areas lie in (the place itself, its "
            "stadsdelsområde, its kommun).",
            ids,
            True,
        ),
        "area": _parameter(
            "area",
            "Outcome series: area ids (repeatable), a kommun as kommun-<code> (kommun-0123), "
            "a stadsdelsområde as sdo-<name> (sdo-rinkeby-kista) or a place id.",
            ids,
            True,
        ),
        "indicator": _parameter(
            "indicator",
            "Outcome series: indicator ids (repeatable).",
            vocabulary(series_indicators()),
            True,
        ),
        "actor": _parameter(
            "actor", "Actors by name (repeatable); an actor includes its units.", ids, True
        ),
        "type": _parameter(
            "type", "Measure types (repeatable).", vocabulary(measure_types().ids()), True
        ),
        "status": _parameter(
            "status",
            "Statuses (repeatable); with as_of, the status on that day.",
            vocabulary(statuses().ids()),
            True,
        ),
        "kind": _parameter("kind", "Kinds (repeatable).", vocabulary(kinds().ids()), True),
        "year_from": _parameter(
            "year_from",
            "First year: rows that can fall in the range (rows with no date are left out).",
            {"type": "integer", "minimum": 1900, "maximum": 2100},
        ),
        "year_to": _parameter(
            "year_to", "Last year (see year_from).", {"type": "integer", "minimum": 1900}
        ),
        "as_of": _parameter(
            "as_of",
            "A day (YYYY-MM-DD): each measure in the status it had then.",
            {"type": "string", "format": "date"},
        ),
        "q": _parameter(
            "q",
            "Free-text search in Swedish and English word forms; every word must match.",
            {"type": "string", "maxLength": 200},
        ),
    }


def openapi(base: str) -> dict:
    """The OpenAPI 3.0 definition of the API: every path and its query parameters."""
    parameters = _parameters()
    refs = {name: {"$ref": f"#/components/parameters/{name}"} for name in parameters}
    common = [refs["lang"], refs["f"]]

    def get(summary: str, media_type: str, keys: Sequence[str] = ()) -> dict:
        answers = {
            "200": {"description": "OK", "content": {media_type: {}}},
            "400": {"description": "A parameter that cannot be used; the JSON names it."},
        }
        return {
            "get": {
                "summary": summary,
                "parameters": [*(refs[k] for k in keys), *common],
                "responses": answers,
            }
        }

    paths: dict[str, dict] = {
        "/": get("Landing page", JSON),
        "/conformance": get("Conformance classes", JSON),
        "/collections": get("The collections", JSON),
        "/openapi": get("This definition", OPENAPI),
        "/catalog.jsonld": get("The DCAT-AP-SE catalogue record", JSONLD),
    }
    for spec in COLLECTIONS:
        url = f"/collections/{spec.id}"
        paths[url] = get(f"{spec.title[1]}: the collection", JSON)
        paths[url + "/items"] = get(f"{spec.title[1]}: a page of features", GEOJSON, spec.keys)
        item = get(f"{spec.title[1]}: one feature", GEOJSON, ("version",) * spec.versioned)
        item["get"]["parameters"].insert(
            0,
            {"name": "featureId", "in": "path", "required": True, "schema": {"type": "string"}},
        )
        paths[url + "/items/{featureId}"] = item
    for name, (collection, media_type) in FILES.items():
        summary = f"Every row of the selection as {name}"
        paths[f"/files/{name}"] = get(summary, media_type, FILE_KEYS[collection])
    return {
        "openapi": "3.0.3",
        "info": {
            "title": WORDS["title"][1],
            "description": WORDS["description"][1],
            "version": "1.0.0",
        },
        "servers": [{"url": base.rstrip("/")}],
        "paths": paths,
        "components": {"parameters": parameters},
    }
