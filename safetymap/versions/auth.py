"""Who may publish: the analyst role, its sign-in methods, and slowing down password guessing.

Viewing, validating and previewing need no sign-in. Publishing and rollback need the analyst
role, given by one of (first match wins):

* **OIDC** — Streamlit's ``st.login`` when ``[auth]`` is configured in ``secrets.toml``; the
  signed-in e-mail must be in ``[safetymap] analyst_emails``;
* **password** — an argon2 hash in ``SAFETYMAP_ANALYST_PASSWORD_HASH`` or
  ``[safetymap] analyst_password_hash`` (make one with ``python -m safetymap hash-password``;
  a value that is no argon2 hash is named as broken, and nobody can sign in with it);
* otherwise publishing is **disabled**, and the pages say how to enable it.

Wrong passwords are slowed down per name at each address and per address (``Throttle``); the
address is the connection's, or the one a trusted proxy names (``client_address``,
``SAFETYMAP_TRUSTED_PROXIES``).

Pure: no Streamlit here (``safetymap/ui/auth.py`` draws the sign-in).
"""

from __future__ import annotations

import functools
import ipaddress
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

Mode = Literal["oidc", "password", "disabled"]
HASH_ENV = "SAFETYMAP_ANALYST_PASSWORD_HASH"
IDLE_ENV = "SAFETYMAP_ANALYST_IDLE_MINUTES"
PROXIES_ENV = "SAFETYMAP_TRUSTED_PROXIES"
DEFAULT_IDLE_MINUTES = 30
MAX_WAIT_S = 300.0  # the longest a run of wrong passwords makes anyone wait
# The longest wrong tries under other names from the same address make a name wait, once
# they come under two names or more (someone trying names, not a colleague mistyping).
SHARED_WAIT_S = 4.0
FORGET_AFTER_S = 24 * 3600.0  # a streak this old is forgotten
LOCAL = "localhost"  # the throttle's key for a connection from this machine

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_hasher = PasswordHasher()


@dataclass(frozen=True)
class AuthConfig:
    """How analysts sign in here, and how long an idle analyst stays signed in."""

    mode: Mode
    analyst_emails: frozenset[str] = frozenset()
    password_hash: str | None = None
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    # Where the password hash was set (the environment or secrets.toml), for messages, and
    # whether it is an argon2 hash at all.
    hash_setting: Literal["env", "secrets"] = "env"
    hash_valid: bool = True
    trusted_proxies: tuple[Network, ...] = ()
    # The entries of the trusted proxies' setting that are no address or network.
    bad_proxies: tuple[str, ...] = ()


def auth_config(secrets: Mapping[str, Any], environ: Mapping[str, str]) -> AuthConfig:
    """The sign-in method configured in ``secrets`` (``st.secrets``) and the environment."""
    own = secrets.get("safetymap", {}) or {}
    emails = frozenset(str(e).strip().casefold() for e in own.get("analyst_emails", []) if e)
    from_env = (environ.get(HASH_ENV) or "").strip()
    password_hash = from_env or str(own.get("analyst_password_hash") or "").strip()
    try:
        idle = int(environ.get(IDLE_ENV) or own.get("analyst_idle_minutes") or 0)
    except ValueError:
        idle = 0
    idle = idle if idle > 0 else DEFAULT_IDLE_MINUTES
    proxies, bad = trusted_proxies(environ.get(PROXIES_ENV) or own.get("trusted_proxies") or "")
    common = {"idle_minutes": idle, "trusted_proxies": proxies, "bad_proxies": bad}
    if "auth" in secrets and emails:
        return AuthConfig("oidc", emails, None, **common)
    if password_hash:
        return AuthConfig(
            "password",
            password_hash=password_hash,
            hash_setting="env" if from_env else "secrets",
            hash_valid=is_password_hash(password_hash),
            **common,
        )
    return AuthConfig("disabled", **common)


@functools.cache
def is_password_hash(value: str) -> bool:
    """Whether ``value`` is a whole argon2 hash (what ``hash_password`` makes), whatever its
    password: a value that is not makes every password wrong. Checked once per value, by
    checking a password against it (which only a whole hash can refuse as not matching)."""
    try:
        _hasher.verify(value, "")
    except VerifyMismatchError:
        return True
    except (VerificationError, InvalidHashError, UnicodeEncodeError):
        return False
    return True


def trusted_proxies(setting: str | Sequence[str]) -> tuple[tuple[Network, ...], tuple[str, ...]]:
    """The networks of ``setting`` (addresses or networks, separated by commas, or a list of
    them), with every loopback address as 127.0.0.1; and the entries that are neither."""
    entries = setting.split(",") if isinstance(setting, str) else [str(e) for e in setting]
    networks: list[Network] = []
    bad: list[str] = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            bad.append(entry)
            continue
        if network.num_addresses == 1:
            network = ipaddress.ip_network(_address(network.network_address))
        networks.append(network)
    return tuple(networks), tuple(bad)


