"""A place's briefing as a slide: one screen with its figures, its map and its measures by
name and status, what changed since the last briefing and its main outcome.

The same markup serves the app's presentation (``ui/briefing.py``, through ``st.html``) and
the offline HTML (``standalone.py``), so both show what ``briefing.place_briefing`` made.
Every text from the data is escaped; the scripts hold no data at all (they find their
elements by class and read a slide's map view from an escaped attribute). The text is sized
from the window (at least 18 px at 1920 × 1080) and the side panel's text shrinks, never
below ``MIN_TEXT_PX``, until it fits its box, so nothing falls below the fold.
Pure: no Streamlit.
"""

from __future__ import annotations

import base64
from html import escape

from branca.element import MacroElement
from jinja2 import Template

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.present.mapping import STATUS_COLOURS
from safetymap.selection.briefing import Figure, OutcomeSeries, PlaceBriefing, StatusGroup
from safetymap.selection.since import Change, Since

MIN_TEXT_PX = 12  # the side panel's text is never made smaller than this to fit
MAX_CHANGES = 5  # changes listed on a slide; the page and the PDF list them all
MAX_TITLES = 48  # measures named on a slide; the page and the PDF name them all
SHORT = 6  # a group of at most this many titles stays in one column

STYLE = """
.smp-slide{--smp-text:max(15px,min(2vh,1.1vw));color:#1A1A1A;font-size:var(--smp-text);
line-height:1.3}
.smp-title{display:flex;flex-wrap:wrap;align-items:baseline;gap:.2em 1em;margin:0}
.smp-title h1{font-size:max(28px,min(4.6vh,2.8vw));line-height:1.1;margin:0;padding:0;
color:#1F3A5F;font-weight:700}
.smp-title p{margin:0;color:#595959;font-size:var(--smp-text)}
.smp-slide :is(p,li,ul,h1,h2,h3,span,div){font-family:inherit}
.smp-side :is(p,li,ul,div,span,table,th,td){font-size:inherit;line-height:inherit}
.smp-figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(6.5em,1fr));gap:.4em;
margin:.3em 0 .2em;padding:0}
.smp-figure{border:1px solid #CCCCCC;border-radius:6px;padding:.15em .5em .25em;margin:0}
.smp-value{display:block;font-size:max(26px,min(4.4vh,2.6vw));font-weight:700;line-height:1.15;
color:#1A1A1A}
.smp-label{display:block;font-size:var(--smp-text);color:#3D3D3D}
.smp-note{display:block;font-size:calc(var(--smp-text) * .85);color:#595959}
.smp-side{overflow:hidden;box-sizing:border-box}
.smp-side h2{font-size:1.15em;margin:.1em 0 .25em;padding:0;color:#1F3A5F;font-weight:700;
line-height:1.25}
.smp-side h3{font-size:1em;margin:.35em 0 .1em;padding:0;font-weight:700;line-height:1.25;
break-after:avoid}
.smp-side ul{margin:0 0 .2em;padding:0 0 0 1.1em}.smp-side li{margin:0;padding:0}
.smp-side p{margin:0 0 .2em}
.smp-groups{columns:2 15em;column-gap:1.4em}.smp-side li{break-inside:avoid}
.smp-group.smp-short{break-inside:avoid}
.smp-dot{display:inline-block;width:.7em;height:.7em;border-radius:50%;margin-right:.35em;
background:var(--smp-colour);vertical-align:baseline}
.smp-changes{border-left:.3em solid #1F3A5F;background:#F2F5F9;padding:.2em .6em .3em;
margin:0 0 .4em}
.smp-changes .smp-muted,.smp-muted{color:#595959}
.smp-outcome{margin-top:.4em}.smp-outcome .smp-line{width:100%;height:3em;display:block}
.smp-outcome-body{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:.2em 1em;
align-items:end}
.smp-outcome .smp-axis{display:flex;justify-content:space-between;color:#3D3D3D}
.smp-outcome .smp-latest{font-weight:700}
.smp-page{--smp-text:1.15rem}.smp-page .smp-side{overflow:visible}
"""
PAGE_STYLE = f"<style>{STYLE}</style>"

