"""A throwaway PostgreSQL server on loopback for tests: ``with start_postgres() as url: ...``,
or ``with postgres_server() as server:`` to stop and start it again.

Uses Debian's ``postgresql`` package (installed by README's test command): ``initdb`` into a
temporary directory, ``pg_ctl`` on a free port with its socket in that directory, then the
server is stopped and the directory removed. PostgreSQL refuses to run as root, so as root
the server runs as the package's ``postgres`` user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
DATABASE = "safetymap"


def _binary(name: str) -> str:
    for folder in BIN_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(
            f"PostgreSQL's {name} was not found: install Debian's postgresql package "
            "(README's test command does: apt-get install -y postgresql)"
        )
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass(frozen=True)
class Server:
    """A running private server: its URL, and the means to stop and start it again (the
    data folder is kept), as an outage and its end would."""

    url: str
    data: Path
    options: str
    log: Path

    def stop(self) -> None:
        """Stop at once, as a crash or a pulled plug would (no clean shutdown)."""
        subprocess.run(
            _as_owner([_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]),
            capture_output=True,
        )

    def start(self) -> None:
        """Start on the same port with the same data; returns once it accepts connections."""
        command = [_binary("pg_ctl"), "-D", str(self.data), "-o", self.options, "-l"]
        subprocess.run(
            _as_owner([*command, str(self.log), "-w", "start"]),
            check=True,
            capture_output=True,
            text=True,
        )


@contextmanager
def start_postgres() -> Iterator[str]:
    """Start a private server; yield a SQLAlchemy URL of its empty ``safetymap`` database."""
    with postgres_server() as server:
        yield server.url


@contextmanager
def postgres_server() -> Iterator[Server]:
    """Start a private server; yield it (``url``: its empty ``safetymap`` database)."""
    folder = Path(tempfile.mkdtemp(prefix="safetymap-pg-"))
    data, port = folder / "data", _free_port()
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    run = {"check": True, "capture_output": True, "text": True}
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    server = Server(
        f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}", data, options, folder / "log"
    )
    try:
        subprocess.run(
            _as_owner([_binary("initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"]), **run
        )
        server.start()
        try:
            subprocess.run(
                [
                    _binary("createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    "postgres",
                    DATABASE,
                ],
                **run,
            )
            yield server
        finally:
            server.stop()
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr or error.stdout}") from error
    finally:
        shutil.rmtree(folder, ignore_errors=True)
