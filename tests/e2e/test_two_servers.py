"""Two app servers on one PostgreSQL database: a version published through one is seen
through the other without a restart; a publisher killed mid-publish changes nothing on either."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from safetymap.versions import auth
from safetymap.versions.store import Store
from tests.conftest import fresh_database, publish_and_kill
from tests.e2e.analyst import PASSWORD, choose_file, excel_export, sign_in_and_publish
from tests.e2e.conftest import wait_for_app
from tools.appserver import start_app


@pytest.fixture
def two_servers(postgres_url: str) -> Iterator[tuple[str, str, str]]:
    """The database's URL and two servers on it: the first with an analyst password."""
    with fresh_database(postgres_url) as database, ExitStack() as stack:
        env = {"DATABASE_URL": database}
        first = stack.enter_context(start_app({**env, auth.HASH_ENV: auth.hash_password(PASSWORD)}))
        second = stack.enter_context(start_app(env))
        yield database, first, second


def _versions(page: Page, url: str):
    page.goto(f"{url}historik")
    wait_for_app(page)
    return page.get_by_test_id("stDataFrame").first


def test_publish_through_one_server_and_see_it_through_the_other(
    two_servers: tuple[str, str, str], browser: Browser, page: Page, tmp_path: Path
) -> None:
    database, first, second = two_servers
    viewer_context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        viewer = viewer_context.new_page()
        viewer.goto(f"{second}tidslinje?place=kista")  # seeds the shared store: version 1
        wait_for_app(viewer)
        path, changed = excel_export(tmp_path)
        ongoing = f'[role="graphics-symbol"][aria-label^="{changed["title"]}: pågående, "]'
        completed = f'[role="graphics-symbol"][aria-label^="{changed["title"]}: genomförd, "]'
        expect(viewer.locator(ongoing).first).to_be_attached()
        expect(viewer.locator(completed)).to_have_count(0)

        page.goto(f"{first}ladda-upp")
        wait_for_app(page)
        expect(page.get_by_text("Versionen som gäller nu är version 1.")).to_be_visible()
        choose_file(page, path)
        sign_in_and_publish(page, PASSWORD, "via server ett", 2)

        # The other server, never restarted, draws the new status on its next run.
        viewer.reload()
        wait_for_app(viewer)
        expect(viewer.locator(completed).first).to_be_attached()
        versions = _versions(viewer, second)
        expect(versions).to_contain_text("via server ett")

        # A publisher killed inside its transaction leaves version 2 in force on both.
        publish_and_kill(database)
        assert [v.number for v in Store(database).versions()] == [2, 1]
        for url in (first, second):
            versions = _versions(viewer, url)
            expect(versions).to_contain_text("via server ett")
            expect(versions).not_to_contain_text("crash")
        viewer.goto(f"{second}tidslinje?place=kista")
        wait_for_app(viewer)
        expect(viewer.locator(completed).first).to_be_attached()
    finally:
        viewer_context.close()
