"""Actor names: splitting a cell and the deliberate alias table."""

from __future__ import annotations

import pytest

from safetymap.contract.vocab import actor_groups
from safetymap.intake.actors import actor_table, normalise_actors, split_actors


@pytest.mark.parametrize(
    "cell, parts",
    [
        ("Polisen | Järfälla kommun", ["Polisen", "Järfälla kommun"]),
        ("Polisen;Järfälla kommun", ["Polisen", "Järfälla kommun"]),
        ("Polisen, Järfälla kommun", ["Polisen", "Järfälla kommun"]),
        (
            "Polismyndigheten, lokalpolisområde Norrmalm | MTR",
            ["Polismyndigheten, lokalpolisområde Norrmalm", "MTR"],
        ),
        ("  Polisen  ||  ", ["Polisen"]),
    ],
)
def test_cells_split_on_pipe_else_on_semicolon_and_comma(cell: str, parts: list[str]) -> None:
    assert split_actors(cell) == parts


@pytest.mark.parametrize("spelling", ["Polisen", "polisen", "POLISEN", " Polismyndigheten "])
def test_the_police_is_one_actor_whatever_the_spelling(spelling: str) -> None:
    assert normalise_actors(spelling).names == ("Polisen",)


def test_a_local_police_area_is_its_own_actor_under_the_police() -> None:
    found = normalise_actors("Lokalpolisområde Järva | lokalpolisområde järva | Polisen")
    assert found.names == ("Lokalpolisområde Järva (Polisen)", "Polisen")
    assert found.groups == ("police", "police")
    assert actor_table().ancestors("lpo-jarva") == ["polisregion-stockholm", "polisen"]


def test_document_spellings_of_city_offices_normalise() -> None:
    found = normalise_actors("trafikkontoret | Trafikförvaltningen (SL) | Lokapolisområde Norrmalm")
    assert found.names == (
        "Trafikkontoret (Stockholms stad)",
        "Trafikförvaltningen (Region Stockholm)",
        "Lokalpolisområde Norrmalm (Polisen)",
    )
    assert found.groups == ("municipality", "region", "police")
    assert found.unknown == ()


def test_unknown_actor_is_kept_as_written_and_flagged() -> None:
    found = normalise_actors("Grannsamverkan  Kista")
    assert found.names == ("Grannsamverkan Kista",) and found.unknown == ("Grannsamverkan Kista",)
    assert found.groups == ("",)


def test_alias_table_is_consistent() -> None:
    table = actor_table()
    groups = set(actor_groups().ids())
    for actor in table.actors.values():
        assert actor.group in groups, actor
        assert actor.parent is None or actor.parent in table.actors, actor
    names = [a.name for a in table.actors.values()]
    assert len(names) == len(set(names))


def test_a_known_name_with_a_comma_alone_in_its_cell_is_one_actor() -> None:
    found = normalise_actors("Polismyndigheten, lokalpolisområde Norrmalm")
    assert found.names == ("Lokalpolisområde Norrmalm (Polisen)",)


def test_canonical_names_survive_splitting() -> None:
    for actor in actor_table().actors.values():
        assert normalise_actors(actor.name).names == (actor.name,), actor.name
