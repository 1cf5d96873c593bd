"""The interim page, run headless with Streamlit's AppTest (the map itself is left to e2e)."""

from __future__ import annotations

import html
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, csv_bytes, make_measure, map_args, map_data, map_titles
from tests.htmltables import html_tables


def _run(monkeypatch: pytest.MonkeyPatch, measures: Path | None = None, **query: str) -> AppTest:
    if measures is not None:
        monkeypatch.setenv("SAFETYMAP_MEASURES", str(measures))
    else:
        monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _shipped_rows() -> int:
    return (
        sum(
            1
            for line in (ROOT / "measures.csv").read_text(encoding="utf-8").splitlines()
            if line.strip()
        )
        - 1
    )


def _places_table(at: AppTest) -> list[list[str]]:
    """The map page's table of places, as its rows of cell texts (header first)."""
    markup = [e.value for e in at.html if "safetymap-table" in e.value]
    (table,) = html_tables(markup[0])
    return table


def test_overview_shows_the_shipped_rows_in_swedish(monkeypatch) -> None:
    at = _run(monkeypatch)
    assert at.title[0].value == "Trygghetskartan"
    assert [h.value for h in at.subheader] == ["I siffror", "Platser"]
    assert at.metric[0].value == str(_shipped_rows())
    header, *rows = _places_table(at)
    assert header[:2] == ["Plats", "Rader"]
    assert sum(int(row[1]) for row in rows) == _shipped_rows()
    assert not at.error and not at.warning


def test_english_is_a_choice_kept_in_the_url(monkeypatch) -> None:
    at = _run(monkeypatch, lang="en")
    assert [h.value for h in at.subheader] == ["In figures", "Places"]
    assert _places_table(at)[0][0] == "Place"
    at.sidebar.radio[0].set_value("sv").run()
    assert at.subheader[0].value == "I siffror"
    assert "lang" not in at.query_params


def test_an_unknown_language_falls_back_to_swedish(monkeypatch) -> None:
    at = _run(monkeypatch, lang="xx")
    assert at.subheader[0].value == "I siffror"


def _result_list(at: AppTest) -> str:
    """The map page's list of the rows shown, as its markup."""
    (markup,) = [e.value for e in at.html if "<div class='smr-results'>" in e.value]
    return markup


@pytest.mark.parametrize(
    "query", [{}, {"place": "klara"}, {"q": "kamera", "lang": "en"}], ids=["all", "klara", "q"]
)
def test_the_list_beside_the_map_names_the_rows_the_map_shows(monkeypatch, query) -> None:
    at = _run(monkeypatch, **query)
    markup = _result_list(at)
    titles = re.findall(r"<span class='smr-title'>(.*?)</span>", markup)
    assert sorted(html.unescape(t) for t in titles) == sorted(map_titles(at))
    noun = "measures and conditions" if query.get("lang") else "åtgärder och lägesbilder"
    assert f"<p class='smr-results-count'>{len(titles)} {noun}</p>" in markup
    assert at.metric[0].value == str(len(titles))


@pytest.mark.parametrize(
    ("query", "month"),
    [({}, None), ({"as_of": "2021-02-28", "place": "kista"}, "2021-02")],
)
def test_the_map_carries_its_play_from_the_first_month_to_today(monkeypatch, query, month) -> None:
    at = _run(monkeypatch, **query)
    data = map_data(map_args(at)["feature_group"])
    play, titles = data["play"], data["rows"]["title"]
    today = date.today()
    assert play["months"][-1] == today.strftime("%Y-%m")
    assert play["days"][-1] == today.isoformat()
    assert play["months"][play["at"]] == (month or today.strftime("%Y-%m"))
    assert play["as_of"] == query.get("as_of")
    assert len(play["codes"]) == len(titles) and play["shown"] <= len(titles)
    assert all(len(code) == len(play["months"]) for code in play["codes"])


def test_a_file_with_errors_shows_the_valid_rows_and_says_so(monkeypatch, tmp_path) -> None:
    path = tmp_path / "measures.csv"
    path.write_bytes(csv_bytes([make_measure(id="a"), make_measure(id="b", place="Gamla stan")]))
    at = _run(monkeypatch, path)
    assert "1 fel" in at.warning[0].value
    assert at.metric[0].value == "1"


