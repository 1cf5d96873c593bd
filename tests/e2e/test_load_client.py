"""Sessions of the load bench's protocol client (``bench/stream_client.py``) on one server:
each gets its map, a search changes the count it shows to the rows that match and clearing
it brings every row back, and a session does not see another session's search."""

from __future__ import annotations

import asyncio
import csv
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.stream_client import Run, StreamSession
from bench.synthetic import HEADER, rows
from safetymap.contract.i18n import t

ROWS = rows(200, seed=3)
SEARCH = t("search", "sv")  # "Sök i titel och beskrivning"
COUNT = t("rows_metric", "sv")  # the measure count at the top of the map page
TIMEOUT_S = 60.0


def _matching(text: str) -> int:
    """Synthetic rows whose title contains ``text``, ignoring case (they have no
    description)."""
    title = HEADER.index("title")
    return sum(text.casefold() in row[title].casefold() for row in ROWS)


def _layers(run: Run) -> str:
    args = run.map_args()
    assert args is not None, "the run sent no map"
    return args["feature_group"]


async def _three_viewers(url: str) -> None:
    a, b, c = (StreamSession(url, timeout=TIMEOUT_S) for _ in range(3))
    try:
        firsts = await asyncio.gather(a.open(), b.open(), c.open())
        for run in firsts:
            assert run.errors == []
            assert run.metric(COUNT) == str(len(ROWS))
            assert _layers(run)

        searched_a, searched_c = await asyncio.gather(
            a.set_text(SEARCH, "åtgärd 1"), c.set_text(SEARCH, "ÅTGÄRD 2")
        )
        assert searched_a.metric(COUNT) == str(_matching("åtgärd 1"))
        assert searched_c.metric(COUNT) == str(_matching("åtgärd 2"))
        assert 0 < _matching("åtgärd 2") < _matching("åtgärd 1") < len(ROWS)
        assert _layers(searched_a) != _layers(firsts[0])
        assert _layers(searched_c) not in {_layers(firsts[2]), _layers(searched_a)}

        untouched = await b.rerun()  # B never searched: still every row
        assert untouched.metric(COUNT) == str(len(ROWS))
        assert _layers(untouched) == _layers(firsts[1])

        cleared = await a.set_text(SEARCH, "")
        assert cleared.metric(COUNT) == str(len(ROWS))
        assert _layers(cleared) == _layers(firsts[0])
    finally:
        await asyncio.gather(a.close(), b.close(), c.close())


def test_protocol_sessions_search_apart(
    app_with_measures: Callable[[Path], str], tmp_path: Path
) -> None:
    path = tmp_path / "synthetic.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, *ROWS])
    url = app_with_measures(path)
    # A thread of its own: Playwright's sync API, used by the browser tests in this session,
    # keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, _three_viewers(url)).result()
