"""WCAG 2.1 AA: an axe-core scan of every page finds no serious or critical violation."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.e2e.analyst import SHIPPED, choose_file, read_rows, write_rows
from tests.e2e.conftest import PAGES, ROOT, wait_for_app

# The map is the default page: Streamlit serves it at the root ("/karta" leads there).
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_serious_accessibility_violations(
    page: Page, app_url: str, path: str, lang: str
) -> None:
    page.goto(f"{app_url}{path}?lang={lang}&measure=kista-ljusinstallation-ungdomar")
    wait_for_app(page)
    page.wait_for_load_state("networkidle")
    assert _serious_violations(page) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_presentation_has_no_serious_accessibility_violations(
    page: Page, app_url: str, lang: str
) -> None:
    page.goto(f"{app_url}lagesbild?lang={lang}&place=klara&present=1&since=2019-01-01")
    wait_for_app(page)
    expect(page.locator(".st-key-briefing-present .smp-changes")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert _serious_violations(page) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_follow_up_with_its_result_has_no_serious_accessibility_violations(
    page: Page, app_url: str, lang: str
) -> None:
    """Uppföljning with a comparison and a measure's start: the chart with its marks and
    windows, the legends, the result's table, figures, sentence and limits."""
    start = "jakobsberg-medborgarlofte-2019-2020"
    page.goto(
        f"{app_url}uppfoljning?lang={lang}&place=jakobsberg&comparison=kommun-0191&start={start}"
    )
    wait_for_app(page)
    expect(page.locator("table.safetymap-table").last).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert _serious_violations(page) == []


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_uploaded_file_with_problems_is_reported_accessibly(
    page: Page, app_url: str, lang: str, tmp_path: Path
) -> None:
    """The upload page as an analyst sees it with a faulty file: the report, the problems
    (summed up and row by row), the diff, the preview map and why it cannot be published."""
    rows = read_rows()
    for row in rows[:5]:
        row["status"] = "klar"
    rows[6]["start_date"] = "2023-13-01"
    path = write_rows(tmp_path / "med fel.csv", rows)
    page.goto(f"{app_url}ladda-upp?lang={lang}")
    wait_for_app(page)
    choose_file(page, path)
    page.wait_for_load_state("networkidle")
    assert page.locator("table").count() >= 2  # the summary and the row-by-row list
    assert _serious_violations(page) == []


CHOOSER_WORDS = {  # the page's words for the file chooser: before and after a file is chosen
    "sv": ("Välj fil", "Högst {mb} MB • CSV, TXT, TSV", "Ta bort {name}", "Välj en annan fil"),
    "en": (
        "Choose file",
        "At most {mb} MB • CSV, TXT, TSV",
        "Remove {name}",
        "Choose another file",
    ),
}
STREAMLITS_WORDS = ["Upload", "file upload", "Add files"]  # what Streamlit would name them


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_file_chooser_speaks_the_pages_language(page: Page, app_url: str, lang: str) -> None:
    """Streamlit words its file chooser in English only; the page's words take the place of
    its button and limit for the eye, and of its buttons' and input's names for a screen
    reader, before and after a file is chosen."""
    choose, limit, remove, other = CHOOSER_WORDS[lang]
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    page.goto(f"{app_url}ladda-upp?lang={lang}")
    wait_for_app(page)
    chooser = page.get_by_test_id("stFileUploaderDropzone")
    expect(chooser.get_by_role("button", name=choose, exact=True)).to_have_count(2)  # + input
    instructions = chooser.get_by_test_id("stFileUploaderDropzoneInstructions").locator("span")
    shown = instructions.evaluate(
        "s => [getComputedStyle(s).visibility, getComputedStyle(s, '::after').visibility,"
        " getComputedStyle(s, '::after').content]"
    )
    wanted = limit.format(mb=config["server"]["maxUploadSize"])
    assert shown == ["hidden", "visible", f'"{wanted}"']

    choose_file(page, SHIPPED)
    expect(chooser.get_by_role("button", name=remove.format(name="measures.csv"))).to_be_visible()
    expect(chooser.get_by_role("button", name=other, exact=True)).to_be_visible()
    names = chooser.aria_snapshot()
    assert not [word for word in STREAMLITS_WORDS if f'"{word}' in names], names


def _serious_violations(page: Page) -> list[tuple]:
    results = Axe().run(page, options=WCAG_AA)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
