"""The briefing (Lägesbild): one place at a time, its headline figures, its measures by
name and status, what changed since the last briefing, actors and sources.

Pure: measures in, figures out. One function makes a place's figures (``figures``) and one
what a place's briefing shows (``place_briefing``), so the page, the presentation, the PDF
and the offline HTML show the same. ``safetymap/ui/briefing.py`` and ``views/briefing.py``
draw it; ``present/pack.py``, ``present/slides.py`` and ``present/standalone.py`` lay it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd

from safetymap.contract.i18n import format_number, t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import ACTORS, KIND, PLACE, SOURCE, STATUS
from safetymap.contract.vocab import indicators, units
from safetymap.intake.areas import Areas
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.places import Places
from safetymap.selection.outcomes import GRANULARITY_ORDER, Series, area_words, place_series
from safetymap.selection.since import Baseline, Change, Since, changes_since
from safetymap.selection.timeline import Recorded, changes_by_measure
from safetymap.versions.store import Version

MAIN_INDICATOR = "reported_crimes_total"


@dataclass(frozen=True)
class OutcomeSeries:
    """A place's main outcome over time, with the area it covers and its source: what the
    follow-up series hand the briefing (``outcome_series``)."""

    indicator: str  # in words, in the briefing's language
    area: str  # the area the figures cover, in words ("Järfälla kommun som helhet")
    unit: str  # in words; "" for counts, which the indicator's name says
    source: str
    points: tuple[tuple[str, float], ...]  # (period in words, value), oldest first
    preliminary: tuple[str, ...] = ()  # the periods (in words) whose figures are preliminary

    def change(self) -> float | None:
        """The latest value against the one before, in per cent (None: no earlier value
        or it was 0)."""
        if len(self.points) < 2 or self.points[-2][1] == 0:
            return None
        return (self.points[-1][1] / self.points[-2][1] - 1) * 100

    def latest(self, lang: Lang = "sv") -> str:
        """The latest value and its change in numbers: "2025: 10 234 (−3 % mot 2024:
        10 551)"; a preliminary figure says so."""
        period, value = self.points[-1]
        shown = f"{format_number(value, lang)} {self.unit}".strip()
        if period in self.preliminary:
            shown += f" ({t('briefing_outcome_preliminary', lang)})"
        change = self.change()
        if change is None:
            return t("briefing_outcome_only", lang, period=period, value=shown)
        previous, before = self.points[-2]
        return t(
            "briefing_outcome_latest",
            lang,
            period=period,
            value=shown,
            change=_signed(change, lang),
            previous=previous,
            previous_value=format_number(before, lang),
        )


def main_series(table: pd.DataFrame, areas: Areas, place_id: str) -> Series | None:
    """A place's main outcome series: reported crimes in total (else the first count
    series) of the narrowest area the place lies in that has it, by the longest period it
    has (years before quarters before months); None when no area of the place has counts."""
    found = [s for s in place_series(table, areas, place_id) if s.unit == "count"]
    pool = [s for s in found if s.indicator == MAIN_INDICATOR] or found
    if not pool:
        return None
    order = [area.id for area in areas.containing(place_id)]
    return min(pool, key=lambda s: (order.index(s.area), GRANULARITY_ORDER.index(s.granularity)))


def outcome_series(series: Series, areas: Areas, place_id: str, lang: Lang) -> OutcomeSeries:
    """``series`` as the briefing shows it, in ``lang``: its area said against the place."""
    return OutcomeSeries(
        indicator=indicators().label(series.indicator, lang),
        area=area_words(areas, series.area, place_id, lang),
        unit="" if series.unit == "count" else units().label(series.unit, lang),
        source="; ".join(series.sources),
        points=tuple((p.period.label(lang), p.value) for p in series.points),
        preliminary=tuple(p.period.label(lang) for p in series.points if p.preliminary),
    )


def main_outcomes(table: pd.DataFrame, areas: Areas, lang: Lang) -> dict[str, OutcomeSeries]:
    """Each of the four places' main outcome (``main_series``), for ``BriefingData``."""
    found = {}
    for place_id in areas.places.top_level():
        series = main_series(table, areas, place_id)
        if series is not None:
            found[place_id] = outcome_series(series, areas, place_id, lang)
    return found


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
    baseline: Baseline | None = None  # what "since" compares with; None: not asked
    # By place id, the main outcome series (``main_outcomes``); empty without series.
    outcomes: Mapping[str, OutcomeSeries] = field(default_factory=dict)


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


@dataclass(frozen=True)
class Figure:
    """One headline figure as every face shows it: what it counts (``key``), its label and
    its value in words, and a note (the outcome's period, change and area)."""

    key: str
    label: str
    value: str
    note: str = ""


