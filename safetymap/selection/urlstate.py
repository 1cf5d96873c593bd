"""Shareable view state in the URL: query parameters ⇄ a validated ``ViewState``.

The parameter names are part of the public interface (issue #3): ``place``, ``actor``,
``type``, ``status``, ``kind``, ``year_from``, ``year_to``, ``as_of`` (YYYY-MM-DD), ``q``,
``lang`` (sv|en), ``measure`` (an id), and for the map view ``lat``, ``lon``, ``zoom``.
Lists are repeated keys (``?place=kista&place=klara``). Values are ids from the contract,
actors by their normalised name. Everything in a URL is user input: a value that does not
fit is dropped with a ``Notice`` that names it, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from safetymap.contract.problems import LANGS, Lang
from safetymap.contract.schema import ID_PATTERN
from safetymap.contract.vocab import kinds, measure_types, statuses
from safetymap.intake.actors import actor_table
from safetymap.intake.coords import in_sweden
from safetymap.intake.places import Places
from safetymap.selection.filters import MeasureFilter

LIST_KEYS = ("place", "actor", "type", "status", "kind")
SINGLE_KEYS = ("year_from", "year_to", "as_of", "q", "lang", "measure", "lat", "lon", "zoom")
KEYS = LIST_KEYS + SINGLE_KEYS
MAX_QUERY = 200
MAX_VALUES = 50
YEARS = (1900, 2100)
ZOOMS = (3, 19)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
API_ITEMS = "/api/collections/measures/items"  # the API's measures (safetymap.api)

NOTICES: dict[str, tuple[str, str]] = {
    "unknown_key": ("Okänd parameter {key} ignorerades.", "Unknown parameter {key} was ignored."),
    "bad_value": (
        "Ogiltigt värde {value!r} för {key} ignorerades.",
        "Invalid value {value!r} for {key} was ignored.",
    ),
    "repeated": (
        "{key} angavs flera gånger; det sista värdet används.",
        "{key} was given more than once; the last value is used.",
    ),
    "years_swapped": (
        "year_from var större än year_to; de byttes.",
        "year_from was greater than year_to; they were swapped.",
    ),
    "year_outside": (
        "{key}={value} ligger utanför datans år ({first}–{last}); närmaste år, {used}, används.",
        "{key}={value} is outside the data's years ({first}–{last}); the nearest, {used}, is used.",
    ),
    "too_many": (
        "För många värden för {key}; bara de {max} första används.",
        "Too many values for {key}; only the first {max} are used.",
    ),
}


@dataclass(frozen=True)
class Notice:
    """A URL parameter that was not used as given, and why."""

    code: str
    key: str
    value: str = ""
    details: tuple[tuple[str, object], ...] = ()  # more for the message: ("used", 2016), …

    def message(self, lang: Lang = "sv") -> str:
        sv, en = NOTICES[self.code]
        return (sv if lang == "sv" else en).format(
            key=self.key, value=self.value, max=MAX_VALUES, **dict(self.details)
        )


@dataclass(frozen=True)
class ViewState:
    """What a URL reproduces: the filter, the language, the selected measure, the map view."""

    filter: MeasureFilter = field(default_factory=MeasureFilter)
    lang: Lang = "sv"
    measure: str | None = None
    center: tuple[float, float] | None = None
    zoom: int | None = None


@dataclass(frozen=True)
class Known:
    """What a URL value may name: the data's ids and actors and the shipped places, and the
    years the data spans (its first and last; None: any year in ``YEARS``)."""

    places: Places
    actors: Collection[str] = ()
    measure_ids: Collection[str] = ()
    years: tuple[int, int] | None = None


def parse_query(
    params: Mapping[str, Sequence[str]], known: Known
) -> tuple[ViewState, list[Notice]]:
    """Read a ViewState from query parameters (every key → all its values)."""
    notices: list[Notice] = [Notice("unknown_key", k) for k in params if k not in KEYS]
    lists = {
        key: _list(params.get(key, ()), key, _checker(key, known), notices) for key in LIST_KEYS
    }
    single = {key: _single(params.get(key, ()), key, notices) for key in SINGLE_KEYS}

    year_from = _year(single["year_from"], "year_from", known.years, notices)
    year_to = _year(single["year_to"], "year_to", known.years, notices)
    if year_from is not None and year_to is not None and year_from > year_to:
        notices.append(Notice("years_swapped", "year_from"))
        year_from, year_to = year_to, year_from
    flt = MeasureFilter(
        places=lists["place"],
        actors=lists["actor"],
        types=lists["type"],
        statuses=lists["status"],
        kinds=lists["kind"],
        year_from=year_from,
        year_to=year_to,
        as_of=_day(single["as_of"], notices),
        query=_query(single["q"], notices),
    )
    lang = single["lang"] or "sv"
    if lang not in LANGS:
        notices.append(Notice("bad_value", "lang", lang))
        lang = "sv"
    return ViewState(
        flt,
        lang,
        _measure(single["measure"], known, notices),  # type: ignore[arg-type]
        _center(single["lat"], single["lon"], notices),
        _int(single["zoom"], "zoom", ZOOMS, notices),
    ), notices


def _year(
    value: str | None, key: str, span: tuple[int, int] | None, notices: list[Notice]
) -> int | None:
    """A year in ``YEARS``, moved into the data's ``span`` (with a notice) when outside it."""
    year = _int(value, key, YEARS, notices)
    if year is None or span is None:
        return year
    first, last = span
    used = min(max(year, first), last)
    if used != year:
        details = (("first", first), ("last", last), ("used", used))
        notices.append(Notice("year_outside", key, str(year), details))
    return used


