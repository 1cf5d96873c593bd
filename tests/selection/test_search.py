"""Free-text search: Swedish and English word forms, compounds, several words, hostile text."""

from __future__ import annotations

import geopandas as gpd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from safetymap.intake.loaders import load_measures
from safetymap.intake.places import Places
from safetymap.selection import search
from safetymap.selection.filters import MeasureFilter
from tests.conftest import ROOT, make_measure, valid_measures

CAMERA_IDS = [
    "kista-trygghetskameror",
    "jakobsberg-kameraovervakning",
    "valsta-fler-bevakningskameror",
]


@pytest.mark.parametrize(
    "text, query",
    [
        # Swedish inflections and compounds (the head word comes last)
        ("Trygghetskameror har installerats", "kamera"),
        ("Kameraövervakning av stationsområdet", "kamera"),
        ("Utökat antal bevakningskameror", "kamera"),
        ("Kameran vid torget", "kameror"),
        ("Ny och förstärkt belysning", "belysning"),
        ("Platsen är väl belyst", "belysning"),
        ("Gatubelysningen byttes", "belysning"),
        ("Stationsområdet ska kameraövervakas", "övervakning"),
        ("Nattvandrare på fredagar", "nattvandring"),
        ("Ordningsvakter i centrum", "vakter"),
        ("Polisens närvaro", "polisen"),
        ("Otrygghet efter kontorstid", "OTRYGGHETEN"),
        # English inflections
        ("Camera surveillance", "cameras"),
        ("Lighting", "lights"),
        ("Night walks", "walking"),
        # a word typed in part, case and Unicode forms
        ("Ny belysning", "bel"),
        ("Kameraövervakning", "KAMERAÖVERVAKNING"),
        ("Kameraövervakning", "kamerao\u0308vervakning"),  # ö as o + combining diaeresis
        ("Dialog 2021 med ungdomar", "2021"),
    ],
)
def test_a_word_finds_its_forms_and_compounds(text: str, query: str) -> None:
    assert search.matches(text, query)


@pytest.mark.parametrize(
    "text, query",
    [
        ("Kamraterna i kammaren", "kamera"),
        ("Amerikansk kampanj", "kamera"),
        ("Ny belysning", "kamera"),
        ("Mordet utreds", "ord"),  # a stem under four letters only begins words
        ("Städerna växer", "städning"),  # "städ" is not taken as städning's verb
        ("Ordet är fritt", "ordning"),  # nor "ord" as ordning's
        ("Ljusinstallation", "belysning"),
        ("Belysning", "camera"),
        ("Storpolitiken", "polis"),  # English stems ("poli") are not looked for inside words
    ],
)
def test_no_match_from_unrelated_words(text: str, query: str) -> None:
    assert not search.matches(text, query)


@pytest.mark.parametrize(
    "text, query, expected",
    [
        ("Trygghetskameror vid Kista busstorg", "kamera kista", True),
        ("Trygghetskameror i Valsta", "kamera kista", False),
        ("Ny belysning i Valsta", "valsta belysning", True),
        ("Ny belysning i Valsta", "valsta belysning kamera", False),
        ("Ny belysning", "belysning belysning", True),
    ],
)
def test_every_word_must_match(text: str, query: str, expected: bool) -> None:
    assert search.matches(text, query) is expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kamera.*", True),  # as the word "kamera"
        ("^kamera$", True),
        ("(kamera", True),
        ("[kamera]", True),
        ("kamera\\", True),
        (".*", False),  # no word at all: matches nothing, not everything
        ("%", False),
        ("\\d+", False),  # the word "d"
        ("'\"", False),
        ("<img src=x onerror=alert(1)>", False),
    ],
)
def test_regex_and_markup_characters_are_text(query: str, expected: bool) -> None:
    assert search.matches("Trygghetskameror har installerats", query) is expected


def test_words_keep_swedish_letters_and_split_on_anything_else() -> None:
    assert search.words("Kista–Järva/Plattan: 2021, ÅÄÖ_x") == [
        "kista",
        "järva",
        "plattan",
        "2021",
        "åäö",
        "x",
    ]


