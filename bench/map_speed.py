"""Time the map in headless Chromium on SYNTHETIC data: first map, filter change, bytes.

    python -m bench.map_speed [1000 10000 ...] [--runs 3] [--located 0.05]

For each size it writes a synthetic file (bench/synthetic.py), starts the app on it
(``SAFETYMAP_MEASURES``, tiles off), and measures, as a new visitor (a fresh browser context,
nothing cached) with every non-loopback request blocked by Chromium itself
(``tools.browser.OFFLINE_ARGS``): time from navigation to the map showing its measure
symbols or clusters and the places' badges, time from a filter change (a search) to the
updated map (its in-view count), and bytes received over the websocket. Requests for
anywhere but the loopback are counted, whether blocked or not (there should be none). The
first visit after start-up (which reads and validates the file) is reported apart; the
figures are medians of the visits after it. Before the sizes it times the baseline page
(``bench.baseline``) the same
way, so that each run shows how fast the machine it ran on is.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

from bench.baseline import start_baseline
from bench.synthetic import LOCATED, synthetic_csv
from tools.appserver import start_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS, is_loopback

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP = 'iframe[title="streamlit_folium.st_folium"]'
INVIEW = ".safetymap-inview-toggle"  # "Lista: N i kartbilden": N follows the filter


def _leaves_machine(url: str) -> bool:
    """A request over the network (not data: or blob:) for anything but what the app serves."""
    return urlsplit(url).scheme in ("http", "https", "ws", "wss") and not is_loopback(url)


def time_to_first_map(page, url: str, badges: bool = True) -> float:
    """Seconds from opening ``url`` in ``page`` to its map showing a measure symbol or cluster
    and (``badges``: the app, not the baseline page) the places' badges of their measures."""
    start = time.perf_counter()
    page.goto(url)
    drawn = page.frame_locator(MAP).locator(".measure-symbol, .measure-cluster")
    drawn.first.wait_for(state="attached", timeout=600_000)
    if badges:
        page.frame_locator(MAP).locator(".sm-badge").first.wait_for(
            state="attached", timeout=600_000
        )
    return time.perf_counter() - start


def baseline(browser, runs: int) -> float:
    """Median seconds to the baseline page's map (``bench.baseline``): this machine's floor."""
    with start_baseline() as url:
        times = []
        for _ in range(runs + 1):  # the first visit warms the server up and is not counted
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            times.append(time_to_first_map(page, url, badges=False))
            page.close()
    return statistics.median(times[1:])


def one_visit(browser, url: str) -> tuple[float, float, int, int]:
    """A new visitor (a fresh context): seconds to the first map and from a search to the
    updated map, bytes received over the websocket, requests for another host."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    outside = [0]  # requests for anywhere but the loopback, blocked or not
    page.on("request", lambda r: outside.__setitem__(0, outside[0] + _leaves_machine(r.url)))
    received = [0]
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda payload: received.__setitem__(0, received[0] + len(payload))
        ),
    )
    first_map = time_to_first_map(page, url)
    before = page.frame_locator(MAP).locator(INVIEW).inner_text()
    search = page.get_by_label("Sök i titel och beskrivning")
    start = time.perf_counter()
    search.fill("åtgärd 1")
    search.press("Enter")
    page.wait_for_function(
        """([sel, button, before]) => { const f = document.querySelector(sel);
             const b = f && f.contentDocument && f.contentDocument.querySelector(button);
             return b && b.textContent !== before; }""",
        arg=[MAP, INVIEW, before],
        timeout=600_000,
    )
    page.wait_for_selector(READY, timeout=600_000)
    change = time.perf_counter() - start
    page.close()
    return first_map, change, received[0], outside[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--located",
        type=float,
        default=LOCATED,
        help="share of rows with a point of their own (0.05: as the shipped data, where 74 "
        "of 78 rows cover their place)",
    )
    args = parser.parse_args()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *OFFLINE_ARGS])
        floor = baseline(browser, args.runs)
        print(
            f"{'baseline':>7} page      first map {floor:6.2f} s  (a title and a one-symbol map,"
            f" bench/baseline: this machine's floor, median of {args.runs})",
            flush=True,
        )
        for n in args.sizes:
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"synthetic-{n}.csv"
                path.write_bytes(synthetic_csv(n, located=args.located))
                env = {"SAFETYMAP_MEASURES": str(path), "SAFETYMAP_TILES": "none"}
                with start_app(env, startup_timeout_s=600) as url:
                    cold = one_visit(browser, url)  # reads and validates the file
                    runs = [one_visit(browser, url) for _ in range(args.runs)]
            first, change, sent = (statistics.median(r[i] for r in runs) for i in range(3))
            outside = sum(r[3] for r in (cold, *runs))
            print(
                f"{n:>7} measures ({args.located:.0%} located)  first map {first:6.2f} s"
                f"  filter change {change:6.2f} s"
                f"  received {sent / 1e6:6.2f} MB (medians of {args.runs} after a cold start"
                f" of {cold[0]:.2f} s; requests that tried to leave the machine: {outside})",
                flush=True,
            )
        browser.close()


if __name__ == "__main__":
    main()