def to_query(state: ViewState) -> dict[str, list[str]]:
    """The query parameters of a ViewState; defaults are left out to keep links short."""
    flt = state.filter
    query: dict[str, list[str]] = {
        "place": list(flt.places),
        "actor": list(flt.actors),
        "type": list(flt.types),
        "status": list(flt.statuses),
        "kind": list(flt.kinds),
        "year_from": _opt(flt.year_from),
        "year_to": _opt(flt.year_to),
        "as_of": [flt.as_of.isoformat()] if flt.as_of else [],
        "q": [flt.query] if flt.query else [],
        "lang": [state.lang] if state.lang != "sv" else [],
        "measure": _opt(state.measure),
        "lat": [f"{state.center[0]:.5f}"] if state.center else [],
        "lon": [f"{state.center[1]:.5f}"] if state.center else [],
        "zoom": _opt(state.zoom),
    }
    return {key: values for key, values in query.items() if values}


def api_items_path(flt: MeasureFilter, lang: Lang = "sv") -> str:
    """The API's measures items (``/api/collections/measures/items``) with the filter's
    parameters, named and written as in the map's URL, and the language."""
    query = to_query(ViewState(flt, lang))
    return API_ITEMS + ("?" + urlencode(query, doseq=True) if query else "")


def _opt(value: object | None) -> list[str]:
    return [] if value is None else [str(value)]


Checker = Callable[[str], str | None]


def _checker(key: str, known: Known) -> Checker:
    """A function giving the canonical value of one list parameter, or None if invalid."""
    if key == "place":
        return lambda v: v if v in known.places.by_id else None
    if key == "actor":
        names = set(known.actors) | {a.name for a in actor_table().actors.values()}
        return lambda v: v if v in names else _actor_alias(v)
    vocab = {"type": measure_types(), "status": statuses(), "kind": kinds()}[key]
    return lambda v: v if v in vocab.terms else None


def _actor_alias(value: str) -> str | None:
    actor = actor_table().find(value)
    return actor.name if actor else None


def _list(
    values: Sequence[str], key: str, check: Checker, notices: list[Notice]
) -> tuple[str, ...]:
    if len(values) > MAX_VALUES:
        notices.append(Notice("too_many", key))
        values = values[:MAX_VALUES]
    chosen: list[str] = []
    for value in values:
        canonical = check(value.strip())
        if canonical is None:
            notices.append(Notice("bad_value", key, value))
        elif canonical not in chosen:
            chosen.append(canonical)
    return tuple(chosen)


def _single(values: Sequence[str], key: str, notices: list[Notice]) -> str:
    if len(values) > 1:
        notices.append(Notice("repeated", key))
    return values[-1].strip() if values else ""


def _int(text: str, key: str, bounds: tuple[int, int], notices: list[Notice]) -> int | None:
    if not text:
        return None
    if text.isdigit() and bounds[0] <= int(text) <= bounds[1]:
        return int(text)
    notices.append(Notice("bad_value", key, text))
    return None


def _day(text: str, notices: list[Notice]) -> date | None:
    if not text:
        return None
    try:
        if _ISO_DAY.match(text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    notices.append(Notice("bad_value", "as_of", text))
    return None


def _query(text: str, notices: list[Notice]) -> str:
    if len(text) > MAX_QUERY:
        notices.append(Notice("bad_value", "q", text[:40] + "…"))
        return ""
    return text


def _measure(text: str, known: Known, notices: list[Notice]) -> str | None:
    if not text:
        return None
    if re.match(ID_PATTERN, text) and text in known.measure_ids:
        return text
    notices.append(Notice("bad_value", "measure", text))
    return None


def _center(lat: str, lon: str, notices: list[Notice]) -> tuple[float, float] | None:
    if not lat and not lon:
        return None
    try:
        point = (float(lat), float(lon))
        if in_sweden(*point):
            return point
    except ValueError:
        pass
    notices.append(Notice("bad_value", "lat", f"{lat},{lon}"))
    return None
