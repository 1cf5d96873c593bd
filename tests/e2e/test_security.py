"""Security settings as a running server shows them: secrets stay out of pages and logs, the
XSRF protection and CORS keep Streamlit's safe defaults, text from data never becomes a
link, an image or a request, and a proxy's forwarded address counts only when configured."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from playwright.sync_api import Browser, Page, WebSocket, expect
from sqlalchemy.engine import make_url

from safetymap.contract.i18n import WORD_JOINER
from safetymap.versions import auth
from tests.conftest import fresh_database
from tests.e2e.analyst import PASSWORD, choose_file
from tests.e2e.conftest import PAGES, wait_for_app
from tools.appserver import start_app
from tools.browser import is_loopback

DB_PASSWORD = "Hemligt-db-lösen-4711"


def test_secrets_reach_neither_the_pages_nor_the_server_log(
    postgres_url: str, page: Page, tmp_path: Path
) -> None:
    password_hash = auth.hash_password("ett långt lösenord")
    log = tmp_path / "server.log"
    received: list[str] = []

    def listen(ws: WebSocket) -> None:
        ws.on(
            "framereceived",
            lambda f: received.append(f if isinstance(f, str) else f.decode("utf-8", "replace")),
        )

    page.on("websocket", listen)
    with fresh_database(postgres_url) as database:
        # The test server trusts local connections, so any password gets in: it is only bait.
        url = make_url(database).set(password=DB_PASSWORD).render_as_string(hide_password=False)
        env = {"DATABASE_URL": url, auth.HASH_ENV: password_hash}
        with start_app(env, log_path=log) as app:
            seen = []
            for name in PAGES:
                page.goto(f"{app}{name}")
                wait_for_app(page)
                seen.append(page.content())
            page.goto(f"{app}ladda-upp")
            wait_for_app(page)
            page.get_by_label("Ditt namn (sparas med versionen)").fill("Mallory")
            page.get_by_label("Analytikerlösenord").fill("fel lösenord")
            page.get_by_role("button", name="Logga in som analytiker").click()
            expect(page.get_by_text("Fel lösenord.")).to_be_visible()
            seen.append(page.content())
    everything = "\n".join([*seen, *received, log.read_text(encoding="utf-8", errors="replace")])
    assert "Versioner" in everything  # the pages were really read
    for secret in (password_hash, password_hash.split("$")[-1], DB_PASSWORD):
        assert secret not in everything


def test_xsrf_protection_and_cors_keep_their_safe_settings(app_url: str) -> None:
    # An upload without the XSRF token (as a foreign page would send it) is refused.
    forged = Request(f"{app_url}_stcore/upload_file/session/file", data=b"x", method="PUT")
    try:
        urlopen(forged, timeout=10)
        refused = None
    except HTTPError as error:
        refused = error.code
    assert refused == 403
    # A foreign origin is not allowed to read the server's answers.
    for method in ("GET", "OPTIONS"):
        asked = Request(
            f"{app_url}_stcore/health",
            method=method,
            headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "PUT"},
        )
        try:
            with urlopen(asked, timeout=10) as answer:
                allowed = answer.headers.get("Access-Control-Allow-Origin")
        except HTTPError as error:
            allowed = error.headers.get("Access-Control-Allow-Origin")
        assert allowed not in ("*", "http://evil.example")


# Markdown and HTML a hostile or careless CSV could carry: a phishing link and tracking pixels.
PAYLOAD = (
    "[Logga in här](https://evil.example/login) ![p](http://evil.example/pixel.png) "
    '<img src="http://evil.example/i.png"> <a href="https://evil.example/a">a</a> '
    "www.evil.example/w kontakt@evil.example"
)
INDICATORS_CHOICE = "Indikatorer (siffror ur källorna)"
PLACES = ("kista-busstorg", "klara", "jakobsberg-station", "valsta")
TEXT_COLUMNS = ("title", "actors", "description", "source", "source_quote")


def _payload_files(folder: Path) -> tuple[Path, Path]:
    """A measures file with the payload in every text column, one row per place (Klara's
    with a point of its own), an indicators file with it in every text column, and an
    outcomes file (``payload-outcomes.csv`` beside them) with it as source and reference."""
    measures = [
        {
            "id": f"payload-{place}",
            "place": place,
            "kind": "measure",
            "measure_type": "lighting",
            "status": "ongoing",
            "status_date": "2024-05",
            "start_date": "2024",
            "lat": "59.3324" if place == "klara" else "",
            "lon": "18.0637" if place == "klara" else "",
            **{column: PAYLOAD for column in TEXT_COLUMNS},
        }
        for place in PLACES
    ]
    indicators = [
        ["place", "indicator", "period", "value", "unit", "source", "source_quote"],
        ["klara", "drug_scene_classification", "", PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD],
        ["klara", "reported_crimes", "2018", "120", PAYLOAD, PAYLOAD, PAYLOAD],
    ]
    outcomes = [["area", "indicator", "period", "value", "unit", "source", "source_ref"]]
    outcomes += [
        [area, "reported_crimes_total", str(year), "100", "count", PAYLOAD, PAYLOAD]
        for area in ("kommun-0180", "kommun-0123")
        for year in range(2018, 2026)
    ]
    with (folder / "payload-outcomes.csv").open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(outcomes)
    measures_path, indicators_path = folder / "payload.csv", folder / "payload-indicators.csv"
    with measures_path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(measures[0]))
        writer.writeheader()
        writer.writerows(measures)
    with indicators_path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(indicators)
    return measures_path, indicators_path


def _links_and_images_from_data(page: Page) -> list[str]:
    """Links and images that point at the payload's host, in the page and its frames."""
    found = []
    for frame in page.frames:
        found += frame.eval_on_selector_all(
            "a[href*='evil.example' i], img[src*='evil.example' i], [srcset*='evil.example' i]",
            "elements => elements.map(e => e.outerHTML)",
        )
    return found


