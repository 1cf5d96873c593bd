"""Upload and history pages in AppTest, with and without the analyst role.

Here the pages run on a store with versions published through the same code the upload
page uses; a file chosen on the upload page is in ``test_app_upload.py`` and the browser tests.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from safetymap.config import get_settings
from safetymap.contract import problems
from safetymap.intake.areas import Areas
from safetymap.intake.indicators import load_indicators
from safetymap.intake.outcomes import load_outcomes
from safetymap.intake.places import Places
from safetymap.ui import auth as auth_ui
from safetymap.ui import upload as upload_ui
from safetymap.versions import auth, publishing
from safetymap.versions.store import INDICATORS, OUTCOMES, Store
from tests.conftest import ROOT, csv_bytes, make_measure, map_titles
from tests.htmltables import html_tables
from tests.ui.conftest import PASSWORD, button, field, open_page, sign_in, texts


@pytest.fixture
def two_versions(shipped: Store, places: Places) -> Store:
    """The test's own store: the shipped file as version 1, a two-row file as version 2."""
    data = csv_bytes([make_measure(), make_measure(id="m-2", status="ongoing")], delimiter=";")
    publishing.publish(shipped, publishing.check(shipped, data, "ny.csv", places), by="Anna")
    return shipped


def _confirm_rollback(at: AppTest, number: int) -> None:
    """Tick the rollback's confirmation, which names the version to publish again."""
    [box] = [c for c in at.checkbox if c.label.startswith(f"Ja, publicera version {number} igen")]
    box.check()


def test_upload_page_without_a_file_names_the_version_in_force(
    monkeypatch, two_versions: Store
) -> None:
    at = open_page("views/upload.py", monkeypatch, password=False)
    assert at.title[0].value == "Ladda upp"
    assert "högst 20 MB" in at.caption[0].value
    assert "Versionen som gäller nu är version 2." in texts(at)


def test_history_lists_versions_and_without_sign_in_says_how_to_enable_it(
    monkeypatch, two_versions: Store
) -> None:
    at = open_page("views/history.py", monkeypatch, password=False)
    versions = at.dataframe[0].value
    assert list(versions["Version"]) == [2, 1]
    assert list(versions["Av"]) == ["Anna", "Första versionen (levererad data)"]
    assert "SAFETYMAP_ANALYST_PASSWORD_HASH" in texts(at)
    assert not [b for b in at.button if "Publicera" in b.label]


def test_rollback_needs_the_right_password_then_publishes_a_new_version(
    monkeypatch, two_versions: Store
) -> None:
    at = open_page("views/history.py", monkeypatch, password=True)
    assert "Logga in som analytiker för att publicera." in texts(at)
    sign_in(at, "Bo", "fel lösenord")
    assert "Fel lösenord." in texts(at)
    assert len(two_versions.versions()) == 2
    # After a run of wrong tries, even the right password has to wait.
    for _ in range(4):
        throttle().failed("Bo", auth.LOCAL, time.time())
    sign_in(at, "Bo", PASSWORD)
    assert re.search(r"vänta 1[67] sekunder", texts(at))
    forget_wrong_tries()  # as the wait running out would
    sign_in(at, "Bo", PASSWORD)
    assert "Inloggad som analytiker: Bo" in texts(at)
    field(at, "Version att återställa").set_value(1).run()
    # The preview: what publishing version 1 again changes against version 2.
    assert "Jämfört med version 2" in [h.value for h in at.subheader]
    changes = {m.label: m.value for m in at.metric}
    assert changes["Tillagda"] == str(len(two_versions.table(1)))
    assert (changes["Borttagna"], changes["Statusändringar"]) == ("2", "0")
    # Not confirmed: nothing is published.
    field(at, "Anteckning (varför)").input("fel fil")
    button(at, "Publicera den valda versionen igen").click().run()
    assert "bekräfta att version 1 ska publiceras igen" in texts(at)
    assert len(two_versions.versions()) == 2
    field(at, "Anteckning (varför)").input("fel fil")
    _confirm_rollback(at, 1)
    button(at, "Publicera den valda versionen igen").click().run()
    assert not at.exception, at.exception
    assert "Version 3 är publicerad: samma rader som version 1." in texts(at)
    newest = two_versions.versions()[0]
    assert (newest.number, newest.restores, newest.published_by, newest.note) == (
        3,
        1,
        "Bo",
        "fel fil",
    )
    # The form starts over: no version chosen, so one more click publishes nothing.
    assert field(at, "Version att återställa").value is None
    assert not [b for b in at.button if b.label.startswith("Publicera den valda versionen")]


def throttle() -> auth.Throttle:
    """The server's throttle (AppTest has no client address: it counts as this machine's,
    ``auth.LOCAL``)."""
    return auth_ui.THROTTLE


