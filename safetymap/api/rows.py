"""What each collection's items are: the rows a request picks, and those rows as features.

Measures are picked as the map picks them (``MeasureFilter.apply``, the same filter the
map's URL gives), then by ``datetime`` against their dates (``filters.during``) and by
``bbox`` against their geometry as shown (``filters.meeting_box``: a measure that covers its
place meets the box where its place does). Their features are the GeoJSON export's
(``export.feature_frame``): every row with its source and quote and ``geometry_of``.
Indicators carry their place's polygon; outcome series their area's (a kommun's, a
stadsdelsområde's or a place's: ``geometry_of`` = ``area``); places their own.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from safetymap.api.params import Period, Query
from safetymap.api.source import PublishedIndicators, PublishedMeasures, PublishedOutcomes
from safetymap.contract.schema import WGS84
from safetymap.intake import indicators as ind
from safetymap.intake import outcomes as out
from safetymap.intake.areas import Areas
from safetymap.intake.places import Places
from safetymap.present import export
from safetymap.selection.filters import Box, MeasureFilter, during, meeting_box

PLACE_PROPERTIES = (
    "id",
    "name",
    "parent",
    "level",
    "municipality",
    "kommun_code",
    "regso_code",
    "approximate",
    "note",
    "source",
    "license",
)
INDICATOR_PROPERTIES = (
    ind.PLACE,
    "place_name",
    ind.INDICATOR,
    ind.PERIOD,
    ind.VALUE,
    ind.UNIT,
    ind.SOURCE,
    ind.SOURCE_QUOTE,
)

OUTCOME_PROPERTIES = (
    out.AREA,
    out.AREA_NAME,
    out.INDICATOR,
    out.PERIOD,
    out.VALUE,
    out.UNIT,
    out.PRELIMINARY,
    out.SOURCE,
    out.SOURCE_REF,
)


@dataclass(frozen=True)
class OutcomeFilter:
    """What a request asks of the outcome series: area ids, indicator ids and places (the
    areas they lie in); each empty: all."""

    areas: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
    """The features of one page and how many rows the request matched in all."""

    features: list[dict]
    matched: int


def pick_measures(
    published: PublishedMeasures, flt: MeasureFilter, query: Query, places: Places
) -> gpd.GeoDataFrame:
    """Every measure the request picks, in the version's order."""
    shown = flt.apply(published.measures, places, published.recorded)
    if query.period is not None:
        shown = during(shown, *query.period, flt.today)
    if query.bbox is not None:
        shown = meeting_box(shown, places, query.bbox)
    return shown


def measure_page(picked: gpd.GeoDataFrame, query: Query, places: Places) -> Page:
    rows = picked.iloc[query.offset : query.offset + query.limit]
    return Page(export.features(export.feature_frame(rows, places)), len(picked))


def measure_feature(published: PublishedMeasures, measure_id: str, places: Places) -> dict | None:
    rows = published.measures[published.measures["id"] == measure_id]
    if rows.empty:
        return None
    return export.features(export.feature_frame(rows, places))[0]


def indicator_ids(table: pd.DataFrame) -> list[str]:
    """Each indicator row's feature id: its place, indicator and period (what tells rows apart
    between versions) joined by dots, no period no last part. A file with two rows of the same
    three is refused now, but a version published before that rule may hold them: the second
    gets ``.2``, a third ``.3``, in the version's order."""
    seen: dict[str, int] = {}
    ids = []
    for place, indicator, period in zip(table[ind.PLACE], table[ind.INDICATOR], table[ind.PERIOD]):
        key = ".".join(str(p) for p in (place, indicator, period) if p and not pd.isna(p))
        seen[key] = seen.get(key, 0) + 1
        ids.append(key if seen[key] == 1 else f"{key}.{seen[key]}")
    return ids


def pick_indicators(
    published: PublishedIndicators, wanted_places: tuple[str, ...], query: Query, places: Places
) -> pd.DataFrame:
    """The indicator rows of the places asked for (each with its focus areas), whose period
    meets ``datetime`` (rows without a period are then left out) and whose place meets
    ``bbox``."""
    table = published.table
    if wanted_places:
        ids = {d for p in wanted_places for d in places.with_descendants(p)}
        table = table[table[ind.PLACE].isin(ids)]
    if query.period is not None:
        table = table[_meets(table, query.period)]
    if query.bbox is not None:
        table = table[_meets_box(table[ind.PLACE], places.frame.geometry, query.bbox)]
    return table


def _meets(table: pd.DataFrame, period: Period) -> np.ndarray:
    start, end = period
    return np.array(
        [
            first is not None
            and not pd.isna(first)
            and (start is None or last >= start)
            and (end is None or first <= end)
            for first, last in zip(table["period_first"], table["period_last"])
        ],
        dtype=bool,
    )


def _meets_box(ids: pd.Series, geometry: gpd.GeoSeries, box: Box) -> np.ndarray:
    """Whether the polygon of each row's place or area (``geometry`` by id) meets ``box``."""
    shapes = np.asarray([geometry[i] for i in ids], dtype=object)
    return shapely.intersects(shapes, shapely.box(*box))


def indicator_features(table: pd.DataFrame, places: Places, ids: list[str]) -> list[dict]:
    """Indicator rows as features with the ``ids`` given (``indicator_ids`` of the whole
    version): their properties as stored (a value as text, as the source gives it), the
    place's polygon, ``geometry_of`` = ``place``."""
    properties = table[list(INDICATOR_PROPERTIES)].fillna("").astype(str)
    properties["geometry_of"] = "place"
    return _features(properties, [places.frame.geometry[p] for p in table[ind.PLACE]], ids)


