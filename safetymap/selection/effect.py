"""Before and after, against a comparison area: the relative effect size (RES) of Welsh and
Farrington, as the Campbell Collaboration's reviews of crime prevention use it.

For a chosen period (a measure's start, say) and N periods on each side: ``before`` is the N
periods that end just before the chosen one, ``after`` the N that start just after it; the
chosen period belongs to neither. With a and b the treatment area's counts before and after,
and c and d the comparison area's,

    RES = (a·d) / (b·c),    var(ln RES) = 1/a + 1/b + 1/c + 1/d,

and the 95 % confidence interval is exp(ln RES ± 1.96·√var). RES above 1 means the treatment
area did relatively better than the comparison (its count fell more, or rose less). The
formulas, their assumptions and references are in ``docs/EFFECT.md``.

Pure and typed: two ``outcomes.Series`` in, an ``Effect`` or a ``Refusal`` out. What cannot
be computed honestly — a missing period, a zero count, series of different granularities,
rates instead of counts — is refused with a message that says what is missing, never given
a number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang, Words
from safetymap.contract.vocab import indicators, units
from safetymap.intake.areas import Areas
from safetymap.intake.periods import Granularity, Period, span_label
from safetymap.selection.outcomes import GRANULARITY_ORDER, Series, series_of

Z95 = 1.959963984540054  # the standard normal distribution's 97.5 % point
FEW_PERIODS = 3  # fewer periods than this on a side: "one unusual period moves the result"
MOST_LISTED = 6  # missing periods named in a refusal before "…"
# Refusal params that hold area ids: the message names the area in the page's language.
AREA_PARAMS = ("area", "comparison")
SIDES = {"before": Words("före", "before"), "after": Words("efter", "after")}
# A series' granularity as "a series per quarter"; a period's as "a quarter".
PER = {
    Granularity.YEAR: Words("per år", "by year"),
    Granularity.QUARTER: Words("per kvartal", "by quarter"),
    Granularity.MONTH: Words("per månad", "by month"),
}
ONE = {
    Granularity.YEAR: Words("ett år", "a year"),
    Granularity.QUARTER: Words("ett kvartal", "a quarter"),
    Granularity.MONTH: Words("en månad", "a month"),
}


@dataclass(frozen=True)
class Counts:
    """One area's counts in the two windows."""

    area: str
    before: int
    after: int

    @property
    def change_percent(self) -> float:
        """The change from before to after, in per cent of before."""
        return (self.after - self.before) / self.before * 100