def _address(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """One form per address: an IPv4 address mapped into IPv6 as IPv4, and every loopback
    address (``::1``, 127.x) as 127.0.0.1."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return ipaddress.IPv4Address("127.0.0.1") if address.is_loopback else address


def _parsed(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return _address(ipaddress.ip_address((text or "").strip().strip("[]")))
    except ValueError:
        return None


def client_address(peer: str | None, forwarded_for: str | None, trusted: Sequence[Network]) -> str:
    """The address a sign-in try counts under.

    ``peer`` is the connection's address as Streamlit gives it: None for one from this
    machine, and the header's address when Streamlit's server (uvicorn) took it from
    ``X-Forwarded-For`` itself, as it does for a proxy connecting over ``::1``; such a peer
    counts as this machine. ``forwarded_for`` (the header's addresses, oldest first, each
    proxy adding the one it was reached from) is honoured only when the peer is one of the
    ``trusted`` proxies: then the rightmost address in it that is not itself trusted. A
    malformed address stops the walk at the proxy before it.
    """
    hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
    address = _parsed(peer)
    if address is None or (hops and str(address) in {str(_parsed(h)) for h in hops}):
        address = ipaddress.IPv4Address("127.0.0.1")
    if any(address in network for network in trusted):
        for hop in map(_parsed, reversed(hops)):
            if hop is None:
                break
            if not any(hop in network for network in trusted):
                return _key(hop)
            address = hop
    return _key(address)


def _key(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    return LOCAL if address.is_loopback else str(address)


def account(name: str) -> str:
    """A name as the throttle counts it: case and runs of spaces do not make another."""
    return " ".join(name.split()).casefold()


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` for ``SAFETYMAP_ANALYST_PASSWORD_HASH``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches; a wrong password or a malformed hash is False."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError, UnicodeEncodeError):
        return False


def is_analyst_email(config: AuthConfig, email: str | None) -> bool:
    return bool(email) and str(email).strip().casefold() in config.analyst_emails


def idle_expired(last_seen: float, now: float, idle_minutes: int) -> bool:
    """True when a signed-in analyst has done nothing for longer than ``idle_minutes``."""
    return now - last_seen > idle_minutes * 60


@dataclass
class _Streak:
    """Wrong passwords in a row: how many, the last one's time, and (for an address) up to
    three of the names they came under."""

    count: int = 0
    last: float = 0.0
    names: tuple[str, ...] = ()


def _backoff(count: int) -> float:
    return 0.0 if count == 0 else min(2.0 ** (count - 1), MAX_WAIT_S)


@dataclass
class Throttle:
    """Slows down password guessing, counted per name at each address and per address.

    After each wrong password under a name from an address, that name's next try from there
    waits twice as long (1 s, 2 s, 4 s … up to ``MAX_WAIT_S``); a right one clears it. The
    address's wrong tries under every name make another name wait too, at most
    ``SHARED_WAIT_S``, and only once they came under two names or more: a colleague who
    mistypes six times does not make the next analyst behind the same proxy wait, and
    someone trying names gets one try in ``SHARED_WAIT_S`` from an address. (The password is
    shared and the name is free text, so the address is what holds a guesser back.)

    One instance is shared by every session of a server, so opening a new browser session
    does not reset a wait. Streaks older than ``FORGET_AFTER_S`` are forgotten.
    """

    streaks: dict[tuple[str, str], _Streak] = field(default_factory=dict)
    addresses: dict[str, _Streak] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def wait_seconds(self, name: str, address: str, now: float) -> float:
        """How long a try under ``name`` from ``address`` must still wait (0: it may try now)."""
        name = account(name)
        with self._lock:
            own = self.streaks.get((address, name), _Streak())
            shared = self.addresses.get(address, _Streak())
        wait = own.last + _backoff(own.count) - now
        if len(set(shared.names) - {name}) >= 2:
            wait = max(wait, shared.last + min(_backoff(shared.count), SHARED_WAIT_S) - now)
        return max(0.0, wait)

    def failed(self, name: str, address: str, now: float) -> None:
        name = account(name)
        with self._lock:
            self._forget(now)
            own = self.streaks.setdefault((address, name), _Streak())
            own.count, own.last = own.count + 1, now
            shared = self.addresses.setdefault(address, _Streak())
            shared.count, shared.last = shared.count + 1, now
            if name not in shared.names:
                shared.names = (*shared.names, name)[-3:]

    def succeeded(self, name: str, address: str) -> None:
        """A right password under ``name`` from ``address`` clears that name's streak there
        and the address's."""
        with self._lock:
            self.streaks.pop((address, account(name)), None)
            self.addresses.pop(address, None)

    def _forget(self, now: float) -> None:
        for table in (self.streaks, self.addresses):
            for key in [k for k, streak in table.items() if now - streak.last > FORGET_AFTER_S]:
                del table[key]
