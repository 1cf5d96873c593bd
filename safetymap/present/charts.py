"""Altair charts (Vega-Lite, bundled with Streamlit: no CDN). No Streamlit here.

The timeline draws one row per measure: a bar per status period, coloured by status *and*
marked with a status-specific shape where the status began, so colour is never the only
signal. The span a partial start date could fall in is drawn faint ("some time in 2021"), and
so is a status that began at a date nobody gave, from the status before it to today.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd
import vl_convert

from safetymap.contract.i18n import format_number
from safetymap.contract.problems import Lang
from safetymap.contract.schema import ID, PLACE, PLACE_NAME, TITLE
from safetymap.contract.vocab import indicators, statuses
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.places import Places
from safetymap.present.mapping import STATUS_COLOURS
from safetymap.selection.timeline import Periods

STATUS_SHAPES = {
    "planned": "triangle-right",
    "ongoing": "circle",
    "completed": "square",
    "cancelled": "cross",
    "active": "diamond",
    "lifted": "triangle-down",
}
ROW_HEIGHT = 24
# In a page the rows' titles take at most this share of the chart's width, within these
# bounds (px).
LABEL_SHARE, LABEL_MIN, LABEL_MAX = 0.4, 140, 380
# Status legends three to a row: six in one row run off a half-page or narrow chart.
LEGEND_COLUMNS = 3
AXES_HEIGHT = 170  # the time axis, its title and the legend, inside the chart height
SELECTION = "measure"
INDICATOR_COLOUR = "#6A3D9A"  # the indicators' rows: not a status colour

_TEXT = {
    "status": ("Status", "Status"),
    "measure": ("Åtgärd", "Measure"),
    "place": ("Plats", "Place"),
    "from": ("Från", "From"),
    "to": ("Till", "To"),
    "today": ("idag", "today"),
    "as_of": ("per datum", "as of"),
    "time": ("Tid", "Time"),
    "certain": ("Säkert datum", "Date known"),
    "unknown": ("datum okänt", "date unknown"),
    "indicator": ("Indikator", "Indicator"),
    "period": ("Period", "Period"),
    "value": ("Värde", "Value"),
    "source": ("Källa", "Source"),
}


def _t(key: str, lang: Lang) -> str:
    return _TEXT[key][0 if lang == "sv" else 1]


def timeline_data(segments: pd.DataFrame, measures: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Segments joined with what the chart shows about each measure, labels in ``lang``."""
    about = measures[[ID, TITLE, PLACE_NAME]].rename(columns={TITLE: "title", PLACE_NAME: "place"})
    data = segments.merge(about, on="id", how="left")
    data["status_label"] = [statuses().label(s, lang) for s in data["status"]]
    unknown = _t("unknown", lang)
    data["from_label"] = [
        parse_partial_date(s).label(lang) if s else unknown for s in data["start"]
    ]
    data["to_label"] = [
        parse_partial_date(e).label(lang) if e else unknown if ended else "–"
        for e, ended in zip(data["end"], data["ended"])
    ]
    duplicated = data.drop_duplicates("id")["title"].duplicated(keep=False)
    twice = set(data.drop_duplicates("id")["title"][duplicated])
    data["label"] = [f"{t} ({i})" if t in twice else t for t, i in zip(data["title"], data["id"])]
    data["description"] = [
        f"{title}: {status}, {start} – {end}"
        for title, status, start, end in zip(
            data["title"], data["status_label"], data["from_label"], data["to_label"]
        )
    ]
    return data


