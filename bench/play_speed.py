"""Time the play control (#21) on SYNTHETIC data: server cost and the browser's redraw per step.

    python -m bench.play_speed [1000 10000 100000] [--browser 10000 …] [--located 0.7]

For each size it writes a synthetic file (bench/synthetic.py), validates it as the app does,
and times on the server: ``playback.courses`` (every row's status each month, made once per
data and day), one filter's steps (every row; one place), and the map's packed layers
(``mapping.layer_data``) without and with the play, with the packed payload's size. Then,
for each ``--browser`` size (``--browser`` alone: none), it starts the app on that file
(tiles off) in headless Chromium and steps the map through every month of the play with
the control's own step (``Measures.showStep``), at the opening view and zoomed into a place:
the milliseconds from
a step to the frame that shows it (the step's script, then two animation frames: style,
layout and paint done), median and 95th percentile, as frames at 60 Hz. A step must stay
well inside the control's fastest pace (2×: 500 ms).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.synthetic import LOCATED, synthetic_csv
from safetymap.config import get_settings
from safetymap.intake.loaders import read_measures
from safetymap.intake.places import load_places
from safetymap.present import mapping
from safetymap.selection import playback
from safetymap.selection.filters import MeasureFilter
from tools.appserver import start_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP = 'iframe[title="streamlit_folium.st_folium"]'
FRAME_MS = 1000 / 60

STEP_ALL = """async () => {
  const layer = window.safetymap.drawn;
  const n = layer.play.months.length;
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  const times = [];
  for (let k = 0; k < n; k++) {
    const start = performance.now();
    layer.showStep(k);
    await frame();
    await frame();
    times.push(performance.now() - start);
  }
  return times;
}"""


def _timed(function, *args):
    """Seconds ``function(*args)`` took, and what it returned."""
    start = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - start, value


FILTERS = (("every row", MeasureFilter()), ("one place", MeasureFilter(places=("kista",))))


def server(n: int, located: float) -> None:
    places = load_places(get_settings().places_path)
    measures = read_measures(synthetic_csv(n, located=located), "synthetic.csv", places).measures
    took, course = _timed(playback.courses, measures, date.today())
    print(f"{n:>7} rows: courses {took * 1000:7.0f} ms ({len(course.months)} months)")
    for name, flt in FILTERS:
        rows_s, candidates = _timed(playback.play_rows, flt, measures, places)
        step_s, steps = _timed(playback.play_steps, course, flt, candidates)
        shown = flt.apply(measures, places)
        plain_s, plain = _timed(mapping.layer_data, shown, places, "sv")
        play_s, played = _timed(mapping.layer_data, shown, places, "sv", (steps, candidates))
        sizes = [len(data.rows_packed) / 1024 for data in (plain, played)]
        print(
            f"{'':>13}{name}: steps {step_s * 1000:6.0f} ms (rows {rows_s * 1000:5.0f} ms), "
            f"layers {plain_s * 1000:6.0f} ms → with play {play_s * 1000:6.0f} ms, "
            f"packed {sizes[0]:6.0f} → {sizes[1]:6.0f} kB"
        )


def browser(n: int, located: float) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"synthetic-{n}.csv"
        path.write_bytes(synthetic_csv(n, located=located))
        env = {"SAFETYMAP_MEASURES": str(path), "SAFETYMAP_TILES": "none"}
        with start_app(env, startup_timeout_s=600) as url, sync_playwright() as p:
            chromium = p.chromium.launch(
                executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *OFFLINE_ARGS]
            )
            page = chromium.new_page(viewport={"width": 1920, "height": 1080})
            for label, query in (("opening view", ""), ("zoomed into Kista", "?place=kista")):
                page.goto(url + query)
                page.wait_for_selector(READY, timeout=600_000)
                frame = page.frame_locator(MAP)
                frame.locator(".safetymap-play").wait_for(timeout=600_000)
                times = page.locator(MAP).evaluate(f"(f) => f.contentWindow.eval({STEP_ALL!r})()")
                ranked = sorted(times)
                median = statistics.median(ranked)
                p95 = ranked[int(len(ranked) * 0.95) - 1]
                print(
                    f"{n:>7} rows, {label}: {len(times)} steps, per step median {median:5.0f} ms "
                    f"({median / FRAME_MS:4.1f} frames), 95th percentile {p95:5.0f} ms "
                    f"({p95 / FRAME_MS:4.1f} frames)"
                )
            chromium.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10_000, 100_000])
    parser.add_argument(
        "--browser",
        type=int,
        nargs="*",
        default=[10_000],
        help="sizes for the browser; none: no run",
    )
    parser.add_argument("--located", type=float, default=LOCATED)
    args = parser.parse_args()
    for n in args.sizes:
        server(n, args.located)
    for n in args.browser:
        browser(n, args.located)


if __name__ == "__main__":
    main()
