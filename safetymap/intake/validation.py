"""Validation of a measures table: parse every cell, then check the typed table with pandera.

Two stages, as the pandera docs advise for row-level reports:

1. *Parse* (this module's own code): vocabulary words to ids, partial dates, numbers with
   decimal commas, coordinates and WKT. A cell that cannot be parsed becomes one problem
   naming its row, column and value; it is then left out of stage 2 so one bad value gives
   one message, not a cascade.
2. *Check* (a ``pandera`` DataFrameSchema over the typed table): required values, id format
   and uniqueness, text lengths, vocabularies, the kind of a status and a measure type,
   date order and cost ≥ 0. Each failure case is mapped back to a Problem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import geopandas as gpd
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from safetymap.contract import problems as pr
from safetymap.contract.schema import (
    ACTOR_GROUPS,
    ACTORS,
    COLUMN_NAMES,
    COST_SEK,
    DATE_COLUMNS,
    DESCRIPTION,
    END_DATE,
    FAR_OUTSIDE_PLACE_M,
    GEOMETRY,
    ID,
    ID_PATTERN,
    KIND,
    LOCATED,
    MAX_LENGTH,
    MEASURE_TYPE,
    PLACE,
    PLACE_NAME,
    ROW,
    SOURCE,
    SOURCE_QUOTE,
    START_DATE,
    STATUS,
    STATUS_DATE,
    TITLE,
    WGS84,
)
from safetymap.contract.vocab import Vocabulary, kinds, measure_types, statuses
from safetymap.intake.actors import normalise_actors
from safetymap.intake.coords import parse_number, resolve_locations
from safetymap.intake.dates import PartialDate, parse_partial_date
from safetymap.intake.places import Places
from safetymap.intake.reading import RawTable
from safetymap.intake.suggestions import allowed_values, place_suggester, vocabulary_suggester

T = TypeVar("T")

OUTPUT_COLUMNS = (
    ROW,
    ID,
    TITLE,
    PLACE,
    PLACE_NAME,
    KIND,
    MEASURE_TYPE,
    ACTORS,
    ACTOR_GROUPS,
    STATUS,
    STATUS_DATE,
    START_DATE,
    END_DATE,
    COST_SEK,
    DESCRIPTION,
    SOURCE,
    SOURCE_QUOTE,
    LOCATED,
    GEOMETRY,
)


@dataclass
class Validated:
    """The rows that passed, as a WGS84 GeoDataFrame, and every problem found."""

    measures: gpd.GeoDataFrame
    problems: list[pr.Problem]


def validate_table(table: RawTable, places: Places) -> Validated:
    """Parse and check a RawTable; rows with errors are left out of ``measures``. A table
    that lacks required columns keeps no row and is not checked further: its header's
    problems say what to do. Each problem names its column as the file's header does."""
    problems = list(table.problems)
    if table.missing:
        empty = {c: [] for c in OUTPUT_COLUMNS}
        measures = gpd.GeoDataFrame(empty, geometry=GEOMETRY, crs=WGS84)
        return Validated(measures, pr.in_file_words(problems, table.headers))
    raw = {c: table.column(c) for c in COLUMN_NAMES}
    typed = _parse(raw, table, places, problems)
    problems.extend(_check(typed, table, places))
    problems.extend(_far_from_place(typed, places))
    bad_rows = {p.row for p in problems if p.severity is pr.Severity.ERROR}
    keep = typed[~typed.index.isin(bad_rows)]
    measures = gpd.GeoDataFrame(
        keep.reset_index()[list(OUTPUT_COLUMNS)], geometry=GEOMETRY, crs=WGS84
    )
    return Validated(measures, pr.in_file_words(problems, table.headers))


# --- stage 1: parse -------------------------------------------------------------------


