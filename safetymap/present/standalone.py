"""One self-contained HTML file that presents the briefing: opens offline, with no server.

One screen at a time, stepped with the buttons, ← →, PageUp/PageDown and space (what
presentation clickers send), as the app's presentation: first the four places side by side
on the map, then each place as a slide (``slides``: its name, figures, what changed since,
its measures by name and status, its main outcome, beside the map framed on it), followed by
a screen of its timeline (``charts.to_svg``: the page's chart as a picture), the figures
from the sources, the actors and the sources. The address keeps the screen (``#klara``).

The map is the app's own (``mapping``: local background, places, clustered measures with
their badges, legend, layer list), one map moved into the screen shown, with Leaflet,
Supercluster and the measure renderer written into the file instead of loaded from
``/app/static``; the layer icons become data URIs. Every text from the data is escaped; the
stepping script holds none (a screen's map view is an escaped attribute). Pure: no
Streamlit.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Sequence
from html import escape
from pathlib import Path

import pandas as pd

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.present import charts, mapping, slides
from safetymap.present.offline import STATIC_DIR, STATIC_URL, script_text, use_local_assets
from safetymap.selection import briefing
from safetymap.selection.briefing import BriefingData, PlaceBriefing
from safetymap.selection.timeline import Periods, periods

CHART_PX = 640
_ASSET = re.compile(
    r'<script src="(?P<js>[^"]+)"></script>|<link rel="stylesheet" href="(?P<css>[^"]+)"/>'
)
_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")
DECK_CSS = """
html,body{margin:0;background:#FFFFFF;height:100%}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1A1A1A}
.smp-screen{box-sizing:border-box;height:100vh;padding:1.2vh 1.6vw;display:grid;
grid-template-rows:auto auto minmax(0,1fr);gap:.8vh;overflow:hidden}
.smp-screen[hidden]{display:none}
.smp-head{display:flex;align-items:center;justify-content:space-between;gap:1em}
.smp-nav{display:flex;gap:.5em;flex:none}
.smp-nav button{font:inherit;font-size:max(15px,min(1.9vh,1.05vw));padding:.35em .9em;
border:1px solid #BFBFBF;border-radius:6px;background:#FFFFFF;color:#1A1A1A;cursor:pointer}
.smp-nav button:focus-visible{outline:3px solid #1F3A5F;outline-offset:2px}
.smp-body{display:grid;grid-template-columns:11fr 9fr;grid-template-rows:minmax(0,1fr);
gap:1.4vw;min-height:0}
.smp-body>*{min-width:0;min-height:0}
.smp-map-slot{position:relative;height:100%}
.smp-map{position:absolute;inset:0}
.smp-detail{grid-template-rows:auto minmax(0,1fr)}
.smp-detail .smp-body{grid-template-columns:1fr 1fr}
.smp-timeline svg{width:100%;height:100%;display:block}
.smp-overview .smp-body{grid-template-columns:1fr 1fr}
table{border-collapse:collapse;margin:.4em 0}th,td{text-align:left;padding:.2em .8em .2em 0;
border-bottom:1px solid #CCCCCC;vertical-align:top}
.smp-meta,.sources{color:#595959}
"""
# Steps one screen at a time and moves the one map into the screen shown, framed as that
# screen's ``data-view`` says; the address keeps the screen. No data in it.
DECK_SCRIPT = """
(() => {
  const screens = [...document.querySelectorAll(".smp-screen")];
  const map = document.getElementById("smp-map");
  const leaflet = window[map.dataset.map];
  const KEYS = {ArrowRight: 1, PageDown: 1, " ": 1, Spacebar: 1, ArrowLeft: -1, PageUp: -1};
  let at = 0;
  FIT_SCRIPT
  const fit = (screen) => screen.querySelectorAll(".smp-side").forEach(fitSide);
  const show = (index) => {
    at = (index + screens.length) % screens.length;
    screens.forEach((screen, i) => { screen.hidden = i !== at; });
    const screen = screens[at];
    const slot = screen.querySelector(".smp-map-slot");
    if (slot && map.parentNode !== slot) slot.appendChild(map);
    if (slot && leaflet) {
      const view = JSON.parse(screen.dataset.view);
      leaflet.invalidateSize();
      leaflet.setView(view.center, view.zoom, {animate: false});
    }
    fit(screen);
    history.replaceState(null, "", `#${screen.id}`);
  };
  window.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && target.closest && target.closest("input,textarea,select,[contenteditable]"))
      return;
    let to = null;
    if (event.key in KEYS) to = at + KEYS[event.key];
    else if (event.key === "Home") to = 0;
    else if (event.key === "End") to = screens.length - 1;
    if (to === null) return;
    event.preventDefault();
    event.stopPropagation();
    show(to);
  }, true);
  for (const button of document.querySelectorAll("[data-step]"))
    button.addEventListener("click", () => show(at + Number(button.dataset.step)));
  window.addEventListener("resize", () => fit(screens[at]));
  const asked = () => Math.max(0, screens.findIndex((s) => `#${s.id}` === location.hash));
  window.addEventListener("hashchange", () => show(asked()));
  show(asked());
})();
""".replace("FIT_SCRIPT", slides.FIT_SCRIPT)


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


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _outcomes_table(table: pd.DataFrame) -> str:
    """Indicator, place, period and value (the sources follow the table, as in the PDF)."""
    table = table[table.columns[:4]]
    head = "".join(f"<th>{_e(c)}</th>" for c in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _nav(lang: Lang) -> str:
    return (
        f'<nav class="smp-nav" aria-label="{_e(t("present_label", lang))}">'
        f'<button type="button" data-step="-1">← {_e(t("present_previous", lang))}</button>'
        f'<button type="button" data-step="1">{_e(t("present_next", lang))} →</button></nav>'
    )


def _view(places, place_ids: tuple[str, ...]) -> str:
    center, zoom = mapping.view_for(places, place_ids)
    return _e(json.dumps({"center": list(center), "zoom": zoom}))


def _overview(
    data: BriefingData, chosen: list[str], made: list[PlaceBriefing], map_html: str
) -> str:
    """The first screen: the briefing's title and data, each place's figures, the map of
    every chosen place with its badge."""
    lang = data.lang
    labels = [f.label for f in made[0].figures] if made else []
    head = "".join(f"<th>{_e(x)}</th>" for x in [t("place_col", lang), *labels])
    body = "".join(
        f"<tr><td>{_e(s.name)}</td>"
        + "".join(f"<td>{_e(f.value)}</td>" for f in s.figures)
        + "</tr>"
        for s in made
    )
    meta = [
        t("pack_data_date", lang, date=data.data_date) + " · " + data.data_label,
        t("pack_made", lang, date=data.today.isoformat()),
    ]
    if data.filter_text:
        meta.append(t("pack_filter", lang, filter=data.filter_text))
    return (
        f'<section class="smp-screen smp-slide smp-overview" id="oversikt" '
        f'data-view="{_view(data.places, tuple(chosen) if len(chosen) < 4 else ())}" '
        f'aria-label="{_e(t("pack_title", lang))}">'
        f'<header class="smp-head"><div class="smp-title"><h1>{_e(t("pack_title", lang))}</h1>'
        f"<p>{_e(t('pack_subtitle', lang))}</p></div>{_nav(lang)}</header>"
        + "".join(f'<p class="smp-meta">{_e(line)}</p>' for line in meta[:1])
        + '<div class="smp-body"><div class="smp-side">'
        + "".join(f'<p class="smp-meta">{_e(line)}</p>' for line in meta[1:])
        + f'<table class="smp-places"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"<p>{_e(t('pack_about', lang))}</p></div>"
        f'<div class="smp-map-slot">{map_html}</div></div></section>'
    )


def _place_screen(slide: PlaceBriefing, data: BriefingData) -> str:
    lang = data.lang
    detail = t("pack_data_date", lang, date=data.data_date)
    return (
        f'<section class="smp-screen smp-slide" id="{_e(slide.place_id)}" hidden '
        f'data-view="{_view(data.places, (slide.place_id,))}" aria-label="{_e(slide.name)}">'
        f'<header class="smp-head">{slides.title_html(slide, lang, detail)}{_nav(lang)}</header>'
        f"{slides.figures_html(slide.figures)}"
        f'<div class="smp-body"><div class="smp-map-slot"></div>'
        f"{slides.side_html(slide, lang)}</div></section>"
    )


def _detail_screen(slide: PlaceBriefing, data: BriefingData, drawn: Periods) -> str:
    """A place's timeline, the figures the sources give, the actors and the sources."""
    lang = data.lang
    chart = charts.place_timeline(
        drawn,
        data.shown,
        data.places,
        slide.place_id,
        data.as_of,
        lang,
        slide.indicators,
        width=CHART_PX,
    )
    timeline = (
        charts.to_svg(chart)
        if chart is not None
        else f"<p>{_e(t('briefing_no_timeline', lang, place=slide.name))}</p>"
    )
    outcomes = briefing.outcomes(slide.indicators, lang)
    actors = "; ".join(f"{name} ({n})" for name, n in slide.actors) or "–"
    sources = "; ".join(slide.sources) or "–"
    heading = f"{slide.name} · {t('briefing_timeline', lang)}"
    return (
        f'<section class="smp-screen smp-slide smp-detail" id="{_e(slide.place_id)}-mer" hidden '
        f'aria-label="{_e(heading)}">'
        f'<header class="smp-head"><div class="smp-title"><h1>{_e(slide.name)}</h1>'
        f"<p>{_e(t('briefing_timeline', lang))}</p></div>{_nav(lang)}</header>"
        f'<div class="smp-body"><div class="smp-timeline">{timeline}</div>'
        f'<div class="smp-side"><h2>{_e(t("briefing_outcomes", lang))}</h2>'
        + (
            _outcomes_table(outcomes)
            if not outcomes.empty
            else f"<p>{_e(t('pack_no_outcomes', lang))}</p>"
        )
        + f"<h2>{_e(t('briefing_actor_list', lang))}</h2><p>{_e(actors)}</p>"
        f'<p class="smp-muted">{_e(t("pack_sources", lang, sources=sources))}</p>'
        "</div></div></section>"
    )


def offline_html(data: BriefingData, place_ids: Sequence[str] | None = None) -> str:
    """The briefing of ``place_ids`` (default: the four places) as one HTML document that
    presents itself and needs no server and no network."""
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
    made = [briefing.place_briefing(data, p) for p in chosen]
    map_html = (
        f'<div id="smp-map" class="smp-map" data-map="{_e(fmap.get_name())}">'
        f"{root.html.render()}</div>"
    )
    title = f"{t('pack_title', lang)} {data.data_date}"
    screens = _overview(data, chosen, made, map_html) + "".join(
        _place_screen(s, data) + _detail_screen(s, data, drawn) for s in made
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{_e(title)}</title>{_inline(root.header.render())}"
        f"<style>{slides.STYLE}{DECK_CSS}</style></head><body>"
        f'<main aria-label="{_e(t("present_label", lang))}">{screens}</main>'
        f"<script>{root.script.render()}</script><script>{DECK_SCRIPT}</script></body></html>"
    )
