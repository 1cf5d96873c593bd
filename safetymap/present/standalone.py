"""One self-contained HTML file of the map and the timelines: opens offline, with no server.

The map is the app's own (``mapping``: local background, places, clustered measures, legend,
layer list), with Leaflet, Supercluster and the measure renderer written into the file
instead of loaded from ``/app/static``; the layer icons become data URIs. Each place follows
with its figures, its timeline (``charts.to_svg``: the page's chart as a picture), the
figures from the sources and the sources. Every text from the data is escaped. Pure: no
Streamlit.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

import pandas as pd

from safetymap.contract.i18n import t
from safetymap.present import charts, mapping
from safetymap.present.offline import STATIC_DIR, STATIC_URL, script_text, use_local_assets
from safetymap.selection import briefing
from safetymap.selection.briefing import BriefingData
from safetymap.selection.timeline import periods

CHART_PX = 640
_ASSET = re.compile(
    r'<script src="(?P<js>[^"]+)"></script>|<link rel="stylesheet" href="(?P<css>[^"]+)"/>'
)
_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")
PAGE_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1A1A1A;
margin:0;background:#FFFFFF}
header,section,footer{max-width:1100px;margin:0 auto;padding:12px 20px}
h1{color:#1F3A5F;margin:8px 0 4px}h2{color:#1F3A5F;margin:24px 0 6px}
.meta{color:#595959;margin:2px 0}.figures{font-size:1.1rem;margin:6px 0}
.map-frame{height:70vh;min-height:420px;max-width:1100px;margin:0 auto;position:relative}
.timeline svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:8px 0}th,td{text-align:left;padding:4px 10px 4px 0;
border-bottom:1px solid #CCCCCC;vertical-align:top}.sources{color:#595959;font-size:.9rem}
"""


def _local(url: str) -> Path:
    """The file under ``static/`` that an ``/app/static`` URL names."""
    if not url.startswith(f"{STATIC_URL}/"):
        raise ValueError(f"not a local asset: {url}")
    return STATIC_DIR / url.removeprefix(f"{STATIC_URL}/")


def _inline_css(path: Path) -> str:
    def data_uri(match: re.Match) -> str:
        image = (path.parent / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode()})"

    return _IMAGE.sub(data_uri, path.read_text(encoding="utf-8"))


def _inline(header: str) -> str:
    """The map's ``<script src>`` and stylesheet links replaced by the files' contents."""

    def replace(match: re.Match) -> str:
        if match.group("js"):
            return f"<script>{script_text(_local(match.group('js')))}</script>"
        return f"<style>{_inline_css(_local(match.group('css')))}</style>"

    return _ASSET.sub(replace, header)


def _outcomes_table(table: pd.DataFrame) -> str:
    head = "".join(f"<th>{escape(str(c))}</th>" for c in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _place_section(data: BriefingData, place_id: str, drawn) -> str:
    lang, places = data.lang, data.places
    name = places.by_id[place_id].name
    rows = briefing.place_rows(data.shown, places, place_id)
    figures = briefing.indicator_rows(data.indicators, places, place_id)
    headline = briefing.headline(rows)
    counts = ", ".join(f"{t(key, lang)}: {n}" for key, n in headline.figures())
    chart = charts.place_timeline(
        drawn, data.shown, places, place_id, data.as_of, lang, figures, width=CHART_PX
    )
    timeline = (
        f'<div class="timeline">{charts.to_svg(chart)}</div>'
        if chart is not None
        else f"<p>{escape(t('briefing_no_timeline', lang, place=name))}</p>"
    )
    outcomes = briefing.outcomes(figures, lang)
    sources = "; ".join(briefing.sources_of(rows, figures)) or "–"
    return (
        f'<section id="{escape(place_id)}"><h2>{escape(name)}</h2>'
        f'<p class="figures">{escape(counts)}</p>'
        f"<h3>{escape(t('briefing_timeline', lang))}</h3>{timeline}"
        f"<h3>{escape(t('briefing_outcomes', lang))}</h3>"
        + (
            _outcomes_table(outcomes)
            if not outcomes.empty
            else f"<p>{escape(t('pack_no_outcomes', lang))}</p>"
        )
        + f'<p class="sources">{escape(t("pack_sources", lang, sources=sources))}</p></section>'
    )


def offline_html(data: BriefingData, place_ids: Sequence[str] | None = None) -> str:
    """The map of the shown rows and the timelines of ``place_ids`` (default: the four
    places) as one HTML document that needs no server and no network."""
    use_local_assets()
    lang, places = data.lang, data.places
    chosen = list(place_ids or places.top_level())
    framing = tuple(chosen) if place_ids else ()
    fmap = mapping.base_map(places, data.context, lang, "none", mapping.view_for(places, framing))
    for layer in mapping.measure_layers(mapping.layer_data(data.shown, places, lang)):
        layer.add_to(fmap)
    mapping.layer_control().add_to(fmap)
    root = fmap.get_root()
    root.render()
    drawn = periods(data.measures, data.shown.id, data.today, data.as_of, data.recorded)
    title = f"{t('pack_title', lang)} {data.data_date}"
    selection = (
        f'<p class="meta">{escape(t("pack_filter", lang, filter=data.filter_text))}</p>'
        if data.filter_text
        else ""
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>{_inline(root.header.render())}"
        f"<style>{PAGE_CSS}</style></head><body>"
        f"<header><h1>{escape(t('pack_title', lang))}</h1>"
        f'<p class="meta">{escape(t("pack_data_date", lang, date=data.data_date))} · '
        f"{escape(data.data_label)}</p>{selection}"
        f'<p class="meta">{escape(t("pack_made", lang, date=data.today.isoformat()))}</p>'
        f"</header>"
        f'<main><div class="map-frame">{root.html.render()}</div>'
        + "".join(_place_section(data, p, drawn) for p in chosen)
        + f"</main><script>{root.script.render()}</script></body></html>"
    )
