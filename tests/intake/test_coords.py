"""Numbers with decimal commas, SWEREF 99 points and the Sweden check."""

from __future__ import annotations

import pytest
import shapely

from safetymap.intake.coords import parse_number, resolve_locations, to_wgs84


@pytest.mark.parametrize(
    "text, value",
    [
        ("59,3324", 59.3324),
        ("59.3324", 59.3324),
        ("1 234,5", 1234.5),
        ("1\u00a0234\u00a0567,50", 1234567.5),
        ("1\u202f000", 1000.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1,234,567", 1234567.0),
        ("-12", -12.0),
        ("150000", 150000.0),
        ("1e3", 1000.0),
    ],
)
def test_numbers_as_spreadsheets_write_them(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "12 kr", "1,2,3.4.5", "--1", "59°20′"])
def test_non_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


def _resolve(**cells: str) -> tuple[shapely.Geometry | None, list]:
    geometries, problems = resolve_locations({c: [v] for c, v in cells.items()}, [7])
    return geometries[0], problems


def test_sweref99tm_is_read_as_easting_northing() -> None:
    lons, lats = to_wgs84([674277.4], [6581075.1], "EPSG:3006")
    assert (lats[0], lons[0]) == pytest.approx((59.3324, 18.0637), abs=1e-5)


def test_sweref99_1800_is_read_as_easting_northing() -> None:
    lons, lats = to_wgs84([153625.8], [6579699.5], "EPSG:3011")
    assert (lats[0], lons[0]) == pytest.approx((59.3324, 18.0637), abs=1e-5)


def test_xy_default_to_sweref99tm() -> None:
    point, problems = _resolve(x="674277,4", y="6581075,1")
    assert problems == []
    assert (point.y, point.x) == pytest.approx((59.3324, 18.0637), abs=1e-5)


def test_swapped_xy_is_an_error_that_says_so() -> None:
    point, [problem] = _resolve(x="6581075", y="674277")
    assert point is None and problem.code == "coords_xy_swapped"
    assert "är x östlig koordinat" in problem.message("sv")


def test_xy_outside_the_crs_area_is_an_error() -> None:
    _, [problem] = _resolve(x="50", y="60", crs="EPSG:3006")
    assert problem.code == "coords_outside_crs" and problem.row == 7


def test_unknown_crs_is_an_error() -> None:
    _, [problem] = _resolve(x="1", y="2", crs="EPSG:3857")
    assert (problem.code, problem.column, problem.value) == ("crs_unknown", "crs", "EPSG:3857")


def test_latlon_outside_sweden_is_an_error() -> None:
    _, [problem] = _resolve(lat="48.85", lon="2.35")
    assert problem.code == "coords_outside_sweden"
    assert "utanför Sverige" in problem.message("sv")


def test_swapped_latlon_is_an_error_that_says_so() -> None:
    _, [problem] = _resolve(lat="17.942", lon="59.4037")
    assert problem.code == "coords_latlon_swapped"


def test_half_a_pair_names_the_missing_column() -> None:
    _, [problem] = _resolve(lat="59.4")
    assert (problem.code, problem.column) == ("coords_pair", "lon")


def test_latlon_and_xy_together_are_ambiguous() -> None:
    _, [problem] = _resolve(lat="59.4", lon="17.9", x="674277", y="6581075")
    assert problem.code == "coords_both_kinds"


def test_wkt_line_and_polygon_are_accepted() -> None:
    line, problems = _resolve(geometry="LINESTRING (17.94 59.40, 17.95 59.41)")
    assert problems == [] and line.geom_type == "LineString"
    area, problems = _resolve(
        geometry="POLYGON ((17.94 59.40, 17.95 59.40, 17.95 59.41, 17.94 59.40))"
    )
    assert problems == [] and area.geom_type == "Polygon"


@pytest.mark.parametrize(
    "wkt, code",
    [
        ("POINT (17.9", "geometry_invalid"),
        ("MULTIPOINT ((17.9 59.4), (17.8 59.3))", "geometry_type"),
        (
            "POLYGON ((17.94 59.40, 17.95 59.41, 17.95 59.40, 17.94 59.41, 17.94 59.40))",
            "geometry_topology",
        ),
        ("POINT (2.35 48.85)", "coords_outside_sweden"),
    ],
)
def test_bad_wkt_is_reported(wkt: str, code: str) -> None:
    geometry, [problem] = _resolve(geometry=wkt)
    assert geometry is None and (problem.code, problem.column) == (code, "geometry")


def test_self_intersection_message_gives_the_reason() -> None:
    _, [problem] = _resolve(
        geometry="POLYGON ((17.94 59.40, 17.95 59.41, 17.95 59.40, 17.94 59.41, 17.94 59.40))"
    )
    assert "Self-intersection" in problem.message("en")


# One record of each kind, plain and not: a table of them all must resolve each record
# exactly as it resolves alone (the plain points are read column-wise, the rest one by one).
MIXED = [
    {"lat": "59.4035", "lon": "17.9440"},
    {},
    {"lat": "59,3324", "lon": "18,0637"},
    {"x": "674277.4", "y": "6581075.1"},
    {"lat": "52.52", "lon": "13.40"},
    {"x": "674277.4", "y": "6581075.1", "crs": "SWEREF 99 TM"},
    {"x": "153000", "y": "6580000", "crs": "EPSG:3011"},
    {"x": "6581075.1", "y": "674277.4"},
    {"lat": "18.0637", "lon": "59.3324"},
    {"lat": "59.4035"},
    {"x": "674277.4", "y": "6581075.1", "crs": "Mercator"},
    {"lat": "nan", "lon": "17.9"},
    {"geometry": "POINT (17.944 59.4035)"},
    {"lat": "59.40", "lon": "17.94", "x": "674277", "y": "6581075"},
    {"x": "18.0637", "y": "59.3324", "crs": "WGS84"},
    {"lat": "59.4035", "lon": "17.9440", "crs": "WGS 84"},
]


def test_a_table_resolves_each_record_as_it_would_alone() -> None:
    rows = list(range(2, len(MIXED) + 2))
    names = sorted({name for record in MIXED for name in record})
    columns = {name: [record.get(name, "") for record in MIXED] for name in names}
    geometries, problems = resolve_locations(columns, rows)
    for row, record, geometry in zip(rows, MIXED, geometries):
        alone, alone_problems = resolve_locations({c: [v] for c, v in record.items()}, [row])
        assert (geometry is None) == (alone[0] is None), record
        if geometry is not None:
            assert geometry.equals_exact(alone[0], 1e-9), record
        assert [p for p in problems if p.row == row] == alone_problems, record
    located = [g is not None for g in geometries]
    assert located == [
        True, False, True, True, False, True, True, False,
        False, False, False, False, True, False, True, True,
    ]  # fmt: skip
