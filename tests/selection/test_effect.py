"""The relative effect size before and after against a comparison area (Welsh & Farrington):
hand-worked examples, every refusal, and the symmetry of swapping the two areas."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safetymap.intake.areas import Areas
from safetymap.intake.outcomes import load_outcomes
from safetymap.intake.periods import Granularity, Period, parse_period
from safetymap.selection.effect import (
    Effect,
    Refusal,
    before_after,
    effect_for,
    effect_limits,
    effect_sentence,
    effect_text,
    relative_effect_size,
    windows,
)
from safetymap.selection.outcomes import Point, Series
from tests.conftest import ROOT

SOURCE = "Brå: per år"


def series(
    area: str,
    values: dict[str, float],
    indicator: str = "reported_crimes_total",
    unit: str = "count",
    preliminary: tuple[str, ...] = (),
    sources: dict[str, str] | None = None,
) -> Series:
    """A series of ``values`` by period text (one granularity)."""
    points = sorted(
        (
            Point(
                parse_period(p),
                float(v),
                p in preliminary,
                (sources or {}).get(p, SOURCE),
                "ref",
            )
            for p, v in values.items()
        ),
        key=lambda point: point.period,
    )
    return Series(area, indicator, unit, points[0].period.granularity, tuple(points))


def yearly(area: str, first: int, *values: float, **kw) -> Series:
    return series(area, {str(first + i): v for i, v in enumerate(values)}, **kw)


def test_the_windows_end_just_before_and_start_just_after_the_chosen_period() -> None:
    early, late = windows(parse_period("2019-Q2"), 3, 2)
    assert [p.iso() for p in early] == ["2018-Q3", "2018-Q4", "2019-Q1"]
    assert [p.iso() for p in late] == ["2019-Q3", "2019-Q4"]


def test_res_and_its_interval_by_hand() -> None:
    # a=100, b=80, c=100, d=100: RES = (100·100)/(80·100) = 1.25;
    # var(ln RES) = 1/100 + 1/80 + 1/100 + 1/100 = 0.0425, se = 0.20616;
    # ln 1.25 = 0.22314; 0.22314 ∓ 1.95996·0.20616 = −0.18092 and 0.62721;
    # exp: 0.8345 and 1.8724.
    res, low, high = relative_effect_size(100, 80, 100, 100)
    assert res == pytest.approx(1.25)
    assert (low, high) == (pytest.approx(0.8345, abs=1e-4), pytest.approx(1.8724, abs=1e-4))
    # a=400, b=300, c=200, d=250: RES = 100 000/60 000 = 1.6667; var = 0.014833, se = 0.12179;
    # ln RES = 0.51083 ∓ 0.23871: exp(0.27212) = 1.3127, exp(0.74953) = 2.1160.
    res, low, high = relative_effect_size(400, 300, 200, 250)
    assert res == pytest.approx(5 / 3)
    assert (low, high) == (pytest.approx(1.3127, abs=1e-4), pytest.approx(2.1160, abs=1e-4))
    with pytest.raises(ValueError):
        relative_effect_size(0, 1, 1, 1)


def test_before_and_after_sums_each_window_and_leaves_the_chosen_period_out() -> None:
    # Years 2016–2022 around 2019: before 2017+2018, after 2020+2021; 2019 (the 999) in neither.
    treatment = yearly("kommun-0123", 2016, 70, 60, 40, 999, 30, 50, 10)
    comparison = yearly("kommun-0191", 2016, 10, 50, 50, 999, 60, 40, 10)
    effect = before_after(treatment, comparison, parse_period("2019"), 2, 2)
    assert isinstance(effect, Effect)
    assert [p.iso() for p in effect.before] == ["2017", "2018"]
    assert [p.iso() for p in effect.after] == ["2020", "2021"]
    assert (effect.treatment.before, effect.treatment.after) == (100, 80)
    assert (effect.comparison.before, effect.comparison.after) == (100, 100)
    assert effect.res == pytest.approx(1.25)
    assert effect.ci_low == pytest.approx(0.8345, abs=1e-4)
    assert effect.ci_high == pytest.approx(1.8724, abs=1e-4)
    assert effect.treatment.change_percent == pytest.approx(-20.0)
    assert effect.comparison.change_percent == pytest.approx(0.0)
    assert effect.relative_change_percent == pytest.approx(-20.0)
    assert effect.variance == pytest.approx(0.0425)
    assert not effect.clear  # the interval includes 1


def test_the_json_shape() -> None:
    treatment = yearly("kommun-0123", 2016, 70, 60, 40, 999, 30, 50, 10)
    comparison = yearly("kommun-0191", 2016, 10, 50, 50, 999, 60, 40, 10)
    record = before_after(treatment, comparison, parse_period("2019"), 2, 2).to_dict()
    assert record["treatment"] == {
        "area": "kommun-0123",
        "before": 100,
        "after": 80,
        "change_percent": pytest.approx(-20.0),
    }
    assert record["comparison"]["before"] == 100 and record["comparison"]["after"] == 100
    assert record["periods"] == {"before": ["2017", "2018"], "after": ["2020", "2021"]}
    assert record["res"] == pytest.approx(1.25) and record["at"] == "2019"
    assert {"ci_low", "ci_high", "preliminary", "peak", "sources"} <= set(record)


COUNTS = st.integers(min_value=1, max_value=100_000)


@given(st.lists(COUNTS, min_size=6, max_size=6), st.lists(COUNTS, min_size=6, max_size=6))
def test_swapping_treatment_and_comparison_inverts_res_and_its_interval(
    first: list[int], second: list[int]
) -> None:
    one, other = yearly("kommun-0123", 2015, *first), yearly("kommun-0191", 2015, *second)
    at = parse_period("2018")
    forward = before_after(one, other, at, 2, 2)
    backward = before_after(other, one, at, 2, 2)
    assert isinstance(forward, Effect) and isinstance(backward, Effect)
    assert forward.res * backward.res == pytest.approx(1.0)
    assert forward.ci_low * backward.ci_high == pytest.approx(1.0)
    assert forward.ci_high * backward.ci_low == pytest.approx(1.0)
    assert forward.ci_low <= forward.res <= forward.ci_high
    assert math.log(forward.ci_high) - math.log(forward.res) == pytest.approx(
        math.log(forward.res) - math.log(forward.ci_low)
    )


TREATMENT = yearly("kommun-0123", 2015, 50, 60, 70, 80, 90, 100)
COMPARISON = yearly("kommun-0191", 2015, 40, 50, 60, 70, 80, 90)


@pytest.mark.parametrize(
    "treatment, comparison, at, before, after, code, sv",
    [
        (TREATMENT, COMPARISON, "2018", 0, 2, "window_size", "Ange minst en period före"),
        (TREATMENT, TREATMENT, "2018", 2, 2, "same_area", "samma som området (Järfälla kommun)"),
        (
            TREATMENT,
            yearly("kommun-0191", 2015, 4, 5, 6, 7, 8, 9, indicator="reported_crimes_theft"),
            "2018",
            2,
            2,
            "indicators_differ",
            "olika indikatorer (Anmälda brott totalt och Anmälda stölder",
        ),
        (
            yearly(
                "kommun-0123",
                2015,
                900.5,
                800,
                700,
                600,
                500,
                400,
                indicator="reported_crimes_total_per_100k",
                unit="per_100k",
            ),
            yearly(
                "kommun-0191",
                2015,
                *range(6),
                indicator="reported_crimes_total_per_100k",
                unit="per_100k",
            ),
            "2018",
            2,
            2,
            "not_counts",
            "i enheten per 100 000 invånare. Välj Anmälda brott totalt i stället.",
        ),
        (
            yearly(
                "kommun-0123",
                2015,
                5,
                6,
                7,
                8,
                9,
                10,
                indicator="share_feeling_unsafe",
                unit="percent",
            ),
            yearly(
                "kommun-0191",
                2015,
                5,
                6,
                7,
                8,
                9,
                10,
                indicator="share_feeling_unsafe",
                unit="percent",
            ),
            "2018",
            2,
            2,
            "not_counts",
            "räknas på antal händelser, men Andel boende som känner sig otrygga är i enheten "
            "procent.",
        ),
        (
            TREATMENT,
            series("kommun-0191", {"2017-Q4": 5, "2018-Q1": 6, "2018-Q2": 7}),
            "2018",
            1,
            1,
            "granularity_unequal",
            "Järfälla kommun har en serie per år och Sigtuna kommun en per kvartal",
        ),
        (
            TREATMENT,
            COMPARISON,
            "2018-Q1",
            1,
            1,
            "granularity_at",
            "Den valda perioden 2018-Q1 är ett kvartal, men serierna är per år; välj ett år.",
        ),
        (
            TREATMENT,
            COMPARISON,
            "2017",
            3,
            2,
            "periods_missing",
            "Järfälla kommun saknar värden för 2014 i perioderna före (2014–2016); serien går "
            "från 2015 till 2020.",
        ),
        (
            TREATMENT,
            yearly("kommun-0191", 2015, 40, 50, 60, 70, 80),
            "2018",
            2,
            2,
            "periods_missing",
            "Sigtuna kommun saknar värden för 2020 i perioderna efter (2019–2020)",
        ),
        (
            TREATMENT,
            yearly("kommun-0191", 2015, 40, 0, 0, 70, 80, 90),
            "2018",
            2,
            2,
            "zero_count",
            "Sigtuna kommun har 0 i perioderna före (2016–2017)",
        ),
        (
            TREATMENT,
            series(
                "kommun-0191",
                {str(y): 5 for y in range(2015, 2021)},
                sources={"2019": "Polisen"},
            ),
            "2018",
            2,
            2,
            "sources_mixed",
            "Värdena för Sigtuna kommun kommer från olika källor (Brå: per år; Polisen)",
        ),
    ],
)
def test_what_cannot_be_computed_is_refused_saying_what_is_missing(
    areas: Areas,
    treatment: Series,
    comparison: Series,
    at: str,
    before: int,
    after: int,
    code: str,
    sv: str,
) -> None:
    refused = before_after(treatment, comparison, parse_period(at), before, after)
    assert isinstance(refused, Refusal) and refused.code == code
    assert sv in refused.message("sv", areas)
    english = refused.message("en", areas)
    assert english and english != refused.message("sv", areas) and "{" not in english


def test_a_missing_period_inside_a_window_is_named() -> None:
    gap = series("kommun-0191", {"2015": 4, "2016": 5, "2018": 7, "2019": 8, "2020": 9})
    refused = before_after(TREATMENT, gap, parse_period("2018"), 2, 2)
    assert isinstance(refused, Refusal)
    assert refused.message("en") == (
        "kommun-0191 has no values for 2017 in the periods before (2016–2017); the series runs "
        "from 2015 to 2020. Choose fewer periods or another point in time."
    )


@pytest.fixture(scope="module")
def shipped(areas: Areas) -> pd.DataFrame:
    return load_outcomes(ROOT / "outcomes.csv", areas).table


def test_the_effect_on_the_shipped_series(shipped: pd.DataFrame) -> None:
    # Järfälla against Sigtuna around the citizen promise of 2019, three years on each side:
    # 2016–2018 and 2020–2022 from Brå's yearly totals.
    effect = effect_for(
        shipped, "kommun-0123", "kommun-0191", "reported_crimes_total", parse_period("2019"), 3, 3
    )
    assert isinstance(effect, Effect)
    assert (effect.treatment.before, effect.treatment.after) == (29_976, 30_078)
    assert (effect.comparison.before, effect.comparison.after) == (22_838, 21_449)
    assert effect.res == pytest.approx((29_976 * 21_449) / (30_078 * 22_838))


def test_a_series_the_area_lacks_is_refused_with_what_it_has(
    shipped: pd.DataFrame, areas: Areas
) -> None:
    refused = effect_for(
        shipped,
        "kommun-0123",
        "kommun-0191",
        "reported_crimes_total",
        parse_period("2019-05"),
        3,
        3,
    )
    assert isinstance(refused, Refusal) and refused.code == "no_series"
    assert refused.message("sv", areas) == (
        "Järfälla kommun har ingen serie av Anmälda brott totalt per månad; det finns: år "
        "2015–2025, kvartal 2015-Q1–2026-Q2."
    )
    nothing = effect_for(
        shipped, "valsta", "kommun-0191", "reported_crimes_total", parse_period("2019"), 3, 3
    )
    assert isinstance(nothing, Refusal)
    assert nothing.message("en", areas).endswith("; the area has no series of it.")


def test_the_sentence_states_the_result_in_both_languages(areas: Areas) -> None:
    treatment = yearly("kommun-0123", 2015, 1000, 1200, 1100, 1300, 999, 900, 800, 700)
    comparison = yearly("kommun-0191", 2015, 1000, 1000, 1000, 1000, 999, 1050, 1100, 1000)
    effect = before_after(treatment, comparison, parse_period("2019"), 3, 3)
    assert isinstance(effect, Effect) and effect.clear and effect.res > 1
    nbsp, minus = "\u00a0", "\u2212"
    assert effect_sentence(effect, areas, "sv") == (
        f"Anmälda brott totalt i Järfälla kommun: 3{nbsp}600 under 2016–2018 och 2{nbsp}400 "
        f"under 2020–2022 ({minus}33,3{nbsp}%). I jämförelseområdet Sigtuna kommun: 3{nbsp}000 "
        f"och 3{nbsp}150 (+5,0{nbsp}%). Relativ effektstorlek RES = 1,57 (95 % "
        "konfidensintervall 1,47–1,69): Järfälla kommun utvecklades relativt sett bättre än "
        "Sigtuna kommun."
    )
    english = effect_sentence(effect, areas, "en")
    assert english.startswith("Reported crimes, total in Järfälla Municipality: 3,600 in 2016")
    assert (
        "(\u221233.3%)" in english and "RES = 1.57 (95% confidence interval 1.47–1.69)" in english
    )
    assert english.endswith(
        "Järfälla Municipality did relatively better than Sigtuna Municipality."
    )


def test_the_limits_say_what_the_result_cannot(areas: Areas) -> None:
    # 2018 is the highest value up to the chosen period 2019: regression to the mean.
    treatment = yearly("kommun-0123", 2015, 100, 110, 120, 200, 150, 90, preliminary=("2020",))
    comparison = yearly("kommun-0191", 2015, 100, 100, 100, 100, 100, 100)
    effect = before_after(treatment, comparison, parse_period("2019"), 2, 1)
    assert isinstance(effect, Effect)
    assert effect.peak == parse_period("2018") and effect.preliminary == (parse_period("2020"),)
    limits = effect_limits(effect, areas, "sv", "jakobsberg-station")
    assert limits == [
        "Det är ett samband, inte ett bevis: annat som ändrades under samma tid kan ligga "
        "bakom skillnaden.",
        "Järfälla kommun är ett vidare område än Jakobsbergs stationsområde: det som hände på "
        "platsen kan gå upp i resten av området.",
        "Bara 2 år före och 1 efter: en enda ovanlig period kan flytta resultatet.",
        "2018 hade seriens högsta värde dittills: efter en topp sjunker siffrorna ofta av sig "
        "själva (regression mot medelvärdet), så en minskning kan komma utan någon åtgärd.",
        "Preliminära siffror: 2020.",
    ]
    english = effect_limits(effect, areas, "en")
    assert english[0].startswith("This is an association, not proof")
    assert english[1].startswith("Järfälla Municipality is a wider area than the places")
    assert "regression to the mean" in english[3]
    assert effect_text(effect, areas, "en").endswith("Preliminary figures: 2020.")


def test_an_unclear_result_says_so(areas: Areas) -> None:
    treatment = yearly("kommun-0123", 2016, 70, 60, 40, 999, 30, 50, 10)
    comparison = yearly("kommun-0191", 2016, 10, 50, 50, 999, 60, 40, 10)
    effect = before_after(treatment, comparison, Period.of(Granularity.YEAR, 2019), 2, 2)
    assert isinstance(effect, Effect) and not effect.clear
    assert effect_sentence(effect, areas, "sv").endswith(
        "intervallet omfattar 1, så skillnaden mellan områdena kan vara slump."
    )
    worse = before_after(comparison, treatment, Period.of(Granularity.YEAR, 2019), 2, 2)
    assert isinstance(worse, Effect) and worse.res == pytest.approx(0.8)
