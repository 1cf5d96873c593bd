"""The analyst sign-in block (see ``safetymap/versions/auth.py`` for the rules it applies)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import streamlit as st

from safetymap.contract.i18n import escape_markdown, t
from safetymap.contract.problems import Lang
from safetymap.versions import auth

_SESSION_KEY = "_analyst"


@dataclass(frozen=True)
class Analyst:
    """A signed-in analyst: the name kept with what they publish."""

    name: str


# One throttle per server process, shared by every session (it guards itself with a lock).
THROTTLE = auth.Throttle()


def config() -> auth.AuthConfig:
    try:
        secrets = st.secrets.to_dict()
    except FileNotFoundError:
        secrets = {}
    return auth.auth_config(secrets, os.environ)


def _client(settings: auth.AuthConfig) -> str:
    """The address a sign-in try counts under (``auth.client_address``): the connection's,
    or the one a trusted proxy names in ``X-Forwarded-For``."""
    address = st.context.ip_address
    forwarded = st.context.headers.get("X-Forwarded-For")
    return auth.client_address(
        address if isinstance(address, str) and address else None,
        forwarded if isinstance(forwarded, str) else None,
        settings.trusted_proxies,
    )


def analyst(lang: Lang) -> Analyst | None:
    """Draw the sign-in block; return the analyst signed in on this session, if any."""
    settings = config()
    st.subheader(t("analyst_heading", lang))
    if settings.mode == "disabled":
        st.info(t("signin_disabled", lang))
        return None
    if settings.mode == "oidc":
        return _oidc(settings, lang)
    if not settings.hash_valid:
        # Every password would be wrong, and nothing would say why.
        setting = t(f"setting_hash_{settings.hash_setting}", lang)
        st.error(t("signin_hash_invalid", lang, setting=setting))
        return None
    if settings.bad_proxies:
        bad = escape_markdown(", ".join(settings.bad_proxies))
        st.warning(t("signin_proxies_invalid", lang, entries=bad))
    return _password(settings, lang)


def _oidc(settings: auth.AuthConfig, lang: Lang) -> Analyst | None:
    if not st.user.get("is_logged_in"):
        st.button(t("signin_oidc_button", lang), on_click=st.login)
        return None
    email = str(st.user.get("email") or "")
    if not auth.is_analyst_email(settings, email):
        st.warning(t("signin_not_analyst", lang, email=escape_markdown(email)))
        st.button(t("signout_button", lang), on_click=st.logout)
        return None
    name = str(st.user.get("name") or email)
    st.caption(t("signed_in_as", lang, name=escape_markdown(name)))
    st.button(t("signout_button", lang), on_click=st.logout)
    return Analyst(name)


def _password(settings: auth.AuthConfig, lang: Lang) -> Analyst | None:
    session = st.session_state.get(_SESSION_KEY)
    now = time.time()
    if session is not None:
        if auth.idle_expired(session["last_seen"], now, settings.idle_minutes):
            del st.session_state[_SESSION_KEY]
            st.warning(t("signin_expired", lang, m=settings.idle_minutes))
        else:
            session["last_seen"] = now
            st.caption(t("signed_in_as", lang, name=escape_markdown(session["name"])))
            if st.button(t("signout_button", lang)):
                del st.session_state[_SESSION_KEY]
                st.rerun()
            return Analyst(session["name"])
    with st.form("analyst_signin", enter_to_submit=True):
        name = st.text_input(t("signin_name", lang), max_chars=100)
        password = st.text_input(t("signin_password", lang), type="password")
        submitted = st.form_submit_button(t("signin_button", lang))
    if submitted:
        _try_password(settings, name.strip(), password, lang)
    return None


def _try_password(settings: auth.AuthConfig, name: str, password: str, lang: Lang) -> None:
    throttle, client, now = THROTTLE, _client(settings), time.time()
    wait = throttle.wait_seconds(name, client, now)
    if wait > 0:
        st.error(t("signin_wait", lang, s=int(wait) + 1))
        return
    if not name:
        st.error(t("signin_name_missing", lang))
        return
    assert settings.password_hash is not None
    if not auth.verify_password(settings.password_hash, password):
        throttle.failed(name, client, now)
        st.error(t("signin_wrong", lang))
        return
    throttle.succeeded(name, client)
    st.session_state[_SESSION_KEY] = {"name": name, "last_seen": now}
    st.rerun()
