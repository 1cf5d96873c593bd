"""File → validated GeoDataFrame of measures plus a report. Pure: no Streamlit.

``read_measures`` is the one entry point used by the app, the CLI and (later) uploads, so a
file is read and checked the same way everywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np

from safetymap.contract import problems as pr
from safetymap.contract.schema import CRS, GEOMETRY, LAT, LON, SWEREF99_TM, WGS84, X, Y
from safetymap.intake.coords import crs_named, filled
from safetymap.intake.places import Places
from safetymap.intake.reading import RawTable, Unreadable, read_table
from safetymap.intake.validation import OUTPUT_COLUMNS, validate_table


@dataclass
class LoadedMeasures:
    """What a measures file gave: the valid rows (WGS84) and the validation report.

    ``readable`` is False when the file could not be read as a CSV at all.
    """

    measures: gpd.GeoDataFrame
    report: pr.Report
    readable: bool = True


def empty_measures() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: [] for c in OUTPUT_COLUMNS}, geometry=GEOMETRY, crs=WGS84)


def read_measures(data: bytes, name: str, places: Places) -> LoadedMeasures:
    """Read and validate the bytes of a measures CSV called ``name``."""
    report = pr.Report(path=name)
    table = read_table(data, name)
    if isinstance(table, Unreadable):
        report.encoding, report.delimiter = table.encoding, table.delimiter
        report.add(table.problem)
        return LoadedMeasures(empty_measures(), report, readable=False)
    report.encoding, report.delimiter, report.rows = (
        table.encoding,
        table.delimiter,
        len(table.rows),
    )
    report.coordinates = coordinate_systems(table)
    validated = validate_table(table, places)
    report.add(validated.problems)
    return LoadedMeasures(validated.measures, report)


def coordinate_systems(table: RawTable) -> dict[str, int]:
    """How many rows give their point in each coordinate system ("" for no point)."""
    present = {c: filled(table.values.get(c), len(table.rows)) for c in (LAT, LON, X, Y)}
    latlon = present[LAT] & present[LON]
    xy = ~latlon & present[X] & present[Y]
    counts: Counter[str] = Counter({WGS84: int(latlon.sum()), "": int((~latlon & ~xy).sum())})
    crs_cells = table.column(CRS)
    for text, count in Counter(crs_cells[i] for i in np.flatnonzero(xy)).items():
        counts[crs_named(text) or SWEREF99_TM] += count
    return {system: count for system, count in counts.items() if count}


def load_measures(path: str | Path, places: Places) -> LoadedMeasures:
    """Read and validate a measures CSV from disk; a missing file is reported, not raised."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        report = pr.Report(path=str(path))
        report.add(pr.error("file_not_found", 1, path=path.name))
        return LoadedMeasures(empty_measures(), report, readable=False)
    except OSError as exc:
        report = pr.Report(path=str(path))
        report.add(pr.error("file_unreadable", 1, path=path.name, reason=exc.strerror or exc))
        return LoadedMeasures(empty_measures(), report, readable=False)
    return read_measures(data, str(path), places)
