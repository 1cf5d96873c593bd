"""The briefing page in headless Chromium: stepping through the four places (never the
filters), the presentation on one screen with the keys a clicker sends, what changed since
a test publish, and the figures the same on the page, the presentation, the PDF and the
offline HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from safetymap.cli.commands import main
from safetymap.intake.places import load_places
from tests.e2e.analyst import CHANGED, SHIPPED, read_rows, write_rows
from tests.e2e.conftest import ARTIFACTS, MAP_IFRAME, ROOT, map_frame, wait_for_app
from tools.appserver import start_app

PLACES = load_places(ROOT / "geodata" / "places.geojson")
ORDER = PLACES.top_level()
NAMES = {p.id: p.name for p in PLACES.by_id.values()}
SLIDE_TITLE = ".st-key-briefing-present .smp-title h1"


def _figures(page: Page, root: str) -> list[tuple[str, str]]:
    """The (label, value) pairs a page shows: Streamlit's metrics or a slide's boxes (the
    six counts and the place's main outcome)."""
    if root == "metrics":
        expect(page.get_by_test_id("stMetricValue")).to_have_count(7)
        labels = page.get_by_test_id("stMetricLabel").all_inner_texts()
        values = page.get_by_test_id("stMetricValue").all_inner_texts()
    else:
        expect(page.locator(f"{root} .smp-value").first).to_be_visible()
        labels = page.locator(f"{root} .smp-label").all_inner_texts()
        values = page.locator(f"{root} .smp-value").all_inner_texts()
    return [(a.strip(), b.strip()) for a, b in zip(labels, values)]


def test_arrow_keys_step_through_the_places_and_karta_keeps_every_place(
    page: Page, app_url: str
) -> None:
    page.goto(f"{app_url}lagesbild")
    wait_for_app(page)
    title = page.get_by_role("heading", level=1)
    expect(title).to_have_text(NAMES[ORDER[0]])
    expect(map_frame(page).locator(".leaflet-container")).to_be_attached()
    page.locator("body").press("ArrowRight")
    expect(title).to_have_text(NAMES[ORDER[1]])
    page.locator("body").press("ArrowRight")
    expect(title).to_have_text(NAMES[ORDER[2]])  # Jakobsberg
    expect(page).to_have_url(re.compile(r"lagesbild$"))  # no place filter
    for at in (1, 0, -1):  # wraps around to the last place
        page.locator("body").press("ArrowLeft")
        expect(title).to_have_text(NAMES[ORDER[at]])
    expect(page.locator(MAP_IFRAME)).to_have_count(1)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Karta").click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text(str(len(read_rows())))
    assert "place=" not in page.url


def test_the_presentation_hides_the_sidebar_and_steps_with_a_clickers_keys(
    page: Page, app_url: str
) -> None:
    page.goto(f"{app_url}lagesbild?place=klara")
    wait_for_app(page)
    page_figures = _figures(page, "metrics")
    page.get_by_role("button", name="Presentera").click()
    title = page.locator(SLIDE_TITLE)
    expect(title).to_have_text("Klara")
    expect(page).to_have_url(re.compile(r"present=1"))
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    assert _figures(page, ".st-key-briefing-present") == page_figures
    expect(page.locator(".st-key-briefing-present .smp-side")).to_contain_text("Genomförda · ")
    at = ORDER.index("klara")
    for key, step in (("ArrowRight", 1), ("PageDown", 1), ("Space", 1), ("PageUp", -1)):
        page.keyboard.press(key)
        at += step
        expect(title).to_have_text(NAMES[ORDER[at % 4]])
    page.keyboard.press("ArrowLeft")
    expect(title).to_have_text(NAMES[ORDER[(at - 1) % 4]])
    page.get_by_role("button", name="Nästa").click()
    expect(title).to_have_text(NAMES[ORDER[at % 4]])
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAMES[ORDER[at % 4]])
    assert "present" not in page.url and "place=klara" in page.url  # the filter is as it was


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)], ids=["1920x1080", "1024x768"])
def test_each_place_fits_one_screen_legibly(browser: Browser, app_url: str, size) -> None:
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
    page = context.new_page()
    page.goto(f"{app_url}lagesbild?present=1")
    wait_for_app(page)
    ARTIFACTS.mkdir(exist_ok=True)
    for place_id in ORDER:
        expect(page.locator(SLIDE_TITLE)).to_have_text(NAMES[place_id])
        wait_for_app(page)
        expect(map_frame(page).locator(".leaflet-container")).to_be_attached()
        page.wait_for_timeout(800)  # the fitting runs on the next frame
        found = page.evaluate(
            """() => {
              const main = document.querySelector('[data-testid="stMain"]');
              const side = document.querySelector('.st-key-briefing-present .smp-side');
              const map = document.querySelector('.st-key-briefing-present-map iframe');
              const size = (selector) => Math.min(...[...document.querySelectorAll(
                `.st-key-briefing-present ${selector}`)].map(
                (e) => parseFloat(getComputedStyle(e).fontSize)));
              return {
                scrolls: main.scrollHeight > main.clientHeight + 1
                  || document.documentElement.scrollHeight > innerHeight + 1,
                sideOverflows: side.scrollHeight > side.clientHeight + 1
                  || side.scrollWidth > side.clientWidth + 1,
                sideBottom: side.getBoundingClientRect().bottom,
                mapBottom: map.getBoundingClientRect().bottom,
                mapHeight: map.getBoundingClientRect().height,
                leftOut: side.querySelectorAll('li[data-left-out]').length,
                list: size('.smp-side li'), label: size('.smp-label'), value: size('.smp-value'),
              };
            }"""
        )
        page.screenshot(path=ARTIFACTS / f"presentation-{place_id}-{width}x{height}.png")
        assert not found["scrolls"] and not found["sideOverflows"], (place_id, found)
        assert found["sideBottom"] <= height and found["mapBottom"] <= height, (place_id, found)
        assert found["mapHeight"] > height / 2, (place_id, found)
        for button in ("Föregående", "Nästa", "Avsluta"):
            box = page.get_by_role("button", name=button).bounding_box()
            assert box and box["y"] + box["height"] <= height
        if width == 1920:  # legible across a room: 18 px and up, nothing left out
            assert min(found["list"], found["label"]) >= 18 and found["value"] >= 36, found
            assert found["leftOut"] == 0, (place_id, found)
        page.keyboard.press("ArrowRight")
    context.close()


