"""The upload page in AppTest with a file chosen: when another version is published after
the file was checked, the page says what the file would revert of it, and publishes only
once the analyst has seen that and confirmed it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from safetymap.intake.places import Places
from safetymap.versions import publishing
from safetymap.versions.store import Store
from tests.conftest import csv_bytes, make_measure
from tests.ui.conftest import PASSWORD, button, open_page, sign_in, texts

FIRST = [make_measure(status="planned"), make_measure(id="m-2", status="planned")]


def _choose(at: AppTest, name: str, data: bytes) -> None:
    [chooser] = at.get("file_uploader")
    chooser.set_value((name, data, "text/csv")).run()
    assert not at.exception, at.exception


def _publish_button(at: AppTest):
    return button(at, "Publicera som version")


def test_a_publish_that_would_revert_another_analysts_change_needs_a_confirmation(
    monkeypatch, shipped: Store, places: Places
) -> None:
    store = shipped
    first = publishing.check(store, csv_bytes(FIRST), "v2.csv", places)
    publishing.publish(store, first, by="Anna")
    at = open_page("views/upload.py", monkeypatch, password=True)
    sign_in(at, "Cilla", PASSWORD)
    # Cilla's file, made from version 2: m-2 completed.
    mine = [make_measure(status="planned"), make_measure(id="m-2", status="completed")]
    _choose(at, "cilla.csv", csv_bytes(mine))
    assert "Jämfört med version 2" in [h.value for h in at.subheader]
    assert _publish_button(at).label == "Publicera som version 3"
    # Meanwhile Bo publishes version 3: m-1 ongoing.
    bos = [make_measure(status="ongoing"), FIRST[1]]
    publishing.publish(store, publishing.check(store, csv_bytes(bos), "bo.csv", places), by="Bo")
    [note] = at.text_area
    note.input("klar")
    _publish_button(at).click().run()
    assert not at.exception, at.exception
    # Nothing published: the page now shows what the file would revert of version 3.
    assert len(store.versions()) == 3
    assert "Inget publicerades: version 3 (av Bo) publicerades efter att sidan visade" in texts(at)
    assert (
        "Version 3 av Bo publicerades medan du arbetade; din fil återställer dessa ändringar:"
        in texts(at)
    )
    reverted = at.dataframe[0].value
    assert list(reverted["id"]) == ["m-1"]
    assert list(reverted["Ändrat: före → efter"]) == ["Status: planerad → pågående"]
    assert "Jämfört med version 3" in [h.value for h in at.subheader]
    # Pressed again without the tick: still nothing.
    _publish_button(at).click().run()
    assert "Inget publicerades: filen återställer ändringar i version 3." in texts(at)
    assert len(store.versions()) == 3
    # Confirmed: published as version 4, Bo's change reverted as shown.
    [tick] = [c for c in at.checkbox if c.label.startswith("Ja, publicera ändå")]
    assert tick.label == "Ja, publicera ändå och återställ ändringarna ovan i version 3"
    tick.check()
    _publish_button(at).click().run()
    assert not at.exception, at.exception
    newest = store.versions()[0]
    assert (newest.number, newest.published_by, newest.note) == (4, "Cilla", "klar")
    assert list(store.table()["status"]) == ["planned", "completed"]


def test_a_version_that_lands_without_touching_the_files_changes_is_named_and_waits_a_click(
    monkeypatch, shipped: Store, places: Places
) -> None:
    store = shipped
    at = open_page("views/upload.py", monkeypatch, password=True)
    sign_in(at, "Cilla", PASSWORD)
    _choose(at, "cilla.csv", csv_bytes(FIRST))
    # Bo publishes the same file meanwhile: Cilla's undoes nothing of it.
    publishing.publish(store, publishing.check(store, csv_bytes(FIRST), "bo.csv", places), by="Bo")
    _publish_button(at).click().run()
    assert "Inget publicerades: version 2 (av Bo)" in texts(at)
    assert "din fil återställer inget av det den ändrade" in texts(at)
    assert not [c for c in at.checkbox if c.label.startswith("Ja, publicera ändå")]
    assert len(store.versions()) == 2
    _publish_button(at).click().run()
    assert store.versions()[0].published_by == "Cilla"
