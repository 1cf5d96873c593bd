"""Uppföljning (follow-up): what one place's follow-up offers and shows, without Streamlit.

A place's outcome series are those of the areas it lies in (``outcomes.place_series``, the
narrowest first); a ``Menu`` holds them with the series of the areas it can be compared
with and the place's measures that have a start, and answers what can be chosen: an
indicator (counts: what the relative effect size needs), an area, a length of period,
counts or rates per 100 000, a comparison area, a measure's start or a period. A
``Choice`` is one such choice; ``effect_of`` gives its before and after against the
comparison, computed as ``python -m safetymap effect`` computes it (``effect.effect_for``).

The page's choices live in the URL (``urlstate.FOLLOWUP_KEYS``, named like the CLI's
options). ``read_choice`` reads them as ``urlstate`` reads the filters: a value that does
not fit is left out, and a ``Notice`` names it and what can be chosen instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cached_property

import pandas as pd

from safetymap.contract.problems import Lang, Words
from safetymap.contract.schema import ID, KIND, PLACE, START_DATE, TITLE
from safetymap.contract.vocab import indicators
from safetymap.intake import outcomes as oc
from safetymap.intake.areas import Areas
from safetymap.intake.dates import PartialDate, parse_partial_date
from safetymap.intake.periods import Granularity, Period, parse_period
from safetymap.intake.places import Places
from safetymap.selection.effect import PER, Effect, Refusal, effect_for
from safetymap.selection.outcomes import (
    GRANULARITY_ORDER,
    Series,
    all_series,
    comparison_areas,
    period_of,
)
from safetymap.selection.urlstate import Notice

DEFAULT_INDICATOR = "reported_crimes_total"
RATE_SUFFIX = "_per_100k"
UNITS = ("count", "per_100k")
WINDOW = 3  # periods before and after, unless chosen
MAX_WINDOW = 20
TIMES = ("start", "at")  # a measure's start, or a period


@dataclass(frozen=True)
class Start:
    """A measure of the place whose start can be chosen: id, title and start date."""

    id: str
    title: str
    date: PartialDate


@dataclass(frozen=True)
class Choice:
    """What the page follows up: the place, the series (indicator, area, length of period,
    counts or rates), the comparison area, and the before/after windows around a measure's
    ``start`` or the period ``at`` (at most one of them), ``before`` and ``after`` periods
    on each side."""

    place: str
    indicator: str  # a count indicator; its rate is the same id with ``_per_100k``
    area: str
    granularity: Granularity
    unit: str = "count"  # what the chart shows: "count" or "per_100k"
    comparison: str | None = None
    start: str | None = None
    at: Period | None = None
    before: int = WINDOW
    after: int = WINDOW

    @property
    def series_indicator(self) -> str:
        """The indicator the chart shows: the count, or its rate per 100 000."""
        return self.indicator + (RATE_SUFFIX if self.unit == "per_100k" else "")


@dataclass(frozen=True)
class Menu:
    """What can be chosen at one place: the series of the areas it lies in (``own``,
    narrowest first) and of the areas it can be compared with, and its measures' starts."""

    place: str
    table: pd.DataFrame  # the outcomes table (``intake.outcomes``) the series come from
    own: tuple[str, ...]
    others: tuple[str, ...]
    series: tuple[Series, ...]
    starts: tuple[Start, ...]

    @cached_property
    def _index(self) -> dict[tuple[str, str, Granularity], Series]:
        return {(s.area, s.indicator, s.granularity): s for s in self.series}

    def find(self, area: str, indicator: str, granularity: Granularity) -> Series | None:
        """The series of ``indicator`` in ``area`` at ``granularity``, if there is one."""
        return self._index.get((area, indicator, granularity))

    def _counts(self, areas: tuple[str, ...]) -> list[Series]:
        return [s for s in self.series if s.area in areas and s.unit == "count"]

    def indicators(self) -> list[str]:
        """The count indicators the place's areas have series of: reported crimes in total
        first, then in the vocabulary's order."""
        order = indicators().ids()
        found = {s.indicator for s in self._counts(self.own)}
        return sorted(
            found,
            key=lambda i: (i != DEFAULT_INDICATOR, order.index(i) if i in order else len(order)),
        )

    def areas(self, indicator: str) -> list[str]:
        """The areas the place lies in that have counts of ``indicator``, narrowest first."""
        having = {s.area for s in self._counts(self.own) if s.indicator == indicator}
        return [area for area in self.own if area in having]

    def granularities(self, area: str, indicator: str) -> list[Granularity]:
        """The lengths of period ``area`` has counts of ``indicator`` in: years first."""
        return [g for g in GRANULARITY_ORDER if self.find(area, indicator, g) is not None]

    def units(self, area: str, indicator: str, granularity: Granularity) -> list[str]:
        """Counts, and rates per 100 000 where the area has them too."""
        rate = self.find(area, indicator + RATE_SUFFIX, granularity) is not None
        return ["count", "per_100k"] if rate else ["count"]

    def comparisons(self, area: str, indicator: str, granularity: Granularity) -> list[str]:
        """The areas the place does not lie in that have counts of ``indicator`` at
        ``granularity``: what it can be compared with."""
        return [
            other
            for other in self.others
            if other != area and self.find(other, indicator, granularity) is not None
        ]

    def periods(self, area: str, indicator: str, granularity: Granularity) -> list[Period]:
        """The periods of ``area``'s counts: what ``at`` can be."""
        series = self.find(area, indicator, granularity)
        return [] if series is None else [p.period for p in series.points]

    def start(self, measure_id: str) -> Start | None:
        return next((s for s in self.starts if s.id == measure_id), None)


