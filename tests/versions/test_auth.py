"""The analyst role: which sign-in is configured, passwords, idle expiry, guessing slowed."""

from __future__ import annotations

import pytest

from safetymap.versions import auth

HASH = auth.hash_password("rätt lösenord")


def test_nothing_configured_disables_publishing() -> None:
    assert auth.auth_config({}, {}).mode == "disabled"
    # An allow-list without OIDC, or OIDC without an allow-list, enables nothing either.
    assert auth.auth_config({"safetymap": {"analyst_emails": ["a@b.se"]}}, {}).mode == "disabled"
    assert auth.auth_config({"auth": {"redirect_uri": "x"}}, {}).mode == "disabled"


def test_password_hash_from_environment_or_secrets() -> None:
    from_env = auth.auth_config({}, {auth.HASH_ENV: HASH})
    from_secrets = auth.auth_config({"safetymap": {"analyst_password_hash": HASH}}, {})
    assert from_env.mode == from_secrets.mode == "password"
    assert from_env.password_hash == from_secrets.password_hash == HASH


def test_oidc_with_an_allow_list_wins_and_matches_emails_case_blind() -> None:
    config = auth.auth_config(
        {"auth": {"redirect_uri": "x"}, "safetymap": {"analyst_emails": ["Anna@Kommun.se"]}},
        {auth.HASH_ENV: HASH},
    )
    assert config.mode == "oidc"
    assert auth.is_analyst_email(config, "anna@kommun.se ")
    assert not auth.is_analyst_email(config, "bo@kommun.se")
    assert not auth.is_analyst_email(config, None)


def test_passwords_are_checked_against_the_hash() -> None:
    assert HASH.startswith("$argon2id$")
    assert auth.verify_password(HASH, "rätt lösenord")
    assert not auth.verify_password(HASH, "fel")
    assert not auth.verify_password("inte en hash", "rätt lösenord")


@pytest.mark.parametrize(("setting", "minutes"), [("5", 5), ("", 30), ("x", 30), ("-1", 30)])
def test_idle_minutes_from_the_environment(setting: str, minutes: int) -> None:
    assert auth.auth_config({}, {auth.IDLE_ENV: setting}).idle_minutes == minutes


def test_an_idle_sign_in_expires() -> None:
    assert not auth.idle_expired(last_seen=1000.0, now=1000.0 + 29 * 60, idle_minutes=30)
    assert auth.idle_expired(last_seen=1000.0, now=1000.0 + 31 * 60, idle_minutes=30)


def test_each_wrong_password_doubles_the_wait_and_a_right_one_clears_it() -> None:
    throttle = auth.Throttle()
    assert throttle.wait_seconds("1.2.3.4", now=0.0) == 0
    throttle.failed("1.2.3.4", now=10.0)
    assert throttle.wait_seconds("1.2.3.4", now=10.0) == 1
    throttle.failed("1.2.3.4", now=11.0)
    throttle.failed("1.2.3.4", now=13.0)
    assert throttle.wait_seconds("1.2.3.4", now=13.0) == 4
    assert throttle.wait_seconds("1.2.3.4", now=17.5) == 0
    assert throttle.wait_seconds("5.6.7.8", now=13.0) == 0
    for _ in range(20):
        throttle.failed("1.2.3.4", now=100.0)
    assert throttle.wait_seconds("1.2.3.4", now=100.0) == auth.MAX_WAIT_S
    throttle.succeeded("1.2.3.4")
    assert throttle.wait_seconds("1.2.3.4", now=100.0) == 0
