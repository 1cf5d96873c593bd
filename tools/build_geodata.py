"""Build geodata/places.geojson, geodata/context.geojson and geodata/areas.geojson from the
reference geodata.

Run once by a developer when the reference polygons change:

    python tools/build_geodata.py ../shared/geodata

The product never reads the reference folder at run time; it reads only what this
script writes into geodata/. Geometry is simplified in SWEREF 99 TM (metres) and
rounded to 6 decimals (places) or 5 decimals (context) in WGS84.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import mapping

METRIC_CRS = "EPSG:3006"
OUT = Path(__file__).resolve().parent.parent / "geodata"

REGSO_SOURCE = (
    "SCB, Regionala statistikområden (RegSO) 2025, version 2025_v2, referensdatum 2025-01-01"
)
REGSO_LICENSE = "SCB öppna data (CC0 enligt SCB:s villkor för öppna data)"
OURS_LICENSE = "CC0-1.0"
FOCUS_SOURCE = (
    "Trygghetskartan: ungefärligt fokusområde ritat som buffert kring namngivna punkter "
    "(OpenStreetMap-/Wikipedia-koordinater, se geodata/README.md)"
)

PLACES = [
    # id, name, parent, municipality, kommun code, regso code or None, aliases, note
    (
        "kista",
        "Kista",
        None,
        "Stockholm",
        "0180",
        "0180R046",
        ["Kista stadsdel"],
        "RegSO Kista (0180R046).",
    ),
    (
        "kista-busstorg",
        "Kista busstorg",
        "kista",
        "Stockholm",
        "0180",
        None,
        ["Kista bussterminal", "busstorget"],
        "Ungefärligt: 60 m buffert kring busstorget vid Kista tunnelbanestations norra uppgång.",
    ),
    (
        "klara",
        "Klara",
        None,
        "Stockholm",
        "0180",
        "0180R047",
        ["Klaraområdet", "Klara-Jacob", "Klara / Sergels torg"],
        "RegSO Klara-Jacob (0180R047), det officiella område som ligger närmast Klara; "
        "det omfattar även Jakob/Kungsträdgården öster om Klara.",
    ),
    (
        "sergels-torg",
        "Sergels torg",
        "klara",
        "Stockholm",
        "0180",
        None,
        ["Plattan", "Sergelstorg"],
        "Ungefärligt: 70 m buffert kring torgets mitt (Plattan).",
    ),
    (
        "jakobsberg",
        "Jakobsberg",
        None,
        "Järfälla",
        "0123",
        "0123R005",
        ["Centrala Jakobsberg"],
        "RegSO Centrala Jakobsberg (0123R005) utökat med fokusområdet kring stationen: "
        "stationen ligger på järnvägen, 16 m väster om RegSO-gränsen.",
    ),
    (
        "jakobsberg-station",
        "Jakobsbergs stationsområde",
        "jakobsberg",
        "Järfälla",
        "0123",
        None,
        [
            "Jakobsberg station",
            "Jakobsbergs station",
            "stationsområdet i Jakobsberg",
            "Jakobsberg stationsområde",
        ],
        "Ungefärligt: 120 m buffert kring sträckan mellan pendeltågsstationen och "
        "Jakobsbergs centrums utedel.",
    ),
    (
        "valsta",
        "Valsta",
        None,
        "Sigtuna",
        "0191",
        "0191R005",
        ["Centrala Valsta", "Valstaområdet"],
        "RegSO Centrala Valsta (0191R005) utökat med fokusområdet Valsta centrum. Hela Valsta "
        "(RegSO 0191R005, 018, 021, 024) visas som sammanhang i geodata/context.geojson.",
    ),
    (
        "valsta-centrum",
        "Valsta centrum",
        "valsta",
        "Sigtuna",
        "0191",
        None,
        ["Valsta torg", "Vattentornsparken", "Valsta centrum/torg/Vattentornsparken"],
        "Ungefärligt: 120 m buffert kring Valsta centrum, Valsta torg och Vattentornsparken "
        "(punkter med låg säkerhet, ~250–300 m), klippt mot Centrala Valsta.",
    ),
]

FOCUS_NAME = {
    "kista-busstorg": "Kista busstorg (approx.)",
    "sergels-torg": "Sergels torg (approx.)",
    "jakobsberg-station": "Jakobsberg stationsområde incl. outdoor Jakobsbergs centrum (approx.)",
    "valsta-centrum": "Valsta centrum + Valsta torg + Vattentornsparken (approx.)",
}

KOMMUN_NAMES = {"0180": "Stockholms stad", "0123": "Järfälla kommun", "0191": "Sigtuna kommun"}

STADSDELAR_SOURCE = (
    "Stockholms stad, Stadskarta: stadsdelar (2021-04-13), via GitHub "
    "KTHHealthData/stockholm-stadsdelar"
)
STADSDELAR_LICENSE = "CC0-1.0"
# The wider areas outcome series are counted in (issue #20): the kommuner, and two of
# Stockholm's stadsdelsområden dissolved from their stadsdelar (names as the stadskarta
# writes them).
# id, name, English name, level, kommun code, stadsdelar (None: the kommun), aliases, note
AREAS = [
    (
        "kommun-0180",
        "Stockholms stad",
        "City of Stockholm",
        "kommun",
        "0180",
        None,
        ["Stockholm", "Stockholms kommun", "Stockholm kommun", "0180"],
        "Hela Stockholms kommun (kommunkod 0180), sammanslagen ur RegSO 2025.",
    ),
    (
        "kommun-0123",
        "Järfälla kommun",
        "Järfälla Municipality",
        "kommun",
        "0123",
        None,
        ["Järfälla", "0123"],
        "Hela Järfälla kommun (kommunkod 0123), sammanslagen ur RegSO 2025.",
    ),
    (
        "kommun-0191",
        "Sigtuna kommun",
        "Sigtuna Municipality",
        "kommun",
        "0191",
        None,
        ["Sigtuna", "0191"],
        "Hela Sigtuna kommun (kommunkod 0191), sammanslagen ur RegSO 2025.",
    ),
    (
        "sdo-rinkeby-kista",
        "Rinkeby-Kista stadsdelsområde",
        "Rinkeby-Kista district",
        "stadsdelsomrade",
        "0180",
        ["AKALLA", "HANSTA", "HUSBY", "KISTA", "RINKEBY"],
        [
            "Rinkeby-Kista",
            "Stadsdelsområde Rinkeby-Kista",
            "Stadsdelsområde Rinkeby-Kista (Sthlm)",
        ],
        "Stadsdelarna Akalla, Hansta, Husby, Kista och Rinkeby i Stockholms stad.",
    ),
    (
        "sdo-norrmalm",
        "Norrmalms stadsdelsområde",
        "Norrmalm district",
        "stadsdelsomrade",
        "0180",
        ["NORRMALM", "VASASTADEN", "SKEPPSHOLMEN"],
        ["Norrmalm", "Stadsdelsområde Norrmalm", "Stadsdelsområde Norrmalm (Sthlm)"],
        "Stadsdelarna Norrmalm, Vasastaden och Skeppsholmen i Stockholms stad; den lilla del "
        "av Östermalm vid Roslagstull som också hörde till stadsdelsområdet saknas. "
        "Stadsdelsområdet uppgick den 1 juli 2023 i Norra innerstadens stadsdelsområde.",
    ),
]
# A place lies in an area when at least this share of its polygon does (the outlines come
# from different maps and disagree by metres along shared edges).
INSIDE_SHARE = 0.95
VALSTA_REGSO = ["0191R005", "0191R018", "0191R021", "0191R024"]


def _read(ref: Path, name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(ref / name).to_crs(METRIC_CRS)


def _round(geom: shapely.Geometry, decimals: int) -> shapely.Geometry:
    return shapely.set_precision(geom, 10**-decimals) if decimals else geom


def _to_wgs84(geom: shapely.Geometry, tolerance_m: float, decimals: int) -> shapely.Geometry:
    simple = geom.simplify(tolerance_m, preserve_topology=True)
    wgs = gpd.GeoSeries([simple], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0]
    return shapely.make_valid(_round(wgs, decimals))


def _write(path: Path, features: list[dict]) -> None:
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"{path}: {len(features)} features, {path.stat().st_size / 1024:.0f} KiB")


def build(ref: Path) -> None:
    regso = _read(ref, "regso2025_stockholm_jarfalla_sigtuna.geojson").set_index("regsokod")
    focus = _read(ref, "approximate_focus_areas.geojson").set_index("name")

    geoms: dict[str, shapely.Geometry] = {}
    for pid, *_rest in PLACES:
        if pid in FOCUS_NAME:
            geoms[pid] = focus.geometry[FOCUS_NAME[pid]]
    for pid, _n, _p, _m, _k, code, _a, _note in PLACES:
        if code:
            geoms[pid] = regso.geometry[code]
    # A place is its official polygon united with its focus area, so that every focus area
    # lies inside its place (Jakobsberg station is 16 m outside Centrala Jakobsberg; the
    # Valsta focus area reaches ~100 m past Centrala Valsta).
    for pid, _n, parent, *_rest in PLACES:
        if parent:
            geoms[parent] = shapely.union(geoms[parent], geoms[pid])

    features = []
    for pid, name, parent, municipality, kommun, code, aliases, note in PLACES:
        approximate = code is None
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": pid,
                    "name": name,
                    "parent": parent,
                    "level": "focus_area" if parent else "place",
                    "municipality": municipality,
                    "kommun_code": kommun,
                    "regso_code": code,
                    "aliases": aliases,
                    "approximate": approximate,
                    "note": note,
                    "source": FOCUS_SOURCE if approximate else REGSO_SOURCE,
                    "license": OURS_LICENSE if approximate else REGSO_LICENSE,
                },
                "geometry": mapping(_to_wgs84(geoms[pid], 2.0, 6)),
            }
        )
    _write(OUT / "places.geojson", features)

    context = []
    kommuner = regso.reset_index().dissolve("kommunkod")
    for code, row in kommuner.iterrows():
        context.append(
            _context_feature("kommun", KOMMUN_NAMES[code], code, row.geometry, REGSO_SOURCE, 40.0)
        )
    for code, row in regso.iterrows():
        context.append(
            _context_feature("regso", row["regsonamn"], code, row.geometry, REGSO_SOURCE, 25.0)
        )
    valsta = shapely.union_all(regso.loc[VALSTA_REGSO].geometry.values)
    context.append(
        _context_feature(
            "wider_place",
            "Valsta (alla RegSO med namnet Valsta)",
            "valsta",
            valsta,
            REGSO_SOURCE,
            15.0,
        )
    )
    _write(OUT / "context.geojson", context)
    _write(OUT / "areas.geojson", _areas(ref, kommuner, geoms))


def _areas(
    ref: Path, kommuner: gpd.GeoDataFrame, places: dict[str, shapely.Geometry]
) -> list[dict]:
    """The wider areas, each with the places and focus areas that lie in it."""
    stadsdelar = _read(ref, "stockholm_stadsdelar.geojson").set_index("name")
    features = []
    for aid, name, name_en, level, kommun, parts, aliases, note in AREAS:
        if parts is None:
            geom, source, licence = kommuner.geometry[kommun], REGSO_SOURCE, REGSO_LICENSE
        else:
            geom = shapely.union_all(stadsdelar.loc[parts].geometry.values)
            source, licence = STADSDELAR_SOURCE, STADSDELAR_LICENSE
        inside = [
            pid
            for pid, *_rest in PLACES
            if shapely.intersection(places[pid], geom).area >= INSIDE_SHARE * places[pid].area
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": aid,
                    "name": name,
                    "name_en": name_en,
                    "level": level,
                    "kommun_code": kommun,
                    "aliases": aliases,
                    "places": inside,
                    "approximate": False,
                    "note": note,
                    "source": source,
                    "license": licence,
                },
                "geometry": mapping(_to_wgs84(geom, 10.0, 5)),
            }
        )
    return features


def _context_feature(
    layer: str, name: str, code: str, geom: shapely.Geometry, source: str, tolerance_m: float
) -> dict:
    return {
        "type": "Feature",
        "properties": {
            "layer": layer,
            "name": name,
            "code": code,
            "source": source,
            "license": REGSO_LICENSE,
        },
        "geometry": mapping(_to_wgs84(geom, tolerance_m, 5)),
    }


if __name__ == "__main__":
    build(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/geodata"))
