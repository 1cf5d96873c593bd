"""Who may publish: the analyst role, its sign-in methods, and slowing down password guessing.

Viewing, validating and previewing need no sign-in. Publishing and rollback need the analyst
role, given by one of (first match wins):

* **OIDC** — Streamlit's ``st.login`` when ``[auth]`` is configured in ``secrets.toml``; the
  signed-in e-mail must be in ``[safetymap] analyst_emails``;
* **password** — an argon2 hash in ``SAFETYMAP_ANALYST_PASSWORD_HASH`` or
  ``[safetymap] analyst_password_hash`` (make one with ``python -m safetymap hash-password``);
* otherwise publishing is **disabled**, and the pages say how to enable it.

Pure: no Streamlit here (``safetymap/ui/auth.py`` draws the sign-in).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

Mode = Literal["oidc", "password", "disabled"]
HASH_ENV = "SAFETYMAP_ANALYST_PASSWORD_HASH"
IDLE_ENV = "SAFETYMAP_ANALYST_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30
MAX_WAIT_S = 300.0  # the longest a run of wrong passwords makes anyone wait

_hasher = PasswordHasher()


@dataclass(frozen=True)
class AuthConfig:
    """How analysts sign in here, and how long an idle analyst stays signed in."""

    mode: Mode
    analyst_emails: frozenset[str] = frozenset()
    password_hash: str | None = None
    idle_minutes: int = DEFAULT_IDLE_MINUTES


def auth_config(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> AuthConfig:
    """The sign-in method configured in ``secrets`` (``st.secrets``) and the environment."""
    own = secrets.get("safetymap", {}) or {}
    emails = frozenset(str(e).strip().casefold() for e in own.get("analyst_emails", []) if e)
    password_hash = (environ.get(HASH_ENV) or own.get("analyst_password_hash") or "").strip()
    try:
        idle = int(environ.get(IDLE_ENV) or own.get("analyst_idle_minutes") or 0)
    except ValueError:
        idle = 0
    idle = idle if idle > 0 else DEFAULT_IDLE_MINUTES
    if "auth" in secrets and emails:
        return AuthConfig("oidc", emails, None, idle)
    if password_hash:
        return AuthConfig("password", frozenset(), password_hash, idle)
    return AuthConfig("disabled", frozenset(), None, idle)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` for ``SAFETYMAP_ANALYST_PASSWORD_HASH``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; a wrong password or a malformed hash is False."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def is_analyst_email(config: AuthConfig, email: str | None) -> bool:
    return bool(email) and str(email).strip().casefold() in config.analyst_emails


def idle_expired(last_seen: float, now: float, idle_minutes: int) -> bool:
    """True when a signed-in analyst has done nothing for longer than ``idle_minutes``."""
    return now - last_seen > idle_minutes * 60


@dataclass
class Throttle:
    """Slows down password guessing: after each wrong password from one client the next try
    waits twice as long (1 s, 2 s, 4 s … up to ``MAX_WAIT_S``); a right one clears it.

    One instance is shared by every session of a server, keyed by client address, so opening
    a new browser session does not reset the wait.
    """

    failures: dict[str, tuple[int, float]] = field(default_factory=dict)  # key → (count, last)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait_seconds(self, key: str, now: float) -> float:
        """How long ``key`` must still wait before its next try (0: it may try now)."""
        with self._lock:
            count, last = self.failures.get(key, (0, 0.0))
        if count == 0:
            return 0.0
        return max(0.0, last + min(2.0 ** (count - 1), MAX_WAIT_S) - now)

    def failed(self, key: str, now: float) -> None:
        with self._lock:
            count, _ = self.failures.get(key, (0, 0.0))
            self.failures[key] = (count + 1, now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self.failures.pop(key, None)
