"""What the AppTest modules share: fresh Streamlit caches for every test, the test's own
store seeded with the shipped file, and the steps of an analyst on a page (open it, sign in,
press a button, read the messages)."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from safetymap.config import get_settings
from safetymap.contract.i18n import WORD_JOINER
from safetymap.intake.places import Places
from safetymap.versions import auth, publishing
from safetymap.versions.store import Store
from tests.conftest import ROOT

PASSWORD = "ett långt lösenord"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Nothing cached by one test (a store, a version's rows, a map) is seen by the next."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture
def shipped(places: Places) -> Store:
    """The test's own store with the shipped file as version 1."""
    store = Store(get_settings().store_url)
    publishing.seed(store, ROOT / "measures.csv", places)
    return store


def open_page(page: str, monkeypatch: pytest.MonkeyPatch, password: bool) -> AppTest:
    """The app on the test's store, switched to ``page``; with ``password``, an analyst
    password is configured (``PASSWORD``), else no sign-in at all."""
    monkeypatch.delenv("SAFETYMAP_MEASURES", raising=False)
    if password:
        monkeypatch.setenv(auth.HASH_ENV, auth.hash_password(PASSWORD))
    else:
        monkeypatch.delenv(auth.HASH_ENV, raising=False)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def field(at: AppTest, label: str):
    """The text input or select labelled ``label``."""
    return next(w for w in [*at.text_input, *at.selectbox] if w.label == label)


def button(at: AppTest, label: str):
    """The first button whose label starts with ``label``."""
    return next(b for b in at.button if b.label.startswith(label))


def sign_in(at: AppTest, name: str, password: str) -> None:
    field(at, "Ditt namn (sparas med versionen)").input(name)
    field(at, "Analytikerlösenord").input(password)
    button(at, "Logga in som analytiker").click().run()


def texts(at: AppTest) -> str:
    """The page's messages as a reader sees them: Markdown escapes and the invisible word
    joiners that keep addresses from becoming links left out."""
    shown = "\n".join(e.value for e in [*at.info, *at.error, *at.success, *at.caption, *at.warning])
    return re.sub(r"\\(.)", r"\1", shown).replace(WORD_JOINER, "")
