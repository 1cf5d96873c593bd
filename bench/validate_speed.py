"""Print how long reading + validating a synthetic measures file takes, by size.

python -m bench.validate_speed [1000 10000 100000]
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.synthetic import HEADER, rows
from safetymap.config import get_settings
from safetymap.loaders import read_measures
from safetymap.places import load_places


def main(sizes: list[int]) -> None:
    places = load_places(get_settings().places_path)
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "synthetic.csv"

            with open(path, "w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows([HEADER, *rows(n, seed=1)])
            data = path.read_bytes()
        times = []
        for _ in range(3):
            start = time.perf_counter()
            loaded = read_measures(data, "synthetic.csv", places)
            times.append(time.perf_counter() - start)
        assert loaded.report.ok, loaded.report.errors[:3]
        print(
            f"{n:>7} rows  {len(data) / 1e6:6.1f} MB  median {statistics.median(times):6.2f} s"
            f"  ({len(loaded.report.warnings)} warnings)"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