def test_maps_of_different_views_are_made_apart(monkeypatch) -> None:
    everything = _run(monkeypatch)
    valsta = _run(monkeypatch, place="valsta")
    english = _run(monkeypatch, place="valsta", lang="en")
    assert len(map_titles(everything)) == _shipped_rows()
    assert len(map_titles(valsta)) == _count_rows({"valsta", "valsta-centrum"}) < _shipped_rows()
    assert map_titles(english) == map_titles(valsta)
    lighting = _count_rows({"valsta", "valsta-centrum"}, measure_type="lighting")
    assert f"Belysning ({lighting})" in _type_layers(valsta)
    assert f"Lighting ({lighting})" in _type_layers(english), "in the view's language"


def test_a_changed_file_reaches_the_map_while_no_version_is_published(
    monkeypatch, tmp_path
) -> None:
    # A file with an error is never published: the app shows its valid rows, read again
    # whenever the file changes.
    path = tmp_path / "measures.csv"
    bad = make_measure(id="b", place="Gamla stan")
    path.write_bytes(csv_bytes([make_measure(id="a", title="Första lampan"), bad]))
    at = _run(monkeypatch, path)
    assert map_titles(at) == ["Första lampan"]
    path.write_bytes(csv_bytes([make_measure(id="c", title="Andra lampan"), bad]))
    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))
    at.run()
    assert map_titles(at) == ["Andra lampan"]


def test_a_missing_file_is_an_error_not_a_crash(monkeypatch, tmp_path) -> None:
    at = _run(monkeypatch, tmp_path / "saknas.csv")
    # The message is Markdown with the file's name escaped (it could hold a link).
    assert "saknas.csv" in re.sub(r"\\(.)", r"\1", at.error[0].value)
    assert at.metric[0].value == "0"


def _type_layers(at: AppTest) -> list[str]:
    """The names the map's layer control lists for the measure types' groups, as read (the
    type's icon is markup beside the name)."""
    control = map_args(at)["layer_control"]
    names = re.findall(r'"((?:[^"\\]|\\.)+)" : feature_group_feature_group_\d+', control)
    shown = (json.loads(f'"{name}"') for name in names)
    return [html.unescape(re.sub(r"<[^>]*>", "", name)).strip() for name in shown]


def _count_rows(place_ids: set[str] | None = None, **equals: str) -> int:
    import csv

    with open(ROOT / "measures.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return sum(
        1
        for r in rows
        if (place_ids is None or r["place"] in place_ids)
        and all(r[k] == v for k, v in equals.items())
    )


def test_url_filters_are_applied_and_described(monkeypatch) -> None:
    at = _run(monkeypatch, place="valsta", status="planned")
    expected = _count_rows({"valsta", "valsta-centrum"}, status="planned")
    assert 0 < expected < _shipped_rows()
    assert at.metric[0].value == str(expected)
    assert at.caption[0].value == f"{expected} rader\\: Valsta, planerad"
    assert at.sidebar.multiselect(key="f_place").value == ["valsta"]


def test_choosing_a_filter_updates_the_count_and_the_url(monkeypatch) -> None:
    at = _run(monkeypatch)
    at.sidebar.multiselect(key="f_kind").set_value(["condition"]).run()
    assert at.metric[0].value == str(_count_rows(kind="condition"))
    assert at.query_params["kind"] == "condition"
    at.sidebar.multiselect(key="f_place").set_value(["kista", "klara"]).run()
    at.sidebar.radio[0].set_value("en").run()
    assert dict(at.query_params) == {"place": ["kista", "klara"], "kind": "condition", "lang": "en"}


def test_the_map_view_stays_in_the_url_until_another_place_is_chosen(monkeypatch) -> None:
    at = _run(monkeypatch, lat="59.40370", lon="17.94200", zoom="16")
    at.sidebar.multiselect(key="f_kind").set_value(["condition"]).run()
    assert (at.query_params["lat"], at.query_params["zoom"]) == ("59.40370", "16")
    assert at.query_params["kind"] == "condition", "a view in the URL must not undo a filter"
    at.sidebar.multiselect(key="f_place").set_value(["valsta"]).run()
    assert "lat" not in at.query_params and "zoom" not in at.query_params
    assert at.query_params["place"] == "valsta"


def _view_reported_after_a_selection() -> None:
    import streamlit as st

    from safetymap.selection.filters import MeasureFilter
    from safetymap.selection.urlstate import ViewState
    from safetymap.ui import sidebar

    st.session_state[sidebar.MEASURE_KEY] = "m-1"  # selected by the run before
    view = ViewState(filter=MeasureFilter(places=("kista",)))
    sidebar.remember_view(view, (59.4037, 17.942), 16)


