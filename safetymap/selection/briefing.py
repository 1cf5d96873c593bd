"""The briefing (Lägesbild): one place at a time, its headline figures, actors and sources.

Pure: measures in, figures out. ``safetymap/ui/briefing.py`` and ``views/briefing.py`` draw it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd

from safetymap.contract.i18n import format_number, t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import ACTORS, KIND, PLACE, SOURCE, STATUS
from safetymap.contract.vocab import indicators
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.places import Places
from safetymap.selection.timeline import Recorded
from safetymap.versions.store import Version


@dataclass(frozen=True)
class BriefingData:
    """What a briefing pack or an offline copy shows, as the app or the CLI loaded it."""

    measures: gpd.GeoDataFrame  # every row of the data in force, as published
    shown: gpd.GeoDataFrame  # the rows the filter keeps
    places: Places
    context: dict  # the local background (``geodata/context.geojson``)
    indicators: pd.DataFrame  # ``indicators.py`` table
    recorded: Recorded
    data_label: str  # plain text: which version (or file) the data is
    data_date: str  # ISO day the data was published or changed
    filter_text: str  # the filter in words; "" when nothing is filtered
    as_of: date | None
    today: date
    lang: Lang


def data_label(
    version: Version | None, path: Path, lang: Lang, quote: Callable[[str], str] = str
) -> str:
    """Which version (or, before the first, which file at ``path``) the data is; file names
    pass through ``quote`` (e.g. Markdown escaping)."""
    if version is None:
        return t("data_file", lang, path=quote(path.name))
    return t(
        "data_version",
        lang,
        n=version.number,
        file=quote(version.file_name),
        date=version.published_at.astimezone().strftime("%Y-%m-%d %H:%M"),
    )


def data_day(version: Version | None, path: Path) -> str | None:
    """The day ``version`` was published, or before the first version the day the file at
    ``path`` was last changed (ISO); None when there is neither."""
    if version is not None:
        return version.published_at.astimezone().date().isoformat()
    if not path.exists():
        return None
    return datetime.fromtimestamp(path.stat().st_mtime).date().isoformat()


def briefing_place(places: Places, chosen: tuple[str, ...]) -> str:
    """The place a briefing shows: the first of the four places that is chosen (or holds a
    chosen focus area); the first of the four when none is."""
    for place_id in places.top_level():
        if set(places.with_descendants(place_id)) & set(chosen):
            return place_id
    return places.top_level()[0]


def step(places: Places, current: str, delta: int) -> str:
    """The place ``delta`` steps after ``current`` among the four, wrapping around."""
    order = places.top_level()
    return order[(order.index(current) + delta) % len(order)]


@dataclass(frozen=True)
class Headline:
    """What has been done, what is under way and what is planned at a place."""

    completed: int
    ongoing: int
    planned: int
    cancelled: int
    active_conditions: int
    actors: int

    def figures(self) -> list[tuple[str, int]]:
        """Each figure with its text key (``i18n``), in the order the pack shows them."""
        return [
            ("briefing_completed", self.completed),
            ("briefing_ongoing", self.ongoing),
            ("briefing_planned", self.planned),
            ("briefing_cancelled", self.cancelled),
            ("briefing_conditions", self.active_conditions),
            ("briefing_actors", self.actors),
        ]


def place_rows(measures: gpd.GeoDataFrame, places: Places, place_id: str) -> gpd.GeoDataFrame:
    """The rows of a place and its focus areas."""
    return measures[measures[PLACE].isin(places.with_descendants(place_id))]


def headline(rows: gpd.GeoDataFrame) -> Headline:
    measures = rows[rows[KIND] == "measure"]
    conditions = rows[rows[KIND] == "condition"]
    status = Counter(measures[STATUS])
    return Headline(
        completed=status["completed"],
        ongoing=status["ongoing"],
        planned=status["planned"],
        cancelled=status["cancelled"],
        active_conditions=int((conditions[STATUS] == "active").sum()),
        actors=len({a for names in rows[ACTORS] for a in names}),
    )


def actors_involved(rows: gpd.GeoDataFrame) -> list[tuple[str, int]]:
    """Each organisation with the number of rows it takes part in, most involved first."""
    counts = Counter(a for names in rows[ACTORS] for a in names)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def sources_of(*tables: pd.DataFrame) -> list[str]:
    """The source documents the rows of ``tables`` come from, in order of first appearance."""
    return list(dict.fromkeys(s for table in tables for s in table[SOURCE] if s))


def indicator_rows(table: pd.DataFrame, places: Places, place_id: str) -> pd.DataFrame:
    """The indicators of a place and its focus areas."""
    return table[table["place"].isin(places.with_descendants(place_id))]


def outcomes(rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Indicator rows by period (undated last), as text for a table."""
    rows = rows.assign(_undated=rows["period"] == "").sort_values(
        ["_undated", "period_first", "indicator"], kind="stable"
    )
    return pd.DataFrame(
        {
            t("indicator_col", lang): [indicators().label(i, lang) for i in rows["indicator"]],
            t("place_col", lang): list(rows["place_name"]),
            t("period_col", lang): [
                parse_partial_date(p).label(lang) if p else t("period_not_given", lang)
                for p in rows["period"]
            ],
            # A category ("riskområde") is its own unit; a number gets its unit after it.
            t("value_col", lang): [
                f"{format_number(n, lang)} {u}" if pd.notna(n) else v
                for n, v, u in zip(rows["number"], rows["value"], rows["unit"])
            ],
            # The publisher; the footer names the documents in full.
            t("source", lang): [s.split(": ", 1)[0] for s in rows["source"]],
        }
    )
