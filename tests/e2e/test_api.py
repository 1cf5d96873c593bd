"""The API on a running server, over real HTTP: started by ``streamlit run app.py`` beside the
app, every parameter, paging, bad input, versions, read-only and CORS, files, the catalogue
record, and never anything unpublished; the measures, and the outcome series too."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import signal
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import geopandas as gpd
import pytest

from safetymap.config import get_settings
from safetymap.intake.areas import load_areas
from safetymap.intake.outcomes import contract_rows, load_outcomes
from safetymap.intake.places import Places
from safetymap.selection.filters import MeasureFilter, during, meeting_box
from safetymap.selection.timeline import recorded_changes
from safetymap.versions import publishing
from safetymap.versions.store import OUTCOMES, Store
from tests.conftest import ROOT, csv_bytes
from tests.e2e.analyst import SHIPPED, read_rows, write_rows
from tests.e2e.http import all_features, fetch, get_json
from tools.appserver import start_app

# The shipped indicators file's rows (what the version seeded from it holds).
with (ROOT / "indicators.csv").open(encoding="utf-8") as _file:
    SHIPPED_INDICATORS = sum(1 for _ in csv.DictReader(_file))

CHANGED = "kista-platssamverkan-busstorg"  # ongoing in version 1, completed in version 2
REMOVED = "valsta-riskomrade"
ADDED = {
    "id": "kista-ny-kamera-2026",
    "title": "Ny kamera vid busstorget",
    "place": "kista-busstorg",
    "kind": "measure",
    "measure_type": "cameras",
    "actors": "Polisen",
    "status": "planned",
    "start_date": "2026-09",
    "lat": "59.4037",
    "lon": "17.9421",
    "source": "Testets källa",
    "source_quote": "En ny kamera sätts upp.",
}
UNPUBLISHED = "finns-bara-i-filen"
# Outcome series: version 1 the shipped file, version 2 with one value changed and one row
# removed; the file on disk holds a row never published.
OUTCOME_CHANGED = "kommun-0123.reported_crimes_total.2019-Q2"
OUTCOME_REMOVED = "kommun-0191.reported_crimes_total.2019"
OUTCOME_UNPUBLISHED = ("kommun-0123", "reported_crimes_total", "2014")


def _outcome_id(row: dict[str, str]) -> str:
    return f"{row['area']}.{row['indicator']}.{row['period']}"


def _publish_outcomes(folder: Path, store_url: str, places: Places) -> tuple[list[dict], Path]:
    """Seed the outcomes' store from the shipped file and publish version 2; the rows of
    version 2 (as strings) and a file with a row never published."""
    areas = load_areas(places, ROOT / "geodata" / "areas.geojson")
    shipped = load_outcomes(ROOT / "outcomes.csv", areas)
    store = Store(store_url, OUTCOMES)
    publishing.seed_outcomes(store, shipped, ROOT / "outcomes.csv")
    rows = contract_rows(shipped.table).to_dict("records")
    rows = [r for r in rows if _outcome_id(r) != OUTCOME_REMOVED]
    for row in rows:
        if _outcome_id(row) == OUTCOME_CHANGED:
            row["value"] = "1234"
    checked = publishing.check_outcomes(store, csv_bytes(rows), "brå-v2.csv", areas)
    publishing.publish(store, checked, by="Testaren")
    store.close()
    area, indicator, period = OUTCOME_UNPUBLISHED
    extra = {**rows[0], "area": area, "indicator": indicator, "period": period, "value": "1"}
    extra["source"] = "Brå, Statistik On-Line: anmälda brott per kommun och år"
    unpublished = folder / "outcomes.csv"
    unpublished.write_bytes(csv_bytes([*rows, extra]))
    return rows, unpublished


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, places: Places) -> Iterator[dict]:
    """A server whose store holds version 1 (the shipped data) and version 2 (one row
    removed, one added, one status changed), and whose measures file holds a row that was
    never published."""
    folder = tmp_path_factory.mktemp("api")
    store = Store(f"sqlite:///{folder / 'store.db'}")
    publishing.seed(store, SHIPPED, places)
    rows = [r for r in read_rows() if r["id"] != REMOVED]
    for row in rows:
        if row["id"] == CHANGED:
            row.update(status="completed", status_date="2026-01-15", end_date="2026-01")
    rows.append({key: ADDED.get(key, "") for key in rows[0]})
    checked = publishing.check(store, csv_bytes(rows), "v2.csv", places)
    publishing.publish(store, checked, by="Testaren")
    store.close()
    unpublished = write_rows(
        folder / "file.csv", [*read_rows(), {**read_rows()[0], "id": UNPUBLISHED}]
    )
    outcomes, outcomes_file = _publish_outcomes(folder, store.url, places)
    env = {
        "SAFETYMAP_DB": str(folder / "store.db"),
        "SAFETYMAP_MEASURES": str(unpublished),
        "SAFETYMAP_OUTCOMES": str(outcomes_file),
    }
    with start_app(env) as url:
        yield {
            "url": url,
            "api": url + "api/",
            "db": folder / "store.db",
            "rows": rows,
            "outcomes": outcomes,
        }


def _version(served: dict, number: int, places: Places):
    store = Store(get_settings({"SAFETYMAP_DB": str(served["db"])}).store_url)
    try:
        measures = publishing.version_measures(store, store.version(number), places).measures
        recorded = recorded_changes(e for e in store.events() if e.version <= number)
        return measures, recorded, store.versions()
    finally:
        store.close()


def _items(served: dict, **params: str | list[str]) -> str:
    return served["api"] + "collections/measures/items?" + urlencode(params, doseq=True)


def test_the_api_is_served_beside_the_app_by_the_same_command(served: dict) -> None:
    assert fetch(served["url"]).media_type == "text/html"  # the app's page
    assert fetch(served["url"] + "_stcore/health").body == b"ok"
    landing = fetch(served["api"])
    assert landing.status == 200 and landing.media_type == "application/json"
    rels = {link["rel"] for link in landing.json()["links"]}
    assert {"self", "service-desc", "conformance", "data", "describedby"} <= rels
    moved = fetch(served["url"] + "api")
    assert moved.status == 200 and moved.json() == landing.json()  # /api → /api/


def test_conformance_collections_and_definition(served: dict) -> None:
    classes = get_json(served["api"] + "conformance")["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in classes
    collections = get_json(served["api"] + "collections")["collections"]
    assert [c["id"] for c in collections] == ["measures", "indicators", "outcomes", "places"]
    measures = get_json(served["api"] + "collections/measures")
    assert measures["version"]["number"] == 2
    definition = fetch(served["api"] + "openapi")
    assert definition.media_type == "application/vnd.oai.openapi+json"
    assert "/collections/measures/items" in definition.json()["paths"]
    assert "/collections/outcomes/items/{featureId}" in definition.json()["paths"]


def test_paging_through_the_next_links_gives_every_row_once(served: dict) -> None:
    features, pages = all_features(_items(served, limit="7"))
    expected = [r["id"] for r in served["rows"]]
    assert [f["id"] for f in features] == expected
    assert {p["numberMatched"] for p in pages} == {len(expected)}
    assert [p["numberReturned"] for p in pages] == [7] * (len(expected) // 7) + [len(expected) % 7]
    last = pages[-1]
    rels = {link["rel"]: link["href"] for link in last["links"]}
    assert "next" not in rels and "offset=" in rels["prev"]
    assert get_json(rels["prev"])["features"][0]["id"] == expected[-(len(expected) % 7) - 7]


def test_a_page_larger_than_the_cap_is_lowered_to_it(served: dict) -> None:
    page = get_json(_items(served, limit="100000"))
    self_link = next(link["href"] for link in page["links"] if link["rel"] == "self")
    assert "limit=1000" in self_link and page["numberReturned"] == len(served["rows"])


FILTERS = [
    {"place": "kista"},
    {"place": ["klara", "valsta"], "kind": "condition"},
    {"actor": "Polisen"},
    {"type": ["cameras", "lighting"]},
    {"status": "completed", "year_from": "2020", "year_to": "2022"},
    {"as_of": "2020-06-30", "status": "ongoing"},
    {"q": "kamera"},
    {"q": "väktare", "place": "jakobsberg"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: urlencode(p, doseq=True))
def test_the_filter_names_mean_what_they_mean_on_the_map(served: dict, places, params) -> None:
    measures, recorded, _ = _version(served, 2, places)
    flt = MeasureFilter(
        places=tuple(_list(params.get("place"))),
        actors=tuple(_list(params.get("actor"))),
        types=tuple(_list(params.get("type"))),
        statuses=tuple(_list(params.get("status"))),
        kinds=tuple(_list(params.get("kind"))),
        year_from=int(params["year_from"]) if "year_from" in params else None,
        year_to=int(params["year_to"]) if "year_to" in params else None,
        as_of=date.fromisoformat(params["as_of"]) if "as_of" in params else None,
        query=params.get("q", ""),
    )
    expected = list(flt.apply(measures, places, recorded)["id"])
    features, _ = all_features(_items(served, limit="20", **params))
    assert [f["id"] for f in features] == expected and expected


def _list(value: str | list[str] | None) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else value


def test_as_of_serves_the_status_on_that_day(served: dict) -> None:
    features = get_json(_items(served, as_of="2025-12-31", place="kista-busstorg"))["features"]
    assert {f["id"]: f["properties"]["status"] for f in features}[CHANGED] == "ongoing"
    now = get_json(served["api"] + f"collections/measures/items/{CHANGED}")
    assert now["properties"]["status"] == "completed"


def test_bbox_and_datetime_pick_by_geometry_as_shown_and_by_dates(served, places) -> None:
    measures, _, _ = _version(served, 2, places)
    box = (17.9418, 59.4035, 17.9424, 59.4039)  # inside Kista busstorg
    expected = list(meeting_box(measures, places, box)["id"])
    got = get_json(_items(served, bbox=",".join(map(str, box)), limit="1000"))["features"]
    assert [f["id"] for f in got] == expected and ADDED["id"] in expected
    assert {f["properties"]["geometry_of"] for f in got} == {"measure", "place"}
    period = (date(2019, 1, 1), date(2019, 12, 31))
    expected = list(during(measures, *period, date.today())["id"])
    got = get_json(_items(served, datetime="2019-01-01/2019-12-31", limit="1000"))["features"]
    assert [f["id"] for f in got] == expected and 0 < len(expected) < len(measures)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("place=mars", "place"),
        ("status=klar", "status"),
        ("year_from=2099", "year_from"),
        ("limit=0", "limit"),
        ("offset=-3", "offset"),
        ("bbox=17.9,59.3", "bbox"),
        ("datetime=yesterday", "datetime"),
        ("version=99", "version"),
        ("zoom=14", "zoom"),
        ("lang=fr", "lang"),
        ("q=a&q=b", "q"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it_in_json(served: dict, query: str, parameter) -> None:
    answer = fetch(served["api"] + "collections/measures/items?" + query)
    assert answer.status == 400 and answer.media_type == "application/json"
    body = answer.json()
    assert body["code"] == "InvalidParameterValue" and body["parameter"] == parameter
    assert parameter in body["description"]


def test_an_earlier_version_is_served_when_asked_for(served: dict) -> None:
    first = get_json(_items(served, version="1", limit="1000"))
    ids = {f["id"] for f in first["features"]}
    assert first["version"]["number"] == 1 and len(ids) == len(read_rows())
    assert REMOVED in ids and ADDED["id"] not in ids
    current = get_json(_items(served, limit="1000"))
    assert current["version"]["number"] == 2 and REMOVED not in {
        f["id"] for f in current["features"]
    }
    old = get_json(served["api"] + f"collections/measures/items/{CHANGED}?version=1")
    assert old["properties"]["status"] == "ongoing"
    gone = fetch(served["api"] + f"collections/measures/items/{REMOVED}")
    assert gone.status == 404 and REMOVED in gone.json()["description"]
    unknown = fetch(served["api"] + "collections/measures/items?version=9&lang=en").json()
    assert unknown["description"] == "There is no version 9 of measures; published: 1, 2."


def test_one_feature_carries_its_source_quote_and_its_own_point(served: dict) -> None:
    answer = fetch(served["api"] + f"collections/measures/items/{ADDED['id']}")
    assert answer.status == 200 and answer.media_type == "application/geo+json"
    feature = answer.json()
    assert feature["geometry"] == {"type": "Point", "coordinates": [17.9421, 59.4037]}
    assert feature["properties"]["source_quote"] == ADDED["source_quote"]
    assert feature["properties"]["geometry_of"] == "measure"
    area = get_json(served["api"] + f"collections/measures/items/{CHANGED}")
    assert area["geometry"]["type"] == "Polygon" and area["properties"]["geometry_of"] == "place"


def test_indicators_and_places_are_collections_too(served: dict) -> None:
    indicators, _ = all_features(served["api"] + "collections/indicators/items?limit=5")
    assert len(indicators) == SHIPPED_INDICATORS
    klara = get_json(served["api"] + "collections/indicators/items?place=klara")["features"]
    assert klara and {f["properties"]["place"] for f in klara} <= {"klara", "sergels-torg"}
    one = get_json(served["api"] + "collections/indicators/items/klara.reported_crimes.2018")
    assert one["properties"]["value"] == "14261"
    places = get_json(served["api"] + "collections/places/items")["features"]
    assert (
        len(places) == 8
        and get_json(served["api"] + "collections/places/items/kista")["id"] == "kista"
    )
    refused = fetch(served["api"] + "collections/places/items?status=ongoing")
    assert refused.status == 400 and refused.json()["parameter"] == "status"
    jakobsberg = get_json(served["api"] + "collections/places/items?place=jakobsberg")
    assert [f["id"] for f in jakobsberg["features"]] == ["jakobsberg", "jakobsberg-station"]


def test_a_filtered_url_serves_its_documents_too(served: dict) -> None:
    # GDAL adds the query of the URL it is given to every request it makes.
    for path in ("", "conformance", "collections", "collections/measures", "openapi"):
        assert fetch(served["api"] + path + "?place=kista&status=ongoing").status == 200, path
        assert fetch(served["api"] + path + "?area=kommun-0123&indicator=x").status == 200, path
    assert fetch(served["api"] + "collections?zoom=3").status == 400


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_nothing_can_be_written_through_the_api(served: dict, places, method: str) -> None:
    before = len(_version(served, 2, places)[2])
    for path in ("", "collections/measures/items", f"collections/measures/items/{CHANGED}"):
        answer = fetch(served["api"] + path, method=method, data=b'{"status": "cancelled"}',
                       headers={"Content-Type": "application/json"})  # fmt: skip
        assert answer.status == 405 and answer.json()["code"] == "MethodNotAllowed"
        assert answer.headers["allow"] == "GET, HEAD, OPTIONS"
    assert len(_version(served, 2, places)[2]) == before


def test_cors_is_open_for_reading_only(served: dict) -> None:
    origin = {"Origin": "https://gis.kommun.example"}
    answer = fetch(_items(served, limit="1"), headers=origin)
    assert answer.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-credentials" not in answer.headers
    preflight = fetch(
        served["api"] + "collections",
        method="OPTIONS",
        headers={**origin, "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status == 204
    assert preflight.headers["access-control-allow-methods"] == "GET, HEAD, OPTIONS"
    assert preflight.headers["access-control-allow-origin"] == "*"


def test_head_answers_without_a_body(served: dict) -> None:
    answer = fetch(_items(served, limit="3"), method="HEAD")
    assert answer.status == 200 and answer.body == b""
    assert answer.media_type == "application/geo+json"


def test_a_client_that_takes_gzip_gets_it(served: dict) -> None:
    url = _items(served, limit="50")
    plain = fetch(url)
    packed = fetch(url, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip"
    assert len(packed.body) < len(plain.body) / 3
    assert json.loads(gzip.decompress(packed.body))["features"] == plain.json()["features"]


def _workers(db: Path) -> list[int]:
    """The API worker processes serving the store at ``db``."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes()
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if b"safetymap.api.worker" in command and f"SAFETYMAP_DB={db}".encode() in environ:
            found.append(int(proc.name))
    return found


