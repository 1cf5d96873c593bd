"""Files in, versions out: validate an upload, compare it, publish it; load a version back.

The one path by which data reaches the store (upload page, CLI and first start alike): the
file is read and validated exactly as ``python -m safetymap validate`` does, and only a file
without errors is published. A version is loaded back through the same validator, so the app
shows a stored version exactly as it would show its CSV export. Measures, indicators and
outcome series take the same path, each into its own store (``Store(url)``, ``Store(url,
INDICATORS)``, ``Store(url, OUTCOMES)``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from safetymap.contract import problems as pr
from safetymap.contract.i18n import t
from safetymap.contract.problems import Lang
from safetymap.contract.schema import ID
from safetymap.contract.table import EXPORT_COLUMNS, contract_table
from safetymap.intake.areas import Areas
from safetymap.intake.indicators import INDICATOR_CONTRACT, LoadedIndicators, read_indicators
from safetymap.intake.loaders import LoadedMeasures, load_measures, read_measures
from safetymap.intake.outcomes import LoadedOutcomes, contract_rows, read_outcomes
from safetymap.intake.places import Places
from safetymap.intake.reading import RawTable, read_table
from safetymap.intake.validation import validate_table
from safetymap.versions.diff import Diff, diff_tables
from safetymap.versions.landed import reverted
from safetymap.versions.store import INDICATORS, OUTCOMES, Store, Version

# Who published a version seeded from the shipped file, as stored (``publisher`` words it).
SEED_AUTHOR = "första start (SAFETYMAP_MEASURES)"
INDICATORS_SEED_AUTHOR = "första start (SAFETYMAP_INDICATORS)"
OUTCOMES_SEED_AUTHOR = "första start (SAFETYMAP_OUTCOMES)"

Loaded = LoadedMeasures | LoadedIndicators | LoadedOutcomes


def publisher(version: Version, lang: Lang = "sv") -> str:
    """Who published ``version``, for people: the first version seeded from the shipped file
    is "Första versionen (levererad data)" / "First version (shipped data)"."""
    if version.published_by in (SEED_AUTHOR, INDICATORS_SEED_AUTHOR, OUTCOMES_SEED_AUTHOR):
        return t("seed_publisher", lang)
    return version.published_by


@dataclass
class Checked:
    """An uploaded file, validated and compared with the version in force."""

    name: str
    sha256: str
    loaded: Loaded
    table: pd.DataFrame  # the valid rows as a contract table
    diff: Diff
    previous: pd.DataFrame  # the version in force it was compared with, as a contract table
    against: int = 0  # that version's number (0: none yet)

    @property
    def publishable(self) -> bool:
        return self.loaded.readable and self.loaded.report.ok and not self.table.empty


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check(store: Store, data: bytes, name: str, places: Places) -> Checked:
    """Validate ``data`` (a file called ``name``) and compare it with the version in force."""
    return compare(store, read_measures(data, name, places), data, name)


def compare(store: Store, loaded: Loaded, data: bytes, name: str) -> Checked:
    """Compare a file already validated into ``loaded`` with the version in force of its
    kind (measures, indicators or outcomes: ``store`` holds that kind)."""
    measures = isinstance(loaded, LoadedMeasures)
    table = stored_table(loaded)
    against, previous = _in_force(store)
    history = store.history() if measures else None
    diff = diff_tables(previous, table, datetime.now(UTC).date(), store.dataset.key, history)
    if loaded.report.errors and measures:
        # A row left out for its errors is still in the file: it is not "removed".
        raw = read_table(data, name)
        in_file = set(raw.column(ID)) if isinstance(raw, RawTable) else set()
        diff.removed = [i for i in diff.removed if i not in in_file]
    return Checked(name, sha256(data), loaded, table, diff, previous, against)


def _in_force(store: Store) -> tuple[int, pd.DataFrame]:
    """The number (0: none) and contract table of the version in force, read as one."""
    current = store.current()
    return (current.number, store.table(current.number)) if current else (0, store.table())


def stored_table(loaded: Loaded) -> pd.DataFrame:
    """The valid rows of ``loaded`` as the contract table its store keeps."""
    if isinstance(loaded, LoadedIndicators):
        return indicator_table(loaded)
    if isinstance(loaded, LoadedOutcomes):
        return contract_rows(loaded.table)
    return contract_table(loaded.measures)


def indicator_table(loaded: LoadedIndicators) -> pd.DataFrame:
    """The valid indicator rows as a contract table: one string per cell, places and
    indicators by id, periods in canonical form."""
    table = loaded.table[list(INDICATOR_CONTRACT.names)]
    return table.fillna("").astype(str).reset_index(drop=True)


def check_indicators(store: Store, data: bytes, name: str, places: Places) -> Checked:
    """Validate an indicators file and compare it with the indicators version in force."""
    return compare(store, read_indicators(data, name, places), data, name)


def version_indicators(store: Store, version: Version, places: Places) -> LoadedIndicators:
    """A stored indicators version as the app loads the file: validated rows and a report."""
    data = store.table(version.number).to_csv(index=False).encode("utf-8")
    return read_indicators(data, f"version {version.number}", places)


def check_outcomes(store: Store, data: bytes, name: str, areas: Areas) -> Checked:
    """Validate an outcomes file and compare it with the outcomes version in force."""
    return compare(store, read_outcomes(data, name, areas), data, name)


def version_outcomes(store: Store, version: Version, areas: Areas) -> LoadedOutcomes:
    """A stored outcomes version as the app loads the file: validated rows and a report."""
    data = store.table(version.number).to_csv(index=False).encode("utf-8")
    return read_outcomes(data, f"version {version.number}", areas)


def rollback_preview(
    store: Store, number: int, places: Places, areas: Areas | None = None
) -> Checked:
    """What publishing version ``number`` again (``Store.rollback``) would change against the
    version in force, as an upload's check shows it: the same diff, status changes dated as
    the rollback would date them. ``areas`` is needed for the outcomes' store."""
    version = store.version(number)
    table = store.table(number)
    loaded: Loaded
    if store.dataset is INDICATORS:
        loaded = version_indicators(store, version, places)
    elif store.dataset is OUTCOMES:
        if areas is None:
            raise ValueError("the outcomes' rollback preview needs the areas")
        loaded = version_outcomes(store, version, areas)
    else:
        loaded = version_measures(store, version, places)
    against, previous = _in_force(store)
    history = store.history() if isinstance(loaded, LoadedMeasures) else None
    diff = diff_tables(previous, table, datetime.now(UTC).date(), store.dataset.key, history)
    return Checked(f"version {number}", version.sha256, loaded, table, diff, previous, against)


