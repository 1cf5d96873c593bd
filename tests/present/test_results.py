"""The result list beside the map: grouping, order, labels, truncation and its HTML."""

from __future__ import annotations

import html
import re
import time
from datetime import date
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import pytest

from bench.synthetic import synthetic_csv
from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.loaders import load_measures, read_measures
from safetymap.intake.places import Places
from safetymap.present import results
from safetymap.present.mapping import status_mark
from safetymap.selection.filters import MeasureFilter
from tests.conftest import HOSTILE, ROOT, make_measure, valid_measures, with_hostile_row

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def shipped(places: Places) -> gpd.GeoDataFrame:
    return load_measures(ROOT / "measures.csv", places).measures


@pytest.fixture(scope="module")
def ten_thousand(places: Places) -> gpd.GeoDataFrame:
    loaded = read_measures(synthetic_csv(10_000), "synthetic.csv", places)
    assert loaded.report.ok
    return loaded.measures


def ids(found: results.Results) -> list[str]:
    return [e.id for g in found.groups for e in g.entries]


@pytest.mark.parametrize(
    "flt",
    [
        MeasureFilter(today=TODAY),
        MeasureFilter(places=("klara",), today=TODAY),
        MeasureFilter(query="kamera", today=TODAY),
        MeasureFilter(statuses=("ongoing", "active"), today=TODAY),
        MeasureFilter(query="ingen-sådan-text", today=TODAY),
    ],
    ids=["all", "klara", "kamera", "running", "none"],
)
def test_the_groups_hold_exactly_the_filters_rows(
    shipped: gpd.GeoDataFrame, places: Places, flt: MeasureFilter
) -> None:
    shown = flt.apply(shipped, places)
    found = results.build_results(shown, places, "sv")
    assert sorted(ids(found)) == sorted(shown["id"])
    assert found.total == found.shown == len(shown) == sum(g.total for g in found.groups)
    assert all(g.entries for g in found.groups), "no empty group"
    assert results.count_text(found) == f"{len(shown)} åtgärder och lägesbilder"
    assert results.more_text(found) == ""


def test_a_place_holds_its_focus_areas_and_the_places_keep_their_order(
    shipped: gpd.GeoDataFrame, places: Places
) -> None:
    found = results.build_results(shipped, places, "sv")
    assert [g.place_id for g in found.groups] == places.top_level()
    assert [g.name for g in found.groups] == ["Kista", "Klara", "Jakobsberg", "Valsta"]
    for group in found.groups:
        own = shipped[shipped["place"].isin(places.with_descendants(group.place_id))]
        assert group.total == len(own)
        assert {e.id for e in group.entries} == set(own["id"])


def first_day(row: gpd.GeoSeries) -> date | None:
    for column in ("start_date", "end_date", "status_date"):
        if row[column]:
            return parse_partial_date(row[column]).first
    return None


def test_rows_are_newest_first_with_undated_last(shipped: gpd.GeoDataFrame, places: Places) -> None:
    by_id = shipped.set_index("id")
    for group in results.build_results(shipped, places, "sv").groups:
        days = [first_day(by_id.loc[e.id]) for e in group.entries]
        dated = [d for d in days if d is not None]
        assert days == dated + [None] * (len(days) - len(dated)), group.name
        assert dated == sorted(dated, reverse=True), group.name


def test_rows_of_one_day_are_ordered_by_title(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(id="b", title="beta", start_date="2021"),
        make_measure(id="a", title="Alfa", start_date="2021"),
        make_measure(id="c", title="Gamma", start_date="2022-Q1"),
        make_measure(id="d", title="Delta"),
    )
    (group,) = results.build_results(measures, places, "sv").groups
    assert [e.id for e in group.entries] == ["c", "a", "b", "d"]


def test_labels_follow_the_language(places: Places) -> None:
    measures = valid_measures(
        places,
        make_measure(
            id="q",
            measure_type="cameras",
            status="ongoing",
            start_date="2020-Q1",
            end_date="2021",
            actors="Polisen; Trafikkontoret; Sigtuna kommun",
        ),
    )
    (sv,) = results.build_results(measures, places, "sv").groups[0].entries
    (en,) = results.build_results(measures, places, "en").groups[0].entries
    assert (sv.type_label, sv.status_label, sv.when) == (
        "Kameraövervakning",
        "pågående",
        "kvartal 1 2020 – 2021",
    )
    assert (en.type_label, en.status_label, en.when) == (
        "Camera surveillance",
        "ongoing",
        "Q1 2020 – 2021",
    )
    assert results.actors_text(sv.actors) == f"{sv.actors[0]}, {sv.actors[1]} +1"
    found = results.build_results(measures, places, "en")
    assert results.count_text(found) == "1 measure or condition"


