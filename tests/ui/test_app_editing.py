"""Redigera in AppTest: one measure changed, added or removed, checked and diffed as a file
is, and published as a new version only by an analyst."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from safetymap.intake.places import Places
from safetymap.versions import publishing
from safetymap.versions.editing import FILE_NAME, row_of
from safetymap.versions.store import Store
from tests.conftest import map_titles
from tests.ui.conftest import PASSWORD, button, open_page, sign_in, texts

CHANGED = "kista-platssamverkan-busstorg"  # ongoing in the shipped data
PAGE = "views/edit.py"


def _widget(at: AppTest, label: str):
    widgets = [*at.text_input, *at.selectbox, *at.text_area, *at.radio]
    return next(w for w in widgets if w.label == label)


def _choose(at: AppTest, measure_id: str) -> None:
    _widget(at, "Åtgärd").set_value(measure_id).run()
    assert not at.exception, at.exception


def test_a_status_change_is_checked_diffed_published_and_shown_on_the_map(
    monkeypatch, shipped: Store
) -> None:
    at = open_page(PAGE, monkeypatch, password=True)
    assert at.title[0].value == "Redigera"
    title = row_of(shipped.table(), CHANGED)["title"]
    _choose(at, CHANGED)
    assert _widget(at, "Status").value == "ongoing"
    assert "Ändra ett fält ovan" in texts(at)

    _widget(at, "Status").set_value("completed").run()
    # Changed without a new status date: the page says how the change will be dated.
    assert "statusdatumet" in texts(at) or "publiceringsdagen" in texts(at)
    _widget(at, "Statusdatum").input("2026-10").run()
    assert not at.exception, at.exception
    assert "Inga fel och inga varningar." in texts(at)
    assert "Jämfört med version 1" in [h.value for h in at.subheader]
    changes = {m.label: m.value for m in at.metric}
    assert (changes["Tillagda"], changes["Borttagna"], changes["Ändrade"]) == ("0", "0", "1")
    assert changes["Statusändringar"] == "1"
    [fields] = at.dataframe[0].value["Ändrat: före → efter"]
    assert "Status: pågående → genomförd" in fields
    # The same change as a line of text that wraps on a narrow screen.
    assert any("Status: pågående → genomförd" in m.value.replace("\\", "") for m in at.markdown)
    events = at.dataframe[1].value
    assert list(events["Till status"]) == ["genomförd"] and list(events["Datum"]) == ["2026-10"]
    # Not signed in: nothing to publish with.
    assert "Logga in som analytiker för att publicera." in texts(at)
    assert not [b for b in at.button if b.label.startswith("Publicera")]
    assert len(shipped.versions()) == 1

    sign_in(at, "Anna", PASSWORD)
    assert "Inloggad som analytiker: Anna" in texts(at)
    _widget(at, "Anteckning (varför, vad är nytt)").input("Platssamverkan klar")
    button(at, "Publicera som version 2").click().run()
    assert not at.exception, at.exception
    assert "Version 2 är publicerad" in texts(at)
    newest = shipped.versions()[0]
    assert (newest.number, newest.published_by, newest.file_name, newest.note) == (
        2,
        "Anna",
        FILE_NAME,
        "Platssamverkan klar",
    )
    assert row_of(shipped.table(), CHANGED)["status"] == "completed"
    [event] = [e for e in shipped.events() if e.measure_id == CHANGED]
    assert (event.to_status, event.date) == ("completed", "2026-10")
    # The form starts over on the version just published.
    assert _widget(at, "Åtgärd").value is None

    at.switch_page("views/overview.py").run()
    assert not at.exception, at.exception
    assert title in map_titles(at)
    at.query_params["status"] = "completed"
    at.switch_page("views/overview.py").run()
    assert title in map_titles(at)  # ongoing in version 1, completed now


def test_an_added_measure_gets_an_id_from_its_place_and_title_and_errors_block_it(
    monkeypatch, shipped: Store
) -> None:
    at = open_page(PAGE, monkeypatch, password=True)
    _widget(at, "Vad vill du göra?").set_value("add").run()
    # Nothing filled in yet: no id suggested, nothing checked.
    assert _widget(at, "Id").value == ""
    assert "Ändra ett fält ovan" in texts(at) and not at.error
    _widget(at, "Plats").set_value("valsta-centrum").run()
    assert _widget(at, "Id").value == "valsta-centrum"
    _widget(at, "Titel").input("Ny belysning vid torget").run()
    assert _widget(at, "Id").value == "valsta-centrum-ny-belysning-vid-torget"
    _widget(at, "Åtgärdstyp").set_value("lighting").run()
    _widget(at, "Lägg till en känd aktör").set_value("Sigtuna kommun").run()
    assert _widget(at, "Aktörer").value == "Sigtuna kommun"
    _widget(at, "Startdatum").input("2026-13").run()
    assert not at.exception, at.exception
    assert "1 fel och 0 varningar." in texts(at)
    sign_in(at, "Anna", PASSWORD)
    assert not [b for b in at.button if b.label.startswith("Publicera")]

    _widget(at, "Startdatum").input("2026-Q3").run()
    # A point in SWEREF 99 TM (x easting, y northing), inside Valsta centrum.
    point = _widget(at, "Punkt på kartan")
    point.set_value(next(o for o in point.options if "SWEREF" in str(o))).run()
    _widget(at, "x, östlig (t.ex. 667 000)").input("659 455")
    _widget(at, "y, nordlig (t.ex. 6 588 500)").input("6612157").run()
    assert "Inga fel och inga varningar." in texts(at)
    changes = {m.label: m.value for m in at.metric}
    assert changes["Tillagda"] == "1"
    button(at, "Publicera som version 2").click().run()
    added = row_of(shipped.table(), "valsta-centrum-ny-belysning-vid-torget")
    assert (added["status"], added["start_date"], added["actors"]) == (
        "planned",
        "2026-Q3",
        "Sigtuna kommun",
    )
    assert 59.5 < float(added["lat"]) < 59.7 and 17.7 < float(added["lon"]) < 18.0


def test_a_removed_measure_is_diffed_as_removed(monkeypatch, shipped: Store) -> None:
    at = open_page(PAGE, monkeypatch, password=False)
    _widget(at, "Vad vill du göra?").set_value("remove").run()
    _choose(at, CHANGED)
    changes = {m.label: m.value for m in at.metric}
    assert (changes["Tillagda"], changes["Borttagna"]) == ("0", "1")
    assert "− borttagen" in at.dataframe[0].value.iloc[0, 0]
    # With no sign-in configured, the page says how to turn it on and writes nothing.
    assert "SAFETYMAP_ANALYST_PASSWORD_HASH" in texts(at)
    assert len(shipped.versions()) == 1


def test_the_page_speaks_english(monkeypatch, shipped: Store) -> None:
    at = open_page(PAGE, monkeypatch, password=True)
    at.query_params["lang"] = "en"
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Edit"
    assert "1. What do you want to do?" in [h.value for h in at.subheader]
    _widget(at, "Measure").set_value(CHANGED).run()
    assert _widget(at, "Status").format_func("completed") == "completed"


def test_an_edit_made_on_a_version_no_longer_in_force_is_refused(
    monkeypatch, shipped: Store, places: Places
) -> None:
    """Publishing a whole table built on version 1 over a version 2 would undo version 2."""
    at = open_page(PAGE, monkeypatch, password=True)
    sign_in(at, "Anna", PASSWORD)
    _choose(at, CHANGED)
    _widget(at, "Status").set_value("completed").run()
    assert [b for b in at.button if b.label.startswith("Publicera som version 2")]
    # Meanwhile someone else publishes version 2.
    table = shipped.table()
    other = table.assign(title=[f"{x}!" if i == 0 else x for i, x in enumerate(table["title"])])
    data = other.to_csv(index=False).encode("utf-8")
    publishing.publish(shipped, publishing.check(shipped, data, "annan.csv", places), by="Bo")
    button(at, "Publicera som version 2").click().run()
    assert not at.exception, at.exception
    # The form starts over from version 2, and nothing is published.
    assert "Version 2 har publicerats (Bo) sedan formuläret visades" in texts(at)
    assert len(shipped.versions()) == 2
    assert row_of(shipped.table(), CHANGED)["status"] == "ongoing"
    assert _widget(at, "Status").value == "ongoing"
    assert not [b for b in at.button if b.label.startswith("Publicera som version")]
