"""A new server's first start on SYNTHETIC rows: seconds until its first visitor's map.

    python -m bench.first_start [--measures 100000] [--store sqlite|postgres] [--runs 1]
                                [--log server.log]

Writes ``--measures`` synthetic rows (``bench.synthetic``), starts one app server on them
with an empty store (SQLite in a temporary folder, or a throwaway PostgreSQL server), and
opens one session over Streamlit's websocket protocol (``bench.stream_client``) as soon as
the server answers its health check. That visit seeds the store (reads and validates the
file, publishes it as version 1) and runs the map page. Prints, for each run, the seconds
from starting the process to a healthy server, and to the end of that first run with the
map sent ("map ready"), and the first run's own time.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

from bench.load import SEARCH
from bench.stream_client import StreamSession
from bench.synthetic import synthetic_csv
from tools.appserver import start_app
from tools.pgserver import start_postgres


async def _first_map(url: str) -> float:
    """Open one session; the seconds its first run took. Fails if it sent no map."""
    session = StreamSession(url, timeout=300)
    try:
        run = await session.open()
        if run.errors or run.map_args() is None or run.find("text_input", SEARCH) is None:
            raise RuntimeError(f"the first run sent no map: {run.errors[:1]}")
        return run.seconds
    finally:
        await session.close()


def first_start(csv: Path, store: str, log: Path | None) -> tuple[float, float, float]:
    """Seconds to healthy, to the first map, and the first run's own."""
    with ExitStack() as stack:
        env = {"SAFETYMAP_TILES": "none", "SAFETYMAP_MEASURES": str(csv)}
        if store == "postgres":
            env["DATABASE_URL"] = stack.enter_context(start_postgres())
        start = time.perf_counter()
        url = stack.enter_context(start_app(env, startup_timeout_s=300, log_path=log))
        healthy = time.perf_counter() - start
        run = asyncio.run(_first_map(url))
        return healthy, time.perf_counter() - start, run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--store", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--log", type=Path, help="keep the server's output in this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / f"synthetic-{args.measures}.csv"
        csv.write_bytes(synthetic_csv(args.measures))
        print(f"first start, {args.measures} synthetic rows, empty {args.store} store")
        for _ in range(args.runs):
            healthy, ready, run = first_start(csv, args.store, args.log)
            print(
                f"  healthy after {healthy:5.2f} s   map ready after {ready:5.2f} s"
                f"   (first run {run:5.2f} s: seeds the store, runs the map page)"
            )


if __name__ == "__main__":
    main()
