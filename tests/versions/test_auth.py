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


def test_a_hash_that_is_no_argon2_hash_is_named_as_broken() -> None:
    broken = auth.auth_config({}, {auth.HASH_ENV: "hemligt"})
    assert (broken.mode, broken.hash_valid, broken.hash_setting) == ("password", False, "env")
    cut_before_its_digest = HASH.rsplit("$", 1)[0]  # HASH[:-4] may still decode as a hash
    in_secrets = auth.auth_config(
        {"safetymap": {"analyst_password_hash": cut_before_its_digest}}, {}
    )
    assert (in_secrets.hash_valid, in_secrets.hash_setting) == (False, "secrets")
    assert auth.auth_config({}, {auth.HASH_ENV: HASH}).hash_valid
    assert not auth.is_password_hash("$argon2id$v=19$m=65536")
    assert not auth.is_password_hash("lösenord") and not auth.verify_password("lösen", "x")


def test_each_wrong_password_doubles_the_wait_and_a_right_one_clears_it() -> None:
    throttle = auth.Throttle()
    assert throttle.wait_seconds("Anna", "1.2.3.4", now=0.0) == 0
    throttle.failed("Anna", "1.2.3.4", now=10.0)
    assert throttle.wait_seconds("Anna", "1.2.3.4", now=10.0) == 1
    throttle.failed("anna ", "1.2.3.4", now=11.0)  # the same name, as the throttle counts it
    throttle.failed("ANNA", "1.2.3.4", now=13.0)
    assert throttle.wait_seconds("Anna", "1.2.3.4", now=13.0) == 4
    assert throttle.wait_seconds("Anna", "1.2.3.4", now=17.5) == 0
    assert throttle.wait_seconds("Anna", "5.6.7.8", now=13.0) == 0
    for _ in range(20):
        throttle.failed("Anna", "1.2.3.4", now=100.0)
    assert throttle.wait_seconds("Anna", "1.2.3.4", now=100.0) == auth.MAX_WAIT_S
    throttle.succeeded("Anna", "1.2.3.4")
    assert throttle.wait_seconds("Anna", "1.2.3.4", now=100.0) == 0


def test_one_names_wrong_tries_do_not_make_another_name_at_the_same_address_wait() -> None:
    # Behind a proxy every analyst has its address: a colleague mistyping six times, or a
    # guesser under one name, must not lock the others out.
    throttle = auth.Throttle()
    for second in range(6):
        throttle.failed("Gissare", auth.LOCAL, now=float(second))
    assert throttle.wait_seconds("Gissare", auth.LOCAL, now=6.0) == 32 - 1
    assert throttle.wait_seconds("Bo", auth.LOCAL, now=6.0) == 0


def test_trying_names_from_one_address_gets_one_try_in_a_few_seconds() -> None:
    throttle = auth.Throttle()
    for second, name in enumerate(["a", "b", "c", "d", "e", "f"]):
        throttle.failed(name, "1.2.3.4", now=float(second))
    # Every name waits, a name never tried as long as the shared limit at most.
    assert throttle.wait_seconds("Bo", "1.2.3.4", now=5.0) == auth.SHARED_WAIT_S
    assert throttle.wait_seconds("Bo", "1.2.3.4", now=5.0 + auth.SHARED_WAIT_S) == 0
    assert throttle.wait_seconds("Bo", "5.6.7.8", now=5.0) == 0
    # Two people mistyping once each hold a third back only as long as their streak says.
    pair = auth.Throttle()
    pair.failed("Anna", "1.2.3.4", now=0.0)
    pair.failed("Cilla", "1.2.3.4", now=0.0)
    assert pair.wait_seconds("Bo", "1.2.3.4", now=0.0) == 2
    assert pair.wait_seconds("Anna", "1.2.3.4", now=0.0) == 1


def test_a_right_password_clears_its_address_and_old_streaks_are_forgotten() -> None:
    throttle = auth.Throttle()
    for name in ("a", "b", "c"):
        throttle.failed(name, "1.2.3.4", now=0.0)
    throttle.succeeded("Bo", "1.2.3.4")
    assert throttle.wait_seconds("Dan", "1.2.3.4", now=0.0) == 0
    throttle.failed("a", "9.9.9.9", now=0.0)
    throttle.failed("x", "8.8.8.8", now=auth.FORGET_AFTER_S + 1)
    assert ("9.9.9.9", "a") not in throttle.streaks and "9.9.9.9" not in throttle.addresses


PROXIES, _ = auth.trusted_proxies("10.0.0.5, 10.1.0.0/16, 127.0.0.1")


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "counted"),
    [
        ("203.0.113.7", None, (), "203.0.113.7"),
        # Not configured: the header is ignored, whoever sends it.
        ("10.0.0.5", "198.51.100.1", (), "10.0.0.5"),
        ("203.0.113.7", "198.51.100.1", PROXIES, "203.0.113.7"),
        # A trusted proxy's: the rightmost address not itself a trusted proxy.
        ("10.0.0.5", "198.51.100.1", PROXIES, "198.51.100.1"),
        ("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.1.2.3", PROXIES, "198.51.100.1"),
        ("10.0.0.5", "evil, 198.51.100.1", PROXIES, "198.51.100.1"),
        ("10.0.0.5", "198.51.100.1, evil", PROXIES, "10.0.0.5"),
        ("10.0.0.5", "10.1.0.1", PROXIES, "10.1.0.1"),
        # Streamlit gives no address for this machine, and an IPv4 one mapped into IPv6.
        (None, None, (), auth.LOCAL),
        ("::ffff:127.0.0.1", "198.51.100.1", (), auth.LOCAL),
        ("::ffff:127.0.0.1", "198.51.100.1", PROXIES, "198.51.100.1"),
        ("::ffff:203.0.113.7", None, (), "203.0.113.7"),
        # A proxy on ::1 whose header Streamlit's server took by itself: still this machine,
        # unless this machine is a trusted proxy.
        ("198.51.100.1", "198.51.100.1", (), auth.LOCAL),
        ("198.51.100.1", "198.51.100.1", PROXIES, "198.51.100.1"),
    ],
)
def test_a_forwarded_address_counts_only_from_a_trusted_proxy(
    peer: str | None, forwarded: str | None, trusted: tuple, counted: str
) -> None:
    assert auth.client_address(peer, forwarded, trusted) == counted


def test_trusted_proxies_from_the_environment_or_secrets_with_bad_entries_named() -> None:
    config = auth.auth_config({}, {auth.PROXIES_ENV: "10.0.0.5, proxy.local, ::1, 10.2.0.0/33"})
    assert [str(n) for n in config.trusted_proxies] == ["10.0.0.5/32", "127.0.0.1/32"]
    assert config.bad_proxies == ("proxy.local", "10.2.0.0/33")
    listed = auth.auth_config({"safetymap": {"trusted_proxies": ["10.0.0.0/8"]}}, {})
    assert [str(n) for n in listed.trusted_proxies] == ["10.0.0.0/8"]
    assert auth.auth_config({}, {}).trusted_proxies == ()
