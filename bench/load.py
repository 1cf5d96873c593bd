"""Many viewers at once: N sessions against one app server, each changing filters.

    python -m bench.load [--client protocol|browser] [--sessions 50] [--measures 1000]
                         [--changes 2] [--think 5 15] [--browsers 0] [--deadline 600]
                         [--log server.log] [--url URL [--server-pid PID ...]]

Starts one app server (on SYNTHETIC data of ``--measures`` rows, or the shipped data with
``--measures 0``), or with ``--url`` uses a server or deployment that is already running
(``deploy/run``'s nginx, say; its data is what it serves), opens ``--sessions`` sessions at
once, waits for each one's map, then in
every session changes the search ``--changes`` times (a search, then back to every row, …).
Prints p50/p95 of the first map and of a filter change, the number of failed sessions (with
the first errors), the server's resident memory per open session (from /proc) and the share
of a core the server used; with ``--url``, of the processes ``--server-pid`` names (summed:
the app servers behind nginx), or of the Streamlit server on the URL's port when none is
named. Bounded: every wait has a timeout and the whole run stops at
``--deadline``; nothing but the loopback is reached.

Two kinds of viewer:

* ``--client protocol`` (the default): each session is a ``bench.stream_client.StreamSession``,
  which speaks Streamlit's websocket protocol as the browser's frontend does, all in this
  process, so the server carries N sessions while the client costs almost nothing. Its
  "first run" is the time from connecting to the end of the first script run with the map
  sent, not drawn (nothing draws it); a change is timed from sending the new search to the
  end of the run whose map has new layers. Before each change a session waits a think time
  drawn uniformly from ``--think LOW HIGH`` seconds (default 5–15 s, a viewer reading the
  map between changes; ``1 3`` makes every session change at about the same moment, ``0 0``
  for none), so the sessions do not change filters in lock-step. ``--browsers K`` adds K
  real Chromium pages (as in browser mode) at the same time, to show what a browser sees
  under that load.
* ``--client browser``: every session is a page in one headless Chromium (no host but the
  loopback resolves), timed from navigation to the map's symbols and from Enter to the
  updated map. On a 2-core machine Chromium itself cannot boot 50 Streamlit pages.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from collections.abc import Coroutine, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Browser, async_playwright

from bench.stream_client import Run, StreamSession
from bench.synthetic import synthetic_csv
from tools.appserver import start_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP = 'iframe[title="streamlit_folium.st_folium"]'
INVIEW = ".safetymap-inview-toggle"
SEARCH = "Sök i titel och beskrivning"
SEARCHES = ("åtgärd 1", "åtgärd 2", "åtgärd 3", "åtgärd 4")  # ~110 of 1 000 synthetic rows
WAIT_MS = 180_000
# Every page is a viewer in front of a screen: Chromium must not throttle the ones it
# considers in the background. Nothing leaves the machine (OFFLINE_ARGS).
LOAD_ARGS = [
    *CHROMIUM_ARGS,
    *OFFLINE_ARGS,
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]

Timings = tuple[float, list[float]]  # a session's first map (or run) and its filter changes


@dataclass(frozen=True)
class Load:
    """What one round of the bench opens and does."""

    client: str  # "protocol" or "browser"
    sessions: int
    changes: int
    think: tuple[float, float]  # protocol sessions: seconds before each change, low and high
    browsers: int  # protocol mode: Chromium pages opened beside the protocol sessions
    deadline: float


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


def _server_usage(procs: Sequence[Path]) -> tuple[float, float]:
    """The servers' resident memory (MB) and the CPU time they have used (s), summed."""
    memory = cpu = 0.0
    for proc in procs:
        status = (proc / "status").read_text().splitlines()
        rss = next(x for x in status if x.startswith("VmRSS"))
        fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime + stime
        memory += int(rss.split()[1]) / 1024
        cpu += ticks / os.sysconf("SC_CLK_TCK")
    return memory, cpu


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _query(index: int, step: int) -> str:
    """A search, then back to every row: each change changes what the map shows."""
    return SEARCHES[index % len(SEARCHES)] if step % 2 == 0 else ""


async def _session(
    browser: Browser, url: str, index: int, changes: int, done: asyncio.Barrier
) -> Timings:
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
        search = page.get_by_label(SEARCH)
        for step in range(changes):
            before = await frame.locator(INVIEW).inner_text(timeout=WAIT_MS)
            start = time.perf_counter()
            await search.fill(_query(index, step))
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


def _map_layers(run: Run, before: str | None) -> str:
    """The map layers ``run`` sent; an error if it failed, sent no map or the same layers."""
    if run.errors:
        raise RuntimeError(f"the script failed: {run.errors[0]}")
    layers = (run.map_args() or {}).get("feature_group")
    if layers is None:
        raise RuntimeError("the run sent no map")
    if layers == before:
        raise RuntimeError("the map's layers did not change with the filter")
    return layers


async def _protocol_session(url: str, index: int, load: Load, done: asyncio.Barrier) -> Timings:
    """One viewer over the websocket protocol: first run, then ``load.changes`` searches with
    a think time before each; stays open until every session is done."""
    think = random.Random(index)
    session = StreamSession(url, timeout=WAIT_MS / 1000)
    try:
        start = time.perf_counter()
        layers = _map_layers(await session.open(), None)
        first = time.perf_counter() - start
        timed = []
        for step in range(load.changes):
            await asyncio.sleep(think.uniform(*load.think))
            run = await session.set_text(SEARCH, _query(index, step))
            layers = _map_layers(run, layers)
            timed.append(run.seconds)
        return first, timed
    finally:
        await done.wait()
        await session.close()


