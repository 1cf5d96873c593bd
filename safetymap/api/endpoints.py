"""The API's endpoints: one HTTP request (a Starlette ``Request``) in, one response out.

Each endpoint reads its parameters (``params``), the published data (``source``) and answers
with the OGC API's documents (``documents``), features (``rows``), the catalogue record
(``catalog``) or a file (``present.export``). ``Api.answer`` turns what cannot be answered
into the API's JSON errors: a parameter that cannot be used (400, naming it), an unknown
version (400), nothing there (404), nothing published yet or the store unavailable (503).
The data work runs here, in the worker process (``worker``), never on the server's event
loop; tests call ``Api`` directly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from safetymap.api import catalog, documents, rows
from safetymap.api.documents import BY_ID, DOCUMENT_KEYS, FILE_KEYS, FILES, GEOJSON, JSON, Extent
from safetymap.api.params import (
    BadRequest,
    Params,
    Problem,
    Query,
    read_filter,
    read_ids,
    read_query,
    words,
)
from safetymap.api.source import NoVersion, Source, UnknownVersion
from safetymap.contract.problems import LANGS, Lang
from safetymap.intake import indicators as ind
from safetymap.intake.outcomes import contract_rows, series_indicators
from safetymap.present import export
from safetymap.selection.urlstate import Known
from safetymap.versions.store import (
    INDICATORS,
    MEASURES,
    OUTCOMES,
    Dataset,
    StoreUnavailable,
    Version,
)

WORDS: dict[str, tuple[str, str]] = {
    "not_found": (
        "Här finns inget: {path}. API:ts startsida är {base}.",
        "Nothing here: {path}. The API's landing page is {base}.",
    ),
    "no_feature": (
        "Samlingen {collection} har inget objekt {feature}.",
        "The collection {collection} has no item {feature}.",
    ),
    "no_collection": (
        "Det finns ingen samling {collection}; samlingarna är {collections}.",
        "There is no collection {collection}; the collections are {collections}.",
    ),
    "nothing_published": (
        "Inga {kind} är publicerade än: en analytiker publicerar den första versionen.",
        "No {kind} are published yet: an analyst publishes the first version.",
    ),
    "read_only": (
        "API:t är bara för läsning: {method} är inte tillåtet, bara GET, HEAD och OPTIONS.",
        "The API is read-only: {method} is not allowed, only GET, HEAD and OPTIONS.",
    ),
    "internal": (
        "Ett fel i API:t; serverns logg säger vad.",
        "A fault in the API; the server's log says what.",
    ),
    "unavailable": (
        "API:t kan inte svara just nu; försök igen om en stund.",
        "The API cannot answer just now; try again in a moment.",
    ),
    "measures": ("åtgärder", "measures"),
    "indicators": ("indikatorer", "indicators"),
    "outcomes": ("utfallsserier", "outcome series"),
}
DATASETS: dict[str, Dataset] = {
    "measures": MEASURES,
    "indicators": INDICATORS,
    "outcomes": OUTCOMES,
}


def say(key: str, lang: Lang, **values: object) -> str:
    """The API's words for ``key`` in ``lang``."""
    sv, en = WORDS[key]
    return (sv if lang == "sv" else en).format(**values)


class NotFound(Exception):
    """A resource that does not exist; the message says what."""


def _params(request: Request) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        params.setdefault(key, []).append(value)
    return params


def lang_of(request: Request) -> Lang:
    lang = request.query_params.get("lang", "sv")
    return lang if lang in LANGS else "sv"  # type: ignore[return-value]


def base_url(request: Request) -> str:
    """The API's own URL as the client reached it (``…/api/``)."""
    root = request.scope.get("root_path", "")
    return f"{request.url.scheme}://{request.url.netloc}{root}/"


def json_response(document: Any, media_type: str = JSON, status: int = 200) -> Response:
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return Response(body.encode("utf-8"), status_code=status, media_type=media_type)


