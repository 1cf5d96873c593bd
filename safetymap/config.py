"""Settings: one declarative table, read from environment variables (documented in README)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """One setting: its environment variable, default and help text."""

    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "SAFETYMAP_MEASURES",
        "measures.csv",
        "Path of the measures CSV the app shows (relative paths start at the repository).",
    ),
    Setting(
        "SAFETYMAP_INDICATORS",
        "indicators.csv",
        "Path of the outcome indicators CSV shown beside the measures on the briefing page.",
    ),
    Setting(
        "SAFETYMAP_OUTCOMES",
        "outcomes.csv",
        "Path of the outcome series CSV (a value per area, indicator and period): seeds an "
        "empty outcomes store.",
    ),
    Setting(
        "SAFETYMAP_AREAS",
        "geodata/areas.geojson",
        "Path of the wider areas outcome series are counted in (kommuner, stadsdelsområden; "
        "GeoJSON, WGS84), besides the places.",
    ),
    Setting(
        "SAFETYMAP_PLACES",
        "geodata/places.geojson",
        "Path of the place polygons (GeoJSON, WGS84) that `place` is matched against.",
    ),
    Setting(
        "SAFETYMAP_SOURCES",
        "sources/sources.json",
        "Path of the registry of source documents shown on the About page.",
    ),
    Setting(
        "SAFETYMAP_DB",
        "data/safetymap.db",
        "SQLite file of the published versions, created on first start with "
        "`SAFETYMAP_MEASURES` as version 1. Not used when `DATABASE_URL` is set.",
    ),
    Setting(
        "DATABASE_URL",
        "",
        "PostgreSQL instead of SQLite, e.g. `postgresql://user:password@host/db`: several app "
        "servers can share one database.",
    ),
    Setting(
        "SAFETYMAP_TILES",
        "openstreetmap",
        "Basemap tiles: `openstreetmap`, an XYZ URL template with {z}/{x}/{y}, or `none`. "
        "Without network the map still draws its data on the local background.",
    ),
    Setting(
        "SAFETYMAP_CONTEXT",
        "geodata/context.geojson",
        "Path of the light background layer (kommun and RegSO outlines) drawn under the data.",
    ),
    Setting(
        "SAFETYMAP_PUBLISHER",
        "Trygghetskartan",
        "Who publishes the data: the publisher (and contact) of the API's catalogue record.",
    ),
    Setting(
        "SAFETYMAP_CONTACT_EMAIL",
        "",
        "An e-mail address for questions about the data, given in the catalogue record.",
    ),
    Setting(
        "SAFETYMAP_LICENSE",
        "http://creativecommons.org/publicdomain/zero/1.0/",
        "The licence the data is published under (a URI), in the API and its catalogue record.",
    ),
)


def database_url(db_path: Path, database_url: str | None) -> str:
    """``DATABASE_URL`` when set (PostgreSQL), else a SQLite file at ``db_path``."""
    if database_url:
        url = make_url(database_url)
        if url.drivername in {"postgres", "postgresql"}:
            url = url.set(drivername="postgresql+psycopg")
        return url.render_as_string(hide_password=False)
    return f"sqlite:///{db_path}"


@dataclass(frozen=True)
class Settings:
    """The settings in force, as paths."""

    measures_path: Path
    indicators_path: Path
    outcomes_path: Path
    areas_path: Path
    places_path: Path
    context_path: Path
    sources_path: Path
    tiles: str
    store_url: str
    publisher: str
    contact_email: str
    license_url: str


def _path(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else ROOT / path


def get_settings(environ: dict[str, str] | None = None) -> Settings:
    """Read every setting from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    values = {s.env: env.get(s.env) or s.default for s in SETTINGS}
    return Settings(
        measures_path=_path(values["SAFETYMAP_MEASURES"]),
        indicators_path=_path(values["SAFETYMAP_INDICATORS"]),
        outcomes_path=_path(values["SAFETYMAP_OUTCOMES"]),
        areas_path=_path(values["SAFETYMAP_AREAS"]),
        places_path=_path(values["SAFETYMAP_PLACES"]),
        context_path=_path(values["SAFETYMAP_CONTEXT"]),
        sources_path=_path(values["SAFETYMAP_SOURCES"]),
        tiles=values["SAFETYMAP_TILES"].strip(),
        store_url=database_url(_path(values["SAFETYMAP_DB"]), values["DATABASE_URL"].strip()),
        publisher=values["SAFETYMAP_PUBLISHER"].strip(),
        contact_email=values["SAFETYMAP_CONTACT_EMAIL"].strip(),
        license_url=values["SAFETYMAP_LICENSE"].strip(),
    )
