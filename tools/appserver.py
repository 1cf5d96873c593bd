"""Start the app on a free loopback port for browser tests and benchmarks, and stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0


def free_port() -> int:
    """A TCP port on the loopback that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str, timeout_s: float = 2.0) -> bool:
    """Whether the Streamlit server at ``url`` answers its health check (``/_stcore/health``)."""
    try:
        with urlopen(f"{url}_stcore/health", timeout=timeout_s) as response:
            return response.read().strip() == b"ok"
    except (URLError, OSError):
        return False


def _wait_until_healthy(
    process: subprocess.Popen, url: str, log: IO[bytes], timeout_s: float
) -> None:
    """Poll the health endpoint; between polls wait for the process (fails fast if it dies)."""
    deadline = time.monotonic() + timeout_s
    while not healthy(url):
        if time.monotonic() > deadline:
            raise RuntimeError(f"Streamlit not healthy after {timeout_s:.0f} s:\n{_tail(log)}")
        try:
            process.wait(timeout=0.25)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"Streamlit exited with code {process.returncode}:\n{_tail(log)}")


def _tail(log: IO[bytes], chars: int = 4000) -> str:
    log.seek(0)
    return log.read().decode("utf-8", "replace")[-chars:]


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def app_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The command that serves the app (``streamlit run app.py``, headless) at ``address``
    and ``port``, on this interpreter; run it in the repository's folder."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        address,
        "--server.port",
        str(port),
    ]


@contextmanager
def start_app(
    extra_env: dict[str, str] | None = None,
    startup_timeout_s: float = STARTUP_TIMEOUT_S,
    log_path: Path | None = None,
    root: Path = ROOT,
) -> Iterator[str]:
    """Run ``streamlit run app.py`` in ``root`` (this checkout unless given another, which
    then runs on this interpreter and its packages) on a free port; yield its URL once
    healthy, then stop it.

    The server gets the test process's environment without any ``SAFETYMAP_*`` setting or
    ``DATABASE_URL`` (so the developer's shell cannot change what is tested), its own empty
    SQLite store in a temporary folder, plus ``extra_env``. Its output goes to ``log_path``
    when given (else to a temporary file shown when it fails to start).
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("SAFETYMAP_") and k != "DATABASE_URL"
    }
    command = app_command(port)
    with tempfile.TemporaryDirectory(prefix="safetymap-app-") as folder:
        env["SAFETYMAP_DB"] = str(Path(folder) / "safetymap.db")
        env.update(extra_env or {})
        with _running(command, env, url, startup_timeout_s, log_path, root):
            yield url


@contextmanager
def _running(
    command: list[str],
    env: dict[str, str],
    url: str,
    startup_timeout_s: float,
    log_path: Path | None,
    root: Path,
) -> Iterator[None]:
    """The server process, from healthy until stopped; its output goes to ``log_path`` or a
    temporary log."""
    with open(log_path, "w+b") if log_path else tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(process, url, log, startup_timeout_s)
            yield
        finally:
            _stop(process)