def menu_for(table: pd.DataFrame, areas: Areas, rows: pd.DataFrame, place_id: str) -> Menu:
    """What can be chosen at ``place_id``: the series of ``table`` in the areas it lies in
    and in those it can be compared with, and the starts of its measures among ``rows``
    (the rows the filters keep)."""
    own = tuple(area.id for area in areas.containing(place_id))
    others = tuple(area.id for area in comparison_areas(areas, place_id))
    found = all_series(table[table[oc.AREA].isin(own + others)])
    return Menu(
        place_id, table, own, others, tuple(found), tuple(starts(rows, areas.places, place_id))
    )


def starts(rows: pd.DataFrame, places: Places, place_id: str) -> list[Start]:
    """The measures at ``place_id`` (and its focus areas) with a start date, earliest first."""
    here = rows[
        rows[PLACE].isin(places.with_descendants(place_id))
        & (rows[KIND] == "measure")
        & rows[START_DATE].fillna("").astype(bool)
    ]
    found = [
        Start(str(i), str(title), parse_partial_date(str(day)))
        for i, title, day in zip(here[ID], here[TITLE], here[START_DATE])
    ]
    return sorted(found, key=lambda s: (s.date.first, s.title, s.id))


def default_place(places: Places, chosen: tuple[str, ...]) -> str:
    """The place the page follows up when it has not chosen one: the first the place filter
    names (a focus area too), else the first of the places."""
    return chosen[0] if chosen else places.top_level()[0]


def read_place(raw: Mapping[str, str], places: Places, default: str) -> tuple[str, list[Notice]]:
    """The link's ``follow`` (a place id), or ``default``."""
    given = raw.get("follow", "")
    if not given or given in places.by_id:
        return given or default, []
    return default, [Notice("bad_value", "follow", given)]


def _offered(values: list[str], say) -> str:
    return ", ".join(say(v) for v in values) or "–"


def read_choice(
    raw: Mapping[str, str], menu: Menu, areas: Areas, lang: Lang = "sv"
) -> tuple[Choice | None, list[Notice]]:
    """The link's choices (``urlstate.FOLLOWUP_KEYS``) read against ``menu``; what is not
    given, or does not fit, is the first that can be chosen (a notice names what did not
    fit and what can be chosen). None when the place has no count series at all."""
    notices: list[Notice] = []
    vocabulary = indicators()

    def pick(key: str, offered: list[str], say) -> str:
        given = raw.get(key, "")
        if given and given not in offered:
            notices.append(
                Notice("unavailable", key, given, (("offered", _offered(offered, say)),))
            )
        return given if given in offered else offered[0]

    def area_name(area_id: str) -> str:
        return areas.by_id[area_id].label(lang) if area_id in areas.by_id else area_id

    offered = menu.indicators()
    if not offered:
        return None, notices
    indicator = pick("indicator", offered, lambda i: vocabulary.label(i, lang))
    area = pick("area", menu.areas(indicator), area_name)
    lengths = [g.value for g in menu.granularities(area, indicator)]
    at = _period(raw.get("at", ""), notices)
    if "granularity" not in raw and at is not None and at.granularity.value in lengths:
        granularity = at.granularity
    else:
        granularity = Granularity(
            pick("granularity", lengths, lambda g: Granularity(g).words(lang, plural=True))
        )
    unit = pick("unit", menu.units(area, indicator, granularity), str)
    compared = menu.comparisons(area, indicator, granularity)
    comparison = raw.get("comparison") or None
    if comparison is not None and comparison not in compared:
        offer = (("offered", _offered(compared, area_name)),)
        notices.append(Notice("unavailable", "comparison", comparison, offer))
        comparison = None
    start = raw.get("start") or None
    if start is not None and menu.start(start) is None:
        place = areas.by_id[menu.place].label(lang) if menu.place in areas.by_id else menu.place
        notices.append(Notice("not_a_start", "start", start, (("place", place),)))
        start = None
    if start is not None and at is not None:
        notices.append(Notice("start_and_at", "at", raw["at"]))
        at = None
    periods = menu.periods(area, indicator, granularity)
    if at is not None and at not in periods:
        details = (
            ("first", periods[0].iso()),
            ("last", periods[-1].iso()),
            ("granularity", PER[granularity].say(lang)),
        )
        notices.append(Notice("at_outside", "at", raw["at"], details))
        at = None
    choice = Choice(
        place=menu.place,
        indicator=indicator,
        area=area,
        granularity=granularity,
        unit=unit,
        comparison=comparison,
        start=start,
        at=at,
        before=_window(raw, "before", notices),
        after=_window(raw, "after", notices),
    )
    return choice, notices


