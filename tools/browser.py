"""How this project starts Debian's Chromium headless (shared by the e2e tests and tools)."""

from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Nothing leaves the machine, and nothing is routed through Playwright to make sure of it
# (a round trip through the test process for each of a page's ~100 requests, which a
# benchmark would time as well: about 0.35 s of a first map). No host name but the loopback
# resolves, and every other request goes to a proxy that is not there; Chromium never sends
# loopback requests through a proxy. The e2e tests route instead, to name what was blocked.
OFFLINE_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1"})


def is_loopback(url: str) -> bool:
    """A plain http or websocket URL on this machine: what the app serves."""
    parts = urlsplit(url)
    return parts.scheme in {"http", "ws"} and parts.hostname in LOOPBACK_HOSTS
