"""The published versions of the measures, the indicators and the outcome series, in SQLite
or PostgreSQL through SQLAlchemy.

One small interface for both databases: ``Store(url)`` (the measures), ``Store(url,
INDICATORS)`` or ``Store(url, OUTCOMES)``, then ``publish``, ``rollback``, ``versions``,
``current``, ``table`` and ``events``. Each dataset has its own numbered versions. Every
version keeps all its rows (as contract-table strings, exactly what its CSV export holds),
who published it, when, from which file (name and sha256) and why; status changes of
measures between versions are kept as events.

Publishing is one transaction that first takes the store's write lock (``BEGIN IMMEDIATE`` on
SQLite, a transaction-scoped advisory lock on PostgreSQL), so two publishers at the same
moment both succeed, one after the other, each compared with the version in force when it
runs; a publisher that dies mid-way leaves nothing behind. Nothing is ever updated or deleted.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, ParamSpec, TypeVar

import pandas as pd
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import ID, KIND
from safetymap.contract.table import EXPORT_COLUMNS
from safetymap.intake import outcomes
from safetymap.intake.indicators import INDICATOR, INDICATOR_CONTRACT, PERIOD, PLACE
from safetymap.versions.diff import Diff, History, StatusEvent, diff_tables, in_sequence

LOCK_ID = 7_310_2026  # PostgreSQL advisory lock key of the publish path

metadata = MetaData()


def _versions(name: str) -> Table:
    return Table(
        name,
        metadata,
        Column("number", Integer, primary_key=True, autoincrement=False),
        Column("published_at", DateTime(timezone=True), nullable=False),
        Column("published_by", String(200), nullable=False),
        Column("file_name", String(300), nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("rows", Integer, nullable=False),
        Column("measures", Integer, nullable=False),
        Column("conditions", Integer, nullable=False),
        Column("note", Text, nullable=False),
        Column("restores", Integer, nullable=True),
    )


def _rows_of(name: str, versions: str, columns: tuple[str, ...]) -> Table:
    return Table(
        name,
        metadata,
        Column("version", Integer, ForeignKey(f"{versions}.number"), primary_key=True),
        Column("position", Integer, primary_key=True, autoincrement=False),
        *(Column(column, Text, nullable=False) for column in columns),
    )


@dataclass(frozen=True)
class Dataset:
    """What a store keeps versions of: its tables, its contract columns, and the columns
    that tell a row apart from one version to the next (for the diff)."""

    name: str
    versions: Table
    rows: Table
    columns: tuple[str, ...]
    key: tuple[str, ...]


versions_table = _versions("versions")
rows_table = _rows_of("version_rows", "versions", tuple(EXPORT_COLUMNS))
MEASURES = Dataset("measures", versions_table, rows_table, tuple(EXPORT_COLUMNS), (ID,))
INDICATORS = Dataset(
    "indicators",
    _versions("indicator_versions"),
    _rows_of("indicator_version_rows", "indicator_versions", INDICATOR_CONTRACT.names),
    INDICATOR_CONTRACT.names,
    (PLACE, INDICATOR, PERIOD),
)
OUTCOMES = Dataset(
    "outcomes",
    _versions("outcome_versions"),
    _rows_of("outcome_version_rows", "outcome_versions", outcomes.OUTCOME_CONTRACT.names),
    outcomes.OUTCOME_CONTRACT.names,
    (outcomes.AREA, outcomes.INDICATOR, outcomes.PERIOD),
)

events_table = Table(
    "status_events",
    metadata,
    Column("event", Integer, primary_key=True, autoincrement=True),
    Column("version", Integer, ForeignKey("versions.number"), nullable=False),
    Column("measure_id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("from_status", String(40), nullable=True),
    Column("to_status", String(40), nullable=False),
    Column("date", String(10), nullable=False),
)
Index("status_events_measure", events_table.c.measure_id)


@dataclass(frozen=True)
class Version:
    """One published version: its number and what is known about how it came to be."""

    number: int
    published_at: datetime
    published_by: str
    file_name: str
    sha256: str
    rows: int
    measures: int
    conditions: int
    note: str
    restores: int | None = None


@dataclass(frozen=True)
class RecordedEvent(StatusEvent):
    """A status change as stored: the version that recorded it, and when that was published."""

    version: int = 0
    published_at: datetime | None = None


class StoreError(Exception):
    """A store operation that cannot be done (an unknown version, say); the message says why."""


class Superseded(StoreError):
    """A publish asked to land on top of a version that is no longer the one in force:
    ``current`` (None: still no version) was published meanwhile. Nothing was written."""

    def __init__(self, expected: int, current: Version | None) -> None:
        now = current.number if current else 0
        super().__init__(f"version {now} is in force, not version {expected}")
        self.expected, self.current = expected, current


Fault = Literal["unreachable", "read_only", "corrupt", "failed"]


class StoreUnavailable(Exception):
    """The database cannot be used at all: not reachable, read-only, corrupt, or failing.

    ``fault`` says which, ``where`` names the database without its password (a SQLite file's
    path, or PostgreSQL's host, port and database) and ``setting`` the environment variable
    that points at it; the faces word it (``i18n`` keys ``store_<fault>``).
    """

    def __init__(self, fault: Fault, where: str, setting: str, detail: str = "") -> None:
        super().__init__(f"{fault}: {where}: {detail}".rstrip(": "))
        self.fault, self.where, self.setting, self.detail = fault, where, setting, detail

    def message(self, lang: Lang = "sv") -> str:
        """What is wrong, which setting points at it, and what to do, in ``lang``."""
        return t(
            f"store_{self.fault}", lang, where=self.where, setting=self.setting, detail=self.detail
        )


class TextTooLong(ValueError):
    """A text longer than its column holds (who published, the file's name)."""

    def __init__(self, field: str, length: int, limit: int) -> None:
        super().__init__(f"{field} has {length} characters; at most {limit}")
        self.field, self.length, self.limit = field, length, limit

    def message(self, lang: Lang = "sv") -> str:
        name = t(f"field_{self.field}", lang)
        return t("text_too_long", lang, field=name, length=self.length, limit=self.limit)


# The drivers' words for each fault (sqlite3 and psycopg, in their own English).
_FAULTS: tuple[tuple[Fault, tuple[str, ...]], ...] = (
    ("read_only", ("readonly database", "read-only", "permission denied")),
    ("corrupt", ("file is not a database", "malformed", "not a database")),
    (
        "unreachable",
        (
            "unable to open database file",
            "connection refused",
            "could not connect",
            "connection failed",
            "server closed the connection",
            "terminating connection",
            "connection is closed",
            "the connection is lost",
            "could not translate host name",
            "no route to host",
            "timeout expired",
            "does not exist",
            "password authentication failed",
        ),
    ),
)

P = ParamSpec("P")
R = TypeVar("R")


def _fault_of(url: str, error: BaseException) -> StoreUnavailable:
    parsed = make_url(url)
    lines = str(getattr(error, "orig", None) or error).strip().splitlines()
    detail = lines[0] if lines else type(error).__name__
    words = detail.lower()
    fault: Fault = next(
        (fault for fault, phrases in _FAULTS if any(p in words for p in phrases)), "failed"
    )
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if fault == "unreachable" and path.parent.exists() and not os.access(path.parent, os.W_OK):
            fault = "read_only"
        return StoreUnavailable(fault, str(path), "SAFETYMAP_DB", detail)
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
    return StoreUnavailable(fault, where, "DATABASE_URL", detail)


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """A store method whose database errors come out as ``StoreUnavailable``."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (DBAPIError, OSError) as error:
            store = args[0]
            raise _fault_of(store.url, error) from error  # type: ignore[attr-defined]

    return guarded


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Store:
    """Versions of one dataset (default: the measures) in one database (see the module
    docstring)."""

    @_guarded
    def __init__(self, url: str, dataset: Dataset = MEASURES) -> None:
        self.url = url
        self.dataset = dataset
        self.engine = _engine(url)
        # Under the write lock, so servers starting together on an empty database create
        # the tables once (PostgreSQL would refuse the second CREATE with UniqueViolation).
        with self._writing() as conn:
            metadata.create_all(conn)

    def __repr__(self) -> str:
        where = make_url(self.url).render_as_string(hide_password=True)
        return f"Store({where!r}, {self.dataset.name})"

    def close(self) -> None:
        self.engine.dispose()

    # --- reading -------------------------------------------------------------------------

    @_guarded
    def current(self) -> Version | None:
        """The version in force: the latest published, or None before the first."""
        with self.engine.connect() as conn:
            return _latest(conn, self.dataset)

    @_guarded
    def versions(self) -> list[Version]:
        """Every version, newest first."""
        with self.engine.connect() as conn:
            versions = self.dataset.versions
            rows = conn.execute(select(versions).order_by(versions.c.number.desc()))
            return [_version(row) for row in rows]

    @_guarded
    def version(self, number: int) -> Version:
        with self.engine.connect() as conn:
            found = _get(conn, self.dataset, number)
        if found is None:
            raise StoreError(f"there is no version {number}")
        return found

    @_guarded
    def table(self, number: int | None = None) -> pd.DataFrame:
        """The rows of version ``number`` (default: in force) as a contract table of strings."""
        with self.engine.connect() as conn:
            if number is None:
                latest = _latest(conn, self.dataset)
                if latest is None:
                    return pd.DataFrame(columns=list(self.dataset.columns))
                number = latest.number
            elif _get(conn, self.dataset, number) is None:
                raise StoreError(f"there is no version {number}")
            return _rows(conn, self.dataset, number)

    @_guarded
    def events(self, measure_ids: list[str] | None = None) -> list[RecordedEvent]:
        """Status changes of measures recorded between versions, oldest first.

        Each measure's changes are in the order recorded and never go back in time
        (``diff.in_sequence``: a store written before issue #19 dated a rollback's change by
        its row's old ``status_date``; such a change reads as dated at the rollback).
        """
        with self.engine.connect() as conn:
            return _events(conn, measure_ids)

    def history(self) -> History:
        """Each measure's recorded status changes, in the order recorded: what a new
        version's status changes are dated against (``diff.diff_tables``)."""
        return _history(self.events())

    # --- writing -------------------------------------------------------------------------

    @_guarded
    def publish(
        self,
        table: pd.DataFrame,
        *,
        by: str,
        file_name: str,
        sha256: str,
        note: str = "",
        only_if_empty: bool = False,
        restores: int | None = None,
        on_top_of: int | None = None,
    ) -> tuple[Version, Diff] | None:
        """Make ``table`` (a valid contract table) the version in force, in one transaction.

        Returns the new version and what it changed against the version in force when it
        committed (the one numbered one less), or None when ``only_if_empty`` is set and a
        version exists already (so that servers starting together seed the store once).
        With ``on_top_of`` (a version's number, 0 for none yet), it lands only on top of that
        version: when another is in force by then, ``Superseded`` and nothing is written.
        """
        dataset = self.dataset
        for field, value in (("published_by", by), ("file_name", file_name)):
            limit = dataset.versions.c[field].type.length
            if len(value) > limit:
                raise TextTooLong(field, len(value), limit)
        table = table[list(dataset.columns)].fillna("").astype(str).reset_index(drop=True)
        published_at = datetime.now(UTC)
        with self._writing() as conn:
            previous = _latest(conn, dataset)
            if previous is not None and only_if_empty:
                return None
            if on_top_of is not None and (previous.number if previous else 0) != on_top_of:
                raise Superseded(on_top_of, previous)
            old = (
                _rows(conn, dataset, previous.number)
                if previous
                else pd.DataFrame(columns=table.columns)
            )
            history = _history(_events(conn)) if dataset is MEASURES else None
            diff = (
                diff_tables(old, table, published_at.date(), dataset.key, history)
                if previous
                else Diff()
            )
            version = Version(
                number=(previous.number if previous else 0) + 1,
                published_at=published_at,
                published_by=by,
                file_name=file_name,
                sha256=sha256,
                rows=len(table),
                measures=int((table[KIND] != "condition").sum()) if KIND in table else 0,
                conditions=int((table[KIND] == "condition").sum()) if KIND in table else 0,
                note=note,
                restores=restores,
            )
            conn.execute(insert(dataset.versions).values(**version.__dict__))
            _insert_rows(conn, dataset, version.number, table)
            if diff.events:
                conn.execute(
                    insert(events_table),
                    [{**e.__dict__, "version": version.number} for e in diff.events],
                )
        return version, diff

    def rollback(
        self, number: int, *, by: str, note: str = "", on_top_of: int | None = None
    ) -> tuple[Version, Diff]:
        """Publish version ``number`` again as a new version (history stays linear); with
        ``on_top_of``, only on top of that version (see ``publish``)."""
        old = self.version(number)
        published = self.publish(
            self.table(number),
            by=by,
            file_name=old.file_name,
            sha256=old.sha256,
            note=note,
            restores=number,
            on_top_of=on_top_of,
        )
        assert published is not None
        return published

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """A transaction that holds the store's write lock until it commits or rolls back."""
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_ID})
            yield conn


def _engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 60})

    # SQLAlchemy's documented recipe: let SQLAlchemy (not the driver) begin transactions,
    # and begin them IMMEDIATE so that a writer takes the lock before it reads what it diffs.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _latest(conn: Connection, dataset: Dataset) -> Version | None:
    number = conn.execute(select(func.max(dataset.versions.c.number))).scalar()
    return None if number is None else _get(conn, dataset, number)


