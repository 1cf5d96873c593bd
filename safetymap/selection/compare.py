"""The four places side by side: statuses year by year, and measures by type. Pure."""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import MEASURE_TYPE, PLACE
from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.places import Places
from safetymap.selection.timeline import Recorded, changes_by_measure, status_on


def top_place(places: Places, place_id: str) -> str:
    """The place among the four that holds ``place_id`` (itself when it is one of them)."""
    parent = places.by_id[place_id].parent
    return place_id if parent is None else top_place(places, parent)


def status_by_year(
    measures: gpd.GeoDataFrame,
    places: Places,
    years: range | None,
    today: date,
    recorded: Recorded | None = None,
) -> pd.DataFrame:
    """Rows per place, year and status: the status each row had at the end of the year (or
    today, for this year). A row counts from the first year a change of it can have happened;
    a row with no date at all is not counted. ``years`` None: from the first year any row
    changed to this year."""
    owners = dict(zip(measures["id"], measures[PLACE]))
    dated = [
        (top_place(places, owners[measure_id]), changes)
        for measure_id, changes in changes_by_measure(measures, recorded)
        if any(change.date is not None for change in changes)
    ]
    if years is None:
        firsts = [c.date.first.year for _, changes in dated for c in changes if c.date]
        years = range(min(firsts, default=today.year), today.year + 1)
    ends = [min(date(year, 12, 31), today) for year in years]
    counts: dict[tuple[str, int, str], int] = {}
    for place, changes in dated:
        for year, end in zip(years, ends):
            status = status_on(changes, end)
            if status is not None:
                counts[(place, year, status)] = counts.get((place, year, status), 0) + 1
    table = pd.DataFrame(
        [(p, y, s, n) for (p, y, s), n in counts.items()],
        columns=["place", "year", "status", "count"],
    )
    return table.sort_values(["place", "year", "status"], ignore_index=True)


def status_year_table(here: pd.DataFrame, years: range, lang: Lang) -> pd.DataFrame:
    """One place's bars (its ``status_by_year`` rows) as text: a row per year, a column per
    status that occurs there (in vocabulary order), 0 where a year has none of it."""
    table = here.pivot_table(
        index="year", columns="status", values="count", aggfunc="sum", fill_value=0
    )
    order = [s for s in statuses().ids() if s in table.columns]
    table = table.reindex(index=list(years), columns=order, fill_value=0)
    table.columns = [statuses().label(s, lang) for s in order]
    table.index = table.index.astype(str)  # a year names its row: a label, not a quantity
    return table.rename_axis(t("year_col", lang)).reset_index()


def type_table(measures: gpd.GeoDataFrame, places: Places, lang: Lang) -> pd.DataFrame:
    """Rows by measure type (in vocabulary order, types with no row left out) and place."""
    tops = [top_place(places, p) for p in measures[PLACE]]
    counts = pd.crosstab(pd.Series(list(measures[MEASURE_TYPE]), name="type"), pd.Series(tops))
    order = [t for t in measure_types().ids() if t in counts.index]
    counts = counts.reindex(index=order, columns=places.top_level(), fill_value=0)
    counts.columns = [places.by_id[p].name for p in counts.columns]
    counts.index = [measure_types().label(t, lang) for t in counts.index]
    return counts