def forget_wrong_tries() -> None:
    throttle().streaks.clear()
    throttle().addresses.clear()


def test_an_idle_analyst_is_signed_out(monkeypatch, two_versions: Store) -> None:
    at = open_page("views/history.py", monkeypatch, password=True)
    sign_in(at, "Bo", PASSWORD)
    assert "Inloggad som analytiker: Bo" in texts(at)
    at.session_state["_analyst"]["last_seen"] -= 31 * 60
    at.run()
    assert "Du har loggats ut efter 30 minuter utan aktivitet." in texts(at)
    assert not [b for b in at.button if b.label.startswith("Publicera")]


def test_the_overview_shows_the_version_in_force(monkeypatch, two_versions: Store) -> None:
    at = open_page("views/overview.py", monkeypatch, password=False)
    assert at.metric[0].value == "2"
    assert any(c.value.startswith("Version 2 (ny\\.csv), publicerad ") for c in at.caption), [
        c.value for c in at.caption
    ]


def test_a_new_version_reaches_a_map_already_drawn_for_the_same_view(
    monkeypatch, shipped: Store, places: Places
) -> None:
    store = shipped
    first = open_page("views/overview.py", monkeypatch, password=False)
    second = open_page("views/overview.py", monkeypatch, password=False)
    assert map_titles(first) == map_titles(second)
    assert "Ny kamera" not in map_titles(first)
    data = csv_bytes([make_measure(), make_measure(id="m-2", title="Ny kamera")], delimiter=";")
    publishing.publish(store, publishing.check(store, data, "ny.csv", places), by="Anna")
    first.run()
    assert sorted(map_titles(first)) == ["Ny belysning", "Ny kamera"]
    assert first.metric[0].value == "2"


def _years(at: AppTest) -> tuple[int, int]:
    (slider,) = [s for s in at.sidebar.slider if s.label == "År"]
    return slider.value


@pytest.mark.parametrize(
    ("chosen", "kept"),
    [(None, (2022, 2024)), ((2017, 2023), (2022, 2023))],
    ids=["every-year", "a-range"],
)
def test_a_new_version_spanning_other_years_keeps_the_year_filter_within_them(
    monkeypatch,
    shipped: Store,
    places: Places,
    chosen: tuple[int, int] | None,
    kept: tuple[int, int],
) -> None:
    """An open page whose year filter lies outside the years of a version published since
    carries on: every year stays every year, a chosen range is kept within the new years."""
    store = shipped
    at = open_page("views/overview.py", monkeypatch, password=False)
    low, high = _years(at)
    assert low < 2022 and high > 2024  # the shipped data spans more years
    if chosen:
        (slider,) = [s for s in at.sidebar.slider if s.label == "År"]
        slider.set_value(chosen).run()
    rows = [
        make_measure(start_date="2022", end_date="2023"),
        make_measure(id="m-2", start_date="2023-05", end_date="2024"),
    ]
    data = csv_bytes(rows, delimiter=";")
    publishing.publish(store, publishing.check(store, data, "ny.csv", places), by="Anna")
    at.run()
    assert not at.exception, at.exception
    assert _years(at) == kept
    assert at.metric[0].value == "2"


