"""A real PostgreSQL stopped while someone browses, and started again (issue #24): the page
says what is wrong in its language, keeps its sidebar, and shows the data again by itself."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import fresh_database
from tests.e2e.conftest import wait_for_app
from tools.appserver import start_app
from tools.pgserver import Server, postgres_server


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with postgres_server() as started:
        yield started


@pytest.fixture(scope="module")
def app_on_postgres(server: Server) -> Iterator[str]:
    with fresh_database(server.url) as url, start_app({"DATABASE_URL": url}) as app:
        yield app


def test_a_stopped_database_is_named_and_its_return_shows_the_data_again(
    page: Page, app_on_postgres: str, server: Server
) -> None:
    page.goto(f"{app_on_postgres}data?place=klara")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()
    server.stop()
    try:
        page.get_by_role("link", name="Historik").click()
        outage = page.get_by_role("heading", name="Datan kan inte visas just nu")
        expect(outage).to_be_visible(timeout=30_000)
        expect(
            page.get_by_text(re.compile(r"Versionsarkivet går inte att nå \(127\.0\.0\.1:"))
        ).to_be_visible()
        expect(page.get_by_text("DATABASE_URL", exact=False).first).to_be_visible()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_role("link", name="Karta")).to_be_visible()
        expect(sidebar.get_by_role("radio", name="English")).to_be_attached()
        expect(page.get_by_text("Traceback")).to_have_count(0)
    finally:
        server.start()
    # No reload: the page tries again by itself and shows the versions.
    expect(page.get_by_role("heading", name="Datan kan inte visas just nu")).to_have_count(
        0, timeout=30_000
    )
    expect(page.get_by_role("heading", name="Historik")).to_be_visible()
    versions = page.get_by_test_id("stDataFrame").first
    expect(versions).to_be_visible()
    expect(versions.get_by_text("Första versionen (levererad data)").first).to_be_attached()
    # The view chosen before the outage is still the view.
    place = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    expect(place).to_contain_text("Klara")
    page.get_by_test_id("stSidebar").get_by_role("link", name="Data", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]place=klara(&|$)"))