def _measure_selected_again() -> None:
    import streamlit as st

    from safetymap.ui import chrome, sidebar

    st.session_state[sidebar.MEASURE_KEY] = "m-1"  # selected by the run before
    chrome.select_measure("m-1")


@pytest.mark.parametrize("script", [_view_reported_after_a_selection, _measure_selected_again])
def test_a_selection_stays_in_the_url_when_the_browser_url_lacks_it(script) -> None:
    # One click can select a measure and pan the map to open its popup: the second report's
    # run starts from the browser's URL, which may not hold the measure the first one chose.
    at = AppTest.from_function(script)
    at.query_params["place"] = "kista"
    at.run()
    assert not at.exception, at.exception
    assert at.query_params["measure"] == "m-1" and at.query_params["place"] == "kista"


def test_bad_url_parameters_give_a_notice_not_a_crash(monkeypatch) -> None:
    at = _run(monkeypatch, place="gamla-stan", year_from="tjugo")
    messages = [w.value for w in at.sidebar.warning]
    assert "Ogiltigt värde 'gamla-stan' för place ignorerades." in messages
    assert any("year_from" in m for m in messages)
    assert at.metric[0].value == str(_shipped_rows())


@pytest.mark.parametrize(("key", "year"), [("year_to", "1900"), ("year_from", "2090")])
def test_a_year_outside_the_datas_years_gives_a_notice_not_a_crash(
    monkeypatch, key: str, year: str
) -> None:
    at = _run(monkeypatch, **{key: year})
    messages = [w.value for w in at.sidebar.warning]
    assert [m for m in messages if m.startswith(f"{key}={year} ligger utanför datans år")]
    (slider,) = [s for s in at.sidebar.slider if s.label == "År"]
    low, high = slider.min, slider.max
    assert slider.value == ((low, low) if key == "year_to" else (high, high))


# URL values as links carry them: the contract's ids and the data's actors and years, and
# values that fit nothing. Lists may repeat a key.
URL_VALUES = {
    "place": ["kista", "klara", "valsta-centrum", "jakobsberg-station", "mars", "KISTA", ""],
    "actor": ["Polisen", "polisen", "Trafikkontoret (Stockholms stad)", "Ingen alls", ""],
    "type": ["lighting", "cameras", "open_drug_scene", "field_workers", "Belysning"],
    "status": ["planned", "ongoing", "completed", "cancelled", "active", "lifted", "klar"],
    "kind": ["measure", "condition", "x"],
    "year_from": ["2015", "2016", "2020", "2026", "2031", "1899", "tjugo", "", "2020.5"],
    "year_to": ["2015", "2016", "2019", "2026", "2101", "x"],
    "as_of": ["2020-01-01", "1900-01-01", "2040-06-30", "2021-02-30", "2021"],
    "q": ["ljus", "", "<img src=x onerror=alert(1)>", "%", "\\", "x" * 250, "'\""],
    "lang": ["sv", "en", "fr"],
    "measure": ["kista-arbetsgrupp", "finns-inte", "<b>"],
    "lat": ["59.4", "nan", "inf", "x"],
    "lon": ["17.9", "200"],
    "zoom": ["3", "19", "25", "10.5"],
    "utm_source": ["mail"],
    # Uppföljning's own choices (read on that page, passed through by the others).
    "follow": ["valsta", "kista-busstorg", "atlantis"],
    "area": ["kommun-0180", "sdo-rinkeby-kista", "<b>"],
    "comparison": ["kommun-0191", "kommun-0180", "x"],
    "granularity": ["month", "quarter", "decade"],
    "unit": ["per_100k", "%"],
    "start": ["jakobsberg-medborgarlofte-2019-2020", "kista-arbetsgrupp", "finns-inte"],
    "at": ["2019", "2020-Q3", "2022-05", "2031", "Q9"],
    "before": ["1", "30", "-2", "x"],
}
PAGES = ["views/overview.py", "views/timeline.py", "views/briefing.py", "views/compare.py"]
PAGES += ["views/followup.py"]
PAGES += ["views/data.py", "views/about.py", "views/upload.py", "views/edit.py", "views/history.py"]


