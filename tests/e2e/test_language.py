"""The Swedish pages speak Swedish: none of Streamlit's own English words, shown or given
to screen readers, in the widgets as they are used (a file refused as too large too)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from safetymap.contract.limits import MAX_FILE_BYTES
from tests.e2e.conftest import PAGES, wait_for_app

# Streamlit 1.67's own words in widgets and page chrome (read off its pages), as shown text
# and as the names screen readers read; a name may continue with the widget's label.
SHOWN = [
    "Select all",
    "No results",
    "Press Enter to apply",
    "Press Enter to submit form",
    "Show more",
    "Running...",
    "Skip to main content",
]
NAMES = [
    "Clear all",
    "Choose an option",
    "Choose options",
    "Selected values",
    "Open",
    "Close",
    "Dismiss",
    "Choose date",
    "Next month",
    "Previous month",
    "Sidebar",
    "Collapse sidebar",
    "Expand sidebar",
    "App pages",
    "Main menu",
    "Link to heading",
    "Help for ",
    "Remove ",
    "year, ",
    "month, ",
    "day, ",
    "Download as CSV",
    "Search",
    "Fullscreen",
    "Decrement",
    "Increment",
    "Clear value",
]
NAME_ENDINGS = [" — start", " — end"]


def _english(page: Page) -> list[str]:
    """Streamlit's English words on the page: in its text and its elements' names (once the
    page's words are in place: its list of pages named in Swedish)."""
    expect(page.locator("nav[aria-label='Sidor']")).to_be_attached()
    text = page.evaluate("document.body.innerText")
    found = [w for w in SHOWN if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text)]
    names = page.evaluate(
        """Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]'))
             .flatMap(e => ['aria-label', 'title', 'placeholder']
               .map(n => e.getAttribute(n)).filter(Boolean))"""
    )
    for name in names:
        found += [w for w in NAMES if name == w.strip() or (w.endswith(" ") and name.startswith(w))]
        found += [w for w in NAME_ENDINGS if name.endswith(w)]
    return sorted(set(found))


@pytest.mark.parametrize("path", PAGES)
def test_no_streamlit_english_on_a_swedish_page(page: Page, app_url: str, path: str) -> None:
    page.goto(f"{app_url}{path}?measure=kista-ljusinstallation-ungdomar")
    wait_for_app(page)
    assert _english(page) == []


def test_no_streamlit_english_in_the_filters_as_they_are_used(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}?place=klara")
    wait_for_app(page)
    # A menu opened, searched for something it does not hold.
    page.get_by_test_id("stMultiSelect").nth(1).locator("input").focus()
    page.keyboard.type("zzzz")
    expect(page.get_by_text("Inga träffar")).to_be_visible()
    assert _english(page) == []
    page.keyboard.press("Escape")
    # The search field while typing, before Enter.
    page.get_by_test_id("stTextInput").locator("input").fill("kamera")
    expect(page.get_by_text("Tryck Enter för att använda")).to_be_visible()
    assert _english(page) == []
    # The date's calendar.
    choose = page.get_by_role("button", name="Välj datum", exact=True)
    choose.scroll_into_view_if_needed()
    choose.click()
    expect(page.get_by_label("Nästa månad")).to_be_visible()
    assert _english(page) == []


def test_english_pages_keep_streamlits_english(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}?lang=en")
    wait_for_app(page)
    expect(page.get_by_label("Collapse sidebar")).to_be_attached()


TOO_LARGE = {
    "sv": (
        "Fel: ",
        "Filen är större än 20 MB, det största som kan laddas upp, och har inte lästs.",
    ),
    "en": ("Error: ", "The file is larger than 20 MB, the most that can be uploaded, and was not"),
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_file_over_the_limit_is_refused_in_the_pages_language(
    page: Page, app_url: str, lang: str, tmp_path: Path
) -> None:
    """Streamlit refuses a file over ``server.maxUploadSize`` in the browser, in English and
    only in a tooltip ("File must be 20.0MB or smaller."): the page says it under the file,
    in its own words, and so do the tooltip and what a screen reader is told."""
    big = tmp_path / "stor.csv"
    big.write_bytes(b"id,title\n" + b"a,b\n" * (MAX_FILE_BYTES // 4 + 25_000))  # 20.1 MB
    page.goto(f"{app_url}ladda-upp?lang={lang}")
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(big)
    label, words = TOO_LARGE[lang]
    chip = page.get_by_test_id("stFileChip")
    alert = chip.get_by_role("alert")
    expect(alert).to_contain_text(label + words)
    expect(alert).to_be_visible()
    assert alert.bounding_box()["height"] > 15  # shown, not only given to screen readers
    chip.get_by_test_id("stFileChipName").hover()
    expect(page.get_by_test_id("stTooltipErrorContent")).to_contain_text(words)
    assert "must be" not in page.evaluate("document.body.innerText")