@pytest.mark.parametrize(
    ("sizes", "limit", "given"),
    [
        ([5, 100, 100], 50, [5, 22, 23]),
        ([10, 20], 200, [10, 20]),
        ([300, 300, 300, 300], 200, [50, 50, 50, 50]),
        ([1, 0, 1000], 200, [1, 0, 199]),
        ([], 200, []),
    ],
)
def test_the_limit_is_shared_among_the_places(sizes, limit, given) -> None:
    assert results.quotas(sizes, limit) == given


def test_ten_thousand_rows_are_cut_to_the_limit_quickly(
    ten_thousand: gpd.GeoDataFrame, places: Places
) -> None:
    started = time.perf_counter()
    found = results.build_results(ten_thousand, places, "sv")
    page = results.results_html(found, {"q": ["x"]})
    took = time.perf_counter() - started
    assert found.total == 10_000 and found.shown == results.LIMIT
    assert sum(g.total for g in found.groups) == 10_000
    assert all(len(g.entries) == 50 for g in found.groups), "every place gets its share"
    assert all(g.total > len(g.entries) for g in found.groups)
    assert results.more_text(found) == (
        "Visar 200 av 10\u00a0000 – förfina filtren för att se resten."
    )
    assert page.count("<li>") == results.LIMIT
    assert html.escape(results.more_text(found)) in page
    assert took < 1.0, f"{took:.2f} s for the list of 10 000 rows"


def test_hostile_text_stays_text(places: Places) -> None:
    measures = with_hostile_row(places)
    found = results.build_results(measures, places, "sv")
    (hostile,) = [e for g in found.groups for e in g.entries if e.id == "hostile"]
    assert hostile.title == HOSTILE
    assert hostile.actors == ("<b>Ond</b> & Co",)
    page = results.results_html(found, {"q": ["<script>"]}, selected="hostile")
    assert "<img" not in page and "<b>" not in page and "<script>" not in page
    assert html.escape(HOSTILE) in page
    assert "&lt;b&gt;Ond&lt;/b&gt; &amp; Co" in page


def test_each_row_links_to_itself_keeping_the_view(places: Places) -> None:
    measures = valid_measures(places, make_measure(id="m-1"), make_measure(id="m-2"))
    found = results.build_results(measures, places, "sv")
    query = {"place": ["kista", "klara"], "q": ["a&b c"], "measure": ["old"], "zoom": ["14"]}
    page = results.results_html(found, query, selected="m-2")
    links = re.findall(r"<a href='([^']*)' class='[^']*'( aria-current=true)?>", page)
    assert len(links) == 2
    for href, current in links:
        params = parse_qs(urlsplit(html.unescape(href)).query)
        assert params["place"] == ["kista", "klara"] and params["q"] == ["a&b c"]
        assert params["zoom"] == ["14"]
        assert bool(current) == (params["measure"] == ["m-2"])
    assert results.measure_href({}, "a b/ä") == "?measure=a%20b%2F%C3%A4"


def test_nothing_shown_is_an_empty_list(shipped: gpd.GeoDataFrame, places: Places) -> None:
    found = results.build_results(shipped.iloc[0:0], places, "en")
    assert found.groups == () and found.total == 0
    assert results.count_text(found) == "0 measures and conditions"
    assert "<li>" not in results.results_html(found, {})


def test_the_scroll_script_holds_the_selected_id_as_a_string_only() -> None:
    script = results.scroll_script('x"</script><script>alert(1)</script>')
    assert script.count("<script>") == 1 and script.count("</script>") == 1
    assert '"x\\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"' in script


def test_each_row_has_the_maps_symbol_of_its_type_and_status(
    shipped: gpd.GeoDataFrame, places: Places
) -> None:
    shown = MeasureFilter(places=("klara",), today=TODAY).apply(shipped, places)
    page = results.results_html(results.build_results(shown, places, "sv"), {})
    icons = re.findall(r"<li><a href='[^']*' class='smr-r-(\w+) smr-t-(\w+)'", page)
    assert sorted(icons) == sorted(zip(shown["status"], shown["measure_type"]))
    sheet = results.style(500)
    image = r":url\(data:image/svg\+xml;base64,"
    assert set(re.findall(rf"\.smr-r-(\w+)\{{--smr-ring{image}", sheet)) == set(statuses().ids())
    assert set(re.findall(rf"\.smr-t-(\w+)\{{--smr-type{image}", sheet)) == set(
        measure_types().ids()
    )
    marked = {s for s in statuses().ids() if status_mark(s)}
    assert set(re.findall(rf"\.smr-r-(\w+)\{{[^}}]*--smr-mark{image}", sheet)) == marked
    assert "height:500px" in sheet and "<img" not in sheet
