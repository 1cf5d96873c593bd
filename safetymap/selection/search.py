"""Free-text search over the measures: Swedish and English word forms and compounds.

A row is searched by two texts. Its Swedish text: title, description, the measure type's
Swedish name, actors, and the name of its place and of the places that place lies in (a search
for "Klara" finds the rows at Sergels torg, as the place filter does). Its English text: the
measure type's English name (the only English the data has).

Texts and queries are split into *words*: NFKC-normalised and case-folded, every run of letters
and digits is a word (å, ä and ö are letters; any other character, regex characters included,
only separates words). The Snowball stemmers (``snowballstemmer``) give each word its Swedish
and its English stem.

A query word matches a row when

* its Swedish stem, or for a Swedish noun in -ning/-ing its verb's stem (below), begins a word
  of the Swedish text ("kameror" → "kamer" begins "kameraövervakning"), or occurs inside one
  when it has at least ``INNER_MIN`` letters: Swedish compounds put the head word last, so
  "kamer" is found in "trygghetskameror" and "bevakningskameror". Shorter stems only begin
  words, so "ord" does not find "mord"; or
* its English stem begins a word of the English text or that word's English stem ("cameras" →
  "camera" begins "camera"; "communities" → "communiti", the stem of "community"). English
  puts compounds in separate words, and an English stem of a Swedish word can be short
  ("polis" → "poli"), so English stems are never looked for inside words.

The verb's stem ("belysning" → "belys", so "belyst" is found; "övervakning" → "övervak", so
"kameraövervakas" is found) is the one rule added to Snowball, whose Swedish stemmer only
removes inflections. It is taken only when at least ``ROOT_MIN`` letters remain, so "ordning"
does not become "ord" nor "städning" "städ" (which begins "städer").

A row matches the query when it matches every word of it (AND). A query with no word at all
(only punctuation, say) matches no row.

Each frame's texts are made on its first search and kept, with its last searches, while the
frame lives (by its identity: the app's frames are shared and never changed, ``ui/cache``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import snowballstemmer

from safetymap.contract.schema import ACTORS, DESCRIPTION, MEASURE_TYPE, PLACE, TITLE
from safetymap.contract.vocab import measure_types
from safetymap.intake.places import Places

INNER_MIN = 4
"""A form is looked for inside words (compounds) only from this many letters on."""

ROOT_MIN = 5
"""A noun in -ning/-ing gives its verb's stem only when this many letters remain."""

_WORD = re.compile(r"[^\W_]+")
_DERIVATIONS = ("ning", "ing")  # Swedish nouns made from verbs (belysning ← belysa); longest first


@dataclass(frozen=True)
class Term:
    """One word of a query and the forms it is looked for by (see the module)."""

    word: str
    swedish: tuple[str, ...]  # in the Swedish text, at the start of words or inside them
    english: str  # in the English text, at the start of words


@dataclass(frozen=True)
class Texts:
    """The searchable texts of some rows, one of each a row (``searchable``)."""

    swedish: pd.Series
    english: pd.Series

    def __len__(self) -> int:
        return len(self.swedish)


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters and digits, NFKC-normalised and case-folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


_stem_lock = threading.Lock()  # a Snowball stemmer keeps the word it works on: one at a time
_swedish = snowballstemmer.stemmer("swedish")
_english = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, str]:
    """The Swedish and the English Snowball stem of a (case-folded) word."""
    with _stem_lock:
        return _swedish.stemWord(word), _english.stemWord(word)


def swedish_forms(word: str) -> tuple[str, ...]:
    """What a query word is looked for by in Swedish: its stem, and its verb's stem."""
    swedish = stems(word)[0]
    ending = next((e for e in _DERIVATIONS if swedish.endswith(e)), "")
    if ending and len(swedish) - len(ending) >= ROOT_MIN:
        return swedish, swedish[: -len(ending)]
    return (swedish,)


def parse_query(query: str) -> tuple[Term, ...]:
    """The query's words, each once, with their forms."""
    return tuple(Term(w, swedish_forms(w), stems(w)[1]) for w in dict.fromkeys(words(query)))


def searchable(text: str, stemmed: bool = False) -> str:
    """``text`` as it is searched: each of its words once, separated and surrounded by spaces
    (so " " + form finds a form at the start of a word). ``stemmed`` (English text): also each
    word's English stem where it does not begin the word ("community" → "communiti"; a Swedish
    stem always begins its word)."""
    found = dict.fromkeys(words(text))
    if stemmed:
        for word in list(found):
            english = stems(word)[1]
            if not word.startswith(english):
                found[english] = None
    return " " + " ".join(found) + " " if found else " "