def indicator_data(rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Dated indicator rows (``indicators.py`` table) as strip-chart data, labels in ``lang``."""
    dated = rows[rows["period"] != ""]
    return pd.DataFrame(
        {
            "label": [indicators().label(i, lang) for i in dated["indicator"]],
            "x": pd.to_datetime(list(dated["period_first"])),
            "x2": pd.to_datetime(list(dated["period_last"])) + pd.Timedelta(days=1),
            "value": [
                f"{format_number(n, lang)} {u}" if pd.notna(n) else v
                for n, v, u in zip(dated["number"], dated["value"], dated["unit"])
            ],
            "period": list(dated["period"]),
            "source": list(dated["source"]),
        }
    )


def _indicator_layers(
    data: pd.DataFrame, x_scale: alt.Scale, y: alt.Y, lang: Lang
) -> list[alt.Chart]:
    """The dated indicators of a place as rows of their own, values written beside them."""
    tooltip = [
        alt.Tooltip("label:N", title=_t("indicator", lang)),
        alt.Tooltip("period:N", title=_t("period", lang)),
        alt.Tooltip("value:N", title=_t("value", lang)),
        alt.Tooltip("source:N", title=_t("source", lang)),
    ]
    base = alt.Chart(data)
    span = base.mark_bar(height=ROW_HEIGHT * 0.55, color=INDICATOR_COLOUR).encode(
        x=alt.X("x:T", scale=x_scale), x2="x2:T", y=y, tooltip=tooltip, description="value:N"
    )
    text = base.mark_text(align="left", dx=6, fontSize=13, color="#1A1A1A").encode(
        x=alt.X("x2:T", scale=x_scale), y=y, text="value:N", tooltip=tooltip
    )
    return [span, text]


def timeline_chart(
    data: pd.DataFrame,
    domain: tuple[date, date],
    today: date,
    as_of: date | None,
    lang: Lang,
    outcomes: pd.DataFrame | None = None,
    width: int | str = "container",
) -> alt.LayerChart:
    """One place's timeline: rows in order of first change, a today rule, an as-of rule; with
    ``outcomes`` (``indicator_data``), the dated indicators as rows on top, same time axis.
    ``width`` in pixels for a picture of fixed size (the briefing pack)."""
    order = data.sort_values(["x", "label"]).drop_duplicates("label")["label"].tolist()
    outcomes = outcomes if outcomes is not None and not outcomes.empty else None
    if outcomes is not None:
        order = list(dict.fromkeys(outcomes.sort_values("x")["label"])) + order
    ids = statuses().ids()
    status = alt.Color(
        "status_label:N",
        title=_t("status", lang),
        scale=alt.Scale(
            domain=[statuses().label(s, lang) for s in ids], range=[STATUS_COLOURS[s] for s in ids]
        ),
    )
    shape = alt.Shape(
        "status_label:N",
        title=_t("status", lang),
        scale=alt.Scale(
            domain=[statuses().label(s, lang) for s in ids], range=[STATUS_SHAPES[s] for s in ids]
        ),
    )
    x_scale = alt.Scale(
        domain=[pd.Timestamp(domain[0]).isoformat(), pd.Timestamp(domain[1]).isoformat()]
    )
    y = alt.Y(
        "label:N",
        sort=order,
        title=None,
        axis=alt.Axis(labelLimit=_label_limit(width), labelFontSize=12, labelOverlap=False),
    )
    tooltip = [
        alt.Tooltip("title:N", title=_t("measure", lang)),
        alt.Tooltip("place:N", title=_t("place", lang)),
        alt.Tooltip("status_label:N", title=_t("status", lang)),
        alt.Tooltip("from_label:N", title=_t("from", lang)),
        alt.Tooltip("to_label:N", title=_t("to", lang)),
    ]
    pick = alt.selection_point(fields=["id"], name=SELECTION, on="click", clear="dblclick")
    base = alt.Chart(data)
    bars = (
        base.mark_bar(height=ROW_HEIGHT * 0.55, cornerRadius=2)
        .encode(
            x=alt.X(
                "x:T",
                title=_t("time", lang),
                scale=x_scale,
                axis=alt.Axis(format="%Y", tickCount="year", grid=True),
            ),
            x2="x2:T",
            y=y,
            color=status,
            opacity=alt.condition("datum.certain", alt.value(1.0), alt.value(0.35)),
            tooltip=tooltip,
            description="description:N",
        )
        .add_params(pick)
    )
    starts = (
        # A status's symbol where it began: not for one that began at a date nobody gave.
        base.transform_filter("datum.start != '' && (datum.certain || datum.x2 > datum.x)")
        .transform_aggregate(
            x="min(x)",
            groupby=[
                "id",
                "label",
                "status_label",
                "title",
                "place",
                "from_label",
                "to_label",
                "description",
            ],
        )
        .mark_point(filled=True, size=90, stroke="#1A1A1A", strokeWidth=0.8)
        .encode(
            x="x:T", y=y, color=status, shape=shape, tooltip=tooltip, description="description:N"
        )
    )
    rules = [_rule(today, _t("today", lang), "#1A1A1A", [4, 3])]
    if as_of is not None:
        rules.append(_rule(as_of, f"{_t('as_of', lang)} {as_of.isoformat()}", "#6A3D9A", [1, 0]))
    extra = [] if outcomes is None else _indicator_layers(outcomes, x_scale, y, lang)
    chart = alt.layer(*extra, bars, starts, *rules).properties(
        height=ROW_HEIGHT * len(order) + AXES_HEIGHT, width=width
    )
    return (
        chart.properties(
            # SVG: each bar is an element with a text label (its aria-label) that assistive
            # technology and browser tests can reach; a canvas is one opaque picture.
            usermeta={"embedOptions": {"renderer": "svg"}},
        )
        .configure_axis(labelColor="#1A1A1A", titleColor="#1A1A1A")
        .configure_legend(
            orient="bottom", columns=LEGEND_COLUMNS, labelFontSize=12, titleFontSize=12
        )
    )


def _label_limit(width: int | str) -> int | alt.ExprRef:
    """How wide the rows' titles may be drawn (longer ones end in "…"; the whole title is in
    the tooltip and the description). In a page, a share of the chart's container, so that
    the time axis keeps most of a narrow window; in a picture of fixed size, whose plot has
    its own ``width`` beside the titles, the most."""
    if isinstance(width, int):
        return LABEL_MAX
    return alt.ExprRef(expr=f"clamp(containerSize()[0] * {LABEL_SHARE}, {LABEL_MIN}, {LABEL_MAX})")


def place_timeline(
    drawn: Periods,
    shown: pd.DataFrame,
    places: Places,
    place_id: str,
    as_of: date | None,
    lang: Lang,
    outcomes: pd.DataFrame | None = None,
    width: int | str = "container",
) -> alt.LayerChart | None:
    """The timeline of one place and its focus areas, with its dated ``outcomes`` (indicator
    rows, ``indicators.py`` table) on the same axis; None when the place has no dated row."""
    ids = set(shown[ID][shown[PLACE].isin(places.with_descendants(place_id))])
    data = timeline_data(drawn.segments[drawn.segments[ID].isin(ids)], drawn.published, lang)
    if data.empty:
        return None
    strip = None if outcomes is None else indicator_data(outcomes, lang)
    domain = drawn.domain
    if strip is not None and not strip.empty:
        domain = (min(domain[0], strip.x.min().date()), domain[1])
    return timeline_chart(data, domain, drawn.today, as_of, lang, strip, width)


def _rule(day: date, label: str, colour: str, dash: list[int]) -> alt.LayerChart:
    frame = pd.DataFrame({"x": [pd.Timestamp(day)], "label": [label]})
    line = (
        alt.Chart(frame).mark_rule(color=colour, strokeDash=dash, strokeWidth=1.5).encode(x="x:T")
    )
    text = (
        alt.Chart(frame)
        .mark_text(align="left", dx=4, dy=-4, baseline="bottom", color=colour, fontSize=12)
        .encode(x="x:T", y=alt.value(0), text="label:N")
    )
    return line + text


def status_years_chart(data: pd.DataFrame, years: range, top: int, lang: Lang) -> alt.Chart:
    """One place's rows per status at the end of each year, stacked; the same year axis and
    count scale for every place, so that places compare at a glance."""
    ids = statuses().ids()
    labelled = data.assign(status_label=[statuses().label(s, lang) for s in data["status"]])
    return (
        alt.Chart(labelled)
        .mark_bar()
        .encode(
            x=alt.X(
                "year:O",
                title=None,
                scale=alt.Scale(domain=list(years)),
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("count:Q", title=None, scale=alt.Scale(domain=[0, max(top, 1)])),
            color=alt.Color(
                "status_label:N",
                title=_t("status", lang),
                scale=alt.Scale(
                    domain=[statuses().label(s, lang) for s in ids],
                    range=[STATUS_COLOURS[s] for s in ids],
                ),
                legend=alt.Legend(orient="bottom", columns=LEGEND_COLUMNS),
            ),
            order=alt.Order("status:N"),
            tooltip=[
                alt.Tooltip("year:O", title=_t("time", lang)),
                alt.Tooltip("status_label:N", title=_t("status", lang)),
                alt.Tooltip("count:Q", title="n"),
            ],
            description="status_label:N",
        )
        .properties(height=300, width="container", usermeta={"embedOptions": {"renderer": "svg"}})
    )


def to_svg(chart: alt.TopLevelMixin) -> str:
    """``chart`` drawn as SVG without a browser or a network (vl-convert bundles Vega)."""
    version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    return vl_convert.vegalite_to_svg(chart.to_dict(), vl_version=version)