def test_a_worker_that_dies_is_replaced_without_the_client_noticing(served: dict) -> None:
    fetch(served["api"] + "collections")
    (worker,) = _workers(served["db"])
    os.kill(worker, signal.SIGKILL)
    answer = fetch(_items(served, limit="1"))
    assert answer.status == 200 and answer.json()["numberReturned"] == 1
    (replaced,) = _workers(served["db"])
    assert replaced != worker


def test_an_unknown_path_or_collection_is_a_404_in_json(served: dict) -> None:
    for path in ("nothing", "collections/nothing", "collections/nothing/items", "files/x.csv"):
        answer = fetch(served["api"] + path)
        assert answer.status == 404 and answer.json()["code"] == "NotFound", path


def test_the_files_hold_every_row_of_the_selection(served: dict, tmp_path: Path) -> None:
    count = len(served["rows"])
    csv_file = fetch(served["api"] + "files/measures.csv")
    assert csv_file.media_type == "text/csv"
    assert "attachment" in csv_file.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(csv_file.body.decode("utf-8-sig")), delimiter=";"))
    assert [r["id"] for r in table] == [r["id"] for r in served["rows"]]
    geojson = json.loads(fetch(served["api"] + "files/measures.geojson?place=kista").body)
    kista = get_json(_items(served, place="kista", limit="1000"))
    assert len(geojson["features"]) == kista["numberMatched"] < count
    path = tmp_path / "m.gpkg"
    path.write_bytes(fetch(served["api"] + "files/measures.gpkg").body)
    frame = gpd.read_file(path, layer="measures")
    assert len(frame) == count and frame.geometry.notna().all()
    indicators = fetch(served["api"] + "files/indicators.csv").body.decode("utf-8-sig")
    assert len(indicators.strip().splitlines()) == 1 + SHIPPED_INDICATORS


