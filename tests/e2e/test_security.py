"""Security settings as a running server shows them: secrets stay out of pages and logs, the
XSRF protection and CORS keep Streamlit's safe defaults."""

from __future__ import annotations

from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

from playwright.sync_api import Page, WebSocket, expect
from sqlalchemy.engine import make_url

from safetymap import auth
from tests.conftest import fresh_database
from tests.e2e.conftest import wait_for_app
from tools.appserver import start_app

PAGES = ("", "tidslinje", "lagesbild", "jamfor", "data", "om-datan", "ladda-upp", "historik")
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
