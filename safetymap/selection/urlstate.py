"""Shareable view state in the URL: query parameters ⇄ a validated ``ViewState``.

The parameter names are part of the public interface (issue #3): ``place``, ``actor``,
``type``, ``status``, ``kind``, ``year_from``, ``year_to``, ``as_of`` (YYYY-MM-DD), ``q``,
``lang`` (sv|en), ``measure`` (an id), for the map view ``lat``, ``lon``, ``zoom``, for
the briefing ``since`` (a day or a version number: what changed since) and ``present`` (1:
the presentation), and for the follow-up page its own choices (``FOLLOWUP_KEYS``: kept as
given here, read with their notices by ``followup.read_choice``). Lists are repeated keys
(``?place=kista&place=klara``). Values are ids from the contract, actors by their
normalised name. Everything in a URL is user input: a value that does not fit is dropped
with a ``Notice`` that names it, never an exception.
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
from safetymap.selection.since import Published, Since, read_since

LIST_KEYS = ("place", "actor", "type", "status", "kind")
SINGLE_KEYS = (
    "year_from",
    "year_to",
    "as_of",
    "q",
    "lang",
    "measure",
    "lat",
    "lon",
    "zoom",
    "since",
    "present",
)
# Uppföljning's own choices, named like ``python -m safetymap effect``'s options: the place
# it follows up, the series (indicator, area, length of period, count or rate), the
# comparison area and the before/after windows (a measure's start or a period, and how many
# periods on each side).
FOLLOWUP_KEYS = (
    "follow",
    "indicator",
    "area",
    "granularity",
    "unit",
    "comparison",
    "start",
    "at",
    "before",
    "after",
)
KEYS = LIST_KEYS + SINGLE_KEYS + FOLLOWUP_KEYS
MAX_FOLLOWUP_VALUE = 100  # characters: longer than any id or period
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
    "since_future": (
        "since={value} ligger i framtiden; det ignorerades.",
        "since={value} is in the future; it was ignored.",
    ),
    "since_unknown_version": (
        "Det finns ingen version {value}; since ignorerades.",
        "There is no version {value}; since was ignored.",
    ),
    "since_before_first": (
        "since={value} ligger före datans första version ({first}, publicerad {day}): bara "
        "de ändringar som åtgärdernas datum ger visas; nya åtgärder kan inte skiljas ut.",
        "since={value} is before the data's first version ({first}, published {day}): only "
        "the changes the measures' dates give are shown; new measures cannot be told apart.",
    ),
    "since_no_version": (
        "since={value}: datan har ingen publicerad version än, så bara de ändringar som "
        "åtgärdernas datum ger visas.",
        "since={value}: the data has no published version yet, so only the changes the "
        "measures' dates give are shown.",
    ),
    "unavailable": (
        "{key}={value} kan inte väljas här (att välja: {offered}); det ignorerades.",
        "{key}={value} cannot be chosen here (to choose from: {offered}); it was ignored.",
    ),
    "not_a_start": (
        "start={value} är ingen åtgärd med startdatum i {place} med de valda filtren; det "
        "ignorerades.",
        "start={value} is no measure with a start date in {place} under the chosen filters; "
        "it was ignored.",
    ),
    "start_and_at": (
        "Både start och at angavs; åtgärdens start används.",
        "Both start and at were given; the measure's start is used.",
    ),
    "at_outside": (
        "at={value} är ingen period i serien ({first}–{last}, {granularity}); det ignorerades.",
        "at={value} is no period of the series ({first}–{last}, {granularity}); it was ignored.",
    ),
    "window_outside": (
        "{key}={value} ska vara ett heltal från 1 till {most}; {used} används.",
        "{key}={value} should be a whole number from 1 to {most}; {used} is used.",
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
    since: Since | None = None  # the briefing: what changed since then
    present: bool = False  # the briefing as a presentation
    # Uppföljning's choices as the link gave them (key, value), read by that page.
    followup: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Known:
    """What a URL value may name: the data's ids and actors and the shipped places, the
    years the data spans (its first and last; None: any year in ``YEARS``), the versions
    published so far (number, day) and today (a ``since`` may not come after it)."""

    places: Places
    actors: Collection[str] = ()
    measure_ids: Collection[str] = ()
    years: tuple[int, int] | None = None
    published: Sequence[Published] = ()
    today: date = field(default_factory=date.today)


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
        _since(single["since"], known, notices),
        _present(single["present"], notices),
        _followup(params, notices),
    ), notices


def _followup(
    params: Mapping[str, Sequence[str]], notices: list[Notice]
) -> tuple[tuple[str, str], ...]:
    """Uppföljning's parameters as given (the last of repeated ones; none too long to be
    an id or a period): that page reads them against its data."""
    given = []
    for key in FOLLOWUP_KEYS:
        value = _single(params.get(key, ()), key, notices)
        if len(value) > MAX_FOLLOWUP_VALUE:
            notices.append(Notice("bad_value", key, value[:40] + "…"))
        elif value:
            given.append((key, value))
    return tuple(given)


def _since(text: str, known: Known, notices: list[Notice]) -> Since | None:
    """The briefing's ``since``: a day or a version number; a day before the first version
    is used with a notice, one in the future or an unknown version is dropped with one."""
    if not text:
        return None
    since, problem = read_since(text, known.published, known.today)
    if problem is None:
        return since
    if problem.code != "since_before_first":
        notices.append(Notice(problem.code, "since", text))
    elif problem.first is None:
        notices.append(Notice("since_no_version", "since", text))
    else:
        first, day = problem.first
        notices.append(
            Notice("since_before_first", "since", text, (("first", first), ("day", day)))
        )
    return since


def _present(text: str, notices: list[Notice]) -> bool:
    if text in ("", "0", "1"):
        return text == "1"
    notices.append(Notice("bad_value", "present", text))
    return False


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
        "since": [state.since.param()] if state.since else [],
        "present": ["1"] if state.present else [],
        **{key: [value] for key, value in state.followup},
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
