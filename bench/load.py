"""Many viewers at once: N browser sessions against one app server, each changing filters.

    python -m bench.load [--sessions 50] [--measures 1000] [--changes 2] [--deadline 600]

Starts one app server (on SYNTHETIC data of ``--measures`` rows, or the shipped data with
``--measures 0``), opens ``--sessions`` pages at once in one headless Chromium (no host but the
loopback resolves), waits for each map, then in every page changes the search ``--changes``
times (a search, then back to every row, …) and times each change from Enter to the updated
map. Prints p50/p95 of the first map and of a filter change, the number of failed sessions,
the server's resident memory per open session (from /proc) and the share of a core the
server used. Bounded: every wait has a timeout and the whole run stops at ``--deadline``.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import tempfile
import time
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from bench.synthetic import HEADER, rows
from tools.appserver import start_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP = 'iframe[title="streamlit_folium.st_folium"]'
INVIEW = ".safetymap-inview-toggle"
SEARCHES = ("åtgärd 1", "åtgärd 2", "åtgärd 3", "åtgärd 4")  # ~110 of 1 000 synthetic rows
WAIT_MS = 180_000
# Every page is a viewer in front of a screen: Chromium must not throttle the ones it
# considers in the background. No host but the loopback resolves: nothing leaves the machine,
# without routing every request through Playwright (which would time the harness instead).
LOAD_ARGS = [
    *CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]


def _server_proc(port: int) -> Path:
    """The /proc folder of the Streamlit process listening on ``port`` (Linux)."""
    needle = f"--server.port\0{port}\0".encode()
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and needle in (proc / "cmdline").read_bytes():
                return proc
        except OSError:
            continue
    raise RuntimeError(f"no server process on port {port}")


def _server_usage(port: int) -> tuple[float, float]:
    """The server's resident memory (MB) and the CPU time it has used (s)."""
    proc = _server_proc(port)
    rss = next(x for x in (proc / "status").read_text().splitlines() if x.startswith("VmRSS"))
    fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    return int(rss.split()[1]) / 1024, ticks / os.sysconf("SC_CLK_TCK")


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _session(
    browser: Browser, url: str, index: int, changes: int, done: asyncio.Barrier
) -> tuple[float, list[float]]:
    """One viewer: open the map, change the search ``changes`` times, then stay open until
    every session is done (so the server's memory is read with all of them open)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await context.new_page()
        start = time.perf_counter()
        await page.goto(url, timeout=WAIT_MS)
        frame = page.frame_locator(MAP)
        await frame.locator(".measure-symbol, .measure-cluster").first.wait_for(
            state="attached", timeout=WAIT_MS
        )
        first = time.perf_counter() - start
        await page.wait_for_selector(READY, timeout=WAIT_MS)
        timed = []
        search = page.get_by_label("Sök i titel och beskrivning")
        for step in range(changes):
            before = await frame.locator(INVIEW).inner_text(timeout=WAIT_MS)
            # A search, then back to every row: each change changes what the map shows.
            query = SEARCHES[index % len(SEARCHES)] if step % 2 == 0 else ""
            start = time.perf_counter()
            await search.fill(query)
            await search.press("Enter")
            await page.wait_for_function(
                """([sel, button, before]) => { const f = document.querySelector(sel);
                     const b = f && f.contentDocument && f.contentDocument.querySelector(button);
                     return b && b.textContent !== before; }""",
                arg=[MAP, INVIEW, before],
                timeout=WAIT_MS,
            )
            await page.wait_for_selector(READY, timeout=WAIT_MS)
            timed.append(time.perf_counter() - start)
        return first, timed
    finally:
        await done.wait()
        await context.close()


async def _run(url: str, port: int, sessions: int, changes: int, deadline: float) -> None:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=LOAD_ARGS)
        memory, cpu = _server_usage(port)
        done = asyncio.Barrier(sessions + 1)
        runs = asyncio.gather(
            *(_session(browser, url, i, changes, done) for i in range(sessions)),
            return_exceptions=True,
        )
        start = time.perf_counter()
        waiting = asyncio.create_task(done.wait())
        await asyncio.wait_for(asyncio.shield(waiting), timeout=deadline)
        wall = time.perf_counter() - start
        memory_open, cpu_after = _server_usage(port)
        results = await runs
        await browser.close()
    finished = [r for r in results if not isinstance(r, BaseException)]
    failed = [r for r in results if isinstance(r, BaseException)]
    firsts = [r[0] for r in finished]
    changed = [t for r in finished for t in r[1]]
    print(f"{sessions} sessions at once, {changes} filter changes each: {len(failed)} failed")
    for error in failed[:3]:
        print(f"  failure: {type(error).__name__}: {str(error).splitlines()[0]}")
    if firsts:
        print(f"  first map      p50 {_p(firsts, 0.5):6.2f} s   p95 {_p(firsts, 0.95):6.2f} s")
    if changed:
        print(
            f"  filter change  p50 {_p(changed, 0.5):6.2f} s   p95 {_p(changed, 0.95):6.2f} s"
            f"   ({len(changed)} changes)"
        )
    print(
        f"  server memory  {memory:.0f} MB before, {memory_open:.0f} MB with the sessions "
        f"open: {(memory_open - memory) / max(1, sessions):.1f} MB per session"
    )
    print(
        f"  server CPU     {cpu_after - cpu:.1f} s in {wall:.1f} s of wall time "
        f"({(cpu_after - cpu) / wall:.0%} of one core); the browser shares the machine"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--measures", type=int, default=1000, help="synthetic rows; 0: shipped")
    parser.add_argument("--changes", type=int, default=2)
    parser.add_argument("--deadline", type=float, default=600.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {"SAFETYMAP_TILES": "none"}
        if args.measures:
            path = Path(tmp) / f"synthetic-{args.measures}.csv"
            with open(path, "w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows([HEADER, *rows(args.measures, seed=1)])
            env["SAFETYMAP_MEASURES"] = str(path)
        with start_app(env, startup_timeout_s=600) as url:
            port = int(url.rstrip("/").rsplit(":", 1)[1])
            # One visit first: it fills the empty store, as a server's first visitor does.
            asyncio.run(_run(url, port, 1, 0, args.deadline))
            print("---")
            asyncio.run(_run(url, port, args.sessions, args.changes, args.deadline))


if __name__ == "__main__":
    main()