def _features(properties: pd.DataFrame, shapes: list | gpd.GeoSeries, ids: list[str]) -> list[dict]:
    """GeoJSON features of ``properties`` on ``shapes`` (WGS84), one per row, with the ``ids``
    given."""
    frame = gpd.GeoDataFrame(properties, geometry=shapes, crs=WGS84)
    found = frame.to_geo_dict(drop_id=True)["features"]
    for feature, feature_id in zip(found, ids):
        feature["id"] = feature_id
    return found


def indicator_page(
    published: PublishedIndicators, picked: pd.DataFrame, query: Query, places: Places
) -> Page:
    rows = picked.iloc[query.offset : query.offset + query.limit]
    ids = dict(zip(published.table.index, indicator_ids(published.table)))
    return Page(indicator_features(rows, places, [ids[i] for i in rows.index]), len(picked))


def indicator_feature(
    published: PublishedIndicators, feature_id: str, places: Places
) -> dict | None:
    table = published.table
    ids = indicator_ids(table)
    if feature_id not in ids:
        return None
    position = ids.index(feature_id)
    return indicator_features(table.iloc[[position]], places, [feature_id])[0]


def outcome_ids(table: pd.DataFrame) -> list[str]:
    """Each outcome row's feature id: its area, indicator and period joined by dots
    (``kommun-0123.reported_crimes_total.2019-Q2``); a version never holds two rows of the
    same three (``intake.outcomes`` refuses a duplicate)."""
    return [
        f"{area}.{indicator}.{period}"
        for area, indicator, period in zip(table[out.AREA], table[out.INDICATOR], table[out.PERIOD])
    ]


def areas_of_places(areas: Areas, wanted_places: tuple[str, ...]) -> set[str]:
    """The areas the places lie in (the place itself, its kommun, its stadsdelsområde) and
    those of their focus areas (which are areas of their own)."""
    places = areas.places
    return {
        area.id
        for p in wanted_places
        for d in places.with_descendants(p)
        for area in areas.containing(d)
    }


def pick_outcomes(
    published: PublishedOutcomes,
    wanted: OutcomeFilter,
    query: Query,
    areas: Areas,
) -> pd.DataFrame:
    """The outcome rows of the areas and indicators asked for (all when none), of the areas
    the places asked for lie in, whose period meets ``datetime`` and whose area's polygon
    meets ``bbox``; in the version's order."""
    table = published.table
    if wanted.areas:
        table = table[table[out.AREA].isin(wanted.areas)]
    if wanted.indicators:
        table = table[table[out.INDICATOR].isin(wanted.indicators)]
    if wanted.places:
        table = table[table[out.AREA].isin(areas_of_places(areas, wanted.places))]
    if query.period is not None:
        table = table[_meets(table, query.period)]
    if query.bbox is not None:
        table = table[_meets_box(table[out.AREA], areas.frame.geometry, query.bbox)]
    return table


def outcome_features(table: pd.DataFrame, areas: Areas, ids: list[str]) -> list[dict]:
    """Outcome rows as features with the ``ids`` given (``outcome_ids``): the value as a
    number, ``preliminary`` as true or false, the other properties as stored, the area's
    polygon, ``geometry_of`` = ``area``."""
    columns = [c for c in OUTCOME_PROPERTIES if c not in (out.VALUE, out.PRELIMINARY)]
    properties = table[columns].fillna("").astype(str)
    properties.insert(4, out.VALUE, table[out.NUMBER].astype(float))
    properties.insert(6, out.PRELIMINARY, table[out.PRELIMINARY].astype(bool))
    properties["geometry_of"] = "area"
    return _features(properties, [areas.frame.geometry[a] for a in table[out.AREA]], ids)


def outcome_page(picked: pd.DataFrame, query: Query, areas: Areas) -> Page:
    rows = picked.iloc[query.offset : query.offset + query.limit]
    return Page(outcome_features(rows, areas, outcome_ids(rows)), len(picked))


def outcome_feature(published: PublishedOutcomes, feature_id: str, areas: Areas) -> dict | None:
    table = published.table
    ids = outcome_ids(table)
    if feature_id not in ids:
        return None
    return outcome_features(table.iloc[[ids.index(feature_id)]], areas, [feature_id])[0]


def pick_places(places: Places, wanted: tuple[str, ...], query: Query) -> gpd.GeoDataFrame:
    """The places asked for (each with its focus areas; all when none) that meet ``bbox``."""
    frame = places.frame
    if wanted:
        frame = frame[frame["id"].isin({d for p in wanted for d in places.with_descendants(p)})]
    if query.bbox is not None:
        frame = frame[shapely.intersects(np.asarray(frame.geometry), shapely.box(*query.bbox))]
    return frame


def place_features(frame: gpd.GeoDataFrame) -> list[dict]:
    """Places as features: their shipped properties, their polygon."""
    columns = [c for c in PLACE_PROPERTIES if c in frame]
    table = frame[columns].astype(object).where(frame[columns].notna(), None)
    return _features(table, frame.geometry, list(frame["id"]))


def place_page(picked: gpd.GeoDataFrame, query: Query) -> Page:
    rows = picked.iloc[query.offset : query.offset + query.limit]
    return Page(place_features(rows), len(picked))
