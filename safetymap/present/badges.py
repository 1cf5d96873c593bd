"""What the map's badges and frames count, worked out from the shown rows (issue #17).

Zoomed out, each top-level place carries a badge: the shown rows of the place and its focus
areas, how many, by measure type, by status and by actor. Zoomed in, each place and focus
area carries a frame of the rows that apply to the whole area (no point of their own).
``static/safetymap/measures.js`` draws both from ``badge_payload``, and counts nothing
itself: the layer list can switch a measure type off, so the counts are kept by type and
the browser adds up the types still on, as ``BadgeData.badges`` and
``BadgeData.whole_area`` do. Pure: no folium, no Streamlit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from safetymap.contract.schema import ACTORS, LOCATED, MEASURE_TYPE, PLACE, STATUS
from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.places import Places

Count = tuple[str, int]  # a type, status, actor or place id and its number of rows


@dataclass(frozen=True)
class TypeTally:
    """The shown rows of one measure type at one place (its focus areas included)."""

    type_id: str
    count: int
    statuses: tuple[Count, ...]  # in the vocabulary's order, those present
    actors: tuple[Count, ...]  # by name: how many of the rows name each actor


@dataclass(frozen=True)
class Badge:
    """What a place's badge shows: its shown rows and those of its focus areas."""

    place_id: str
    total: int
    types: tuple[Count, ...]  # in the vocabulary's order, those present
    statuses: tuple[Count, ...]  # in the vocabulary's order, those present
    actors: tuple[Count, ...]  # the most rows first, then by name


@dataclass(frozen=True)
class BadgeData:
    """The counts behind the badges and frames, kept by measure type.

    ``places``: each top-level place with shown rows (in the places' order; a place that is
    none of them after, under its own id), with one tally per type present (vocabulary
    order). ``areas``: each place or focus area with shown rows that have no point of their
    own, with their number by type.
    """

    places: tuple[tuple[str, tuple[TypeTally, ...]], ...]
    areas: tuple[tuple[str, tuple[Count, ...]], ...]

    def badges(self, hidden: Collection[str] = ()) -> tuple[Badge, ...]:
        """The badges with the types ``hidden`` switched off in the layer list: a place none
        of whose types is on has none."""
        found = []
        for place_id, tallies in self.places:
            shown = [tally for tally in tallies if tally.type_id not in hidden]
            if not shown:
                continue
            by_status: Counter[str] = Counter()
            by_actor: Counter[str] = Counter()
            for tally in shown:
                by_status.update(dict(tally.statuses))
                by_actor.update(dict(tally.actors))
            found.append(
                Badge(
                    place_id=place_id,
                    total=sum(tally.count for tally in shown),
                    types=tuple((tally.type_id, tally.count) for tally in shown),
                    statuses=tuple((s, by_status[s]) for s in statuses().ids() if by_status[s]),
                    actors=tuple(sorted(by_actor.items(), key=lambda pair: (-pair[1], pair[0]))),
                )
            )
        return tuple(found)

    def whole_area(self, hidden: Collection[str] = ()) -> dict[str, int]:
        """Each place or focus area → how many shown rows apply to the whole of it (no point
        of their own), with the types ``hidden`` switched off; areas with none left out."""
        counts = {
            area: sum(n for type_id, n in by_type if type_id not in hidden)
            for area, by_type in self.areas
        }
        return {area: n for area, n in counts.items() if n}


def top_places(places: Places) -> dict[str, str]:
    """Each place id → the top-level place it belongs to (itself for a top-level place)."""
    return {
        place_id: top for top in places.top_level() for place_id in places.with_descendants(top)
    }


def _in_order(values: Collection[str], order: list[str]) -> list[str]:
    """``values`` in ``order``, then those ``order`` lacks, as they came."""
    known = set(order)
    return [v for v in order if v in values] + [v for v in values if v not in known]


def _groups(*codes: tuple[np.ndarray, int]) -> list[tuple[tuple[int, ...], int]]:
    """The distinct combinations of the rows' codes (each array with its number of distinct
    values) and how many rows have each: one sort, whatever the number of rows."""
    key = np.zeros(len(codes[0][0]), dtype=np.int64)
    for values, size in codes:
        key = key * size + values
    found, counts = np.unique(key, return_counts=True)
    parts = []
    for _, size in reversed(codes):
        found, part = np.divmod(found, size)
        parts.append(part.tolist())
    return list(zip(zip(*reversed(parts)), counts.tolist()))


