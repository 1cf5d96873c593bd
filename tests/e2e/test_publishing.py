"""An analyst publishes a Swedish Excel CSV in the browser; another session sees it at once."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from bench.synthetic import synthetic_csv
from safetymap.contract.problems import MESSAGES
from safetymap.intake.dates import parse_partial_date
from safetymap.intake.loaders import load_measures
from safetymap.intake.places import load_places
from safetymap.present import export
from safetymap.versions import auth
from tests.e2e.analyst import (
    ADDED,
    CHANGED,
    PASSWORD,
    choose_file,
    excel_export,
    metric,
    read_rows,
    sign_in_and_publish,
    write_rows,
)
from tests.e2e.conftest import MAP_IFRAME, ROOT, map_frame, wait_for_app
from tests.present.test_export import excel_saves
from tools.appserver import start_app


@pytest.fixture(scope="module")
def analyst_app() -> Iterator[str]:
    """A server with an analyst password and its own empty store (seeded on first visit)."""
    with start_app({auth.HASH_ENV: auth.hash_password(PASSWORD)}) as url:
        yield url


def test_upload_diff_publish_and_a_second_session_sees_it(
    analyst_app: str, page: Page, browser: Browser, tmp_path: Path
) -> None:
    path, changed = excel_export(tmp_path)
    page.goto(f"{analyst_app}ladda-upp")
    wait_for_app(page)
    expect(page.get_by_text("Versionen som gäller nu är version 1.")).to_be_visible()
    choose_file(page, path)

    expect(metric(page, "Teckenkodning")).to_contain_text("cp1252")
    expect(metric(page, "Avgränsare: semikolon")).to_contain_text(";")
    expect(page.get_by_text("Inga fel och inga varningar.")).to_be_visible()
    expect(metric(page, "Tillagda")).to_contain_text("1")
    expect(metric(page, "Borttagna")).to_contain_text("0")
    expect(metric(page, "Statusändringar")).to_contain_text("1")
    # Each change marked by its kind, a changed row with old → new.
    changes = page.get_by_test_id("stDataFrame").first
    expect(changes).to_contain_text("+ tillagd")
    expect(changes).to_contain_text("✎ ändrad")
    expect(changes).to_contain_text("Status: pågående → genomförd")
    expect(page.get_by_text("+ tillagd · ✎ ändrad · − borttagen")).to_be_visible()
    expect(page.get_by_role("heading", name="Förhandsgranskning på kartan")).to_be_visible()

    sign_in_and_publish(page, PASSWORD, "Platssamverkan klar", 2)

    # A second browser session, already open before the publish, sees the new version.
    other = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="sv-SE")
    try:
        viewer = other.new_page()
        viewer.goto(f"{analyst_app}tidslinje?place=kista")
        wait_for_app(viewer)
        completed = viewer.locator(
            f'[role="graphics-symbol"][aria-label^="{changed["title"]}: genomförd, "]'
        )
        expect(completed.first).to_be_attached()
        viewer.get_by_role("link", name="Historik", exact=True).click()
        # Data frames draw on a canvas; their cells are also in the page as text.
        versions, log = (
            viewer.get_by_test_id("stDataFrame").nth(0),
            viewer.get_by_test_id("stDataFrame").nth(1),
        )
        expect(versions).to_contain_text("Platssamverkan klar")
        expect(versions).to_contain_text("Anna Analytiker")
        expect(log).to_contain_text(changed["title"])
        # The Data page keeps the Kista filter and counts the added row.
        viewer.get_by_role("link", name="Data", exact=True).click()
        expect(viewer.get_by_test_id("stMetric").first).to_contain_text(
            re.compile(rf"^\D*{kista_rows() + 1}$")
        )
    finally:
        other.close()


def swedish_excel_file(tmp_path: Path) -> tuple[Path, dict[str, tuple[int, str]]]:
    """The shipped data as "CSV för svenska Excel", saved by Excel as "CSV
    (semikolonavgränsad)" (Windows-1252, ``;``, Swedish headers and labels, decimal commas),
    then edited there as issue #19 tells: one measure completed, one added, and two rows
    misspelt. Each misspelt value with the line its row starts on and its header."""
    places = load_places(ROOT / "geodata" / "places.geojson")
    shipped = load_measures(ROOT / "measures.csv", places).measures
    text = excel_saves(export.to_excel_csv(shipped), "cp1252").decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = rows[0]
    status, kind = header.index("Status"), header.index("Åtgärdstyp")
    next(r for r in rows if r[0] == CHANGED)[status] = "genomförd"
    next(r for r in rows if r[status] == "pågående")[status] = "pågånde"
    next(r for r in rows if r[kind] == "Belysning")[kind] = "Kameraövervakningg"
    added = dict.fromkeys(header, "") | {
        "Åtgärds-ID": ADDED["id"],
        "Titel": ADDED["title"],
        "Plats": "Kista busstorg",
        "Slag": "åtgärd",
        "Åtgärdstyp": "Belysning",
        "Aktörer": ADDED["actors"],
        "Status": "planerad",
        "Källa": ADDED["source"],
    }
    rows.append([added[name] for name in header])
    out = io.StringIO(newline="")
    csv.writer(out, dialect="excel", delimiter=";").writerows(rows)
    path = tmp_path / "åtgärder från Excel.csv"
    path.write_bytes(out.getvalue().encode("cp1252"))
    misspelt = {}
    reader = csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";")
    line = 1
    for row in reader:  # a record starts on the line after the one the last ended on
        for value, column in ((row[status], "Status"), (row[kind], "Åtgärdstyp")):
            if value in ("pågånde", "Kameraövervakningg"):
                misspelt[value] = (line, column)
        line = reader.line_num + 1
    return path, misspelt


def test_a_swedish_excel_file_names_its_bad_rows_by_its_headers_and_diffs_old_to_new(
    app_url: str, page: Page, tmp_path: Path
) -> None:
    path, misspelt = swedish_excel_file(tmp_path)
    assert [column for _, column in misspelt.values()] == ["Status", "Åtgärdstyp"]
    page.goto(f"{app_url}ladda-upp")
    wait_for_app(page)
    choose_file(page, path)
    expect(metric(page, "Teckenkodning")).to_contain_text("cp1252")
    expect(page.get_by_text("2 fel och 0 varningar.")).to_be_visible()
    # Each bad row: its line, the column as the file's header names it (with the contract's
    # name where they differ), the value, the nearest allowed value and the message.
    expected = {
        "pågånde": ("Status", "pågående", "Okänd status. Menade du pågående?"),
        "Kameraövervakningg": (
            "Åtgärdstyp (measure_type)",
            "Kameraövervakning",
            "Okänd åtgärdstyp. Menade du Kameraövervakning?",
        ),
    }
    for value, (column, suggestion, message) in expected.items():
        line = page.get_by_role("row").filter(has=page.get_by_role("cell", name=value, exact=True))
        expect(line.get_by_role("rowheader")).to_have_text(str(misspelt[value][0]))
        expect(line.get_by_role("cell", name=column, exact=True)).to_be_visible()
        expect(line.get_by_role("cell", name=suggestion, exact=True)).to_be_visible()
        expect(line.get_by_role("cell", name=re.compile("^" + re.escape(message)))).to_be_visible()
    # The rows without errors are compared: the completed measure as old → new, the new row.
    expect(metric(page, "Tillagda")).to_contain_text("1")
    expect(metric(page, "Borttagna")).to_contain_text("0")
    changes = page.get_by_test_id("stDataFrame").first
    expect(changes).to_contain_text("✎ ändrad")
    expect(changes).to_contain_text("Status: pågående → genomförd")
    expect(changes).to_contain_text("+ tillagd")
    expect(page.get_by_text("Rader med fel är inte med i jämförelsen.")).to_be_visible()
    expect(page.get_by_text("Filen har fel och kan inte publiceras.")).to_be_visible()


def test_the_preview_map_marks_the_added_changed_and_removed_rows_with_a_legend(
    app_url: str, page: Page, tmp_path: Path
) -> None:
    """One row added and one removed (both area-wide: marked in their place's frame, never on
    a spot) and one located row changed (marked on its symbol); the removed row is drawn
    from the version in force, faded."""
    rows = read_rows()
    removed = next(r for r in rows if r["id"] == "kista-utokad-stadning")
    located = next(r for r in rows if r["id"] == "kista-konstruktioner-rulltrappa-gang-borttagna")
    assert not removed["lat"] and located["lat"]
    rows.remove(removed)
    located["title"] += " (ny text)"
    rows.append({column: ADDED.get(column, "") for column in rows[0]})
    page.goto(f"{app_url}ladda-upp")
    wait_for_app(page)
    choose_file(page, write_rows(tmp_path / "tre ändringar.csv", rows, "cp1252", ";"))
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    frame = map_frame(page)

    legend = frame.get_by_role("group", name="Ändringar")
    expect(legend).to_contain_text("tillagd (1)")
    expect(legend).to_contain_text("ändrad (1)")
    expect(legend).to_contain_text("borttagen (1)")
    expect(legend).to_contain_text("Borttagna rader visas blekta")
    # The changed row on its own point, its symbol tagged.
    symbol = frame.locator(f'.measure-symbol[aria-label*="{located["title"]}"]')
    expect(symbol).to_have_attribute("aria-label", re.compile(r" – ändrad$"))
    expect(symbol.locator(".sm-change")).to_have_text("✎")
    # The added and the removed row in their place's frame, first, tagged; the removed one
    # faded, as the version in force has it.
    cells = frame.locator('.sm-area[data-place="kista-busstorg"] .sm-cell')
    added = cells.nth(0)
    expect(added).to_have_attribute("aria-label", f"{ADDED['title']} (planerad) – tillagd")
    expect(added.locator(".sm-change")).to_have_text("+")
    gone = cells.nth(1)
    expect(gone).to_have_attribute("aria-label", f"{removed['title']} (genomförd) – borttagen")
    expect(gone.locator(".sm-removed .sm-change")).to_have_text("−")
    expect(frame.locator(".sm-change")).to_have_count(3 + 3)  # the marks and the legend's
    # The same in words under the map.
    expect(
        page.get_by_text("+ tillagd (1) · ✎ ändrad (1) · − borttagen (1). Borttagna rader")
    ).to_be_visible()


def test_a_file_with_errors_lists_each_problem_in_full_as_text_and_is_not_published(
    analyst_app: str, page: Page, tmp_path: Path, dialogs: list[str]
) -> None:
    rows = read_rows()
    rows[3]["status"] = "<img src=x onerror=alert(1)>"
    rows[5]["start_date"] = "2023-13-01"
    path = write_rows(tmp_path / "med fel.csv", rows, "cp1252", ";")
    page.goto(f"{analyst_app}ladda-upp")
    wait_for_app(page)
    choose_file(page, path)

    expect(page.get_by_text("2 fel och 0 varningar.")).to_be_visible()
    # Each problem reads in full: the longest message wraps inside the page, not cut off.
    message = page.get_by_role("cell", name=MESSAGES["date_format"][0], exact=True)
    expect(message).to_be_visible()
    assert message.evaluate("c => c.scrollWidth <= c.clientWidth")
    main = page.get_by_test_id("stMain").bounding_box()
    box = message.bounding_box()
    assert main and box and box["x"] + box["width"] <= main["x"] + main["width"]
    # The row, the column and the file's own value, shown as text.
    row = page.get_by_role("row").filter(has=message)
    expect(row.get_by_role("rowheader")).to_have_text("7")
    expect(row.get_by_role("cell", name="start_date", exact=True)).to_be_visible()
    bad_status = page.get_by_role("cell", name="<img src=x onerror=alert(1)>", exact=True)
    expect(bad_status).to_be_visible()
    assert dialogs == []
    expect(page.get_by_text("Filen har fel och kan inte publiceras.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Publicera"))).to_have_count(0)


def test_the_problems_shown_are_those_of_the_file_chosen_in_the_language_chosen(
    analyst_app: str, page: Page, tmp_path: Path
) -> None:
    """The problem report is kept with the checked file: choosing another file or another
    language must never leave the previous one's report on the page."""

    def faulty(name: str, column: str, value: str) -> Path:
        rows = read_rows()
        rows[3][column] = value  # line 5 of the file
        return write_rows(tmp_path / name, rows)

    def message(key: str, lang: str):
        sv, en = MESSAGES[key]
        text = sv if lang == "sv" else en
        return page.get_by_role("cell", name=re.compile("^" + re.escape(text.split("{")[0])))

    page.goto(f"{analyst_app}ladda-upp")
    wait_for_app(page)
    choose_file(page, faulty("status.csv", "status", "klar"))
    expect(message("status_unknown", "sv")).to_be_visible()
    choose_file(page, faulty("datum.csv", "start_date", "2023-13-01"))
    expect(message("date_format", "sv")).to_be_visible()
    expect(message("status_unknown", "sv")).to_have_count(0)
    expect(page.get_by_text("Fel och varningar i datum.csv")).to_be_attached()

    page.get_by_text("English", exact=True).click()
    expect(message("date_format", "en")).to_be_visible()
    expect(message("date_format", "sv")).to_have_count(0)
    page.get_by_text("Svenska", exact=True).click()
    expect(message("date_format", "sv")).to_be_visible()
    expect(message("date_format", "en")).to_have_count(0)


