"""``deploy/run --servers 2``: nginx in front of two app servers on its own PostgreSQL.

Two browsers land on different servers (the route cookie says which); a file uploaded and
published in one (the upload reaches its own server) is seen in the other; the viewer whose
server is killed reconnects to the other one with the same URL and view; ``deploy/run``'s
own stop ends every process it started."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from safetymap.versions import auth
from tests.e2e.analyst import (
    PASSWORD,
    choose_file,
    excel_export,
    read_rows,
    sign_in_and_publish,
)
from tests.e2e.conftest import wait_for_app
from tools.deployment import Deployment, start_deployment

STOP_TIMEOUT_S = 40.0


@pytest.fixture
def deployment() -> Iterator[Deployment]:
    with start_deployment(2, {auth.HASH_ENV: auth.hash_password(PASSWORD)}) as running:
        yield running


def _route(context: BrowserContext) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == "route"), None)


def _descendants(pid: int) -> set[int]:
    """``pid`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        current = todo.pop()
        found.add(current)
        todo += children.get(current, [])
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _open(browser: Browser, url: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(
        viewport={"width": 1440, "height": 1000}, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    page = context.new_page()
    page.goto(url)
    wait_for_app(page)
    return context, page


def test_two_servers_behind_nginx(deployment: Deployment, browser: Browser, tmp_path: Path) -> None:
    url = deployment.url
    view = f"{url}tidslinje?place=kista"
    viewer_context, viewer = _open(browser, view)  # seeds the store: version 1
    analyst_context, analyst = _open(browser, f"{url}ladda-upp")
    contexts = [viewer_context, analyst_context]
    try:
        viewer_route, analyst_route = _route(viewer_context), _route(analyst_context)
        assert {viewer_route, analyst_route} == {"s1", "s2"}, "each lands on its own server"

        path, changed = excel_export(tmp_path)
        completed = f'[role="graphics-symbol"][aria-label^="{changed["title"]}: genomförd, "]'
        # A measure elsewhere: the view (place=kista) leaves it out.
        elsewhere = next(r for r in read_rows() if r["place"].startswith("jakobsberg"))
        outside = f'[role="graphics-symbol"][aria-label^="{elsewhere["title"]}: "]'
        expect(viewer.locator(outside)).to_have_count(0)
        expect(viewer.locator(completed)).to_have_count(0)
        expect(analyst.get_by_text("Versionen som gäller nu är version 1.")).to_be_visible()
        choose_file(analyst, path)  # the upload goes to the analyst's server, the route's
        sign_in_and_publish(analyst, PASSWORD, "via nginx", 2)
        assert _route(analyst_context) == analyst_route

        viewer.reload()
        wait_for_app(viewer)
        expect(viewer.locator(completed).first).to_be_attached()
        assert _route(viewer_context) == viewer_route

        # The viewer's server dies: its page reconnects through nginx to the other server,
        # which draws the same view from the URL; deploy/run starts the dead one again.
        killed = deployment.servers[viewer_route]
        os.kill(killed, signal.SIGKILL)
        deployment.read_until(rf"server {viewer_route} \(pid {killed}\) exited", 30)
        deadline = time.monotonic() + 30
        while _route(viewer_context) != analyst_route and time.monotonic() < deadline:
            viewer.wait_for_timeout(250)
        assert _route(viewer_context) == analyst_route, "the viewer moved to the other server"
        wait_for_app(viewer)
        assert viewer.url == view
        expect(viewer.locator(completed).first).to_be_attached()
        expect(viewer.locator(outside)).to_have_count(0)
        deployment.read_until(rf"server {viewer_route} pid \d+ ", 30)
        assert deployment.servers[viewer_route] != killed
    finally:
        for context in contexts:
            context.close()

    # deploy/run's own stop ends every process it started.
    started = _descendants(deployment.process.pid) | set(deployment.others.values())
    started |= _descendants(deployment.others["postgres"])
    assert set(deployment.servers.values()) <= started
    deployment.process.send_signal(signal.SIGTERM)
    assert deployment.process.wait(timeout=STOP_TIMEOUT_S) == 0
    deployment.read_until(r"^deploy: stopped", 5)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in started if _alive(pid)] == []
