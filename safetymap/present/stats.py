"""Counts and summaries of a measures table, for tables and figures (pure pandas)."""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import pandas as pd

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import (
    ACTORS,
    DESCRIPTION,
    END_DATE,
    ID,
    KIND,
    LOCATED,
    MEASURE_TYPE,
    PLACE,
    PLACE_NAME,
    SOURCE,
    SOURCE_QUOTE,
    START_DATE,
    STATUS,
    TITLE,
)
from safetymap.contract.sources import Source
from safetymap.contract.vocab import kinds, measure_types, statuses
from safetymap.intake.places import Places
from safetymap.present.mapdata import date_span, date_spans


def place_summary(places: Places, measures: gpd.GeoDataFrame, lang: Lang) -> pd.DataFrame:
    """One row per place and focus area: how many rows it has, and how many are located."""
    counts = measures[PLACE].value_counts()
    located = measures[PLACE][measures[LOCATED].astype(bool)].value_counts()
    rows = []
    for place_id, place in places.by_id.items():
        name = place.name if place.parent is None else f"↳ {place.name}"
        rows.append(
            {
                t("place_col", lang): name,
                t("measures_col", lang): int(counts.get(place_id, 0)),
                t("located_col", lang): int(located.get(place_id, 0)),
                t("approximate_col", lang): t(
                    "approximate_yes" if place.approximate else "approximate_no", lang
                ),
            }
        )
    return pd.DataFrame(rows)


def measure_table(measures: gpd.GeoDataFrame, lang: Lang) -> pd.DataFrame:
    """The measures as a readable table: labels in ``lang``, dates at their precision."""
    return pd.DataFrame(
        {
            "id": measures[ID],
            t("title", lang): measures[TITLE],
            t("place_col", lang): measures[PLACE_NAME],
            t("kind", lang): [kinds().label(k, lang) for k in measures[KIND]],
            t("type", lang): [measure_types().label(m, lang) for m in measures[MEASURE_TYPE]],
            t("status", lang): [statuses().label(s, lang) for s in measures[STATUS]],
            t("dates", lang): date_spans(measures[START_DATE], measures[END_DATE], lang),
            t("actors", lang): [", ".join(a) for a in measures[ACTORS]],
            t("source", lang): measures[SOURCE],
        }
    )


def source_table(sources: list[Source], measures: gpd.GeoDataFrame, lang: Lang) -> pd.DataFrame:
    """The source documents with how many rows of the data each one supports."""
    counts = measures[SOURCE].value_counts().to_dict()
    return pd.DataFrame(
        {
            t("publisher", lang): [s.publisher for s in sources],
            t("doc_title", lang): [s.title for s in sources],
            t("published", lang): [s.published or t("undated", lang) for s in sources],
            t("rows_col", lang): [counts.get(s.source, 0) for s in sources],
        }
    )


def place_table(places: Places, lang: Lang) -> pd.DataFrame:
    """The places and focus areas with their boundary kind, note, source and licence."""
    return pd.DataFrame(
        {
            t("place_col", lang): [
                p.name if p.parent is None else f"↳ {p.name}" for p in places.by_id.values()
            ],
            t("approximate_col", lang): [
                t("approximate_yes" if p.approximate else "approximate_no", lang)
                for p in places.by_id.values()
            ],
            t("source", lang): [f"{p.note} {p.source}" for p in places.by_id.values()],
            t("license", lang): [p.license for p in places.by_id.values()],
        }
    )


def measure_details(measure: pd.Series, lang: Lang) -> pd.DataFrame:
    """One measure as a two-column table (field, value): shown as text, never as markup."""
    fields = [
        (t("title", lang), measure[TITLE]),
        (t("place_col", lang), measure[PLACE_NAME]),
        (t("kind", lang), kinds().label(measure[KIND], lang)),
        (t("type", lang), measure_types().label(measure[MEASURE_TYPE], lang)),
        (t("status", lang), statuses().label(measure[STATUS], lang)),
        (t("dates", lang), date_span(measure[START_DATE], measure[END_DATE], lang)),
        (t("actors", lang), ", ".join(measure[ACTORS])),
        (t("description", lang), measure[DESCRIPTION]),
        (t("source", lang), measure[SOURCE]),
        (t("quote", lang), measure[SOURCE_QUOTE]),
    ]
    return pd.DataFrame([(k, v) for k, v in fields if v], columns=["", " "])


def count_by(
    measures: gpd.GeoDataFrame, column: str, order: list[str], label: Callable[[str], str]
) -> pd.DataFrame:
    """Rows per value of ``column`` in ``order`` (zeros kept), with display labels."""
    counts = measures[column].value_counts()
    return pd.DataFrame(
        {
            "id": order,
            "label": [label(v) for v in order],
            "count": [int(counts.get(v, 0)) for v in order],
        }
    )


def count_by_place(measures: gpd.GeoDataFrame, places: Places) -> pd.DataFrame:
    """Rows per top-level place, focus areas included."""
    tops = places.top_level()
    counts = measures[PLACE].value_counts()
    return pd.DataFrame(
        {
            "id": tops,
            "label": [places.by_id[p].name for p in tops],
            "count": [
                sum(int(counts.get(area, 0)) for area in places.with_descendants(p)) for p in tops
            ],
        }
    )


def actor_count(measures: gpd.GeoDataFrame) -> int:
    """How many distinct organisations take part in the rows."""
    return len({a for names in measures[ACTORS] for a in names})
