"""Shared fixtures: the shipped places, a factory for measure rows and CSV bytes, and stores
(SQLite files and databases on a real PostgreSQL server)."""

from __future__ import annotations

import base64
import csv
import gzip
import io
import json
import os
import re
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from safetymap.intake.areas import Areas, load_areas
from safetymap.intake.indicators import load_indicators
from safetymap.intake.loaders import load_measures, read_measures
from safetymap.intake.outcomes import load_outcomes
from safetymap.intake.places import Places, load_places
from safetymap.selection.briefing import BriefingData, main_outcomes
from safetymap.versions.store import Store
from tools.pgserver import start_postgres

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

BASE_ROW = {
    "id": "m-1",
    "title": "Ny belysning",
    "place": "kista-busstorg",
    "measure_type": "lighting",
    "actors": "Trafikkontoret",
    "status": "completed",
}


def map_args(at) -> dict:
    """The arguments an AppTest run gave the map component (streamlit-folium's)."""
    (component,) = at.get("component_instance")
    return json.loads(component.proto.json_args)


def unpacked(packed: str) -> dict:
    """What ``mapping.packed_json`` packed (as ``measures.js`` unpacks it)."""
    return json.loads(gzip.decompress(base64.b64decode(packed)))


def map_data(layers: str) -> dict:
    """The rows and badges in the map layers' script (``mapping.measure_layers``)."""
    packed = re.search(r'new safetymap\.Measures\("([A-Za-z0-9+/=]*)"\)\s*\.addTo', layers)
    return unpacked(packed.group(1))


def map_titles(at) -> list[str]:
    """The titles of the rows an AppTest run gave the map component to show
    (``mapdata.map_rows``): the first ``play.shown`` of them, the others shown only at other
    months of the play control."""
    data = map_data(map_args(at)["feature_group"])
    titles = data["rows"]["title"]
    return titles[: data["play"]["shown"]] if "play" in data else titles


def make_measure(**overrides: str) -> dict[str, str]:
    """A valid measure row; keyword arguments replace or add cells."""
    return {**BASE_ROW, **overrides}


def csv_bytes(
    rows: list[dict[str, str]],
    delimiter: str = ",",
    encoding: str = "utf-8",
    header: list[str] | None = None,
) -> bytes:
    """Rows written as a CSV file would be by a spreadsheet."""
    columns = header or list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    return out.getvalue().encode(encoding)


@pytest.fixture(autouse=True)
def own_store(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own SQLite store file, never ``data/`` nor a ``DATABASE_URL``."""
    path = tmp_path_factory.mktemp("store") / "safetymap.db"
    monkeypatch.setenv("SAFETYMAP_DB", str(path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return path


@pytest.fixture(scope="session")
def places() -> Places:
    return load_places(ROOT / "geodata" / "places.geojson")


@pytest.fixture(scope="session")
def areas(places: Places) -> Areas:
    return shipped_areas(places)


def valid_measures(places: Places, *rows: dict[str, str]) -> gpd.GeoDataFrame:
    """The measures of ``rows`` as the app loads them; the rows must be valid."""
    loaded = read_measures(csv_bytes(list(rows)), "t.csv", places)
    assert loaded.report.ok, loaded.report.to_dict()
    return loaded.measures


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for this test session (Debian's postgresql, see tools)."""
    with start_postgres() as url:
        yield url


@contextmanager
def fresh_database(server: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server at ``server``; dropped afterwards."""
    name = f"t{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", pool_pre_ping=True)
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL: a SQLite file, then a fresh database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with fresh_database(request.getfixturevalue("postgres_url")) as url:
        yield url


KILLED_PUBLISHER = """
import sys, time
import pandas as pd
from safetymap.versions import store as module
from safetymap.contract.table import EXPORT_COLUMNS

def stall(conn, dataset, number, table):
    inserted(conn, dataset, number, table)
    print("rows written", flush=True)
    time.sleep(600)

inserted, module._insert_rows = module._insert_rows, stall
table = pd.DataFrame([{"id": "z", "title": "Halvklar", "kind": "measure", "status": "planned"}])
table = table.reindex(columns=EXPORT_COLUMNS, fill_value="").fillna("")
module.Store(sys.argv[1]).publish(table, by="crash", file_name="z.csv", sha256="0")
"""


def publish_and_kill(store_url: str) -> None:
    """Start a publish of one row in another process and SIGKILL it once its rows are
    written, inside its open transaction (holding the write lock)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_PUBLISHER, store_url],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    ) as publisher:
        assert publisher.stdout is not None
        assert publisher.stdout.readline().strip() == "rows written"
        publisher.send_signal(signal.SIGKILL)
        publisher.wait(timeout=30)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store(store_url)
    yield opened
    opened.close()


HOSTILE = "<img src=x onerror=alert(1)>"


def briefing_data(
    places: Places, measures: gpd.GeoDataFrame | None = None, lang: str = "sv"
) -> BriefingData:
    """The shipped data (or ``measures``), unfiltered, with the shipped outcome series, as
    the briefing pack takes it."""
    if measures is None:
        measures = load_measures(ROOT / "measures.csv", places).measures
    return BriefingData(
        measures=measures,
        shown=measures,
        places=places,
        context=json.loads((ROOT / "geodata" / "context.geojson").read_text(encoding="utf-8")),
        indicators=load_indicators(ROOT / "indicators.csv", places).table,
        recorded={},
        data_label="Version 7 (measures.csv)",
        data_date="2026-05-04",
        filter_text="",
        as_of=None,
        today=date(2026, 11, 23),
        lang=lang,
        outcomes=main_outcomes(shipped_outcomes(places), shipped_areas(places), lang),
    )


def shipped_areas(places: Places) -> Areas:
    return load_areas(places, ROOT / "geodata" / "areas.geojson")


def shipped_outcomes(places: Places) -> pd.DataFrame:
    """The shipped outcome series (``outcomes.csv``) as the app loads them."""
    return load_outcomes(ROOT / "outcomes.csv", shipped_areas(places)).table


def with_hostile_row(places: Places) -> gpd.GeoDataFrame:
    """The shipped rows and one in Klara whose title and actor are markup."""
    shipped = load_measures(ROOT / "measures.csv", places).measures
    hostile = valid_measures(
        places,
        make_measure(
            id="hostile",
            title=HOSTILE,
            place="klara",
            actors="<b>Ond</b> & Co",
            status="ongoing",
            start_date="2020-03",
        ),
    )
    return pd.concat([shipped, hostile], ignore_index=True)