def test_nothing_unpublished_is_ever_served(served: dict) -> None:
    features, _ = all_features(_items(served, limit="1000", version="1"))
    bodies = [
        json.dumps(features),
        json.dumps(get_json(_items(served, limit="1000"))),
        fetch(served["api"] + "files/measures.csv").body.decode("utf-8-sig"),
        fetch(served["api"] + "files/measures.geojson").body.decode(),
    ]
    assert not any(UNPUBLISHED in body for body in bodies)
    area, indicator, period = OUTCOME_UNPUBLISHED
    outcomes = get_json(_outcomes(served, area=area, indicator=indicator, limit="1000"))
    assert period not in {f["properties"]["period"] for f in outcomes["features"]}
    table = fetch(served["api"] + "files/outcomes.csv").body.decode("utf-8-sig")
    assert f"{area};{indicator};{period};" not in table


def test_the_catalogue_record_describes_the_version_in_force(served: dict, places) -> None:
    answer = fetch(served["api"] + "catalog.jsonld")
    assert answer.media_type == "application/ld+json"
    nodes = {node["@id"]: node for node in answer.json()["@graph"]}
    dataset = nodes[served["api"] + "collections/measures"]
    versions = _version(served, 2, places)[2]
    published = versions[0].published_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert dataset["dcterms:modified"]["@value"] == published
    assert dataset["owl:versionInfo"] == "2"
    outcomes = nodes[served["api"] + "collections/outcomes"]
    assert outcomes["owl:versionInfo"] == "2"
    assert nodes[outcomes["dcterms:creator"]["@id"]]["foaf:name"] == (
        "Brottsförebyggande rådet (Brå)"
    )
    for ref in [*dataset["dcat:distribution"], *outcomes["dcat:distribution"]]:
        distribution = nodes[ref["@id"]]
        url = distribution.get("dcat:downloadURL", distribution["dcat:accessURL"])["@id"]
        assert fetch(url).status == 200, url