def match(texts: Texts, query: str | tuple[Term, ...]) -> np.ndarray:
    """For each row of ``texts``, whether it matches every word of ``query``."""
    terms = parse_query(query) if isinstance(query, str) else query
    if not terms:
        return np.zeros(len(texts), dtype=bool)
    keep = np.ones(len(texts), dtype=bool)
    for term in terms:
        found = _contains(texts.english, " " + term.english)
        for form in term.swedish:
            found = found | _contains(texts.swedish, form if len(form) >= INNER_MIN else " " + form)
        keep &= found
    return keep


def _contains(texts: pd.Series, needle: str) -> np.ndarray:
    return texts.str.contains(needle, regex=False).to_numpy(dtype=bool)


def matches(text: str, query: str) -> bool:
    """Whether one text, taken as both Swedish and English, matches ``query``."""
    texts = Texts(
        pd.Series([searchable(text)], dtype="str"),
        pd.Series([searchable(text, stemmed=True)], dtype="str"),
    )
    return bool(match(texts, query)[0])


def measure_texts(measures: pd.DataFrame, places: Places) -> Texts:
    """The searchable texts of each row of ``measures`` (positionally, one a row)."""
    vocabulary = measure_types().terms.values()
    types_sv = {t.id: searchable(t.label_sv) for t in vocabulary}
    types_en = {t.id: searchable(t.label_en, stemmed=True) for t in vocabulary}
    place_names = {p: searchable(" ".join(_place_names(p, places))) for p in places.by_id}
    swedish = [
        _each(
            zip(measures[TITLE].tolist(), measures[DESCRIPTION].tolist()),
            lambda cells: searchable(" ".join(_text(c) for c in cells)),
        ),
        _each(measures[MEASURE_TYPE].tolist(), lambda t: types_sv.get(t, " ")),
        _each(measures[ACTORS].tolist(), lambda names: searchable(" ".join(_names(names)))),
        _each(measures[PLACE].tolist(), lambda p: place_names.get(p, " ")),
    ]
    english = _each(measures[MEASURE_TYPE].tolist(), lambda t: types_en.get(t, " "))
    return Texts(
        pd.Series(["".join(parts) for parts in zip(*swedish)], dtype="str"),
        pd.Series(english, dtype="str"),
    )


def _each(values: Iterable[Any], convert: Callable[[Any], str]) -> list[str]:
    """``convert`` of each value, computed once per distinct value."""
    done: dict[Any, str] = {}
    out = []
    for value in values:
        try:
            text = done.get(value)
        except TypeError:  # not hashable (a list of actors, say): not kept
            text = convert(value)
        if text is None:
            text = done[value] = convert(value)
        out.append(text)
    return out


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _names(value: object) -> list[str]:
    return [n for n in value if isinstance(n, str)] if isinstance(value, tuple | list) else []


def _place_names(place_id: str, places: Places) -> Iterable[str]:
    seen: set[str] = set()
    while place_id in places.by_id and place_id not in seen:
        seen.add(place_id)
        place = places.by_id[place_id]
        yield place.name
        place_id = place.parent or ""


@dataclass
class _Index:
    """The searchable texts of one frame, and the last searches over them."""

    frame: weakref.ref
    places: weakref.ref
    texts: Texts
    searches: OrderedDict[tuple[Term, ...], np.ndarray] = field(default_factory=OrderedDict)

    def alive(self) -> bool:
        return self.frame() is not None and self.places() is not None


_FRAMES_KEPT = 8
_SEARCHES_KEPT = 16
_cache_lock = threading.Lock()
_indexes: dict[tuple[int, int], _Index] = {}


def _index(measures: pd.DataFrame, places: Places) -> _Index:
    """The frame's texts, made once while the frame lives: the app's frames are shared and
    never changed (``ui/cache``), so they are known by their identity."""
    key = (id(measures), id(places))
    with _cache_lock:
        for dead in [k for k, index in _indexes.items() if not index.alive()]:
            del _indexes[dead]
        index = _indexes.get(key)
    if index and index.frame() is measures and index.places() is places:
        return index
    index = _Index(weakref.ref(measures), weakref.ref(places), measure_texts(measures, places))
    with _cache_lock:
        _indexes[key] = index
        while len(_indexes) > _FRAMES_KEPT:
            del _indexes[next(iter(_indexes))]
    return index


def search_measures(measures: pd.DataFrame, places: Places, query: str) -> np.ndarray:
    """For each row of ``measures`` (positionally), whether it matches ``query``. The texts
    are made on the first search of a frame; the last searches of each frame are kept."""
    index = _index(measures, places)
    terms = parse_query(query)
    with _cache_lock:
        found = index.searches.get(terms)
        if found is not None:
            index.searches.move_to_end(terms)
    if found is None:
        found = match(index.texts, terms)
        found.flags.writeable = False
        with _cache_lock:
            index.searches[terms] = found
            while len(index.searches) > _SEARCHES_KEPT:
                index.searches.popitem(last=False)
    return found