@pytest.mark.parametrize(
    "word, swedish, english",
    [
        ("belysning", ("belysning", "belys"), "belysn"),
        ("övervakning", ("övervakning", "övervak"), "övervakn"),
        ("ordning", ("ordning",), "ordn"),  # not "ord"
        ("städning", ("städning",), "städning"),  # not "städ", nor "städn"
        ("kameror", ("kamer",), "kameror"),
        ("lighting", ("lighting", "light"), "light"),
        ("polis", ("polis",), "poli"),  # "poli" only begins English words: "Police presence"
    ],
)
def test_forms_of_a_query_word(word: str, swedish: tuple[str, ...], english: str) -> None:
    (term,) = search.parse_query(word)
    assert (term.swedish, term.english) == (swedish, english)


@pytest.fixture(scope="module")
def rows(places: Places) -> gpd.GeoDataFrame:
    return valid_measures(
        places,
        make_measure(id="cam", measure_type="cameras", title="Fler ögon på torget"),
        make_measure(id="light", measure_type="lighting", title="Ny armatur"),
        make_measure(
            id="school",
            place="sergels-torg",
            measure_type="community_program",
            title="Läxhjälp",
            actors="Polisen",
        ),
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kamera", ["cam"]),  # by the Swedish type label, Kameraövervakning
        ("camera", ["cam"]),  # by the English one, Camera surveillance
        ("surveillance", ["cam"]),
        ("belysning", ["light"]),
        ("lighting", ["light"]),
        ("lights", ["light"]),
        ("communities", ["school"]),  # English stem of "Community programmes": communiti
        ("skolor", ["school"]),
        ("klara", ["school"]),  # Sergels torg lies in Klara
        ("sergels torg", ["school"]),
        ("polisen", ["school"]),  # an actor
        ("trafikkontoret", ["cam", "light"]),
        ("kista busstorg", ["cam", "light"]),
        ("läxhjälp kista", []),
    ],
)
def test_type_labels_actors_and_places_are_searched(
    rows: gpd.GeoDataFrame, places: Places, query: str, expected: list[str]
) -> None:
    assert list(MeasureFilter(query=query).apply(rows, places).id) == expected


def test_each_frame_is_searched_by_its_own_texts(places: Places) -> None:
    # Texts are kept by the frame's identity; a new frame (perhaps at a freed address) is new.
    for title in ("Trygghetskameror", "Ny belysning", "Nattvandring", "Trygghetskameror"):
        frame = valid_measures(places, make_measure(title=title, measure_type="cleaning"))
        found = list(MeasureFilter(query="kamera").apply(frame, places).id)
        assert found == (["m-1"] if title == "Trygghetskameror" else [])
        del frame


@pytest.fixture(scope="module")
def shipped(places: Places) -> gpd.GeoDataFrame:
    return load_measures(ROOT / "measures.csv", places).measures


def test_kamera_finds_exactly_the_three_camera_measures(shipped, places) -> None:
    assert list(MeasureFilter(query="kamera").apply(shipped, places).id) == CAMERA_IDS
    assert list(MeasureFilter(query="Camera").apply(shipped, places).id) == CAMERA_IDS


def test_belysning_finds_every_row_that_speaks_of_lighting(shipped, places) -> None:
    says = shipped[(shipped.title + " " + shipped.description).str.contains("belys", case=False)].id
    found = set(MeasureFilter(query="belysning").apply(shipped, places).id)
    assert set(says) <= found
    assert set(shipped[shipped.measure_type == "lighting"].id) <= found
    assert set(MeasureFilter(query="lighting").apply(shipped, places).id) == set(
        shipped[shipped.measure_type == "lighting"].id
    )


def test_a_link_with_q_shows_what_the_search_finds(monkeypatch) -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["q"] = "kamera"
    at.run()
    assert not at.exception, at.exception
    assert at.metric[0].value == "3"
    caption = at.caption[0].value
    assert caption.startswith("3 rader") and caption.endswith("”kamera”")
