"""The result list beside the map: the rows the filter shows, grouped by place, newest first,
labelled in the page's language and cut to a length a page draws at once; and that list as
escaped HTML, each row a plain link that selects it (``?…&measure=<id>``, the view's other
URL parameters kept).

Every text from the data is HTML-escaped. Each row's symbol is the map's for its type and
status, drawn from the vocabulary alone (``mapping.status_ring``, ``type_glyph``,
``status_mark``) as layered images of the list's style sheet: the page's HTML sanitiser
drops inline SVG. Pure: no Streamlit.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, urlencode

import geopandas as gpd

from safetymap.contract.i18n import format_number, t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import (
    ACTORS,
    END_DATE,
    ID,
    MEASURE_TYPE,
    PLACE,
    PLACE_NAME,
    START_DATE,
    STATUS,
    STATUS_DATE,
    TITLE,
)
from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.places import Places
from safetymap.present.badges import top_places
from safetymap.present.mapdata import date_spans
from safetymap.present.mapping import STATUS_COLOURS, status_mark, status_ring, type_glyph

LIMIT = 200  # rows drawn at most: the list of 10 000 would cost the browser seconds
ACTORS_SHOWN = 2  # actors named in a row; the others counted ("+3")
MEASURE_PARAM = "measure"
UNDATED = "–"  # what ``mapdata.date_span`` gives a row with no dates


@dataclass(frozen=True)
class Entry:
    """One row of the list, with its labels in the list's language."""

    id: str
    title: str
    place: str  # the row's own place: the group's place or one of its focus areas
    type_id: str
    type_label: str
    status_id: str
    status_label: str
    when: str  # start – end at the precision the source gives, "–" when undated
    actors: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """The rows of one place (its focus areas included) that the list shows."""

    place_id: str
    name: str
    total: int  # rows of the place the filter shows
    entries: tuple[Entry, ...]  # the first of them, in the list's order


@dataclass(frozen=True)
class Results:
    """The filter's rows as the list shows them."""

    total: int
    groups: tuple[Group, ...]
    lang: Lang

    @property
    def shown(self) -> int:
        return sum(len(group.entries) for group in self.groups)

    @property
    def truncated(self) -> bool:
        return self.shown < self.total


def quotas(sizes: Sequence[int], limit: int) -> list[int]:
    """How many rows of each group to show so that at most ``limit`` are shown in all: every
    group gets an equal share, and what a small group leaves goes to the larger ones."""
    given = [0] * len(sizes)
    left, budget = sorted(range(len(sizes)), key=lambda i: sizes[i]), limit
    for position, index in enumerate(left):
        share = budget // (len(left) - position)
        given[index] = min(sizes[index], share)
        budget -= given[index]
    return given


def _day_numbers(values: Iterable[str]) -> dict[str, int]:
    """The first day (as an ordinal) of each distinct partial date; unreadable ones left out."""
    days = {}
    for value in set(values):
        try:
            days[value] = parse_partial_date(value).first.toordinal()
        except ValueError:
            continue
    return days


def _order(measures: gpd.GeoDataFrame) -> list[int]:
    """Positions of the rows newest first (by start, else end, else status date), undated
    last, then by title and id."""
    columns = [
        measures[c].fillna("").astype(str).tolist() for c in (START_DATE, END_DATE, STATUS_DATE)
    ]
    days = _day_numbers(v for column in columns for v in column if v)
    dated = [
        next((days[v] for v in values if v in days), None) for values in zip(*columns, strict=True)
    ]
    titles = measures[TITLE].astype(str).str.casefold().tolist()
    ids = measures[ID].astype(str).tolist()
    return sorted(
        range(len(measures)),
        key=lambda i: (dated[i] is None, -(dated[i] or 0), titles[i], ids[i]),
    )