def error_response(status: int, code: str, description: str, problems: tuple = ()) -> Response:
    """An OGC API exception (``code``, ``description``); a 400 names its parameters."""
    document: dict[str, Any] = {"code": code, "description": description}
    if problems:
        document["parameter"] = problems[0].parameter
        document["problems"] = [
            {"parameter": p.parameter, "description": p.message} for p in problems
        ]
    return json_response(document, status=status)


# Every endpoint by its path under /api (Starlette's path syntax) and its method's name.
ENDPOINTS: tuple[tuple[str, str], ...] = (
    ("/", "landing"),
    ("/conformance", "conformance"),
    ("/openapi", "openapi"),
    ("/catalog.jsonld", "catalog"),
    ("/collections", "collections"),
    ("/collections/{collection}", "collection"),
    ("/collections/{collection}/items", "items"),
    ("/collections/{collection}/items/{feature}", "item"),
    ("/files/{name}", "file"),
)


class Api:
    """The API's endpoints over one ``Source``."""

    def __init__(self, source: Source) -> None:
        self.source = source

    def answer(self, endpoint: str, request: Request) -> Response:
        """The answer of ``endpoint`` (one of ``ENDPOINTS``) to ``request``, errors included."""
        lang = lang_of(request)
        work: Callable[[Request], Response] = getattr(self, endpoint)
        try:
            return work(request)
        except BadRequest as error:
            first = error.problems[0]
            return error_response(400, "InvalidParameterValue", first.message, error.problems)
        except UnknownVersion as error:
            published = ", ".join(map(str, error.published)) or "–"
            message = words(
                "no_version", lang, value=error.number, collection=error.kind, versions=published
            )
            problems = (Problem("version", message),)
            return error_response(400, "InvalidParameterValue", message, problems)
        except NotFound as error:
            return error_response(404, "NotFound", str(error))
        except NoVersion as error:
            message = say("nothing_published", lang, kind=say(error.kind, lang))
            return error_response(503, "NoPublishedVersion", message)
        except StoreUnavailable as error:
            return error_response(503, "StoreUnavailable", error.message(lang))

    # --- documents -------------------------------------------------------------------------

    def landing(self, request: Request) -> Response:
        query = read_query(_params(request), DOCUMENT_KEYS)
        license_url = self.source.settings.license_url
        return json_response(documents.landing(base_url(request), query.lang, license_url))

    def conformance(self, request: Request) -> Response:
        read_query(_params(request), DOCUMENT_KEYS)
        return json_response(documents.conformance())

    def openapi(self, request: Request) -> Response:
        read_query(_params(request), DOCUMENT_KEYS)
        return json_response(documents.openapi(base_url(request)), documents.OPENAPI)

    def catalog(self, request: Request) -> Response:
        read_query(_params(request), DOCUMENT_KEYS)
        settings = self.source.settings
        described = [
            catalog.Described(
                spec.id,
                spec.title,
                spec.description,
                KEYWORDS[spec.id],
                self._first(spec.id),
                self._current(spec.id),
                self._extent(spec.id),
                CREDITS.get(spec.id),
            )
            for spec in (documents.MEASURES, documents.INDICATORS, documents.OUTCOMES)
        ]
        record = catalog.record(
            base_url(request),
            settings.publisher,
            settings.contact_email,
            settings.license_url,
            described,
        )
        return json_response(record, documents.JSONLD)

    def collections(self, request: Request) -> Response:
        query = read_query(_params(request), DOCUMENT_KEYS)
        base = base_url(request)
        described = [self._describe(spec.id, base, query.lang) for spec in documents.COLLECTIONS]
        return json_response(documents.collections(base, query.lang, described))

    def collection(self, request: Request) -> Response:
        query = read_query(_params(request), DOCUMENT_KEYS)
        spec_id = self._spec(request).id
        return json_response(self._describe(spec_id, base_url(request), query.lang))

    # --- features --------------------------------------------------------------------------

    def items(self, request: Request) -> Response:
        spec = self._spec(request)
        params = _params(request)
        query = read_query(params, spec.keys)
        places = self.source.places()
        version = None
        if spec is documents.MEASURES:
            published = self.source.measures(query.version)
            flt = read_filter(params, published.known, query.lang)
            picked = rows.pick_measures(published, flt, query, places)
            page = rows.measure_page(picked, query, places)
            version = published.version
        elif spec is documents.INDICATORS:
            indicators = self.source.indicators(query.version)
            wanted = read_filter(params, Known(places), query.lang).places
            picked = rows.pick_indicators(indicators, wanted, query, places)
            page = rows.indicator_page(indicators, picked, query, places)
            version = indicators.version
        elif spec is documents.OUTCOMES:
            outcomes = self.source.outcomes(query.version)
            areas = self.source.areas()
            picked = rows.pick_outcomes(outcomes, self._outcome_filter(params, query), query, areas)
            page = rows.outcome_page(picked, query, areas)
            version = outcomes.version
        else:
            wanted = read_filter(params, Known(places), query.lang).places
            page = rows.place_page(rows.pick_places(places, wanted, query), query)
        items_url = f"{base_url(request)}collections/{spec.id}/items"
        given = request.query_params.multi_items()
        document = documents.feature_page(
            page.features, page.matched, query, items_url, given, version
        )
        return json_response(document, GEOJSON)

    def item(self, request: Request) -> Response:
        spec = self._spec(request)
        feature_id = request.path_params["feature"]
        query = read_query(_params(request), spec.keys)  # all but version leave one item be
        places = self.source.places()
        version = None
        if spec is documents.MEASURES:
            published = self.source.measures(query.version)
            found = rows.measure_feature(published, feature_id, places)
            version = published.version
        elif spec is documents.INDICATORS:
            indicators = self.source.indicators(query.version)
            found = rows.indicator_feature(indicators, feature_id, places)
            version = indicators.version
        elif spec is documents.OUTCOMES:
            outcomes = self.source.outcomes(query.version)
            found = rows.outcome_feature(outcomes, feature_id, self.source.areas())
            version = outcomes.version
        else:
            frame = places.frame[places.frame["id"] == feature_id]
            found = rows.place_features(frame)[0] if not frame.empty else None
        if found is None:
            raise NotFound(say("no_feature", query.lang, collection=spec.id, feature=feature_id))
        url = f"{base_url(request)}collections/{spec.id}/items/{feature_id}"
        return json_response(documents.feature(found, url, query.lang, version), GEOJSON)

    def file(self, request: Request) -> Response:
        """Every row a request picks, as a file (no paging)."""
        name = request.path_params["name"]
        if name not in FILES:
            raise NotFound(
                say("not_found", lang_of(request), path=request.url.path, base=base_url(request))
            )
        collection, media_type = FILES[name]
        params = _params(request)
        places = self.source.places()
        if collection == "indicators":
            query = read_query(params, FILE_KEYS[collection])
            indicators = self.source.indicators(query.version)
            wanted = read_filter(params, Known(places), query.lang).places
            picked = rows.pick_indicators(indicators, wanted, query, places)
            body = export.table_csv(picked[list(ind.INDICATOR_CONTRACT.names)].fillna(""))
        elif collection == "outcomes":
            query = read_query(params, FILE_KEYS[collection])
            outcomes = self.source.outcomes(query.version)
            wanted = self._outcome_filter(params, query)
            picked = rows.pick_outcomes(outcomes, wanted, query, self.source.areas())
            body = export.table_csv(contract_rows(picked))
        else:
            query = read_query(params, FILE_KEYS[collection])
            published = self.source.measures(query.version)
            flt = read_filter(params, published.known, query.lang)
            picked = rows.pick_measures(published, flt, query, places)
            fmt = {"measures.csv": "csv", "measures.geojson": "geojson"}.get(name, "gpkg")
            body = export.measures_file(picked, places, fmt)  # type: ignore[arg-type]
        disposition = f'attachment; filename="trygghetskartan-{name}"'
        return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})

    # --- helpers ---------------------------------------------------------------------------

    def _spec(self, request: Request) -> documents.CollectionSpec:
        collection = request.path_params["collection"]
        if collection not in BY_ID:
            names = ", ".join(BY_ID)
            raise NotFound(
                say("no_collection", lang_of(request), collection=collection, collections=names)
            )
        return BY_ID[collection]

    def _outcome_filter(self, params: Params, query: Query) -> rows.OutcomeFilter:
        """The outcome series' filters of a request: areas and indicators by id, places as
        the map's URL names them."""
        lang, known = query.lang, Known(self.source.places())
        readers: dict[str, Callable[[], tuple[str, ...]]] = {
            "areas": lambda: read_ids(params, "area", self.source.areas().ids(), lang),
            "indicators": lambda: read_ids(params, "indicator", series_indicators(), lang),
            "places": lambda: read_filter(params, known, lang).places,
        }
        read: dict[str, tuple[str, ...]] = {}
        problems: list[Problem] = []
        for name, reader in readers.items():  # every problem at once
            try:
                read[name] = reader()
            except BadRequest as error:
                problems.extend(error.problems)
        if problems:
            raise BadRequest(problems)
        return rows.OutcomeFilter(**read)

    def _describe(self, spec_id: str, base: str, lang: Lang) -> dict:
        spec = BY_ID[spec_id]
        version = self._current(spec_id) if spec.versioned else None
        return documents.collection(spec, base, lang, self._extent(spec_id), version)

    def _current(self, spec_id: str) -> Version | None:
        try:
            return self.source.version(DATASETS[spec_id], None)
        except NoVersion:
            return None

    def _first(self, spec_id: str) -> Version | None:
        versions = self.source.versions(DATASETS[spec_id])
        return versions[-1] if versions else None

    def _extent(self, spec_id: str) -> Extent:
        """A collection's bounds (the places', the areas' for the outcome series) and, for
        the versioned ones, the days the version in force spans."""
        shapes = self.source.areas() if spec_id == "outcomes" else self.source.places()
        bbox = tuple(float(b) for b in shapes.frame.total_bounds)
        days = None
        try:
            if spec_id == "measures":
                days = self.source.measures().days
            elif spec_id == "indicators":
                days = self.source.indicators().days
            elif spec_id == "outcomes":
                days = self.source.outcomes().days
        except NoVersion:
            pass
        return Extent(bbox, *(days or (None, None)))  # type: ignore[arg-type]


