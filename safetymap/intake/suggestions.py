"""Suggestions, "Did you mean …?": the allowed value a misspelt cell most likely meant.

A cell is matched (folded: case, accents and spacing ignored) against every accepted spelling
of a vocabulary (its ids and its Swedish and English labels) or of the places (ids, names,
aliases) with rapidfuzz's ``WRatio`` (ties go to the spelling nearest as a whole). A match
scoring at least ``MIN_SCORE`` is suggested, worded as the page's language would write it.
Each distinct cell is matched once.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz, process

from safetymap.contract.problems import Words, words_list
from safetymap.contract.schema import TableContract, fold
from safetymap.contract.vocab import (
    Vocabulary,
    indicators,
    kinds,
    measure_types,
    statuses,
    units,
)
from safetymap.intake.areas import Areas
from safetymap.intake.places import Places

MIN_SCORE = 80
MIN_CHARS = 3  # shorter cells match too much to mean anything

VOCABULARIES = {
    "measure_types": measure_types,
    "statuses": statuses,
    "kinds": kinds,
    "indicators": indicators,
    "units": units,
}


class Suggester:
    """The nearest of some spellings to a cell, and the words to suggest for it."""

    def __init__(self, spellings: Iterable[tuple[str, Words]]) -> None:
        self._words: dict[str, Words] = {}
        for spelling, words in spellings:
            self._words.setdefault(fold(spelling), words)
        self._choices = list(self._words)
        self._found: dict[str, Words | None] = {}

    def __call__(self, text: str | None) -> Words | None:
        """What ``text`` most likely meant, or None when nothing is near enough."""
        if not text:
            return None
        if text not in self._found:
            self._found[text] = self._nearest(fold(text))
        return self._found[text]

    def _nearest(self, folded: str) -> Words | None:
        if len(folded) < MIN_CHARS:
            return None
        found = process.extract(
            folded, self._choices, scorer=fuzz.WRatio, processor=None, score_cutoff=MIN_SCORE
        )
        if not found:
            return None
        # Of equal scores (a word found inside several spellings), the closest spelling whole.
        best = max(found, key=lambda match: (match[1], fuzz.ratio(folded, match[0])))
        return self._words[best[0]]


def _label(vocabulary: Vocabulary, term_id: str) -> Words:
    term = vocabulary.terms[term_id]
    return Words(term.label_sv, term.label_en)


@cache
def vocabulary_suggester(name: str) -> Suggester:
    """The suggester of the vocabulary ``name`` (a key of ``VOCABULARIES``): any id or label
    of a term suggests its label."""
    vocabulary = VOCABULARIES[name]()
    return Suggester(
        (spelling, _label(vocabulary, term.id))
        for term in vocabulary.terms.values()
        for spelling in (term.id, term.label_sv, term.label_en)
    )


@cache
def allowed_values(name: str, kind: str | tuple[str, ...] | None = None) -> Words:
    """The labels of the vocabulary ``name`` (of one ``kind`` or of any of several, if
    given), in each language: "planerad, pågående, …" / "planned, ongoing, …"."""
    vocabulary = VOCABULARIES[name]()
    wanted = (kind,) if isinstance(kind, str) else kind
    return words_list(
        _label(vocabulary, term.id)
        for term in vocabulary.terms.values()
        if wanted is None or term.kind in wanted
    )


_PLACES: weakref.WeakKeyDictionary[Places, Suggester] = weakref.WeakKeyDictionary()


def place_suggester(places: Places) -> Suggester:
    """The suggester of ``places``: an id, a name or an alias suggests the place's name."""
    if places not in _PLACES:
        _PLACES[places] = Suggester(
            (spelling, Words(place.name, place.name))
            for place in places.by_id.values()
            for spelling in (place.id, place.name, *place.aliases)
        )
    return _PLACES[places]


_AREAS: weakref.WeakKeyDictionary[Areas, Suggester] = weakref.WeakKeyDictionary()


def area_suggester(areas: Areas) -> Suggester:
    """The suggester of ``areas``: an id, a name or an alias suggests the area's name."""
    if areas not in _AREAS:
        _AREAS[areas] = Suggester(
            (spelling, Words(area.name, area.name_en))
            for area in areas.by_id.values()
            for spelling in (area.id, area.name, area.name_en, *area.aliases)
        )
    return _AREAS[areas]


def header_suggestion(header: str, contract: TableContract, present: set[str]) -> Words | None:
    """The accepted header nearest to an unknown one ("Plast" → "plats", "Latitude" →
    "latitud"), among the columns the file does not have yet; None when none is close.

    Whole headers are compared (rapidfuzz ``ratio``), not words inside them: a header that
    merely holds a column's name ("Status kommentar") is another column."""
    spellings = {
        fold(spelling): spelling
        for spec in contract.columns
        if spec.name not in present
        for spelling in (spec.name, *spec.aliases)
        if len(spelling) >= MIN_CHARS
    }
    folded = fold(header)
    if len(folded) < MIN_CHARS:
        return None
    match = process.extractOne(
        folded, list(spellings), scorer=fuzz.ratio, processor=None, score_cutoff=MIN_SCORE
    )
    return Words(spellings[match[0]], spellings[match[0]]) if match else None