def test_what_an_analyst_types_while_a_chosen_file_is_read_is_kept(
    analyst_app: str, page: Page, tmp_path: Path
) -> None:
    """Reading a large file takes seconds, and an analyst may sign in meanwhile: the report
    drawn above the sign-in must not cost them what they are typing."""
    path = tmp_path / "syntetisk.csv"
    path.write_bytes(synthetic_csv(20_000))
    page.goto(f"{analyst_app}ladda-upp")
    wait_for_app(page)
    page.locator('input[type="file"]').set_input_files(path)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]')
    name = page.get_by_label("Ditt namn (sparas med versionen)")
    password = page.get_by_label("Analytikerlösenord")
    name.press_sequentially("Anna Analytiker", delay=60)
    password.press_sequentially(PASSWORD, delay=60)

    expect(metric(page, "Rader")).to_contain_text("20000")
    wait_for_app(page)
    expect(name).to_have_value("Anna Analytiker")
    expect(password).to_have_value(PASSWORD)
    page.get_by_role("button", name="Logga in som analytiker").click()
    expect(page.get_by_text("Inloggad som analytiker: Anna Analytiker")).to_be_visible()
    # A diff of some 20 000 rows lists its first 500 and offers them all as a file. (Other
    # tests publish on this server: the version in force has as many rows as they left.)
    total = sum(
        int(metric(page, label).get_by_test_id("stMetricValue").inner_text())
        for label in ("Tillagda", "Borttagna", "Ändrade")
    )
    assert total >= 20_000
    listed = (
        f"Listan visar de första 500 av {total} ändrade rader; hela listan finns att ladda ned."
    )
    expect(page.get_by_text(listed)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ned alla ändringar (CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))) == 1 + total


