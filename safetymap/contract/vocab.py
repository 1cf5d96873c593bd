"""Controlled vocabularies of the contract: measure types, statuses, kinds, actors, indicators
and units.

The vocabularies are data files in ``safetymap/contract/vocabularies/`` (so analysts and
translators can read them); this module loads them once and answers "which id does this word mean?".
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from safetymap.contract.problems import Lang
from safetymap.contract.schema import fold


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: an id and its labels."""

    id: str
    label_sv: str
    label_en: str
    group: str = ""
    kind: str = ""
    terminal: bool = False
    symbol: str = ""
    unit: str = ""

    def label(self, lang: Lang = "sv") -> str:
        return self.label_sv if lang == "sv" else self.label_en


@dataclass(frozen=True)
class Vocabulary:
    """Terms by id, plus a lookup from any accepted spelling (id or label) to the id."""

    terms: dict[str, Term]
    lookup: dict[str, str]

    def normalise(self, text: str) -> str | None:
        """The id meant by ``text`` (an id or a Swedish/English label), or None."""
        return self.lookup.get(fold(text))

    def ids(self, kind: str | None = None) -> list[str]:
        return [t.id for t in self.terms.values() if kind is None or t.kind == kind]

    def label(self, term_id: str, lang: Lang = "sv") -> str:
        term = self.terms.get(term_id)
        return term.label(lang) if term else term_id


def read_vocab_csv(name: str) -> list[dict[str, str]]:
    text = (
        resources.files("safetymap.contract.vocabularies")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(io.StringIO(text)))


def _vocabulary(name: str) -> Vocabulary:
    terms = {}
    lookup = {}
    for row in read_vocab_csv(name):
        term = Term(
            id=row["id"],
            label_sv=row["label_sv"],
            label_en=row["label_en"],
            group=row.get("group", ""),
            kind=row.get("kind", ""),
            terminal=row.get("terminal", "") == "true",
            symbol=row.get("symbol", ""),
            unit=row.get("unit", ""),
        )
        terms[term.id] = term
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        for spelling in (term.id, term.label_sv, term.label_en, *aliases):
            lookup.setdefault(fold(spelling), term.id)
    return Vocabulary(terms, lookup)


@cache
def measure_types() -> Vocabulary:
    """Measure types (lighting, cameras, …) with their group and kind."""
    return _vocabulary("measure_types.csv")


@cache
def statuses() -> Vocabulary:
    """Statuses; ``kind`` tells whether they apply to measures or conditions."""
    return _vocabulary("statuses.csv")


@cache
def kinds() -> Vocabulary:
    """``measure`` (åtgärd) and ``condition`` (lägesbild)."""
    return _vocabulary("kinds.csv")


@cache
def actor_groups() -> Vocabulary:
    """Kinds of organisation: police, municipality, region, property owner, …"""
    return _vocabulary("actor_groups.csv")


@cache
def indicators() -> Vocabulary:
    """Outcome indicators (reported crimes, share feeling unsafe, …). ``kind`` is ``count``
    (events counted, such as reported crimes), ``rate`` (a count per 100 000 inhabitants),
    ``number`` (another figure) or ``category`` (a classification such as "riskområde");
    ``unit`` is the unit (a ``units()`` id) an outcome series of it is in, empty for an
    indicator that has no series (a classification, a figure given once)."""
    return _vocabulary("indicators.csv")


@cache
def units() -> Vocabulary:
    """Units of an outcome series: ``count``, ``per_100k`` (per 100 000 inhabitants) and
    ``percent``; the file may also write them as listed in ``aliases`` ("%", "per 100k")."""
    return _vocabulary("units.csv")


NUMERIC_KINDS = ("count", "rate", "number")  # indicator kinds whose values are numbers


TYPE_GROUPS: dict[str, tuple[str, str]] = {
    "situational": ("Situationella", "Situational"),
    "social": ("Sociala", "Social"),
    "collaboration": ("Samverkan", "Collaboration"),
    "condition": ("Lägesbilder", "Conditions"),
}
