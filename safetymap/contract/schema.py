"""Column names, header aliases, coordinate systems and limits of the measures CSV contract.

The contract itself is described in ``docs/measures-csv.md``; this module is its
machine-readable half. Everything here is a constant: no I/O, no pandas.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

# Canonical column names (the English header names of the contract).
ID: Final = "id"
TITLE: Final = "title"
PLACE: Final = "place"
KIND: Final = "kind"
MEASURE_TYPE: Final = "measure_type"
ACTORS: Final = "actors"
STATUS: Final = "status"
STATUS_DATE: Final = "status_date"
START_DATE: Final = "start_date"
END_DATE: Final = "end_date"
LAT: Final = "lat"
LON: Final = "lon"
X: Final = "x"
Y: Final = "y"
CRS: Final = "crs"
GEOMETRY: Final = "geometry"
COST_SEK: Final = "cost_sek"
DESCRIPTION: Final = "description"
SOURCE: Final = "source"
SOURCE_QUOTE: Final = "source_quote"

# Columns the loader adds to the normalised table.
ROW: Final = "row"  # the line in the file where the record starts (header = 1)
ACTOR_GROUPS: Final = "actor_groups"
PLACE_NAME: Final = "place_name"
LOCATED: Final = "located"  # True when the row has its own point/line/area

DATE_COLUMNS: Final = (STATUS_DATE, START_DATE, END_DATE)
NUMBER_COLUMNS: Final = (LAT, LON, X, Y, COST_SEK)


@dataclass(frozen=True)
class ColumnSpec:
    """One column of the contract: its header aliases and whether a file must have it."""

    name: str
    required: bool
    aliases: tuple[str, ...]
    max_length: int | None = None


COLUMNS: Final[tuple[ColumnSpec, ...]] = (
    ColumnSpec(ID, True, ("åtgärds-id",)),
    ColumnSpec(TITLE, True, ("titel", "åtgärd", "namn"), 200),
    ColumnSpec(PLACE, True, ("plats", "område")),
    ColumnSpec(KIND, False, ("slag",)),
    ColumnSpec(MEASURE_TYPE, True, ("åtgärdstyp", "typ")),
    ColumnSpec(ACTORS, True, ("aktörer", "aktör", "ansvarig")),
    ColumnSpec(STATUS, True, ()),
    ColumnSpec(STATUS_DATE, False, ("statusdatum",)),
    ColumnSpec(START_DATE, False, ("startdatum", "start")),
    ColumnSpec(END_DATE, False, ("slutdatum", "slut")),
    ColumnSpec(LAT, False, ("latitud",)),
    ColumnSpec(LON, False, ("longitud",)),
    ColumnSpec(X, False, ("e", "easting")),
    ColumnSpec(Y, False, ("n", "northing")),
    ColumnSpec(CRS, False, ("koordinatsystem",)),
    ColumnSpec(GEOMETRY, False, ("geometri",)),
    ColumnSpec(COST_SEK, False, ("kostnad", "kostnad_kr")),
    ColumnSpec(DESCRIPTION, False, ("beskrivning",), 2000),
    ColumnSpec(SOURCE, False, ("källa",)),
    ColumnSpec(SOURCE_QUOTE, False, ("citat",)),
)


@dataclass(frozen=True)
class TableContract:
    """The columns of one kind of CSV file (measures, indicators): names, aliases, limits."""

    columns: tuple[ColumnSpec, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def max_length(self) -> dict[str, int]:
        return {c.name: c.max_length for c in self.columns if c.max_length}

    @property
    def aliases(self) -> dict[str, str]:
        """Every accepted header, folded, to its column name."""
        return {
            fold(alias): spec.name for spec in self.columns for alias in (spec.name, *spec.aliases)
        }


MEASURES: Final = TableContract(COLUMNS)
COLUMN_NAMES: Final = MEASURES.names
REQUIRED_COLUMNS: Final = MEASURES.required
MAX_LENGTH: Final = MEASURES.max_length


def fold(text: str) -> str:
    """Fold a header or vocabulary word for matching: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


HEADER_ALIASES: Final[dict[str, str]] = MEASURES.aliases

# Coordinate systems accepted in the ``crs`` column, with the bounds of their area of use
# (easting min, northing min, easting max, northing max) as given by PROJ.
WGS84: Final = "EPSG:4326"
SWEREF99_TM: Final = "EPSG:3006"
SWEREF99_1800: Final = "EPSG:3011"
METRIC_CRS: Final = SWEREF99_TM
PROJECTED_BOUNDS: Final[dict[str, tuple[float, float, float, float]]] = {
    SWEREF99_TM: (181_896.0, 6_090_000.0, 1_086_313.0, 7_690_000.0),
    SWEREF99_1800: (96_603.0, 6_500_000.0, 243_440.0, 6_730_000.0),
}
CRS_NAMES: Final = {
    "epsg:3006": SWEREF99_TM,
    "3006": SWEREF99_TM,
    "sweref 99 tm": SWEREF99_TM,
    "sweref99 tm": SWEREF99_TM,
    "epsg:3011": SWEREF99_1800,
    "3011": SWEREF99_1800,
    "sweref 99 18 00": SWEREF99_1800,
    "sweref99 18 00": SWEREF99_1800,
    "epsg:4326": WGS84,
    "4326": WGS84,
    "wgs84": WGS84,
    "wgs 84": WGS84,
}

# WGS84 box that counts as "inside Sweden" (the contract's rule).
SWEDEN_LAT: Final = (55.0, 69.1)
SWEDEN_LON: Final = (10.9, 24.2)

# A located row further than this outside its place polygon earns a warning.
FAR_OUTSIDE_PLACE_M: Final = 500.0

ID_PATTERN: Final = r"^[A-Za-z0-9._-]{1,64}$"
ACTOR_SEPARATOR: Final = "|"
