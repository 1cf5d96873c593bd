"""Uppföljning in headless Chromium: choosing a place, the chart with the measures' marks
on the series' time axis (offline), before and after with the CLI's figures for the same
inputs, a refusal in words, and English with lang=en."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from safetymap.cli.commands import main
from tests.e2e.conftest import wait_for_app
from tests.htmltables import html_tables

PROMISE = "jakobsberg-medborgarlofte-2019-2020"
AROUND_THE_PROMISE = f"uppfoljning?place=jakobsberg&comparison=kommun-0191&start={PROMISE}"
CHART = '[data-testid="stVegaLiteChart"]'


def _choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the page's select labelled ``label``."""
    select = page.get_by_test_id("stMain").get_by_test_id("stSelectbox").filter(has_text=label)
    select.first.scroll_into_view_if_needed()
    select.first.locator("input").click()
    page.get_by_role("option", name=option, exact=True).first.click()
    wait_for_app(page)


def _chart_labels(page: Page) -> Locator:
    """What the chart's SVG names its marks by (each mark's description)."""
    return page.locator(f"{CHART} svg [aria-label]")


def _effect_rows(page: Page) -> list[list[str]]:
    table = page.locator("table.safetymap-table").filter(has_text="(området)")
    expect(table).to_be_visible()
    return html_tables(table.evaluate("t => t.outerHTML"))[0]


def test_choosing_a_place_shows_its_series_and_keeps_it_in_the_link(
    page: Page, app_url: str, offsite_requests: list[str]
) -> None:
    page.goto(f"{app_url}uppfoljning")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Uppföljning", level=1)).to_be_visible()
    _choose(page, "Plats", "Valsta")
    expect(page.get_by_text("Sigtuna kommun som helhet, inte bara Valsta")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]follow=valsta"))
    link = page.url
    page.goto(link)  # a new session from the link: the same place
    wait_for_app(page)
    expect(page.get_by_text("Sigtuna kommun som helhet, inte bara Valsta")).to_be_visible()
    assert offsite_requests == []


def test_the_chart_marks_the_measures_on_the_time_axis_of_the_series(
    page: Page, app_url: str, offsite_requests: list[str]
) -> None:
    page.goto(f"{app_url}{AROUND_THE_PROMISE}")
    wait_for_app(page)
    labels = _chart_labels(page)
    # Nine of Jakobsberg's measures started in 2019: one mark, named by its measures.
    started = labels.and_(page.locator('[aria-label^="pågående 2019: "]'))
    expect(started).to_have_count(1)
    expect(started).to_have_attribute("aria-label", re.compile("Medborgarlöfte för ett tryggare"))
    expect(
        labels.and_(page.locator('[aria-label^="aktiv 27 maj 2019: Öppen drogscen"]'))
    ).to_have_count(1)
    # Both series, every value, on the same axis; the chosen period shaded.
    expect(
        labels.and_(page.locator('[aria-label="Järfälla kommun, 2019: 9\u00a0450"]'))
    ).to_have_count(1)
    expect(labels.and_(page.locator('[aria-label^="Sigtuna kommun, 2024: "]'))).to_have_count(1)
    expect(labels.and_(page.locator('[aria-label="vald period"]'))).to_have_count(1)
    legend = page.locator(".smp-legend").last
    expect(legend).to_contain_text("pågående")
    expect(legend).to_contain_text("vald period 2019")
    assert offsite_requests == []  # Vega is Streamlit's own: no CDN


def test_before_and_after_are_the_clis_figures_for_the_same_inputs(
    page: Page, app_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--area", "kommun-0123", "--comparison", "kommun-0191"]
    args += ["--indicator", "reported_crimes_total", "--at", "2019", "--before", "3"]
    args += ["--after", "3", "--place", "jakobsberg", "--format", "json"]
    capsys.readouterr()
    assert main(["effect", *args]) == 0
    cli = json.loads(capsys.readouterr().out)
    page.goto(f"{app_url}{AROUND_THE_PROMISE}")
    wait_for_app(page)
    header, treatment, comparison = _effect_rows(page)
    assert header == ["Område", "Före (2016–2018)", "Efter (2020–2022)", "Förändring"]
    for row, role in ((treatment, "treatment"), (comparison, "comparison")):
        assert (
            row[0]
            == f"{cli[role]['name']} ({'området' if role == 'treatment' else 'jämförelseområdet'})"
        )
        assert [int(re.sub(r"\s", "", n)) for n in row[1:3]] == [
            cli[role]["before"],
            cli[role]["after"],
        ]
    metrics = page.get_by_test_id("stMetricValue").all_inner_texts()
    res = f"{cli['res']:.2f}".replace(".", ",")
    interval = f"{cli['ci_low']:.2f}–{cli['ci_high']:.2f}".replace(".", ",")
    assert [m.strip() for m in metrics] == [res, interval]
    expect(page.get_by_text(cli["sentence"])).to_be_visible()
    for limit in cli["limits"]:
        expect(page.get_by_text(limit)).to_be_visible()


def test_a_refusal_is_shown_in_words(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}{AROUND_THE_PROMISE}")
    wait_for_app(page)
    before = page.get_by_label("Perioder före")
    before.fill("8")
    before.press("Enter")
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentWarning").locator("p")).to_have_text(
        "Järfälla kommun saknar värden för 2011, 2012, 2013, 2014 i perioderna före "
        "(2011–2018); serien går från 2015 till 2025. Välj färre perioder eller en annan "
        "tidpunkt."
    )
    expect(page.get_by_test_id("stMetricValue")).to_have_count(0)  # never a number
    expect(page).to_have_url(re.compile(r"[?&]before=8"))


def test_english_with_lang_en(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}{AROUND_THE_PROMISE}&lang=en")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Follow-up", level=1)).to_be_visible()
    main_area = page.get_by_test_id("stMain")
    for label in ("Place", "Outcome", "Area", "Compare with", "Measure", "Periods before"):
        expect(main_area.get_by_text(label, exact=True).first).to_be_visible()
    expect(page.get_by_role("heading", name="Reported crimes, total by year")).to_be_visible()
    expect(
        page.get_by_text("Järfälla Municipality as a whole, not only Jakobsberg")
    ).to_be_visible()
    header = page.locator("table.safetymap-table").filter(has_text="(the area)").locator("th")
    expect(header.first).to_have_text("Area")
    expect(page.get_by_test_id("stMetricLabel").first).to_contain_text("Relative effect size")
    expect(_chart_labels(page).and_(page.locator('[aria-label^="ongoing 2019: "]'))).to_have_count(
        1
    )