def _get(conn: Connection, dataset: Dataset, number: int) -> Version | None:
    versions = dataset.versions
    row = conn.execute(select(versions).where(versions.c.number == number)).first()
    return None if row is None else _version(row)


def _version(row) -> Version:  # type: ignore[no-untyped-def]
    values = row._asdict()
    values["published_at"] = _utc(values["published_at"])
    return Version(**values)


def _events(conn: Connection, measure_ids: list[str] | None = None) -> list[RecordedEvent]:
    query = (
        select(events_table, versions_table.c.published_at)
        .join(versions_table, versions_table.c.number == events_table.c.version)
        .order_by(events_table.c.event)
    )
    if measure_ids is not None:
        query = query.where(events_table.c.measure_id.in_(measure_ids))
    recorded = [
        RecordedEvent(
            measure_id=row.measure_id,
            title=row.title,
            from_status=row.from_status,
            to_status=row.to_status,
            date=row.date,
            version=row.version,
            published_at=_utc(row.published_at),
        )
        for row in conn.execute(query)
    ]
    return in_sequence(recorded, lambda e: e.published_at.date())


def _history(events: list[RecordedEvent]) -> dict[str, list[StatusEvent]]:
    history: dict[str, list[StatusEvent]] = {}
    for change in events:
        history.setdefault(change.measure_id, []).append(change)
    return history


