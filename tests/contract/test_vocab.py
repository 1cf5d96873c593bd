"""Vocabularies: ids, Swedish and English labels, groups and kinds."""

from __future__ import annotations

import pytest

from safetymap.contract.vocab import TYPE_GROUPS, actor_groups, kinds, measure_types, statuses


@pytest.mark.parametrize(
    "text, expected",
    [
        ("lighting", "lighting"),
        ("Belysning", "lighting"),
        ("belysning", "lighting"),
        ("Kameraövervakning", "cameras"),
        ("kameraovervakning", "cameras"),
        ("Riskområde (polisens klassning)", "risk_area"),
        ("Graffiti", None),
    ],
)
def test_measure_types_match_id_or_label(text: str, expected: str | None) -> None:
    assert measure_types().normalise(text) == expected


def test_contract_measure_types_and_groups() -> None:
    types = measure_types()
    assert len(types.ids()) == 16
    assert types.ids("condition") == ["open_drug_scene", "risk_area"]
    assert {t.group for t in types.terms.values()} == set(TYPE_GROUPS)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("genomförd", "completed"),
        ("Pågående", "ongoing"),
        ("planerad", "planned"),
        ("avbruten", "cancelled"),
        ("aktiv", "active"),
        ("upphävd", "lifted"),
        ("klar", None),
    ],
)
def test_statuses_in_swedish(text: str, expected: str | None) -> None:
    assert statuses().normalise(text) == expected


def test_statuses_by_kind_and_terminal() -> None:
    assert statuses().ids("measure") == ["planned", "ongoing", "completed", "cancelled"]
    assert statuses().ids("condition") == ["active", "lifted"]
    assert {t.id for t in statuses().terms.values() if t.terminal} == {
        "completed",
        "cancelled",
        "lifted",
    }


def test_kinds_and_labels() -> None:
    assert kinds().normalise("lägesbild") == "condition"
    assert kinds().label("measure", "sv") == "åtgärd"
    assert actor_groups().label("police", "en") == "Police"
    assert measure_types().label("unknown-id") == "unknown-id"
