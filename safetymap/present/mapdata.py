"""What the map's browser side (``static/safetymap/measures.js``) draws, as plain data.

``map_config`` is the same for every filter (vocabulary, UI text, place shapes) and goes into
the base map once; ``map_rows`` is the filtered rows as column arrays, with repeated texts
(actors, date spans, sources, places) as indexes into small tables, so ten thousand rows
cost a few hundred kilobytes. Only what the browser uses is sent: a click is resolved to its
measure by the server (``mapping.measure_at``), so the ids stay there. Text is sent as data
and written with ``textContent`` in the browser, never as markup. Pure: no folium, no Streamlit.

A preview (an upload before it is published) also sends each row's change against the version
in force (``preview_rows``: added, changed, or removed and drawn from the version in force), which
the browser marks on the row's symbol, its place's badge and card, its list entry, and in a
legend.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops

from safetymap.contract.i18n import t, template
from safetymap.contract.problems import Lang
from safetymap.contract.schema import (
    ACTORS,
    END_DATE,
    ID,
    LOCATED,
    MEASURE_TYPE,
    PLACE,
    SOURCE,
    START_DATE,
    STATUS,
    TITLE,
)
from safetymap.contract.vocab import measure_types, statuses
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.places import Places
from safetymap.versions.diff import Diff

COORD_DECIMALS = 5  # about a metre: finer than any source places a measure
GROUP_COLOURS = {
    "situational": "#0072B2",
    "social": "#D55E00",
    "collaboration": "#009E73",
    "condition": "#CC79A7",
}

CHANGE = "change"  # a preview's column: the row's change against the version in force


@dataclass(frozen=True)
class ChangeMark:
    """How a kind of change is marked: a sign (a shape, for who cannot tell the colours
    apart); on the map, a tag of ``colour`` with the sign in ``ink``; in a table, a ``tint``
    of the same colour behind the row."""

    sign: str
    colour: str
    ink: str
    tint: str


# Okabe–Ito blue, orange and vermillion; each sign at 4.5:1 or more on its tag.
CHANGE_MARKS = {
    "added": ChangeMark("+", "#0072B2", "#FFFFFF", "#D6EAF8"),
    "changed": ChangeMark("✎", "#E69F00", "#1A1A1A", "#FDEBD0"),
    "removed": ChangeMark("−", "#D55E00", "#1A1A1A", "#F9D9D0"),
}
CHANGE_KINDS = tuple(CHANGE_MARKS)


def preview_rows(new: gpd.GeoDataFrame, old: gpd.GeoDataFrame, diff: Diff) -> gpd.GeoDataFrame:
    """What a preview map shows of a file compared with the version in force: the file's
    rows, then the rows it removes as the version in force (``old``) has them, each with its
    ``CHANGE``: "added", "changed", "removed" or "" (unchanged)."""
    kinds = {key: "added" for key in diff.added} | {key: "changed" for key in diff.changed}
    marked = new.assign(**{CHANGE: [kinds.get(key, "") for key in new[ID]]})
    removed = old[old[ID].isin(set(diff.removed))].assign(**{CHANGE: "removed"})
    if removed.empty:
        return marked.reset_index(drop=True)
    rows = pd.concat([marked, removed.to_crs(marked.crs)], ignore_index=True)
    return gpd.GeoDataFrame(rows, geometry=marked.geometry.name, crs=marked.crs)


def changed_places(rows: gpd.GeoDataFrame) -> tuple[str, ...]:
    """The places of the rows a preview marks as changed, in the order of the rows."""
    if CHANGE not in rows.columns:
        return ()
    return tuple(dict.fromkeys(rows[PLACE][rows[CHANGE] != ""]))


def change_counts(rows: gpd.GeoDataFrame) -> dict[str, int]:
    """How many rows of a preview are added, changed and removed (kinds present only)."""
    if CHANGE not in rows.columns:
        return {}
    counts = rows[CHANGE].value_counts()
    return {kind: int(counts[kind]) for kind in CHANGE_KINDS if kind in counts}


def date_span(start: str, end: str, lang: Lang) -> str:
    """'mars 2021 – juni 2021', 'från 2020', … at the precision the dates have."""
    first = parse_partial_date(start).label(lang) if start else ""
    last = parse_partial_date(end).label(lang) if end else ""
    if first and last:
        return first if first == last else f"{first} – {last}"
    if first:
        return f"{'från' if lang == 'sv' else 'from'} {first}"
    if last:
        return f"{'till' if lang == 'sv' else 'until'} {last}"
    return "–"


def date_spans(starts: pd.Series, ends: pd.Series, lang: Lang) -> list[str]:
    """``date_span`` of each row, worked out once per distinct pair of dates."""
    codes, spans = _date_span_table(starts, ends, lang)
    return [spans[c] for c in codes]


def _date_span_table(starts: pd.Series, ends: pd.Series, lang: Lang) -> tuple[list[int], list[str]]:
    pairs = (
        starts.astype(str).to_numpy(dtype=object) + "\x1f" + ends.astype(str).to_numpy(dtype=object)
    )
    codes, uniques = _indexes(pd.Series(pairs))
    return codes, [date_span(*pair.split("\x1f"), lang) for pair in uniques]


def map_config(places: Places, lang: Lang, art: dict, labels: list) -> dict:
    """Vocabulary (in the order ``map_rows`` indexes it), UI text, place shapes and the
    background's names.

    ``art`` holds the symbols' SVG pieces, built from the vocabulary alone
    (``mapping.symbol_art``): per type its disc and icon, per status its ring and mark.
    ``labels`` are ``[name, layer, lat, lon]`` of the background's areas.
    """
    frame = places.frame
    return {
        "types": [
            {
                "id": type_id,
                "label": measure_types().label(type_id, lang),
                "glyph": art["types"][type_id],
                "kind": measure_types().terms[type_id].kind,
                "group": measure_types().terms[type_id].group,
                "colour": GROUP_COLOURS[measure_types().terms[type_id].group],
            }
            for type_id in measure_types().ids()
        ],
        "statuses": [
            {
                "id": status_id,
                "label": statuses().label(status_id, lang),
                "ring": art["statuses"][status_id][0],
                "mark": art["statuses"][status_id][1],
            }
            for status_id in statuses().ids()
        ],
        "places": {
            place_id: {
                "name": places.by_id[place_id].name,
                "parent": places.by_id[place_id].parent,
                "geometry": shapely.geometry.mapping(geometry),
                "bounds": [[miny, minx], [maxy, maxx]],
                "anchor": anchor(geometry),
            }
            for place_id, geometry in frame.geometry.items()
            for minx, miny, maxx, maxy in [geometry.bounds]
        },
        "labels": labels,
        "lang": "sv-SE" if lang == "sv" else "en-GB",
        "changes": [
            {
                "id": kind,
                "sign": mark.sign,
                "colour": mark.colour,
                "ink": mark.ink,
                "label": t(f"change_{kind}", lang),
            }
            for kind, mark in CHANGE_MARKS.items()
        ],
        # Templates: the browser fills in their {n}.
        "text": {
            key: template(key, lang)
            for key in (
                "type",
                "status",
                "actors",
                "dates",
                "source",
                "cluster",
                "cluster_same_spot",
                "inview_button",
                "inview_title",
                "inview_empty",
                "inview_more",
                "badge_label",
                "badge_list",
                "whole_area",
                "whole_area_more",
                "with_point",
                "wheel_hint",
                "changes_legend",
                "changes_removed_note",
                "play_control",
                "play_play",
                "play_pause",
                "play_month",
                "play_speed",
                "play_shown",
            )
        },
    }


def anchor(geometry: shapely.Geometry) -> list[float]:
    """[lat, lon] of a point well inside a place (inside its largest part): where its badge
    points."""
    parts = getattr(geometry, "geoms", [geometry])
    point = shapely.ops.polylabel(max(parts, key=lambda part: part.area), tolerance=0.00005)
    return [round(point.y, COORD_DECIMALS), round(point.x, COORD_DECIMALS)]


def _indexes(values: pd.Series) -> tuple[list[int], list[str]]:
    codes, uniques = pd.factorize(values, sort=False)
    return codes.tolist(), [str(u) for u in uniques]


def _coordinates(measures: gpd.GeoDataFrame, axis: str) -> list[float | None]:
    get = shapely.get_y if axis == "lat" else shapely.get_x
    values = np.round(get(measures.geometry.array), COORD_DECIMALS)
    return pd.Series(values, dtype=object).where(measures[LOCATED].to_numpy(), None).tolist()


def map_rows(measures: gpd.GeoDataFrame, lang: Lang) -> dict:
    """The rows as column arrays: ``lat``/``lon`` are null for rows without a point. A
    preview's rows (with a ``CHANGE`` column) that change anything also carry ``change``: the
    index of the row's change in ``CHANGE_KINDS`` (``map_config``'s ``changes``), null when
    unchanged."""
    type_index = {m: i for i, m in enumerate(measure_types().ids())}
    status_index = {s: i for i, s in enumerate(statuses().ids())}
    place, place_table = _indexes(measures[PLACE])
    actors, actor_table = _indexes(pd.Series([", ".join(a) for a in measures[ACTORS]]))
    source, source_table = _indexes(measures[SOURCE])
    dates, span_table = _date_span_table(measures[START_DATE], measures[END_DATE], lang)
    rows = {
        "title": measures[TITLE].astype(str).tolist(),
        "type": measures[MEASURE_TYPE].map(type_index).astype(int).tolist(),
        "status": measures[STATUS].map(status_index).astype(int).tolist(),
        "place": place,
        "actors": actors,
        "dates": dates,
        "source": source,
        "lat": _coordinates(measures, "lat"),
        "lon": _coordinates(measures, "lon"),
    }
    if CHANGE in measures.columns and (measures[CHANGE] != "").any():
        change_index = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
        rows["change"] = [change_index.get(kind) for kind in measures[CHANGE]]
    return {
        "rows": rows,
        "tables": {
            "places": place_table,
            "actors": actor_table,
            "sources": source_table,
            "dates": span_table,
        },
    }