def build_results(
    measures: gpd.GeoDataFrame, places: Places, lang: Lang, limit: int = LIMIT
) -> Results:
    """The rows of ``measures`` grouped by top-level place (in the places' order; a place
    that is none of them comes after, under its own name), newest first within a place; at
    most ``limit`` rows in all, shared among the places."""
    tops = top_places(places)
    place_ids = measures[PLACE].astype(str).tolist()
    by_group: dict[str, list[int]] = {}
    for position in _order(measures):
        by_group.setdefault(tops.get(place_ids[position], place_ids[position]), []).append(position)
    order = [p for p in places.top_level() if p in by_group]
    order += [p for p in by_group if p not in tops]
    given = quotas([len(by_group[p]) for p in order], limit)
    picked = [position for p, n in zip(order, given, strict=True) for position in by_group[p][:n]]
    entries = dict(zip(picked, _entries(measures.iloc[picked], lang), strict=True))
    names = measures[PLACE_NAME].astype(str).tolist()
    return Results(
        total=len(measures),
        groups=tuple(
            Group(
                place_id=p,
                name=places.by_id[p].name if p in places.by_id else names[by_group[p][0]],
                total=len(by_group[p]),
                entries=tuple(entries[position] for position in by_group[p][:n]),
            )
            for p, n in zip(order, given, strict=True)
        ),
        lang=lang,
    )


def _entries(rows: gpd.GeoDataFrame, lang: Lang) -> list[Entry]:
    types, states = measure_types(), statuses()
    return [
        Entry(
            id=str(row_id),
            title=str(title),
            place=str(place),
            type_id=str(type_id),
            type_label=types.label(type_id, lang),
            status_id=str(status),
            status_label=states.label(status, lang),
            when=when,
            actors=tuple(actors),
        )
        for row_id, title, place, type_id, status, actors, when in zip(
            rows[ID],
            rows[TITLE],
            rows[PLACE_NAME],
            rows[MEASURE_TYPE],
            rows[STATUS],
            rows[ACTORS],
            date_spans(rows[START_DATE], rows[END_DATE], lang),
            strict=True,
        )
    ]


# --- text -----------------------------------------------------------------------------------


def count_text(results: Results) -> str:
    """'78 åtgärder och lägesbilder': how many rows the filter shows (the page's count)."""
    key = "results_count_one" if results.total == 1 else "results_count"
    return t(key, results.lang, n=format_number(results.total, results.lang))


def more_text(results: Results) -> str:
    """'Visar 200 av 10 000 …' when the list holds fewer rows than the filter shows, else ''."""
    if not results.truncated:
        return ""
    return t(
        "results_more",
        results.lang,
        shown=format_number(results.shown, results.lang),
        total=format_number(results.total, results.lang),
    )


def actors_text(actors: Sequence[str], shown: int = ACTORS_SHOWN) -> str:
    """'Trafikkontoret, Polisen +3': the first actors and how many more."""
    text = ", ".join(actors[:shown])
    return f"{text} +{len(actors) - shown}" if len(actors) > shown else text


def measure_href(query: Mapping[str, Sequence[str]], measure_id: str) -> str:
    """The link that selects ``measure_id`` and keeps the view's other parameters."""
    pairs = [
        (key, value) for key, values in query.items() if key != MEASURE_PARAM for value in values
    ]
    kept = urlencode(pairs)
    return f"?{kept}{'&' if kept else ''}{MEASURE_PARAM}={quote(measure_id, safe='')}"


# --- HTML -----------------------------------------------------------------------------------

STACK_BELOW_PX = 900  # a map row narrower than this puts the list under the map, folded
ROW_KEY = "safetymap-map-row"  # the key of the Streamlit container of the map and the list
ROW_CLASS = f"st-key-{ROW_KEY}"  # the class Streamlit gives that container


def _svg_url(content: str) -> str:
    """SVG content of the map's 32 × 32 symbol box as a CSS image."""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">{content}</svg>'
    return f"url(data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()})"


@cache
def _symbol_rules() -> str:
    """The map's symbol in three layers, as ``measures.js`` draws it: the status's ring, the
    type's disc and icon over it, the status's mark over both; a row's classes name its
    status (``smr-r-<status>``: ring, mark and colour) and type (``smr-t-<type>``: disc and
    icon). One image per type and per status, the same on every run."""
    rings = "".join(
        f".smr-r-{s}{{--smr-ring:{_svg_url(status_ring(s))};--smr-status:{STATUS_COLOURS[s]}"
        + (f";--smr-mark:{_svg_url(mark)}" if (mark := status_mark(s)) else "")
        + "}"
        for s in STATUS_COLOURS
    )
    glyphs = "".join(
        f".smr-t-{t}{{--smr-type:{_svg_url(type_glyph(t))}}}" for t in measure_types().ids()
    )
    return rings + glyphs