def _print_group(
    title: str, results: Sequence[Timings | BaseException], first: str, note: str = ""
) -> None:
    """The sessions that failed (with the first errors) and p50/p95 of those that did not;
    ``first`` names the first time, ``note`` says what it is."""
    finished = [r for r in results if not isinstance(r, BaseException)]
    failed = [r for r in results if isinstance(r, BaseException)]
    print(f"{title}: {len(failed)} failed")
    for error in failed[:3]:
        print(f"  failure: {type(error).__name__}: {(str(error) or '-').splitlines()[0]}")
    firsts = [r[0] for r in finished]
    changed = [t for r in finished for t in r[1]]
    if firsts:
        print(f"  {first:<14} p50 {_p(firsts, 0.5):6.2f} s   p95 {_p(firsts, 0.95):6.2f} s{note}")
    if changed:
        print(
            f"  filter change  p50 {_p(changed, 0.5):6.2f} s   p95 {_p(changed, 0.95):6.2f} s"
            f"   ({len(changed)} changes)"
        )


async def _run(url: str, procs: Sequence[Path], load: Load) -> None:
    browsers = load.sessions if load.client == "browser" else load.browsers
    protocol = load.sessions if load.client == "protocol" else 0
    async with AsyncExitStack() as stack:
        done = asyncio.Barrier(protocol + browsers + 1)
        viewers: list[Coroutine[Any, Any, Timings]] = [
            _protocol_session(url, i, load, done) for i in range(protocol)
        ]
        if browsers:
            playwright = await stack.enter_async_context(async_playwright())
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=LOAD_ARGS)
            stack.push_async_callback(browser.close)
            viewers += [_session(browser, url, i, load.changes, done) for i in range(browsers)]
        memory, cpu = _server_usage(procs)
        client_cpu = time.process_time()
        runs = asyncio.gather(*viewers, return_exceptions=True)
        start = time.perf_counter()
        waiting = asyncio.create_task(done.wait())
        await asyncio.wait_for(asyncio.shield(waiting), timeout=load.deadline)
        wall = time.perf_counter() - start
        memory_open, cpu_after = _server_usage(procs)
        client_cpu = time.process_time() - client_cpu
        results = await runs
    changes = f"{load.changes} filter changes each"
    if protocol:
        low, high = load.think
        thinking = f" ({low:g}–{high:g} s before each)" if load.changes else ""
        _print_group(
            f"{protocol} protocol sessions at once, {changes}{thinking}",
            results[:protocol],
            "first run",
            "   (connect to run finished, map sent, not drawn)",
        )
    if browsers:
        title = f"{browsers} sessions at once, {changes}"
        if protocol:
            title = f"{browsers} Chromium pages beside them, {changes}"
        _print_group(title, results[protocol:], "first map")
    print(
        f"  server memory  {memory:.0f} MB before, {memory_open:.0f} MB with the sessions "
        f"open: {(memory_open - memory) / max(1, protocol + browsers):.1f} MB per session"
    )
    client = f"this client ({client_cpu:.1f} s of CPU)"
    sharing = {
        (False, True): "the browser shares the machine",
        (True, False): f"{client} shares the machine",
        (True, True): f"{client} and Chromium share the machine",
    }[(bool(protocol), bool(browsers))]
    print(
        f"  server CPU     {cpu_after - cpu:.1f} s in {wall:.1f} s of wall time "
        f"({(cpu_after - cpu) / wall:.0%} of one core); {sharing}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--client", choices=("protocol", "browser"), default="protocol")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--measures", type=int, default=1000, help="synthetic rows; 0: shipped")
    parser.add_argument("--changes", type=int, default=2)
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(5.0, 15.0),
        metavar=("LOW", "HIGH"),
        help="protocol sessions: seconds before each change, uniform in [LOW, HIGH]",
    )
    parser.add_argument(
        "--browsers", type=int, default=0, help="protocol mode: Chromium pages beside them"
    )
    parser.add_argument("--deadline", type=float, default=600.0)
    parser.add_argument("--log", type=Path, help="keep the server's output in this file")
    parser.add_argument("--url", help="a running server or deployment instead of a new server")
    parser.add_argument(
        "--server-pid",
        type=int,
        action="append",
        default=[],
        help="with --url: a server process whose memory and CPU to read (repeatable)",
    )
    args = parser.parse_args()
    load = Load(
        args.client, args.sessions, args.changes, tuple(args.think), args.browsers, args.deadline
    )
    if args.url:
        url = args.url if args.url.endswith("/") else f"{args.url}/"
        procs = [Path(f"/proc/{pid}") for pid in args.server_pid]
        _measure(url, procs or [_server_proc(urlsplit(url).port or 80)], load)
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = {"SAFETYMAP_TILES": "none"}
        if args.measures:
            path = Path(tmp) / f"synthetic-{args.measures}.csv"
            path.write_bytes(synthetic_csv(args.measures))
            env["SAFETYMAP_MEASURES"] = str(path)
        with start_app(env, startup_timeout_s=600, log_path=args.log) as url:
            _measure(url, [_server_proc(urlsplit(url).port or 80)], load)


def _measure(url: str, procs: Sequence[Path], load: Load) -> None:
    """One visit first (it fills an empty store, as a server's first visitor does), then
    the load."""
    asyncio.run(_run(url, procs, Load(load.client, 1, 0, (0.0, 0.0), 0, load.deadline)))
    print("---")
    asyncio.run(_run(url, procs, load))


if __name__ == "__main__":
    main()
