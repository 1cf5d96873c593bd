"""One measure changed, added or removed in the browser, as a whole new version's table.

The edit page never writes a row on its own: it builds the version in force's contract table
(``Store.table``) with one row replaced, appended or dropped, and that table goes through the
same reader, validator and diff as an uploaded file (``publishing.check``). Everything here is
pure: tables in, tables or texts out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from enum import Enum

import pandas as pd

from safetymap.contract.problems import Report, Severity
from safetymap.contract.schema import (
    ACTOR_SEPARATOR,
    ACTORS,
    GEOMETRY,
    ID,
    LAT,
    LON,
    PROJECTED_BOUNDS,
    SWEREF99_TM,
)
from safetymap.contract.table import EXPORT_COLUMNS
from safetymap.intake.coords import parse_number, to_wgs84

# The file name a version published from the edit page is stored with.
FILE_NAME = "redigering i webbläsaren"
ID_LONGEST = 64  # the contract's longest id (``schema.ID_PATTERN``)


class PointSystem(Enum):
    """How a point is given on the form: none of its own, WGS84 degrees or SWEREF 99 TM
    metres; or, for a row with a line or an area, that location kept as it is."""

    KEEP = "keep"
    NONE = "none"
    WGS84 = "wgs84"
    SWEREF = "sweref"


class PointError(ValueError):
    """Coordinates that cannot be a point: ``code`` names why (``number``: not a number,
    ``pair``: only one of the two given, ``bounds``: outside SWEREF 99 TM's area of use)."""

    def __init__(self, code: str, value: str = "") -> None:
        super().__init__(f"{code}: {value!r}")
        self.code = code
        self.value = value


def _number(text: str) -> float:
    try:
        return parse_number(text.strip())
    except ValueError:
        raise PointError("number", text) from None


def _degrees(value: float) -> str:
    return f"{value:.6f}"


def point_columns(
    system: PointSystem, first: str = "", second: str = "", kept: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The contract's location columns (``lat``, ``lon``, ``geometry``) from the form's point.

    WGS84 takes ``first`` as the latitude and ``second`` as the longitude; SWEREF 99 TM
    (EPSG:3006) takes ``first`` as x (easting) and ``second`` as y (northing) and is
    reprojected here, since the contract table holds WGS84. Decimal commas are read. Both
    fields empty means no point of its own (the row covers its place). ``KEEP`` returns the
    ``kept`` row's location unchanged. Whether the point lies in Sweden and near its place
    is the validator's to say, as for a file."""
    if system is PointSystem.KEEP:
        kept = kept or {}
        return {column: kept.get(column, "") for column in (LAT, LON, GEOMETRY)}
    first, second = first.strip(), second.strip()
    if system is PointSystem.NONE or not (first or second):
        return {LAT: "", LON: "", GEOMETRY: ""}
    if not (first and second):
        raise PointError("pair", first or second)
    a, b = _number(first), _number(second)
    if system is PointSystem.WGS84:
        return {LAT: _degrees(a), LON: _degrees(b), GEOMETRY: ""}
    min_x, min_y, max_x, max_y = PROJECTED_BOUNDS[SWEREF99_TM]
    if not (min_x <= a <= max_x and min_y <= b <= max_y):
        raise PointError("bounds", f"{first}, {second}")
    [lon], [lat] = to_wgs84([a], [b], SWEREF99_TM)
    return {LAT: _degrees(lat), LON: _degrees(lon), GEOMETRY: ""}


def point_system(row: Mapping[str, str]) -> PointSystem:
    """How the form first shows a row's location: its point in WGS84, its line or area kept,
    or none."""
    if row.get(GEOMETRY, ""):
        return PointSystem.KEEP
    if row.get(LAT, "") and row.get(LON, ""):
        return PointSystem.WGS84
    return PointSystem.NONE


def actor_names(text: str) -> list[str]:
    """The names in an actors field, split on ``|`` only (a name may hold a comma:
    "Polismyndigheten, lokalpolisområde Norrmalm"), spacing tidied, each once."""
    names = (" ".join(part.split()) for part in text.split(ACTOR_SEPARATOR))
    return list(dict.fromkeys(name for name in names if name))


def actors_cell(text: str) -> str:
    """An actors field as the contract writes it: names separated by `` | ``, each once."""
    return f" {ACTOR_SEPARATOR} ".join(actor_names(text))


def add_actor(text: str, name: str) -> str:
    """``text`` (an actors field) with ``name`` added at its end, unless it is there."""
    return actors_cell(f"{text} {ACTOR_SEPARATOR} {name}")


def slug(text: str) -> str:
    """``text`` as an id's words: lower case, å/ä/ö as a/a/o, words joined by ``-``."""
    bare = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in bare if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def suggest_id(place: str, title: str, taken: Collection[str]) -> str:
    """A new measure's id from its place and title (``kista-busstorg-ny-belysning``), at most
    64 characters, made unique against ``taken`` with ``-2``, ``-3`` …"""
    base = "-".join(part for part in (slug(place), slug(title)) if part) or "atgard"
    base = base[:ID_LONGEST].rstrip("-")
    taken_folded = {i.casefold() for i in taken}
    candidate, n = base, 1
    while candidate.casefold() in taken_folded:
        n += 1
        suffix = f"-{n}"
        candidate = base[: ID_LONGEST - len(suffix)].rstrip("-") + suffix
    return candidate


def row_of(table: pd.DataFrame, measure_id: str) -> dict[str, str]:
    """The row of ``measure_id`` in a contract table, every column as a string; KeyError
    naming the id when it is not there."""
    found = table[table[ID] == measure_id]
    if found.empty:
        raise KeyError(f"no measure with id {measure_id!r}")
    return {column: str(found.iloc[0].get(column, "")) for column in EXPORT_COLUMNS}


@dataclass(frozen=True)
class Edit:
    """One change to a version's table: ``row`` replaces the row of ``replaces`` (a change;
    the id itself may change), or is appended (``replaces`` None: an addition); or the row of
    ``replaces`` is dropped (``row`` None: a removal)."""

    row: Mapping[str, str] | None
    replaces: str | None = None

    def __post_init__(self) -> None:
        if self.row is None and self.replaces is None:
            raise ValueError("an edit needs a row, a row to replace, or both")


def _clean(row: Mapping[str, str]) -> dict[str, str]:
    cells = {column: str(row.get(column, "") or "").strip() for column in EXPORT_COLUMNS}
    cells[ACTORS] = actors_cell(cells[ACTORS])
    return cells


def changed_columns(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """The contract columns whose cells differ between two rows, as the edit would write
    them (trimmed, actors as ``a | b``)."""
    before, after = _clean(old), _clean(new)
    return [column for column in EXPORT_COLUMNS if before[column] != after[column]]


def apply_edit(table: pd.DataFrame, edit: Edit) -> pd.DataFrame:
    """A new contract table: ``table`` (left as it is) with ``edit`` made, every other row
    in its place. A changed row keeps its position; an added one comes last."""
    frame = table.reindex(columns=EXPORT_COLUMNS).fillna("").astype(str).reset_index(drop=True)
    if edit.replaces is not None and not (frame[ID] == edit.replaces).any():
        raise KeyError(f"no measure with id {edit.replaces!r}")
    if edit.row is None:
        return frame[frame[ID] != edit.replaces].reset_index(drop=True)
    new = pd.DataFrame([_clean(edit.row)], columns=EXPORT_COLUMNS)
    if edit.replaces is None:
        return pd.concat([frame, new], ignore_index=True)
    position = int((frame[ID] == edit.replaces).to_numpy().nonzero()[0][0])
    return pd.concat([frame.iloc[:position], new, frame.iloc[position + 1 :]], ignore_index=True)


def edited_line(table: pd.DataFrame, edit: Edit) -> int | None:
    """The line (header = 1) of the edit's row in the file ``apply_edit(table, edit)`` is
    written as: a changed row keeps its place, an added one is last; None for a removal."""
    if edit.row is None:
        return None
    if edit.replaces is None:
        return len(table) + 2
    return int((table[ID] == edit.replaces).to_numpy().nonzero()[0][0]) + 2


def edit_report(report: Report, line: int | None) -> Report:
    """The problems an edit's analyst needs to see: every error (each blocks publishing,
    wherever it is) and the warnings of the edited row. Warnings the version in force already
    had on its other rows are not the edit's doing and would bury its own."""
    kept = [p for p in report.problems if p.severity is Severity.ERROR or p.row == line]
    return replace(report, problems=kept)


def table_bytes(table: pd.DataFrame) -> bytes:
    """A contract table as the CSV the validator reads (UTF-8, ``,``, the contract's English
    headers), cells exactly as they are: nothing prefixed as an export would."""
    return table.to_csv(index=False).encode("utf-8")