# The app's presentation: no sidebar, no page header, the map as high as the window.
APP_STYLE = (
    """
<style>
[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"],
[data-testid="stSidebarCollapseButton"],header[data-testid="stHeader"],
[data-testid="stToolbar"],[data-testid="stDecoration"],[data-testid="stBottom"]{display:none}
[data-testid="stMain"]{overflow:hidden}
[data-testid="stMainBlockContainer"]{padding:.6rem 1.2rem 0;max-width:none}
.st-key-briefing-present [data-testid="stVerticalBlock"]{gap:.4rem}
.st-key-briefing-present-map iframe{height:var(--smp-map-height,60vh) !important}
.st-key-briefing-present button p{font-size:max(15px,min(1.9vh,1.05vw))}
"""
    + STYLE
    + "</style>"
)

# Fits a slide's side panel (``.smp-side``) into its box: its text shrinks, never below
# MIN_TEXT_PX; what still does not fit is left out from the end of the longest list, and
# counted ("+ 3 till", from the panel's ``data-more``). Shared by both scripts.
FIT_SCRIPT = """
const overflows = (box) =>
  box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
const fitSide = (side) => {
  const slide = side.closest(".smp-slide") || side;
  for (const item of side.querySelectorAll("li[data-left-out]")) {
    item.hidden = false;
    item.removeAttribute("data-left-out");
  }
  for (const item of side.querySelectorAll("li.smp-counted")) item.remove();
  for (const item of side.querySelectorAll("li.smp-more")) item.hidden = false;
  slide.style.removeProperty("--smp-text");
  let size = parseFloat(getComputedStyle(slide).getPropertyValue("font-size"));
  while (overflows(side) && size > MIN_TEXT_PX) {
    size -= 0.5;
    slide.style.setProperty("--smp-text", `${size}px`);
  }
  const template = side.dataset.more || "+ {n}";
  for (let guard = 0; overflows(side) && guard < 1000; guard++) {
    const lists = [...side.querySelectorAll("ul")].map((list) => [
      list, [...list.children].filter((item) => !item.hidden && !item.matches(".smp-muted")),
    ]);
    if (lists.length === 0) break;
    const [list, items] = lists.reduce((a, b) => (b[1].length > a[1].length ? b : a));
    if (items.length === 0) break;
    items[items.length - 1].hidden = true;
    items[items.length - 1].setAttribute("data-left-out", "");
    let count = list.querySelector("li.smp-counted");
    if (!count) {
      count = document.createElement("li");
      count.className = "smp-muted smp-counted";
      list.appendChild(count);
    }
    const before = list.querySelector("li.smp-more");
    if (before) before.hidden = true;
    const n = list.querySelectorAll("li[data-left-out]").length
      + Number(before ? before.dataset.n : 0);
    count.textContent = template.replace("{n}", String(n));
  }
};
""".replace("MIN_TEXT_PX", str(MIN_TEXT_PX))

# Keys and fitting for the app's presentation: ← → PageUp PageDown space step, Esc leaves
# (by clicking the slide's own buttons, so every step is a Streamlit click); the map and
# the side panel reach down to the window's bottom edge, and the panel fits its box.
# Inside the map (an iframe of the same origin) the keys step too.
APP_SCRIPT = (
    """<script>(() => {
  const KEYS = {ArrowRight: "next", PageDown: "next", " ": "next", Spacebar: "next",
    ArrowLeft: "previous", PageUp: "previous", Escape: "leave"};
  const ROOT = ".st-key-briefing-present";
"""
    + FIT_SCRIPT
    + """
  const onKey = (event) => {
    if (!document.querySelector(ROOT)) return;
    const action = KEYS[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    // The map's play control keeps no slide key for itself: they step the places.
    if (target && target.closest && !target.closest(".safetymap-play") &&
        target.closest("input,textarea,select,[contenteditable]"))
      return;
    const button = document.querySelector(`.st-key-briefing-${action} button`);
    if (!button) return;
    event.preventDefault();
    event.stopPropagation();
    button.click();
  };
  let watch = null;
  const fit = () => {
    const root = document.querySelector(ROOT);
    if (!root) return;
    watch.disconnect();  // the fitting's own changes are not the page's
    const bottom = window.innerHeight - 8;
    const map = root.querySelector(".st-key-briefing-present-map");
    if (map) {
      const height = Math.max(160, Math.floor(bottom - map.getBoundingClientRect().top));
      document.documentElement.style.setProperty("--smp-map-height", `${height}px`);
      for (const frame of map.querySelectorAll("iframe")) {
        try {
          const inner = frame.contentWindow;
          if (inner && !inner.safetymapPresentKeys) {
            inner.addEventListener("keydown", onKey, true);
            inner.safetymapPresentKeys = true;
          }
        } catch (error) { /* another origin: its keys stay its own */ }
      }
    }
    for (const side of root.querySelectorAll(".smp-side")) {
      const room = Math.floor(bottom - side.getBoundingClientRect().top);
      side.style.height = `${Math.max(120, room)}px`;
      fitSide(side);
    }
    watch.observe(document.body, {childList: true, subtree: true});
  };
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fit(); });
  };
  window.safetymapPresent?.abort();
  const control = new AbortController();
  window.safetymapPresent = control;
  window.addEventListener("keydown", onKey, {capture: true, signal: control.signal});
  window.addEventListener("resize", later, {signal: control.signal});
  watch = new MutationObserver(later);
  watch.observe(document.body, {childList: true, subtree: true});
  control.signal.addEventListener("abort", () => watch.disconnect());
  later();
})();</script>"""
)


