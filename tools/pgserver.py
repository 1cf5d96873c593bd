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
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from tools.appserver import free_port

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


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass(frozen=True)
class Server:
    """A private server: its URL, and the means to create, stop and start it again (the
    data folder is kept), as an outage and its end would."""

    url: str
    data: Path
    options: str
    log: Path

    @property
    def pid(self) -> int | None:
        """The postmaster's process id while it runs (from its ``postmaster.pid``)."""
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, IndexError, ValueError):
            return None

    def create(self) -> bool:
        """``initdb`` the data folder unless it holds a cluster already; True if it did."""
        if (self.data / "PG_VERSION").exists():
            return False
        subprocess.run(
            _as_owner([_binary("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"]),
            **_RUN,
        )
        return True

    def create_database(self) -> None:
        """Create the ``safetymap`` database unless it exists (the server must be running)."""
        port = make_url(self.url).port
        command = [_binary("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres"]
        done = subprocess.run([*command, DATABASE], capture_output=True, text=True)
        if done.returncode and "already exists" not in done.stderr:
            raise subprocess.CalledProcessError(done.returncode, command, done.stdout, done.stderr)

    def stop(self, mode: str = "immediate") -> None:
        """Stop; by default at once, as a crash or a pulled plug would (no clean shutdown),
        ``mode="fast"`` for a clean one."""
        subprocess.run(
            _as_owner([_binary("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]),
            capture_output=True,
        )

    def start(self) -> None:
        """Start on the same port with the same data; returns once it accepts connections."""
        command = [_binary("pg_ctl"), "-D", str(self.data), "-o", self.options, "-l"]
        subprocess.run(_as_owner([*command, str(self.log), "-w", "start"]), **_RUN)


_RUN = {"check": True, "capture_output": True, "text": True}


def cluster(folder: Path, port: int, durable: bool = True) -> Server:
    """The server whose cluster lives in ``folder`` (``data/`` in it, with its socket and
    log beside), on ``port`` of the loopback; ``durable=False`` turns fsync off (tests).
    As root the folder is handed to the ``postgres`` user, who runs the server."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"
    if not durable:
        options += " -c fsync=off"
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}"
    return Server(url, folder / "data", options, folder / "log")


@contextmanager
def start_postgres() -> Iterator[str]:
    """Start a private server; yield a SQLAlchemy URL of its empty ``safetymap`` database."""
    with postgres_server() as server:
        yield server.url


@contextmanager
def postgres_server() -> Iterator[Server]:
    """Start a private server; yield it (``url``: its empty ``safetymap`` database)."""
    folder = Path(tempfile.mkdtemp(prefix="safetymap-pg-"))
    server = cluster(folder, free_port(), durable=False)
    try:
        server.create()
        server.start()
        try:
            server.create_database()
            yield server
        finally:
            server.stop()
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"PostgreSQL did not start: {error.stderr or error.stdout}") from error
    finally:
        shutil.rmtree(folder, ignore_errors=True)