def test_markdown_and_html_from_data_never_become_links_images_or_requests(
    page: Page, tmp_path: Path, offsite_requests: list[str], dialogs: list[str]
) -> None:
    measures, indicators = _payload_files(tmp_path)
    env = {
        "SAFETYMAP_MEASURES": str(measures),
        "SAFETYMAP_INDICATORS": str(indicators),
        "SAFETYMAP_OUTCOMES": str(tmp_path / "payload-outcomes.csv"),
    }
    selected = "measure=payload-klara"
    with start_app(env) as app:
        for path in (
            f"?{selected}",
            f"tidslinje?{selected}",
            f"lagesbild?place=klara&{selected}",
            f"lagesbild?place=valsta&{selected}",
            "lagesbild?place=klara&present=1&since=2019-01-01",
            "uppfoljning?place=klara&comparison=kommun-0123&start=payload-klara&after=1",
            "jamfor",
            f"data?{selected}",
            "om-datan",
            "historik",
            f"redigera?{selected}",
            "ladda-upp",  # last: the upload preview below starts from it
        ):
            page.goto(f"{app}{path}")
            wait_for_app(page)
            if path.startswith(("?", "tidslinje", "lagesbild?place=klara")):
                # The selected measure's facts show the payload, as the text it is.
                shown = page.get_by_text("[Logga in här](https://evil.example/login)")
                expect(shown.first).to_be_visible()
            if "present=1" in path:
                # The measures named on the slide: the payload as the text it is.
                side = page.locator(".st-key-briefing-present .smp-side")
                expect(side).to_contain_text(PAYLOAD.replace(WORD_JOINER, ""))
            elif path.startswith("uppfoljning"):
                # The series' source in the legend, and the measure chosen by its title.
                legend = page.locator(".smp-legend").first
                expect(legend).to_contain_text(PAYLOAD.replace(WORD_JOINER, ""))
                expect(page.get_by_test_id("stMetricValue").first).to_be_visible()
            elif path.startswith("lagesbild"):
                # The actors, a Markdown list: escaped, the payload reads as it was written
                # (but for invisible word joiners that keep addresses from becoming links).
                markdown = page.get_by_test_id("stMarkdownContainer").all_inner_texts()
                assert f"{PAYLOAD} (1)" in "\n".join(markdown).replace(WORD_JOINER, "")
            assert _links_and_images_from_data(page) == [], path
        # The analyst's preview of such files: report, diff, preview table and map.
        choose_file(page, measures)
        assert _links_and_images_from_data(page) == []
        page.get_by_text(INDICATORS_CHOICE, exact=True).click()
        # The chooser for indicators is drawn by a run that may not have started yet.
        expect(page.get_by_role("region", name="CSV-fil med indikatorer")).to_be_visible()
        wait_for_app(page)
        choose_file(page, indicators)
        expect(page.get_by_text(PAYLOAD).first).to_be_visible()
        assert _links_and_images_from_data(page) == []
    assert [url for url in offsite_requests if "evil.example" in url] == []
    assert dialogs == []


def _analyst_behind_the_proxy(browser: Browser, app: str, forwarded_for: str) -> Page:
    """The upload page for someone a proxy on this machine forwards, naming them in
    ``X-Forwarded-For`` (as a reverse proxy does); no network beyond the loopback."""
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": forwarded_for})
    context.route("**/*", lambda r: r.continue_() if is_loopback(r.request.url) else r.abort())
    page = context.new_page()
    page.goto(f"{app}ladda-upp")
    wait_for_app(page)
    return page


def _sign_in(page: Page, name: str, password: str) -> None:
    page.get_by_label("Ditt namn (sparas med versionen)").fill(name)
    page.get_by_label("Analytikerlösenord").fill(password)
    page.get_by_role("button", name="Logga in som analytiker").click()


@pytest.mark.parametrize("trusted", [False, True], ids=["header-ignored", "proxy-trusted"])
def test_a_forwarded_address_counts_only_from_a_configured_proxy(
    browser: Browser, trusted: bool
) -> None:
    """Someone trying names through the proxy holds back the next analyst through it by a
    few seconds (one address for all), unless the proxy is configured: then each counts
    under the address the proxy names, and the analyst signs in at once."""
    env = {auth.HASH_ENV: auth.hash_password(PASSWORD)}
    if trusted:
        env[auth.PROXIES_ENV] = "127.0.0.1"
    with start_app(env) as app:
        guesser = _analyst_behind_the_proxy(browser, app, "203.0.113.7")
        analyst = _analyst_behind_the_proxy(browser, app, "198.51.100.1")
        for name in ("a", "b", "c"):
            if name != "a":
                time.sleep(2.2)  # every try counted: each comes after the wait before it
            _sign_in(guesser, name, "fel lösenord")
            expect(guesser.get_by_text("Fel lösenord.")).to_be_visible()
            wait_for_app(guesser)
            expect(guesser.get_by_text(re.compile("vänta"))).to_have_count(0)
        _sign_in(analyst, "Bo", PASSWORD)
        if trusted:
            expect(analyst.get_by_text("Inloggad som analytiker: Bo")).to_be_visible()
        else:
            expect(analyst.get_by_text(re.compile(r"vänta [1-4] sekunder"))).to_be_visible()
        for page in (guesser, analyst):
            page.context.close()
