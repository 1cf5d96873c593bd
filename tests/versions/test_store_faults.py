"""A store that cannot be used says what is wrong, which setting and what to do (issue #24).

Every fault is real: a SQLite file that is not a database, a folder the system will not let
anyone (root included) write in, a port no PostgreSQL listens on, a PostgreSQL server stopped
and started again under an open store, and servers starting together on an empty database.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from safetymap.versions.store import Store, StoreUnavailable, TextTooLong
from tests.conftest import ROOT, fresh_database
from tests.versions.test_store import FIRST
from tools.pgserver import Server, postgres_server


@pytest.fixture
def unwritable(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write in: immutable, which binds root too (tests run as root)."""
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    yield folder
    subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """A PostgreSQL server of this module's own, which its tests stop and start."""
    with postgres_server() as started:
        yield started


def test_a_file_that_is_not_a_database_is_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "safetymap.db"
    path.write_bytes(b"Detta ar ingen databas. " * 200)
    with pytest.raises(StoreUnavailable) as raised:
        Store(f"sqlite:///{path}")
    error = raised.value
    assert (error.fault, error.where, error.setting) == ("corrupt", str(path), "SAFETYMAP_DB")
    assert "är skadat" in error.message("sv") and str(path) in error.message("sv")
    assert "is damaged" in error.message("en")
    assert path.read_bytes().startswith(b"Detta ar ingen databas.")  # nothing overwritten


def test_a_read_only_folder_is_named_with_the_setting_to_change(unwritable: Path) -> None:
    with pytest.raises(StoreUnavailable) as raised:
        Store(f"sqlite:///{unwritable / 'safetymap.db'}")
    error = raised.value
    assert (error.fault, error.setting) == ("read_only", "SAFETYMAP_DB")
    assert "skrivskyddad" in error.message("sv") and "SAFETYMAP_DB" in error.message("sv")


def test_a_port_nobody_listens_on_names_the_server_without_its_password() -> None:
    with pytest.raises(StoreUnavailable) as raised:
        Store("postgresql+psycopg://anna:hemligt@127.0.0.1:9/safetymap")
    error = raised.value
    assert (error.fault, error.where, error.setting) == (
        "unreachable",
        "127.0.0.1:9/safetymap",
        "DATABASE_URL",
    )
    assert "hemligt" not in error.message("sv") + error.message("en") + str(error)
    assert "går inte att nå" in error.message("sv")


def test_a_server_stopped_under_an_open_store_is_an_outage_and_its_return_is_seen(
    server: Server,
) -> None:
    with fresh_database(server.url) as url:
        store = Store(url)
        store.publish(FIRST, by="Anna", file_name="a.csv", sha256="0")
        server.stop()
        try:
            with pytest.raises(StoreUnavailable) as raised:
                store.current()
            assert raised.value.fault == "unreachable"
        finally:
            server.start()
        assert store.current().number == 1  # the same store object, nothing to restart
        store.close()


def test_a_publisher_name_longer_than_its_column_is_refused_before_the_database(
    store_url: str,
) -> None:
    store = Store(store_url)
    with pytest.raises(TextTooLong) as raised:
        store.publish(FIRST, by="A" * 201, file_name="a.csv", sha256="0")
    assert (raised.value.field, raised.value.length, raised.value.limit) == (
        "published_by",
        201,
        200,
    )
    assert raised.value.message("sv") == (
        "Namnet på den som publicerar har 201 tecken; högst 200 får plats."
    )
    assert store.current() is None
    store.publish(FIRST, by="A" * 200, file_name="a.csv", sha256="0")
    assert store.current().published_by == "A" * 200


OPEN_STORE = """
import sys
from safetymap.versions.store import Store
Store(sys.argv[1]).close()
print("ok")
"""


def test_servers_starting_together_on_an_empty_database_all_start(server: Server) -> None:
    for _ in range(3):
        with fresh_database(server.url) as url:
            starting = [
                subprocess.Popen(
                    [sys.executable, "-c", OPEN_STORE, url],
                    cwd=ROOT,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(4)
            ]
            results = [process.communicate(timeout=120) for process in starting]
            assert [out for out, _ in results] == ["ok\n"] * 4, [err for _, err in results]