def _each_actor(
    actor_codes: np.ndarray, lists: list[tuple[str, ...]]
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each (row, actor) pair of rows whose actors are ``lists[actor_codes[row]]``: the rows'
    positions, the actors' codes and the actors' names (sorted), without a loop over rows."""
    names = sorted({name for listed in lists for name in listed})
    code = {name: i for i, name in enumerate(names)}
    lengths = np.array([len(listed) for listed in lists], dtype=np.int64)
    flat = np.array([code[name] for listed in lists for name in listed], dtype=np.int64)
    per_row = lengths[actor_codes]
    rows = np.repeat(np.arange(len(actor_codes)), per_row)
    # Where each pair's list starts in ``flat``, and which of the list's names it is.
    starts = (np.cumsum(lengths) - lengths)[actor_codes[rows]]
    within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return rows, flat[starts + within], names


def badge_data(measures: gpd.GeoDataFrame, places: Places) -> BadgeData:
    """What the badges and frames of ``measures`` (the shown rows) count: a few sorts of the
    rows' codes (place, type, status, actors), then a loop over their few combinations."""
    place_codes, place_index = pd.factorize(measures[PLACE].astype(str))
    place_ids = place_index.tolist()
    tops = top_places(places)
    top_ids = list(dict.fromkeys(tops.get(p, p) for p in place_ids))
    top_of = np.array([top_ids.index(tops.get(p, p)) for p in place_ids], dtype=np.int64)
    top_codes = top_of[place_codes]
    type_codes, type_index = pd.factorize(measures[MEASURE_TYPE].astype(str))
    type_ids = type_index.tolist()
    status_codes, status_index = pd.factorize(measures[STATUS].astype(str))
    status_ids = status_index.tolist()
    actor_codes, actor_lists = pd.factorize(measures[ACTORS].map(tuple).to_numpy())
    status_counts: dict[tuple[str, str], dict[str, int]] = {}
    for (top, kind, status), n in _groups(
        (top_codes, len(top_ids)), (type_codes, len(type_ids)), (status_codes, len(status_ids))
    ):
        status_counts.setdefault((top_ids[top], type_ids[kind]), {})[status_ids[status]] = n
    rows, actors, names = _each_actor(actor_codes, list(actor_lists))
    actor_counts: dict[tuple[str, str], list[Count]] = {}
    for (top, kind, actor), n in _groups(
        (top_codes[rows], len(top_ids)), (type_codes[rows], len(type_ids)), (actors, len(names))
    ):
        actor_counts.setdefault((top_ids[top], type_ids[kind]), []).append((names[actor], n))
    type_rank = {m: i for i, m in enumerate(measure_types().ids())}
    tallies: dict[str, list[TypeTally]] = {}
    for (top, type_id), counts in sorted(
        status_counts.items(), key=lambda item: type_rank.get(item[0][1], len(type_rank))
    ):
        tallies.setdefault(top, []).append(
            TypeTally(
                type_id=type_id,
                count=sum(counts.values()),
                statuses=tuple((s, counts[s]) for s in _in_order(counts, statuses().ids())),
                actors=tuple(actor_counts.get((top, type_id), ())),
            )
        )
    whole = ~measures[LOCATED].astype(bool).to_numpy()
    areas: dict[str, dict[str, int]] = {}
    for (place, kind), n in _groups(
        (place_codes[whole], len(place_ids)), (type_codes[whole], len(type_ids))
    ):
        areas.setdefault(place_ids[place], {})[type_ids[kind]] = n
    return BadgeData(
        places=tuple((top, tuple(tallies[top])) for top in _in_order(tallies, places.top_level())),
        areas=tuple(
            (
                area,
                tuple((m, areas[area][m]) for m in _in_order(areas[area], measure_types().ids())),
            )
            for area in _in_order(areas, places.ids())
        ),
    )


def badge_payload(data: BadgeData) -> dict:
    """The counts as ``measures.js`` reads them: types and statuses as their positions in
    the vocabulary (as ``mapdata.map_rows`` gives them), actors as positions in ``actors``.

    ``places``: ``[place, [[type, n, [[status, n], …], [[actor, n], …]], …]]`` per place;
    ``areas``: ``[area, [[type, n], …]]`` per place or focus area.
    """
    type_index = {m: i for i, m in enumerate(measure_types().ids())}
    status_index = {s: i for i, s in enumerate(statuses().ids())}
    names = sorted({name for _, tallies in data.places for t in tallies for name, _ in t.actors})
    actor_index = {name: i for i, name in enumerate(names)}
    return {
        "places": [
            [
                place_id,
                [
                    [
                        type_index[t.type_id],
                        t.count,
                        [[status_index[s], n] for s, n in t.statuses],
                        [[actor_index[a], n] for a, n in t.actors],
                    ]
                    for t in tallies
                ],
            ]
            for place_id, tallies in data.places
        ],
        "areas": [[area, [[type_index[m], n] for m, n in by_type]] for area, by_type in data.areas],
        "actors": names,
    }