def test_nothing_is_served_before_a_first_version(tmp_path: Path) -> None:
    invalid = write_rows(tmp_path / "bad.csv", [{**read_rows()[0], "status": "klar"}])
    with start_app({"SAFETYMAP_MEASURES": str(invalid)}) as url:
        answer = fetch(url + "api/collections/measures/items")
        assert answer.status == 503 and answer.json()["code"] == "NoPublishedVersion"
        assert fetch(url + "api/").status == 200
        measures = get_json(url + "api/collections/measures")
        assert measures["version"] is None


# --- the outcome series ------------------------------------------------------------------------


def _outcomes(served: dict, **params: str | list[str]) -> str:
    return served["api"] + "collections/outcomes/items?" + urlencode(params, doseq=True)


def test_paging_through_the_outcomes_gives_every_row_of_the_version_once(served: dict) -> None:
    features, pages = all_features(_outcomes(served, limit="1000"))
    expected = [_outcome_id(r) for r in served["outcomes"]]
    assert [f["id"] for f in features] == expected and len(expected) == 3599
    assert [p["numberReturned"] for p in pages] == [1000, 1000, 1000, 599]
    assert {p["version"]["number"] for p in pages} == {2}
    assert {f["properties"]["geometry_of"] for f in features} == {"area"}
    assert {f["geometry"]["type"] for f in features} == {"Polygon"}


