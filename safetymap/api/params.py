"""An API request's query parameters, read and checked; a value that does not fit is refused.

The app's filter names (``place``, ``actor``, ``type``, ``status``, ``kind``, ``year_from``,
``year_to``, ``as_of``, ``q``) mean what they mean in the map's URL and go through the map
URL's own validation (``urlstate.parse_query``), so a value the map's link would not use as
given (it drops or changes it with a notice) is refused here, worded for a refusal. The API's
own parameters: ``limit`` and ``offset`` (paging; a larger ``limit`` than ``MAX_LIMIT`` is
lowered to it), ``bbox`` (WGS84 longitude and latitude), ``datetime`` (a day, a moment or an
interval, RFC 3339, against a row's dates), ``version`` (a published version's number),
``lang`` (``sv`` or ``en``: the words of titles and messages) and ``f`` (``json``). A key a
collection does not know is refused too (OGC API – Features, /req/core/query-param-unknown).
The outcome series take ``area`` and ``indicator`` (ids, repeatable: ``read_ids``). Every
refusal names its parameter; the server answers it with a 400.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from safetymap.contract.problems import LANGS, Lang
from safetymap.contract.vocab import kinds, measure_types, statuses
from safetymap.selection.filters import Box, MeasureFilter
from safetymap.selection.urlstate import LIST_KEYS, MAX_VALUES, Known, Notice, parse_query

Params = Mapping[str, Sequence[str]]  # every key → all its values, in the order given
Period = tuple[date | None, date | None]  # first and last day; None: open on that side

FILTER_KEYS = ("place", "actor", "type", "status", "kind", "year_from", "year_to", "as_of", "q")
ID_KEYS = ("area", "indicator")  # the outcome series' own filters: ids, repeatable
REPEATABLE = (*LIST_KEYS, *ID_KEYS)
PAGING_KEYS = ("limit", "offset")
COMMON_KEYS = ("lang", "f")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
OPEN = ("", "..")  # an open end of a datetime interval

WORDS: dict[str, tuple[str, str]] = {
    # The map URL's notices (urlstate.NOTICES), as refusals.
    "unknown_key": (
        "Okänd parameter {key}. Här gäller: {allowed}.",
        "Unknown parameter {key}. Parameters here: {allowed}.",
    ),
    "bad_value": ("Ogiltigt värde {value!r} för {key}.", "Invalid value {value!r} for {key}."),
    "allowed_values": ("Tillåtna värden: {values}.", "Allowed values: {values}."),
    "repeated": (
        "{key} angavs flera gånger; ange det en gång.",
        "{key} was given more than once; give it once.",
    ),
    "years_swapped": (
        "year_from är större än year_to.",
        "year_from is greater than year_to.",
    ),
    "year_outside": (
        "{key}={value} ligger utanför datans år ({first}–{last}).",
        "{key}={value} is outside the data's years ({first}–{last}).",
    ),
    "too_many": (
        "För många värden för {key}: högst {max}.",
        "Too many values for {key}: at most {max}.",
    ),
    # The API's own parameters.
    "limit": (
        "limit ska vara ett heltal från 1 (högst {max} rader per sida).",
        "limit must be a whole number from 1 (at most {max} rows a page).",
    ),
    "offset": ("offset ska vara ett heltal från 0.", "offset must be a whole number from 0."),
    "bbox": (
        "bbox ska vara fyra tal i WGS84, min lon,min lat,max lon,max lat "
        "(till exempel 17.93,59.40,17.95,59.41).",
        "bbox must be four numbers in WGS84, min lon,min lat,max lon,max lat "
        "(for example 17.93,59.40,17.95,59.41).",
    ),
    "datetime": (
        "datetime ska vara en dag eller tidpunkt (RFC 3339, till exempel 2021-05-01) eller ett "
        "intervall med / (2020-01-01/2021-12-31, ../2021-12-31, 2020-01-01/..).",
        "datetime must be a day or moment (RFC 3339, for example 2021-05-01) or an interval "
        "with / (2020-01-01/2021-12-31, ../2021-12-31, 2020-01-01/..).",
    ),
    "version": (
        "version ska vara numret på en publicerad version.",
        "version must be the number of a published version.",
    ),
    "no_version": (
        "Det finns ingen version {value} av {collection}; publicerade: {versions}.",
        "There is no version {value} of {collection}; published: {versions}.",
    ),
    "lang": ("lang ska vara sv eller en.", "lang must be sv or en."),
    "f": (
        "f ska vara json: API:t svarar med JSON och GeoJSON.",
        "f must be json: the API answers in JSON and GeoJSON.",
    ),
}


def words(code: str, lang: Lang, **values: object) -> str:
    sv, en = WORDS[code]
    return (sv if lang == "sv" else en).format(**values)


@dataclass(frozen=True)
class Problem:
    """One parameter that cannot be used, and why (in the request's language)."""

    parameter: str
    message: str


class BadRequest(Exception):
    """A request with parameters that cannot be used; the server answers 400."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(f"{p.parameter}: {p.message}" for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Query:
    """The API's own parameters of a request (the filter is read apart: ``read_filter``)."""

    lang: Lang = "sv"
    limit: int = DEFAULT_LIMIT
    offset: int = 0
    bbox: Box | None = None
    period: Period | None = None
    version: int | None = None


def read_lang(params: Params) -> Lang:
    """The language asked for (``sv`` unless ``lang=en``); refused when neither."""
    values = params.get("lang", ())
    if not values:
        return "sv"
    if len(values) == 1 and values[0].strip() in LANGS:
        return values[0].strip()  # type: ignore[return-value]
    key = "repeated" if len(values) > 1 else "lang"
    raise BadRequest([Problem("lang", words(key, "sv", key="lang"))])


def read_query(params: Params, allowed: Sequence[str]) -> Query:
    """The request's own parameters; every problem at once (``BadRequest``). ``allowed``:
    the keys this resource knows besides ``lang`` and ``f``."""
    lang = read_lang(params)
    known = (*allowed, *COMMON_KEYS)
    problems = [
        Problem(key, words("unknown_key", lang, key=key, allowed=", ".join(known)))
        for key in params
        if key not in known
    ]
    single: dict[str, str] = {}
    for key, values in params.items():
        if key in known and key not in REPEATABLE:  # the lists may repeat
            if len(values) > 1:
                problems.append(Problem(key, words("repeated", lang, key=key)))
            elif values:
                single[key] = values[0].strip()
    readers = {
        "f": _f,
        "limit": lambda text: _whole(text, 1),
        "offset": lambda text: _whole(text, 0),
        "bbox": _bbox,
        "datetime": _period,
        "version": lambda text: _whole(text, 1),
    }
    read: dict[str, object] = {}
    for key, reader in readers.items():
        if key in single:
            value = reader(single[key])
            if value is None:
                problems.append(Problem(key, words(key, lang, max=MAX_LIMIT)))
            read[key] = value
    if problems:
        raise BadRequest(problems)
    limit = read.get("limit")
    return Query(
        lang=lang,
        limit=min(limit, MAX_LIMIT) if isinstance(limit, int) else DEFAULT_LIMIT,
        offset=read.get("offset") or 0,  # type: ignore[arg-type]
        bbox=read.get("bbox"),  # type: ignore[arg-type]
        period=read.get("datetime"),  # type: ignore[arg-type]
        version=read.get("version"),  # type: ignore[arg-type]
    )


def read_filter(params: Params, known: Known, lang: Lang) -> MeasureFilter:
    """The app's filter from the request's filter parameters, checked as the map's URL is
    (``urlstate.parse_query``); a value the map would not use as given is refused."""
    given = {key: list(values) for key, values in params.items() if key in FILTER_KEYS}
    state, notices = parse_query(given, known)
    if notices:
        raise BadRequest([Problem(n.key, _refusal(n, known, lang)) for n in notices])
    return state.filter


def read_ids(params: Params, key: str, allowed: Sequence[str], lang: Lang) -> tuple[str, ...]:
    """The ids given for ``key`` (repeatable; each once, in the order given), every one of
    ``allowed``; an unknown id, or more than ``MAX_VALUES``, is refused naming ``key``."""
    values = [value.strip() for value in params.get(key, ())]
    if len(values) > MAX_VALUES:
        raise BadRequest([Problem(key, words("too_many", lang, key=key, max=MAX_VALUES))])
    problems = [
        Problem(
            key,
            words("bad_value", lang, key=key, value=value)
            + " "
            + words("allowed_values", lang, values=", ".join(allowed)),
        )
        for value in values
        if value not in allowed
    ]
    if problems:
        raise BadRequest(problems)
    return tuple(dict.fromkeys(values))


def _refusal(notice: Notice, known: Known, lang: Lang) -> str:
    """A notice of the map's URL as the API's refusal."""
    if notice.code != "bad_value":
        details = dict(notice.details)
        return words(
            notice.code, lang, key=notice.key, value=notice.value, max=MAX_VALUES, **details
        )
    message = words("bad_value", lang, key=notice.key, value=notice.value)
    allowed = _allowed(notice.key, known)
    if allowed:
        message += " " + words("allowed_values", lang, values=", ".join(allowed))
    return message


def _allowed(key: str, known: Known) -> list[str]:
    """The values a list parameter takes, where they are few enough to list."""
    if key == "place":
        return list(known.places.by_id)
    vocabulary = {"type": measure_types, "status": statuses, "kind": kinds}.get(key)
    return vocabulary().ids() if vocabulary else []


def _f(text: str) -> str | None:
    return text if text in ("json", "geojson") else None


def _whole(text: str, lowest: int) -> int | None:
    """A whole number from ``lowest``, written in plain digits."""
    if text.isascii() and text.isdigit() and int(text) >= lowest:
        return int(text)
    return None


def _bbox(text: str) -> Box | None:
    """Four numbers (or six, with heights, which are left out): min lon, min lat, max lon,
    max lat in WGS84, each in range and the minimum not above the maximum."""
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        return None
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
        return None
    west, south, east, north = numbers
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return None
    return west, south, east, north


def _period(text: str) -> Period | None:
    """A day or moment (RFC 3339; a moment counts as its day) or an interval of two, either
    end open (empty or ``..``); None when it is none of these or ends before it starts."""
    parts = text.split("/")
    if len(parts) == 1:
        day = _day(parts[0])
        return None if day is None else (day, day)
    if len(parts) != 2:
        return None
    start, end = (None if p in OPEN else _day(p) for p in parts)
    if (start is None and parts[0] not in OPEN) or (end is None and parts[1] not in OPEN):
        return None
    if start is not None and end is not None and start > end:
        return None
    return start, end


def _day(text: str) -> date | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        if "T" in text.upper() and len(text) > 10:
            return datetime.fromisoformat(text.upper().replace("Z", "+00:00")).date()
    except ValueError:
        return None
    return None