def _period(text: str, notices: list[Notice]) -> Period | None:
    if not text:
        return None
    try:
        return parse_period(text)
    except ValueError:
        notices.append(Notice("bad_value", "at", text))
        return None


def _window(raw: Mapping[str, str], key: str, notices: list[Notice]) -> int:
    given = raw.get(key, "")
    if not given:
        return WINDOW
    if given.isdigit() and 1 <= int(given) <= MAX_WINDOW:
        return int(given)
    used = min(max(int(given), 1), MAX_WINDOW) if given.isdigit() else WINDOW
    notices.append(Notice("window_outside", key, given, (("most", MAX_WINDOW), ("used", used))))
    return used


def default_choice(menu: Menu, areas: Areas) -> Choice | None:
    """The first that can be chosen at the menu's place (nothing compared, no time)."""
    return read_choice({}, menu, areas)[0]


def to_params(choice: Choice, menu: Menu, default_place: str) -> dict[str, str]:
    """The URL parameters of ``choice`` at ``menu``'s place: what differs from what
    ``read_choice`` would take without it (the first that can be chosen after the choices
    before it) and from the page's ``default_place``, so that links stay short."""
    areas = menu.areas(choice.indicator)
    lengths = menu.granularities(choice.area, choice.indicator)
    params = {
        "follow": choice.place if choice.place != default_place else "",
        "indicator": choice.indicator if choice.indicator != menu.indicators()[0] else "",
        "area": choice.area if choice.area != areas[0] else "",
        "granularity": choice.granularity.value if choice.granularity is not lengths[0] else "",
        "unit": choice.unit if choice.unit != "count" else "",
        "comparison": choice.comparison or "",
        "start": choice.start or "",
        "at": choice.at.iso() if choice.at is not None else "",
        "before": str(choice.before) if choice.before != WINDOW else "",
        "after": str(choice.after) if choice.after != WINDOW else "",
    }
    return {key: value for key, value in params.items() if value}


def chosen_period(choice: Choice, menu: Menu) -> Period | Refusal | None:
    """The period the windows are counted around: the one the chosen measure's start falls
    in, or the chosen period; a refusal when the start is known less precisely than the
    series' periods (a start in 2019 falls in no one quarter); None when neither is
    chosen."""
    if choice.start is None:
        return choice.at
    start = menu.start(choice.start)
    if start is None:
        return None
    period = period_of(start.date, choice.granularity)
    if period is not None:
        return period
    return Refusal(
        "start_imprecise",
        {
            "title": start.title,
            "date": Words(start.date.label("sv"), start.date.label("en")),
            "period": Words(choice.granularity.words("sv"), choice.granularity.words("en")),
        },
    )


def effect_of(choice: Choice, menu: Menu) -> Effect | Refusal | None:
    """Before and after against the comparison, as ``python -m safetymap effect`` gives it
    for the same area, comparison, indicator, period and windows; a refusal that says what
    is missing; None until a comparison area and a point in time are chosen."""
    at = chosen_period(choice, menu)
    if isinstance(at, Refusal):
        return at
    if at is None or choice.comparison is None:
        return None
    return effect_for(
        menu.table,
        choice.area,
        choice.comparison,
        choice.indicator,
        at,
        choice.before,
        choice.after,
    )


def with_place(choice: Choice | None, menu: Menu, areas: Areas) -> Choice | None:
    """``choice``'s indicator, length of period, unit and windows kept at another place
    (``menu``'s) where they can be chosen there; its areas, measure and period start over."""
    if choice is None:
        return default_choice(menu, areas)
    raw = {
        "indicator": choice.indicator,
        "granularity": choice.granularity.value,
        "unit": choice.unit,
        "before": str(choice.before),
        "after": str(choice.after),
    }
    kept, _ = read_choice(raw, menu, areas)
    return None if kept is None else replace(kept, place=menu.place)
