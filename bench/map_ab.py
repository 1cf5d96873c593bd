"""Compare the map's speed of this checkout with another revision's, visits taken in turn.

    python -m bench.map_ab REVISION [--measures 10000] [--runs 10] [--located 0.05]

This machine's speed drifts by a few tenths of a second within an hour, more than most
changes to the first map gain, so two ``bench.map_speed`` runs at different times cannot
tell two builds apart. This script checks ``REVISION`` out into a temporary git worktree,
starts both apps on the same SYNTHETIC file (``bench/synthetic.py``) and the same
interpreter, and then, round after round, visits each once as a new visitor, in an order
shuffled every round (``bench.map_speed``'s visit: first map, a filter change, bytes
received). It prints both builds' medians and every visit's first map, so drift hits both
alike and stays visible.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import tempfile
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.map_speed import one_visit
from bench.synthetic import LOCATED, synthetic_csv
from tools.appserver import ROOT, start_app
from tools.browser import CHROMIUM, CHROMIUM_ARGS, OFFLINE_ARGS

WARM_VISITS = 2  # per build, not counted: the first one reads and validates the file


def _worktree(stack: ExitStack, revision: str) -> Path:
    """``revision`` checked out in a temporary worktree, removed when ``stack`` closes."""
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="safetymap-ab-")))
    checkout = folder / "checkout"
    git = ["git", "-C", str(ROOT)]
    subprocess.run([*git, "worktree", "add", "--detach", str(checkout), revision], check=True)
    stack.callback(subprocess.run, [*git, "worktree", "remove", "--force", str(checkout)])
    return checkout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("revision", help="a git revision to compare this checkout with")
    parser.add_argument("--measures", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--located", type=float, default=LOCATED, help="share of rows with a point of their own"
    )
    args = parser.parse_args()
    with ExitStack() as stack, sync_playwright() as pw:
        other = _worktree(stack, args.revision)
        data = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "synthetic.csv"
        data.write_bytes(synthetic_csv(args.measures, located=args.located))
        env = {"SAFETYMAP_MEASURES": str(data), "SAFETYMAP_TILES": "none"}
        builds = {"this checkout": ROOT, args.revision: other}
        urls = {
            name: stack.enter_context(start_app(env, startup_timeout_s=600, root=root))
            for name, root in builds.items()
        }
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *OFFLINE_ARGS])
        for url in urls.values():
            for _ in range(WARM_VISITS):
                one_visit(browser, url)
        visits: dict[str, list[tuple[float, float, int, int]]] = {name: [] for name in urls}
        for _ in range(args.runs):
            order = list(urls)
            random.shuffle(order)
            for name in order:
                visits[name].append(one_visit(browser, urls[name]))
        browser.close()
    for name, runs in visits.items():
        first, change = (statistics.median(r[i] for r in runs) for i in range(2))
        print(
            f"{name:>16}: first map {first:5.2f} s  filter change {change:5.2f} s"
            f"  ({args.measures} measures, {args.located:.0%} located, {args.runs} visits:"
            f" {' '.join(f'{r[0]:.2f}' for r in runs)})"
        )


if __name__ == "__main__":
    main()
