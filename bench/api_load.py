"""The API under load, and what the app's own sessions notice of it.

    python -m bench.api_load [--measures 10000] [--changes 20] [--clients 1] [--limit 1000]
                             [--deadline 600]

Starts one app server (``streamlit run app.py``, as README starts it) on SYNTHETIC data of
``--measures`` rows, opens one Streamlit session (``bench.stream_client``: the websocket
protocol, drawing nothing) whose first run seeds the store, then measures:

* the API alone: its first items request (it loads the version: validation of every row,
  once), a page of ``--limit`` items, all pages followed by their ``next`` links, one item,
  and each file (CSV, GeoJSON, GeoPackage) of every row;
* the session's filter change (a new search, from sending it to the end of the run with the
  new map) ``--changes`` times with the API idle, then ``--changes`` times while
  ``--clients`` clients, each a process of its own, page through every item of the API over
  and over, with no pause (on the same machine: they take some of its two cores too).

Prints p50/p95 of each. Bounded: every request has a timeout, the whole run stops at
``--deadline``, and nothing but the loopback is reached.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import re
import tempfile
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path

from bench.load import SEARCH, _p, _query
from bench.stream_client import StreamSession
from bench.synthetic import synthetic_csv
from tests.e2e.http import fetch
from tools.appserver import start_app

NEXT = re.compile(rb'"href":"([^"]+)","rel":"next"')


def _timed(url: str) -> tuple[float, dict | bytes]:
    start = time.perf_counter()
    answer = fetch(url)
    seconds = time.perf_counter() - start
    if answer.status != 200:
        raise RuntimeError(f"{url}: {answer.status} {answer.body[:200]!r}")
    body = answer.json() if "json" in answer.media_type else answer.body
    return seconds, body


def _page_through(url: str, stop: Event | None = None) -> list[float]:
    """Follow the ``next`` links from ``url`` to the end; the seconds of each page. The link
    is found in the page's first bytes (the links come before the features), so the client
    costs little beside the server: it does not parse the features."""
    seconds = []
    while url and not (stop and stop.is_set()):
        start = time.perf_counter()
        answer = fetch(url)
        seconds.append(time.perf_counter() - start)
        if answer.status != 200:
            raise RuntimeError(f"{url}: {answer.status} {answer.body[:200]!r}")
        found = NEXT.search(answer.body[:4096])
        url = found.group(1).decode() if found else ""
    return seconds


def _client(url: str, stop: Event, results: Queue) -> None:
    """A client in a process of its own paging through every item again and again until
    ``stop``; puts the seconds of each page on ``results``."""
    served: list[float] = []
    while not stop.is_set():
        served.extend(_page_through(url, stop))
    results.put(served)


def _line(name: str, values: list[float], note: str = "") -> None:
    print(f"  {name:<34} p50 {_p(values, 0.5):6.3f} s   p95 {_p(values, 0.95):6.3f} s   {note}")


async def _changes(session: StreamSession, count: int, offset: int) -> list[float]:
    timed = []
    for step in range(count):
        run = await session.set_text(SEARCH, _query(0, offset + step))
        if run.errors:
            raise RuntimeError(f"the script failed: {run.errors[0]}")
        timed.append(run.seconds)
    return timed


async def _bench(url: str, args: argparse.Namespace) -> None:
    api = f"{url}api/"
    items = f"{api}collections/measures/items?limit={args.limit}"
    session = StreamSession(url, timeout=args.deadline)
    start = time.perf_counter()
    await session.open()
    print(f"first session run (seeds the store): {time.perf_counter() - start:.2f} s")

    print("the API alone")
    first, page = await asyncio.to_thread(_timed, items)
    print(f"  first items request (loads the version)   {first:.2f} s")
    matched = page["numberMatched"]  # type: ignore[index]
    pages = [await asyncio.to_thread(_timed, items) for _ in range(10)]
    _line(f"a page of {args.limit} items", [p[0] for p in pages])
    every = await asyncio.to_thread(_page_through, items)
    _line(f"each page of all {matched} items", every, f"all of them: {sum(every):.2f} s")
    feature_id = page["features"][-1]["id"]  # type: ignore[index]
    one = [(await asyncio.to_thread(_timed, f"{api}collections/measures/items/{feature_id}"))[0]
           for _ in range(10)]  # fmt: skip
    _line("one item", one)
    for name in ("measures.csv", "measures.geojson", "measures.gpkg"):
        times = [(await asyncio.to_thread(_timed, f"{api}files/{name}"))[0] for _ in range(3)]
        _line(f"file {name} ({matched} rows)", times)

    print(f"the session's filter change ({args.changes} changes each)")
    idle = await _changes(session, args.changes, 0)
    _line("with the API idle", idle)
    spawn = multiprocessing.get_context("spawn")
    stop, results = spawn.Event(), spawn.Queue()
    clients = [
        spawn.Process(target=_client, args=(items, stop, results)) for _ in range(args.clients)
    ]
    for process in clients:
        process.start()
    await asyncio.sleep(3.0)  # the clients are paging
    loaded_start = time.perf_counter()
    loaded = await _changes(session, args.changes, args.changes)
    wall = time.perf_counter() - loaded_start
    stop.set()
    served = [s for _ in clients for s in results.get(timeout=120)]
    for process in clients:
        process.join(timeout=60)
    _line(f"while {args.clients} client(s) page through the API", loaded)
    _line("  … and each page they got meanwhile", served, f"({len(served)} pages in {wall:.0f} s)")
    await session.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measures", type=int, default=10_000, help="synthetic rows")
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--limit", type=int, default=1000, help="rows per API page")
    parser.add_argument("--deadline", type=float, default=600.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="safetymap-api-bench-") as folder:
        path = Path(folder) / "synthetic.csv"
        path.write_bytes(synthetic_csv(args.measures))
        with start_app({"SAFETYMAP_MEASURES": str(path)}, startup_timeout_s=120) as url:
            print(f"{args.measures} synthetic measures, server at {url}")
            asyncio.run(asyncio.wait_for(_bench(url, args), timeout=args.deadline))


if __name__ == "__main__":
    main()