def test_one_outcome_by_its_id_in_force_and_in_an_earlier_version(served: dict) -> None:
    url = served["api"] + f"collections/outcomes/items/{OUTCOME_CHANGED}"
    answer = fetch(url)
    assert answer.status == 200 and answer.media_type == "application/geo+json"
    now = answer.json()
    assert now["properties"]["value"] == 1234 and now["version"]["number"] == 2
    assert now["properties"]["area_name"] == "Järfälla kommun"
    assert now["properties"]["source"].startswith("Brå") and now["properties"]["source_ref"]
    assert get_json(url + "?version=1")["properties"]["value"] != 1234
    gone = served["api"] + f"collections/outcomes/items/{OUTCOME_REMOVED}"
    assert fetch(gone).status == 404
    assert get_json(gone + "?version=1")["id"] == OUTCOME_REMOVED
    first = get_json(_outcomes(served, version="1", limit="1"))
    assert first["numberMatched"] == 3600 and first["version"]["number"] == 1


def test_the_outcomes_filters_pick_by_area_indicator_and_place(served: dict) -> None:
    rows = served["outcomes"]
    picked = get_json(
        _outcomes(served, area=["sdo-norrmalm", "kommun-0191"],
                  indicator="reported_crimes_person", limit="1000")
    )["features"]  # fmt: skip
    assert [f["id"] for f in picked] == [
        _outcome_id(r)
        for r in rows
        if r["area"] in ("sdo-norrmalm", "kommun-0191")
        and r["indicator"] == "reported_crimes_person"
    ]
    assert {f["properties"]["area"] for f in picked} == {"sdo-norrmalm", "kommun-0191"}
    kista, _ = all_features(_outcomes(served, place="kista", limit="1000"))
    assert [f["id"] for f in kista] == [
        _outcome_id(r) for r in rows if r["area"] in ("kommun-0180", "sdo-rinkeby-kista")
    ]


