"""While the store of versions cannot be used, every page says why and keeps its sidebar
(issue #24); once the store is back, the data is shown again."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGES = ["", "tidslinje", "lagesbild", "uppfoljning", "jamfor", "data", "om-datan", "ladda-upp"]
PAGES += ["historik"]


def _open(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"views/{_file(page)}.py")
        at.run()
    return at


def _file(page: str) -> str:
    return {
        "tidslinje": "timeline",
        "lagesbild": "briefing",
        "uppfoljning": "followup",
        "jamfor": "compare",
        "om-datan": "about",
        "ladda-upp": "upload",
        "historik": "history",
    }.get(page, page)


@pytest.mark.parametrize("page", PAGES)
def test_a_damaged_store_is_named_on_every_page_with_the_sidebar_kept(
    own_store: Path, page: str
) -> None:
    own_store.write_bytes(b"ingen databas " * 500)
    at = _open(page)
    assert not at.exception, at.exception
    assert [e.value for e in at.title] == ["Datan kan inte visas just nu"]
    [error] = at.error
    assert "Versionsarkivet" in error.value and "är skadat" in error.value
    assert "SAFETYMAP\\_DB" in error.value  # the setting to look at (Markdown-escaped)
    assert "försöker igen" in at.caption[0].value
    assert [r.label for r in at.sidebar.radio] == ["Språk / Language"]


def test_the_outage_speaks_the_links_language_and_ends_when_the_store_is_back(
    own_store: Path,
) -> None:
    own_store.write_bytes(b"ingen databas " * 500)
    at = _open("", lang="en")
    assert [e.value for e in at.title] == ["The data cannot be shown right now"]
    assert "is damaged" in at.error[0].value
    own_store.unlink()  # the operator moves the damaged file away
    at.run()
    assert not at.exception, at.exception
    assert not at.error
    assert "The data cannot be shown right now" not in [e.value for e in at.title]