def style(list_height: int) -> str:
    """The list's style sheet, the same for every list: beside the map a box ``list_height``
    px high that scrolls; in a map row narrower than ``STACK_BELOW_PX`` the columns stack and
    the list folds; the symbols. A page keeps it while the list changes (a new style sheet
    would have the browser restyle the whole page)."""
    row = f".{ROW_CLASS}"
    return (
        "<style>"
        f"{row}{{container-type:inline-size}}"
        ".smr-results{font-size:0.9rem;color:#1A1A1A}"
        ".smr-results-count{font-weight:600;font-size:1rem;margin:0 0 0.15rem}"
        ".smr-results-more,.smr-results-hint{color:#595959;margin:0 0 0.25rem;font-size:0.85rem}"
        ".smr-results-open{display:none}"
        ".smr-results-toggle{display:none}"
        f".smr-results-list{{height:{list_height}px;overflow-y:auto;border-top:1px solid #E1E1E1;"
        "padding-right:0.25rem}"
        ".smr-results-list h3{font-size:0.95rem;font-weight:600;margin:0.6rem 0 0.2rem;"
        "padding:0;position:sticky;top:0;background:#FFFFFF;z-index:1}"
        ".smr-results-list h3 .smr-n{font-weight:400;color:#595959}"
        ".smr-results-list ul{list-style:none;margin:0;padding:0}"
        # Rows out of the box's view are not laid out until scrolled to.
        ".smr-results-list li{margin:0;padding:0;content-visibility:auto;"
        "contain-intrinsic-size:auto 4.5rem}"
        # A row: the symbol (its ::before, in three layers) beside title, facts and actors.
        ".smr-results-list a{display:grid;grid-template-columns:24px minmax(0,1fr);"
        "column-gap:0.5rem;padding:0.35rem 0.3rem;color:inherit;text-decoration:none;"
        "border-bottom:1px solid #EFEFEF;border-radius:3px}"
        ".smr-results-list a::before{content:'';grid-row:1/4;width:24px;height:24px;"
        "background-size:24px 24px;"
        "background-image:var(--smr-mark,none),var(--smr-type),var(--smr-ring)}"
        ".smr-results-list a>span{grid-column:2}"
        ".smr-results-list a:hover,.smr-results-list a:focus-visible{background:#EEF2F7}"
        ".smr-results-list a:focus-visible{outline:2px solid #1F3A5F;outline-offset:-2px}"
        ".smr-results-list a[aria-current]{background:#E3EAF3;box-shadow:inset 3px 0 0 #1F3A5F}"
        ".smr-title{font-weight:600;line-height:1.25;overflow-wrap:anywhere}"
        ".smr-meta,.smr-who{color:#3D3D3D;font-size:0.8rem;line-height:1.3}"
        ".smr-who{color:#595959;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}"
        # The status first in the facts, after a dot of its colour.
        ".smr-meta::before{content:'';display:inline-block;width:0.65em;height:0.65em;"
        "border-radius:50%;background:var(--smr-status);margin-right:0.3em;"
        "border:1px solid rgba(0,0,0,0.25);vertical-align:-0.05em}"
        f"{_symbol_rules()}"
        f"@container (max-width:{STACK_BELOW_PX - 1}px){{"
        f"{row} [data-testid='stHorizontalBlock']{{flex-direction:column}}"
        f"{row} [data-testid='stColumn']{{width:100%;flex:1 1 auto}}"
        ".smr-results-count,.smr-results-hint{display:none}"
        ".smr-results-open{display:block;position:absolute;opacity:0;width:1px;height:1px}"
        ".smr-results-toggle{display:block;cursor:pointer;padding:0.6rem 0.75rem;border:1px solid "
        "#D0D0D0;border-radius:0.5rem;font-weight:600;font-size:1rem}"
        ".smr-results-toggle::before{content:'▸';display:inline-block;width:1.1em}"
        ".smr-results-open:checked+.smr-results-toggle::before{content:'▾'}"
        ".smr-results-open:focus-visible+.smr-results-toggle{outline:2px solid #1F3A5F}"
        ".smr-results-list{display:none;height:auto;max-height:70vh;border-top:none}"
        ".smr-results-open:checked~.smr-results-list{display:block}"
        "}"
        "</style>"
    )