def kista_rows() -> int:
    return sum(1 for row in read_rows() if row["place"].startswith("kista"))


def test_a_rollback_is_previewed_confirmed_and_the_timeline_ends_in_the_status_in_force(
    analyst_app: str, page: Page, tmp_path: Path
) -> None:
    """Issue #19's sequence: a planned camera measure made ongoing (2026-11-15) in a new
    version, then rolled back: the timeline ends in planned, from the day of the rollback."""
    rows = read_rows()
    camera = next(r for r in rows if r["id"] == "jakobsberg-kameraovervakning")
    assert camera["status"] == "planned"
    camera.update(status="ongoing", status_date="2026-11-15")
    page.goto(f"{analyst_app}ladda-upp")
    wait_for_app(page)
    # The module's server may hold other tests' versions: publish on top of the one in force.
    in_force = page.get_by_text(re.compile(r"Versionen som gäller nu är version \d+\.")).first
    published = int(re.search(r"version (\d+)\.", in_force.inner_text()).group(1)) + 1
    choose_file(page, write_rows(tmp_path / "kameran i drift.csv", rows))
    sign_in_and_publish(page, PASSWORD, "Kameran i drift", published)

    page.get_by_role("link", name="Historik", exact=True).click()
    wait_for_app(page)
    choice = page.get_by_test_id("stSelectbox").filter(has_text="Version att återställa").first
    choice.scroll_into_view_if_needed()
    choice.locator("input").click()
    option = page.get_by_role("option", name=str(published - 1), exact=True)
    if not option.is_visible():
        page.keyboard.press("ArrowDown")  # opens the list
    option.click()
    wait_for_app(page)
    # The preview: the status change the rollback will record, dated today, before anything.
    today = datetime.now(UTC).date()
    # (Other tests' versions on this server may add changes of their own.)
    expect(metric(page, "Statusändringar").first).not_to_contain_text("Statusändringar0")
    changes = page.locator("[data-testid=stDataFrame]:visible").last
    changes.scroll_into_view_if_needed()
    expect(changes).to_contain_text(camera["title"])
    expect(changes).to_contain_text(today.isoformat())
    button = page.get_by_role(
        "button", name=f"Publicera den valda versionen igen som version {published + 1}"
    )
    button.click()
    expect(
        page.get_by_text(f"bekräfta att version {published - 1} ska publiceras igen")
    ).to_be_visible()
    page.get_by_text(f"Ja, publicera version {published - 1} igen").click()
    button.click()
    expect(page.get_by_text(f"Version {published + 1} är publicerad")).to_be_visible()

    page.goto(f"{analyst_app}tidslinje?place=jakobsberg")
    wait_for_app(page)
    bars = page.locator(f'[role="graphics-symbol"][aria-label^="{camera["title"]}: "]')
    expect(bars.first).to_be_attached()
    labels = [bar.get_attribute("aria-label") for bar in bars.all()]
    day = parse_partial_date(today.isoformat()).label("sv")
    assert f"{camera['title']}: planerad, {day} – –" in labels
    assert not [label for label in labels if label.endswith("– –") and "pågående" in label]