@pytest.fixture
def published_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A server on a store whose version 2 completes Kista's platssamverkan (ongoing in
    version 1, the shipped file)."""
    database = tmp_path / "store.db"
    monkeypatch.setenv("SAFETYMAP_DB", str(database))
    assert main(["versions"]) == 0  # seeds version 1 from the shipped file
    rows = read_rows(SHIPPED)
    changed = next(r for r in rows if r["id"] == CHANGED)
    changed["status"], changed["status_date"] = "completed", "2026-11-02"
    assert main(["publish", str(write_rows(tmp_path / "klar.csv", rows)), "--by", "Test"]) == 0
    with start_app({"SAFETYMAP_DB": str(database)}) as url:
        yield url


def test_since_lists_a_status_change_made_by_a_test_publish(
    published_change: str, page: Page
) -> None:
    title = next(r["title"] for r in read_rows(SHIPPED) if r["id"] == CHANGED)
    change = f"{title}: pågående → genomförd (2 november 2026)"
    page.goto(f"{published_change}lagesbild?place=kista&since=1")
    wait_for_app(page)
    changes = page.locator(".smp-changes")
    expect(changes).to_contain_text("Sedan version 1 (")
    expect(changes).to_contain_text(change)
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ladda ner lägesbild (PDF)").click()
    pdf = [" ".join(p.extract_text().split()) for p in PdfReader(download.value.path()).pages]
    kista = next(p for p in pdf[1:] if " Kista Stockholm · Data per " in p)
    assert change.replace("→", "»") in kista
    page.get_by_role("button", name="Presentera").click()
    expect(page.locator(".st-key-briefing-present .smp-changes")).to_contain_text(change)
    # A day in the future is named, on the page as in the presentation.
    page.goto(f"{published_change}lagesbild?place=kista&since=2999-01-01&present=1")
    wait_for_app(page)
    expect(page.locator(".st-key-briefing-present")).to_contain_text(
        "since=2999-01-01 ligger i framtiden"
    )


def test_the_page_presentation_pdf_and_offline_html_show_the_same_figures(
    page: Page, app_url: str
) -> None:
    page.goto(f"{app_url}lagesbild?place=klara&status=completed")
    wait_for_app(page)
    shown = _figures(page, "metrics")
    assert len(shown) == 7 and shown[0][0] == "Genomförda" and int(shown[0][1]) > 0
    assert shown[-1][0] == "Anmälda brott totalt"  # Stockholm's, Klara's kommun
    assert [v for _, v in shown[1:4]] == ["0", "0", "0"]
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ladda ner lägesbild (PDF)").click()
    assert download.value.suggested_filename.startswith("lagesbild-")
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(download.value.path()).pages]
    assert len(pages) == 5  # the cover and the four places: the place filter picks the page only
    assert "Urval: " in pages[0] and "genomförd" in pages[0]
    klara = next(p for p in pages[1:] if " Klara Stockholm · Data per " in p)
    labels, values = " ".join(a for a, _ in shown), " ".join(b for _, b in shown)
    assert re.sub(r"\s+", " ", f"{values} {labels}") in klara
    with page.expect_download(timeout=60_000) as offline:
        page.get_by_role("button", name="Ladda ner presentationen (HTML)").click()
    html = Path(offline.value.path()).read_text(encoding="utf-8")
    screen = html.split('id="klara"', 1)[1].split("</section>", 1)[0]
    in_file = zip(
        re.findall(r'class="smp-label">([^<]*)<', screen),
        re.findall(r'class="smp-value">([^<]*)<', screen),
    )
    assert [(unescape(a), unescape(b)) for a, b in in_file] == shown
    page.get_by_role("button", name="Presentera").click()
    expect(page.locator(SLIDE_TITLE)).to_have_text("Klara")
    assert _figures(page, ".st-key-briefing-present") == shown