def test_a_store_seeded_from_an_invalid_file_stays_empty_and_the_file_is_shown(
    monkeypatch, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_bytes(csv_bytes([make_measure(), make_measure(id="m-2", status="klar")]))
    monkeypatch.setenv("SAFETYMAP_MEASURES", str(broken))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.metric[0].value == "1"
    assert any("Datafil: broken\\.csv" in c.value for c in at.caption)
    assert Store(get_settings().store_url).current() is None


def test_with_oidc_configured_rollback_offers_the_organisationssign_in(
    monkeypatch, two_versions: Store
) -> None:
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    monkeypatch.delenv(auth.HASH_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "test",
        "client_id": "test",
        "client_secret": "test",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    at.secrets["safetymap"] = {"analyst_emails": ["anna@kommun.se"]}
    at.run()
    at.switch_page("views/history.py").run()
    assert not at.exception, at.exception
    assert [b.label for b in at.button if b.label == "Logga in"] == ["Logga in"]
    assert not [w for w in at.text_input if w.label == "Analytikerlösenord"]
    assert not [b for b in at.button if b.label.startswith("Publicera")]


def test_upload_page_lets_an_analyst_sign_in_before_choosing_a_file(
    monkeypatch, two_versions: Store
) -> None:
    at = open_page("views/upload.py", monkeypatch, password=True)
    sign_in(at, "Anna", PASSWORD)
    assert "Inloggad som analytiker: Anna" in texts(at)
    assert "Versionen som gäller nu är version 2." in texts(at)
    # Without a configured sign-in the page says how to enable publishing instead.
    at = open_page("views/upload.py", monkeypatch, password=False)
    assert "SAFETYMAP_ANALYST_PASSWORD_HASH" in texts(at)
    assert not [w for w in at.text_input if w.label == "Analytikerlösenord"]


def _oidc_app(monkeypatch: pytest.MonkeyPatch, user: dict) -> AppTest:
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    monkeypatch.delenv(auth.HASH_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.secrets["safetymap"] = {"analyst_emails": ["anna@kommun.se"]}
    at.user = user
    at.run()
    at.switch_page("views/history.py").run()
    assert not at.exception, at.exception
    return at


def test_an_allow_listed_oidc_account_may_roll_back(monkeypatch, two_versions: Store) -> None:
    at = _oidc_app(
        monkeypatch, {"is_logged_in": True, "email": "Anna@Kommun.se", "name": "Anna Andersson"}
    )
    assert "Inloggad som analytiker: Anna Andersson" in texts(at)
    field(at, "Version att återställa").set_value(1).run()
    _confirm_rollback(at, 1)
    button(at, "Publicera den valda versionen igen").click().run()
    assert two_versions.versions()[0].published_by == "Anna Andersson"


def test_an_oidc_account_not_on_the_list_may_not(monkeypatch, two_versions: Store) -> None:
    at = _oidc_app(monkeypatch, {"is_logged_in": True, "email": "bo@kommun.se", "name": "Bo"})
    assert "Kontot bo@kommun.se har inte analytikerrollen." in texts(at)
    assert not [b for b in at.button if b.label.startswith("Publicera")]
    assert len(two_versions.versions()) == 2


def test_indicator_versions_are_listed_and_rolled_back_in_their_own_tab(
    monkeypatch, places: Places
) -> None:
    settings = get_settings()
    indicators = Store(settings.store_url, INDICATORS)
    shipped = ROOT / "indicators.csv"
    publishing.seed_indicators(indicators, load_indicators(shipped, places), shipped)
    changed = shipped.read_bytes().replace(b",14261,", b",14300,")
    checked = publishing.check_indicators(indicators, changed, "nya.csv", places)
    publishing.publish(indicators, checked, by="Anna")
    at = open_page("views/history.py", monkeypatch, password=True)
    assert [tab.label for tab in at.tabs] == [
        "Åtgärder och lägesbilder",
        "Indikatorer (siffror ur källorna)",
        "Utfallsserier (t.ex. anmälda brott per kvartal)",
    ]
    [table] = [d.value for d in at.tabs[1].dataframe]
    assert list(table["Version"]) == [2, 1] and list(table["Fil"]) == [
        "nya.csv",
        "indicators.csv",
    ]
    sign_in(at, "Bo", PASSWORD)
    rollback = [s for s in at.selectbox if s.label == "Version att återställa"][-1]
    rollback.set_value(1).run()
    _confirm_rollback(at, 1)
    [b for b in at.button if b.label.startswith("Publicera den valda versionen")][-1].click()
    at.run()
    assert not at.exception, at.exception
    assert "Indikatorversion 3 är publicerad: samma rader som indikatorversion 1." in texts(at)
    assert indicators.table().equals(indicators.table(1))
    assert [v.number for v in Store(settings.store_url).versions()] == [1]


def test_outcome_versions_show_the_changed_value_and_roll_back_in_their_own_tab(
    monkeypatch, areas: Areas
) -> None:
    settings = get_settings()
    outcomes = Store(settings.store_url, OUTCOMES)
    shipped = ROOT / "outcomes.csv"
    publishing.seed_outcomes(outcomes, load_outcomes(shipped, areas), shipped)
    changed = shipped.read_bytes().replace(
        b"kommun-0123,reported_crimes_total,2019,9450,",
        b"kommun-0123,reported_crimes_total,2019,9461,",
    )
    publishing.publish(
        outcomes, publishing.check_outcomes(outcomes, changed, "brå.csv", areas), by="Anna"
    )
    at = open_page("views/history.py", monkeypatch, password=True)
    [table] = [d.value for d in at.tabs[2].dataframe]
    assert list(table["Fil"]) == ["brå.csv", "outcomes.csv"]
    assert list(table["Rader"]) == [3600, 3600]
    sign_in(at, "Bo", PASSWORD)
    rollback = [s for s in at.selectbox if s.label == "Version att återställa"][-1]
    rollback.set_value(1).run()
    assert not at.exception, at.exception
    [change] = [d.value for d in at.tabs[2].dataframe][1:]
    assert change.iloc[0].tolist() == [
        "✎ ändrad",
        "Järfälla kommun",
        "Anmälda brott totalt",
        "2019",
        "Värde: 9461 → 9450",
    ]
    _confirm_rollback(at, 1)
    [b for b in at.button if b.label.startswith("Publicera den valda versionen")][-1].click()
    at.run()
    assert not at.exception, at.exception
    assert "Utfallsversion 3 är publicerad: samma rader som utfallsversion 1." in texts(at)
    assert outcomes.table().equals(outcomes.table(1))


def test_upload_page_takes_outcomes_into_their_own_store(monkeypatch) -> None:
    at = open_page("views/upload.py", monkeypatch, password=False)
    at.radio[0].set_value("outcomes").run()
    assert not at.exception, at.exception
    assert "CSV-fil med utfallsserier" in [u.label for u in at.get("file_uploader")]
    assert "Versionen som gäller nu är version 1." in texts(at)
    assert Store(get_settings().store_url, OUTCOMES).current().file_name == "outcomes.csv"


def test_upload_page_takes_indicators_into_their_own_store(monkeypatch, places: Places) -> None:
    at = open_page("views/upload.py", monkeypatch, password=False)
    at.radio[0].set_value("indicators").run()
    assert not at.exception, at.exception
    assert "CSV-fil med indikatorer" in [u.label for u in at.get("file_uploader")]
    # Opening the page seeded the indicators store from the shipped file.
    assert "Versionen som gäller nu är version 1." in texts(at)
    indicators = Store(get_settings().store_url, INDICATORS)
    assert indicators.current().file_name == "indicators.csv"


def test_no_url_grants_the_analyst_role(monkeypatch, two_versions: Store) -> None:
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    monkeypatch.setenv(auth.HASH_ENV, auth.hash_password(PASSWORD))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in {"analyst": "1", "role": "analyst", "user": "Bo", "rollback": "1"}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/history.py").run()
    assert not at.exception, at.exception
    assert "Logga in som analytiker för att publicera." in texts(at)
    assert not [b for b in at.button if b.label.startswith("Publicera den valda versionen")]
    assert len(two_versions.versions()) == 2


def test_the_upload_page_lists_each_problem_in_full_up_to_its_limit() -> None:
    """Long messages wrap in a plain table instead of being cut in a grid; past the limit
    the page says how many more the downloadable report holds."""
    date = problems.error("date_format", 7, "start_date", "2023-13-01")
    report = problems.Report("fil.csv", problems=[date])
    table = upload_ui.problem_table(report, "sv")
    markup, more = upload_ui.problem_list(table, "<b>fil</b>.csv", "sv")
    assert html_tables(markup) == [
        [
            ["Rad", "Typ", "Kolumn", "Värde", "Menade du", "Meddelande"],
            ["7", "fel", "start_date", "2023-13-01", "", date.message("sv")],
        ]
    ]
    assert "Fel och varningar i &lt;b&gt;fil&lt;/b&gt;.csv" in markup and more is None

    many = problems.Report(
        "fil.csv",
        problems=[
            problems.warning("actor_unknown", row, "actors", "X", actor="X")
            for row in range(2, upload_ui.PROBLEMS_SHOWN + 52)
        ],
    )
    markup, more = upload_ui.problem_list(upload_ui.problem_table(many, "en"), "f.csv", "en")
    rows = html_tables(markup)[0]
    assert len(rows) == 1 + upload_ui.PROBLEMS_SHOWN and rows[-1][0] == "101"
    assert more == "The first 100 of 150 are shown here. The report (CSV) below has them all."


def test_one_problem_on_many_rows_is_summed_up_above_the_list() -> None:
    def status(row: int) -> problems.Problem:
        return problems.error("status_unknown", row, "status", "klar", choices="a, b")

    one_each = problems.Report(
        "f.csv", problems=[status(2), problems.error("id_pattern", 3, "id", "?")]
    )
    assert upload_ui.problem_summary(one_each, "sv") is None

    repeated = problems.Report("f.csv", problems=[status(r) for r in (2, 3, 4, 9)])
    repeated.add(problems.warning("actor_unknown", 5, "actors", "X", actor="X"))
    assert html_tables(upload_ui.problem_summary(repeated, "sv") or "") == [
        [
            ["Kolumn", "Typ", "Meddelande", "Antal rader", "Vilka rader"],
            ["status", "fel", "Okänd status. Tillåtna värden: a, b.", "4", "2–4, 9"],
            ["actors", "varning", repeated.problems[-1].message("sv"), "1", "5"],
        ]
    ]

    many_kinds = problems.Report(
        "f.csv",
        problems=[
            problems.warning("actor_unknown", row, "actors", str(row), actor=str(row))
            for row in range(2, upload_ui.SUMMARY_MOST + 3)
        ]
        + [status(2), status(3)],
    )
    assert upload_ui.problem_summary(many_kinds, "sv") is None
