"""Outcome series as people see them: the follow-up chart (the series of an area and of a
comparison area, the place's measures' starts and status changes on the same time axis,
the before and after windows shaded), its figures as a table, a before/after result as a
table, and the briefing's small chart of a place's main outcome.

Altair (Vega-Lite, bundled with Streamlit: no CDN), drawn as SVG so that each point and
mark has a text label (its ``description``) that assistive technology and browser tests
can reach; ``charts.to_svg`` draws the same charts for the briefing pack. Colour is never
the only signal: the comparison's line is dashed, preliminary figures are hollow points,
and each status has its own symbol (``charts.STATUS_SHAPES``). Pure: no Streamlit.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from html import escape

import altair as alt
import pandas as pd

from safetymap.contract.i18n import format_number, t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import TITLE
from safetymap.contract.vocab import indicators, statuses
from safetymap.intake.areas import Areas
from safetymap.intake.periods import Period, span_label
from safetymap.present.charts import STATUS_SHAPES
from safetymap.present.mapping import PLACE_COLOUR, STATUS_COLOURS
from safetymap.selection.briefing import OutcomeSeries
from safetymap.selection.effect import PER, Effect, decimal, percent, windows
from safetymap.selection.outcomes import Series, area_words
from safetymap.selection.timeline import Recorded, changes_by_measure

COLOURS = {"treatment": PLACE_COLOUR, "comparison": "#882255"}  # Tol's wine: not a status's
DASHES = {"treatment": [1, 0], "comparison": [6, 4]}
WINDOW_FILL = {"before": "#E3E8EF", "at": "#C9D3E0", "after": "#E3E8EF"}
HEIGHT = 460  # the whole chart in a page, its axes and legends included
PLOT_HEIGHT = HEIGHT - 130  # about what a page leaves for the plot itself
STRIP_ROW = 18  # px between the rows of status symbols at the top of the chart
STRIP_TOP = 12
MOST_TITLES = 4  # titles named in one mark's tooltip before "+ n more"
SMALL_WIDTH, SMALL_HEIGHT = 300, 80
SWEDISH_NUMBERS = {
    "number": {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", " kr"]}
}

_TEXT = {
    "area": ("Område", "Area"),
    "period": ("Period", "Period"),
    "value": ("Värde", "Value"),
    "preliminary": ("Preliminär", "Preliminary"),
    "source": ("Källa", "Source"),
    "status": ("Status", "Status"),
    "date": ("Datum", "Date"),
    "measures": ("Åtgärder och lägesbilder", "Measures and conditions"),
    "time": ("Tid", "Time"),
    "series": ("Serie", "Series"),
}


def _t(key: str, lang: Lang) -> str:
    return _TEXT[key][0 if lang == "sv" else 1]


@dataclass(frozen=True)
class Line:
    """One series drawn: which role it has (``treatment``: the area followed up,
    ``comparison``) and its area in words, said against the place."""

    series: Series
    role: str
    words: str


def lines_for(
    series: list[tuple[Series, str]], areas: Areas, place_id: str, lang: Lang
) -> list[Line]:
    """Each (series, role) with its area in words ("Järfälla kommun som helhet, inte bara
    Jakobsberg")."""
    return [Line(s, role, area_words(areas, s.area, place_id, lang)) for s, role in series]


def series_data(lines: list[Line], areas: Areas, lang: Lang) -> pd.DataFrame:
    """The lines' points for the chart: each value at the middle of its period."""
    rows = []
    for line in lines:
        name = areas.by_id[line.series.area].label(lang) if line.series.area in areas.by_id else ""
        for point in line.series.points:
            first, last = point.period.first, point.period.last
            value = format_number(point.value, lang)
            label = point.period.label(lang)
            rows.append(
                {
                    "role": line.role,
                    "area": name or line.series.area,
                    "words": line.words,
                    "x": pd.Timestamp(first + (last - first) / 2),
                    "first": pd.Timestamp(first),
                    "last": pd.Timestamp(last + timedelta(days=1)),
                    "period": label,
                    "value": point.value,
                    "value_text": value,
                    "preliminary": point.preliminary,
                    "preliminary_text": t(
                        "followup_yes" if point.preliminary else "followup_no", lang
                    ),
                    "source": point.source,
                    "description": f"{name or line.series.area}, {label}: {value}"
                    + (
                        f" ({t('briefing_outcome_preliminary', lang)})" if point.preliminary else ""
                    ),
                }
            )
    columns = ["role", "area", "words", "x", "first", "last", "period", "value", "value_text"]
    columns += ["preliminary"]
    columns += ["preliminary_text", "source", "description"]
    return pd.DataFrame(rows, columns=columns)


def change_marks(rows: pd.DataFrame, recorded: Recorded | None, lang: Lang) -> pd.DataFrame:
    """The dated status changes of ``rows`` (a place's measures and conditions: starts,
    completions, …), one mark per status and date, with the titles it stands for."""
    found: dict[tuple[str, str], dict] = {}
    titles = dict(zip(rows["id"], rows[TITLE]))
    for measure_id, changes in changes_by_measure(rows, recorded):
        for change in changes:
            if change.date is None:
                continue
            key = (change.status, change.date.iso())
            mark = found.setdefault(
                key,
                {
                    "status": change.status,
                    "status_label": statuses().label(change.status, lang),
                    "date": change.date.label(lang),
                    "x": pd.Timestamp(change.date.first),
                    "x2": pd.Timestamp(change.date.last + timedelta(days=1)),
                    "mid": pd.Timestamp(
                        change.date.first + (change.date.last - change.date.first) / 2
                    ),
                    "titles": [],
                },
            )
            mark["titles"].append(titles[measure_id])
    marks = []
    for mark in found.values():
        named = sorted(dict.fromkeys(mark.pop("titles")))
        shown = "; ".join(named[:MOST_TITLES])
        if len(named) > MOST_TITLES:
            shown += " " + t("followup_more", lang, n=len(named) - MOST_TITLES)
        marks.append(
            {
                **mark,
                "n": len(named),
                "named": shown,
                "description": f"{mark['status_label']} {mark['date']}: {shown}",
            }
        )
    columns = ["status", "status_label", "date", "x", "x2", "mid", "n", "named", "description"]
    return pd.DataFrame(marks, columns=columns).sort_values(["x", "status"], ignore_index=True)


def window_data(at: Period, before: int, after: int, lang: Lang) -> pd.DataFrame:
    """The periods before, the chosen period and the periods after, as spans of days."""
    early, late = windows(at, before, after)
    parts = [("before", early), ("at", (at,)), ("after", late)]
    return pd.DataFrame(
        [
            {
                "part": part,
                "label": t(f"followup_window_{part}", lang),
                "periods": span_label(list(periods)),
                "x": pd.Timestamp(periods[0].first),
                "x2": pd.Timestamp(periods[-1].last + timedelta(days=1)),
            }
            for part, periods in parts
        ]
    )


def _tooltip(lang: Lang) -> list[alt.Tooltip]:
    return [
        alt.Tooltip("words:N", title=_t("area", lang)),
        alt.Tooltip("period:N", title=_t("period", lang)),
        alt.Tooltip("value_text:N", title=_t("value", lang)),
        alt.Tooltip("preliminary_text:N", title=_t("preliminary", lang)),
        alt.Tooltip("source:N", title=_t("source", lang)),
    ]


def follow_up_chart(
    points: pd.DataFrame,
    marks: pd.DataFrame,
    spans: pd.DataFrame | None,
    y_title: str,
    lang: Lang,
    width: int | str = "container",
) -> alt.LayerChart:
    """The series (``series_data``) as lines, the status changes (``change_marks``) as
    symbols in rows at the top, and the windows (``window_data``) shaded, on one time axis
    that covers them all. Its legends are the page's own text (``series_legend_html``,
    ``marks_legend_html``), which wraps on a narrow screen."""
    shown = statuses_in(marks)
    strip = STRIP_TOP + STRIP_ROW * len(shown)
    top = float(points["value"].max()) if not points.empty else 1.0
    top = top * PLOT_HEIGHT / max(PLOT_HEIGHT - strip - 8, 1) if top > 0 else 1.0
    days = [points["first"], points["last"], marks["x"], marks["x2"]]
    if spans is not None:
        days += [spans["x"], spans["x2"]]
    known = pd.concat([d for d in days if not d.empty])
    x_scale = alt.Scale(domain=[known.min().isoformat(), known.max().isoformat()])
    x = alt.X(
        "x:T",
        title=_t("time", lang),
        scale=x_scale,
        axis=alt.Axis(format="%Y", tickCount="year", grid=True),
    )
    y = alt.Y(
        "value:Q",
        title=y_title,
        scale=alt.Scale(domain=[0, top], nice=False),
        axis=alt.Axis(format=",.0f", tickCount=5),
    )
    layers: list[alt.Chart] = []
    if spans is not None:
        for part, fill in WINDOW_FILL.items():
            layers.append(
                alt.Chart(spans[spans["part"] == part])
                .mark_rect(opacity=0.8, fill=fill)
                .encode(
                    x=alt.X("x:T", scale=x_scale),
                    x2="x2:T",
                    tooltip=[alt.Tooltip("label:N", title=_t("period", lang))],
                    description="label:N",
                )
            )
    for role in ("treatment", "comparison"):
        own = points[points["role"] == role]
        if own.empty:
            continue
        base = alt.Chart(own)
        colour = COLOURS[role]
        layers.append(
            base.mark_line(strokeWidth=2.5, stroke=colour, strokeDash=DASHES[role]).encode(x=x, y=y)
        )
        layers.append(
            base.mark_point(size=55, strokeWidth=2, opacity=1, filled=True, stroke=colour).encode(
                x=x,
                y=y,
                fill=alt.condition("datum.preliminary", alt.value("#FFFFFF"), alt.value(colour)),
                tooltip=_tooltip(lang),
                description="description:N",
            )
        )
    mark_tooltip = [
        alt.Tooltip("status_label:N", title=_t("status", lang)),
        alt.Tooltip("date:N", title=_t("date", lang)),
        alt.Tooltip("named:N", title=_t("measures", lang)),
    ]
    for row, status in enumerate(shown):
        level = alt.value(STRIP_TOP + STRIP_ROW * row)
        chosen = alt.Chart(marks[marks["status"] == status])
        colour = STATUS_COLOURS[status]
        layers.append(
            chosen.mark_rect(height=10, opacity=0.35, fill=colour).encode(
                x=alt.X("x:T", scale=x_scale), x2="x2:T", y=level, tooltip=mark_tooltip
            )
        )
        layers.append(
            chosen.mark_point(
                filled=True,
                size=110,
                shape=STATUS_SHAPES[status],
                fill=colour,
                stroke="#1A1A1A",
                strokeWidth=0.8,
                opacity=1,
            ).encode(
                x=alt.X("mid:T", scale=x_scale),
                y=level,
                tooltip=mark_tooltip,
                description="description:N",
            )
        )
    chart = alt.layer(*layers).properties(
        height=HEIGHT, width=width, usermeta={"embedOptions": {"renderer": "svg"}}
    )
    configured = chart.configure_axis(labelColor="#1A1A1A", titleColor="#1A1A1A")
    return configured.configure(locale=SWEDISH_NUMBERS) if lang == "sv" else configured


def statuses_in(marks: pd.DataFrame) -> list[str]:
    """The statuses ``change_marks`` holds, in the vocabulary's order: the chart's rows of
    symbols from the top."""
    return [s for s in statuses().ids() if s in set(marks["status"])]


# Each status's symbol as the chart draws it (``STATUS_SHAPES``), in a 14 × 14 box.
_SYMBOLS = {
    "circle": '<circle cx="7" cy="7" r="5"/>',
    "square": '<rect x="2" y="2" width="10" height="10"/>',
    "triangle-right": '<path d="M3 2 L12 7 L3 12 Z"/>',
    "triangle-down": '<path d="M2 3 L12 3 L7 12 Z"/>',
    "diamond": '<path d="M7 1 L13 7 L7 13 L1 7 Z"/>',
    "cross": '<path d="M5 1 H9 V5 H13 V9 H9 V13 H5 V9 H1 V5 H5 Z"/>',
}
LEGEND_STYLE = (
    "<style>.smp-legend{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;margin:.2rem 0;"
    "color:#3D3D3D;font-size:.9rem;line-height:1.4}.smp-legend span{display:inline-flex;"
    "align-items:center;gap:.4rem}.smp-legend img{flex:none}"
    ".smp-legend.smp-series{flex-direction:column}</style>"
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def icon(svg: str, width: int, height: int) -> str:
    """A small picture drawn as SVG, as an image (``st.html`` takes no inline SVG) that
    assistive technology passes over: the text beside it says what it shows."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="" width="{width}" height="{height}">'


def series_legend_html(lines: list[Line], lang: Lang) -> str:
    """Which line is which: a sample of each line (solid, dashed), its area in words and
    its source."""
    items = []
    for line in lines:
        dash = " ".join(str(n) for n in DASHES[line.role])
        sample = icon(
            '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10">'
            '<line x1="1" y1="5" x2="29" y2="5" '
            f'stroke="{COLOURS[line.role]}" stroke-width="2.5" stroke-dasharray="{dash}"/></svg>',
            30,
            10,
        )
        key = "followup_line_solid" if line.role == "treatment" else "followup_line_dashed"
        text = t(
            "followup_line",
            lang,
            line=t(key, lang),
            words=line.words,
            source="; ".join(line.series.sources),
        )
        items.append(f"<span>{sample}{_e(text)}</span>")
    return f'{LEGEND_STYLE}<div class="smp-legend smp-series">{"".join(items)}</div>'


def marks_legend_html(marks: pd.DataFrame, spans: pd.DataFrame | None, lang: Lang) -> str:
    """The symbols of the statuses the chart shows, the shaded windows with their periods,
    and the hollow point of a preliminary figure."""
    items = []
    for status in statuses_in(marks):
        shape = _SYMBOLS[STATUS_SHAPES[status]]
        symbol = icon(
            '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14" viewBox="0 0 14 14" '
            f'fill="{STATUS_COLOURS[status]}" stroke="#1A1A1A" stroke-width="0.8">{shape}</svg>',
            14,
            14,
        )
        items.append(f"<span>{symbol}{_e(statuses().label(status, lang))}</span>")
    if spans is not None:
        for part in spans.itertuples(index=False):
            swatch = icon(
                '<svg xmlns="http://www.w3.org/2000/svg" width="18" height="12">'
                f'<rect width="18" height="12" fill="{WINDOW_FILL[part.part]}" '
                'stroke="#9E9E9E"/></svg>',
                18,
                12,
            )
            items.append(f"<span>{swatch}{_e(part.label)} {_e(part.periods)}</span>")
    hollow = icon(
        '<svg xmlns="http://www.w3.org/2000/svg" width="14" height="14">'
        '<circle cx="7" cy="7" r="4.5" '
        f'fill="#FFFFFF" stroke="{COLOURS["treatment"]}" stroke-width="2"/></svg>',
        14,
        14,
    )
    items.append(f"<span>{hollow}{_e(t('followup_preliminary_point', lang))}</span>")
    return f'{LEGEND_STYLE}<div class="smp-legend">{"".join(items)}</div>'


def series_table(lines: list[Line], areas: Areas, lang: Lang) -> pd.DataFrame:
    """The lines' values as a table: a row per period, a column per area."""
    columns: dict[str, dict[str, str]] = {}
    order: dict[tuple, str] = {}
    for line in lines:
        name = areas.by_id[line.series.area].label(lang)
        values = columns.setdefault(name, {})
        for point in line.series.points:
            label = point.period.label(lang)
            order.setdefault((point.period.ordinal, label), label)
            mark = f" ({t('briefing_outcome_preliminary', lang)})" if point.preliminary else ""
            values[label] = format_number(point.value, lang) + mark
    periods = [label for _, label in sorted(order)]
    table = {_t("period", lang): periods}
    for name, values in columns.items():
        table[name] = [values.get(p, "–") for p in periods]
    return pd.DataFrame(table)


def effect_table(effect: Effect, areas: Areas, lang: Lang) -> pd.DataFrame:
    """Both areas' counts before and after and their change in per cent."""
    before, after = span_label(list(effect.before)), span_label(list(effect.after))
    counts = (("treatment", effect.treatment), ("comparison", effect.comparison))
    return pd.DataFrame(
        {
            t("area_col", lang): [
                f"{areas.by_id[c.area].label(lang)} ({t(f'followup_role_{role}', lang)})"
                for role, c in counts
            ],
            t("followup_before_col", lang, periods=before): [
                format_number(c.before, lang) for _, c in counts
            ],
            t("followup_after_col", lang, periods=after): [
                format_number(c.after, lang) for _, c in counts
            ],
            t("followup_change_col", lang): [percent(c.change_percent, lang) for _, c in counts],
        }
    )


def res_text(effect: Effect, lang: Lang) -> tuple[str, str]:
    """RES and its 95 % interval as the sentence says them: ("0,94", "0,91–0,96")."""
    return (
        decimal(effect.res, 2, lang),
        f"{decimal(effect.ci_low, 2, lang)}–{decimal(effect.ci_high, 2, lang)}",
    )


def chart_heading(indicator: str, unit: str, granularity, lang: Lang) -> str:
    """ "Anmälda brott totalt per år" (counts) or "… per år, per 100 000 invånare"."""
    per = PER[granularity].say(lang)
    if unit == "per_100k":
        per += ", " + t("followup_per_100k", lang)
    return t("followup_chart_heading", lang, indicator=indicators().label(indicator, lang), per=per)


def small_chart(
    series: OutcomeSeries, lang: Lang, width: int | str = SMALL_WIDTH, height: int = SMALL_HEIGHT
) -> alt.LayerChart:
    """A place's main outcome as a small line chart with its periods and values on its axes
    (the briefing page and the pack); hollow points are preliminary."""
    data = pd.DataFrame(
        {
            "period": [p for p, _ in series.points],
            "value": [v for _, v in series.points],
            "value_text": [format_number(v, lang) for _, v in series.points],
            "preliminary": [p in series.preliminary for p, _ in series.points],
        }
    )
    data["description"] = data["period"] + ": " + data["value_text"]
    x = alt.X(
        "period:O",
        title=None,
        sort=list(data["period"]),
        axis=alt.Axis(labelAngle=0, labelOverlap="greedy", labelFontSize=10),
    )
    y = alt.Y(
        "value:Q",
        title=None,
        scale=alt.Scale(zero=False),
        axis=alt.Axis(format=",.0f", tickCount=3, labelFontSize=10),
    )
    base = alt.Chart(data)
    line = base.mark_line(color=COLOURS["treatment"], strokeWidth=2).encode(x=x, y=y)
    points = base.mark_point(
        size=30, strokeWidth=1.5, color=COLOURS["treatment"], opacity=1
    ).encode(
        x=x,
        y=y,
        fill=alt.condition(
            "datum.preliminary", alt.value("#FFFFFF"), alt.value(COLOURS["treatment"])
        ),
        tooltip=[
            alt.Tooltip("period:N", title=_t("period", lang)),
            alt.Tooltip("value_text:N", title=_t("value", lang)),
        ],
        description="description:N",
    )
    chart = alt.layer(line, points).properties(
        width=width, height=height, usermeta={"embedOptions": {"renderer": "svg"}}
    )
    configured = chart.configure_axis(labelColor="#1A1A1A", domainColor="#9E9E9E").configure_view(
        strokeWidth=0
    )
    return configured.configure(locale=SWEDISH_NUMBERS) if lang == "sv" else configured