def test_bbox_and_datetime_meet_an_outcomes_area_and_period(served: dict, places) -> None:
    west, south, east, north = places.frame.geometry["jakobsberg-station"].bounds
    boxed, _ = all_features(_outcomes(served, bbox=f"{west},{south},{east},{north}", limit="1000"))
    assert {f["properties"]["area"] for f in boxed} == {"kommun-0123"}
    spring = get_json(
        _outcomes(served, area="kommun-0123", indicator="reported_crimes_total",
                  datetime="2021-05-01/2021-05-31")
    )["features"]  # fmt: skip
    assert sorted(f["properties"]["period"] for f in spring) == ["2021", "2021-Q2"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("area=mars", "area"),
        ("area=J%C3%A4rf%C3%A4lla", "area"),  # a name: the ids only
        ("indicator=reported_crimes_everything", "indicator"),
        ("place=mars", "place"),
        ("status=ongoing", "status"),
        ("version=9", "version"),
        ("datetime=2021", "datetime"),
        ("limit=0", "limit"),
    ],
)
def test_a_bad_outcomes_parameter_is_a_400_naming_it(served: dict, query: str, parameter) -> None:
    answer = fetch(served["api"] + "collections/outcomes/items?" + query)
    assert answer.status == 400 and answer.media_type == "application/json"
    body = answer.json()
    assert body["code"] == "InvalidParameterValue" and body["parameter"] == parameter
    assert parameter in body["description"]


def test_the_outcomes_file_holds_every_row_of_the_selection(served: dict) -> None:
    answer = fetch(served["api"] + "files/outcomes.csv?place=jakobsberg")
    assert answer.media_type == "text/csv" and "attachment" in answer.headers["content-disposition"]
    table = list(csv.DictReader(io.StringIO(answer.body.decode("utf-8-sig")), delimiter=";"))
    expected = [r for r in served["outcomes"] if r["area"] == "kommun-0123"]
    assert table == expected
    everything = fetch(served["api"] + "files/outcomes.csv?version=1").body.decode("utf-8-sig")
    assert len(everything.strip().splitlines()) == 3601