def figures(
    rows: gpd.GeoDataFrame, lang: Lang, outcome: OutcomeSeries | None = None
) -> tuple[Figure, ...]:
    """The headline figures of a place's rows, the same on the page, in the presentation, in
    the PDF and in the offline HTML; with ``outcome``, its latest value last."""
    made = [
        Figure(key, t(key, lang), format_number(n, lang)) for key, n in headline(rows).figures()
    ]
    if outcome is not None and outcome.points:
        period, value = outcome.points[-1]
        change = outcome.change()
        note = [period]
        if change is not None:
            note.append(
                t(
                    "briefing_outcome_change",
                    lang,
                    change=_signed(change, lang),
                    period=outcome.points[-2][0],
                )
            )
        note.append(outcome.area)
        made.append(
            Figure(
                "outcome",
                outcome.indicator,
                f"{format_number(value, lang)} {outcome.unit}".strip(),
                " · ".join(note),
            )
        )
    return tuple(made)


def _signed(change: float, lang: Lang) -> str:
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return f"{sign}{format_number(round(abs(change)), lang)} %"


@dataclass(frozen=True)
class StatusGroup:
    """The measures (or conditions) of a place that have one status, by title."""

    status: str
    heading: str
    titles: tuple[str, ...]


MEASURE_GROUPS = (
    ("completed", "briefing_completed"),
    ("ongoing", "briefing_ongoing"),
    ("planned", "briefing_planned"),
    ("cancelled", "briefing_cancelled"),
)
CONDITION_GROUPS = (("active", "briefing_conditions"), ("lifted", "briefing_lifted"))


def by_status(
    rows: gpd.GeoDataFrame, lang: Lang, recorded: Recorded | None = None
) -> tuple[tuple[StatusGroup, ...], tuple[StatusGroup, ...]]:
    """The measures by status (completed, ongoing, planned, cancelled) and, apart, the
    conditions (active, lifted): each group's titles, the latest change first (undated
    ones last, in the data's order); groups with no row are left out."""
    newest = [
        max((c.date.first for c in changes if c.date), default=None)
        for _, changes in changes_by_measure(rows, recorded)
    ]
    order = sorted(
        range(len(rows)),
        key=lambda i: (newest[i] is None, -newest[i].toordinal() if newest[i] else 0, i),
    )
    ordered = rows.iloc[order]

    def groups(kind: str, named: tuple[tuple[str, str], ...]) -> tuple[StatusGroup, ...]:
        of_kind = ordered[ordered[KIND] == kind]
        return tuple(
            StatusGroup(
                status, t(key, lang), tuple(of_kind.loc[of_kind[STATUS] == status, "title"])
            )
            for status, key in named
            if (of_kind[STATUS] == status).any()
        )

    return groups("measure", MEASURE_GROUPS), groups("condition", CONDITION_GROUPS)


@dataclass(frozen=True)
class PlaceBriefing:
    """Everything a place's briefing shows, made once for every face."""

    place_id: str
    name: str
    municipality: str
    position: int  # 1-based among the four places
    count: int  # how many places the briefing steps through
    rows: gpd.GeoDataFrame
    figures: tuple[Figure, ...]
    measures: tuple[StatusGroup, ...]
    conditions: tuple[StatusGroup, ...]
    since: Since | None  # what the changes are counted from; None: not asked
    changes: tuple[Change, ...] | None  # None: no "since" asked
    outcome: OutcomeSeries | None
    indicators: pd.DataFrame  # the figures the sources give (``indicator_rows``)
    actors: list[tuple[str, int]]
    sources: list[str]


def place_briefing(data: BriefingData, place_id: str) -> PlaceBriefing:
    """What the briefing of ``place_id`` shows, from ``data`` (its rows, its outcome series
    and its changes since the baseline, when asked)."""
    places, lang = data.places, data.lang
    place = places.by_id[place_id]
    order = places.top_level()
    rows = place_rows(data.shown, places, place_id)
    outcome = data.outcomes.get(place_id)
    measures, conditions = by_status(rows, lang, data.recorded)
    found = indicator_rows(data.indicators, places, place_id)
    changes = (
        None if data.baseline is None else tuple(changes_since(rows, data.baseline, data.today))
    )
    return PlaceBriefing(
        place_id=place_id,
        name=place.name,
        municipality=place.municipality,
        position=order.index(place_id) + 1,
        count=len(order),
        rows=rows,
        figures=figures(rows, lang, outcome),
        measures=measures,
        conditions=conditions,
        since=None if data.baseline is None else data.baseline.since,
        changes=changes,
        outcome=outcome,
        indicators=found,
        actors=actors_involved(rows),
        sources=sources_of(rows, found),
    )


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