@dataclass(frozen=True)
class Landed:
    """A version published after a file was checked, and what the file undoes of it
    (``landed.reverted``: empty when it keeps every change)."""

    version: Version
    reverted: Diff


def landed(store: Store, since: int, until: int, table: pd.DataFrame) -> list[Landed]:
    """The versions after ``since`` (0: none) up to ``until``, each with what ``table``
    undoes of it, oldest first."""
    if until <= since:
        return []
    numbers = range(since + 1, until + 1)
    base = store.table(since) if since else store.table(until).iloc[0:0]
    undone = {
        r.version: r.diff
        for r in reverted(base, [(n, store.table(n)) for n in numbers], table, store.dataset.key)
    }
    return [Landed(store.version(n), undone.get(n, Diff())) for n in numbers]


@dataclass(frozen=True)
class Published:
    """A published file: its version, what the store recorded that it changed (against the
    version in force when it committed), and the versions that landed after it was checked,
    each with what it undid of them."""

    version: Version
    diff: Diff
    landed: list[Landed]


def publish(
    store: Store, checked: Checked, by: str, note: str = "", on_top_of: int | None = None
) -> Published:
    """Publish a checked file; a file with errors is refused (``ValueError``), nothing written.

    With ``on_top_of`` (a version number, 0 for none), only on top of that version (else
    ``store.Superseded``, nothing written); without, on top of whatever is in force by then,
    and ``Published.landed`` says which versions came after the check and what it undid."""
    if not checked.publishable:
        errors = len(checked.loaded.report.errors)
        raise ValueError(f"{checked.name}: {errors} errors, not published")
    published = store.publish(
        checked.table,
        by=by,
        file_name=checked.name,
        sha256=checked.sha256,
        note=note,
        on_top_of=on_top_of,
    )
    assert published is not None
    version, diff = published
    return Published(
        version, diff, landed(store, checked.against, version.number - 1, checked.table)
    )


