"""Uppföljning in AppTest: the place from the filter or its own choice, the choices in the
URL, the same figures as ``python -m safetymap effect``, refusals in words, English, back
from another page; and the main outcome on Lägesbild."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from safetymap.cli.commands import main
from tests.conftest import ROOT
from tests.htmltables import html_tables
from tests.ui.conftest import texts

PROMISE = "jakobsberg-medborgarlofte-2019-2020"


def _open(monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    """Uppföljning opened from a link with ``query`` (a page switch clears the URL, so the
    link's parameters are given again on the page)."""
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/followup.py")
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def _params(at: AppTest) -> dict[str, str]:
    return {key: at.query_params[key] for key in at.query_params}


def _chosen(at: AppTest) -> dict[str, object]:
    return {w.key: w.value for w in [*at.selectbox, *at.radio, *at.number_input] if w.key}


def _effect_table(at: AppTest) -> list[list[str]]:
    """The before/after table: both areas' counts and change."""
    (table,) = [
        html_tables(e.value)[0]
        for e in at.html
        if "(området)" in e.value or "(the area)" in e.value
    ]
    return table


def _cli_json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["effect", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_place_filters_place_and_its_series(monkeypatch) -> None:
    at = _open(monkeypatch, place="jakobsberg")
    assert at.title[0].value == "Uppföljning"
    assert _chosen(at) | {"f_lang": None} == {
        "fu_place": "jakobsberg",
        "fu_indicator": "reported_crimes_total",
        "fu_area": "kommun-0123",
        "fu_comparison": "",
        "fu_granularity": "year",
        "fu_unit": "count",
        "fu_time": "start",
        "fu_start": "",
        "fu_before": 3,
        "fu_after": 3,
        "f_lang": None,
    }
    assert at.subheader[0].value == "Anmälda brott totalt per år"
    legend = next(e.value for e in at.html if "smp-series" in e.value)
    assert "Heldragen linje: Järfälla kommun som helhet, inte bara Jakobsberg." in legend
    (table,) = [html_tables(e.value)[0] for e in at.html if "Järfälla kommun</th>" in e.value]
    assert table[0] == ["Period", "Järfälla kommun"] and table[1] == ["2015", "10\u00a0124"]
    assert "Välj ett jämförelseområde ovan för att räkna före och efter." in texts(at)
    assert _params(at) == {"place": "jakobsberg"}  # nothing but the filter: all defaults


def test_jarfalla_against_sigtuna_around_the_citizen_promise_as_the_cli_says(
    monkeypatch, capsys
) -> None:
    at = _open(monkeypatch, place="jakobsberg", comparison="kommun-0191", start=PROMISE)
    cli = _cli_json(
        capsys,
        "--area",
        "kommun-0123",
        "--comparison",
        "kommun-0191",
        "--indicator",
        "reported_crimes_total",
        "--at",
        "2019",
        "--before",
        "3",
        "--after",
        "3",
        "--place",
        "jakobsberg",
    )
    header, treatment, comparison = _effect_table(at)
    assert header == ["Område", "Före (2016–2018)", "Efter (2020–2022)", "Förändring"]
    for row, role in ((treatment, "treatment"), (comparison, "comparison")):
        counts = [int(cell.replace("\u00a0", "")) for cell in row[1:3]]
        assert counts == [cli[role]["before"], cli[role]["after"]]
        assert row[0].startswith(cli[role]["name"])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Relativ effektstorlek (RES)": f"{cli['res']:.2f}".replace(".", ","),
        "95 % konfidensintervall": f"{cli['ci_low']:.2f}–{cli['ci_high']:.2f}".replace(".", ","),
    }
    shown = texts(at) + "\n".join(m.value for m in at.markdown).replace("\\", "")
    assert cli["sentence"] in shown
    assert all(limit in shown for limit in cli["limits"])
    assert "startade 2019, i perioden 2019." in texts(at)


def test_choices_made_on_the_page_go_into_the_url(monkeypatch) -> None:
    at = _open(monkeypatch, place="jakobsberg")
    at.selectbox(key="fu_comparison").set_value("kommun-0191").run()
    at.radio(key="fu_time").set_value("at").run()
    at.selectbox(key="fu_at").set_value("2019").run()
    at.number_input(key="fu_after").set_value(2).run()
    assert _params(at) == {
        "place": "jakobsberg",
        "comparison": "kommun-0191",
        "at": "2019",
        "after": "2",
    }
    assert _effect_table(at)[0][2] == "Efter (2020–2021)"
    # Another place: its own choice, in the URL; its area and comparison start over.
    at.selectbox(key="fu_place").set_value("valsta").run()
    assert _params(at)["follow"] == "valsta" and "comparison" not in _params(at)
    assert at.selectbox(key="fu_area").value == "kommun-0191"


def test_a_refusal_is_shown_in_words_never_a_number(monkeypatch) -> None:
    at = _open(monkeypatch, place="jakobsberg", comparison="kommun-0191", start=PROMISE)
    at.number_input(key="fu_before").set_value(8).run()
    assert not at.metric
    assert [w.value.replace("\\", "") for w in at.warning] == [
        "Järfälla kommun saknar värden för 2011, 2012, 2013, 2014 i perioderna före "
        "(2011–2018); serien går från 2015 till 2025. Välj färre perioder eller en annan "
        "tidpunkt."
    ]
    at.number_input(key="fu_before").set_value(3).run()
    at.radio(key="fu_granularity").set_value("quarter").run()
    assert "så den faller inte i ett bestämt kvartal" in at.warning[0].value


def test_what_the_link_holds_that_does_not_fit_is_named_on_the_page(monkeypatch) -> None:
    at = _open(monkeypatch, follow="valsta", comparison="kommun-0191", at="2031", before="99")
    assert at.selectbox(key="fu_place").value == "valsta"
    warned = [w.value for w in at.warning]
    assert warned == [
        "comparison=kommun-0191 kan inte väljas här (att välja: Stockholms stad, Järfälla "
        "kommun); det ignorerades.",
        "at=2031 är ingen period i serien (2015–2025, per år); det ignorerades.",
        "before=99 ska vara ett heltal från 1 till 20; 20 används.",
    ]
    assert _params(at) == {"follow": "valsta", "before": "20"}  # the URL says what is used


def test_english(monkeypatch) -> None:
    at = _open(monkeypatch, place="jakobsberg", comparison="kommun-0191", start=PROMISE, lang="en")
    assert at.title[0].value == "Follow-up"
    widgets = [*at.selectbox, *at.radio, *at.number_input]
    labels = [w.label for w in widgets if w.key and w.key.startswith("fu_")]
    assert labels == [
        "Place",
        "Outcome",
        "Area",
        "Compare with",
        "Measure",
        "Length of period",
        "Show",
        "Point in time",
        "Periods before",
        "Periods after",
    ]
    assert _effect_table(at)[0] == ["Area", "Before (2016–2018)", "After (2020–2022)", "Change"]
    assert [m.label for m in at.metric] == ["Relative effect size (RES)", "95% confidence interval"]
    assert "Järfälla Municipality as a whole, not only Jakobsberg" in next(
        e.value for e in at.html if "smp-series" in e.value
    )


def test_back_from_another_page_the_choice_is_kept_and_the_filter_is_followed(
    monkeypatch,
) -> None:
    at = _open(monkeypatch)
    at.selectbox(key="fu_place").set_value("valsta").run()
    at.selectbox(key="fu_comparison").set_value("kommun-0123").run()
    at.radio(key="fu_time").set_value("at").run()
    at.selectbox(key="fu_at").set_value("2020").run()
    shown = [m.value for m in at.metric]
    at.switch_page("views/overview.py").run()
    at.switch_page("views/followup.py").run()
    assert (at.selectbox(key="fu_place").value, at.selectbox(key="fu_at").value) == (
        "valsta",
        "2020",
    )
    assert [m.value for m in at.metric] == shown
    # A new choice of place in the filter: the page follows it.
    at.multiselect(key="f_place").set_value(["klara"]).run()
    assert at.selectbox(key="fu_place").value == "klara"
    assert at.selectbox(key="fu_area").value == "kommun-0180"


def test_the_briefing_shows_the_main_outcome_beside_the_measures(monkeypatch) -> None:
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["place"] = "jakobsberg"
    at.run()
    at.switch_page("views/briefing.py")
    at.query_params["place"] = "jakobsberg"
    at.run()
    assert not at.exception, at.exception
    assert "Utfall: Anmälda brott totalt" in [s.value for s in at.subheader]
    assert "**2025\\: 13\u00a0528 \\(\\+10 % mot 2024\\: 12\u00a0278\\)**" in [
        m.value for m in at.markdown
    ]
    assert (
        "Järfälla kommun som helhet, inte bara Jakobsberg · Källa: Brå, Statistik On-Line: "
        "anmälda brott per kommun och år"
    ) in texts(at)
    metric = next(m for m in at.metric if m.label == "Anmälda brott totalt")
    assert metric.value == "13\u00a0528"