@dataclass(frozen=True)
class Effect:
    """The result: the windows, both areas' counts, RES and its 95 % interval, and what the
    reader should know besides (preliminary figures used, a peak just before the chosen
    period)."""

    indicator: str
    at: Period
    before: tuple[Period, ...]
    after: tuple[Period, ...]
    treatment: Counts
    comparison: Counts
    res: float
    ci_low: float
    ci_high: float
    preliminary: tuple[Period, ...] = ()
    peak: Period | None = None
    sources: tuple[str, ...] = ()

    @property
    def granularity(self) -> Granularity:
        return self.at.granularity

    @property
    def variance(self) -> float:
        """var(ln RES) = 1/a + 1/b + 1/c + 1/d."""
        counts = (self.treatment.before, self.treatment.after)
        counts += (self.comparison.before, self.comparison.after)
        return sum(1 / n for n in counts)

    @property
    def relative_change_percent(self) -> float:
        """The treatment area's change relative to the comparison's, in per cent:
        (b/a)/(d/c) − 1 = 1/RES − 1."""
        return (1 / self.res - 1) * 100

    @property
    def clear(self) -> bool:
        """The interval lies wholly above or wholly below 1."""
        return self.ci_low > 1 or self.ci_high < 1

    def to_dict(self) -> dict[str, Any]:
        """The public JSON shape (``python -m safetymap effect --format json``)."""

        def counts(c: Counts) -> dict[str, Any]:
            return {
                "area": c.area,
                "before": c.before,
                "after": c.after,
                "change_percent": c.change_percent,
            }

        return {
            "indicator": self.indicator,
            "at": self.at.iso(),
            "granularity": self.granularity.value,
            "periods": {
                "before": [p.iso() for p in self.before],
                "after": [p.iso() for p in self.after],
            },
            "treatment": counts(self.treatment),
            "comparison": counts(self.comparison),
            "res": self.res,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "relative_change_percent": self.relative_change_percent,
            "preliminary": [p.iso() for p in self.preliminary],
            "peak": self.peak.iso() if self.peak else None,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Refusal:
    """Why no effect can be given: a code and what the message names."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: Lang = "sv", areas: Areas | None = None) -> str:
        """The refusal in words; areas by name when ``areas`` is given, else by id."""
        said: dict[str, Any] = {}
        for key, value in self.params.items():
            if key in AREA_PARAMS and areas is not None and value in areas.by_id:
                said[key] = areas.by_id[value].label(lang)
            elif isinstance(value, Words):
                said[key] = value.say(lang)
            else:
                said[key] = value
        return t(f"effect_refused_{self.code}", lang, **said)


def relative_effect_size(a: float, b: float, c: float, d: float) -> tuple[float, float, float]:
    """RES = (a·d)/(b·c) and its 95 % interval from var(ln RES) = 1/a + 1/b + 1/c + 1/d.

    Raises ValueError unless all four counts are above zero."""
    if min(a, b, c, d) <= 0:
        raise ValueError("the relative effect size needs four counts above zero")
    res = (a * d) / (b * c)
    margin = Z95 * math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    return res, math.exp(math.log(res) - margin), math.exp(math.log(res) + margin)


def windows(at: Period, before: int, after: int) -> tuple[tuple[Period, ...], tuple[Period, ...]]:
    """The ``before`` periods that end just before ``at`` and the ``after`` periods that
    start just after it; ``at`` is in neither."""
    return (
        tuple(at.shifted(-n) for n in range(before, 0, -1)),
        tuple(at.shifted(n) for n in range(1, after + 1)),
    )


def _indicator(indicator: str) -> Words:
    term = indicators().terms.get(indicator)
    return Words(term.label_sv, term.label_en) if term else Words(indicator, indicator)


def _listed(periods: list[Period]) -> str:
    shown = ", ".join(p.iso() for p in periods[:MOST_LISTED])
    return shown + (", …" if len(periods) > MOST_LISTED else "")


def _counts_refusal(series: Series) -> Refusal | None:
    """A series RES cannot use: not counts of events (a rate, a share)."""
    term = indicators().terms.get(series.indicator)
    counts = term is not None and term.unit == "count" and series.unit == "count"
    if counts and all(float(p.value).is_integer() for p in series.points):
        return None
    unit = units().terms.get(series.unit)
    count_id = series.indicator.removesuffix("_per_100k")
    instead = Words("", "")
    if count_id != series.indicator and count_id in indicators().terms:
        label = _indicator(count_id)
        instead = Words(f" Välj {label.sv} i stället.", f" Choose {label.en} instead.")
    return Refusal(
        "not_counts",
        {
            "indicator": _indicator(series.indicator),
            "unit": Words(unit.label_sv, unit.label_en) if unit else series.unit,
            "instead": instead,
        },
    )


def before_after(
    treatment: Series, comparison: Series, at: Period, before: int, after: int
) -> Effect | Refusal:
    """RES of ``treatment`` against ``comparison`` around the period ``at``, with
    ``before`` periods before it and ``after`` after it (see the module docstring); a
    ``Refusal`` saying what is missing when it cannot be computed."""
    if before < 1 or after < 1:
        return Refusal("window_size")
    if treatment.area == comparison.area:
        return Refusal("same_area", {"area": treatment.area})
    if treatment.indicator != comparison.indicator:
        return Refusal(
            "indicators_differ",
            {
                "treatment": _indicator(treatment.indicator),
                "comparison_indicator": _indicator(comparison.indicator),
            },
        )
    for series in (treatment, comparison):
        refused = _counts_refusal(series)
        if refused is not None:
            return refused
    if treatment.granularity is not comparison.granularity:
        return Refusal(
            "granularity_unequal",
            {
                "area": treatment.area,
                "comparison": comparison.area,
                "treatment_granularity": PER[treatment.granularity],
                "comparison_granularity": PER[comparison.granularity],
            },
        )
    if at.granularity is not treatment.granularity:
        return Refusal(
            "granularity_at",
            {
                "at": at.iso(),
                "at_granularity": ONE[at.granularity],
                "granularity": PER[treatment.granularity],
                "one": ONE[treatment.granularity],
            },
        )
    early, late = windows(at, before, after)
    sides = ((SIDES["before"], early), (SIDES["after"], late))
    for series in (treatment, comparison):
        for side, window in sides:
            missing = [p for p in window if series.at(p) is None]
            if missing:
                return Refusal(
                    "periods_missing",
                    {
                        "area": series.area,
                        "missing": _listed(missing),
                        "side": side,
                        "window": span_label(list(window)),
                        "first": series.first.iso(),
                        "last": series.last.iso(),
                    },
                )
    for series in (treatment, comparison):
        sources = {series.at(p).source for p in (*early, *late)}  # type: ignore[union-attr]
        if len(sources) > 1:
            return Refusal(
                "sources_mixed", {"area": series.area, "sources": "; ".join(sorted(sources))}
            )
    totals = {}
    for role, series in (("treatment", treatment), ("comparison", comparison)):
        for side, window in sides:
            total = int(sum(series.at(p).value for p in window))  # type: ignore[union-attr]
            if total == 0:
                return Refusal(
                    "zero_count",
                    {"area": series.area, "side": side, "window": span_label(list(window))},
                )
            totals[role, side.en] = total
    a, b = totals["treatment", "before"], totals["treatment", "after"]
    c, d = totals["comparison", "before"], totals["comparison", "after"]
    res, low, high = relative_effect_size(a, b, c, d)
    used = (*early, *late)
    preliminary = tuple(
        p
        for p in used
        if treatment.at(p).preliminary or comparison.at(p).preliminary  # type: ignore[union-attr]
    )
    return Effect(
        indicator=treatment.indicator,
        at=at,
        before=early,
        after=late,
        treatment=Counts(treatment.area, a, b),
        comparison=Counts(comparison.area, c, d),
        res=res,
        ci_low=low,
        ci_high=high,
        preliminary=preliminary,
        peak=_peak(treatment, at),
        sources=tuple(dict.fromkeys((*treatment.sources, *comparison.sources))),
    )


def _peak(series: Series, at: Period) -> Period | None:
    """The chosen period or the one before it, when it holds the series' highest value up
    to the chosen period (of at least three): after a peak, figures tend to fall back."""
    history = [p for p in series.points if p.period <= at]
    if len(history) < FEW_PERIODS:
        return None
    highest = max(p.value for p in history)
    for period in (at, at.shifted(-1)):
        point = series.at(period)
        if point is not None and point.value == highest:
            return period
    return None


def effect_for(
    table: pd.DataFrame,
    area: str,
    comparison: str,
    indicator: str,
    at: Period,
    before: int,
    after: int,
) -> Effect | Refusal:
    """``before_after`` on the outcomes table (``intake.outcomes``): the series of
    ``indicator`` in ``area`` and in ``comparison`` at the granularity of ``at``."""
    found = []
    for area_id in (area, comparison):
        series = series_of(table, area_id, indicator, at.granularity)
        if not series:
            return _no_series(table, area_id, indicator, at.granularity)
        found.append(series[0])
    return before_after(found[0], found[1], at, before, after)


def _no_series(table: pd.DataFrame, area: str, indicator: str, granularity: Granularity) -> Refusal:
    others = series_of(table, area, indicator)
    listed = [
        Words(
            f"{s.granularity.words('sv', plural=True)} {s.first.iso()}–{s.last.iso()}",
            f"{s.granularity.words('en', plural=True)} {s.first.iso()}–{s.last.iso()}",
        )
        for s in sorted(others, key=lambda s: GRANULARITY_ORDER.index(s.granularity))
    ]
    has = (
        Words(
            "; det finns: " + ", ".join(w.sv for w in listed),
            "; it has: " + ", ".join(w.en for w in listed),
        )
        if listed
        else Words("; det finns ingen serie av den i området", "; the area has no series of it")
    )
    return Refusal(
        "no_series",
        {
            "area": area,
            "indicator": _indicator(indicator),
            "granularity": PER[granularity],
            "has": has,
        },
    )


def decimal(value: float, places: int, lang: Lang) -> str:
    text = f"{value:,.{places}f}"
    return text.replace(",", "\u00a0").replace(".", ",") if lang == "sv" else text


def _count(value: int, lang: Lang) -> str:
    return decimal(value, 0, lang)


def percent(value: float, lang: Lang) -> str:
    """A change in per cent with its sign: "−6,5 %" (sv), "+20.0%" (en)."""
    sign = "+" if value > 0 else "\u2212" if value < 0 else "±"
    number = decimal(abs(value), 1, lang)
    return f"{sign}{number}\u00a0%" if lang == "sv" else f"{sign}{number}%"


def effect_sentence(effect: Effect, areas: Areas, lang: Lang = "sv") -> str:
    """The result in plain words: both areas' counts before and after with their change,
    RES with its interval, and what it says."""
    treatment = areas.by_id[effect.treatment.area].label(lang)
    comparison = areas.by_id[effect.comparison.area].label(lang)
    verdict = (
        "effect_better"
        if effect.ci_low > 1
        else "effect_worse"
        if effect.ci_high < 1
        else "effect_unclear"
    )
    return t(
        "effect_sentence",
        lang,
        indicator=_indicator(effect.indicator).say(lang),
        treatment=treatment,
        comparison=comparison,
        a=_count(effect.treatment.before, lang),
        b=_count(effect.treatment.after, lang),
        c=_count(effect.comparison.before, lang),
        d=_count(effect.comparison.after, lang),
        before=span_label(list(effect.before)),
        after=span_label(list(effect.after)),
        change_treatment=percent(effect.treatment.change_percent, lang),
        change_comparison=percent(effect.comparison.change_percent, lang),
        res=decimal(effect.res, 2, lang),
        low=decimal(effect.ci_low, 2, lang),
        high=decimal(effect.ci_high, 2, lang),
        verdict=t(verdict, lang, treatment=treatment, comparison=comparison),
    )


def effect_limits(
    effect: Effect, areas: Areas, lang: Lang = "sv", place_id: str | None = None
) -> list[str]:
    """What the result cannot say, one sentence each: an association, not proof (always);
    an area wider than the place (``place_id``, or the places in general); few periods; a
    peak just before the chosen period (regression to the mean); preliminary figures."""
    area = areas.by_id[effect.treatment.area]
    limits = [t("effect_limit_association", lang)]
    if place_id is not None and place_id in area.places and place_id != area.id:
        place = areas.by_id[place_id].label(lang)
        limits.append(t("effect_limit_wider_place", lang, area=area.label(lang), place=place))
    elif area.wider:
        limits.append(t("effect_limit_wider", lang, area=area.label(lang)))
    if min(len(effect.before), len(effect.after)) < FEW_PERIODS:
        limits.append(
            t(
                "effect_limit_few",
                lang,
                before=len(effect.before),
                after=len(effect.after),
                periods=effect.granularity.words(lang, plural=len(effect.before) != 1),
            )
        )
    if effect.peak is not None:
        limits.append(t("effect_limit_peak", lang, period=effect.peak.iso()))
    if effect.preliminary:
        listed = _listed(list(effect.preliminary))
        limits.append(t("effect_limit_preliminary", lang, periods=listed))
    return limits


def effect_text(
    effect: Effect, areas: Areas, lang: Lang = "sv", place_id: str | None = None
) -> str:
    """``effect_sentence`` and ``effect_limits`` as one paragraph."""
    return " ".join(
        [effect_sentence(effect, areas, lang), *effect_limits(effect, areas, lang, place_id)]
    )
