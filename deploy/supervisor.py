"""``deploy/run``: nginx in front of N app servers on one PostgreSQL, in the foreground.

Starts, in this order, PostgreSQL (its own cluster in ``--data`` unless ``DATABASE_URL`` is
set), ``--servers`` app servers (``streamlit run app.py`` on free loopback ports, each in a
process group of its own) and nginx on ``--port``; prints each one's process id; then
watches the app servers (a server that exits, or fails its health check
``/_stcore/health`` ``FAILS`` times in a row, is started again on its port) until SIGINT or
SIGTERM, and stops everything it started, by process id: nginx, the app servers (SIGTERM,
then SIGKILL to each one's group after ``STOP_TIMEOUT_S``), PostgreSQL (``pg_ctl stop``,
which signals the pid in its ``postmaster.pid``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from deploy import nginx
from tools.appserver import ROOT, app_command, free_port, healthy
from tools.pgserver import Server, cluster

DATA = ROOT / "deploy" / "data"  # the default data folder, kept between runs (git ignores it)
NGINX = "/usr/sbin/nginx"
STARTUP_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 10.0
WATCH_EVERY_S = 1.0
HEALTH_TIMEOUT_S = 5.0
FAILS = 6  # failed health checks in a row before a running server is restarted


def say(message: str) -> None:
    print(f"deploy: {message}", flush=True)


@dataclass
class AppServer:
    """One app server: its route name, port and process (None until started)."""

    name: str
    port: int
    log: Path
    process: subprocess.Popen | None = None
    fails: int = 0
    ready: bool = False
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self, env: dict[str, str]) -> None:
        if self._log is None:
            self._log = self.log.open("ab")
        self.process = subprocess.Popen(
            app_command(self.port),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: Ctrl-C reaches deploy/run only
        )
        self.fails, self.ready = 0, False
        say(f"server {self.name} pid {self.process.pid} {self.url} (log {self.log})")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL to its process group (its API worker too) if it lingers."""
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT_S)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)  # the group it leads: what it started
        process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None


class Deployment:
    """What ``deploy/run`` starts, and its stop."""

    def __init__(self, servers: int, address: str, port: int, data: Path) -> None:
        self.address, self.port, self.data = address, port, data
        self.run = data / "run"
        self.postgres: Server | None = None
        self.nginx: subprocess.Popen | None = None
        self.apps = [
            AppServer(f"s{i}", free_port(), self.run / f"server-s{i}.log")
            for i in range(1, servers + 1)
        ]
        self.stopping = threading.Event()
        self.env: dict[str, str] = {}

    def environment(self) -> dict[str, str]:
        """The app servers' environment: this one's, with the store, the shared cookie
        secret (an XSRF token one server signed must hold on another after a failover) and
        nginx as the trusted proxy (the sign-in's throttle then counts the viewer's own
        address from X-Forwarded-For)."""
        env = dict(os.environ)
        if not env.get("DATABASE_URL"):
            self.postgres = self._own_postgres()
            env["DATABASE_URL"] = self.postgres.url
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        env.setdefault("SAFETYMAP_TRUSTED_PROXIES", "127.0.0.1")
        return env

    def _own_postgres(self) -> Server:
        server = cluster(self.data / "postgres", free_port())
        if server.create():
            say(f"PostgreSQL cluster created in {server.data}")
        server.start()
        server.create_database()
        say(f"postgres pid {server.pid} {server.url} (data {server.data})")
        return server

    def start(self) -> None:
        self.run.mkdir(parents=True, exist_ok=True)
        self.env = self.environment()
        for app in self.apps:
            app.start(self.env)
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        for app in self.apps:
            while not healthy(app.url):
                if app.process is not None and app.process.poll() is not None:
                    raise RuntimeError(f"server {app.name} exited: see {app.log}")
                if self.stopping.wait(0.25):
                    return  # asked to stop while starting
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server {app.name} not healthy: see {app.log}")
            app.ready = True
        self._start_nginx()
        say(f"ready: http://{self.address}:{self.port}/ ({len(self.apps)} servers)")

    def _start_nginx(self) -> None:
        routes = [nginx.Route(app.name, app.port) for app in self.apps]
        conf = self.run / "nginx.conf"
        listen = f"{self.address}:{self.port}"
        conf.write_text(nginx.render(routes, listen, self.run, nginx.upload_limit_mb()))
        command = [NGINX, "-p", str(self.run), "-c", str(conf)]
        subprocess.run([*command, "-t", "-q"], check=True)
        self.nginx = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True)
        say(f"nginx pid {self.nginx.pid} listening on {listen} (conf {conf})")

    def watch(self) -> None:
        """Until asked to stop: a server that exited, or stopped answering, starts again."""
        while not self.stopping.wait(WATCH_EVERY_S):
            if self.nginx is not None and self.nginx.poll() is not None:
                say(f"nginx exited with code {self.nginx.returncode}: stopping")
                return
            for app in self.apps:
                if self.stopping.is_set():
                    return
                self._check(app)

    def _check(self, app: AppServer) -> None:
        process = app.process
        assert process is not None
        if process.poll() is not None:
            say(f"server {app.name} (pid {process.pid}) exited with code {process.returncode}")
            app.stop()
            app.start(self.env)
            return
        if healthy(app.url, HEALTH_TIMEOUT_S):
            if not app.ready:
                say(f"server {app.name} (pid {process.pid}) healthy")
            app.fails, app.ready = 0, True
            return
        if not app.ready:
            return  # still starting
        app.fails += 1
        if app.fails >= FAILS:
            say(f"server {app.name} (pid {process.pid}) failed {FAILS} health checks: restart")
            app.stop()
            app.start(self.env)

    def stop(self) -> None:
        """Stop everything this deployment started, by process id, last started first."""
        if self.nginx is not None:
            if self.nginx.poll() is None:
                self.nginx.terminate()  # nginx's fast shutdown; it stops its workers
            self.nginx.wait()
            say(f"nginx (pid {self.nginx.pid}) stopped")
        for app in self.apps:
            if app.process is not None:
                app.stop()
                say(f"server {app.name} (pid {app.process.pid}) stopped")
        if self.postgres is not None:
            pid = self.postgres.pid
            self.postgres.stop("fast")
            say(f"postgres (pid {pid}) stopped")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="deploy/run", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument(
        "--servers", type=int, default=os.cpu_count() or 1, help="app servers (default: cores)"
    )
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (default 8080)")
    parser.add_argument(
        "--address", default="0.0.0.0", help="nginx's address (default 0.0.0.0: every one)"
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=DATA,
        help=f"the data folder: PostgreSQL's cluster, logs (default {DATA})",
    )
    args = parser.parse_args(argv)
    if args.servers < 1:
        parser.error("--servers must be at least 1")
    deployment = Deployment(args.servers, args.address, args.port, args.data.resolve())

    def stop(signum: int, _frame: object) -> None:
        say(f"{signal.Signals(signum).name}: stopping")
        deployment.stopping.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        deployment.start()
        deployment.watch()
    except subprocess.CalledProcessError as error:
        say(f"failed: {' '.join(error.cmd)}: {error.stderr or error.stdout or error}")
        return 1
    except RuntimeError as error:
        say(f"failed: {error}")
        return 1
    finally:
        deployment.stop()
        say("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
