"""Actors: splitting an ``actors`` cell and normalising each name through the alias table.

The alias table (``safetymap/contract/vocabularies/actors.csv``) decides deliberately what is
the same organisation: "Polisen", "polisen" and "Polismyndigheten" are one actor, while
"Lokalpolisområde Järva" is its own actor (a unit of the police, with ``parent`` Polisen)
so a filter can show either the whole police or one local police area. Case, accents and
spacing never make two actors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from safetymap.contract.schema import ACTOR_SEPARATOR, fold
from safetymap.contract.vocab import read_vocab_csv


@dataclass(frozen=True)
class Actor:
    """A known organisation: its display name, kind of organisation and parent, if any."""

    id: str
    name: str
    group: str
    parent: str | None


@dataclass(frozen=True)
class ActorTable:
    """Known actors by id and a lookup from every folded alias to an id."""

    actors: dict[str, Actor]
    lookup: dict[str, str]

    def find(self, text: str) -> Actor | None:
        """The known actor ``text`` names, or None."""
        actor_id = self.lookup.get(fold(text))
        return self.actors[actor_id] if actor_id else None

    def ancestors(self, actor_id: str) -> list[str]:
        """The chain of parents of an actor, nearest first."""
        chain = []
        parent = self.actors[actor_id].parent
        while parent and parent not in chain:
            chain.append(parent)
            parent = self.actors[parent].parent
        return chain


@cache
def actor_table() -> ActorTable:
    """The shipped alias table."""
    actors = {}
    lookup = {}
    for row in read_vocab_csv("actors.csv"):
        actor = Actor(row["id"], row["name"], row["group"], row["parent"] or None)
        actors[actor.id] = actor
        for alias in (actor.id, actor.name, *row["aliases"].split(ACTOR_SEPARATOR)):
            if alias.strip():
                lookup[fold(alias)] = actor.id
    return ActorTable(actors, lookup)


def split_actors(cell: str) -> list[str]:
    """Split an actors cell: on ``|``; when the cell has no ``|``, on ``;`` and ``,``."""
    pattern = r"\|" if ACTOR_SEPARATOR in cell else r"[;,]"
    return [" ".join(part.split()) for part in re.split(pattern, cell) if part.strip()]


@dataclass(frozen=True)
class NormalisedActors:
    """An actors cell after normalisation: display names, groups and unknown names."""

    names: tuple[str, ...]
    groups: tuple[str, ...]
    unknown: tuple[str, ...]


def normalise_actors(cell: str, table: ActorTable | None = None) -> NormalisedActors:
    """Names as the alias table spells them; unknown names are kept as written."""
    table = table or actor_table()
    names: list[str] = []
    groups: list[str] = []
    unknown: list[str] = []
    # A whole cell that is one known name ("Polismyndigheten, lokalpolisområde Norrmalm")
    # is one actor, even though it holds a comma.
    parts = [cell.strip()] if table.find(cell) else split_actors(cell)
    for part in parts:
        actor = table.find(part)
        name = actor.name if actor else part
        if actor is None:
            unknown.append(part)
        if name not in names:
            names.append(name)
            groups.append(actor.group if actor else "")
    return NormalisedActors(tuple(names), tuple(groups), tuple(unknown))