def _distinct(values: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each value's position among the distinct values, and the distinct values."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    return codes, list(uniques)


def _taken(converted: list[T], codes: np.ndarray) -> list[T]:
    """``converted[code]`` for every code, picked in C."""
    lookup = np.empty(len(converted), dtype=object)
    for i, value in enumerate(converted):
        lookup[i] = value
    return lookup[codes].tolist()


def _mapped(values: list[str], convert: Callable[[str], T]) -> list[T]:
    """``convert`` applied once per distinct value (columns repeat a few words a lot)."""
    codes, uniques = _distinct(values)
    return _taken([convert(v) for v in uniques], codes)


def _parse(
    raw: dict[str, list[str]], table: RawTable, places: Places, problems: list[pr.Problem]
) -> pd.DataFrame:
    rows = table.rows
    typed: dict[str, object] = dict(raw)
    typed[KIND] = _mapped(raw[KIND], lambda v: kinds().normalise(v) or v if v else "measure")
    typed[MEASURE_TYPE] = _mapped(raw[MEASURE_TYPE], lambda v: measure_types().normalise(v) or v)
    typed[STATUS] = _mapped(raw[STATUS], lambda v: statuses().normalise(v) or v)
    place_ids = _mapped(raw[PLACE], lambda v: places.match(v) or v)
    typed[PLACE] = place_ids
    typed[PLACE_NAME] = _mapped(
        place_ids, lambda p: places.by_id[p].name if p in places.by_id else ""
    )

    found_actors = _mapped(raw[ACTORS], normalise_actors)
    typed[ACTORS] = [found.names for found in found_actors]
    typed[ACTOR_GROUPS] = [found.groups for found in found_actors]
    typed["_actor_count"] = [len(found.names) for found in found_actors]
    problems.extend(
        pr.warning("actor_unknown", row, ACTORS, name, actor=name)
        for row, found in zip(rows, found_actors)
        for name in found.unknown
    )

    for column in DATE_COLUMNS:
        codes, texts = _distinct(raw[column])
        parsed = [_try_date(text) for text in texts]
        unparsed = [i for i, (text, d) in enumerate(zip(texts, parsed)) if text and d is None]
        problems.extend(
            pr.error("date_format", rows[i], column, raw[column][i])
            for i in np.flatnonzero(np.isin(codes, unparsed))
        )
        typed[column] = _taken([d.iso() if d else "" for d in parsed], codes)
        for bound in ("first", "last"):
            days = pd.to_datetime([getattr(d, bound) if d else None for d in parsed])
            typed[f"_{column}_{bound}"] = days.take(codes)

    costs = [_try_number(text) if text else None for text in raw[COST_SEK]]
    problems.extend(
        pr.error("number_format", row, COST_SEK, text)
        for row, text, cost in zip(rows, raw[COST_SEK], costs)
        if text and cost is None
    )
    typed[COST_SEK] = pd.array(costs, dtype="Float64")

    geometries, location_problems = resolve_locations(table.values, rows)
    problems.extend(location_problems)
    typed[GEOMETRY] = geometries
    typed[LOCATED] = [g is not None for g in geometries]
    return pd.DataFrame(typed, index=pd.Index(rows, name=ROW))


def _try_date(text: str) -> PartialDate | None:
    try:
        return parse_partial_date(text) if text else None
    except ValueError:
        return None


def _try_number(text: str) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


# --- stage 2: check with pandera ------------------------------------------------------


def _not_blank(code: str = "required") -> pa.Check:
    return pa.Check(lambda s: s.str.len() > 0, name=code)


def _max_length(column: str) -> pa.Check:
    return pa.Check(lambda s: s.str.len() <= MAX_LENGTH[column], name="too_long")


def _allowed(values: list[str], code: str) -> pa.Check:
    return pa.Check(lambda s: (s == "") | s.isin(values), name=code)


def _status_fits_kind(df: pd.DataFrame) -> pd.Series:
    kind_of = {t.id: t.kind for t in statuses().terms.values()}
    known = df[STATUS].isin(kind_of) & df[KIND].isin(kinds().ids())
    return ~known | (df[STATUS].map(kind_of) == df[KIND])


def _type_fits_kind(df: pd.DataFrame) -> pd.Series:
    kind_of = {t.id: t.kind for t in measure_types().terms.values()}
    known = df[MEASURE_TYPE].isin(kind_of) & df[KIND].isin(kinds().ids())
    return ~known | (df[MEASURE_TYPE].map(kind_of) == df[KIND])


def _dates_in_order(df: pd.DataFrame) -> pd.Series:
    start, end = df[f"_{START_DATE}_first"], df[f"_{END_DATE}_last"]
    return start.isna() | end.isna() | (end >= start)


# Row-wise checks and the column each one reports its problem in.
ROW_CHECKS = {"status_kind": STATUS, "type_kind": MEASURE_TYPE, "date_order": END_DATE}
# What the row-wise checks read besides the schema's own columns.
ROW_CHECK_INPUTS = (f"_{START_DATE}_first", f"_{END_DATE}_last")


def build_schema(place_ids: list[str]) -> pa.DataFrameSchema:
    """The pandera schema of a parsed measures table (check names are problem codes)."""
    return pa.DataFrameSchema(
        {
            ID: pa.Column(
                str,
                [
                    _not_blank(),
                    pa.Check(lambda s: (s == "") | s.str.match(ID_PATTERN), name="id_pattern"),
                ],
                unique=True,
            ),
            TITLE: pa.Column(str, [_not_blank(), _max_length(TITLE)]),
            PLACE: pa.Column(str, [_not_blank(), _allowed(place_ids, "place_unknown")]),
            KIND: pa.Column(str, _allowed(kinds().ids(), "kind_unknown")),
            MEASURE_TYPE: pa.Column(
                str, [_not_blank(), _allowed(measure_types().ids(), "type_unknown")]
            ),
            STATUS: pa.Column(str, [_not_blank(), _allowed(statuses().ids(), "status_unknown")]),
            "_actor_count": pa.Column(int, pa.Check(lambda s: s > 0, name="actors_empty")),
            DESCRIPTION: pa.Column(str, _max_length(DESCRIPTION)),
            COST_SEK: pa.Column(
                "Float64",
                pa.Check(lambda s: s >= 0, name="cost_negative", ignore_na=True),
                nullable=True,
            ),
        },
        checks=[
            pa.Check(_status_fits_kind, name="status_kind"),
            pa.Check(_type_fits_kind, name="type_kind"),
            pa.Check(_dates_in_order, name="date_order"),
        ],
        strict=False,
    )


def _check(typed: pd.DataFrame, table: RawTable, places: Places) -> list[pr.Problem]:
    schema = build_schema(places.ids())
    # Only the columns checked: a failed row-wise check is reported once per column given.
    checked = typed[[*schema.columns, *ROW_CHECK_INPUTS]]
    try:
        schema.validate(checked, lazy=True)
    except SchemaErrors as exc:
        return _problems_from(exc.failure_cases, typed, table, places)
    return []


def _problems_from(
    cases: pd.DataFrame, typed: pd.DataFrame, table: RawTable, places: Places
) -> list[pr.Problem]:
    parsed = _Parsed(typed, table)
    # One problem per row and check: a row-wise check fails once for every column.
    cases = cases.dropna(subset=["index"]).drop_duplicates(subset=["index", "check"])
    found = []
    for index, check, failed_column in zip(
        cases["index"].tolist(), cases["check"].astype(str).tolist(), cases["column"].tolist()
    ):
        row = int(index)
        code = "id_duplicate" if check == "field_uniqueness" else check
        column = ROW_CHECKS.get(code) or (
            ACTORS if failed_column == "_actor_count" else str(failed_column)
        )
        found.append(_problem(code, row, column, parsed.text(column, row), parsed, places))
    return [p for p in found if p is not None]


class _Parsed:
    """The typed table's cells, and the file's text, by row and column, for wording
    problems: each column is taken out once and every lookup is a list index (not a row
    cross-section per problem, which made a file of many bad rows slow)."""

    def __init__(self, typed: pd.DataFrame, table: RawTable) -> None:
        self._typed, self._table = typed, table
        self._position = {row: i for i, row in enumerate(table.rows)}  # typed's index too
        self._columns: dict[str, list] = {}
        self._first_rows: dict[str, int] | None = None

    def __call__(self, column: str, row: int) -> object:
        if column not in self._columns:
            self._columns[column] = self._typed[column].tolist()
        return self._columns[column][self._position[row]]

    def text(self, column: str, row: int) -> str | None:
        """The cell as the file gives it; None when it is empty or the file lacks the column."""
        cells = self._table.values.get(column)
        return (cells[self._position[row]] or None) if cells is not None else None

    def first_row(self, measure_id: str) -> int:
        """The first row that uses ``measure_id``."""
        if self._first_rows is None:
            self._first_rows = {}
            for row, found in zip(self._typed.index, self._typed[ID].tolist()):
                self._first_rows.setdefault(found, int(row))
        return self._first_rows[measure_id]


def _problem(
    code: str,
    row: int,
    column: str,
    value: str | None,
    parsed: _Parsed,
    places: Places,
) -> pr.Problem | None:
    params: dict[str, object] = {}
    suggestion = None
    if code == "id_duplicate":
        first_row = parsed.first_row(str(parsed(ID, row)))
        if first_row == row:
            return None
        params["first_row"] = first_row
    elif code == "too_long":
        params.update(length=len(str(parsed(column, row))), max=MAX_LENGTH[column])
    elif code == "place_unknown":
        params["choices"] = ", ".join(places.ids())
        suggestion = place_suggester(places)(value)
    elif code == "status_unknown":  # the statuses of the row's kind, when it is known
        kind = str(parsed(KIND, row))
        params["choices"] = allowed_values("statuses", kind if kind in kinds().terms else None)
        suggestion = vocabulary_suggester("statuses")(value)
    elif code in _UNKNOWN:
        params["choices"] = allowed_values(_UNKNOWN[code])
        suggestion = vocabulary_suggester(_UNKNOWN[code])(value)
    elif code == "status_kind":
        kind = str(parsed(KIND, row))
        params.update(
            status=_label(statuses(), parsed(STATUS, row)),
            kind=_label(kinds(), kind),
            choices=allowed_values("statuses", kind),
        )
    elif code == "type_kind":
        measure_type = str(parsed(MEASURE_TYPE, row))
        params.update(
            type=_label(measure_types(), measure_type),
            kind=_label(kinds(), parsed(KIND, row)),
            expected=_label(kinds(), measure_types().terms[measure_type].kind),
        )
    elif code == "date_order":
        params.update(start=parsed(START_DATE, row), end=parsed(END_DATE, row))
    return pr.error(code, row, column, value, suggestion=suggestion, **params)


# Codes of a value outside a vocabulary, and the vocabulary (``suggestions.VOCABULARIES``).
_UNKNOWN = {"kind_unknown": "kinds", "type_unknown": "measure_types"}


def _label(vocabulary: Vocabulary, term_id: object) -> pr.Words:
    """A term's label in each language."""
    return pr.Words(vocabulary.label(str(term_id), "sv"), vocabulary.label(str(term_id), "en"))


def _far_from_place(typed: pd.DataFrame, places: Places) -> list[pr.Problem]:
    """Warn about located rows more than FAR_OUTSIDE_PLACE_M outside their place."""
    located = (typed[LOCATED] & typed[PLACE].isin(places.ids())).to_numpy()
    place_ids = typed[PLACE].to_numpy(dtype=object)[located]
    rows = typed.index.to_numpy()[located]
    distances = places.distances_outside_m(place_ids, typed[GEOMETRY].to_numpy()[located])
    far = np.flatnonzero(distances > FAR_OUTSIDE_PLACE_M)
    return [
        pr.warning(
            "far_from_place",
            int(rows[i]),
            PLACE,
            place_ids[i],
            distance=f"{distances[i]:.0f}",
            place=places.by_id[place_ids[i]].name,
        )
        for i in far
    ]
