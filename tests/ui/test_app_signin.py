"""The analyst sign-in in AppTest: wrong tries slowed per name and per address, a broken
password setting named. Every AppTest session has the same address (this machine's), as
every analyst has behind one proxy."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from safetymap.ui import auth as auth_ui
from safetymap.versions import auth
from safetymap.versions.store import Store
from tests.ui.conftest import PASSWORD, open_page, sign_in, texts


def _forget() -> None:
    auth_ui.THROTTLE.streaks.clear()
    auth_ui.THROTTLE.addresses.clear()


@pytest.fixture(autouse=True)
def no_wrong_tries() -> Iterator[None]:
    """The server's throttle (one per process) starts and ends each test empty."""
    _forget()
    yield
    _forget()


def test_six_wrong_tries_in_one_session_do_not_make_another_analysts_right_password_wait(
    monkeypatch, shipped: Store
) -> None:
    guesser = open_page("views/upload.py", monkeypatch, password=True)
    for _ in range(6):
        sign_in(guesser, "Gissare", "fel lösenord")
    assert "Fel lösenord." in texts(guesser) or "vänta" in texts(guesser)
    analyst = open_page("views/upload.py", monkeypatch, password=True)
    sign_in(analyst, "Bo", PASSWORD)
    assert "Inloggad som analytiker: Bo" in texts(analyst)
    # A longer streak holds back only its name: after five wrong tries a minute ago, the
    # first of these six is the sixth counted, and the others are refused while it waits.
    _forget()
    for _ in range(5):
        auth_ui.THROTTLE.failed("Gissare", auth.LOCAL, time.time() - 60)
    for _ in range(6):
        sign_in(guesser, "Gissare", "fel lösenord")
    waits = re.search(r"vänta (\d+) sekunder", texts(guesser))
    assert waits and 20 < int(waits.group(1)) <= 32, texts(guesser)
    other = open_page("views/upload.py", monkeypatch, password=True)
    sign_in(other, "Cilla", PASSWORD)
    assert "Inloggad som analytiker: Cilla" in texts(other)


def test_a_password_setting_that_is_no_argon2_hash_is_named_on_the_sign_in(
    monkeypatch, shipped: Store
) -> None:
    at = open_page("views/upload.py", monkeypatch, password=True)
    monkeypatch.setenv(auth.HASH_ENV, "mitt-hemliga-lösenord")
    at.run()
    assert not at.exception, at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith(
        "Inloggningen är trasig: inställningen `SAFETYMAP_ANALYST_PASSWORD_HASH` är ingen "
        "argon2-hash, så inget lösenord kan stämma. Gör en ny med "
        "`python -m safetymap hash-password`"
    )
    assert not [w for w in at.text_input if w.label == "Analytikerlösenord"]