def _rows(conn: Connection, dataset: Dataset, number: int) -> pd.DataFrame:
    """Version ``number``'s rows, read through the driver's own cursor: SQLAlchemy's result
    rows cost several times the query itself at 100 000 rows."""
    quote = conn.dialect.identifier_preparer.quote
    columns = ", ".join(quote(name) for name in dataset.columns)
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    query = (
        f"SELECT {columns} FROM {quote(dataset.rows.name)} "
        f"WHERE {quote('version')} = {marker} ORDER BY {quote('position')}"
    )
    cursor = conn.connection.cursor()
    try:
        cursor.execute(query, (number,))
        found = cursor.fetchall()
    finally:
        cursor.close()
    values = list(zip(*found)) if found else [() for _ in dataset.columns]
    return pd.DataFrame(
        {name: pd.Series(list(cells), dtype=object) for name, cells in zip(dataset.columns, values)}
    ).astype(str)


def _insert_rows(conn: Connection, dataset: Dataset, number: int, table: pd.DataFrame) -> None:
    """Every row of ``table`` as version ``number``'s, inside the publish's transaction: one
    ``COPY`` on PostgreSQL, one ``executemany`` of plain tuples on SQLite (built column by
    column: a frame's records, or SQLAlchemy's parameters per row, cost more than the
    writing)."""
    names = ("version", "position", *dataset.columns)
    columns = [table[name].tolist() for name in dataset.columns]
    rows = zip([number] * len(table), range(len(table)), *columns)
    quote = conn.dialect.identifier_preparer.quote
    target = f"{quote(dataset.rows.name)} ({', '.join(quote(name) for name in names)})"
    cursor = conn.connection.cursor()
    try:
        if conn.dialect.name == "postgresql":
            with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            markers = ", ".join("?" for _ in names)
            cursor.executemany(f"INSERT INTO {target} VALUES ({markers})", rows)
    finally:
        cursor.close()