class FillFrame(MacroElement):
    """Makes a streamlit-folium map as high as its iframe, whatever height it was drawn
    with: the presentation sets the iframe's height from the window."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(() => {
  const style = document.createElement("style");
  style.textContent = "#map_div{height:100vh !important}html,body{margin:0;overflow:hidden}";
  document.head.appendChild(style);
  // The play control and its month sized for a projector (measures.css: .sm-present).
  {{ this._parent.get_name() }}.getContainer().classList.add("sm-present");
  {{ this._parent.get_name() }}.invalidateSize();
})();
{% endmacro %}"""
    )


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _more(n: int, lang: Lang) -> str:
    """The line that counts what a list leaves out ("+ 3 till")."""
    return f'<li class="smp-muted smp-more" data-n="{n}">{_e(t("present_more", lang, n=n))}</li>'


def title_html(slide: PlaceBriefing, lang: Lang, detail: str = "") -> str:
    """The place's name, its kommun and position ("Plats 2 av 4"), and ``detail`` (the data's
    version or date)."""
    position = t("briefing_position", lang, i=slide.position, n=slide.count)
    parts = [slide.municipality, position, detail]
    return (
        f'<div class="smp-title"><h1>{_e(slide.name)}</h1>'
        f"<p>{_e(' · '.join(p for p in parts if p))}</p></div>"
    )


def figures_html(figures: tuple[Figure, ...]) -> str:
    """The headline figures as a row of boxes: value, label, and a note where there is one."""
    items = "".join(
        f'<div class="smp-figure" role="listitem" data-figure="{_e(f.key)}">'
        f'<span class="smp-value">{_e(f.value)}</span>'
        f'<span class="smp-label">{_e(f.label)}</span>'
        + (f'<span class="smp-note">{_e(f.note)}</span>' if f.note else "")
        + "</div>"
        for f in figures
    )
    return f'<div class="smp-figures" role="list">{items}</div>'


def changes_html(
    changes: tuple[Change, ...], since: Since, lang: Lang, limit: int | None = MAX_CHANGES
) -> str:
    """What changed since ``since``, newest first within each kind, at most ``limit`` lines
    (the rest counted)."""
    shown = list(changes if limit is None else changes[:limit])
    items = "".join(f"<li>{_e(c.text(lang))}</li>" for c in shown)
    if more := len(changes) - len(shown):
        items += _more(more, lang)
    body = f"<ul>{items}</ul>" if items else f"<p>{_e(t('since_nothing', lang))}</p>"
    note = (
        f'<p class="smp-muted">{_e(t("since_before_first", lang))}</p>'
        if since.version is None
        else ""
    )
    return (
        f'<section class="smp-changes" aria-label="{_e(since.heading(lang))}">'
        f"<h2>{_e(since.heading(lang))}</h2>{note}{body}</section>"
    )


def _groups_html(groups: tuple[StatusGroup, ...], lang: Lang, budget: int | None) -> str:
    out = []
    for group in groups:
        titles = list(group.titles)
        if budget is not None:
            titles, budget = titles[: max(budget, 0)], budget - len(titles)
        items = "".join(f"<li>{_e(title)}</li>" for title in titles)
        if len(titles) < len(group.titles):
            items += _more(len(group.titles) - len(titles), lang)
        colour = STATUS_COLOURS.get(group.status, "#6B6B6B")
        out.append(
            f'<div class="smp-group{" smp-short" if len(titles) <= SHORT else ""}" '
            f'data-status="{_e(group.status)}">'
            f'<h3><span class="smp-dot" style="--smp-colour:{colour}" aria-hidden="true">'
            f"</span>{_e(group.heading)} · {len(group.titles)}</h3><ul>{items}</ul></div>"
        )
    return "".join(out)