def test_an_outcomes_file_shows_its_changed_values_and_publishes_into_its_own_store(
    analyst_app: str, page: Page, tmp_path: Path
) -> None:
    text = (
        (ROOT / "outcomes.csv")
        .read_text(encoding="utf-8")
        .replace(
            "kommun-0123,reported_crimes_total,2019,9450,",
            "kommun-0123,reported_crimes_total,2019,9461,",
        )
    )
    path = tmp_path / "brå 2026.csv"
    path.write_text(text, encoding="utf-8")
    page.goto(f"{analyst_app}ladda-upp")
    wait_for_app(page)
    page.get_by_text("Utfallsserier (t.ex. anmälda brott per kvartal)").click()
    expect(page.get_by_text("CSV-fil med utfallsserier", exact=True)).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_text("Versionen som gäller nu är version 1.")).to_be_visible()
    choose_file(page, path)

    expect(page.get_by_text("Inga fel och inga varningar.")).to_be_visible()
    expect(metric(page, "Ändrade")).to_contain_text("1")
    changes = page.get_by_test_id("stDataFrame").first
    expect(changes).to_contain_text("Järfälla kommun")
    expect(changes).to_contain_text("Värde: 9450 → 9461")
    series = page.get_by_role("table").filter(has_text="Serierna i filen")
    expect(series).to_contain_text("Rinkeby-Kista stadsdelsområde")
    sign_in_and_publish(page, PASSWORD, "Brås revidering", 2)