def seed(store: Store, path: Path, places: Places) -> Version | None:
    """Fill an empty store with the measures file at ``path`` as version 1, if it is valid.

    Servers that start together seed once; an invalid or missing file seeds nothing (the app
    then shows the file and its problems, and an analyst publishes the first version).
    """
    return seed_loaded(store, load_measures(path, places), path)


def seed_loaded(store: Store, loaded: LoadedMeasures, path: Path) -> Version | None:
    """``seed`` with the file at ``path`` already read and validated into ``loaded``."""
    seeded = seed_table(store, loaded, path)
    return None if seeded is None else seeded[0]


def seed_table(
    store: Store, loaded: LoadedMeasures, path: Path
) -> tuple[Version, pd.DataFrame] | None:
    """``seed_loaded``, also returning the contract table stored as version 1, so that the
    server that seeded need not read it back (``table_measures``)."""
    if not loaded.readable or not loaded.report.ok or loaded.measures.empty:
        return None
    table = contract_table(loaded.measures)
    version = _seed(store, table, path, SEED_AUTHOR)
    return None if version is None else (version, table)


def seed_indicators(store: Store, loaded: LoadedIndicators, path: Path) -> Version | None:
    """Fill an empty indicators store with the file at ``path`` (validated into ``loaded``)
    as version 1, if it is valid."""
    if not loaded.readable or not loaded.report.ok or loaded.table.empty:
        return None
    return _seed(store, indicator_table(loaded), path, INDICATORS_SEED_AUTHOR)


def seed_outcomes(store: Store, loaded: LoadedOutcomes, path: Path) -> Version | None:
    """Fill an empty outcomes store with the file at ``path`` (validated into ``loaded``)
    as version 1, if it is valid."""
    if not loaded.readable or not loaded.report.ok or loaded.table.empty:
        return None
    return _seed(store, contract_rows(loaded.table), path, OUTCOMES_SEED_AUTHOR)


def _seed(store: Store, table: pd.DataFrame, path: Path, author: str) -> Version | None:
    published = store.publish(
        table,
        by=author,
        file_name=path.name,
        sha256=sha256(path.read_bytes()),
        note="",
        only_if_empty=True,
    )
    return None if published is None else published[0]


def version_measures(store: Store, version: Version, places: Places) -> LoadedMeasures:
    """A stored version as the app loads measures: validated rows and a report."""
    return table_measures(store.table(version.number), version, places)


def table_measures(table: pd.DataFrame, version: Version, places: Places) -> LoadedMeasures:
    """Version ``version``'s contract table (as stored) as the app loads measures."""
    table = table[list(EXPORT_COLUMNS)].fillna("").astype(str).reset_index(drop=True)
    raw = RawTable(
        encoding="utf-8",
        delimiter=",",
        columns=list(EXPORT_COLUMNS),
        header_map=list(EXPORT_COLUMNS),
        rows=list(range(2, len(table) + 2)),
        values={column: table[column].tolist() for column in EXPORT_COLUMNS},
    )
    validated = validate_table(raw, places)
    report = pr.Report(path=f"version {version.number}", encoding="utf-8", rows=len(table))
    report.add(validated.problems)
    return LoadedMeasures(validated.measures, report)
