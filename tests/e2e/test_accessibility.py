"""WCAG 2.1 AA: an axe-core scan of every page finds no serious or critical violation."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.e2e.conftest import wait_for_app

# The map is the default page: Streamlit serves it at the root ("/karta" is "page not found").
PAGES = ["", "tidslinje", "lagesbild", "jamfor", "data", "om-datan", "ladda-upp", "historik"]
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_no_serious_accessibility_violations(
    page: Page, app_url: str, path: str, lang: str
) -> None:
    page.goto(f"{app_url}{path}?lang={lang}&measure=kista-ljusinstallation-ungdomar")
    wait_for_app(page)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options=WCAG_AA)
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], serious
