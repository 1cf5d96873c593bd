"""Browser end-to-end fixtures: Streamlit servers, an offline Chromium page and page helpers.

Every test in this folder is marked ``e2e`` (``pytest -m "not e2e"`` leaves them out). The
browser runs with no network: any request to a host other than the loopback is aborted and
recorded, so a test can assert that the product works offline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Error,
    FrameLocator,
    Page,
    Route,
    WebSocket,
    expect,
    sync_playwright,
)

from tools.appserver import start_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, is_loopback

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ARTIFACTS = HERE / "artifacts"

# Every page's path (the map is the default page, served at the root).
PAGES = (
    "",
    "tidslinje",
    "lagesbild",
    "uppfoljning",
    "jamfor",
    "data",
    "om-datan",
    "ladda-upp",
    "redigera",
    "historik",
)
APP_READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
APP_TIMEOUT_MS = 60_000

# A Streamlit page keeps rendering for a moment after its script run ends (the map iframe
# loads after the run): give assertions room on a busy 2-core machine.
expect.set_options(timeout=15_000)

# --- pytest hooks -------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """When a test fails, screenshot its page while the page and its server are still up."""
    report = yield
    page = item.funcargs.get("page") if report.when == "call" and report.failed else None
    if page is not None:
        _save_screenshot(page, ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', item.name)}.png")
    return report


def _save_screenshot(page: Page, path: Path) -> None:
    path.parent.mkdir(exist_ok=True)
    try:
        page.screenshot(path=path, full_page=True)
    except Error as error:
        print(f"no failure screenshot: {error}")


# --- Streamlit server ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    """URL of a server on the shipped data (``measures.csv``), shared by a test module."""
    with start_app() as url:
        yield url


@pytest.fixture
def app_with_measures() -> Iterator[Callable[[Path], str]]:
    """Start servers on other measures files: ``url = app_with_measures(path)``.

    Each server is stopped when the test ends. Request this fixture before ``page``, so the
    page closes before its server stops.
    """
    with ExitStack() as stack:
        yield lambda path: stack.enter_context(start_app({"SAFETYMAP_MEASURES": str(path)}))


# --- browser and page ---------------------------------------------------------------------


def _print_console_error(message: ConsoleMessage) -> None:
    if message.type == "error":
        print(f"browser console error: {message.text} ({message.location.get('url', '')})")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium (never a downloaded one), shared by the whole session."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def offsite_requests() -> list[str]:
    """URLs the page tried to reach beyond the loopback (each was aborted)."""
    return []


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of the JavaScript dialogs (alert, confirm, …) the page opened."""
    return []


@pytest.fixture
def page(browser: Browser, offsite_requests: list[str], dialogs: list[str]) -> Iterator[Page]:
    """A fresh 1440×1000 Swedish page with no network beyond the loopback.

    Requests elsewhere are aborted and recorded in ``offsite_requests``; dialogs are
    dismissed and recorded in ``dialogs``; console errors are printed. When the test fails,
    ``pytest_runtest_makereport`` saves a screenshot to ``tests/e2e/artifacts/<test>.png``.
    """
    context = browser.new_context(
        viewport={"width": 1440, "height": 1000}, locale="sv-SE", timezone_id="Europe/Stockholm"
    )

    def route(intercepted: Route) -> None:
        if is_loopback(intercepted.request.url):
            intercepted.continue_()
        else:
            offsite_requests.append(intercepted.request.url)
            intercepted.abort()

    def dialog(opened: Dialog) -> None:
        dialogs.append(opened.message)
        opened.dismiss()

    def websocket(ws: WebSocket) -> None:
        if not is_loopback(ws.url):
            offsite_requests.append(ws.url)

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", _print_console_error)
    page.on("pageerror", lambda error: print(f"page error: {error}"))
    page.on("dialog", dialog)
    page.on("websocket", websocket)
    yield page
    context.close()


# --- page helpers -------------------------------------------------------------------------


def wait_for_app(page: Page) -> None:
    """Wait until the Streamlit script has run (the page shows its output)."""
    page.wait_for_selector(APP_READY, timeout=APP_TIMEOUT_MS)


def map_frame(page: Page) -> FrameLocator:
    """The document of the folium map (streamlit-folium draws it in an iframe)."""
    return page.frame_locator(MAP_IFRAME)
