"""Take a screenshot of a running app in headless Chromium, offline: the whole page, or what
a window of that size shows first (``--fold``).

    python -m tools.screenshot http://localhost:8501/ out.png [--width W --height H] [--no-map]
        [--fold]

README's screenshots: ``SAFETYMAP_TILES=none streamlit run app.py``, then
``python -m tools.screenshot http://localhost:8501/ docs/screenshots/overview-sv.png --fold``
``python -m tools.screenshot "http://localhost:8501/?as_of=2021-03-31"
docs/screenshots/play-sv.png --fold`` and ``python -m tools.screenshot
"http://localhost:8501/lagesbild?place=jakobsberg" docs/screenshots/briefing-sv.png``.

Every request to a host other than localhost is aborted, as on a machine with no network.
"""

from __future__ import annotations

import argparse

from playwright.sync_api import sync_playwright

from tools.browser import CHROMIUM, CHROMIUM_ARGS, is_loopback


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("out")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--no-map", action="store_true", help="the page has no map to wait for")
    parser.add_argument("--fold", action="store_true", help="only what the window shows first")
    args = parser.parse_args()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(
            viewport={"width": args.width, "height": args.height},
            locale="sv-SE",
            timezone_id="Europe/Stockholm",
        )
        page.route(
            "**/*",
            lambda route: route.continue_() if is_loopback(route.request.url) else route.abort(),
        )
        page.goto(args.url)
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000
        )
        if not args.no_map:
            frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
            frame.locator(".leaflet-interactive").first.wait_for(state="attached", timeout=30_000)
            frame.locator(".sm-board").wait_for(state="attached", timeout=30_000)  # the rows
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        page.screenshot(path=args.out, full_page=not args.fold)
        browser.close()


if __name__ == "__main__":
    main()