KEYWORDS = {
    "measures": (
        ("trygghet", "trygghetsskapande åtgärder", "brottsförebyggande", "platssamverkan"),
        ("safety", "crime prevention", "place-based collaboration"),
    ),
    "indicators": (
        ("trygghet", "anmälda brott", "trygghetsmätning", "lägesbild"),
        ("safety", "reported crime", "safety survey", "situation"),
    ),
    "outcomes": (
        ("anmälda brott", "kriminalstatistik", "uppföljning", "kommun", "stadsdelsområde"),
        ("reported crime", "crime statistics", "follow-up", "municipality", "city district"),
    ),
}
# Who made a dataset the product only passes on (``catalog.Credit``): Brå's official
# statistics, which Brå lets anyone reuse freely, citing "Källa: Brå" (sources/outcomes).
CREDITS = {
    "outcomes": catalog.Credit(
        "Brottsförebyggande rådet (Brå)",
        "https://bra.se/",
        (
            "Brås officiella statistik över anmälda brott, ur Statistik On-Line (SOL), "
            "oförändrad; Brås statistik får användas fritt. Källa: Brå.",
            "Brå's official statistics of reported crimes, from Statistik On-Line (SOL), "
            "unchanged; Brå's statistics may be reused freely. Source: Brå.",
        ),
    )
}