def _entry_html(entry: Entry, href: str, selected: bool, group_name: str) -> str:
    """One row: a link whose classes draw its symbol, with its title, facts (status, type,
    dates) and actors; four elements, since a long list is most of the page's."""
    esc = html.escape
    where = "" if entry.place == group_name else entry.place
    who = " · ".join(part for part in (actors_text(entry.actors), where) if part)
    return (
        f"<li><a href='{esc(href)}' class='smr-r-{esc(entry.status_id)} "
        f"smr-t-{esc(entry.type_id)}'{' aria-current=true' if selected else ''}>"
        f"<span class='smr-title'>{esc(entry.title)}</span>"
        f"<span class='smr-meta'>{esc(entry.status_label)} · {esc(entry.type_label)}"
        f"{'' if entry.when == UNDATED else ' · ' + esc(entry.when)}</span>"
        + (
            f"<span class='smr-who' title='{esc(', '.join(entry.actors))}'>{esc(who)}</span>"
            if who
            else ""
        )
        + "</a></li>"
    )


def _group_html(
    group: Group, lang: Lang, query: Mapping[str, Sequence[str]], selected: str | None
) -> str:
    count = (
        format_number(group.total, lang)
        if len(group.entries) == group.total
        else t(
            "results_group_more",
            lang,
            shown=len(group.entries),
            total=format_number(group.total, lang),
        )
    )
    items = "".join(
        _entry_html(e, measure_href(query, e.id), e.id == selected, group.name)
        for e in group.entries
    )
    return (
        f"<section><h3>{html.escape(group.name)} <span class='smr-n'>({count})</span></h3>"
        f"<ul>{items}</ul></section>"
    )


# Scrolls the list (beside the map, where it scrolls by itself) to the selected row, which
# may lie below the box's fold; never the page. The page's own script, no data but the
# selected id (as a JSON string, so that each new selection runs it again).
_SCROLL_SCRIPT = """<script>(() => {{
  const selected = {selected};
  let tries = 0;
  const scroll = () => {{
    const list = document.querySelector(".smr-results-list");
    const row = list && list.querySelector("a[aria-current]");
    if (!row) {{ if (++tries < 40) setTimeout(scroll, 50); return; }}
    if (list.scrollHeight <= list.clientHeight) return;
    const above = row.getBoundingClientRect().top - list.getBoundingClientRect().top;
    if (above < 0 || above > list.clientHeight - row.offsetHeight) {{
      list.scrollTop += above - list.clientHeight / 3;
    }}
    void selected;
  }};
  scroll();
}})();</script>"""


def scroll_script(selected: str) -> str:
    """A script that scrolls the list's box to the row of ``selected`` (for ``st.html`` with
    JavaScript allowed)."""
    return _SCROLL_SCRIPT.format(selected=json.dumps(selected).replace("<", "\\u003c"))


def results_html(
    results: Results, query: Mapping[str, Sequence[str]], selected: str | None = None
) -> str:
    """The list as one block of HTML (styled by ``style``): the count, a note when it is
    cut, the rows by place, each a link that selects it, ``selected`` marked; a fold to open
    where it is under the map."""
    lang = results.lang
    count, more = count_text(results), more_text(results)
    groups = "".join(_group_html(g, lang, query, selected) for g in results.groups)
    return (
        "<div class='smr-results'>"
        f"<p class='smr-results-count'>{html.escape(count)}</p>"
        + (f"<p class='smr-results-more'>{html.escape(more)}</p>" if more else "")
        + (
            f"<p class='smr-results-hint'>{html.escape(t('results_hint', lang))}</p>"
            if groups
            else ""
        )
        + "<input type='checkbox' id='smr-results-open' class='smr-results-open'>"
        f"<label for='smr-results-open' class='smr-results-toggle'>"
        f"{html.escape(t('results_toggle', lang, count=count))}</label>"
        f"<nav class='smr-results-list' aria-label='{html.escape(t('results_label', lang))}'>"
        f"{groups}</nav></div>"
    )