def lists_html(slide: PlaceBriefing, lang: Lang, limit: int | None = MAX_TITLES) -> str:
    """The place's measures by status, then its conditions apart, each by title; at most
    ``limit`` titles in all (the rest of each group counted)."""
    if slide.rows.empty:
        return f"<p>{_e(t('briefing_empty', lang, place=slide.name))}</p>"
    measures = (
        _groups_html(slide.measures, lang, limit)
        if slide.measures
        else f"<p>{_e(t('briefing_no_measures', lang))}</p>"
    )
    used = sum(len(g.titles) for g in slide.measures)
    html = (
        f'<section class="smp-list" aria-label="{_e(t("briefing_measure_list", lang))}">'
        f"<h2>{_e(t('briefing_measure_list', lang))}</h2>"
        f'<div class="smp-groups">{measures}</div></section>'
    )
    if slide.conditions:
        left = None if limit is None else limit - used
        html += (
            f'<section class="smp-list" aria-label="{_e(t("briefing_condition_list", lang))}">'
            f"<h2>{_e(t('briefing_condition_list', lang))}</h2>"
            f'<div class="smp-groups">{_groups_html(slide.conditions, lang, left)}</div>'
            "</section>"
        )
    return html


def outcome_svg(series: OutcomeSeries) -> str:
    """The series as a line (no text inside: the labels are the page's own text)."""
    values = [v for _, v in series.points]
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = 100 / max(len(values) - 1, 1)
    points = " ".join(
        f"{i * step:.2f},{38 - (v - low) / span * 34:.2f}" for i, v in enumerate(values)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40" preserveAspectRatio="none">'
        f'<polyline points="{points}" fill="none" stroke="#6A3D9A" stroke-width="2" '
        'vector-effect="non-scaling-stroke"/></svg>'
    )


def outcome_line(series: OutcomeSeries) -> str:
    """``outcome_svg`` as an image: Streamlit's ``st.html`` takes no inline SVG, and the
    offline HTML shows the same markup."""
    data = base64.b64encode(outcome_svg(series).encode("utf-8")).decode("ascii")
    return f'<img class="smp-line" src="data:image/svg+xml;base64,{data}" alt="">'


def outcome_html(series: OutcomeSeries, lang: Lang) -> str:
    """The main outcome: what, its latest value and change in numbers, where and from
    whom, and its line with its first and last periods."""
    first, last = series.points[0], series.points[-1]
    alt = t(
        "briefing_outcome_alt",
        lang,
        indicator=series.indicator,
        area=series.area,
        first=first[0],
        last=last[0],
    )
    return (
        f'<section class="smp-outcome" aria-label="{_e(t("briefing_outcome", lang))}">'
        f"<h2>{_e(t('briefing_outcome', lang))}: {_e(series.indicator)}</h2>"
        '<div class="smp-outcome-body"><div>'
        f'<p class="smp-latest">{_e(series.latest(lang))}</p>'
        f'<p class="smp-muted">{_e(series.area)} · {_e(series.source)}</p></div>'
        f'<div role="img" aria-label="{_e(alt)}">{outcome_line(series)}'
        f'<div class="smp-axis"><span>{_e(first[0])}</span><span>{_e(last[0])}</span></div>'
        "</div></div></section>"
    )


def side_html(slide: PlaceBriefing, lang: Lang, limits: bool = True) -> str:
    """The slide's side panel: what changed since (when asked), the measures by status,
    the conditions, the main outcome (when the place has one). ``limits``: cut long lists to
    what a screen holds (the page lists everything)."""
    parts = []
    if slide.since is not None and slide.changes is not None:
        limit = MAX_CHANGES if limits else None
        parts.append(changes_html(slide.changes, slide.since, lang, limit))
    parts.append(lists_html(slide, lang, MAX_TITLES if limits else None))
    if slide.outcome is not None and slide.outcome.points:
        parts.append(outcome_html(slide.outcome, lang))
    more = _e(t("present_more", lang, n="{n}"))
    return f'<div class="smp-side" data-more="{more}">{"".join(parts)}</div>'
