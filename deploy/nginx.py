"""nginx's configuration for a deployment: the template beside this file, filled in."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "nginx.conf.template"
STREAMLIT_CONFIG = HERE.parent / ".streamlit" / "config.toml"
UPLOAD_ENV = "STREAMLIT_SERVER_MAX_UPLOAD_SIZE"
FAIL_TIMEOUT = "10s"  # how long a server that did not answer is passed over


@dataclass(frozen=True)
class Route:
    """One app server as nginx sees it: the route cookie's value and its address."""

    name: str
    port: int

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


def upload_limit_mb(config: Path = STREAMLIT_CONFIG) -> int:
    """The app's upload limit in MB (``server.maxUploadSize``, its environment variable
    first, as Streamlit reads it; Streamlit's default 200 when neither sets it)."""
    if os.environ.get(UPLOAD_ENV):
        return int(os.environ[UPLOAD_ENV])
    options = tomllib.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
    return int(options.get("server", {}).get("maxUploadSize", 200))


def _server(route: Route, extra: str = "") -> str:
    return f"        server {route.address} max_fails=1 fail_timeout={FAIL_TIMEOUT}{extra};"


def render(routes: list[Route], listen: str, run: Path, max_body_mb: int) -> str:
    """The configuration: nginx on ``listen`` (``address:port``) in front of ``routes``,
    its pid, logs and temporary files in ``run``, bodies up to ``max_body_mb``.

    nginx counts ``m`` as MiB, a little more than Streamlit's MB (10^6 bytes): the room a
    multipart upload's envelope takes around a file at the limit."""
    cookies = ["    map $upstream_addr $route_cookie {", '        default "";']
    chosen = ["    map $cookie_route $route_upstream {", "        default app;"]
    upstreams = ["    upstream app {", "        zone app 64k;", "        least_conn;"]
    upstreams += [_server(route) for route in routes] + ["    }"]
    for route in routes:
        pattern = route.address.replace(".", r"\.")
        cookie = f"route={route.name}; Path=/; HttpOnly; SameSite=Lax"
        cookies.append(f'        "~{pattern}$" "{cookie}";')
        group = f"server_{route.name}"
        chosen.append(f"        {route.name} {group};")
        upstreams += [f"    upstream {group} {{", f"        zone {group} 64k;", _server(route)]
        others = [other for other in routes if other != route]
        upstreams += [f"        server {other.address} backup;" for other in others]
        upstreams.append("    }")
    values = {
        "run": str(run),
        "listen": listen,
        "max_body": f"{max_body_mb}m",
        "route_cookies": "\n".join([*cookies, "    }"]),
        "route_upstreams": "\n".join([*chosen, "    }"]),
        "upstreams": "\n".join(upstreams),
    }
    text = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text