def _links(keys: list[str]) -> hs.SearchStrategy[dict[str, list[str]]]:
    """Query parameters with the given ``keys``, each with one or two values."""
    values = {k: hs.lists(hs.sampled_from(URL_VALUES[k]), min_size=1, max_size=2) for k in keys}
    return hs.fixed_dictionaries(values)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=hs.lists(hs.sampled_from(sorted(URL_VALUES)), unique=True, max_size=6).flatmap(_links),
    page=hs.sampled_from(PAGES),
)
def test_any_link_on_any_page_gives_notices_never_a_crash(query, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, values in query.items():
        at.query_params[key] = values
    at.run()
    assert not at.exception, (query, at.exception)
    at.switch_page(page).run()
    assert not at.exception, (query, page, at.exception)


def test_a_filter_matching_nothing_says_so(monkeypatch) -> None:
    at = _run(monkeypatch, q="finns-inte-någonstans")
    assert at.metric[0].value == "0"
    assert "Inga åtgärder eller lägesbilder matchar" in at.warning[0].value


def test_data_page_shows_the_filtered_rows_and_downloads(monkeypatch) -> None:
    at = _run(monkeypatch, kind="condition")
    at.switch_page("views/data.py").run()
    assert not at.exception
    assert at.title[0].value == "Data"
    assert len(at.dataframe[0].value) == _count_rows(kind="condition")
    assert at.metric[0].value == str(_count_rows(kind="condition")), "filter kept across pages"
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "CSV för svenska Excel",
        "CSV (kontraktets kolumner)",
        "Ladda ner GeoJSON",
        "Ladda ner GeoPackage",
        "Ladda ner Excel",
        "Mall för en ny fil",
    ]
    # The same selection in the API: the filter's parameters as in the map's URL.
    api_link = next(m.value for m in at.markdown if "Samma urval i API:t" in m.value)
    assert "(/api/collections/measures/items?kind=condition)" in api_link
    assert at.code[0].value == "/api/"


def test_about_page_lists_sources_and_places(monkeypatch) -> None:
    at = _run(monkeypatch, lang="en")
    at.switch_page("views/about.py").run()
    assert not at.exception
    assert at.title[0].value == "About the data"
    sources, places = at.table[0].value, at.table[1].value
    assert len(sources) == 5 and sources["Rows in the data"].sum() == _shipped_rows()
    assert "Järfälla kommun" in set(sources["Publisher"])
    assert len(places) == 8 and "approximate" in set(places["Boundary"])
    assert "Dates have the precision the source gives" in at.markdown[-1].value


def test_timeline_page_groups_by_place_and_shows_the_selected_measure(monkeypatch) -> None:
    at = _run(monkeypatch, measure="kista-ljusinstallation-ungdomar")
    at.switch_page("views/timeline.py").run()
    assert not at.exception
    assert at.title[0].value == "Tidslinje"
    headings = [h.value for h in at.subheader]
    assert headings[:4] == ["Kista", "Klara", "Jakobsberg", "Valsta"]
    assert "Vald åtgärd" in headings
    (details,) = [e.value for e in at.html if "<caption>Vald åtgärd</caption>" in e.value]
    values = [value for _, value in html_tables(details)[0]]
    assert "Ljusinstallation skapad i samverkan med ungdomar" in values
    assert "januari 2021 – mars 2021" in values


def test_timeline_page_with_a_place_filter(monkeypatch) -> None:
    at = _run(monkeypatch, place="valsta")
    at.switch_page("views/timeline.py").run()
    assert not at.exception
    assert [h.value for h in at.subheader] == ["Valsta"]


def test_map_page_overview_figures(monkeypatch) -> None:
    at = _run(monkeypatch, place="jakobsberg")
    values = {m.label: m.value for m in at.metric}
    assert values["Åtgärder och lägesbilder"] == str(
        _count_rows({"jakobsberg", "jakobsberg-station"})
    )
    assert int(values["Aktörer"]) >= 2
    assert values["Datan ändrad"].startswith("20")
    (panels,) = [e.value for e in at.html if "safetymap-panels" in e.value]
    assert re.findall(r"<caption>(.*?)</caption>", panels) == [
        "Per status",
        "Per plats",
        "Per åtgärdstyp",
    ]
    by_place = dict(html_tables(panels)[1])
    assert int(by_place["Jakobsberg"]) == int(values["Åtgärder och lägesbilder"])


def test_search_text_from_the_url_is_shown_literally(monkeypatch) -> None:
    at = _run(monkeypatch, q="![x](http://example.invalid/x.png) <b>fet</b>")
    caption = at.caption[0].value
    assert "\\!\\[x\\]\\(http" in caption and "\\<b\\>" in caption


def test_history_offers_each_version_as_csv_for_swedish_excel(monkeypatch) -> None:
    at = _run(monkeypatch)
    at.switch_page("views/history.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    # The measures, the indicators and the outcome series.
    assert labels.count("CSV för svenska Excel") == 3, labels
    assert labels.count("CSV (kontraktets kolumner)") == 3, labels
