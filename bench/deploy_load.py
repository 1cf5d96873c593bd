"""The load bench through nginx: ``deploy/run`` with 1 and then 2 app servers, one table.

    python -m bench.deploy_load [--servers 1 2] [--sessions 50] [--measures 1000]
                                [--think 5 15 --think 1 3]

For each number of servers, starts ``deploy/run`` (its own PostgreSQL, nginx on a free
loopback port; ``tools.deployment``) on SYNTHETIC data of ``--measures`` rows, and for each
think time runs ``python -m bench.load --url`` through nginx with the app servers' process
ids, so its memory and CPU figures are theirs, summed. Before that, one session straight to
each app server warms it (the first visitor's imports and caches). Also reads each app
server's resident memory then, at rest. Prints one table (Markdown), a row per servers × think.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.stream_client import StreamSession
from bench.synthetic import synthetic_csv
from tools.appserver import ROOT
from tools.deployment import start_deployment

FIGURES = {
    "failed": r"sessions at once.*: (\d+) failed",
    "first": r"first run\s+p50\s+([\d.]+) s\s+p95\s+([\d.]+) s",
    "change": r"filter change\s+p50\s+([\d.]+) s\s+p95\s+([\d.]+) s",
    "memory": r"([\d.]+) MB per session",
    "cpu": r"\((\d+)% of one core\)",
}


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    return int(next(x for x in status if x.startswith("VmRSS")).split()[1]) / 1024


def _load(url: str, pids: list[int], sessions: int, think: tuple[float, float]) -> dict:
    """``bench.load --url`` through nginx; its figures for the load (after the first visit)."""
    command = [sys.executable, "-m", "bench.load", "--url", url, "--sessions", str(sessions)]
    command += ["--think", *(f"{t:g}" for t in think)]
    for pid in pids:
        command += ["--server-pid", str(pid)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    print(done.stdout, done.stderr, sep="", flush=True)
    load = done.stdout.split("---", 1)[-1]
    figures = {}
    for name, pattern in FIGURES.items():
        found = re.search(pattern, load)
        figures[name] = found.groups() if found else ("?",)
    return figures


async def _visit(url: str) -> None:
    """One session straight to an app server: its first run seeds an empty store and
    warms the server (imports, caches), as a first visitor does, so that each number of
    servers is measured warm."""
    session = StreamSession(url)
    try:
        await session.open()
    finally:
        await session.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--servers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--measures", type=int, default=1000)
    parser.add_argument("--think", type=float, nargs=2, action="append", metavar=("LOW", "HIGH"))
    args = parser.parse_args()
    thinks = [tuple(t) for t in args.think] if args.think else [(5.0, 15.0), (1.0, 3.0)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / f"synthetic-{args.measures}.csv"
        csv.write_bytes(synthetic_csv(args.measures))
        env = {"SAFETYMAP_TILES": "none", "SAFETYMAP_MEASURES": str(csv)}
        for servers in args.servers:
            with start_deployment(servers, env) as running:
                pids = list(running.servers.values())
                for url in running.urls.values():
                    asyncio.run(_visit(url))
                idle = sum(_rss_mb(pid) for pid in pids) / len(pids)
                for think in thinks:
                    print(f"=== {servers} servers, think {think[0]:g}–{think[1]:g} s", flush=True)
                    figures = _load(running.url, pids, args.sessions, think)
                    rows.append((servers, think, idle, figures))
    print(
        f"\n{args.sessions} sessions through nginx, {args.measures} synthetic rows\n\n"
        "| servers | think time | first run p50 / p95 | filter change p50 / p95 | failed "
        "| server memory per session | app server at rest | server CPU |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    for servers, think, idle, f in rows:
        first, change = f["first"], f["change"]
        print(
            f"| {servers} | {think[0]:g}–{think[1]:g} s | {first[0]} s / {first[-1]} s "
            f"| {change[0]} s / {change[-1]} s | {f['failed'][0]} | {f['memory'][0]} MB "
            f"| {idle:.0f} MB | {f['cpu'][0]} % of a core |"
        )


if __name__ == "__main__":
    main()
