"""Print how long the free-text search takes, by size: making the rows' searchable texts
(once per data version) and then one search (each time the page runs with a query).

python -m bench.search_speed [1000 10000 100000]

The rows are the shipped measures repeated, each copy's title and description given its own
number so no two rows have the same text (the texts are made once per distinct cell: repeated
rows would flatter the first figure). Times are CPU seconds of this process, the median of a
few runs: on a shared machine wall time drifts with the neighbours' load.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import pandas as pd

from safetymap.config import get_settings
from safetymap.contract.schema import DESCRIPTION, TITLE
from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places, load_places
from safetymap.selection import search
from safetymap.selection.filters import MeasureFilter

QUERIES = ("kamera", "belysning", "polisen kista", "lighting", "finns inte")


def repeated(shipped: pd.DataFrame, n: int) -> pd.DataFrame:
    """``n`` rows: the shipped rows over and over, each with its own number in its texts."""
    copies = -(-n // len(shipped))
    frame = pd.concat([shipped] * copies, ignore_index=True).iloc[:n].copy()
    numbers = pd.Series(range(n), index=frame.index).astype(str)
    frame[TITLE] = frame[TITLE] + " " + numbers
    frame[DESCRIPTION] = frame[DESCRIPTION] + " nr " + numbers
    return frame


def _median(run: Callable[[], object], times: int = 5) -> float:
    spent = []
    for _ in range(times):
        start = time.process_time()
        run()
        spent.append(time.process_time() - start)
    return statistics.median(spent)


def main(sizes: list[int]) -> None:
    settings = get_settings()
    places: Places = load_places(settings.places_path)
    shipped = load_measures(settings.measures_path, places).measures
    for n in sizes:
        frame = repeated(shipped, n)
        build = _median(lambda frame=frame: search.measure_texts(frame, places), 3)
        texts = search.measure_texts(frame, places)
        print(f"{n:>7} rows  searchable texts made in {build:6.3f} s (once per version)")
        for query in QUERIES:
            first = _median(lambda query=query, texts=texts: search.match(texts, query))
            flt = MeasureFilter(query=query)
            found = len(flt.apply(frame, places))
            again = _median(lambda flt=flt, frame=frame: flt.apply(frame, places))
            print(
                f"{'':>13}{query!r:18} {found:>7} found  new search {first * 1000:6.1f} ms,"
                f"  the filter again (kept) {again * 1000:6.1f} ms"
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
