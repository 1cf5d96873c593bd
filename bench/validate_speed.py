"""Print how long reading + validating a synthetic measures file takes, by size: a valid
file, and the same rows each with a problem (``bench.synthetic.troubled``).

python -m bench.validate_speed [1000 10000 100000]
"""

from __future__ import annotations

import statistics
import sys
import time

from bench.synthetic import synthetic_csv
from safetymap.config import get_settings
from safetymap.intake.loaders import read_measures
from safetymap.intake.places import load_places


def main(sizes: list[int]) -> None:
    places = load_places(get_settings().places_path)
    for with_problems in (False, True):
        print("every row with a problem" if with_problems else "valid rows")
        for n in sizes:
            data = synthetic_csv(n, with_problems)
            times = []
            for _ in range(3):
                start = time.perf_counter()
                loaded = read_measures(data, "synthetic.csv", places)
                times.append(time.perf_counter() - start)
            assert loaded.report.ok != with_problems, loaded.report.errors[:3]
            median = statistics.median(times)
            print(
                f"{n:>7} rows  {len(data) / 1e6:6.1f} MB  median {median:6.2f} s"
                f"  ({median / n * 1e6:5.1f} µs a row; {len(loaded.report.errors)} errors,"
                f" {len(loaded.report.warnings)} warnings)"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
